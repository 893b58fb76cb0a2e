/**
 * Held-out metrics, computed the same way for a new version and the active one (from each
 * version's own trees, on the same rows), so that the gate compares like with like.
 */

export type MetricName = "auc" | "log_loss" | "rmse" | "mae" | "ndcg";

export interface Metrics {
  rows: number;
  auc?: number;
  log_loss?: number;
  rmse?: number;
  mae?: number;
  /** Mean NDCG@k over held-out groups with any relevance (gain = label, linear). */
  ndcg?: number;
  ndcg_k?: number;
}

export const HIGHER_IS_BETTER: Record<MetricName, boolean> = { auc: true, log_loss: false, rmse: false, mae: false, ndcg: true };

/** Area under the ROC curve (Mann–Whitney, ties counted half; a label above 0.5 is positive). NaN with one class only. */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]! > 0.5) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean binary cross-entropy of probabilities (clipped to [1e-15, 1 − 1e-15]) against labels in [0, 1] (0/1 or soft). */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, 1e-15), 1 - 1e-15);
    const y = labels[i]!;
    sum -= (y > 0 ? y * Math.log(p) : 0) + (y < 1 ? (1 - y) * Math.log(1 - p) : 0);
  }
  return sum / labels.length;
}

export function rmse(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (labels[i]! - predictions[i]!) ** 2;
  return Math.sqrt(sum / labels.length);
}

export function mae(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += Math.abs(labels[i]! - predictions[i]!);
  return sum / labels.length;
}

/**
 * Mean NDCG@k over groups: within each group rows are ranked by prediction (ties by row order),
 * gain = the label (linear; labels below 0 count as 0), discount 1 / log2(rank + 1). Groups whose
 * ideal DCG is 0 are left out.
 */
export function ndcgAtK(labels: ArrayLike<number>, predictions: ArrayLike<number>, groups: ArrayLike<string | number>, k: number): number {
  const byGroup = new Map<string | number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byGroup.get(groups[i]!) ?? [];
    rows.push(i);
    byGroup.set(groups[i]!, rows);
  }
  const gain = (i: number) => Math.max(0, labels[i]!);
  const dcg = (ranked: number[]) => ranked.slice(0, k).reduce((sum, row, rank) => sum + gain(row) / Math.log2(rank + 2), 0);
  let total = 0;
  let counted = 0;
  for (const rows of byGroup.values()) {
    const ideal = dcg([...rows].sort((a, b) => gain(b) - gain(a) || a - b));
    if (ideal <= 0) continue;
    total += dcg([...rows].sort((a, b) => predictions[b]! - predictions[a]! || a - b)) / ideal;
    counted++;
  }
  return counted === 0 ? NaN : total / counted;
}

/** The metrics of an objective: AUC and log-loss (binary, on probabilities) or RMSE and MAE, plus NDCG@k with groups. */
export function computeMetrics(
  objective: "binary" | "regression",
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  groups?: ArrayLike<string | number>,
  k = 10,
): Metrics {
  const metrics: Metrics = { rows: labels.length };
  if (objective === "binary") {
    metrics.auc = auc(labels, predictions);
    metrics.log_loss = logLoss(labels, predictions);
  } else {
    metrics.rmse = rmse(labels, predictions);
    metrics.mae = mae(labels, predictions);
  }
  if (groups) {
    metrics.ndcg = ndcgAtK(labels, predictions, groups, k);
    metrics.ndcg_k = k;
  }
  return metrics;
}
