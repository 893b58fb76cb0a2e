import type { FeatureDescription } from "../tabular/store.js";
import type { LightGbmParams } from "./lightgbm.js";
import type { MetricName } from "./metrics.js";

/** A feature value: a number, or null/undefined/NaN for missing (LightGBM routes it as missing, never as 0). */
export type FeatureValue = number | null | undefined;

/** What a domain hands the training pipeline. */
export interface TabularDataset {
  /** The model's name (`[a-z0-9][a-z0-9._-]*`): versions are numbered per name. */
  model: string;
  objective: "binary" | "regression";
  /** In column order; names `[A-Za-z_][A-Za-z0-9_]*`, unique; the description says what the feature means. */
  features: FeatureDescription[];
  /** One entry per row: values in feature order, or an object keyed by feature name (absent = missing). */
  rows: ReadonlyArray<ReadonlyArray<FeatureValue> | Readonly<Record<string, FeatureValue>>>;
  /** One per row: 0/1 for binary (a probability in [0, 1] with `softLabels`), any finite number for regression. */
  labels: ArrayLike<number>;
  /**
   * Binary only: labels are probabilities (e.g. an LLM's judgements to distil). Each training row
   * goes to LightGBM twice — label 1 with weight w·p and label 0 with weight w·(1 − p) — which makes
   * its binary log-loss the cross-entropy against p (LightGBM's cross_entropy objective, which the
   * ONNX converter does not take). Held-out log-loss is the cross-entropy; AUC counts p > 0.5 as positive.
   */
  softLabels?: boolean;
  /** Optional LightGBM sample weights, one per row (> 0). Held-out metrics are unweighted. */
  weights?: ArrayLike<number>;
  /** Optional, one per row: rows of a group stay on one side of the split, and NDCG@k is computed per group. */
  groups?: ArrayLike<string | number>;
  /**
   * Optional, one per row: rows that are never held out (e.g. synthetic rows an earlier version
   * trained on, so that the gate compares versions on rows neither has seen). The split draws its
   * held-out rows (or groups) from the others only; a group is held out whole or not at all.
   */
  trainOnly?: ArrayLike<boolean>;
  /** Where the rows come from (kept with the version), e.g. "talent feedback up to 2026-12-01". */
  source: string;
  /** Seed of the split and of LightGBM (default 1): the same dataset and seed give the same model. */
  seed?: number;
  /** Share of rows (or groups) held out for the metrics and the gate (default 0.2). */
  holdoutFraction?: number;
  params?: LightGbmParams;
  /** Boosting rounds (default 200). */
  numBoostRound?: number;
  /** k of NDCG@k with groups (default 10). */
  ndcgAt?: number;
  /** The metric the gate compares (default: ndcg with groups, else log_loss for binary, rmse for regression). */
  gateMetric?: MetricName;
  /** Anything else worth keeping with the version (small JSON). */
  notes?: Record<string, unknown>;
}

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetError";
  }
}

const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export interface PreparedDataset {
  x: Float64Array;
  labels: Float64Array;
  rows: number;
  featureNames: string[];
  /** 0 = train, 1 = held out. */
  split: Uint8Array;
  holdout: number[];
  weights?: Float64Array;
  groups?: Array<string | number>;
  summary: Record<string, unknown>;
}

/** Deterministic 32-bit PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function stats(values: number[]): Record<string, number> {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(n, 1);
  return { count: n, mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/** Checks a dataset and lays it out for training: the matrix, the labels and a deterministic (grouped) split. */
