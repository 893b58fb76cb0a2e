/** Messages between the main thread and the inference worker. */
import type { ResolvedModel } from "../registry.js";
import type { BatchLimits } from "./batching.js";
import type { ExecutionProvider, SessionSettings } from "./execution-provider.js";

export interface LoadRequest {
  type: "load";
  models: ResolvedModel[];
  session: SessionSettings;
  limits: BatchLimits;
}

export interface EmbedRequest {
  type: "embed";
  jobId: number;
  model: string;
  texts: string[];
}

export interface CloseRequest {
  type: "close";
}

export type WorkerRequest = LoadRequest | EmbedRequest | CloseRequest;

export interface LoadedModel {
  id: string;
  executionProvider: ExecutionProvider;
  fallbackReason?: string;
  inputNames: string[];
}

export interface BatchStat {
  size: number;
  /** Padded sequence length of the batch. */
  seqLength: number;
  seconds: number;
}

export interface EmbedResult {
  /** Row-major [texts.length, dimension]. */
  vectors: Float32Array;
  dimension: number;
  tokenCounts: number[];
  batches: BatchStat[];
}

export type WorkerResponse =
  | { type: "loaded"; models: LoadedModel[] }
  | { type: "load-failed"; message: string }
  | { type: "embedded"; jobId: number; result: EmbedResult }
  | { type: "embed-failed"; jobId: number; message: string }
  | { type: "closed" };
