import { describe, expect, it } from "vitest";
import { highlight, maximalMarginalRelevance, reciprocalRankFusion, type RankedChunk } from "../src/service/search.js";

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
const scored = (...names: string[]) => names.map((id, i) => ({ id, score: 1 - i / 10 }));

describe("reciprocalRankFusion", () => {
  it("sums 1/(k + rank) over both rankings and records each rank", () => {
    const fused = reciprocalRankFusion(scored("a", "b", "c"), scored("c", "d", "a"), 60);
    // a: 1/61 + 1/63, c: 1/63 + 1/61 (tie: a's lexical rank 1 first), b: 1/62, d: 1/62 (tie on best rank 2, then lexical rank: b)
    expect(ids(fused)).toEqual(["a", "c", "b", "d"]);
    expect(fused[0]).toEqual({ id: "a", score: 1 / 61 + 1 / 63, lexicalRank: 1, vectorRank: 3 });
    expect(fused.find((f) => f.id === "d")).toEqual({ id: "d", score: 1 / 62, lexicalRank: null, vectorRank: 2 });
  });

  it("lets a document found by both lists beat one ranked first by only one", () => {
    const fused = reciprocalRankFusion(scored("x", "y"), scored("z", "y"), 60);
    expect(fused[0]!.id).toBe("y");
  });

  it("smaller k favours the top ranks more", () => {
    // top of one list vs. rank 3 in both
    const lex = scored("solo", "p", "both");
    const vec = scored("q", "r", "both");
    expect(reciprocalRankFusion(lex, vec, 1)[0]!.id).toBe("solo");
    expect(reciprocalRankFusion(lex, vec, 60)[0]!.id).toBe("both");
  });

  it("handles empty lists", () => {
    expect(reciprocalRankFusion([], [])).toEqual([]);
    expect(ids(reciprocalRankFusion([], scored("a", "b")))).toEqual(["a", "b"]);
  });
});

describe("maximalMarginalRelevance", () => {
  const cands: RankedChunk[] = [
    { id: "a", score: 1.0, lexicalRank: 1, vectorRank: null },
    { id: "a2", score: 0.9, lexicalRank: 2, vectorRank: null },
    { id: "b", score: 0.8, lexicalRank: 3, vectorRank: null },
  ];
  const vectors = new Map([
    ["a", [1, 0]],
    ["a2", [0.99, 0.14]],
    ["b", [0, 1]],
  ]);

  it("λ = 1 keeps the relevance order", () => {
    expect(ids(maximalMarginalRelevance(cands, vectors, 1, 3))).toEqual(["a", "a2", "b"]);
  });

  it("λ = 0.5 skips the near-duplicate for the different passage", () => {
    // after a: a2 → 0.5·0.5 − 0.5·0.99 < 0; b → 0.5·0 − 0.5·0 = 0
    expect(ids(maximalMarginalRelevance(cands, vectors, 0.5, 3))).toEqual(["a", "b", "a2"]);
  });

  it("returns at most k and treats chunks without a vector as unlike the others", () => {
    expect(ids(maximalMarginalRelevance(cands, new Map(), 0.5, 2))).toEqual(["a", "a2"]);
    expect(maximalMarginalRelevance([], vectors, 0.5, 2)).toEqual([]);
  });
});

describe("highlight", () => {
  it("wraps matching words in <mark> and escapes HTML", () => {
    expect(highlight("Data <b>stored</b> in Frankfurt & Dublin", "where is data stored?")).toBe(
      "<mark>Data</mark> &lt;b&gt;<mark>stored</mark>&lt;/b&gt; in Frankfurt &amp; Dublin",
    );
  });

  it("matches word forms sharing a 4+ letter prefix, not stop words", () => {
    expect(highlight("Encryption at rest; encrypted in transit", "how is it encrypt")).toBe("<mark>Encryption</mark> at rest; <mark>encrypted</mark> in transit");
    expect(highlight("data is encrypted, stored and stormy", "encryption storage")).toBe("data is <mark>encrypted</mark>, stored and stormy");
  });
});
