/** Messages between the main thread and the generation worker. */

export type GpuSetting = false | "auto" | "cuda" | "vulkan";
/** What node-llama-cpp runs on: its `llama.gpu`, or "cpu". */
export type GenerationDevice = "cpu" | "cuda" | "vulkan" | "metal";

export interface WireMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type GrammarSpec = { kind: "json" } | { kind: "json_schema"; schema: Record<string, unknown> };

export interface GenerateParams {
  maxTokens: number;
  temperature: number;
  topP?: number;
  seed?: number;
  stop?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  grammar?: GrammarSpec;
}

export type WorkerRequest =
  | { type: "init"; gpu: GpuSetting; threads: number }
  | { type: "load"; id: string; path: string; contextSize: number; parallel: number }
  | { type: "generate"; jobId: number; model: string; messages: WireMessage[]; params: GenerateParams }
  | { type: "cancel"; jobId: number }
  | { type: "close" };

export type FinishReason = "stop" | "length";

export type WorkerResponse =
  | { type: "ready"; device: GenerationDevice; gpuSetting: GpuSetting }
  | { type: "init-failed"; message: string }
  | { type: "loaded"; id: string; contextSize: number; chatWrapper: string; seconds: number }
  | { type: "load-failed"; id: string; message: string }
  | { type: "started"; jobId: number; promptTokens: number }
  | { type: "delta"; jobId: number; text: string }
  | { type: "done"; jobId: number; text: string; finishReason: FinishReason; promptTokens: number; completionTokens: number; cancelled: boolean }
  /** status 400: the request cannot be served as asked (schema, context length); else a failure. */
  | { type: "failed"; jobId: number; message: string; status: 400 | 500; code: string }
  | { type: "log"; level: "debug" | "info" | "warn" | "error"; message: string }
  | { type: "closed" };
