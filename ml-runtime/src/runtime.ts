import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { HealthModel } from "./api-types.js";
import { configFromEnv, resolveConfig, type MlRuntimeConfig } from "./config.js";
import { EmbeddingEngine } from "./engine/engine.js";
import { createLogger, type Logger } from "./logger.js";
import { RuntimeMetrics } from "./metrics.js";
import { loadRegistry, modelSearchPath, resolveModel, withInputPrefix } from "./registry.js";
import { InFlight, createHttpServer } from "./server/http.js";
import type { RuntimeState } from "./server/state.js";
import type { GenerationEngine } from "./generation/engine.js";
import { prepareGeneration } from "./generation/start.js";
import type { Database } from "@matchgraph/db";
import { TabularModels } from "./tabular/manager.js";
import type { TabularRouteDeps } from "./tabular/routes.js";

const closeGraceMs = 30_000;

export interface MlRuntimeOptions extends Partial<MlRuntimeConfig> {
  /** Defaults to a pino logger at `logLevel` writing JSON to stdout. */
  logger?: Logger;
  /** Read ML_* variables for options not given here (default true). */
  readEnv?: boolean;
  /**
   * The database of the tabular model versions (the embedded platform passes its own). Without
   * it the runtime opens `databaseUrl` (ML_DATABASE_URL / DATABASE_URL) when set; with neither it
   * serves no tabular models.
   */
  db?: Database;
}

export interface RuntimeModel extends HealthModel {
  onnxPath: string;
  queryPrefix?: string;
  passagePrefix?: string;
}

export interface InProcessEmbeddings {
  model: string;
  embeddings: Float32Array[];
  tokenCounts: number[];
}

export interface MlRuntime {
  /** e.g. `http://127.0.0.1:4100` */
  readonly url: string;
  readonly port: number;
  readonly defaultModel: string;
  readonly models: RuntimeModel[];
  /** The runtime's own Prometheus registry (what /metrics serves). */
  readonly metricsRegistry: Registry;
  /** Text generation (node-llama-cpp in its own worker); undefined when turned off. `load(id)` waits for a model. */
  readonly generation: GenerationEngine | undefined;
  /** Tabular models (undefined without a database): serving versions, in-process scoring, activate and rollback. */
  readonly tabular: TabularModels | undefined;
  /** Embeds in-process, through the same queue and worker as HTTP requests. */
  embed(texts: string[], options?: { model?: string; inputType?: "query" | "passage" }): Promise<InProcessEmbeddings>;
  /** Stops accepting requests, lets in-flight ones finish, stops the inference worker. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server, then loads the models in the inference worker (/healthz says
 * "loading" meanwhile). Resolves once the models are loaded; rejects, with the server closed,
 * if a model cannot be found or loaded.
 */
export async function startMlRuntime(options: MlRuntimeOptions = {}): Promise<MlRuntime> {
  const { logger: givenLogger, readEnv = true, db: givenDb, ...given } = options;
  const config = resolveConfig({ ...(readEnv ? configFromEnv() : {}), ...given });
  const logger = givenLogger ?? createLogger(config.logLevel);
  const registry = loadRegistry(config.registryFile);
  const searchPath = modelSearchPath(config.modelDirs);
  // Resolve files before listening: a missing model fails fast, naming where it looked.
  const specs = config.models.map((id) => resolveModel(registry, id, searchPath));
  // Generation models: checked now (an unknown id stops start-up), loaded in the background once serving.
  const generationPlan = prepareGeneration(config, searchPath, logger);

  const metrics = new RuntimeMetrics();
  const state: RuntimeState = { status: "loading", defaultModel: config.defaultModel, registryIds: Object.keys(registry) };
  const inFlight = new InFlight();
  let closing = false;
  const tabularDeps: TabularRouteDeps = { models: undefined, db: undefined, adminToken: config.adminToken, maxRows: config.maxTabularRows, maxBodyBytes: config.maxBodyBytes };
  const server = createHttpServer(
    { state, metrics, logger, limits: { maxInputs: config.maxInputs, maxInputChars: config.maxInputChars, maxBodyBytes: config.maxBodyBytes }, tabular: tabularDeps },
    inFlight,
    () => closing,
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" ? "[::1]" : host}:${port}`;
  logger.info({ url, models: config.models, searchPath }, "ml-runtime listening; loading models");

  let serverClosed: Promise<void> | undefined;
  const closeServer = () =>
    (serverClosed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }));

