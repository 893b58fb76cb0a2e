/**
 * F-10: the cold-start model's training set, for the shared training pipeline
 * (`npm run train -- leads-cold-start`). Rows are returned hits with the features their scorer saw;
 * labels are the recorded outcomes (a click or conversion: 1; only impressions: 0) and, where no
 * outcome exists, the LLM's likelihood (soft labels: distillation of the LLM judge). Rows of one
 * query stay on one side of the held-out split.
 */
import type { TrainableModel, TabularDataset } from "@matchgraph/ml-runtime/training";
import { COLD_START_FEATURES } from "./scorers.js";

const DESCRIPTIONS: Record<string, string> = {
  bm25: "Σ BM25 of the lead's snippets over the query terms",
  decayed: "Σ BM25 × time decay",
  snippets: "Snippets that counted (at most 3)",
  hasJobPosting: "1 when a job posting counted",
  churn: "1 when the product's technologies changed at the lead within the churn window",
  fit: "Filter fit (and exemplar similarity) in [0, 1]",
  employeeLog: "log10(1 + employees)",
};

export const LEADS_COLD_START_MODEL = "leads-cold-start";

export const leadsTrainableModels: TrainableModel[] = [
  {
    name: LEADS_COLD_START_MODEL,
    description: "Leads cold start: probability that a returned lead converts (LightGBM binary on hit features; labels from outcomes and LLM judgements).",
    async dataset({ db, log }): Promise<TabularDataset> {
      const rows = await db.prisma.$queryRaw<Array<{ query_id: string; features: Record<string, number>; llm: number | null; positive: boolean; seen: boolean }>>`
        SELECT h.query_id::text AS query_id, h.features, h.llm_likelihood AS llm,
               coalesce(bool_or(o.kind IN ('click', 'conversion')), false) AS positive,
               coalesce(bool_or(o.kind = 'impression'), false) AS seen
        FROM leads.lead_query_hit h LEFT JOIN leads.lead_outcome o ON o.query_id = h.query_id AND o.lead_id = h.lead_id
        WHERE h.features IS NOT NULL
        GROUP BY h.query_id, h.lead_id, h.features, h.llm_likelihood
        HAVING h.llm_likelihood IS NOT NULL OR count(o.id) > 0`;
      log(`leads-cold-start: ${rows.length} labelled hits`);
      return {
        model: LEADS_COLD_START_MODEL,
        objective: "binary",
        softLabels: true,
        features: COLD_START_FEATURES.map((name) => ({ name, description: DESCRIPTIONS[name]! })),
        rows: rows.map((r) => COLD_START_FEATURES.map((f) => (typeof r.features[f] === "number" ? r.features[f] : null))),
        labels: rows.map((r) => (r.positive ? 1 : r.seen ? 0 : Number(r.llm))),
        groups: rows.map((r) => r.query_id),
        source: `leads.lead_query_hit with outcomes and LLM judgements (${rows.length} rows)`,
      };
    },
  },
];
