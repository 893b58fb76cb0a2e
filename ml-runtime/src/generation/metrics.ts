import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** Generation metrics, in the runtime's registry (what /metrics serves). */
export class GenerationMetrics {
  readonly requests: Counter<"model" | "outcome">;
  readonly tokensPerSecond: Histogram<"model">;
  readonly firstTokenSeconds: Histogram<"model">;
  readonly tokens: Counter<"model" | "kind">;
  readonly queueDepth: Gauge;
  readonly running: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: "ml_runtime_generation_requests_total",
      help: "Chat completions by model and outcome: stop, length, cancelled (client gone), error, queue_full (429), not_ready (503 while loading), unavailable (503), not_found (404), bad_request (400).",
      labelNames: ["model", "outcome"] as const,
      registers,
    });
    this.tokensPerSecond = new Histogram({
      name: "ml_runtime_generation_tokens_per_second",
      help: "Decoding speed of one completion: completion tokens after the first, per second after the first token.",
      labelNames: ["model"] as const,
      buckets: [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
    this.firstTokenSeconds = new Histogram({
      name: "ml_runtime_generation_first_token_seconds",
      help: "Time from a request's arrival to its first generated token (queue wait and prompt evaluation included).",
      labelNames: ["model"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.tokens = new Counter({
      name: "ml_runtime_generation_tokens_total",
      help: "Tokens of chat completions by model and kind (prompt, completion).",
      labelNames: ["model", "kind"] as const,
      registers,
    });
    this.queueDepth = new Gauge({ name: "ml_runtime_generation_queue_depth", help: "Chat completions waiting for a free sequence.", registers });
    this.running = new Gauge({ name: "ml_runtime_generation_running", help: "Chat completions being generated.", registers });
  }
}
