import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { Identity } from "@matchgraph/subgraph-kit";

export type AuthConfig =
  | { mode: "none"; localRoles: string[] }
  | { mode: "jwt"; secret?: string; jwksUrl?: string; issuer?: string; audience?: string; anonymousRead: boolean };

export class AuthError extends Error {}

export interface Authenticator {
  /** Identity from an Authorization header; null for an anonymous caller that may read. */
  authenticate(authorization: string | undefined): Promise<Identity | null>;
  readonly anonymousRead: boolean;
}

const LOCAL_USER: Identity = { userId: "local", roles: [] };

/**
 * Verifies client JWTs (HS256 shared secret or a JWKS endpoint) with jose. `roles` is read from
 * the `roles` claim (array or space-separated string). Mode `none` is for the embedded demo only:
 * every caller is the local user with the configured roles.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
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
  return {
    anonymousRead: config.anonymousRead,
    async authenticate(authorization) {
      if (!authorization) return null;
      const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
      if (!match) throw new AuthError("Authorization header must be 'Bearer <token>'");
      try {
        const { payload } = await jwtVerify(match[1]!, key as Uint8Array, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms,
        });
        if (!payload.sub) throw new AuthError("Token has no subject");
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
        return { userId: payload.sub, roles };
      } catch (err) {
        if (err instanceof AuthError) throw err;
        // jose's reason (expired, bad signature, …) is not for clients.
        throw new AuthError("Invalid or expired token");
      }
    },
  };
}
