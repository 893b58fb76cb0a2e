import { availableParallelism } from "node:os";
import { z } from "zod";
import { splitPathList } from "./registry.js";
import type { ExecutionProviderPreference } from "./engine/execution-provider.js";
import type { GpuSetting } from "./generation/protocol.js";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export const defaultModelId = "all-minilm-l6-v2";

/** Everything the runtime can be told; `startMlRuntime` fills what is left out. */
export interface MlRuntimeConfig {
  port: number;
  host: string;
  /** Models to load; the default model is always among them. */
  models: string[];
  defaultModel: string;
  /** Model folders searched before `<repo>/.cache/models`. */
  modelDirs: string[];
  /** Registry file; default `ml-runtime/models.json`. */
  registryFile?: string;
  executionProvider: ExecutionProviderPreference;
  threads: number;
  batchWindowMs: number;
  maxBatch: number;
  maxBatchTokens: number;
  maxInputs: number;
  maxInputChars: number;
  maxBodyBytes: number;
  logLevel: string;
  /**
   * "auto": every generation model on disk is served, each loaded on its first request (503
   * "model loading" until ready); a list of ids: those are also loaded in the background at start;
   * "none": no generation.
   */
  generationModels: "auto" | "none" | string[];
  /** Default: the first of `generationModels`, else qwen2.5-coder-0.5b-instruct when on disk, else smollm2-135m-instruct. */
  defaultGenerationModel?: string;
  /** node-llama-cpp's `gpu`: false (CPU), "auto", "cuda" or "vulkan"; default from executionProvider. */
  generationGpu: GpuSetting;
  /** Threads per generation context; default half the cores (at least 1); 0: node-llama-cpp's choice (all cores). */
  generationThreads: number;
  /** Completions of one model generated at the same time (the context's sequences). */
  generationParallel: number;
  /** Completions that may wait for a sequence; more are answered 429 with retry-after. */
  generationQueue: number;
  /** max_tokens when a request gives none. */
  generationMaxTokens: number;
  /** Fetch the default generation model in the background when it is not on disk (needs PyPI). */
  generationFetch: boolean;
  /** PostgreSQL URL of the model versions (tabular models); ML_DATABASE_URL, else DATABASE_URL. */
  databaseUrl?: string;
  /** How often the active tabular model versions are read from the database (ms; 0 = never). */
  tabularPollMs: number;
  /** Most rows per predict or explain request. */
  maxTabularRows: number;
  /** Tabular worker threads (each holds every model; large requests are split across them). */
  tabularWorkers: number;
  /** When set, the admin routes (activate, rollback) need `authorization: Bearer <token>`. */
  adminToken?: string;
}

const int = (min: number) => z.coerce.number().int().min(min);
const list = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s !== ""));

/** One entry per variable; each is optional so that only what is set overrides the defaults. */
const envSchema = z.object({
  ML_PORT: int(0).max(65535).optional(),
  ML_HOST: z.string().min(1).optional(),
  ML_MODELS: list.pipe(z.array(z.string()).min(1, "must name at least one model")).optional(),
  ML_DEFAULT_MODEL: z.string().min(1).optional(),
  ML_MODEL_DIR: z.string().transform(splitPathList).optional(),
  ML_REGISTRY: z.string().min(1).optional(),
  ML_EXECUTION_PROVIDER: z.enum(["cpu", "cuda", "auto"]).optional(),
  ML_THREADS: int(1).optional(),
  ML_BATCH_WINDOW_MS: z.coerce.number().min(0).max(1000).optional(),
  ML_MAX_BATCH: int(1).optional(),
  ML_MAX_BATCH_TOKENS: int(1).optional(),
  ML_MAX_INPUTS: int(1).optional(),
  ML_MAX_INPUT_CHARS: int(1).optional(),
  ML_MAX_BODY_BYTES: int(1024).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ML_GENERATION_MODELS: z
    .string()
    .transform((v): "auto" | "none" | string[] => (v.trim() === "auto" || v.trim() === "none" ? (v.trim() as "auto" | "none") : v.split(",").map((s) => s.trim()).filter(Boolean)))
    .refine((v) => v !== undefined && (typeof v === "string" || v.length > 0), "must be auto, none or a comma-separated list of model ids")
    .optional(),
  ML_DEFAULT_GENERATION_MODEL: z.string().min(1).optional(),
  ML_GENERATION_GPU: z
    .enum(["false", "cpu", "auto", "cuda", "vulkan"])
    .transform((v): GpuSetting => (v === "false" || v === "cpu" ? false : v))
    .optional(),
  ML_GENERATION_THREADS: int(0).optional(),
  ML_GENERATION_PARALLEL: int(1).max(16).optional(),
  ML_GENERATION_QUEUE: int(0).max(10_000).optional(),
  ML_GENERATION_MAX_TOKENS: int(1).optional(),
  ML_GENERATION_FETCH: z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1").optional(),
  ML_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  DATABASE_URL: z.string().optional(),
  ML_TABULAR_POLL_MS: int(0).max(3_600_000).optional(),
  ML_MAX_TABULAR_ROWS: int(1).max(1_000_000).optional(),
  ML_TABULAR_WORKERS: int(1).max(64).optional(),
  ML_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
});

