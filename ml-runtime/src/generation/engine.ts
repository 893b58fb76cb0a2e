import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger.js";
import type { GenerationMetrics } from "./metrics.js";
import type { FinishReason, GenerateParams, GenerationDevice, GpuSetting, WireMessage, WorkerRequest, WorkerResponse } from "./protocol.js";
import { GenerationQueue, QueueFullError } from "./queue.js";

export type GenerationStatus = "pending" | "fetching" | "loading" | "ready" | "error" | "missing";

/** What /healthz and /v1/models say about a generation model. */
export interface GenerationModelInfo {
  id: string;
  status: GenerationStatus;
  device: GenerationDevice | null;
  /** Tokens per sequence, as the context was created (the registry's until loaded). */
  contextSize: number;
  path: string | null;
  chatWrapper?: string;
  loadSeconds?: number;
  error?: string;
}

export interface GenerationModelSpec {
  id: string;
  contextSize: number;
  /** null: not on disk (yet). */
  path: string | null;
}

export interface GenerationEngineOptions {
  models: GenerationModelSpec[];
  gpu: GpuSetting;
  threads: number;
  /** Sequences per model context: completions of one model generated at the same time. */
  parallel: number;
  /** Completions that may wait for a sequence; more are refused (429). */
  maxQueue: number;
  metrics: GenerationMetrics;
  logger: Logger;
}

/** The request could not be served as asked; the HTTP layer maps `kind` to a status. */
export class GenerationError extends Error {
  constructor(
    message: string,
    readonly kind: "not_found" | "not_ready" | "unavailable" | "bad_request" | "failed",
    readonly code: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "GenerationError";
  }
}

export interface GenerateRequest {
  model: string;
  messages: WireMessage[];
  params: GenerateParams;
  signal?: AbortSignal;
  /** Each piece of text as it is generated. */
  onDelta?: (text: string) => void;
  /** When the prompt is tokenised and generation starts (after any queue wait). */
  onStart?: (promptTokens: number) => void;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
  /** The client went away (its signal aborted) and generation stopped early. */
  cancelled: boolean;
  /** From arrival to the first token, ms (queue wait included); null when nothing was generated. */
  firstTokenMs: number | null;
  /** Decoding speed after the first token; null with fewer than 2 tokens. */
  tokensPerSecond: number | null;
}

interface Job {
  request: GenerateRequest;
  resolve: (r: GenerateResult) => void;
  reject: (e: Error) => void;
  arrived: number;
  firstToken: number | null;
  promptTokens: number;
}

const closeTimeoutMs = 10_000;

/**
 * Text generation with node-llama-cpp in a worker thread of its own. Models load one after
 * another in the background (`load`); until a model is ready its requests get `not_ready` (503).
 * A bounded queue holds completions while every sequence of their model is busy.
 */
export class GenerationEngine {
  readonly models = new Map<string, GenerationModelInfo>();
  private worker: Worker | undefined;
  private workerReady: Promise<GenerationDevice> | undefined;
  private device: GenerationDevice | null = null;
  private failure: Error | undefined;
  private closing = false;
  private readonly queue: GenerationQueue;
  private readonly jobs = new Map<number, Job>();
  private readonly loadWaiters = new Map<string, Array<{ resolve: () => void; reject: (e: Error) => void }>>();
  private nextJobId = 1;

  constructor(private readonly options: GenerationEngineOptions) {
    for (const m of options.models) {
      this.models.set(m.id, { id: m.id, status: m.path ? "pending" : "missing", device: null, contextSize: m.contextSize, path: m.path });
    }
    this.queue = new GenerationQueue(
      Math.max(0, options.maxQueue),
      () => Math.max(1, options.parallel),
      (waiting, running) => {
        options.metrics.queueDepth.set(waiting);
        options.metrics.running.set(running);
      },
    );
  }

  get metrics(): GenerationMetrics {
    return this.options.metrics;
  }

  /** The device generation runs on, once the worker is up. */
  get executionDevice(): GenerationDevice | null {
    return this.device;
  }

  /** Marks a model as being fetched (its file is not there yet). */
  setFetching(id: string): void {
    const info = this.models.get(id);
    if (info) Object.assign(info, { status: "fetching", error: undefined });
  }

  /** The model's file is there now (after a fetch). */
  setPath(id: string, path: string): void {
    const info = this.models.get(id);
    if (info) Object.assign(info, { path, status: "pending", error: undefined });
  }

  setError(id: string, message: string): void {
    const info = this.models.get(id);
    if (info) Object.assign(info, { status: "error", error: message });
    this.settleLoad(id, new Error(message));
  }

