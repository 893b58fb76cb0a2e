import type { GoldPair, ScoredPair } from "../matching/types.js";

/**
 * A scored pair as evaluation sees it: `assigned` says whether the pair won the one-to-one
 * assignment (greedy by score); it is always true when assignment is off.
 */
export type EvaluatedPair = ScoredPair & { assigned: boolean };

/** Precision, recall and F1 at one threshold, with the counts they come from. */
export interface QualityPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface QualityThresholds {
  autoConfirm: number;
  review: number;
}

export interface QualityReport {
  /** Distinct gold pairs. */
  goldPairs: number;
  /** Distinct scored pairs (by apn/odoo external id). */
  scoredPairs: number;
  /** The thresholds evaluated, as given. */
  thresholds: QualityThresholds;
  atAutoConfirm: QualityPoint;
  atReview: QualityPoint;
  /** Thresholds 0.00, 0.01, …, 1.00. */
  curve: QualityPoint[];
  /** The curve's point of highest F1 (the highest threshold among ties). */
  best: QualityPoint;
  recommended: { autoConfirm: number; review: number; rationale: string };
  /** {@link HISTOGRAM_BINS} bins of score over [0, 1]; the last bin includes 1. */
  histogram: { binEdges: number[]; truePairs: number[]; falsePairs: number[] };
  /** Pairs predicted at `thresholds.autoConfirm` that are not in gold, highest score first (at most {@link LIST_CAP}). */
  falsePositives: EvaluatedPair[];
  /** Gold pairs not predicted at `thresholds.autoConfirm`, best-scored first, never-scored last (at most {@link LIST_CAP}). */
  falseNegatives: Array<{ gold: GoldPair; pair: EvaluatedPair | null }>;
}

export const CURVE_STEPS = 100;
export const HISTOGRAM_BINS = 20;
export const LIST_CAP = 200;
/** Precision auto-confirmed pairs must keep. */
export const TARGET_PRECISION = 0.99;
/** How far below the curve's maximum recall the review threshold may go. */
export const RECALL_TOLERANCE = 0.005;
/** The review threshold is never recommended below this. */
export const MIN_REVIEW_THRESHOLD = 0.05;

const EPS = 1e-12;

export function pairKey(apnExternalId: string, odooExternalId: string): string {
  return `${apnExternalId}\u0000${odooExternalId}`;
}

/**
 * The highest threshold at which a pair is predicted a match: a pair is predicted at t iff
 * `t <= reach`. Confirmed pairs are always predicted, rejected or unassigned ones never.
 */
export function predictionReach(pair: EvaluatedPair): number {
  if (pair.status === "confirmed") return Infinity;
  if (pair.status === "rejected" || !pair.assigned || Number.isNaN(pair.score)) return -Infinity;
  return pair.score;
}

/** Whether `pair` is predicted a match at threshold `t`. */
export function isPredicted(pair: EvaluatedPair, t: number): boolean {
  return t <= predictionReach(pair);
}

/** How many values of the ascending array are ≥ t. */
function countAtLeast(ascending: Float64Array, t: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return ascending.length - lo;
}

function makePoint(threshold: number, tp: number, fp: number, goldPairs: number): QualityPoint {
  const fn = goldPairs - tp;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = goldPairs === 0 ? 1 : tp / goldPairs;
  // 2·tp / (2·tp + fp + fn) is F1 without the rounding of 2pr/(p+r); the degenerate cases follow
  // the conventions above (nothing predicted: precision 1; nothing in gold: recall 1).
  const f1 = tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : fp + fn === 0 ? 1 : 0;
  return { threshold, precision, recall, f1, tp, fp, fn };
}

/** The histogram bin of a score in [0, 1] (scores outside are clamped), bins [k/n, (k+1)/n). */
function binOf(score: number, edges: number[]): number {
  const n = edges.length - 1;
  if (!(score > 0)) return 0;
  if (score >= 1) return n - 1;
  let i = Math.min(n - 1, Math.max(0, Math.floor(score * n)));
  // score * n can round across an edge; the edges (k / n, correctly rounded) decide.
  if (score < edges[i]!) i--;
  else if (i < n - 1 && score >= edges[i + 1]!) i++;
  return i;
}