  let engine: EmbeddingEngine;
  try {
    engine = await EmbeddingEngine.start({
      models: specs,
      session: { executionProvider: config.executionProvider, threads: config.threads },
      limits: { maxBatch: config.maxBatch, maxBatchTokens: config.maxBatchTokens },
      batchWindowMs: config.batchWindowMs,
      metrics,
    });
  } catch (err) {
    state.status = "error";
    state.error = err as Error;
    logger.error({ err }, "ml-runtime failed to load its models");
    await closeServer();
    throw err;
  }
  state.engine = engine;
  let ownDb: Database | undefined;
  let tabular: TabularModels | undefined;
  try {
    ({ tabular, ownDb } = await startTabular(givenDb, config, logger, metrics));
  } catch (err) {
    state.status = "error";
    state.error = err as Error;
    logger.error({ err }, "ml-runtime failed to open the database of its tabular models");
    await closeServer();
    await engine.close();
    throw err;
  }
  state.tabular = tabular;
  tabularDeps.models = tabular;
  tabularDeps.db = tabular ? (givenDb ?? ownDb) : undefined;
  state.status = "ok";
  const generation = generationPlan?.start(metrics.registry);
  if (generation && generationPlan) state.generation = { engine: generation, defaultModel: generationPlan.defaultModel, defaultMaxTokens: config.generationMaxTokens };
  const models: RuntimeModel[] = [...engine.models.values()].map((m) => ({
    id: m.id,
    dimension: m.dimension,
    executionProvider: m.executionProvider,
    maxLength: m.maxLength,
    path: m.path,
    onnxPath: m.onnxPath,
    queryPrefix: m.queryPrefix,
    passagePrefix: m.passagePrefix,
  }));
  for (const m of engine.models.values()) {
    const fields = { model: m.id, executionProvider: m.executionProvider, onnx: m.onnxPath, dimension: m.dimension };
    if (m.fallbackReason && config.executionProvider === "cuda") logger.warn({ ...fields, reason: m.fallbackReason }, "CUDA requested; running on CPU");
    else logger.info(fields, "model loaded");
  }

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    defaultModel: config.defaultModel,
    models,
    metricsRegistry: metrics.registry,
    generation,
    tabular,
    async embed(texts, embedOptions = {}) {
      const model = embedOptions.model ?? config.defaultModel;
      const info = engine.models.get(model);
      if (!info) throw new Error(`model "${model}" is not loaded; loaded: ${[...engine.models.keys()].join(", ")}`);
      const result = await engine.embed(model, withInputPrefix(info, embedOptions.inputType, texts));
      return { model, embeddings: result.vectors, tokenCounts: result.tokenCounts };
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = closeServer();
        inFlight.closeConnectionsAfterResponse();
        // In-flight requests get a grace period to finish; then connections are cut.
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([inFlight.idle(), new Promise((resolve) => (grace = setTimeout(resolve, closeGraceMs)))]);
        clearTimeout(grace);
        server.closeAllConnections();
        await stopped;
        await engine.close();
        await generation?.close();
        await tabular?.close();
        await ownDb?.close();
        logger.info("ml-runtime closed");
      })();
      return closed;
    },
  };
}

/** Tabular models over the given database, or one opened from `databaseUrl`; none without either. */
async function startTabular(
  givenDb: Database | undefined,
  config: MlRuntimeConfig,
  logger: Logger,
  metrics: RuntimeMetrics,
): Promise<{ tabular: TabularModels | undefined; ownDb: Database | undefined }> {
  let ownDb: Database | undefined;
  if (!givenDb && config.databaseUrl) {
    const { openDatabase } = await import("@matchgraph/db");
    ownDb = await openDatabase({ databaseUrl: config.databaseUrl });
  }
  const db = givenDb ?? ownDb;
  if (!db) {
    logger.info("no database (ML_DATABASE_URL / DATABASE_URL): no tabular models");
    return { tabular: undefined, ownDb };
  }
  const tabular = new TabularModels({ db, logger, registry: metrics.registry, pollMs: config.tabularPollMs, workers: config.tabularWorkers });
  await tabular.start();
  for (const model of tabular.health()) logger.info(model, "tabular model");
  return { tabular, ownDb };
}
