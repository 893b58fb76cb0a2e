import { describe, expect, it } from "vitest";
import type { GoldPair, MatchStatus } from "../src/matching/types.js";
import { evaluateMatches, isPredicted, recommendThresholds, type EvaluatedPair, type QualityPoint } from "../src/quality/index.js";

function pair(apn: string, odoo: string, score: number, opts: { status?: MatchStatus; assigned?: boolean } = {}): EvaluatedPair {
  return {
    apnExternalId: apn,
    odooExternalId: odoo,
    apnName: `APN ${apn}`,
    odooName: `Odoo ${odoo}`,
    score,
    confidence: score >= 0.9 ? "high" : score >= 0.5 ? "medium" : "low",
    status: opts.status ?? "candidate",
    assigned: opts.assigned ?? true,
    signals: [{ signal: "name_jw", value: score, weight: 2, contribution: 2 * score }],
  };
}
const g = (apn: string, odoo: string): GoldPair => ({ apnExternalId: apn, odooExternalId: odoo });
const at = (curve: QualityPoint[], t: number): QualityPoint => curve.find((p) => Math.abs(p.threshold - t) < 1e-9)!;

/*
 * The hand-computed set: 4 gold pairs (G4 never scored), 6 scored pairs.
 *   P1 a1-o1 0.95 candidate assigned      gold   predicted for t ≤ 0.95
 *   P2 a2-o2 0.60 proposed  assigned      gold   predicted for t ≤ 0.60
 *   P3 a5-o5 0.85 candidate assigned      false  predicted for t ≤ 0.85
 *   P4 a3-o3 0.30 confirmed NOT assigned  gold   always predicted (confirmed)
 *   P5 a6-o6 0.90 candidate NOT assigned  false  never predicted (lost the assignment)
 *   P6 a7-o7 0.99 rejected  assigned      false  never predicted (rejected)
 */
const GOLD = [g("a1", "o1"), g("a2", "o2"), g("a3", "o3"), g("a4", "o4")];
const PAIRS = [
  pair("a1", "o1", 0.95),
  pair("a2", "o2", 0.6, { status: "proposed" }),
  pair("a5", "o5", 0.85),
  pair("a3", "o3", 0.3, { status: "confirmed", assigned: false }),
  pair("a6", "o6", 0.9, { assigned: false }),
  pair("a7", "o7", 0.99, { status: "rejected" }),
];

