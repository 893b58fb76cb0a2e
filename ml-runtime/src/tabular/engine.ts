import { Worker } from "node:worker_threads";
import type { LoadedTabularModel, TabularRequest, TabularResponse } from "./protocol.js";

type Pending = { resolve: (message: TabularResponse) => void; reject: (error: Error) => void };
type Request = TabularRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** A model could not be loaded (bad artifacts, unsupported trees); the message says why. */
export class TabularLoadError extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
    this.name = "TabularLoadError";
  }
}

/**
 * The main thread's side of the tabular worker: one request per message, answered by id. A
 * worker that dies fails what it was doing and every later call (`error`); the manager starts a
 * new engine and loads its models again.
 */
export class TabularEngine {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;
  private closing = false;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (message: TabularResponse) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      pending.resolve(message);
    });
    worker.on("error", (err) => this.fail(new Error(`tabular worker crashed: ${err.message}`)));
    worker.on("exit", (code) => {
      if (!this.closing) this.fail(new Error(`tabular worker exited with code ${code}`));
    });
  }

  static start(): TabularEngine {
    return new TabularEngine(new Worker(new URL("./worker-bootstrap.mjs", import.meta.url)));
  }

  get error(): Error | undefined {
    return this.failure;
  }

  async load(key: string, onnx: Uint8Array, treeDump: Uint8Array, threads = 1): Promise<LoadedTabularModel> {
    const reply = await this.call({ type: "load", key, onnx, treeDump, threads });
    if (reply.type === "failed") throw new TabularLoadError(reply.message, reply.unsupported);
    if (reply.type !== "loaded") throw new Error(`tabular worker answered ${reply.type} to load`);
    return reply.info;
  }

  async unload(key: string): Promise<void> {
    await this.call({ type: "unload", key });
  }

  /** Scores `rows` rows (row-major doubles, NaN = missing) with the version's ONNX graph. */
  async predict(key: string, x: Float64Array, rows: number): Promise<Float64Array> {
    const reply = await this.call({ type: "predict", key, x, rows }, [x.buffer as ArrayBuffer]);
    if (reply.type === "failed") throw new Error(reply.message);
    if (reply.type !== "predicted") throw new Error(`tabular worker answered ${reply.type} to predict`);
    return reply.scores;
  }

  /** TreeSHAP contributions (features + base value per row) and raw scores from the version's trees. */
  async explain(key: string, x: Float64Array, rows: number): Promise<{ contributions: Float64Array; raw: Float64Array }> {
    const reply = await this.call({ type: "explain", key, x, rows }, [x.buffer as ArrayBuffer]);
    if (reply.type === "failed") throw new Error(reply.message);
    if (reply.type !== "explained") throw new Error(`tabular worker answered ${reply.type} to explain`);
    return { contributions: reply.contributions, raw: reply.raw };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    if (!this.failure) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.call({ type: "close" }).catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      clearTimeout(timer);
    }
    this.closing = true;
    await this.worker.terminate();
  }

  private call(request: Request, transfer: ArrayBuffer[] = []): Promise<TabularResponse> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error("the tabular engine is shutting down"));
    const id = this.nextId++;
    return new Promise<TabularResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as TabularRequest, transfer);
    });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * Several tabular workers with the same models: a request goes to the least busy one, and a large
 * one is cut into contiguous parts scored at once on several (explain from 64 rows, predict from
 * 4 096: below that a second thread costs more than it saves). Results come back in row order.
 */
export class TabularPool {
  private readonly pending: number[];

  private constructor(private readonly engines: TabularEngine[]) {
    this.pending = engines.map(() => 0);
  }

  static start(workers: number): TabularPool {
    return new TabularPool(Array.from({ length: Math.max(1, Math.floor(workers)) }, () => TabularEngine.start()));
  }

  get size(): number {
    return this.engines.length;
  }

  /** The first worker failure; the pool is then replaced as a whole. */
  get error(): Error | undefined {
    return this.engines.find((e) => e.error)?.error;
  }

  /** Loads the version in every worker; if one fails, it is unloaded from the others. */
  async load(key: string, onnx: Uint8Array, treeDump: Uint8Array, threads = 1): Promise<LoadedTabularModel> {
    const outcomes = await Promise.allSettled(this.engines.map((e) => e.load(key, onnx, treeDump, threads)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failed) {
      await this.unload(key).catch(() => undefined);
      throw failed.reason;
    }
    return (outcomes[0] as PromiseFulfilledResult<LoadedTabularModel>).value;
  }

  async unload(key: string): Promise<void> {
    await Promise.all(this.engines.map((e) => e.unload(key).catch(() => undefined)));
  }

  async predict(key: string, x: Float64Array, rows: number): Promise<Float64Array> {
    const parts = this.parts(rows, 4_096);
    if (parts.length === 1) return this.on((e) => e.predict(key, x, rows));
    const f = x.length / rows;
    const results = await Promise.all(parts.map(([from, to], i) => this.on((e) => e.predict(key, x.slice(from * f, to * f), to - from), i)));
    const scores = new Float64Array(rows);
    parts.forEach(([from], i) => scores.set(results[i]!, from));
    return scores;
  }

  async explain(key: string, x: Float64Array, rows: number): Promise<{ contributions: Float64Array; raw: Float64Array }> {
    const parts = this.parts(rows, 64);
    if (parts.length === 1) return this.on((e) => e.explain(key, x, rows));
    const f = x.length / rows;
    const results = await Promise.all(parts.map(([from, to], i) => this.on((e) => e.explain(key, x.slice(from * f, to * f), to - from), i)));
    const contributions = new Float64Array(rows * (f + 1));
    const raw = new Float64Array(rows);
    parts.forEach(([from], i) => {
      contributions.set(results[i]!.contributions, from * (f + 1));
      raw.set(results[i]!.raw, from);
    });
    return { contributions, raw };
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.close()));
  }

  /** [from, to) row ranges: one per worker when there are enough rows, else one. */
  private parts(rows: number, minPerWorker: number): Array<[number, number]> {
    const n = Math.min(this.engines.length, Math.floor(rows / minPerWorker));
    if (n <= 1) return [[0, rows]];
    const size = Math.ceil(rows / n);
    return Array.from({ length: n }, (_, i) => [i * size, Math.min(rows, (i + 1) * size)] as [number, number]).filter(([a, b]) => b > a);
  }

  /** Runs `call` on worker `index`, or on the least busy one. */
  private async on<T>(call: (engine: TabularEngine) => Promise<T>, index?: number): Promise<T> {
    const i = index ?? this.pending.indexOf(Math.min(...this.pending));
    this.pending[i]!++;
    try {
      return await call(this.engines[i]!);
    } finally {
      this.pending[i]!--;
    }
  }
}
