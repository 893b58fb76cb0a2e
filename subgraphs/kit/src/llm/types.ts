/** Requests and answers of the LLM client (OpenAI chat completions, in the kit's camelCase). */

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Default: the client's model (LLM_MODEL). */
  model?: string;
  /** Default: the client's `defaultMaxTokens`; also what budgets assume the answer may take. */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
}

/** A JSON schema (plain object) the answer must follow; the provider enforces it (a grammar, on the ml-runtime). */
export type JsonSchema = Record<string, unknown>;

/** Anything with zod's `safeParse` and a JSON schema from `z.toJSONSchema`. */
export interface ZodLike<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

export interface JsonRequest<T> extends ChatRequest {
  /** A zod schema (checked again on the answer) or a plain JSON schema. */
  schema: ZodLike<T> | JsonSchema;
  /** Schema name sent to the provider; default "answer". */
  name?: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResult {
  content: string;
  /** "stop", "length", ... as the provider said. */
  finishReason: string;
  model: string;
  usage: Usage;
  /** What this call cost: 0 from the cache and for local models. */
  costUsd: number;
  /** false when no price is configured for a remote model (its cost is counted as 0). */
  priced: boolean;
  /** Which path served the answer. */
  path: "cache" | "provider";
  /** cache: which cache answered. */
  cache?: "memory" | "redis";
  /** provider: HTTP attempts made (1 + retries). */
  attempts: number;
  /** true when the provider sent no usage (streams of some providers) and it was estimated. */
  usageEstimated?: boolean;
  latencyMs: number;
}

export interface JsonResult<T> extends ChatResult {
  data: T;
}

/** budget: refused by a budget; unavailable: circuit open or retries exhausted; output: not the JSON asked for. */
export type FallbackReason = "budget" | "unavailable" | "output";

export interface CallOptions<F = never> {
  /** Per HTTP attempt; default the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Default the client's `maxRetries`. */
  maxRetries?: number;
  /** false: neither read nor write the response cache. */
  cache?: boolean;
  /** Sent as x-request-id. */
  requestId?: string;
  signal?: AbortSignal;
  /** Per-request budget for this call, instead of the client's. */
  budget?: { usd?: number; tokens?: number };
  /**
   * The caller's way out: called instead of throwing when the call is refused by a budget
   * (BudgetExceededError), the LLM is unavailable (circuit open, retries exhausted) or a JSON
   * answer is unusable (LlmOutputError); its value is returned. Without it those errors are
   * thrown. `fallbackOn` narrows which (default all three).
   */
  fallback?: (error: Error, reason: FallbackReason) => F | Promise<F>;
  fallbackOn?: FallbackReason[];
}