describe("evaluateMatches on a hand-computed set", () => {
  const report = evaluateMatches(PAIRS, GOLD, { autoConfirm: 0.8, review: 0.5 });

  it("counts gold and scored pairs", () => {
    expect(report.goldPairs).toBe(4);
    expect(report.scoredPairs).toBe(6);
    expect(report.thresholds).toEqual({ autoConfirm: 0.8, review: 0.5 });
  });

  it("at auto-confirm 0.80: P1, P3, P4 predicted → tp 2, fp 1, fn 2", () => {
    expect(report.atAutoConfirm).toEqual({ threshold: 0.8, tp: 2, fp: 1, fn: 2, precision: 2 / 3, recall: 0.5, f1: 4 / 7 });
  });

  it("at review 0.50: P1, P2, P3, P4 predicted → tp 3, fp 1, fn 1", () => {
    expect(report.atReview).toEqual({ threshold: 0.5, tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it("has 101 curve points 0.00..1.00 with the hand-computed values", () => {
    expect(report.curve).toHaveLength(101);
    expect(report.curve.map((p) => p.threshold)).toEqual(Array.from({ length: 101 }, (_, i) => i / 100));
    // t = 1.00: only the confirmed P4.
    expect(at(report.curve, 1)).toEqual({ threshold: 1, tp: 1, fp: 0, fn: 3, precision: 1, recall: 0.25, f1: 0.4 });
    // t = 0.96: still only P4 (P1 is 0.95).
    expect(at(report.curve, 0.96)).toMatchObject({ tp: 1, fp: 0, fn: 3 });
    // t = 0.95: P1 joins (score ≥ t is inclusive).
    expect(at(report.curve, 0.95)).toEqual({ threshold: 0.95, tp: 2, fp: 0, fn: 2, precision: 1, recall: 0.5, f1: 2 / 3 });
    // t = 0.90: P5 scores 0.90 but lost the assignment, so it is not predicted.
    expect(at(report.curve, 0.9)).toMatchObject({ tp: 2, fp: 0, fn: 2 });
    expect(at(report.curve, 0.85)).toMatchObject({ tp: 2, fp: 1, fn: 2, precision: 2 / 3 });
    expect(at(report.curve, 0.61)).toMatchObject({ tp: 2, fp: 1, fn: 2 });
    expect(at(report.curve, 0.6)).toMatchObject({ tp: 3, fp: 1, fn: 1, f1: 0.75 });
    // t = 0.00: P5 (unassigned) and P6 (rejected) are still never predicted; a4-o4 was never scored.
    expect(at(report.curve, 0)).toEqual({ threshold: 0, tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it("best F1 is 0.75, at the highest threshold reaching it (0.60)", () => {
    expect(report.best).toEqual({ threshold: 0.6, tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it("recommends auto-confirm 0.86 (P3 at 0.85 would break 99%) and review 0.60 (max recall 0.75)", () => {
    expect(report.recommended.autoConfirm).toBe(0.86);
    expect(report.recommended.review).toBe(0.6);
    expect(report.recommended.rationale).toContain("0.86");
    expect(report.recommended.rationale).toContain("0.60");
    expect(report.recommended.rationale).toContain("75.0%");
  });

  it("lists false positives at auto-confirm: only P3 (P5 unassigned, P6 rejected)", () => {
    expect(report.falsePositives.map((p) => [p.apnExternalId, p.odooExternalId])).toEqual([["a5", "o5"]]);
  });

  it("lists false negatives at auto-confirm, scored first, the never-scored gold pair with pair null", () => {
    expect(report.falseNegatives).toHaveLength(2);
    expect(report.falseNegatives[0]!.gold).toEqual(g("a2", "o2"));
    expect(report.falseNegatives[0]!.pair?.score).toBe(0.6);
    expect(report.falseNegatives[1]).toEqual({ gold: g("a4", "o4"), pair: null });
  });

  it("builds the 20-bin histogram split by gold membership", () => {
    const { binEdges, truePairs, falsePairs } = report.histogram;
    expect(binEdges).toHaveLength(21);
    expect(binEdges[0]).toBe(0);
    expect(binEdges[20]).toBe(1);
    expect(binEdges[3]).toBe(0.15);
    const t = new Array(20).fill(0);
    const f = new Array(20).fill(0);
    t[19] = 1; // P1 0.95
    t[12] = 1; // P2 0.60
    t[6] = 1; // P4 0.30 (confirmed pairs count by score too)
    f[17] = 1; // P3 0.85
    f[18] = 1; // P5 0.90
    f[19] = 1; // P6 0.99
    expect(truePairs).toEqual(t);
    expect(falsePairs).toEqual(f);
  });
});

describe("prediction rules", () => {
  it("confirmed is predicted at any threshold, even unassigned with score 0", () => {
    const p = pair("a", "o", 0, { status: "confirmed", assigned: false });
    expect(isPredicted(p, 1)).toBe(true);
    expect(isPredicted(p, 0)).toBe(true);
  });
  it("rejected is never predicted, even assigned with score 1", () => {
    const p = pair("a", "o", 1, { status: "rejected" });
    expect(isPredicted(p, 0)).toBe(false);
  });
  it("an unassigned candidate is never predicted; an assigned one at score ≥ t", () => {
    expect(isPredicted(pair("a", "o", 0.99, { assigned: false }), 0)).toBe(false);
    expect(isPredicted(pair("a", "o", 0.7), 0.7)).toBe(true);
    expect(isPredicted(pair("a", "o", 0.7), 0.71)).toBe(false);
    for (const status of ["candidate", "proposed", "auto_confirmed"] as const) expect(isPredicted(pair("a", "o", 0.5, { status }), 0.5)).toBe(true);
  });
  it("an auto_confirmed pair is judged by its score like a candidate", () => {
    const r = evaluateMatches([pair("a", "o", 0.7, { status: "auto_confirmed" })], [g("a", "o")], { autoConfirm: 0.8, review: 0.5 });
    expect(r.atAutoConfirm).toMatchObject({ tp: 0, fn: 1 });
    expect(r.atReview).toMatchObject({ tp: 1, fn: 0 });
  });
  it("gold pairs never scored are false negatives with pair null, counted in recall", () => {
    const r = evaluateMatches([pair("a1", "o1", 0.99)], [g("a1", "o1"), g("x", "y"), g("z", "w")], { autoConfirm: 0.9, review: 0.5 });
    expect(r.atAutoConfirm).toMatchObject({ tp: 1, fp: 0, fn: 2, precision: 1, recall: 1 / 3 });
    expect(r.falseNegatives).toEqual([
      { gold: g("x", "y"), pair: null },
      { gold: g("z", "w"), pair: null },
    ]);
  });
  it("a gold pair that lost the assignment is a false negative with its pair", () => {
    const lost = pair("a1", "o1", 0.97, { assigned: false });
    const r = evaluateMatches([lost, pair("a1", "o2", 0.98)], [g("a1", "o1")], { autoConfirm: 0.9, review: 0.5 });
    expect(r.atAutoConfirm).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(r.falseNegatives).toEqual([{ gold: g("a1", "o1"), pair: lost }]);
    expect(r.falsePositives.map((p) => p.odooExternalId)).toEqual(["o2"]);
  });
  it("removes duplicate gold pairs and duplicate scored pairs (the most predictive counts)", () => {
    const r = evaluateMatches(
      [pair("a", "o", 0.4), pair("a", "o", 0.95), pair("a", "o", 0.99, { status: "rejected" })],
      [g("a", "o"), g("a", "o")],
      { autoConfirm: 0.9, review: 0.5 },
    );
    expect(r.goldPairs).toBe(1);
    expect(r.scoredPairs).toBe(1);
    expect(r.atAutoConfirm).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });
  it("handles no pairs and no gold", () => {
    const r = evaluateMatches([], [], { autoConfirm: 0.9, review: 0.5 });
    expect(r.atAutoConfirm).toEqual({ threshold: 0.9, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(r.recommended.autoConfirm).toBe(1);
    expect(r.recommended.rationale).toMatch(/no threshold predicts any pair/);
  });
  it("rejects non-finite thresholds", () => {
    expect(() => evaluateMatches([], [], { autoConfirm: Number.NaN, review: 0.5 })).toThrow(/autoConfirm/);
  });
});

describe("ordering and caps", () => {
  it("sorts false positives by score descending and caps them at 200", () => {
    const pairs = Array.from({ length: 250 }, (_, i) => pair(`a${i}`, `o${i}`, (50 + (i % 50)) / 100));
    const r = evaluateMatches(pairs, [], { autoConfirm: 0.5, review: 0.3 });
    expect(r.atAutoConfirm.fp).toBe(250);
    expect(r.falsePositives).toHaveLength(200);
    const scores = r.falsePositives.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(0.99);
  });
  it("sorts false negatives best-scored first and caps them at 200", () => {
    const gold = Array.from({ length: 260 }, (_, i) => g(`a${i}`, `o${i}`));
    const pairs = gold.slice(0, 100).map((x, i) => pair(x.apnExternalId, x.odooExternalId, i / 200));
    const r = evaluateMatches(pairs, gold, { autoConfirm: 0.9, review: 0.3 });
    expect(r.atAutoConfirm.fn).toBe(260);
    expect(r.falseNegatives).toHaveLength(200);
    expect(r.falseNegatives[0]!.pair?.score).toBe(99 / 200);
    expect(r.falseNegatives[99]!.pair?.score).toBe(0);
    expect(r.falseNegatives[100]!.pair).toBeNull();
  });
});

describe("histogram bins", () => {
  it("puts scores on bin edges into the upper bin, 1.0 into the last bin", () => {
    const scores = [0, 0.04999, 0.05, 0.1, 0.15, 0.3, 0.35, 0.7, 0.95, 1];
    const r = evaluateMatches(
      scores.map((s, i) => pair(`a${i}`, `o${i}`, s)),
      [g("a9", "o9")],
      { autoConfirm: 0.9, review: 0.5 },
    );
    const expectedFalse = new Array(20).fill(0);
    for (const b of [0, 0, 1, 2, 3, 6, 7, 14, 19]) expectedFalse[b]++;
    const expectedTrue = new Array(20).fill(0);
    expectedTrue[19] = 1;
    expect(r.histogram.falsePairs).toEqual(expectedFalse);
    expect(r.histogram.truePairs).toEqual(expectedTrue);
  });
});

describe("recommended thresholds", () => {
  it("takes the lowest threshold whose precision, and every higher one's, is ≥ 99% — not a lower recovery", () => {
    // 50 true at 0.97, 1 false at 0.95, then 150 true at 0.50..0.64 (10 per step).
    const pairs: EvaluatedPair[] = [];
    const gold: GoldPair[] = [];
    for (let i = 0; i < 50; i++) {
      pairs.push(pair(`h${i}`, `h${i}`, 0.97));
      gold.push(g(`h${i}`, `h${i}`));
    }
    pairs.push(pair("bad", "bad", 0.95));
    for (let i = 0; i < 150; i++) {
      pairs.push(pair(`l${i}`, `l${i}`, (50 + Math.floor(i / 10)) / 100));
      gold.push(g(`l${i}`, `l${i}`));
    }
    // 20 false pairs scored below everything: they limit precision only below 0.30.
    for (let i = 0; i < 20; i++) pairs.push(pair(`f${i}`, `f${i}`, 0.2));
    // A gold pair scored low enough that only review could rescue it.
    pairs.push(pair("r", "r", 0.08));
    gold.push(g("r", "r"));
    const r = evaluateMatches(pairs, gold, { autoConfirm: 0.9, review: 0.5 });
    // At 0.95: 50 / 51 = 98.0% fails, although lower thresholds reach 99% again (0.60: 100 / 101).
    expect(at(r.curve, 0.95).precision).toBeCloseTo(50 / 51, 12);
    expect(at(r.curve, 0.6)).toMatchObject({ tp: 100, fp: 1 });
    expect(at(r.curve, 0.6).precision).toBeGreaterThanOrEqual(0.99);
    expect(r.recommended.autoConfirm).toBe(0.96);
    // Max recall (t ≤ 0.08) is 201 / 201; the highest threshold within 0.005 of it: t = 0.50 gives 200 / 201 = 0.99502 → ok.
    expect(at(r.curve, 0.5).recall).toBeCloseTo(200 / 201, 12);
    expect(at(r.curve, 0.51).recall).toBeCloseTo(190 / 201, 12);
    expect(r.recommended.review).toBe(0.5);
    expect(r.recommended.rationale).toMatch(/^Auto-confirm at 0\.96.*review from 0\.50.*100\.0%/);
  });

  it("review is the highest threshold ≤ auto-confirm within 0.005 of max recall", () => {
    // 1000 gold: 990 at 0.95, 6 at 0.40, 4 at 0.10. Max recall 1.0 (t ≤ 0.10); 0.996 for t ≤ 0.40 — within 0.005.
    const pairs: EvaluatedPair[] = [];
    const gold: GoldPair[] = [];
    const add = (n: number, score: number, tag: string) => {
      for (let i = 0; i < n; i++) {
        pairs.push(pair(`${tag}${i}`, `${tag}${i}`, score));
        gold.push(g(`${tag}${i}`, `${tag}${i}`));
      }
    };
    add(990, 0.95, "h");
    add(6, 0.4, "m");
    add(4, 0.1, "l");
    const r = evaluateMatches(pairs, gold, { autoConfirm: 0.9, review: 0.5 });
    // No false pair at all: precision is 100% everywhere, so auto-confirm goes down to 0.00…
    expect(r.recommended.autoConfirm).toBe(0);
    // …and review (≤ auto-confirm) is floored at 0.05.
    expect(r.recommended.review).toBe(0.05);
    expect(r.recommended.rationale).toContain("floor");

    // With 5 false pairs at 0.96 (200 / 205 < 99%) and 200 more gold pairs at 0.97, auto-confirm is 0.97 and review 0.40.
    for (let i = 0; i < 5; i++) pairs.push(pair(`bad${i}`, `bad${i}`, 0.96));
    add(200, 0.97, "t");
    const r2 = evaluateMatches(pairs, gold, { autoConfirm: 0.9, review: 0.5 });
    expect(r2.recommended.autoConfirm).toBe(0.97);
    expect(at(r2.curve, 0.4).recall).toBeCloseTo(1196 / 1200, 12); // 0.99667, within 0.005 of 1
    expect(at(r2.curve, 0.41).recall).toBeCloseTo(1190 / 1200, 12); // 0.99167, not within
    expect(r2.recommended.review).toBe(0.4);
  });

  it("recommends 1.0 when no threshold reaches 99% precision", () => {
    const pairs = [pair("f1", "f1", 0.99), pair("t1", "t1", 0.98), pair("t2", "t2", 0.5)];
    const r = evaluateMatches(pairs, [g("t1", "t1"), g("t2", "t2")], { autoConfirm: 0.9, review: 0.5 });
    expect(r.recommended.autoConfirm).toBe(1);
    expect(r.recommended.rationale).toMatch(/^No threshold keeps precision at or above 99\.0%/);
    expect(r.recommended.rationale).toContain("nothing auto-confirmed");
    expect(r.recommended.review).toBe(0.5);
  });

  it("recommends 1.0 when confirmed pairs alone are below 99% precision", () => {
    const pairs = [pair("f", "f", 0.2, { status: "confirmed" }), pair("t", "t", 0.99)];
    const r = evaluateMatches(pairs, [g("t", "t")], { autoConfirm: 0.9, review: 0.5 });
    expect(at(r.curve, 1)).toMatchObject({ tp: 0, fp: 1, precision: 0 });
    expect(r.recommended.autoConfirm).toBe(1);
  });

  it("works on a bare curve", () => {
    const curve: QualityPoint[] = Array.from({ length: 101 }, (_, i) => ({ threshold: i / 100, precision: 1, recall: 1, f1: 1, tp: 1, fp: 0, fn: 0 }));
    expect(recommendThresholds(curve)).toMatchObject({ autoConfirm: 0, review: 0.05 });
  });
});

describe("scale", () => {
  it("evaluates 100k pairs and agrees with a direct count", () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pairs: EvaluatedPair[] = [];
    const gold: GoldPair[] = [];
    for (let i = 0; i < 100_000; i++) {
      const isTrue = i % 10 === 0;
      const score = isTrue ? 0.5 + rand() * 0.5 : rand() * 0.8;
      pairs.push({ ...pair(`a${i}`, `o${i}`, score), assigned: rand() > 0.1 });
      if (isTrue) gold.push(g(`a${i}`, `o${i}`));
    }
    const r = evaluateMatches(pairs, gold, { autoConfirm: 0.9, review: 0.6 });
    expect(r.scoredPairs).toBe(100_000);
    expect(r.curve).toHaveLength(101);
    // Cross-check one curve point with a direct count.
    const t = 0.7;
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < pairs.length; i++) {
      if (isPredicted(pairs[i]!, t)) {
        if (i % 10 === 0) tp++;
        else fp++;
      }
    }
    expect(at(r.curve, t)).toMatchObject({ tp, fp, fn: 10_000 - tp });
  });
});
