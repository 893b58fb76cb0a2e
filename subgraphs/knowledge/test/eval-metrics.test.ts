import { describe, expect, it } from "vitest";
import { bestChunkPerDoc, evaluateRun, mrrAtK, ndcgAtK, recallAtK, type Qrels } from "../src/eval/metrics.js";

// Retrieved d1..d4; judged: d2 (grade 2), d4 (1), d5 (1, never retrieved), d1 (0: judged not relevant).
const ranked = ["d1", "d2", "d3", "d4"];
const judged = new Map([
  ["d1", 0],
  ["d2", 2],
  ["d4", 1],
  ["d5", 1],
]);

describe("BEIR metrics on a hand-computed example", () => {
  it("nDCG@10: linear gain, log2(rank + 1) discount, ideal order of the judged grades", () => {
    const dcg = 2 / Math.log2(3) + 1 / Math.log2(5); // d2 at rank 2, d4 at rank 4
    const idcg = 2 / Math.log2(2) + 1 / Math.log2(3) + 1 / Math.log2(4); // grades 2, 1, 1
    expect(ndcgAtK(ranked, judged, 10)).toBeCloseTo(dcg / idcg, 12);
    expect(ndcgAtK(ranked, judged, 10)).toBeCloseTo(0.540587, 5);
    // cut at 2: only d2 counts; the ideal list is cut at 2 too
    expect(ndcgAtK(ranked, judged, 2)).toBeCloseTo(2 / Math.log2(3) / (2 + 1 / Math.log2(3)), 12);
    expect(ndcgAtK(["d2", "d4", "d5"], judged, 10)).toBeCloseTo(1, 12);
    expect(ndcgAtK([], judged, 10)).toBe(0);
  });

  it("Recall@k: relevant (grade > 0) retrieved in the first k over all relevant", () => {
    expect(recallAtK(ranked, judged, 100)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(ranked, judged, 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(ranked, judged, 1)).toBe(0);
  });

  it("MRR@k: reciprocal rank of the first relevant document within k", () => {
    expect(mrrAtK(ranked, judged, 10)).toBe(0.5);
    expect(mrrAtK(ranked, judged, 1)).toBe(0);
    expect(mrrAtK(["d4"], judged, 10)).toBe(1);
  });

  it("averages over judged queries; a query without a run scores 0; all-zero qrels are skipped", () => {
    const qrels: Qrels = new Map([
      ["q1", judged],
      ["q2", new Map([["x", 1]])],
      ["q3", new Map([["y", 0]])],
    ]);
    const m = evaluateRun(new Map([["q1", ranked]]), qrels);
    expect(m.ndcg_at_10).toBeCloseTo(ndcgAtK(ranked, judged, 10) / 2, 12);
    expect(m.recall_at_100).toBeCloseTo(1 / 3, 12);
    expect(m.mrr_at_10).toBeCloseTo(0.25, 12);
  });

  it("maps chunk hits to documents by their best chunk", () => {
    const docOf = new Map([
      ["c1", "A"],
      ["c2", "B"],
      ["c3", "A"],
      ["c4", "C"],
    ]);
    expect(bestChunkPerDoc(["c3", "c2", "c1", "cx", "c4"], docOf)).toEqual(["A", "B", "C"]);
  });
});
