import { describe, expect, it } from "vitest";
import { planBatches } from "../src/engine/batching.js";
import { MicroBatcher } from "../src/engine/micro-batcher.js";
import { l2Normalize, pool } from "../src/engine/pooling.js";
import type { EmbedResult } from "../src/engine/protocol.js";

describe("pooling", () => {
  // batch 2, seq 3, dim 2; row 1 has one padding token.
  const output = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 99, 99]), dims: [2, 3, 2] };
  const mask = BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 0n]);

  it("mean-pools over unmasked tokens only", () => {
    const [a, b] = pool(output, mask, "mean");
    expect(Array.from(a)).toEqual([3, 4]);
    expect(Array.from(b)).toEqual([20, 30]);
  });

  it("takes token 0 for CLS pooling", () => {
    expect(pool(output, mask, "cls").map((r) => Array.from(r))).toEqual([
      [1, 2],
      [10, 20],
    ]);
  });

  it("passes a [batch, dim] output through for pooling none, and checks ranks", () => {
    const rows = pool({ data: Float32Array.from([1, 2, 3, 4]), dims: [2, 2] }, mask, "none");
    expect(rows.map((r) => Array.from(r))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => pool(output, mask, "none")).toThrow(/\[batch, dim\]/);
    expect(() => pool({ data: new Float32Array(4), dims: [2, 2] }, mask, "mean")).toThrow(/\[batch, seq, dim\]/);
  });

  it("L2-normalises, leaving a zero vector alone", () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array(2)))).toEqual([0, 0]);
  });
});

describe("planBatches", () => {
  it("sorts by length and cuts at maxBatch", () => {
    expect(planBatches([5, 1, 3, 2, 4], { maxBatch: 2, maxBatchTokens: 1000 })).toEqual([[1, 3], [2, 4], [0]]);
  });

  it("cuts where the padded size would pass maxBatchTokens", () => {
    // Sorted: 10, 10, 100. 3 × 100 = 300 > 250, so the long one goes alone.
    expect(planBatches([100, 10, 10], { maxBatch: 64, maxBatchTokens: 250 })).toEqual([[1, 2], [0]]);
    // A single text longer than the budget still gets a batch.
    expect(planBatches([500], { maxBatch: 64, maxBatchTokens: 250 })).toEqual([[0]]);
  });
});

describe("MicroBatcher", () => {
  /** A run function that embeds each text as [its length], recording the jobs it gets. */
  function recordingRun(jobs: string[][]) {
    return async (_model: string, texts: string[]): Promise<EmbedResult> => {
      jobs.push(texts);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {
        vectors: Float32Array.from(texts.map((t) => t.length)),
        dimension: 1,
        tokenCounts: texts.map((t) => t.length),
        batches: [{ size: texts.length, seqLength: 1, seconds: 0 }],
      };
    };
  }

  it("joins requests from the same window into one job and answers each in its own order", async () => {
    const jobs: string[][] = [];
    const batcher = new MicroBatcher({ windowMs: 5, maxBatch: 64, run: recordingRun(jobs) });
    const [a, b] = await Promise.all([batcher.submit("m", ["aaa", "a"]), batcher.submit("m", ["aa"])]);
    expect(jobs).toEqual([["aaa", "a", "aa"]]);
    expect(a.vectors.map((v) => v[0])).toEqual([3, 1]);
    expect(b.vectors.map((v) => v[0])).toEqual([2]);
    expect(a.tokenCounts).toEqual([3, 1]);
  });

  it("keeps models apart and queues behind a running job", async () => {
    const jobs: string[][] = [];
    const depths: number[] = [];
    const batcher = new MicroBatcher({ windowMs: 1, maxBatch: 2, run: recordingRun(jobs), onQueueDepth: (_m, d) => depths.push(d) });
    const results = await Promise.all([
      batcher.submit("m1", ["x", "y"]),
      batcher.submit("m2", ["z"]),
      batcher.submit("m1", ["w"]),
    ]);
    expect(jobs).toEqual([["x", "y"], ["z"], ["w"]]);
    expect(results.map((r) => r.vectors.length)).toEqual([2, 1, 1]);
    expect(depths.at(-1)).toBe(0);
    await batcher.drain();
  });

  it("fails every request of a failed job", async () => {
    const batcher = new MicroBatcher({
      windowMs: 1,
      maxBatch: 8,
      run: async () => {
        throw new Error("boom");
      },
    });
    const results = await Promise.allSettled([batcher.submit("m", ["a"]), batcher.submit("m", ["b"])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
