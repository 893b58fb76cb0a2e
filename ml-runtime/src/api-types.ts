/** Wire types of the HTTP API, shared by the server and the client. */
import type { TabularHealth } from "./tabular/manager.js";

export type { TabularHealth };

export interface HealthModel {
  id: string;
  dimension: number;
  executionProvider: "cpu" | "cuda";
  maxLength: number;
  /** The model folder on the server. */
  path: string;
}

export interface HealthResponse {
  status: "ok" | "loading" | "error";
  models: HealthModel[];
  defaultModel: string;
  /** Why the runtime is not serving, when status is "error". */
  error?: string;
  /** Generation models (GGUF, node-llama-cpp); they load in the background and do not make `status` wait. */
  generation?: HealthGenerationModel[];
  /** The model a chat completion uses when it names none; null when no generation model is on disk. */
  defaultGenerationModel?: string | null;
  /** Tabular models: the version serving, the version active in the database, and status. */
  tabular?: TabularHealth[];
}

export interface EmbeddingRequest {
  input: string | string[];
  model?: string;
  encoding_format?: "float" | "base64";
  dimensions?: number;
  /**
   * Extension (as in NVIDIA NIM): "query" prepends the model's queryPrefix, "passage" (or
   * "document") its passagePrefix, if it has one; without it texts go in as they are.
   */
  input_type?: "query" | "passage";
  user?: string;
}

export interface EmbeddingResponse<E = number[]> {
  object: "list";
  data: Array<{ object: "embedding"; index: number; embedding: E }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface ErrorResponse {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A generation model as /healthz reports it. */
export interface HealthGenerationModel {
  id: string;
  kind: "generation";
  /** pending: on disk, loads on first request; fetching / loading; ready; error; missing: not on disk. */
  status: "pending" | "fetching" | "loading" | "ready" | "error" | "missing";
  /** Where node-llama-cpp runs it: "cpu", "cuda", "vulkan" or "metal"; null until the worker is up. */
  device: "cpu" | "cuda" | "vulkan" | "metal" | null;
  /** Tokens per sequence (prompt + completion). */
  contextSize: number;
  /** The GGUF file; null when it is not on disk. */
  path: string | null;
  error?: string;
}