const byScoreDesc = (a: EvaluatedPair, b: EvaluatedPair): number =>
  scoreForSort(b.score) - scoreForSort(a.score) ||
  (a.apnExternalId < b.apnExternalId ? -1 : a.apnExternalId > b.apnExternalId ? 1 : 0) ||
  (a.odooExternalId < b.odooExternalId ? -1 : a.odooExternalId > b.odooExternalId ? 1 : 0);

function scoreForSort(score: number): number {
  return Number.isNaN(score) ? -Infinity : score;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const thr = (t: number): string => t.toFixed(2);

/**
 * Evaluates scored pairs against a gold standard. A pair is predicted a match at threshold t iff
 * its status is "confirmed", or it is not "rejected", won the assignment and scores ≥ t. Recall's
 * denominator is the whole gold set: gold pairs never scored are false negatives.
 *
 * Pairs and gold pairs are deduplicated by (apn, odoo) external id; of duplicate pairs the one
 * predicted furthest (then the higher score) counts. Cost: one sort of the pairs' reaches, then a
 * binary search per threshold.
 */
export function evaluateMatches(pairs: EvaluatedPair[], gold: GoldPair[], thresholds: QualityThresholds): QualityReport {
  for (const [name, t] of Object.entries(thresholds)) {
    if (typeof t !== "number" || !Number.isFinite(t)) throw new RangeError(`threshold ${name} must be a finite number, got ${String(t)}`);
  }

  // Distinct pairs, keeping the most predictive of duplicates.
  const byKey = new Map<string, { pair: EvaluatedPair; reach: number }>();
  for (const pair of pairs) {
    const key = pairKey(pair.apnExternalId, pair.odooExternalId);
    const reach = predictionReach(pair);
    const seen = byKey.get(key);
    if (!seen || reach > seen.reach || (reach === seen.reach && scoreForSort(pair.score) > scoreForSort(seen.pair.score))) {
      byKey.set(key, { pair, reach });
    }
  }

  const goldByKey = new Map<string, GoldPair>();
  for (const g of gold) {
    const key = pairKey(g.apnExternalId, g.odooExternalId);
    if (!goldByKey.has(key)) goldByKey.set(key, g);
  }
  const goldPairs = goldByKey.size;

  // Reaches, split by gold membership; a gold pair never scored never reaches.
  const trueReach = new Float64Array(goldPairs);
  let ti = 0;
  for (const key of goldByKey.keys()) trueReach[ti++] = byKey.get(key)?.reach ?? -Infinity;
  const falseReach = new Float64Array(byKey.size);
  let fi = 0;
  for (const [key, { reach }] of byKey) if (!goldByKey.has(key)) falseReach[fi++] = reach;
  const falseSorted = falseReach.subarray(0, fi);
  trueReach.sort();
  falseSorted.sort();

  const pointAt = (t: number): QualityPoint => makePoint(t, countAtLeast(trueReach, t), countAtLeast(falseSorted, t), goldPairs);

  const curve: QualityPoint[] = [];
  for (let i = 0; i <= CURVE_STEPS; i++) curve.push(pointAt(i / CURVE_STEPS));

  let best = curve[0]!;
  for (const p of curve) if (p.f1 >= best.f1) best = p;

  // Histogram of scores by class.
  const binEdges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => k / HISTOGRAM_BINS);
  const truePairs = new Array<number>(HISTOGRAM_BINS).fill(0);
  const falsePairs = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const [key, { pair }] of byKey) {
    if (Number.isNaN(pair.score)) continue;
    const bin = binOf(pair.score, binEdges);
    if (goldByKey.has(key)) truePairs[bin]!++;
    else falsePairs[bin]!++;
  }

  // Errors at the auto-confirm threshold.
  const autoT = thresholds.autoConfirm;
  const falsePositives: EvaluatedPair[] = [];
  for (const [key, { pair, reach }] of byKey) if (autoT <= reach && !goldByKey.has(key)) falsePositives.push(pair);
  falsePositives.sort(byScoreDesc);

  const falseNegatives: Array<{ gold: GoldPair; pair: EvaluatedPair | null }> = [];
  for (const [key, g] of goldByKey) {
    const scored = byKey.get(key);
    if (!scored || !(autoT <= scored.reach)) falseNegatives.push({ gold: g, pair: scored?.pair ?? null });
  }
  falseNegatives.sort((a, b) => (a.pair && b.pair ? byScoreDesc(a.pair, b.pair) : a.pair ? -1 : b.pair ? 1 : 0));

  return {
    goldPairs,
    scoredPairs: byKey.size,
    thresholds: { autoConfirm: thresholds.autoConfirm, review: thresholds.review },
    atAutoConfirm: pointAt(thresholds.autoConfirm),
    atReview: pointAt(thresholds.review),
    curve,
    best,
    recommended: recommendThresholds(curve),
    histogram: { binEdges, truePairs, falsePairs },
    falsePositives: falsePositives.slice(0, LIST_CAP),
    falseNegatives: falseNegatives.slice(0, LIST_CAP),
  };
}

