import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { ResolvedModel } from "../registry.js";
import type { RuntimeMetrics } from "../metrics.js";
import type { BatchLimits } from "./batching.js";
import type { ExecutionProvider, SessionSettings } from "./execution-provider.js";
import { MicroBatcher, type BatchedEmbeddings } from "./micro-batcher.js";
import type { EmbedResult, LoadedModel, WorkerRequest, WorkerResponse } from "./protocol.js";

export interface EngineOptions {
  models: ResolvedModel[];
  session: SessionSettings;
  limits: BatchLimits;
  batchWindowMs: number;
  metrics?: RuntimeMetrics;
}

export interface EngineModel {
  id: string;
  dimension: number;
  maxLength: number;
  executionProvider: ExecutionProvider;
  /** Why CUDA was not used, when it was asked for. */
  fallbackReason?: string;
  /** The model folder. */
  path: string;
  onnxPath: string;
  queryPrefix?: string;
  passagePrefix?: string;
}

export class EngineUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineUnavailableError";
  }
}

const closeTimeoutMs = 5000;

/**
 * Embeds text with the models loaded in one inference worker. Requests go through a
 * MicroBatcher; the worker sorts each job by token length and runs it in padded batches.
 */
export class EmbeddingEngine {
  readonly models: ReadonlyMap<string, EngineModel>;
  private readonly batcher: MicroBatcher;
  private readonly jobs = new Map<number, { resolve: (r: EmbedResult) => void; reject: (e: Error) => void }>();
  private nextJobId = 1;
  private failure: Error | undefined;
  private closing = false;

  private constructor(
    private readonly worker: Worker,
    models: EngineModel[],
    private readonly options: EngineOptions,
  ) {
    this.models = new Map(models.map((m) => [m.id, m]));
    this.batcher = new MicroBatcher({
      windowMs: options.batchWindowMs,
      maxBatch: options.limits.maxBatch,
      run: (model, texts) => this.runJob(model, texts),
      onQueueDepth: (model, depth) => options.metrics?.queueDepth.set({ model }, depth),
    });
    worker.on("message", (message: WorkerResponse) => this.onMessage(message));
    worker.on("error", (err) => this.fail(new EngineUnavailableError(`inference worker crashed: ${err.message}`)));
    worker.on("exit", (code) => {
      if (!this.closing) this.fail(new EngineUnavailableError(`inference worker exited with code ${code}`));
    });
  }

  /** Starts the worker and loads every model; rejects (and stops the worker) if one fails. */
  static async start(options: EngineOptions): Promise<EmbeddingEngine> {
    const worker = new Worker(new URL("./worker-bootstrap.mjs", import.meta.url));
    let loaded: LoadedModel[];
    const listeners: { message?: (m: WorkerResponse) => void; error?: (e: Error) => void; exit?: (code: number) => void } =
      {};
    try {
      loaded = await new Promise<LoadedModel[]>((resolve, reject) => {
        listeners.message = (message) => {
          if (message.type === "loaded") resolve(message.models);
          else if (message.type === "load-failed") reject(new Error(message.message));
        };
        listeners.error = reject;
        listeners.exit = (code) => reject(new Error(`inference worker exited with code ${code} while loading`));
        worker.on("message", listeners.message).on("error", listeners.error).on("exit", listeners.exit);
        worker.postMessage({
          type: "load",
          models: options.models,
          session: options.session,
          limits: options.limits,
        } satisfies WorkerRequest);
      });
    } catch (err) {
      await worker.terminate();
      throw err;
    } finally {
      // Not removeAllListeners(): Worker keeps its message port referenced through listener hooks.
      if (listeners.message) worker.off("message", listeners.message);
      if (listeners.error) worker.off("error", listeners.error);
      if (listeners.exit) worker.off("exit", listeners.exit);
    }
    const models = loaded.map((info): EngineModel => {
      const spec = options.models.find((m) => m.id === info.id);
      if (!spec) throw new Error(`worker loaded unexpected model ${info.id}`);
      return {
        id: info.id,
        dimension: spec.dimension,
        maxLength: spec.maxLength,
        executionProvider: info.executionProvider,
        fallbackReason: info.fallbackReason,
        path: spec.path,
        onnxPath: spec.onnxPath,
        queryPrefix: spec.queryPrefix,
        passagePrefix: spec.passagePrefix,
      };
    });
    return new EmbeddingEngine(worker, models, options);
  }

  /** Set once the worker has died; every later call fails with it. */
  get error(): Error | undefined {
    return this.failure;
  }

  async embed(modelId: string, texts: string[]): Promise<BatchedEmbeddings> {
    if (this.failure) throw this.failure;
    if (this.closing) throw new EngineUnavailableError("the embedding engine is shutting down");
    if (!this.models.has(modelId)) throw new Error(`model "${modelId}" is not loaded`);
    const started = performance.now();
    const result = await this.batcher.submit(modelId, texts);
    const metrics = this.options.metrics;
    if (metrics) {
      metrics.embeddingSeconds.observe({ model: modelId }, (performance.now() - started) / 1000);
      metrics.textsEmbedded.inc({ model: modelId }, texts.length);
      metrics.tokensEmbedded.inc({ model: modelId }, result.tokenCounts.reduce((a, b) => a + b, 0));
    }
    return result;
  }

  /** Finishes queued and running work, then releases the sessions and stops the worker. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (!this.failure) {
      await this.batcher.drain();
      const closed = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, closeTimeoutMs);
        this.worker.on("message", (message: WorkerResponse) => {
          if (message.type === "closed") {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      this.worker.postMessage({ type: "close" } satisfies WorkerRequest);
      await closed;
    }
    await this.worker.terminate();
  }

  private runJob(model: string, texts: string[]): Promise<EmbedResult> {
    if (this.failure) return Promise.reject(this.failure);
    const jobId = this.nextJobId++;
    return new Promise<EmbedResult>((resolve, reject) => {
      this.jobs.set(jobId, { resolve, reject });
      this.worker.postMessage({ type: "embed", jobId, model, texts } satisfies WorkerRequest);
    }).then((result) => {
      const metrics = this.options.metrics;
      for (const batch of result.batches) {
        metrics?.batchSize.observe({ model }, batch.size);
        metrics?.inferenceSeconds.observe({ model }, batch.seconds);
      }
      return result;
    });
  }

  private onMessage(message: WorkerResponse): void {
    if (message.type !== "embedded" && message.type !== "embed-failed") return;
    const job = this.jobs.get(message.jobId);
    if (!job) return;
    this.jobs.delete(message.jobId);
    if (message.type === "embedded") job.resolve(message.result);
    else job.reject(new Error(message.message));
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
    this.batcher.rejectQueued(error);
  }
}
