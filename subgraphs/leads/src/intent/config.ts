import { z } from "zod";
import { parseEnv } from "@matchgraph/subgraph-kit";

const num = (min: number, max: number, fallback: number) => z.coerce.number().min(min).max(max).default(fallback);

/**
 * The intent model's knobs (environment, validated once at start-up; a bad value stops the
 * subgraph naming the variable). The two weights must sum to 1.
 */
export const intentEnv = z
  .object({
    LEADS_WEIGHT_FIT: num(0, 1, 0.35),
    LEADS_WEIGHT_INTENT: num(0, 1, 0.65),
    LEADS_HALF_LIFE_DAYS: num(1, 3650, 45),
    LEADS_BM25_K1: num(0, 3, 1.2),
    LEADS_BM25_B: num(0, 1, 0.75),
    /** BM25 × decay at which intent reaches 0.5 of its saturated value. */
    LEADS_INTENT_SATURATION: num(0.1, 1000, 6),
    LEADS_JOB_POSTING_BOOST: num(1, 5, 1.4),
    LEADS_CHURN_BOOST: num(1, 5, 1.25),
    LEADS_CHURN_WINDOW_DAYS: num(1, 3650, 180),
    /** Intent evidence under this BM25 × decay counts as weak: the LLM (or the cold-start model) judges the lead. */
    LEADS_WEAK_INTENT_BM25: num(0, 1000, 2),
    /** At most this share of a query's leads go to the LLM. */
    LEADS_LLM_MAX_SHARE: num(0, 1, 0.3),
    LEADS_RESULT_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(5000),
    LEADS_RESULT_CACHE_TTL_S: num(0, 86_400, 60),
    /** Reputation under this tightens a submitter's rate limit and raises an alert. */
    LEADS_REPUTATION_ALERT: num(0, 1, 0.35),
    LEADS_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
    LEADS_RATE_PER_MINUTE_LOW_REPUTATION: z.coerce.number().int().min(1).default(20),
    /** on: weak evidence and unconfident parses go to the shared LLM client (LLM_* variables). */
    LEADS_LLM: z.enum(["on", "off"]).default("off"),
    /** prior: the built-in logistic prior; model: the trained tabular model on the ml-runtime; off: BM25 only. */
    LEADS_COLD_START: z.enum(["off", "prior", "model"]).default("off"),
    LEADS_COLD_START_MODEL: z.string().min(1).default("leads-cold-start"),
    /** USD per 1k input / output tokens, for the cost of LLM judgements. */
    LEADS_LLM_PRICE_INPUT_PER_1K: num(0, 1, 0.00015),
    LEADS_LLM_PRICE_OUTPUT_PER_1K: num(0, 1, 0.0006),
  })
  .refine((e) => Math.abs(e.LEADS_WEIGHT_FIT + e.LEADS_WEIGHT_INTENT - 1) < 1e-9, {
    message: "LEADS_WEIGHT_FIT and LEADS_WEIGHT_INTENT must sum to 1",
    path: ["LEADS_WEIGHT_FIT"],
  });

export interface IntentConfig {
  weights: { fit: number; intent: number };
  halfLifeDays: number;
  k1: number;
  b: number;
  saturation: number;
  jobPostingBoost: number;
  churnBoost: number;
  churnWindowDays: number;
  weakIntent: number;
  llmMaxShare: number;
  resultCacheSize: number;
  resultCacheTtlMs: number;
  reputationAlert: number;
  ratePerMinute: number;
  ratePerMinuteLow: number;
  llm: boolean;
  coldStart: "off" | "prior" | "model";
  coldStartModel: string;
  llmPrices: { input: number; output: number };
}

export function intentConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IntentConfig {
  const e = parseEnv(intentEnv as unknown as z.ZodObject, env) as z.infer<typeof intentEnv>;
  return {
    weights: { fit: e.LEADS_WEIGHT_FIT, intent: e.LEADS_WEIGHT_INTENT },
    halfLifeDays: e.LEADS_HALF_LIFE_DAYS,
    k1: e.LEADS_BM25_K1,
    b: e.LEADS_BM25_B,
    saturation: e.LEADS_INTENT_SATURATION,
    jobPostingBoost: e.LEADS_JOB_POSTING_BOOST,
    churnBoost: e.LEADS_CHURN_BOOST,
    churnWindowDays: e.LEADS_CHURN_WINDOW_DAYS,
    weakIntent: e.LEADS_WEAK_INTENT_BM25,
    llmMaxShare: e.LEADS_LLM_MAX_SHARE,
    resultCacheSize: e.LEADS_RESULT_CACHE_SIZE,
    resultCacheTtlMs: e.LEADS_RESULT_CACHE_TTL_S * 1000,
    reputationAlert: e.LEADS_REPUTATION_ALERT,
    ratePerMinute: e.LEADS_RATE_PER_MINUTE,
    ratePerMinuteLow: e.LEADS_RATE_PER_MINUTE_LOW_REPUTATION,
    llm: e.LEADS_LLM === "on",
    coldStart: e.LEADS_COLD_START,
    coldStartModel: e.LEADS_COLD_START_MODEL,
    llmPrices: { input: e.LEADS_LLM_PRICE_INPUT_PER_1K, output: e.LEADS_LLM_PRICE_OUTPUT_PER_1K },
  };
}
