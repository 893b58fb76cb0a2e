import type { EmbedResult } from "./protocol.js";

export interface BatchedEmbeddings {
  vectors: Float32Array[];
  tokenCounts: number[];
}

export interface MicroBatcherOptions {
  /** How long the first request waits for others to join it. */
  windowMs: number;
  /** Texts that make a job full: it is sent at once, without waiting for the window. */
  maxBatch: number;
  /** Runs one job; the worker sorts it by length and splits it into inference batches. */
  run: (model: string, texts: string[]) => Promise<EmbedResult>;
  onQueueDepth?: (model: string, texts: number) => void;
}

interface Pending {
  model: string;
  texts: string[];
  resolve: (value: BatchedEmbeddings) => void;
  reject: (error: Error) => void;
}

/**
 * Coalesces requests into jobs for the inference worker. One job runs at a time; requests that
 * arrive meanwhile wait and go together in the next job, so batches grow with load. A job holds
 * requests for one model, oldest first, whole, up to `maxBatch` texts (one larger request goes
 * alone).
 */
export class MicroBatcher {
  private readonly pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: MicroBatcherOptions) {}

  submit(model: string, texts: string[]): Promise<BatchedEmbeddings> {
    return new Promise((resolve, reject) => {
      this.pending.push({ model, texts, resolve, reject });
      this.reportDepth(model);
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or running. */
  drain(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Fails everything queued (not the running job). */
  rejectQueued(error: Error): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const request of this.pending.splice(0)) {
      request.reject(error);
      this.reportDepth(request.model);
    }
    this.notifyIfIdle();
  }

  private schedule(): void {
    if (this.running || this.pending.length === 0) return;
    const model = this.pending[0].model;
    if (this.queuedTexts(model) >= this.options.maxBatch) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.pending.length === 0) return;
    const job = this.takeJob();
    this.reportDepth(job[0].model);
    this.running = this.runJob(job).finally(() => {
      this.running = undefined;
      // Whatever queued while this job ran has waited long enough: send it now.
      if (this.pending.length > 0) this.flush();
      else this.notifyIfIdle();
    });
  }

  private takeJob(): Pending[] {
    const model = this.pending[0].model;
    const job: Pending[] = [];
    let texts = 0;
    for (let i = 0; i < this.pending.length && texts < this.options.maxBatch; ) {
      const request = this.pending[i];
      if (request.model !== model || (texts > 0 && texts + request.texts.length > this.options.maxBatch)) {
        i++;
        continue;
      }
      job.push(request);
      texts += request.texts.length;
      this.pending.splice(i, 1);
    }
    return job;
  }

  private async runJob(job: Pending[]): Promise<void> {
    try {
      const result = await this.options.run(job[0].model, job.flatMap((r) => r.texts));
      let offset = 0;
      for (const request of job) {
        const count = request.texts.length;
        const vectors = Array.from({ length: count }, (_, i) =>
          result.vectors.subarray((offset + i) * result.dimension, (offset + i + 1) * result.dimension),
        );
        request.resolve({ vectors, tokenCounts: result.tokenCounts.slice(offset, offset + count) });
        offset += count;
      }
    } catch (err) {
      for (const request of job) request.reject(err as Error);
    }
  }

  private queuedTexts(model: string): number {
    return this.pending.reduce((sum, r) => (r.model === model ? sum + r.texts.length : sum), 0);
  }

  private reportDepth(model: string): void {
    this.options.onQueueDepth?.(model, this.queuedTexts(model));
  }

  private notifyIfIdle(): void {
    if (this.running || this.pending.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
