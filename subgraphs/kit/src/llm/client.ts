import { performance } from "node:perf_hooks";
import { CircuitBreaker, type CircuitChange, type CircuitSnapshot } from "@matchgraph/ml-runtime/client";
import { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { z } from "zod";
import { createLogger, type Logger } from "../logger.js";
import { Budget, MemorySpendStore, RedisSpendStore, costOf, estimatePromptTokens, type BudgetLimits, type ModelPrice, type Prices, type Spend } from "./budget.js";
import { MemoryLlmCache, RedisLlmCache, TieredLlmCache, cacheKey, type CachedAnswer, type LlmCache, type RedisLike } from "./cache.js";
import { BudgetExceededError, LlmCircuitOpenError, LlmOutputError, LlmRequestError, LlmUnavailableError } from "./errors.js";
import { circuitStateValue, createLlmMetrics, type LlmMetrics, type LlmOutcome } from "./metrics.js";
import type { CallOptions, ChatRequest, ChatResult, FallbackReason, JsonRequest, JsonResult, JsonSchema, Usage } from "./types.js";

export interface LlmBreakerOptions {
  /** Share of failed calls in the window that opens the circuit; default 0.2. */
  failureRate?: number;
  /** Calls the window must hold before the rate counts; default 10. */
  minimumCalls?: number;
  /** Most recent calls kept; default 50. */
  windowSize?: number;
  /** Calls older than this leave the window; default 60 000 ms. */
  windowMs?: number;
  /** How long the open circuit refuses calls before one probe; default 10 000 ms. */
  cooldownMs?: number;
}

export interface LlmClientOptions {
  /** OpenAI-compatible base URL, `/v1` included: e.g. `http://127.0.0.1:4100/v1` (the ml-runtime). */
  baseUrl: string;
  apiKey?: string;
  /** Default model; without it requests name none and the provider picks (the ml-runtime: its default). */
  model?: string;
  /** The provider is the local ml-runtime: models without a configured price cost 0. */
  local?: boolean;
  /** Per HTTP attempt (for streams: the longest wait for the next chunk); default 60 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt on network errors, timeouts, 408, 429 and 5xx; default 2. */
  maxRetries?: number;
  /** Exponential back-off: full jitter under min(retryMaxMs, retryBaseMs × 2^retry); defaults 250 and 8 000 ms. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A retry-after longer than this is not waited for (the error is thrown); default 30 000 ms. */
  maxRetryAfterMs?: number;
  /** max_tokens when a request gives none (budgets assume it); default 512. */
  defaultMaxTokens?: number;
  /** USD per 1M input / output tokens, by model. */
  prices?: Prices;
  budget?: BudgetLimits;
  breaker?: LlmBreakerOptions;
  /** Answers kept in the in-process LRU; default 1 000; 0 turns the cache off (Redis too). */
  cacheSize?: number;
  /** How long a cached answer is used; default 1 h. */
  cacheTtlMs?: number;
  /** Redis for a cache (and period budgets) shared between processes; `redis` injects a client. */
  redisUrl?: string;
  redis?: RedisLike;
  /** Prefix of every Redis key the client writes; default "matchgraph:llm:" (then cache:<sha256>, spend:<period>). */
  redisPrefix?: string;
  /** Where the llm_* metrics go; default a registry of the client's own (`client.metrics.registry`). */
  registry?: Registry;
  logger?: Logger;
}

/** Deltas of a streamed answer; `result` settles once the stream has been read to its end. */
export interface LlmStream extends AsyncIterable<string> {
  readonly result: Promise<ChatResult>;
}

export interface LlmClient {
  readonly baseUrl: string;
  /** The configured default model ("" when the provider picks). */
  readonly model: string;
  readonly circuit: CircuitSnapshot;
  readonly metrics: LlmMetrics;
  readonly budget: Budget;
  chat<F = never>(request: ChatRequest, options?: CallOptions<F>): Promise<ChatResult | F>;
  /** The answer as it is generated. Cached answers come as one delta. */
  stream(request: ChatRequest, options?: Omit<CallOptions, "fallback" | "fallbackOn">): LlmStream;
  /** An answer that follows a JSON schema (a zod schema is also checked on the answer), parsed. */
  json<T, F = never>(request: JsonRequest<T>, options?: CallOptions<F>): Promise<JsonResult<T> | F>;
  close(): Promise<void>;
}

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

interface WireCompletion {
  model?: string;
  choices?: Array<{ message?: { content?: string | null }; delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: WireUsage | null;
  error?: { message?: string; code?: string | null };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** retry-after-ms (OpenAI's) or retry-after in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const isFailure = (err: unknown) => err instanceof LlmUnavailableError;

function toUsage(wire: WireUsage | null | undefined): Usage | undefined {
  if (!wire || typeof wire.prompt_tokens !== "number" || typeof wire.completion_tokens !== "number") return undefined;
  return { promptTokens: wire.prompt_tokens, completionTokens: wire.completion_tokens, totalTokens: wire.total_tokens ?? wire.prompt_tokens + wire.completion_tokens };
}

interface Prepared {
  model: string;
  maxTokens: number;
  key: string | undefined;
  body: Record<string, unknown>;
  estimate: Spend;
}

class Client implements LlmClient {
  readonly baseUrl: string;
  readonly model: string;
  readonly metrics: LlmMetrics;
  readonly budget: Budget;
  private readonly breaker: CircuitBreaker;
  private readonly cache: LlmCache | undefined;
  private readonly redis: RedisLike | undefined;
  private readonly ownsRedis: boolean;
  private readonly log: Logger;
  private readonly provider: string;
  private readonly unpriced = new Set<string>();

  constructor(private readonly options: LlmClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.model = options.model ?? "";
    this.provider = new URL(this.baseUrl).host;
    this.log = (options.logger ?? createLogger("llm")).child({ component: "llm", provider: this.provider });
    this.metrics = createLlmMetrics(options.registry);
    this.metrics.circuit.set({ provider: this.provider }, 0);
    const b = options.breaker ?? {};
    this.breaker = new CircuitBreaker(this.baseUrl, {
      rate: { failureRate: b.failureRate ?? 0.2, minimumCalls: b.minimumCalls ?? 10, windowSize: b.windowSize, windowMs: b.windowMs },
      cooldownMs: b.cooldownMs ?? 10_000,
      openError: (target, s) =>
        new LlmCircuitOpenError(
          `LLM provider ${target} is unavailable: circuit ${s.state} after ${s.windowFailures} failures in ${s.windowCalls} calls` +
            `${s.retryAt === null ? "" : `; next try in ${Math.max(0, s.retryAt - Date.now())} ms`}; last: ${s.lastFailure ?? "unknown"}`,
        ),
      onStateChange: (change) => this.onCircuit(change),
    });
    const onRedisError = (err: unknown) => this.log.warn({ err: (err as Error)?.message ?? String(err) }, "Redis unavailable for the LLM cache/budget; going on without it");
    this.ownsRedis = !options.redis && !!options.redisUrl;
    this.redis = options.redis ?? (options.redisUrl ? connectRedis(options.redisUrl, onRedisError) : undefined);
    const prefix = options.redisPrefix ?? "matchgraph:llm:";
    const size = options.cacheSize ?? 1000;
    const ttlMs = options.cacheTtlMs ?? 3_600_000;
    if (size > 0) {
      const memory = new MemoryLlmCache({ max: size, ttlMs });
      this.cache = this.redis ? new TieredLlmCache(memory, new RedisLlmCache(this.redis, ttlMs / 1000, onRedisError, `${prefix}cache:`)) : memory;
    }
    this.budget = new Budget(options.budget ?? {}, this.redis ? new RedisSpendStore(this.redis, onRedisError, `${prefix}spend:`) : new MemorySpendStore());
  }

  get circuit(): CircuitSnapshot {
    return this.breaker.snapshot();
  }

  chat<F = never>(request: ChatRequest, options: CallOptions<F> = {}): Promise<ChatResult | F> {
    return this.withFallback(options, async () => (await this.complete(request, options, undefined)).result);
  }

  json<T, F = never>(request: JsonRequest<T>, options: CallOptions<F> = {}): Promise<JsonResult<T> | F> {
    return this.withFallback(options, async () => {
      const { schema, name, ...chat } = request;
      const zod = schema instanceof z.ZodType ? (schema as z.ZodType<T>) : undefined;
      const jsonSchema = zod ? (z.toJSONSchema(zod) as JsonSchema) : (schema as JsonSchema);
      const responseFormat = { type: "json_schema", json_schema: { name: name ?? "answer", strict: true, schema: jsonSchema } };
      const { result, key } = await this.complete(chat, options, responseFormat);
      const refuse = async (message: string, cause?: unknown): Promise<never> => {
        if (key) await this.cache?.delete(key);
        throw new LlmOutputError(message, result.content, { cause });
      };
      if (result.finishReason === "length") return refuse(`the answer was cut off at ${request.maxTokens ?? this.maxTokens} tokens before its JSON was complete`);
      let data: unknown;
      try {
        data = JSON.parse(result.content);
      } catch (err) {
        return refuse(`the answer is not JSON: ${(err as Error).message}`, err);
      }
      if (zod) {
        const checked = zod.safeParse(data);
        if (!checked.success) return refuse(`the answer does not match the schema: ${checked.error.message}`);
        data = checked.data;
      }
      return { ...result, data: data as T };
    });
  }

  stream(request: ChatRequest, options: Omit<CallOptions, "fallback" | "fallbackOn"> = {}): LlmStream {
    let resolve!: (r: ChatResult) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<ChatResult>((res, rej) => ((resolve = res), (reject = rej)));
    result.catch(() => undefined); // read by those who want it
    const answer = () => this.streamAnswer(request, options);
    async function* deltas(): AsyncGenerator<string> {
      try {
        const outcome = yield* answer();
        resolve(outcome);
      } catch (err) {
        reject(err);
        throw err;
      }
    }
    let started = false;
    return {
      result,
      [Symbol.asyncIterator]() {
        if (started) throw new Error("an LLM stream can be read once");
        started = true;
        return deltas();
      },
    };
  }

  async close(): Promise<void> {
    await this.cache?.close();
    if (this.ownsRedis) await this.redis?.quit().catch(() => undefined);
  }

  // -------------------------------------------------------------------------------------------

  private get maxTokens(): number {
    return this.options.defaultMaxTokens ?? 512;
  }

  private async withFallback<R, F>(options: CallOptions<F>, call: () => Promise<R>): Promise<R | F> {
    try {
      return await call();
    } catch (err) {
      const reason: FallbackReason | undefined =
        err instanceof BudgetExceededError ? "budget" : err instanceof LlmUnavailableError ? "unavailable" : err instanceof LlmOutputError ? "output" : undefined;
      if (!reason || !options.fallback || !(options.fallbackOn ?? ["budget", "unavailable", "output"]).includes(reason)) throw err;
      this.log.info({ reason, err: (err as Error).message }, "LLM call refused or failed; the caller falls back");
      return options.fallback(err as Error, reason);
    }
  }

  private priceOf(model: string): { price: ModelPrice | undefined; priced: boolean } {
    const price = this.options.prices?.[model];
    if (price) return { price, priced: true };
    if (this.options.local) return { price: undefined, priced: true };
    if (!this.unpriced.has(model)) {
      this.unpriced.add(model);
      this.log.warn({ model }, "no price configured for this model (LLM_PRICES); its calls are counted at $0");
    }
    return { price: undefined, priced: false };
  }

  private prepare(request: ChatRequest, options: CallOptions<unknown>, responseFormat: unknown, stream: boolean): Prepared {
    const model = request.model ?? this.model;
    const maxTokens = request.maxTokens ?? this.maxTokens;
    const body: Record<string, unknown> = {
      ...(model ? { model } : {}),
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      max_tokens: maxTokens,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { top_p: request.topP } : {}),
      ...(request.stop?.length ? { stop: request.stop } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(responseFormat ? { response_format: responseFormat } : {}),
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    };
    const key = options.cache === false || !this.cache ? undefined : cacheKey(this.baseUrl, model, request, maxTokens, responseFormat);
    const promptTokens = estimatePromptTokens(request.messages);
    const { price } = this.priceOf(model);
    const estimate = { tokens: promptTokens + maxTokens, usd: costOf({ promptTokens, completionTokens: maxTokens }, price) };
    return { model, maxTokens, key, body, estimate };
  }

  private fromCache(hit: { answer: CachedAnswer; layer: "memory" | "redis" }, started: number): ChatResult {
    this.count("cache_hit", started, "cache");
    return { ...hit.answer, costUsd: 0, priced: true, path: "cache", cache: hit.layer, attempts: 0, latencyMs: performance.now() - started };
  }

  private async reserve(prepared: Prepared, options: CallOptions<unknown>, started: number) {
    try {
      return await this.budget.reserve(prepared.estimate, options.budget);
    } catch (err) {
      if (err instanceof BudgetExceededError) {
        this.count("budget_exceeded", started);
        this.log.warn({ scope: err.scope, unit: err.unit, limit: err.limit, wouldBe: err.wouldBe }, "LLM call refused by its budget");
      }
      throw err;
    }
  }

  /** Accounts an answer from the provider: tokens, cost, budget, metrics, cache. */
  private async settle(
    prepared: Prepared,
    reservation: { settle(s: Spend): Promise<void> },
    answer: CachedAnswer,
    attempts: number,
    started: number,
    usageEstimated: boolean,
  ): Promise<ChatResult> {
    const { price, priced } = this.priceOf(answer.model);
    const costUsd = costOf(answer.usage, price);
    await reservation.settle({ usd: costUsd, tokens: answer.usage.totalTokens });
    this.metrics.tokens.inc({ model: answer.model, kind: "input" }, answer.usage.promptTokens);
    this.metrics.tokens.inc({ model: answer.model, kind: "output" }, answer.usage.completionTokens);
    this.metrics.cost.inc({ model: answer.model }, costUsd);
    this.count("success", started, "provider");
    if (prepared.key) await this.cache?.set(prepared.key, answer);
    return { ...answer, costUsd, priced, path: "provider", attempts, ...(usageEstimated ? { usageEstimated } : {}), latencyMs: performance.now() - started };
  }

  private async complete(request: ChatRequest, options: CallOptions<unknown>, responseFormat: unknown): Promise<{ result: ChatResult; key?: string }> {
    const started = performance.now();
    const prepared = this.prepare(request, options, responseFormat, false);
    const hit = prepared.key ? await this.cache?.get(prepared.key) : undefined;
    if (hit) return { result: this.fromCache(hit, started), key: prepared.key };
    const reservation = await this.reserve(prepared, options, started);
    let json: WireCompletion;
    let attempts: number;
    try {
      ({ value: json, attempts } = await this.send(prepared.body, options, async (response) => (await this.readJson(response)) as WireCompletion));
    } catch (err) {
      reservation.release();
      this.countFailure(err, started);
      throw err;
    }
    const choice = json.choices?.[0];
    const content = choice?.message?.content ?? "";
    const usage = toUsage(json.usage);
    const answer: CachedAnswer = {
      content,
      finishReason: choice?.finish_reason ?? "stop",
      model: json.model ?? prepared.model,
      usage: usage ?? this.estimateUsage(request, content),
    };
    return { result: await this.settle(prepared, reservation, answer, attempts, started, !usage), key: prepared.key };
  }

  private async *streamAnswer(request: ChatRequest, options: CallOptions<unknown>): AsyncGenerator<string, ChatResult> {
    const started = performance.now();
    const prepared = this.prepare(request, options, undefined, true);
    const hit = prepared.key ? await this.cache?.get(prepared.key) : undefined;
    if (hit) {
      if (hit.answer.content) yield hit.answer.content;
      return this.fromCache(hit, started);
    }
    const reservation = await this.reserve(prepared, options, started);
    let content = "";
    let finishReason = "stop";
    let model = prepared.model;
    let usage: Usage | undefined;
    let attempts = 0;
    let done = false;
    try {
      const sent = await this.send(prepared.body, options, async (response, abort) => ({ response, abort }), true);
      attempts = sent.attempts;
      for await (const chunk of this.readEvents(sent.value.response, sent.value.abort, options)) {
        if (chunk.error) throw new LlmUnavailableError(`LLM provider ${this.provider} failed during the stream: ${chunk.error.message ?? "unknown error"}`);
        if (chunk.model) model = chunk.model;
        usage = toUsage(chunk.usage) ?? usage;
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const delta = choice?.delta?.content;
        if (delta) {
          content += delta;
          yield delta;
        }
      }
      done = true;
    } catch (err) {
      this.countFailure(err, started);
      throw err;
    } finally {
      // An error, or the reader stopped early (break): nothing is accounted or cached.
      if (!done) reservation.release();
    }
    const answer: CachedAnswer = { content, finishReason, model, usage: usage ?? this.estimateUsage(request, content) };
    return this.settle(prepared, reservation, answer, attempts, started, !usage);
  }

  private estimateUsage(request: ChatRequest, content: string): Usage {
    const promptTokens = estimatePromptTokens(request.messages);
    const completionTokens = Math.ceil(content.length / 4);
    return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
  }

  private count(outcome: LlmOutcome, started: number, path?: "cache" | "provider"): void {
    this.metrics.requests.inc({ outcome });
    if (path) this.metrics.duration.observe({ path }, (performance.now() - started) / 1000);
  }

  private countFailure(err: unknown, started: number): void {
    this.count(err instanceof LlmCircuitOpenError ? "circuit_open" : "error", started);
  }

  private onCircuit(change: CircuitChange): void {
    this.metrics.circuit.set({ provider: this.provider }, circuitStateValue[change.to]);
    const s = this.breaker.snapshot();
    const fields = { from: change.from, to: change.to, reason: change.reason, windowCalls: s.windowCalls, windowFailures: s.windowFailures };
    if (change.to === "open") this.log.warn(fields, "LLM circuit opened: calls fail fast until a probe succeeds");
    else this.log.info(fields, `LLM circuit ${change.to}`);
  }

  /**
   * One call with retries: each attempt goes through the circuit breaker; network errors,
   * timeouts, 408, 429 and 5xx are retried with exponential back-off and full jitter, or after
   * the provider's retry-after when it sends one.
   */
  private async send<T>(
    body: Record<string, unknown>,
    options: CallOptions<unknown>,
    read: (response: Response, abort: AbortController) => Promise<T>,
    stream = false,
  ): Promise<{ value: T; attempts: number }> {
    const maxRetries = Math.max(0, options.maxRetries ?? this.options.maxRetries ?? 2);
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await this.breaker.run(() => this.attempt(body, options, read, stream), isFailure);
        return { value, attempts: attempt + 1 };
      } catch (err) {
        if (err instanceof LlmCircuitOpenError || !(err instanceof LlmUnavailableError) || attempt >= maxRetries || options.signal?.aborted) throw err;
        const cap = Math.min(this.options.retryMaxMs ?? 8000, (this.options.retryBaseMs ?? 250) * 2 ** attempt);
        const wait = err.retryAfterMs ?? Math.random() * cap;
        if (wait > (this.options.maxRetryAfterMs ?? 30_000)) throw err;
        this.log.warn({ attempt: attempt + 1, waitMs: Math.round(wait), status: err.status, err: err.message }, "LLM call failed; retrying");
        await sleep(wait, options.signal);
      }
    }
  }

  private async attempt<T>(
    body: Record<string, unknown>,
    options: CallOptions<unknown>,
    read: (response: Response, abort: AbortController) => Promise<T>,
    stream: boolean,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    const url = `${this.baseUrl}/chat/completions`;
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new LlmUnavailableError(`LLM provider ${this.provider} did not answer within ${timeoutMs} ms`)), timeoutMs);
    const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;
    const headers: Record<string, string> = { "content-type": "application/json", accept: stream ? "text/event-stream" : "application/json" };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    if (options.requestId) headers["x-request-id"] = options.requestId;
    try {
      let response: Response;
      try {
        response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), signal });
      } catch (err) {
        throw this.networkError(err, signal, options.signal);
      }
      if (!response.ok) throw await this.statusError(response);
      // A stream's own idle timer (readEvents) takes over from here.
      if (stream) clearTimeout(timeout);
      try {
        return await read(response, timer);
      } catch (err) {
        throw this.networkError(err, signal, options.signal);
      }
    } finally {
      if (!stream) clearTimeout(timeout);
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new LlmUnavailableError(`LLM provider ${this.provider} answered ${response.status} with a body that is not JSON`, response.status);
    }
  }

  /** Server-sent events of a streamed completion, until `data: [DONE]`; at most timeoutMs between chunks. */
  private async *readEvents(response: Response, abort: AbortController, options: CallOptions<unknown>): AsyncGenerator<WireCompletion> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    const reader = response.body?.getReader();
    if (!reader) throw new LlmUnavailableError(`LLM provider ${this.provider} sent an empty stream`);
    const decoder = new TextDecoder();
    let buffer = "";
    let idle: NodeJS.Timeout | undefined;
    try {
      for (;;) {
        idle = setTimeout(() => {
          abort.abort(new LlmUnavailableError(`LLM provider ${this.provider} sent nothing for ${timeoutMs} ms`));
          void reader.cancel().catch(() => undefined);
        }, timeoutMs);
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (err) {
          throw this.networkError(err, abort.signal, options.signal);
        } finally {
          clearTimeout(idle);
        }
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
          const data = event
            .split(/\r?\n/)
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).replace(/^ /, ""))
            .join("\n");
          if (data === "") continue;
          if (data === "[DONE]") return;
          try {
            yield JSON.parse(data) as WireCompletion;
          } catch (err) {
            if (err instanceof SyntaxError) throw new LlmUnavailableError(`LLM provider ${this.provider} sent an event that is not JSON`);
            throw err;
          }
        }
      }
      if (abort.signal.aborted) throw abort.signal.reason;
      throw new LlmUnavailableError(`LLM provider ${this.provider} ended the stream without [DONE]`);
    } finally {
      clearTimeout(idle);
      reader.releaseLock();
      void response.body?.cancel().catch(() => undefined);
    }
  }

  private async statusError(response: Response): Promise<Error> {
    const text = await response.text().catch(() => "");
    let message = text.slice(0, 300) || response.statusText;
    let code: string | null = null;
    try {
      const error = (JSON.parse(text) as WireCompletion).error;
      message = error?.message ?? message;
      code = error?.code ?? null;
    } catch {
      // not JSON: keep the text
    }
    const status = response.status;
    if (status === 408 || status === 429 || status >= 500) {
      return new LlmUnavailableError(`LLM provider ${this.provider} answered ${status}: ${message}`, status, retryAfterMs(response.headers));
    }
    return new LlmRequestError(`LLM provider ${this.provider} refused the request (${status}): ${message}`, status, code);
  }

  private networkError(err: unknown, signal: AbortSignal | undefined, callerSignal: AbortSignal | undefined): unknown {
    if (err instanceof LlmUnavailableError || err instanceof LlmRequestError) return err;
    // The caller gave up: not the provider's failure.
    if (callerSignal?.aborted) return callerSignal.reason;
    if (signal?.aborted && signal.reason instanceof LlmUnavailableError) return signal.reason;
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    const reason = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
    return new LlmUnavailableError(`LLM provider ${this.provider} is unreachable (${reason})`, undefined, undefined, { cause: err });
  }
}

function connectRedis(url: string, onError: (err: unknown) => void): RedisLike {
  const redis = new Redis(url, {
    // A slow or absent Redis must not hold up LLM calls: fail commands fast, keep reconnecting.
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  let last = 0;
  redis.on("error", (err) => {
    if (Date.now() - last > 30_000) onError(err);
    last = Date.now();
  });
  return redis as unknown as RedisLike;
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  return new Client(options);
}
