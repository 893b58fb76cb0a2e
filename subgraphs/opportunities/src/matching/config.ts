import { z } from "zod";
import type { FsModel } from "./fellegi-sunter.js";
import { schedulesSchema } from "../service/schedules.js";

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

/**
 * The bounds of every number in a matching config. Update and calibration both refuse values
 * outside them (nothing is stored), and the GraphQL descriptions of MatchingConfigInput quote them.
 * Weights are log-odds per unit of a signal whose values lie in about [-1, 1]: ±20 already makes
 * one signal decide alone (odds of e^20), and keeps every logit finite.
 */
export const CONFIG_BOUNDS = {
  weight: { min: -20, max: 20 },
  threshold: { min: 0, max: 1 },
  candidatesPerRecord: { min: 1, max: 100 },
  apnAmountFactor: { min: 0.01, max: 1000 },
  dateWindowDays: { min: 0, max: 3650 },
  excludeStages: { items: 50, length: 100 },
  targetPrecision: { min: 0.5, max: 0.9999 },
} as const;

type Bounds = { readonly min: number; readonly max: number };
const range = (b: Bounds, integer = false) => `must be ${integer ? "an integer" : "a finite number"} from ${b.min} to ${b.max}`;
const bounded = (b: Bounds) => z.number(range(b)).finite(range(b)).min(b.min, range(b)).max(b.max, range(b));
const boundedInt = (b: Bounds) => z.number(range(b, true)).int(range(b, true)).min(b.min, range(b, true)).max(b.max, range(b, true));

const weights = z.object({ bias: bounded(CONFIG_BOUNDS.weight), ...Object.fromEntries(SIGNALS.map((s) => [s, bounded(CONFIG_BOUNDS.weight)])) }) as unknown as z.ZodType<
  Record<SignalName | "bias", number>
>;

export const matchingConfigSchema = z.object({
  weights,
  thresholds: z.object({
    autoConfirm: bounded(CONFIG_BOUNDS.threshold),
    review: bounded(CONFIG_BOUNDS.threshold),
  }),
  options: z.object({
    /** Greedy one-to-one assignment between the sources (deal-level data is one-to-one). */
    oneToOne: z.boolean(),
    /** Nearest neighbours per record and per blocking key (identity ANN, context ANN, trigram). */
    candidatesPerRecord: boundedInt(CONFIG_BOUNDS.candidatesPerRecord),
    /** APN amounts are multiplied by this before comparing with Odoo (APN exports monthly revenue). */
    apnAmountFactor: bounded(CONFIG_BOUNDS.apnAmountFactor),
    /** Prefilters on candidates: close dates at most this many days apart (null: off). */
    dateWindowDays: boundedInt(CONFIG_BOUNDS.dateWindowDays).nullable(),
    /** Prefilter: only candidates in the same sales region (records without one pass). */
    sameRegionOnly: z.boolean(),
    /** Prefilter: records in these stages are neither matched nor candidates (e.g. "Closed Lost"). */
    excludeStages: z
      .array(z.string().max(CONFIG_BOUNDS.excludeStages.length, `each stage must be at most ${CONFIG_BOUNDS.excludeStages.length} characters`))
      .max(CONFIG_BOUNDS.excludeStages.items, `must list at most ${CONFIG_BOUNDS.excludeStages.items} stages`),
    /**
     * "em": a Fellegi–Sunter model estimated from the unlabelled candidates on every full run
     * (review decisions as labels), with the auto-confirm threshold set from `targetPrecision`;
     * "weights": the logistic model with the weights above (calibrated from review decisions).
     */
    scoring: z.enum(["em", "weights"]).default("em"),
    /** Expected precision of auto-confirmed pairs the "em" scoring sets its threshold for. */
    targetPrecision: bounded(CONFIG_BOUNDS.targetPrecision).default(0.99),
    /** Scheduled full and incremental runs by cron expression (see service/schedules.ts). */
    schedules: schedulesSchema.default([]),
  }),
});

/** A stored config; `fsModel` is the model a full run estimated ("em" scoring; null: not estimated yet). */
export type MatchingConfig = z.infer<typeof matchingConfigSchema> & { version: number; fsModel?: FsModel | null };

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
    scoring: "em",
    targetPrecision: 0.99,
    schedules: [],
  },
};

