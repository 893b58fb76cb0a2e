import { jwtVerify, SignJWT } from "jose";

/** Who is calling, as the gateway established it from the client's JWT. */
export interface Identity {
  userId: string;
  roles: string[];
}

/**
 * The gateway forwards the caller's identity to subgraphs as a short-lived token signed with a
 * secret shared only between gateway and subgraphs, so a client that reaches a subgraph directly
 * cannot claim an identity by setting headers.
 */
export const IDENTITY_HEADER = "x-mg-identity";
const ISSUER = "matchgraph-gateway";
const AUDIENCE = "matchgraph-subgraph";

const keyFor = (secret: string) => new TextEncoder().encode(secret);

export async function signIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT({ roles: identity.roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(keyFor(secret));
}

/** Returns the identity, or null when the token is missing, forged or expired. */
export async function verifyIdentity(token: string | undefined, secret: string): Promise<Identity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
    return payload.sub ? { userId: payload.sub, roles } : null;
  } catch {
    return null;
  }
}
