import type { ServerResponse } from "node:http";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** prom-client's Gauge, for subgraphs' own series (see SubgraphDefinition.registerMetrics). */
export { Gauge } from "prom-client";

export interface ServiceMetrics {
  registry: Registry;
  operations: Counter<"operation" | "type" | "outcome">;
  duration: Histogram<"operation" | "type">;
  /** Responses that carried `extensions.degraded: true`, by what answered degraded. */
  degraded: Counter<"operation">;
}

/** Answers GET /metrics in Prometheus' text format. */
export async function sendMetrics(res: ServerResponse, registry: Registry): Promise<void> {
  const text = await registry.metrics();
  res.setHeader("content-type", registry.contentType);
  res.end(text);
}

/** One prom-client registry per service, so in-process services don't mix their series. */
export function createMetrics(service: string, withDefaults = true): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (withDefaults) collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: "graphql_operations_total",
    help: "GraphQL operations by name, type and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "graphql_operation_duration_seconds",
    help: "GraphQL operation duration",
    labelNames: ["operation", "type"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const degraded = new Counter({
    name: "degraded_responses_total",
    help: "Responses answered degraded (extensions.degraded), e.g. searches answered from lexical retrieval while the ml-runtime is unavailable",
    labelNames: ["operation"] as const,
    registers: [registry],
  });
  return { registry, operations, duration, degraded };
}
