export { startMlRuntime } from "./runtime.js";
export type { MlRuntime, MlRuntimeOptions, RuntimeModel, InProcessEmbeddings } from "./runtime.js";
export { configFromEnv, resolveConfig, ConfigError, defaultModelId } from "./config.js";
export type { MlRuntimeConfig } from "./config.js";
export {
  loadRegistry,
  parseRegistry,
  resolveModel,
  modelSearchPath,
  ModelNotFoundError,
  UnknownModelError,
} from "./registry.js";
export type { ModelEntry, ModelRegistry, ResolvedModel } from "./registry.js";
export type { HealthResponse, HealthModel, EmbeddingRequest, EmbeddingResponse, ErrorResponse } from "./api-types.js";
