import { z } from "zod";

/**
 * The scoring configuration. A pair's score is a logistic model over signals,
 * `score = sigmoid(bias + Σ weight_s × value_s)`, so every signal's contribution is a number of
 * log-odds that explains the decision. Thresholds turn the score into a confidence: at least
 * `autoConfirm` is high (auto-confirmed when the pair wins the one-to-one assignment), at least
 * `review` is medium (queued for review), below is low (kept as a candidate only).
 */
export const SIGNALS = [
  "identity_cosine",
  "context_cosine",
  "title_tokens",
  "name_jaro_winkler",
  "name_trigram",
  "name_tokens",
  "domain",
  "alias",
  "acronym",
  "country",
  "close_date",
  "amount",
  "company_deals",
] as const;
export type SignalName = (typeof SIGNALS)[number];

const weights = z.object({ bias: z.number().finite(), ...Object.fromEntries(SIGNALS.map((s) => [s, z.number().finite()])) }) as unknown as z.ZodType<Record<SignalName | "bias", number>>;

export const matchingConfigSchema = z
  .object({
    weights,
    thresholds: z.object({
      autoConfirm: z.number().min(0).max(1),
      review: z.number().min(0).max(1),
    }),
    options: z.object({
      /** Greedy one-to-one assignment between the sources (deal-level data is one-to-one). */
      oneToOne: z.boolean(),
      /** Nearest neighbours per record and per blocking key (identity ANN, context ANN, trigram). */
      candidatesPerRecord: z.number().int().min(1).max(100),
      /** APN amounts are multiplied by this before comparing with Odoo (APN exports monthly revenue). */
      apnAmountFactor: z.number().positive(),
      /** Prefilters on candidates: close dates at most this many days apart (null: off). */
      dateWindowDays: z.number().int().min(0).nullable(),
      /** Prefilter: only candidates in the same sales region (records without one pass). */
      sameRegionOnly: z.boolean(),
      /** Prefilter: records in these stages are neither matched nor candidates (e.g. "Closed Lost"). */
      excludeStages: z.array(z.string().max(100)).max(50),
    }),
  })
  .refine((c) => c.thresholds.review <= c.thresholds.autoConfirm, { message: "review threshold must not exceed autoConfirm", path: ["thresholds"] });

export type MatchingConfig = z.infer<typeof matchingConfigSchema> & { version: number };

/**
 * Defaults set by reasoning about each signal, before any review decision exists (see
 * README, "Opportunity matching"). Values are centred (see `signalValues`), so a weight is the
 * evidence of a strong agreement and minus it of a strong disagreement.
 */
export const DEFAULT_MATCHING_CONFIG: Omit<MatchingConfig, "version"> = {
  weights: {
    bias: -3,
    identity_cosine: 2,
    context_cosine: 1.5,
    title_tokens: 1.5,
    name_jaro_winkler: 1.5,
    name_trigram: 1.5,
    name_tokens: 1,
    domain: 2.5,
    alias: 5,
    acronym: 3,
    country: 0.75,
    close_date: 1.5,
    amount: 1,
    company_deals: -1.5,
  },
  thresholds: { autoConfirm: 0.9, review: 0.5 },
  options: {
    oneToOne: true,
    candidatesPerRecord: 8,
    apnAmountFactor: 12,
    dateWindowDays: null,
    sameRegionOnly: false,
    excludeStages: [],
  },
};

export const configPatchSchema = z.object({
  weights: z.record(z.string(), z.number().finite()).optional(),
  thresholds: z.object({ autoConfirm: z.number().min(0).max(1).optional(), review: z.number().min(0).max(1).optional() }).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** Merges a partial change into a config and validates the result (unknown signals are refused). */
export function applyConfigPatch(base: Omit<MatchingConfig, "version">, patch: z.infer<typeof configPatchSchema>): Omit<MatchingConfig, "version"> {
  for (const key of Object.keys(patch.weights ?? {})) {
    if (key !== "bias" && !(SIGNALS as readonly string[]).includes(key)) throw new RangeError(`unknown signal "${key}"; signals: bias, ${SIGNALS.join(", ")}`);
  }
  const merged = {
    weights: { ...base.weights, ...patch.weights },
    thresholds: { ...base.thresholds, ...patch.thresholds },
    options: { ...base.options, ...patch.options },
  };
  return matchingConfigSchema.parse(merged);
}