/**
 * Thresholds from a curve (ascending thresholds). Auto-confirm: the lowest threshold whose
 * precision, and that of every higher threshold that predicts anything, is ≥ 99%; 1.0 when no
 * threshold that predicts anything gets there. Review: the highest threshold ≤ auto-confirm whose
 * recall is within 0.005 of the curve's maximum, never below 0.05.
 */
export function recommendThresholds(curve: QualityPoint[]): QualityReport["recommended"] {
  if (curve.length === 0) throw new Error("recommendThresholds needs a non-empty curve");
  let autoIndex = -1;
  let reached = false;
  for (let i = curve.length - 1; i >= 0; i--) {
    const p = curve[i]!;
    const predicts = p.tp + p.fp > 0;
    if (predicts && p.precision < TARGET_PRECISION) break;
    autoIndex = i;
    if (predicts) reached = true;
  }
  if (!reached) autoIndex = curve.length - 1;

  const maxRecall = Math.max(...curve.map((p) => p.recall));
  let reviewIndex = 0;
  for (let i = autoIndex; i >= 0; i--) {
    if (curve[i]!.recall >= maxRecall - RECALL_TOLERANCE - EPS) {
      reviewIndex = i;
      break;
    }
  }
  const auto = curve[autoIndex]!;
  const reviewPoint = curve[reviewIndex]!;
  const floored = reviewPoint.threshold < MIN_REVIEW_THRESHOLD;
  const review = floored ? MIN_REVIEW_THRESHOLD : reviewPoint.threshold;
  const reviewPart =
    `review from ${thr(review)}${floored ? ` (the ${thr(MIN_REVIEW_THRESHOLD)} floor)` : ""}, the highest threshold at or below ` +
    `auto-confirm whose recall (${pct(reviewPoint.recall)}) is within ${(RECALL_TOLERANCE * 100).toFixed(1)} points of the maximum ${pct(maxRecall)}`;

  if (!reached) {
    const predicting = curve.filter((p) => p.tp + p.fp > 0);
    const top = predicting.reduce<QualityPoint | null>((b, p) => (!b || p.precision > b.precision ? p : b), null);
    const bestPart = top ? ` (the best is ${pct(top.precision)} at ${thr(top.threshold)})` : " (no threshold predicts any pair)";
    return {
      autoConfirm: 1,
      review,
      rationale:
        `No threshold keeps precision at or above ${pct(TARGET_PRECISION)} at it and every higher threshold${bestPart}, ` +
        `so auto-confirm is set to 1.00 (nothing auto-confirmed) and ${reviewPart}.`,
    };
  }
  return {
    autoConfirm: auto.threshold,
    review,
    rationale:
      `Auto-confirm at ${thr(auto.threshold)}, the lowest threshold where precision stays at or above ${pct(TARGET_PRECISION)} ` +
      `at it and every higher threshold (${pct(auto.precision)} precision, ${pct(auto.recall)} recall, ${auto.tp} true and ${auto.fp} false ` +
      `pairs there), and ${reviewPart}.`,
  };
}
