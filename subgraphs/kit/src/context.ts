import type DataLoader from "dataloader";
import type { Database } from "@matchgraph/db";
import type { EmbeddingClient } from "@matchgraph/ml-runtime/client";
import type { Logger } from "./logger.js";
import type { Identity } from "./identity.js";
import type { PubSub } from "./pubsub.js";
import type { SubgraphServices } from "./server.js";
import { forbidden, unauthenticated } from "./errors.js";

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  requestId: string;
  identity: Identity | null;
  log: Logger;
  db: Database;
  /** Embedding client scoped to this request: it carries the request id to the ml-runtime. */
  ml: EmbeddingClient;
  pubSub: PubSub;
  /** One DataLoader per key per request (DataLoader's cache is per request by design). */
  loader<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V>;
  /**
   * Operations of this request that answered degraded (see `markDegraded`); the kit's operation
   * plugin turns them into `extensions.degraded: true`, a metric and nothing else.
   */
  degraded?: DegradedMark[];
}

/** One operation that answered from a fallback (e.g. lexical retrieval while the ml-runtime is down). */
export interface DegradedMark {
  /** What answered degraded, e.g. "searchLeads" (the metric's `operation` label). */
  operation: string;
  /** Why, for the log (e.g. the ml-runtime client's error message). */
  reason: string;
}

export interface LoaderRegistry {
  loader: SubgraphContext["loader"];
  /** Forgets every loader (and so its cache). */
  clear(): void;
}

export function createLoaderRegistry(): LoaderRegistry {
  const loaders = new Map<string, unknown>();
  return {
    loader: <K, V>(key: string, create: () => DataLoader<K, V>) => {
      let loader = loaders.get(key) as DataLoader<K, V> | undefined;
      if (!loader) {
        loader = create();
        loaders.set(key, loader);
      }
      return loader;
    },
    clear: () => loaders.clear(),
  };
}

/**
 * A context for one request (or one background task, with no identity): the request id on every
 * log line and embedding call, and its own DataLoaders.
 */
export function createContext(
  services: Pick<SubgraphServices, "db" | "ml" | "pubSub" | "log">,
  requestId: string,
  identity: Identity | null,
): { ctx: SubgraphContext; loaders: LoaderRegistry } {
  const loaders = createLoaderRegistry();
  const ctx: SubgraphContext = {
    requestId,
    identity,
    log: services.log.child({ reqId: requestId }),
    db: services.db,
    ml: services.ml.forRequest(requestId),
    pubSub: services.pubSub,
    loader: loaders.loader,
    degraded: [],
  };
  return { ctx, loaders };
}

/** Where `markDegraded` records: the request's marks and its logger (optional in contexts built by hand). */
export interface DegradedTarget {
  degraded?: DegradedMark[];
  log?: { warn: (obj: object, msg: string) => void };
  ml?: Pick<EmbeddingClient, "circuit">;
}

/**
 * Records that `operation` answered degraded in this request and logs it (warn, once per
 * operation and request). The response then carries `extensions.degraded: true` and counts in
 * `degraded_responses_total{operation}`. Contexts built by hand (tests, benchmarks) work too.
 */
export function markDegraded(ctx: DegradedTarget, operation: string, reason: string): void {
  const marks = (ctx.degraded ??= []);
  if (marks.some((m) => m.operation === operation)) return;
  marks.push({ operation, reason });
  ctx.log?.warn({ operation, reason, mlCircuit: ctx.ml?.circuit?.state }, "degraded answer: ml-runtime unavailable, answered from lexical retrieval");
}

export const WRITER_ROLES = ["writer", "admin"];

/** Throws UNAUTHENTICATED / FORBIDDEN unless the caller holds one of the roles. */
export function requireRole(ctx: Pick<SubgraphContext, "identity">, roles: string[] = WRITER_ROLES): Identity {
  if (!ctx.identity) throw unauthenticated();
  if (!ctx.identity.roles.some((role) => roles.includes(role))) {
    throw forbidden(`Requires one of the roles: ${roles.join(", ")}`);
  }
  return ctx.identity;
}
