// `npm start`: the embedded topology in one process. Migrates, seeds and fetches the model on
// first run; prints the URLs; Ctrl-C stops everything cleanly.
import { z } from "zod";
import { embedSeedRows, insertSeedRows, migrate, openDatabase } from "@matchgraph/db";
import { delimiter } from "node:path";
import { loadRegistry, modelSearchPath, resolveModel } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { ensureModel } from "@matchgraph/ml-runtime/fetch";
import { ensureConsoleBuild } from "@matchgraph/console/build";
import { createLogger, parseEnv, port, type Logger } from "@matchgraph/subgraph-kit";
import { authConfig, gatewayEnv, limitsOf } from "./config.js";
import { startPlatform } from "./platform.js";

const FALLBACK_MODEL = "universal-sentence-encoder-lite";

const env = parseEnv(
  gatewayEnv.extend({
    AUTH_MODE: z.enum(["none", "jwt"]).default("none"),
    DATABASE_URL: z.string().url().optional(),
    ML_MODEL_DIR: z.string().optional(),
    ML_DEFAULT_MODEL: z.string().optional(),
    ML_PORT: port(4100),
    SEED: z.enum(["true", "false"]).default("true"),
    ML_GENERATION_FETCH: z.enum(["true", "false"]).default("true"),
  }),
);
// One logger for the process; every service logs through a child that names it.
const log = createLogger(undefined, env.LOG_LEVEL);

/** The strongest model at hand: the configured one, else all-MiniLM-L6-v2 (fetched once), else USE-Lite. */
async function chooseModel(log: Logger): Promise<{ id: string; dimension: number; modelDirs: string[] }> {
  const registry = loadRegistry();
  const searchPath = modelSearchPath((env.ML_MODEL_DIR ?? "").split(delimiter).filter(Boolean));
  const find = (id: string) => {
    try {
      return resolveModel(registry, id, searchPath);
    } catch {
      return null;
    }
  };
  const wanted = env.ML_DEFAULT_MODEL ?? "all-minilm-l6-v2";
  if (!find(wanted)) {
    try {
      // Ready-made ONNX only: converting PyTorch weights needs torch (minutes on a first run);
      // `npm run models:fetch` does that. The int8 MiniLM scores as the fp32 one on SciFact.
      await ensureModel(wanted, { log: (message: string) => log.info(message), convert: false });
    } catch (err) {
      if (env.ML_DEFAULT_MODEL || !find(FALLBACK_MODEL)) throw err;
      log.warn(`could not fetch ${wanted} (${(err as Error).message}); using ${FALLBACK_MODEL}`);
    }
  }
  const model = find(wanted) ?? find(FALLBACK_MODEL);
  if (!model) throw new Error(`No embedding model found (looked in ${searchPath.join(", ")}); run npm run models:fetch`);
  return { id: model.id, dimension: model.dimension, modelDirs: searchPath };
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
function fail(err: unknown): never {
  const e = err as NodeJS.ErrnoException & { port?: number };
  const message = e.code === "EADDRINUSE" ? `port ${e.port} is already in use (is another matchgraph running?); set PORT / ML_PORT or stop it` : e.message;
  log.fatal({ err }, message);
  process.stderr.write(`\nmatchgraph could not start: ${message}\n`);
  process.exit(1);
}

const started = Date.now();
// The Console's build output is not committed: it is built here when missing or older than its
// sources (1-3 s with Vite 8 on two cores), while the model is looked up. A failed build leaves /app answering 503, the graph runs.
const consoleBuild = ensureConsoleBuild({ info: (message) => log.info(message) }).catch((err: unknown) => log.error({ err }, "the Console could not be built; /app answers 503"));
const model = await chooseModel(log);
await consoleBuild;
// DATABASE_URL selects PostgreSQL; otherwise PGlite under PGLITE_DATA_DIR (default .data/pglite),
// in its own worker thread behind the Postgres wire protocol (an older PGlite's directory is moved aside).
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, log: (message) => log.warn(message) });
const { applied } = await migrate(db);
if (applied.length) log.info({ applied }, "migrations applied");

const platform = await startPlatform({
  db,
  log,
  auth: authConfig(env),
  limits: limitsOf(env),
  host: env.HOST,
  port: env.PORT,
  servicePorts: "default",
  mlPort: env.ML_PORT,
  ml: { models: [model.id], defaultModel: model.id, modelDirs: model.modelDirs, fetchGenerationModel: env.ML_GENERATION_FETCH === "true" },
  // The demo rows go in before the subgraphs start (a second or two); their vectors come after
  // the platform is up (below), so the first start does not wait for them.
  beforeServices: async () => {
    if (env.SEED === "true") await insertSeedRows(db, (message) => log.info(message));
  },
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping`);
  await platform.close();
  await db.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));


const lines = [
  "",
  `matchgraph is up (${((Date.now() - started) / 1000).toFixed(1)} s) — database: ${db.describe()}, model: ${model.id}`,
  `  Console (web app)   ${new URL("/app/", platform.url)}`,
  `  GraphQL + GraphiQL  ${platform.url}`,
  `  Subscriptions (ws)  ${platform.wsUrl}`,
  `  Health / readiness  ${new URL("/healthz", platform.url)}  ${new URL("/readyz", platform.url)}`,
  `  ml-runtime          ${platform.mlRuntimeUrl}/v1/embeddings`,
  ...platform.subgraphs.map((s) => `  subgraph ${s.name.padEnd(16)} ${s.url}`),
  "Ctrl-C stops everything.",
  "",
];
process.stdout.write(lines.join("\n") + "\n");

if (env.SEED === "true") {
  // Vectors for the demo rows, in the background: searches find each table's rows as soon as its
  // batch is written; the opportunities worker matches seeded rows once they have settled.
  const client = createEmbeddingClient({ baseUrl: platform.mlRuntimeUrl, defaultModel: model.id, timeoutMs: 120_000 });
  const seeding = Date.now();
  embedSeedRows(db, { embed: (texts) => client.embed(texts, { model: model.id }), model: model.id, dimension: model.dimension, log: (message) => log.info(message) })
    .then((embedded) => {
      const n = Object.values(embedded).reduce((a, b) => a + b, 0);
      if (n > 0) log.info(`demo data embedded: ${n} rows in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
    })
    .catch((err: unknown) => log.warn({ err }, "embedding the demo data failed; it is tried again on the next start"));
}