export const configPatchSchema = z.object({
  weights: z.record(z.string(), z.number()).optional(),
  thresholds: z.object({ autoConfirm: z.number().optional(), review: z.number().optional() }).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type ConfigPatch = z.infer<typeof configPatchSchema>;

/** A config change that cannot be stored; `field` is its name in MatchingConfigInput. */
export class ConfigInputError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "ConfigInputError";
  }
}

/** The MatchingConfigInput name of a part of the config ("weights" for every weight). */
function inputName(path: readonly PropertyKey[]): { field: string; label: string } {
  const [part, key] = path.map(String);
  if (part === "weights") return { field: "weights", label: key ? `weights: ${key}` : "weights" };
  if (part === "thresholds") return { field: `${key}Threshold`, label: `${key}Threshold` };
  return { field: key ?? part ?? "input", label: key ?? part ?? "input" };
}

/**
 * Merges a partial change into a config and validates the result: unknown signals, numbers out of
 * {@link CONFIG_BOUNDS} and a review threshold above the auto-confirm one throw
 * {@link ConfigInputError}, naming the field as MatchingConfigInput does.
 */
export function applyConfigPatch(base: Omit<MatchingConfig, "version">, patch: ConfigPatch): Omit<MatchingConfig, "version"> {
  for (const key of Object.keys(patch.weights ?? {})) {
    if (key !== "bias" && !(SIGNALS as readonly string[]).includes(key)) throw new ConfigInputError("weights", `unknown signal "${key}"; signals: bias, ${SIGNALS.join(", ")}`);
  }
  const merged = {
    weights: { ...base.weights, ...patch.weights },
    thresholds: { ...base.thresholds, ...patch.thresholds },
    options: { ...base.options, ...patch.options },
  };
  const parsed = matchingConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { field, label } = inputName(issue.path);
    const value = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k], merged);
    throw new ConfigInputError(field, `${label} ${issue.message}${typeof value === "number" ? `; got ${value}` : ""}`);
  }
  const { autoConfirm, review } = parsed.data.thresholds;
  if (review > autoConfirm) {
    throw new ConfigInputError(
      patch.thresholds?.review !== undefined ? "reviewThreshold" : "autoConfirmThreshold",
      `reviewThreshold (${review}) must not exceed autoConfirmThreshold (${autoConfirm})`,
    );
  }
  return parsed.data;
}

/** updateMatchingConfig's input, as GraphQL gives it (an omitted field may be undefined or absent). */
export interface MatchingConfigChange {
  weights?: ReadonlyArray<{ signal: string; weight: number }> | null;
  autoConfirmThreshold?: number | null;
  reviewThreshold?: number | null;
  oneToOne?: boolean | null;
  candidatesPerRecord?: number | null;
  apnAmountFactor?: number | null;
  dateWindowDays?: number | null;
  sameRegionOnly?: boolean | null;
  excludeStages?: readonly string[] | null;
  scoring?: "em" | "weights" | null;
  targetPrecision?: number | null;
  schedules?: ReadonlyArray<{ name: string; cron: string; mode: "full" | "incremental"; timezone?: string | null }> | null;
}

/**
 * The patch a MatchingConfigInput asks for: omitted or null fields keep their value, except
 * `dateWindowDays: null`, which turns the close-date prefilter off. A signal given twice is
 * refused; ranges are checked when the patch is applied ({@link applyConfigPatch}).
 */
export function configPatchFromInput(input: MatchingConfigChange): ConfigPatch {
  const patch: Required<ConfigPatch> = { weights: {}, thresholds: {}, options: {} };
  for (const { signal, weight } of input.weights ?? []) {
    if (signal in patch.weights) throw new ConfigInputError("weights", `weights: signal "${signal}" is given more than once`);
    patch.weights[signal] = weight;
  }
  if (input.autoConfirmThreshold != null) patch.thresholds.autoConfirm = input.autoConfirmThreshold;
  if (input.reviewThreshold != null) patch.thresholds.review = input.reviewThreshold;
  if (input.schedules != null) patch.options.schedules = input.schedules.map((s) => ({ name: s.name, cron: s.cron, mode: s.mode, ...(s.timezone ? { timezone: s.timezone } : {}) }));
  for (const key of ["oneToOne", "candidatesPerRecord", "apnAmountFactor", "sameRegionOnly", "excludeStages", "scoring", "targetPrecision"] as const) {
    if (input[key] != null) patch.options[key] = input[key];
  }
  if (input.dateWindowDays !== undefined) patch.options.dateWindowDays = input.dateWindowDays;
  return patch;
}
