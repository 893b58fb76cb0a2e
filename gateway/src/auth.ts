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
  const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : new TextEncoder().encode(config.secret ?? "");
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
        });
        if (!payload.sub) throw new AuthError("Token has no subject");
        const claim = payload.roles ?? payload.scope;
        const roles = Array.isArray(claim) ? claim.filter((r): r is string => typeof r === "string") : typeof claim === "string" ? claim.split(" ") : [];
        return { userId: payload.sub, roles };
      } catch (err) {
        if (err instanceof AuthError) throw err;
        throw new AuthError(`Invalid token: ${(err as Error).message}`);
      }
    },
  };
}
