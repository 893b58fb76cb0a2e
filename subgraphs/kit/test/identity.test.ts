import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createCallerSigner, createCallerVerifier, identityOf, signCaller, verifyCaller } from "../src/identity.js";

const secret = "s".repeat(40);

describe("gateway-signed caller", () => {
  it("round-trips a user's id and roles, an anonymous reader and the gateway itself", async () => {
    const user = await verifyCaller(await signCaller({ kind: "user", identity: { userId: "u-7", roles: ["writer", "reader"] } }, secret), secret);
    expect(user).toMatchObject({ kind: "user", identity: { userId: "u-7", roles: ["writer", "reader"] } });
    expect(user!.expiresAt).toBeGreaterThan(Date.now());
    expect(await verifyCaller(await signCaller({ kind: "anonymous" }, secret), secret)).toMatchObject({ kind: "anonymous" });
    expect(await verifyCaller(await signCaller({ kind: "service" }, secret), secret)).toMatchObject({ kind: "service" });
  });

  it("gives resolvers an identity only for a user", () => {
    expect(identityOf({ kind: "user", identity: { userId: "u", roles: ["admin"] } })).toEqual({ userId: "u", roles: ["admin"] });
    expect(identityOf({ kind: "anonymous" })).toBeNull();
    expect(identityOf({ kind: "service" })).toBeNull();
    expect(identityOf(null)).toBeNull();
  });

  it("rejects another secret, a tampered payload, a token without kind or exp, garbage and nothing", async () => {
    expect(await verifyCaller(await signCaller({ kind: "service" }, "o".repeat(40)), secret)).toBeNull();
    const good = await signCaller({ kind: "user", identity: { userId: "u-7", roles: ["reader"] } }, secret);
    const [h, , s] = good.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ kind: "user", sub: "u-7", roles: ["admin"], iss: "matchgraph-gateway", aud: "matchgraph-subgraph", exp: 9e9 })).toString("base64url");
    expect(await verifyCaller(`${h}.${forgedPayload}.${s}`, secret)).toBeNull();
    const key = new TextEncoder().encode(secret);
    const claims = { iss: "matchgraph-gateway", aud: "matchgraph-subgraph", sub: "u" };
    const noKind = await new SignJWT({ roles: ["admin"], ...claims }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1m").sign(key);
    const noExp = await new SignJWT({ kind: "user", roles: ["admin"], ...claims }).setProtectedHeader({ alg: "HS256" }).sign(key);
    expect(await verifyCaller(noKind, secret)).toBeNull();
    expect(await verifyCaller(noExp, secret)).toBeNull();
    expect(await verifyCaller("garbage", secret)).toBeNull();
    expect(await verifyCaller(undefined, secret)).toBeNull();
  });

  it("signs each caller once and reuses the token; a different caller gets another token", async () => {
    const sign = createCallerSigner(secret);
    const alice = { kind: "user" as const, identity: { userId: "alice", roles: ["reader"] } };
    const first = await sign(alice);
    expect(await sign({ kind: "user", identity: { userId: "alice", roles: ["reader"] } })).toBe(first);
    expect(await sign({ kind: "user", identity: { userId: "alice", roles: ["writer"] } })).not.toBe(first);
    expect(await sign({ kind: "anonymous" })).not.toBe(first);
  });

  it("verifies through a cache that never keeps a forged token", async () => {
    const verify = createCallerVerifier(secret);
    const token = await signCaller({ kind: "user", identity: { userId: "bob", roles: ["writer"] } }, secret);
    expect(await verify(token)).toMatchObject({ kind: "user", identity: { userId: "bob" } });
    expect(await verify(token)).toMatchObject({ kind: "user", identity: { userId: "bob" } });
    const forged = `${token.slice(0, -4)}AAAA`;
    expect(await verify(forged)).toBeNull();
    expect(await verify(forged)).toBeNull();
    expect(await verify(undefined)).toBeNull();
  });
});
