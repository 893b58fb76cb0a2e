import { z } from "zod";
import { logLevel, port } from "@matchgraph/subgraph-kit";
import type { AuthConfig } from "./auth.js";
import type { Limits } from "./limits.js";

const bool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");
const csv = z.string().transform((s) => s.split(",").map((r) => r.trim()).filter(Boolean));

/** Gateway settings shared by both topologies. */
export const gatewayEnv = z.object({
  PORT: port(4000),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: logLevel,
  AUTH_MODE: z.enum(["none", "jwt"]).default("jwt"),
  AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  AUTH_ANONYMOUS_READ: bool.default(false),
  AUTH_LOCAL_ROLES: csv.default(["reader", "writer"]),
  AUTH_MAX_TOKEN_LIFETIME_S: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
  MAX_QUERY_BYTES: z.coerce.number().int().min(1024).max(8 * 1024 * 1024).default(256 * 1024),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5000),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(10_000).default(30),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).max(10_000).default(30),
  MAX_QUERY_COST: z.coerce.number().int().min(10).default(20_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  ML_RUNTIME_URL: z.string().url().default("http://127.0.0.1:4100"),
});
export type GatewayEnv = z.infer<typeof gatewayEnv>;

export function authConfig(env: GatewayEnv): AuthConfig {
  if (env.AUTH_MODE === "none") return { mode: "none", localRoles: env.AUTH_LOCAL_ROLES };
  if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL) {
    throw new Error("AUTH_MODE=jwt needs AUTH_JWT_SECRET or AUTH_JWKS_URL (or set AUTH_MODE=none for a local demo)");
  }
  return {
    mode: "jwt",
    secret: env.AUTH_JWT_SECRET,
    jwksUrl: env.AUTH_JWKS_URL,
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    anonymousRead: env.AUTH_ANONYMOUS_READ,
    maxTokenLifetimeS: env.AUTH_MAX_TOKEN_LIFETIME_S,
  };
}

export function limitsOf(env: GatewayEnv): Limits {
  return {
    maxBytes: env.MAX_QUERY_BYTES,
    maxTokens: env.MAX_QUERY_TOKENS,
    maxDepth: env.MAX_QUERY_DEPTH,
    maxAliases: env.MAX_QUERY_ALIASES,
    maxDirectives: env.MAX_QUERY_DIRECTIVES,
    maxCost: env.MAX_QUERY_COST,
    ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
  };
}

export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, "ws");
