import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { SERVICE_TOKEN_AUDIENCE, SERVICE_TOKEN_ISSUER, signCaller, signServiceToken } from "@matchgraph/subgraph-kit";
import { AuthError, createAuthenticator } from "../src/auth.js";

const clientSecret = "client-secret-of-the-identity-provider-0123";
const identitySecret = "identity-secret-shared-with-the-subgraphs-0123";
const clientToken = (claims: Record<string, unknown>, secret = clientSecret) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("ann").setIssuedAt().setExpirationTime("1h").sign(new TextEncoder().encode(secret));

describe("service tokens at the gateway", () => {
  const jwt = createAuthenticator({ mode: "jwt", secret: clientSecret, anonymousRead: false, serviceSecret: identitySecret });

  it("admits a subgraph's service token as the user it acts for, with that user's roles, or as service:<name>", async () => {
    const forUser = await signServiceToken({ service: "recommendations", onBehalfOf: { userId: "ann", roles: ["reader"] } }, identitySecret);
    expect(await jwt.authenticate(`Bearer ${forUser}`)).toMatchObject({ userId: "ann", roles: ["reader"] });
    const background = await signServiceToken({ service: "recommendations", onBehalfOf: null }, identitySecret);
    const identity = await jwt.authenticate(`Bearer ${background}`);
    expect(identity).toMatchObject({ userId: "service:recommendations", roles: [] });
    expect(identity!.expiresAt).toBeGreaterThan(Date.now());
  });

  it("still verifies client JWTs as before", async () => {
    expect(await jwt.authenticate(`Bearer ${await clientToken({ roles: ["writer"] })}`)).toMatchObject({ userId: "ann", roles: ["writer"] });
    await expect(jwt.authenticate(`Bearer ${await clientToken({ roles: ["writer"] }, "another-secret-that-nobody-configured-012")}`)).rejects.toBeInstanceOf(AuthError);
  });

  it("refuses a service token signed with another secret, a client JWT dressed as one, and a gateway caller token", async () => {
    const forged = await signServiceToken({ service: "recommendations", onBehalfOf: { userId: "ann", roles: ["admin"] } }, clientSecret);
    await expect(jwt.authenticate(`Bearer ${forged}`)).rejects.toThrow("Invalid or expired service token");
    // A client that knows the issuer's name cannot use its own key to become a service.
    const dressed = await clientToken({ iss: SERVICE_TOKEN_ISSUER, aud: SERVICE_TOKEN_AUDIENCE, svc: "recommendations", roles: ["admin"] });
    await expect(jwt.authenticate(`Bearer ${dressed}`)).rejects.toThrow("Invalid or expired service token");
    // The caller tokens the gateway sends to subgraphs are signed with the same secret but are not accepted back.
    const caller = await signCaller({ kind: "user", identity: { userId: "ann", roles: ["admin"] } }, identitySecret);
    await expect(jwt.authenticate(`Bearer ${caller}`)).rejects.toBeInstanceOf(AuthError);
  });

  it("refuses service tokens when no identity secret is configured", async () => {
    const plain = createAuthenticator({ mode: "jwt", secret: clientSecret, anonymousRead: false });
    const token = await signServiceToken({ service: "recommendations", onBehalfOf: null }, identitySecret);
    await expect(plain.authenticate(`Bearer ${token}`)).rejects.toBeInstanceOf(AuthError);
  });

  it("in mode none, names the service instead of the local user", async () => {
    const none = createAuthenticator({ mode: "none", localRoles: ["reader", "writer"], serviceSecret: identitySecret });
    expect(await none.authenticate(undefined)).toMatchObject({ userId: "local", roles: ["reader", "writer"] });
    const token = await signServiceToken({ service: "recommendations", onBehalfOf: null }, identitySecret);
    expect(await none.authenticate(`Bearer ${token}`)).toMatchObject({ userId: "service:recommendations", roles: [] });
  });
});