  /** Starts loading a model (in the background); the promise settles when it is ready or failed. */
  load(id: string): Promise<void> {
    const info = this.models.get(id);
    if (!info) return Promise.reject(new Error(`unknown generation model "${id}"`));
    if (info.status === "ready") return Promise.resolve();
    if (info.status === "error") return Promise.reject(new Error(info.error));
    const waiting = new Promise<void>((resolve, reject) => {
      const list = this.loadWaiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.loadWaiters.set(id, list);
    });
    if (info.status === "pending" && info.path) {
      info.status = "loading";
      const path = info.path;
      const started = performance.now();
      void this.ensureWorker().then(
        () => {
          this.options.logger.info({ model: id, path, contextSize: info.contextSize, parallel: this.options.parallel }, "loading generation model");
          this.post({ type: "load", id, path, contextSize: info.contextSize, parallel: Math.max(1, this.options.parallel) });
        },
        (err: Error) => {
          this.setError(id, err.message);
          this.options.logger.error({ model: id, err: err.message, ms: Math.round(performance.now() - started) }, "generation worker failed to start");
        },
      );
    }
    return waiting;
  }

  /**
   * Generates one completion; rejects with GenerationError or QueueFullError. Every outcome is
   * counted in ml_runtime_generation_requests_total.
   */
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    try {
      return await this.run(request);
    } catch (err) {
      const outcome =
        err instanceof QueueFullError
          ? "queue_full"
          : err instanceof GenerationError
            ? { not_found: "not_found", not_ready: "not_ready", bad_request: "bad_request", unavailable: "unavailable", failed: "error" }[err.kind]
            : "error";
      this.options.metrics.requests.inc({ model: request.model, outcome });
      throw err;
    }
  }

  private async run(request: GenerateRequest): Promise<GenerateResult> {
    const arrived = performance.now();
    const info = this.models.get(request.model);
    if (!info) throw new GenerationError(`The model '${request.model}' is not a generation model of this runtime.`, "not_found", "model_not_found");
    if (this.closing) throw new GenerationError("The ml-runtime is shutting down.", "unavailable", "shutting_down");
    if (this.failure) throw new GenerationError(`Generation is unavailable: ${this.failure.message}`, "unavailable", "generation_unavailable");
    if (info.status === "missing") {
      throw new GenerationError(`The model '${info.id}' is not on disk; run \`npm run models:fetch -- ${info.id}\`.`, "unavailable", "model_missing");
    }
    if (info.status === "error") throw new GenerationError(`The model '${info.id}' failed to load: ${info.error}`, "unavailable", "model_failed");
    if (info.status !== "ready") {
      // Lazy loading: the first request for a model that is on disk starts loading it.
      if (info.status === "pending") void this.load(info.id).catch(() => undefined);
      throw new GenerationError(`The model '${info.id}' is loading (${info.status}); retry shortly.`, "not_ready", "model_loading", 5);
    }
    const slot = await this.queue.acquire(request.model, request.signal);
    try {
      // The worker may have died while this request waited.
      const failure = this.failure as Error | undefined;
      if (failure) throw new GenerationError(`Generation is unavailable: ${failure.message}`, "unavailable", "generation_unavailable");
      const jobId = this.nextJobId++;
      const result = await new Promise<GenerateResult>((resolve, reject) => {
        this.jobs.set(jobId, { request, resolve, reject, arrived, firstToken: null, promptTokens: 0 });
        const onAbort = () => this.post({ type: "cancel", jobId });
        if (request.signal?.aborted) onAbort();
        else request.signal?.addEventListener("abort", onAbort, { once: true });
        this.post({ type: "generate", jobId, model: request.model, messages: request.messages, params: request.params });
      });
      const m = this.options.metrics;
      m.requests.inc({ model: request.model, outcome: result.cancelled ? "cancelled" : result.finishReason });
      m.tokens.inc({ model: request.model, kind: "prompt" }, result.promptTokens);
      m.tokens.inc({ model: request.model, kind: "completion" }, result.completionTokens);
      if (result.firstTokenMs !== null) m.firstTokenSeconds.observe({ model: request.model }, result.firstTokenMs / 1000);
      if (result.tokensPerSecond !== null) m.tokensPerSecond.observe({ model: request.model }, result.tokensPerSecond);
      return result;
    } finally {
      slot.release();
    }
  }

  /** Stops taking requests, lets running completions finish (up to a grace period), stops the worker. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.queue.rejectWaiting(new GenerationError("The ml-runtime is shutting down.", "unavailable", "shutting_down"));
    const worker = this.worker;
    if (!worker) return;
    if (!this.failure) {
      const deadline = Date.now() + closeTimeoutMs;
      while (this.jobs.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, closeTimeoutMs);
        worker.on("message", (message: WorkerResponse) => {
          if (message.type === "closed") {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.postMessage({ type: "close" } satisfies WorkerRequest);
      });
    }
    await worker.terminate();
  }

  // -------------------------------------------------------------------------------------------

  private ensureWorker(): Promise<GenerationDevice> {
    this.workerReady ??= new Promise<GenerationDevice>((resolve, reject) => {
      const worker = new Worker(new URL("./worker-bootstrap.mjs", import.meta.url));
      this.worker = worker;
      let up = false;
      worker.on("message", (message: WorkerResponse) => {
        if (message.type === "ready") {
          up = true;
          this.device = message.device;
          this.options.logger.info({ device: message.device, gpu: message.gpuSetting }, "generation worker ready (node-llama-cpp)");
          resolve(message.device);
        } else if (message.type === "init-failed") {
          reject(new Error(`node-llama-cpp could not start: ${message.message}`));
        } else this.onMessage(message);
      });
      worker.on("error", (err) => {
        if (!up) reject(err);
        this.fail(new Error(`generation worker crashed: ${err.message}`));
      });
      worker.on("exit", (code) => {
        if (!up) reject(new Error(`generation worker exited with code ${code} while starting`));
        if (!this.closing) this.fail(new Error(`generation worker exited with code ${code}`));
      });
      worker.postMessage({ type: "init", gpu: this.options.gpu, threads: this.options.threads } satisfies WorkerRequest);
    });
    return this.workerReady;
  }

  private post(message: WorkerRequest): void {
    this.worker?.postMessage(message);
  }

  private settleLoad(id: string, error?: Error): void {
    for (const w of this.loadWaiters.get(id) ?? []) {
      if (error) w.reject(error);
      else w.resolve();
    }
    this.loadWaiters.delete(id);
  }

  private onMessage(message: WorkerResponse): void {
    switch (message.type) {
      case "loaded": {
        const info = this.models.get(message.id);
        if (info) Object.assign(info, { status: "ready", device: this.device, contextSize: message.contextSize, chatWrapper: message.chatWrapper, loadSeconds: message.seconds });
        this.options.logger.info({ model: message.id, device: this.device, contextSize: message.contextSize, chatWrapper: message.chatWrapper, seconds: message.seconds }, "generation model loaded");
        this.settleLoad(message.id);
        return;
      }
      case "load-failed":
        this.options.logger.error({ model: message.id, err: message.message }, "generation model failed to load");
        this.setError(message.id, message.message);
        return;
      case "log":
        this.options.logger[message.level]({ source: "node-llama-cpp" }, message.message);
        return;
      case "started": {
        const job = this.jobs.get(message.jobId);
        if (!job) return;
        job.promptTokens = message.promptTokens;
        job.request.onStart?.(message.promptTokens);
        return;
      }
      case "delta": {
        const job = this.jobs.get(message.jobId);
        if (!job) return;
        job.firstToken ??= performance.now();
        job.request.onDelta?.(message.text);
        return;
      }
      case "done": {
        const job = this.jobs.get(message.jobId);
        if (!job) return;
        this.jobs.delete(message.jobId);
        const now = performance.now();
        const firstTokenMs = job.firstToken === null ? null : job.firstToken - job.arrived;
        const decodeSeconds = job.firstToken === null ? 0 : (now - job.firstToken) / 1000;
        job.resolve({
          text: message.text,
          finishReason: message.finishReason,
          promptTokens: message.promptTokens,
          completionTokens: message.completionTokens,
          cancelled: message.cancelled || !!job.request.signal?.aborted,
          firstTokenMs,
          tokensPerSecond: message.completionTokens > 1 && decodeSeconds > 0 ? (message.completionTokens - 1) / decodeSeconds : null,
        });
        return;
      }
      case "failed": {
        const job = this.jobs.get(message.jobId);
        if (!job) return;
        this.jobs.delete(message.jobId);
        const bad = message.status === 400;
        job.reject(new GenerationError(message.message, bad ? "bad_request" : "failed", message.code));
        return;
      }
      default:
        return;
    }
  }

  private fail(error: Error): void {
    if (this.failure || this.closing) return;
    this.failure = error;
    this.options.logger.error({ err: error.message }, "generation unavailable");
    for (const job of this.jobs.values()) job.reject(new GenerationError(error.message, "unavailable", "generation_unavailable"));
    this.jobs.clear();
    this.queue.rejectWaiting(new GenerationError(error.message, "unavailable", "generation_unavailable"));
    for (const info of this.models.values()) if (info.status === "loading" || info.status === "pending") this.setError(info.id, error.message);
  }
}
