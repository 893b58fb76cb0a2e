/**
 * The inference worker: owns every ONNX session. onnxruntime-node's `session.run` blocks the
 * thread it runs on, so it runs here and the main thread stays free for HTTP and queueing.
 * Jobs are handled one at a time, in the order they arrive.
 */
import { parentPort } from "node:worker_threads";
import type { BatchLimits } from "./batching.js";
import { EmbeddingModel } from "./embedding-model.js";
import type { EmbedRequest, LoadRequest, WorkerRequest, WorkerResponse } from "./protocol.js";

if (!parentPort) throw new Error("inference-worker must run in a worker thread");
const port = parentPort;
const models = new Map<string, EmbeddingModel>();
let limits: BatchLimits = { maxBatch: 64, maxBatchTokens: 8192 };
let queue: Promise<void> = Promise.resolve();

function reply(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

async function load(request: LoadRequest): Promise<void> {
  limits = request.limits;
  try {
    for (const spec of request.models) {
      const model = await EmbeddingModel.load(spec, request.session);
      models.set(spec.id, model);
      // Warm-up run: allocates the session's buffers and checks the output dimension.
      await model.embed(["warm-up"], limits);
    }
    reply({ type: "loaded", models: [...models.values()].map((m) => m.info) });
  } catch (err) {
    reply({ type: "load-failed", message: (err as Error).message });
  }
}

async function embed(request: EmbedRequest): Promise<void> {
  const model = models.get(request.model);
  if (!model) {
    reply({ type: "embed-failed", jobId: request.jobId, message: `model "${request.model}" is not loaded` });
    return;
  }
  try {
    const result = await model.embed(request.texts, limits);
    reply({ type: "embedded", jobId: request.jobId, result }, [result.vectors.buffer as ArrayBuffer]);
  } catch (err) {
    reply({ type: "embed-failed", jobId: request.jobId, message: (err as Error).message });
  }
}

async function close(): Promise<void> {
  for (const model of models.values()) await model.release();
  models.clear();
  reply({ type: "closed" });
}

port.on("message", (request: WorkerRequest) => {
  queue = queue.then(() => {
    switch (request.type) {
      case "load":
        return load(request);
      case "embed":
        return embed(request);
      case "close":
        return close();
    }
  });
});
