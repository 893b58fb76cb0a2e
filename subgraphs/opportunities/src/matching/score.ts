import { SIGNALS, type MatchingConfig, type SignalName } from "./config.js";
import type { Confidence, MatchStatus, SignalContribution } from "./types.js";

/** Raw comparisons of one pair; null where a side lacks the data. */
export interface PairFeatures {
  identityCosine: number | null;
  contextCosine: number | null;
  /** Token-set similarity of the deal titles without the company's name words; null when a title is empty. */
  titleTokens: number | null;
  nameJaroWinkler: number;
  nameTrigram: number;
  nameTokens: number;
  /** +1 same registrable domain, -1 both known and different. */
  domain: 1 | -1 | null;
  /** 1 when the alias table links the two names. */
  alias: 1 | null;
  /** 1 when one name is the other's acronym. */
  acronym: 1 | null;
  country: 1 | -1 | null;
  /** exp(-days apart / 90), in (0, 1]. */
  closeDate: number | null;
  /** exp(-|ln ratio|) of the two amounts, in (0, 1]. */
  amount: number | null;
  /**
   * Deals of the same company (same normalised name or domain) in the source where it has more
   * of them. With several, name and domain agree for every pairing of them, and only the deal
   * signals (context, date, amount) can tell which is which.
   */
  companyDeals: number;
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const centred = (x: number | null, centre: number, scale: number, lo: number, hi = 1) => (x === null ? null : clip((x - centre) / scale, lo, hi));

/**
 * Signal values on a common scale: about +1 is strong agreement, 0 no evidence, negative
 * disagreement. The centres are where a value stops being evidence of a match (e.g. MiniLM
 * cosine 0.7 between two company names), so a weight reads as "log-odds of a strong agreement".
 */
export function signalValues(f: PairFeatures): Record<SignalName, number | null> {
  return {
    identity_cosine: centred(f.identityCosine, 0.7, 0.3, -1.5),
    context_cosine: centred(f.contextCosine, 0.6, 0.4, -1.5),
    title_tokens: centred(f.titleTokens, 0.3, 0.7, -1),
    name_jaro_winkler: centred(f.nameJaroWinkler, 0.85, 0.15, -2),
    name_trigram: centred(f.nameTrigram, 0.4, 0.6, -1),
    name_tokens: centred(f.nameTokens, 0.5, 0.5, -1),
    domain: f.domain,
    alias: f.alias,
    acronym: f.acronym,
    country: f.country,
    close_date: f.closeDate === null ? null : f.closeDate * 2 - 1,
    amount: f.amount === null ? null : f.amount * 2 - 1,
    company_deals: f.companyDeals > 1 ? Math.log2(f.companyDeals) : null,
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Score and explanation from signal values (the explanation is what calibration learns from). */
export function scoreValues(values: Record<SignalName, number | null>, weights: MatchingConfig["weights"]): { score: number; signals: SignalContribution[] } {
  let logit = weights.bias;
  const signals: SignalContribution[] = [{ signal: "bias", value: 1, weight: weights.bias, contribution: weights.bias }];
  for (const name of SIGNALS) {
    const value = values[name];
    const contribution = value === null ? 0 : weights[name] * value;
    logit += contribution;
    signals.push({ signal: name, value: value === null ? null : round(value), weight: weights[name], contribution: round(contribution) });
  }
  return { score: sigmoid(logit), signals };
}

export function scorePair(features: PairFeatures, weights: MatchingConfig["weights"]) {
  return scoreValues(signalValues(features), weights);
}

/** The signal values stored in an explanation, to score it again under other weights. */
export function valuesOf(signals: readonly SignalContribution[]): Record<SignalName, number | null> {
  const out = Object.fromEntries(SIGNALS.map((s) => [s, null])) as Record<SignalName, number | null>;
  for (const s of signals) if (s.signal in out) out[s.signal as SignalName] = s.value;
  return out;
}

export function confidenceOf(score: number, thresholds: MatchingConfig["thresholds"]): Confidence {
  return score >= thresholds.autoConfirm ? "high" : score >= thresholds.review ? "medium" : "low";
}

/** A machine status from score and assignment; human decisions are never recomputed. */
export function machineStatus(score: number, assigned: boolean, thresholds: MatchingConfig["thresholds"]): MatchStatus {
  if (!assigned) return "candidate";
  return score >= thresholds.autoConfirm ? "auto_confirmed" : score >= thresholds.review ? "proposed" : "candidate";
}

export const isHumanStatus = (status: MatchStatus) => status === "confirmed" || status === "rejected";

/** A pair's deal value: the larger amount, APN's (monthly) scaled by `apnAmountFactor`. */
export function dealValue(apnAmount: number | null, odooAmount: number | null, apnAmountFactor: number): number | null {
  return Math.max(apnAmount === null ? 0 : apnAmount * apnAmountFactor, odooAmount ?? 0) || null;
}

/**
 * Review-queue priority: uncertainty (1 at score 0.5, 0 at 0 or 1) times a deal-value factor
 * (1 + log10 of the larger amount, so a 1M deal counts 7x a deal without an amount).
 */
export function reviewPriority(score: number, amount: number | null): number {
  const uncertainty = 1 - Math.abs(2 * score - 1);
  return round(uncertainty * (1 + Math.log10(1 + Math.max(0, amount ?? 0))));
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
