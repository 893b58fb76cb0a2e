import type { PoolingMode } from "../registry.js";

/** A model output, row-major, as onnxruntime returns it. */
export interface OutputTensor {
  data: Float32Array;
  dims: readonly number[];
}

/**
 * Turns one batch's model output into one vector per row.
 * - `none`: the output is already [batch, dim] (e.g. `sentence_embedding`).
 * - `mean`: average of [batch, seq, dim] over the tokens whose attention mask is 1.
 * - `cls`: token 0 of [batch, seq, dim].
 */
export function pool(output: OutputTensor, attentionMask: ArrayLike<bigint>, mode: PoolingMode): Float32Array[] {
  if (mode === "none") {
    if (output.dims.length !== 2) throw new Error(`pooling "none" needs a [batch, dim] output, got [${output.dims.join(", ")}]`);
    const [batch, dim] = output.dims;
    return Array.from({ length: batch }, (_, b) => output.data.slice(b * dim, (b + 1) * dim));
  }
  if (output.dims.length !== 3) throw new Error(`pooling "${mode}" needs a [batch, seq, dim] output, got [${output.dims.join(", ")}]`);
  const [batch, seq, dim] = output.dims;
  const rows: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const base = b * seq * dim;
    if (mode === "cls") {
      rows.push(output.data.slice(base, base + dim));
      continue;
    }
    const sum = new Float64Array(dim);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (attentionMask[b * seq + t] === 0n) continue;
      count++;
      const offset = base + t * dim;
      for (let d = 0; d < dim; d++) sum[d] += output.data[offset + d];
    }
    const row = new Float32Array(dim);
    // Same clamp as sentence-transformers, so an all-padding row gives zeros rather than NaN.
    const divisor = Math.max(count, 1e-9);
    for (let d = 0; d < dim; d++) row[d] = sum[d] / divisor;
    rows.push(row);
  }
  return rows;
}

/** L2-normalises in place; a zero vector stays zero. */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sumSquares = 0;
  for (const v of vector) sumSquares += v * v;
  const norm = Math.sqrt(sumSquares);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}
