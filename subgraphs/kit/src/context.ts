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
  };
  return { ctx, loaders };
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