export function prepareDataset(dataset: TabularDataset): PreparedDataset {
  const featureNames = dataset.features.map((f) => f.name);
  if (featureNames.length === 0) throw new DatasetError("the dataset has no features");
  for (const f of dataset.features) {
    if (!FEATURE_NAME.test(f.name)) throw new DatasetError(`feature name ${JSON.stringify(f.name)} must match ${FEATURE_NAME}`);
    if (typeof f.description !== "string" || f.description.trim() === "") throw new DatasetError(`feature "${f.name}" needs a description`);
  }
  if (new Set(featureNames).size !== featureNames.length) throw new DatasetError("feature names must be unique");
  const rows = dataset.rows.length;
  if (dataset.labels.length !== rows) throw new DatasetError(`${dataset.labels.length} labels for ${rows} rows`);
  if (dataset.groups && dataset.groups.length !== rows) throw new DatasetError(`${dataset.groups.length} group keys for ${rows} rows`);
  if (dataset.weights && dataset.weights.length !== rows) throw new DatasetError(`${dataset.weights.length} weights for ${rows} rows`);
  if (dataset.trainOnly && dataset.trainOnly.length !== rows) throw new DatasetError(`${dataset.trainOnly.length} trainOnly flags for ${rows} rows`);
  const trainOnly = (r: number) => Boolean(dataset.trainOnly?.[r]);
  if (dataset.weights && Array.from(dataset.weights).some((w) => !(Number.isFinite(w) && w > 0))) throw new DatasetError("weights must be finite and above 0");
  if (dataset.softLabels && dataset.objective !== "binary") throw new DatasetError("softLabels needs the binary objective");
  const holdoutFraction = dataset.holdoutFraction ?? 0.2;
  if (!(holdoutFraction > 0 && holdoutFraction < 1)) throw new DatasetError("holdoutFraction must be between 0 and 1");
  const f = featureNames.length;
  const index = new Map(featureNames.map((n, i) => [n, i]));
  const x = new Float64Array(rows * f).fill(NaN);
  const missing = new Array<number>(f).fill(0);
  for (let r = 0; r < rows; r++) {
    const row = dataset.rows[r]!;
    if (Array.isArray(row)) {
      if (row.length > f) throw new DatasetError(`row ${r} has ${row.length} values for ${f} features`);
      for (let j = 0; j < row.length; j++) x[r * f + j] = value(row[j], r, featureNames[j]!);
    } else {
      for (const [name, v] of Object.entries(row as Record<string, FeatureValue>)) {
        const j = index.get(name);
        if (j === undefined) throw new DatasetError(`row ${r} has an unknown feature "${name}"`);
        x[r * f + j] = value(v, r, name);
      }
    }
    for (let j = 0; j < f; j++) if (Number.isNaN(x[r * f + j])) missing[j]!++;
  }
  const labels = Float64Array.from(dataset.labels);
  for (let r = 0; r < rows; r++) {
    const y = labels[r]!;
    if (!Number.isFinite(y)) throw new DatasetError(`label ${r} is not a finite number`);
    if (dataset.objective === "binary" && dataset.softLabels && !(y >= 0 && y <= 1)) throw new DatasetError(`label ${r} is ${y}; soft labels are probabilities in [0, 1]`);
    if (dataset.objective === "binary" && !dataset.softLabels && y !== 0 && y !== 1) throw new DatasetError(`label ${r} is ${y}; a binary objective takes 0 or 1 (or probabilities with softLabels)`);
  }

  const seed = dataset.seed ?? 1;
  const random = mulberry32(seed ^ 0x5eed);
  const split = new Uint8Array(rows);
  let groupSummary: Record<string, number> | undefined;
  if (dataset.groups) {
    const pinned = new Set<string | number>();
    for (let r = 0; r < rows; r++) if (trainOnly(r)) pinned.add(dataset.groups[r]!);
    const keys = [...new Set(Array.from(dataset.groups))].filter((k) => !pinned.has(k)).sort((a, b) => String(a).localeCompare(String(b)));
    const held = new Set(shuffled(keys, random).slice(0, Math.max(1, Math.round(keys.length * holdoutFraction))));
    for (let r = 0; r < rows; r++) split[r] = held.has(dataset.groups[r]!) ? 1 : 0;
    groupSummary = { groups: keys.length, holdoutGroups: held.size };
  } else {
    const order = shuffled(Array.from({ length: rows }, (_, i) => i).filter((r) => !trainOnly(r)), random);
    for (const r of order.slice(0, Math.round(order.length * holdoutFraction))) split[r] = 1;
  }
  const holdout: number[] = [];
  for (let r = 0; r < rows; r++) if (split[r]) holdout.push(r);
  const trainRows = rows - holdout.length;
  if (trainRows < 20 || holdout.length < 10) throw new DatasetError(`too few rows: ${trainRows} to train on and ${holdout.length} held out (at least 20 and 10)`);
  const side = (s: number) => Array.from(labels).filter((_, r) => split[r] === s);
  const labelStats = (ys: number[]) =>
    dataset.objective === "binary" && !dataset.softLabels ? { count: ys.length, positiveRate: ys.filter((y) => y === 1).length / Math.max(ys.length, 1) } : stats(ys);
  for (const s of [0, 1]) {
    const ys = side(s);
    if (dataset.objective === "binary" && new Set(ys.map((y) => y > 0.5)).size < 2) throw new DatasetError(`the ${s ? "held-out" : "training"} rows hold one class only`);
  }
  return {
    x,
    labels,
    rows,
    featureNames,
    split,
    holdout,
    groups: dataset.groups ? Array.from(dataset.groups) : undefined,
    weights: dataset.weights ? Float64Array.from(dataset.weights) : undefined,
    summary: {
      source: dataset.source,
      rows,
      trainRows,
      holdoutRows: holdout.length,
      split: { method: dataset.groups ? "grouped" : "random", holdoutFraction, seed, ...(groupSummary ?? {}), ...(dataset.trainOnly ? { trainOnlyRows: Array.from(dataset.trainOnly).filter(Boolean).length } : {}) },
      ...(dataset.softLabels ? { softLabels: true } : {}),
      ...(dataset.weights ? { weighted: true } : {}),
      labels: { train: labelStats(side(0)), holdout: labelStats(side(1)) },
      missingRate: Object.fromEntries(featureNames.map((n, j) => [n, missing[j]! / rows])),
    },
  };
}

function value(v: FeatureValue, row: number, name: string): number {
  if (v === null || v === undefined || Number.isNaN(v)) return NaN;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new DatasetError(`row ${row}, feature "${name}": ${String(v)} is not a finite number (use null for missing)`);
  return v;
}
