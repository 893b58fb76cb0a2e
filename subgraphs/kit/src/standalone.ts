import { z } from "zod";
import { openDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { logLevel, parseEnv, port } from "./config.js";
import { createLogger } from "./logger.js";
import { createInProcessPubSub, createPostgresPubSub, type PubSub } from "./pubsub.js";
import type { SubgraphOptions } from "./graph.js";
import { serveSubgraph, type SubgraphDefinition } from "./server.js";

export const serviceEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  ML_RUNTIME_URL: z.string().url().default("http://127.0.0.1:4100"),
  ML_DEFAULT_MODEL: z.string().min(1).default("all-minilm-l6-v2"),
  ML_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  MATCHGRAPH_IDENTITY_SECRET: z.string().min(32, "must be at least 32 characters (shared by gateway and subgraphs)"),
  /** Where a subgraph asks the graph for other domains' data (with a service token). */
  MATCHGRAPH_GATEWAY_URL: z.string().url().default("http://127.0.0.1:4000/graphql"),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: logLevel,
});

/**
 * Distributed topology: one subgraph in its own process, on PostgreSQL (DATABASE_URL) with
 * LISTEN/NOTIFY pub/sub, calling the shared ml-runtime over HTTP.
 */
export async function runStandalone(
  name: string,
  create: (pubSub: PubSub, options: SubgraphOptions) => Promise<SubgraphDefinition>,
  defaultPort: number,
): Promise<void> {
  const env = parseEnv(serviceEnv.extend({ PORT: port(defaultPort) }));
  const log = createLogger(name, env.LOG_LEVEL);
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL });
  const pubSub = env.DATABASE_URL ? await createPostgresPubSub(env.DATABASE_URL, log) : createInProcessPubSub();
  const ml = createEmbeddingClient({ baseUrl: env.ML_RUNTIME_URL, defaultModel: env.ML_DEFAULT_MODEL, timeoutMs: env.ML_TIMEOUT_MS });
  const def = await create(pubSub, { graph: { url: env.MATCHGRAPH_GATEWAY_URL, secret: env.MATCHGRAPH_IDENTITY_SECRET }, mlRuntimeUrl: env.ML_RUNTIME_URL });
  const service = await serveSubgraph(def, { db, ml, pubSub, log, identitySecret: env.MATCHGRAPH_IDENTITY_SECRET }, { port: env.PORT, host: env.HOST });
  log.info({ url: service.url, database: db.describe() }, `${name} subgraph ready`);
  const stop = async () => {
    await service.close();
    await pubSub.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
