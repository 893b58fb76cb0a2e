import { Counter, Gauge, Histogram, Registry } from "prom-client";

export const STAGES = ["parse", "retrieve", "relax", "exemplar_ann", "bm25", "llm", "cold_start", "trim"] as const;
export type Stage = (typeof STAGES)[number];

/** The intent model's Prometheus series (served on the subgraph's /metrics). */
export interface IntentMetrics {
  registry: Registry;
  stage: Histogram<"stage">;
  leadCost: Histogram;
  queryCost: Histogram;
  llmHit: Counter<"scorer">;
  resultCache: Counter<"outcome">;
  reputation: Gauge<"submitter">;
  alerts: Gauge<"kind">;
}

export function createIntentMetrics(): IntentMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "leads" });
  return {
    registry,
    stage: new Histogram({
      name: "leads_stage_duration_seconds",
      help: "Time per intent-model pipeline stage (parse, retrieve, relax, exemplar_ann, bm25, llm, cold_start, trim)",
      labelNames: ["stage"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    leadCost: new Histogram({ name: "lead_cost_usd", help: "Cost per returned lead (LLM tokens at configured prices)", buckets: [0, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.02], registers: [registry] }),
    queryCost: new Histogram({ name: "leads_query_cost_usd", help: "Cost per lead query", buckets: [0, 0.001, 0.01, 0.05, 0.1, 0.5], registers: [registry] }),
    llmHit: new Counter({ name: "llm_hit", help: "Leads scored by each scorer (LLM, COLD_START, BM25)", labelNames: ["scorer"] as const, registers: [registry] }),
    resultCache: new Counter({ name: "leads_result_cache_total", help: "Lead searches answered from the result cache (hit) or computed (miss)", labelNames: ["outcome"] as const, registers: [registry] }),
    reputation: new Gauge({ name: "leads_submitter_reputation", help: "Query-quality reputation (EMA) of submitters under the alert threshold", labelNames: ["submitter"] as const, registers: [registry] }),
    alerts: new Gauge({ name: "leads_quality_alerts", help: "Open lead-quality alerts by kind", labelNames: ["kind"] as const, registers: [registry] }),
  };
}
