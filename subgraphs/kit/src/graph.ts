import { decodeJwt, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { GraphQLError } from "graphql";
import type { Identity } from "./identity.js";
import { REQUEST_ID_HEADER } from "./server.js";

/**
 * A subgraph that needs another domain's data while it computes (e.g. knowledge passages for a
 * generated answer) asks the graph — the gateway — like any client, never the other subgraph:
 * the gateway plans the query, admits it (limits, cost, rate) and forwards a caller token as usual.
 *
 * It authenticates with a **service token**: a short-lived HS256 JWT signed with the secret the
 * gateway and the subgraphs already share (MATCHGRAPH_IDENTITY_SECRET), with its own issuer and
 * audience, so it is neither a client JWT nor a gateway→subgraph caller token and cannot be used as
 * one. It names the service and, when the work is done for a request, the user it acts for (with
 * that user's roles: a service never gets more rights than the user whose request it serves);
 * background work acts as `service:<name>` with no roles. The gateway's authenticator
 * (gateway/src/auth.ts) recognises the issuer, verifies the token and admits the caller as that
 * identity; the rate limit counts it against the user.
 */
export const SERVICE_TOKEN_ISSUER = "matchgraph-service";
export const SERVICE_TOKEN_AUDIENCE = "matchgraph-gateway";
export const SERVICE_TOKEN_LIFETIME_S = 120;
const SERVICE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

const keyFor = (secret: string) => new TextEncoder().encode(secret);

/** Who a service call is made by and for. */
export interface ServiceCaller {
  /** The calling subgraph, e.g. "recommendations". */
  service: string;
  /** The user whose request the call serves; null for background work. */
  onBehalfOf: Identity | null;
}

/** The user id a service call is admitted as: the user's, or `service:<name>`. */
export const serviceUserId = (caller: ServiceCaller): string => caller.onBehalfOf?.userId ?? `service:${caller.service}`;

export async function signServiceToken(caller: ServiceCaller, secret: string): Promise<string> {
  if (!SERVICE_NAME.test(caller.service)) throw new Error(`service name "${caller.service}" must match ${SERVICE_NAME}`);
  return new SignJWT({ svc: caller.service, roles: caller.onBehalfOf?.roles ?? [] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(serviceUserId(caller))
    .setIssuer(SERVICE_TOKEN_ISSUER)
    .setAudience(SERVICE_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${SERVICE_TOKEN_LIFETIME_S}s`)
    .sign(keyFor(secret));
}

/** Whether a bearer token claims to be a service token (unverified: only to pick the verifier). */
export function isServiceToken(token: string): boolean {
  try {
    return decodeJwt(token).iss === SERVICE_TOKEN_ISSUER;
  } catch {
    return false;
  }
}

export interface VerifiedService {
  service: string;
  identity: Identity;
  /** When the token expires (ms). */
  expiresAt: number;
}

/** The caller of a valid service token; null when it is forged, expired or malformed. */
export async function verifyServiceToken(token: string, secret: string): Promise<VerifiedService | null> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      issuer: SERVICE_TOKEN_ISSUER,
      audience: SERVICE_TOKEN_AUDIENCE,
      algorithms: ["HS256"],
      requiredClaims: ["exp", "iat", "sub"],
      maxTokenAge: `${SERVICE_TOKEN_LIFETIME_S}s`,
    });
    if (typeof payload.svc !== "string" || !SERVICE_NAME.test(payload.svc)) return null;
    // A token may live no longer than the lifetime services sign with.
    if (payload.exp! - payload.iat! > SERVICE_TOKEN_LIFETIME_S) return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
    return { service: payload.svc, identity: { userId: payload.sub!, roles }, expiresAt: payload.exp! * 1000 };
  } catch {
    return null;
  }
}

/** Verifies service tokens, keeping valid ones until they expire (a service reuses its token for many calls). */
export function createServiceTokenVerifier(secret: string): (token: string) => Promise<VerifiedService | null> {
  const cache = new LRUCache<string, VerifiedService>({ max: 10_000 });
  return async (token) => {
    const hit = cache.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit;
    const verified = await verifyServiceToken(token, secret);
    if (verified) cache.set(token, verified);
    return verified;
  };
}

/** Where a subgraph finds the graph: the gateway's URL (known only once it listens, in the embedded platform) and the shared secret. */
export interface GraphLink {
  url: string | (() => string | undefined);
  secret: string;
  /** Per call; default 10 000 ms. */
  timeoutMs?: number;
}

/** What a subgraph factory may be given besides its pub/sub (both topologies pass it). */
export interface SubgraphOptions {
  /** The graph, for calls with a service identity. */
  graph?: GraphLink;
  /** The ml-runtime's base URL (e.g. the LLM client's default provider). */
  mlRuntimeUrl?: string;
}

export interface GraphCallOptions {
  /** The user the call serves (the resolver's `ctx.identity`), or null for background work. */
  onBehalfOf: Identity | null;
  /** Sent as x-request-id, so the nested request shares the outer request's logs. */
  requestId?: string;
  signal?: AbortSignal;
}

export interface GraphClient {
  /**
   * Runs a query through the gateway as this service. Errors come back as GraphQLErrors with the
   * answer's first code (UNAVAILABLE when the gateway cannot be reached or answers without data).
   */
  query<T>(query: string, variables: Record<string, unknown>, options: GraphCallOptions): Promise<T>;
}

// The gateway refusing the service token itself (UNAUTHENTICATED) is a fault of the platform, not of the user: UNAVAILABLE.
const PASSED_ON = new Set(["BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "UNAVAILABLE", "CONFLICT"]);
/** A service token is signed once per caller and reused until a quarter of its life is left. */
const REUSE_MS = SERVICE_TOKEN_LIFETIME_S * 750;

export function createGraphClient(service: string, link: GraphLink): GraphClient {
  if (!SERVICE_NAME.test(service)) throw new Error(`service name "${service}" must match ${SERVICE_NAME}`);
  const tokens = new LRUCache<string, { token: Promise<string>; signedAt: number }>({ max: 10_000 });
  const tokenFor = (onBehalfOf: Identity | null) => {
    const key = onBehalfOf ? `${onBehalfOf.userId}\u0000${onBehalfOf.roles.join("\u0000")}` : "";
    const hit = tokens.get(key);
    if (hit && Date.now() - hit.signedAt < REUSE_MS) return hit.token;
    const token = signServiceToken({ service, onBehalfOf }, link.secret);
    tokens.set(key, { token, signedAt: Date.now() });
    token.catch(() => tokens.delete(key));
    return token;
  };
  const unavailable = (message: string) => new GraphQLError(message, { extensions: { code: "UNAVAILABLE" } });
  return {
    async query<T>(query: string, variables: Record<string, unknown>, options: GraphCallOptions): Promise<T> {
      const url = typeof link.url === "function" ? link.url() : link.url;
      if (!url) throw unavailable("The graph is not reachable yet (the gateway has not started)");
      const timeout = AbortSignal.timeout(link.timeoutMs ?? 10_000);
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            authorization: `Bearer ${await tokenFor(options.onBehalfOf)}`,
            ...(options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {}),
          },
          body: JSON.stringify({ query, variables }),
          signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
        });
        text = await res.text();
      } catch (err) {
        throw unavailable(`The graph could not be reached (${(err as Error).name === "TimeoutError" ? "timed out" : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message)})`);
      }
      let body: { data?: T | null; errors?: Array<{ message?: string; extensions?: { code?: string } }> };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw unavailable(`The graph answered HTTP ${res.status} without JSON`);
      }
      const first = body.errors?.[0];
      if (first) {
        const code = first.extensions?.code && PASSED_ON.has(first.extensions.code) ? first.extensions.code : "UNAVAILABLE";
        throw new GraphQLError(`The graph refused ${service}'s query: ${first.message ?? "unknown error"}`, { extensions: { code } });
      }
      if (!res.ok || body.data == null) throw unavailable(`The graph answered HTTP ${res.status} without data`);
      return body.data;
    },
  };
}
