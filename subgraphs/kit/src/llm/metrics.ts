import { Counter, Gauge, Histogram, Registry, type Metric } from "prom-client";
import type { CircuitState } from "@matchgraph/ml-runtime/client";

export type LlmOutcome = "success" | "cache_hit" | "error" | "circuit_open" | "budget_exceeded";

/** The LLM client's Prometheus metrics; several clients may share one registry. */
export interface LlmMetrics {
  registry: Registry;
  requests: Counter<"outcome">;
  tokens: Counter<"model" | "kind">;
  cost: Counter<"model">;
  /** 0 closed, 1 half-open, 2 open; by provider (host of the base URL). */
  circuit: Gauge<"provider">;
  duration: Histogram<"path">;
}

export const circuitStateValue: Record<CircuitState, number> = { closed: 0, "half-open": 1, open: 2 };

function metric<T extends Metric>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function createLlmMetrics(registry = new Registry()): LlmMetrics {
  const registers = [registry];
  return {
    registry,
    requests: metric(registry, "llm_requests_total", () =>
      new Counter({
        name: "llm_requests_total",
        help: "LLM calls by outcome: success (the provider answered), cache_hit, error (after retries), circuit_open and budget_exceeded (refused, never sent)",
        labelNames: ["outcome"] as const,
        registers,
      }),
    ),
    tokens: metric(registry, "llm_tokens_total", () =>
      new Counter({ name: "llm_tokens_total", help: "Tokens the provider counted, by model and kind (input, output); cache hits excluded", labelNames: ["model", "kind"] as const, registers }),
    ),
    cost: metric(registry, "llm_cost_usd_total", () =>
      new Counter({ name: "llm_cost_usd_total", help: "USD spent on LLM calls by model, at the configured prices (local models cost 0)", labelNames: ["model"] as const, registers }),
    ),
    circuit: metric(registry, "llm_circuit_state", () =>
      new Gauge({ name: "llm_circuit_state", help: "LLM circuit breaker state: 0 closed, 1 half-open, 2 open", labelNames: ["provider"] as const, registers }),
    ),
    duration: metric(registry, "llm_request_duration_seconds", () =>
      new Histogram({
        name: "llm_request_duration_seconds",
        help: "LLM call duration by path (cache, provider), retries included",
        labelNames: ["path"] as const,
        buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        registers,
      }),
    ),
  };
}
