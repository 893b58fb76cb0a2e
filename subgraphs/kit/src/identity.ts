import { jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";

/** Who is calling, as the gateway established it from the client's JWT. */
export interface Identity {
  userId: string;
  roles: string[];
}

/**
 * Whom a subgraph call is made for: a signed-in user, an anonymous reader the gateway admitted,
 * or the gateway itself (its readiness probes and schema fetches). Only a user has roles.
 */
export type Caller = { kind: "user"; identity: Identity } | { kind: "anonymous" } | { kind: "service" };

/**
 * The gateway forwards the caller to subgraphs as a short-lived token signed with a secret shared
 * only between gateway and subgraphs; subgraphs refuse every operation without one, so a client
 * that reaches a subgraph directly can neither read nor claim an identity.
 */
export const IDENTITY_HEADER = "x-mg-identity";
const ISSUER = "matchgraph-gateway";
const AUDIENCE = "matchgraph-subgraph";
export const IDENTITY_LIFETIME_S = 300;
const ANONYMOUS_SUBJECT = "anonymous";
const SERVICE_SUBJECT = "gateway";

const keyFor = (secret: string) => new TextEncoder().encode(secret);

export async function signCaller(caller: Caller, secret: string): Promise<string> {
  const subject = caller.kind === "user" ? caller.identity.userId : caller.kind === "anonymous" ? ANONYMOUS_SUBJECT : SERVICE_SUBJECT;
  return new SignJWT({ kind: caller.kind, roles: caller.kind === "user" ? caller.identity.roles : [] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_LIFETIME_S}s`)
    .sign(keyFor(secret));
}

/** Returns the caller, or null when the token is missing, forged or expired. */
export async function verifyCaller(token: string | undefined, secret: string): Promise<(Caller & { expiresAt: number }) | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"], requiredClaims: ["exp", "sub"] });
    const expiresAt = payload.exp! * 1000;
    if (payload.kind === "anonymous") return { kind: "anonymous", expiresAt };
    if (payload.kind === "service") return { kind: "service", expiresAt };
    if (payload.kind !== "user") return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
    return { kind: "user", identity: { userId: payload.sub!, roles }, expiresAt };
  } catch {
    return null;
  }
}

/** The identity a resolver sees: a user's, or none (anonymous readers and the gateway itself). */
export const identityOf = (caller: Caller | null): Identity | null => (caller?.kind === "user" ? caller.identity : null);

const callerKey = (caller: Caller) => (caller.kind === "user" ? `user\u0000${caller.identity.userId}\u0000${caller.identity.roles.join("\u0000")}` : caller.kind);

/**
 * Signs each distinct caller once per lifetime (the gateway's hot path: one HMAC per caller every
 * few minutes, not one per subgraph fetch). A token is reused until a fifth of its life is left.
 */
export function createCallerSigner(secret: string, options: { maxCallers?: number } = {}): (caller: Caller) => Promise<string> {
  const reuseMs = IDENTITY_LIFETIME_S * 800;
  const cache = new LRUCache<string, { token: Promise<string>; signedAt: number }>({ max: options.maxCallers ?? 10_000 });
  return (caller) => {
    const key = callerKey(caller);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.signedAt < reuseMs) return hit.token;
    const token = signCaller(caller, secret);
    cache.set(key, { token, signedAt: Date.now() });
    token.catch(() => cache.delete(key));
    return token;
  };
}

/**
 * Verifies tokens with a cache of the ones already verified (the gateway sends the same token for
 * many requests), each kept until it expires; forged tokens are never cached.
 */
export function createCallerVerifier(secret: string, options: { maxTokens?: number } = {}): (token: string | undefined) => Promise<Caller | null> {
  const cache = new LRUCache<string, Caller & { expiresAt: number }>({ max: options.maxTokens ?? 10_000 });
  return async (token) => {
    if (!token) return null;
    const hit = cache.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit;
    const caller = await verifyCaller(token, secret);
    if (caller) cache.set(token, caller);
    else cache.delete(token);
    return caller;
  };
}
