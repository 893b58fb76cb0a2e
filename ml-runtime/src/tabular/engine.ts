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
