import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The runtime's Prometheus metrics, in a registry of its own (never prom-client's global one). */
export class RuntimeMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: "ml_runtime_http_requests_total",
    help: "HTTP requests by route, method and status code.",
    labelNames: ["route", "method", "status"] as const,
    registers: [this.registry],
  });

  readonly embeddingSeconds = new Histogram({
    name: "ml_runtime_embedding_duration_seconds",
    help: "Time from queueing an embedding request to its vectors, queue wait included.",
    labelNames: ["model"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly inferenceSeconds = new Histogram({
    name: "ml_runtime_inference_duration_seconds",
    help: "Time of one inference batch in the worker (tokenising excluded).",
    labelNames: ["model"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: "ml_runtime_batch_size",
    help: "Texts in one inference batch.",
    labelNames: ["model"] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: "ml_runtime_queue_depth",
    help: "Texts waiting to be sent to the inference worker.",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });

  readonly textsEmbedded = new Counter({
    name: "ml_runtime_texts_embedded_total",
    help: "Texts embedded.",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });

  readonly tokensEmbedded = new Counter({
    name: "ml_runtime_tokens_embedded_total",
    help: "Tokens fed to the model, special tokens included, padding excluded.",
    labelNames: ["model"] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "ml_runtime_" });
  }
}
