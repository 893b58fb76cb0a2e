export interface BatchLimits {
  /** Most texts in one inference batch. */
  maxBatch: number;
  /** Most padded tokens (rows × longest row) in one inference batch. */
  maxBatchTokens: number;
}

/**
 * Groups texts into inference batches: sorted by token length so each batch pads only to its
 * own longest sequence, and cut where the count or padded size would pass the limits.
 * Returns the original indices of each batch, shortest batch first.
 */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const index of order) {
    // Sorted ascending, so the text being added is the longest in the batch.
    const paddedTokens = (current.length + 1) * lengths[index];
    if (current.length > 0 && (current.length >= limits.maxBatch || paddedTokens > limits.maxBatchTokens)) {
      batches.push(current);
      current = [];
    }
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