/**
 * Reads the runtime's variables from an environment. Only variables that are set (and not
 * empty) appear in the result. A bad value throws a ConfigError naming the variable.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<MlRuntimeConfig> {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => env[key] !== undefined && env[key]?.trim() !== "")
      .map((key) => [key, env[key]]),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "(environment)");
      return `  ${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid ml-runtime configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const config: Partial<MlRuntimeConfig> = {
    port: e.ML_PORT,
    host: e.ML_HOST,
    models: e.ML_MODELS,
    defaultModel: e.ML_DEFAULT_MODEL,
    modelDirs: e.ML_MODEL_DIR,
    registryFile: e.ML_REGISTRY,
    executionProvider: e.ML_EXECUTION_PROVIDER,
    threads: e.ML_THREADS,
    batchWindowMs: e.ML_BATCH_WINDOW_MS,
    maxBatch: e.ML_MAX_BATCH,
    maxBatchTokens: e.ML_MAX_BATCH_TOKENS,
    maxInputs: e.ML_MAX_INPUTS,
    maxInputChars: e.ML_MAX_INPUT_CHARS,
    maxBodyBytes: e.ML_MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    generationModels: e.ML_GENERATION_MODELS,
    defaultGenerationModel: e.ML_DEFAULT_GENERATION_MODEL,
    generationGpu: e.ML_GENERATION_GPU,
    generationThreads: e.ML_GENERATION_THREADS,
    generationParallel: e.ML_GENERATION_PARALLEL,
    generationQueue: e.ML_GENERATION_QUEUE,
    generationMaxTokens: e.ML_GENERATION_MAX_TOKENS,
    generationFetch: e.ML_GENERATION_FETCH,
    databaseUrl: e.ML_DATABASE_URL ?? (e.DATABASE_URL && /^postgres(ql)?:\/\//.test(e.DATABASE_URL) ? e.DATABASE_URL : undefined),
    tabularPollMs: e.ML_TABULAR_POLL_MS,
    maxTabularRows: e.ML_MAX_TABULAR_ROWS,
    tabularWorkers: e.ML_TABULAR_WORKERS,
    adminToken: e.ML_ADMIN_TOKEN,
  };
  return withoutUndefined(config);
}

/** Fills defaults. The default model is the first of `models` when only `models` is given. */
export function resolveConfig(partial: Partial<MlRuntimeConfig>): MlRuntimeConfig {
  const given = withoutUndefined(partial);
  const defaultModel = given.defaultModel ?? given.models?.[0] ?? defaultModelId;
  const models = [...new Set([defaultModel, ...(given.models ?? [])])];
  if (given.defaultModel && given.models && !given.models.includes(given.defaultModel)) {
    throw new ConfigError(
      `ML_DEFAULT_MODEL "${given.defaultModel}" must be one of ML_MODELS (${given.models.join(", ")})`,
    );
  }
  return {
    port: 4100,
    host: "127.0.0.1",
    modelDirs: [],
    executionProvider: "cpu",
    threads: availableParallelism(),
    batchWindowMs: 2,
    // On CPU, batches of 16 sorted texts run ~2x faster than 64 (padding and cache effects; see the bench).
    maxBatch: 16,
    maxBatchTokens: 8192,
    maxInputs: 2048,
    maxInputChars: 32_768,
    maxBodyBytes: 64 * 1024 * 1024,
    logLevel: "info",
    generationModels: "auto",
    // ML_EXECUTION_PROVIDER=cuda / auto carries over to node-llama-cpp unless ML_GENERATION_GPU says otherwise.
    generationGpu: given.executionProvider === "cuda" ? "cuda" : given.executionProvider === "auto" ? "auto" : false,
    // llama.cpp's threads spin while they wait for each other: with more threads than free cores
    // (the embedding worker, other processes) a token can take seconds instead of milliseconds.
    // Half the cores leaves room for the rest of the runtime.
    generationThreads: Math.max(1, Math.floor(availableParallelism() / 2)),
    generationParallel: 2,
    generationQueue: 8,
    generationMaxTokens: 512,
    generationFetch: false,
    tabularPollMs: 5_000,
    maxTabularRows: 10_000,
    tabularWorkers: Math.min(2, availableParallelism()),
    ...given,
    models,
    defaultModel,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
