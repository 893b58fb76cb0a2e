import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { LRUCache } from "lru-cache";
import { createServiceTokenVerifier, isServiceToken, type Identity } from "@matchgraph/subgraph-kit";

/**
 * `serviceSecret` (the identity secret shared with the subgraphs) lets subgraphs call the graph
 * with a service token (kit graph.ts); without it service tokens are refused like any bad token.
 */
export type AuthConfig = (
  | { mode: "none"; localRoles: string[] }
  | {
      mode: "jwt";
      secret?: string;
      jwksUrl?: string;
      issuer?: string;
      audience?: string;
      anonymousRead: boolean;
      /** Longest lifetime (exp − iat, or exp − now without iat) a token may have; default 24 h. */
      maxTokenLifetimeS?: number;
    }
) & { serviceSecret?: string };

export class AuthError extends Error {}

/** A verified caller; `expiresAt` (ms) is when its token stops being valid (none in mode `none`). */
export type AuthenticatedIdentity = Identity & { expiresAt?: number };

export interface Authenticator {
  /** Identity from an Authorization header; null for an anonymous caller that may read. */
  authenticate(authorization: string | undefined): Promise<AuthenticatedIdentity | null>;
  readonly anonymousRead: boolean;
}

const LOCAL_USER: Identity = { userId: "local", roles: [] };
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 24 * 3600;

/** `roles` as an array of strings, or one string of names separated by spaces or commas. */
export function rolesOf(claim: unknown): string[] {
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((r): r is string => typeof r === "string" && r.length > 0);
  return [];
}

function checkLifetime(payload: JWTPayload, maxLifetimeS: number): void {
  const exp = payload.exp!;
  const from = typeof payload.iat === "number" ? payload.iat : Math.floor(Date.now() / 1000);
  if (exp - from > maxLifetimeS) throw new AuthError(`Token lifetime exceeds the maximum of ${maxLifetimeS} s`);
}

/**
 * Verifies client JWTs (HS256/384/512 with a shared secret, or the provider's asymmetric keys
 * from a JWKS endpoint) with jose. A token must carry `sub` and `exp`, may not live longer than
 * the configured maximum, and must match `iss`/`aud` when they are configured. Mode `none` is
 * for the embedded demo only: every caller is the local user with the configured roles.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
  const clients = createClientAuthenticator(config);
  if (!config.serviceSecret) return clients;
  return withServiceTokens(clients, config.serviceSecret);
}

/**
 * A subgraph calling the graph (kit graph.ts) sends a service token: recognised by its issuer,
 * verified with the secret gateway and subgraphs share, admitted as the user it acts for (or
 * `service:<name>`) with the roles it carries. A token that claims that issuer but does not verify
 * is refused: it never falls through to the client JWT check.
 */
function withServiceTokens(clients: Authenticator, secret: string): Authenticator {
  const verify = createServiceTokenVerifier(secret);
  return {
    anonymousRead: clients.anonymousRead,
    async authenticate(authorization) {
      const token = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim())?.[1] : undefined;
      if (!token || !isServiceToken(token)) return clients.authenticate(authorization);
      const verified = await verify(token);
      if (!verified) throw new AuthError("Invalid or expired service token");
      return { ...verified.identity, expiresAt: verified.expiresAt };
    },
  };
}

function createClientAuthenticator(config: AuthConfig): Authenticator {
  if (config.mode === "none") {
    const identity = { ...LOCAL_USER, roles: config.localRoles };
    return { anonymousRead: true, authenticate: async () => identity };
  }
  if (config.jwksUrl && config.secret) throw new Error("Set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both");
  const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : new TextEncoder().encode(config.secret ?? "");
  // A shared secret means HMAC; a JWKS means the provider's asymmetric keys. Never "none".
  const algorithms = config.jwksUrl ? ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"] : ["HS256", "HS384", "HS512"];
  const maxLifetimeS = config.maxTokenLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
  // A client sends the same token with every request: verify it once, keep it until it expires.
  const verified = new LRUCache<string, AuthenticatedIdentity & { expiresAt: number }>({ max: 10_000 });
  return {
    anonymousRead: config.anonymousRead,
    async authenticate(authorization) {
      if (!authorization) return null;
      const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
      if (!match) throw new AuthError("Authorization header must be 'Bearer <token>'");
      const known = verified.get(match[1]!);
      if (known && known.expiresAt > Date.now()) return known;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(match[1]!, key as Uint8Array, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms,
          requiredClaims: ["exp", "sub"],
        }));
      } catch {
        // jose's reason (expired, bad signature, …) is not for clients.
        throw new AuthError("Invalid or expired token");
      }
      checkLifetime(payload, maxLifetimeS);
      const identity = { userId: payload.sub!, roles: rolesOf(payload.roles), expiresAt: payload.exp! * 1000 };
      verified.set(match[1]!, identity);
      return identity;
    },
  };
}
