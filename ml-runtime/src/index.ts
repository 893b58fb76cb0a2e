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
  loadGenerationRegistry,
  resolveGenerationModel,
  GenerationModelNotFoundError,
} from "./registry.js";
export type { ModelEntry, ModelRegistry, ResolvedModel, GenerationEntry, GenerationRegistry, ResolvedGenerationModel } from "./registry.js";
export { GenerationEngine, GenerationError } from "./generation/engine.js";
export type { GenerateRequest, GenerateResult, GenerationModelInfo, GenerationStatus } from "./generation/engine.js";
export { QueueFullError } from "./generation/queue.js";
export type { HealthGenerationModel } from "./api-types.js";
export type { HealthResponse, HealthModel, EmbeddingRequest, EmbeddingResponse, ErrorResponse } from "./api-types.js";
