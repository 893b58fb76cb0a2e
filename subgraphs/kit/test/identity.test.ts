import { describe, expect, it } from "vitest";
import { signIdentity, verifyIdentity } from "../src/identity.js";

const secret = "s".repeat(40);

describe("gateway-signed identity", () => {
  it("round-trips user id and roles", async () => {
    const token = await signIdentity({ userId: "u-7", roles: ["writer", "reader"] }, secret);
    expect(await verifyIdentity(token, secret)).toEqual({ userId: "u-7", roles: ["writer", "reader"] });
  });

  it("rejects a token signed with another secret, a tampered token and garbage", async () => {
    const token = await signIdentity({ userId: "u-7", roles: ["admin"] }, "o".repeat(40));
    expect(await verifyIdentity(token, secret)).toBeNull();
    const good = await signIdentity({ userId: "u-7", roles: ["reader"] }, secret);
    const [h, , s] = good.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: "u-7", roles: ["admin"], iss: "matchgraph-gateway", aud: "matchgraph-subgraph" })).toString("base64url");
    expect(await verifyIdentity(`${h}.${forgedPayload}.${s}`, secret)).toBeNull();
    expect(await verifyIdentity("garbage", secret)).toBeNull();
    expect(await verifyIdentity(undefined, secret)).toBeNull();
  });
});
