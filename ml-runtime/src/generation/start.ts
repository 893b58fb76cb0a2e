import type { Registry } from "prom-client";
import { ConfigError, type MlRuntimeConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { GenerationModelNotFoundError, loadGenerationRegistry, resolveGenerationModel } from "../registry.js";
import { GenerationEngine } from "./engine.js";
import { GenerationMetrics } from "./metrics.js";

/** The default generation model: the first of these that is on disk. */
export const preferredGenerationModels = ["qwen2.5-coder-0.5b-instruct", "smollm2-135m-instruct"];

export interface GenerationPlan {
  defaultModel: string | undefined;
  /** Models loaded in the background from the start (fetched first when asked and missing); the others load on first request. */
  eager: string[];
  /** Makes the engine and starts the background work; returns at once. */
  start(registry: Registry): GenerationEngine;
}

/**
 * Decides which generation models the runtime serves, before it listens: an unknown id in
 * ML_GENERATION_MODELS or ML_DEFAULT_GENERATION_MODEL stops start-up. Nothing is loaded here.
 */
export function prepareGeneration(
  config: Pick<MlRuntimeConfig, "registryFile" | "generationModels" | "defaultGenerationModel" | "generationGpu" | "generationThreads" | "generationParallel" | "generationQueue" | "generationFetch">,
  searchPath: string[],
  logger: Logger,
): GenerationPlan | undefined {
  if (config.generationModels === "none") return undefined;
  const registry = loadGenerationRegistry(config.registryFile);
  const ids = Object.keys(registry);
  if (ids.length === 0) return undefined;
  const named = [...(Array.isArray(config.generationModels) ? config.generationModels : []), ...(config.defaultGenerationModel ? [config.defaultGenerationModel] : [])];
  const unknown = named.filter((id) => !registry[id]);
  if (unknown.length) throw new ConfigError(`Unknown generation model(s) ${unknown.join(", ")}; the registry has: ${ids.join(", ")}`);

  const paths = new Map<string, string | null>();
  const missing = new Map<string, string>();
  for (const id of ids) {
    try {
      paths.set(id, resolveGenerationModel(registry, id, searchPath).ggufPath);
    } catch (err) {
      if (!(err instanceof GenerationModelNotFoundError)) throw err;
      paths.set(id, null);
      missing.set(id, err.message);
    }
  }
  const explicit = Array.isArray(config.generationModels) ? config.generationModels : undefined;
  const defaultModel =
    config.defaultGenerationModel ??
    explicit?.[0] ??
    preferredGenerationModels.find((id) => paths.get(id)) ??
    (config.generationFetch ? preferredGenerationModels.find((id) => registry[id]) : undefined);
  // "auto": nothing loads until a request asks (tests, and every platform that never generates, pay
  // nothing); a list preloads those models in the background; a missing default to fetch loads after it.
  const eager = [...new Set([...(explicit ?? []), ...(config.generationFetch && defaultModel && !paths.get(defaultModel) ? [defaultModel] : [])])];
  if (!defaultModel) logger.warn({ searched: searchPath }, "no generation model on disk: /v1/chat/completions answers 503 until one is fetched (npm run models:fetch)");

  return {
    defaultModel,
    eager,
    start(metricsRegistry) {
      const engine = new GenerationEngine({
        models: ids.map((id) => ({ id, contextSize: registry[id]!.contextSize, path: paths.get(id) ?? null })),
        gpu: config.generationGpu,
        threads: config.generationThreads,
        parallel: config.generationParallel,
        maxQueue: config.generationQueue,
        metrics: new GenerationMetrics(metricsRegistry),
        logger: logger.child({ component: "generation" }),
      });
      for (const id of eager) {
        if (paths.get(id)) {
          void engine.load(id).catch(() => undefined); // logged by the engine; /healthz shows it
        } else if (config.generationFetch) {
          void fetchThenLoad(engine, id, config.registryFile, logger);
        } else {
          logger.warn({ model: id, searched: missing.get(id) }, `generation model ${id} is not on disk; run \`npm run models:fetch -- ${id}\``);
        }
      }
      return engine;
    },
  };
}

/** npm start on a fresh clone (ML_GENERATION_FETCH=true): fetch the default model, then load it; requests get 503 meanwhile. */
async function fetchThenLoad(engine: GenerationEngine, id: string, registryFile: string | undefined, logger: Logger): Promise<void> {
  engine.setFetching(id);
  try {
    const { ensureGguf } = await import("../fetch-gguf.js");
    const got = await ensureGguf(id, { registryFile, log: (message) => logger.info({ model: id }, message) });
    engine.setPath(id, got.path);
    await engine.load(id);
  } catch (err) {
    logger.error({ model: id, err: (err as Error).message }, "could not fetch the generation model");
    engine.setError(id, (err as Error).message);
  }
}
