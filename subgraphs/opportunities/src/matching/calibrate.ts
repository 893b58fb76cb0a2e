import { SIGNALS, type MatchingConfig, type SignalName } from "./config.js";
import { scoreValues } from "./score.js";

/** A reviewed pair: its signal values when decided, and the reviewer's answer. */
export interface LabelledPair {
  values: Record<SignalName, number | null>;
  match: boolean;
}

export interface CalibrationResult {
  weights: MatchingConfig["weights"];
  metrics: {
    decisions: number;
    positives: number;
    logLossBefore: number;
    logLossAfter: number;
    /** Share of decisions the config's auto/review split gets right, before and after. */
    accuracyBefore: number;
    accuracyAfter: number;
  };
}

export const MIN_DECISIONS = 20;

/**
 * Learns signal weights from review decisions: L2-regularised logistic regression pulled towards
 * the weights in force (a MAP estimate with a Gaussian prior), solved by Newton's method. The
 * prior keeps a few dozen decisions from undoing what is known; with hundreds the data wins.
 * The auto-confirm threshold is chosen afterwards over all pairs ({@link expectedPrecisionThreshold}).
 */
export function calibrate(current: Omit<MatchingConfig, "version">, labelled: readonly LabelledPair[], lambda = 1): CalibrationResult {
  if (labelled.length < MIN_DECISIONS) throw new RangeError(`calibration needs at least ${MIN_DECISIONS} review decisions; there are ${labelled.length}`);
  const names = ["bias", ...SIGNALS] as const;
  const prior = names.map((n) => current.weights[n]);
  const X = labelled.map((p) => [1, ...SIGNALS.map((s) => p.values[s] ?? 0)]);
  const y: number[] = labelled.map((p) => (p.match ? 1 : 0));
  let w = [...prior];
  for (let iter = 0; iter < 50; iter++) {
    const grad = w.map((wi, j) => 2 * lambda * (wi - prior[j]!));
    const hess = w.map((_, j) => w.map((__, k) => (j === k ? 2 * lambda : 0)));
    for (let i = 0; i < X.length; i++) {
      const xi = X[i]!;
      const p = 1 / (1 + Math.exp(-dot(w, xi)));
      const r = p * (1 - p);
      for (let j = 0; j < w.length; j++) {
        grad[j]! += (p - y[i]!) * xi[j]!;
        for (let k = 0; k < w.length; k++) hess[j]![k]! += r * xi[j]! * xi[k]!;
      }
    }
    const step = solve(hess, grad);
    w = w.map((wi, j) => wi - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const weights = Object.fromEntries(names.map((n, j) => [n, Math.round(w[j]! * 1e4) / 1e4])) as MatchingConfig["weights"];
  return {
    weights,
    metrics: {
      decisions: labelled.length,
      positives: y.reduce((a, b) => a + b, 0),
      logLossBefore: logLoss(labelled, current.weights),
      logLossAfter: logLoss(labelled, weights),
      accuracyBefore: accuracy(labelled, current.weights, current.thresholds.review),
      accuracyAfter: accuracy(labelled, weights, current.thresholds.review),
    },
  };
}

/**
 * The lowest auto-confirm threshold at which the pairs above it are expected to be at least
 * `target` precise, reading calibrated scores as probabilities: the expected false positives
 * of the top n pairs are Σ(1 − score). `scores` are those of the pairs that would be
 * auto-confirmed (assigned, not rejected). Never below 0.5; null when even the best pair falls short.
 */
export function expectedPrecisionThreshold(scores: readonly number[], target = 0.99): number | null {
  const sorted = [...scores].sort((a, b) => b - a);
  let expectedFalse = 0;
  let lowest: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    expectedFalse += 1 - sorted[i]!;
    if (1 - expectedFalse / (i + 1) < target) break;
    lowest = sorted[i]!;
  }
  return lowest === null ? null : Math.max(0.5, Math.ceil(lowest * 100) / 100);
}

function logLoss(labelled: readonly LabelledPair[], weights: MatchingConfig["weights"]): number {
  let sum = 0;
  for (const p of labelled) {
    const s = Math.min(1 - 1e-12, Math.max(1e-12, scoreValues(p.values, weights).score));
    sum -= p.match ? Math.log(s) : Math.log(1 - s);
  }
  return Math.round((sum / labelled.length) * 1e4) / 1e4;
}

function accuracy(labelled: readonly LabelledPair[], weights: MatchingConfig["weights"], threshold: number): number {
  const right = labelled.filter((p) => scoreValues(p.values, weights).score >= threshold === p.match).length;
  return Math.round((right / labelled.length) * 1e4) / 1e4;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** Gaussian elimination with partial pivoting (the system is 12×12 and positive definite). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[pivot]![c]!)) pivot = r;
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}
