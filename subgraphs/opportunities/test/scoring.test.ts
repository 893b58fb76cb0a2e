import { describe, expect, it } from "vitest";
import { assignOneToOne, type AssignablePair } from "../src/matching/assign.js";
import { calibrate, expectedPrecisionThreshold, MIN_DECISIONS, type LabelledPair } from "../src/matching/calibrate.js";
import { applyConfigPatch, DEFAULT_MATCHING_CONFIG, SIGNALS, type SignalName } from "../src/matching/config.js";
import { confidenceOf, machineStatus, reviewPriority, scorePair, scoreValues, signalValues, valuesOf, type PairFeatures } from "../src/matching/score.js";

const same: PairFeatures = {
  identityCosine: 1,
  contextCosine: 0.9,
  titleTokens: 1,
  nameJaroWinkler: 1,
  nameTrigram: 1,
  nameTokens: 1,
  domain: 1,
  alias: null,
  acronym: null,
  country: 1,
  closeDate: 1,
  amount: 1,
  companyDeals: 1,
};
const unrelated: PairFeatures = {
  identityCosine: 0.2,
  contextCosine: 0.1,
  titleTokens: 0,
  nameJaroWinkler: 0.5,
  nameTrigram: 0.05,
  nameTokens: 0,
  domain: -1,
  alias: null,
  acronym: null,
  country: -1,
  closeDate: 0.05,
  amount: 0.1,
  companyDeals: 1,
};

describe("scoring", () => {
  const weights = DEFAULT_MATCHING_CONFIG.weights;

  it("centres signal values: agreement near +1, missing data null, disagreement negative", () => {
    const v = signalValues(same);
    expect(v.identity_cosine).toBe(1);
    expect(v.context_cosine).toBeCloseTo(0.75, 10);
    expect(v.close_date).toBe(1);
    expect(v.alias).toBeNull();
    expect(v.company_deals).toBeNull();
    const u = signalValues(unrelated);
    expect(u.identity_cosine).toBe(-1.5); // clipped
    expect(u.name_jaro_winkler).toBe(-2); // clipped
    expect(u.domain).toBe(-1);
    expect(signalValues({ ...same, companyDeals: 8 }).company_deals).toBe(3);
  });

  it("is the logistic of the summed contributions, and explains every signal", () => {
    const { score, signals } = scorePair(same, weights);
    expect(signals.map((s) => s.signal)).toEqual(["bias", ...SIGNALS]);
    const logit = signals.reduce((sum, s) => sum + s.contribution, 0);
    expect(score).toBeCloseTo(1 / (1 + Math.exp(-logit)), 3);
    expect(score).toBeGreaterThan(0.99);
    expect(scorePair(unrelated, weights).score).toBeLessThan(0.001);
    // A missing signal contributes nothing.
    expect(signals.find((s) => s.signal === "alias")).toEqual({ signal: "alias", value: null, weight: weights.alias, contribution: 0 });
  });

  it("lowers the score of a pairing when the company has many deals", () => {
    const one = scorePair(same, weights).score;
    const many = scorePair({ ...same, companyDeals: 8 }, weights).score;
    expect(many).toBeLessThan(one);
  });

  it("scores a stored explanation again under new weights", () => {
    const { signals } = scorePair(same, weights);
    const values = valuesOf(signals);
    expect(scoreValues(values, weights).score).toBeCloseTo(scorePair(same, weights).score, 3);
    const heavier = { ...weights, bias: weights.bias - 5 };
    expect(scoreValues(values, heavier).score).toBeLessThan(scorePair(same, weights).score);
  });

  it("turns scores into confidence and machine status", () => {
    const t = { autoConfirm: 0.9, review: 0.5 };
    expect([confidenceOf(0.95, t), confidenceOf(0.9, t), confidenceOf(0.6, t), confidenceOf(0.49, t)]).toEqual(["high", "high", "medium", "low"]);
    expect(machineStatus(0.95, true, t)).toBe("auto_confirmed");
    expect(machineStatus(0.95, false, t)).toBe("candidate");
    expect(machineStatus(0.7, true, t)).toBe("proposed");
    expect(machineStatus(0.2, true, t)).toBe("candidate");
  });

  it("puts uncertain, valuable pairs first in the review queue", () => {
    expect(reviewPriority(0.5, 0)).toBe(1);
    expect(reviewPriority(0.5, 999_999)).toBeCloseTo(7, 4);
    expect(reviewPriority(0.9, 999_999)).toBeLessThan(reviewPriority(0.6, 999_999));
    expect(reviewPriority(1, 1e6)).toBe(0);
  });
});

describe("one-to-one assignment", () => {
  const pair = (id: string, apnId: string, odooId: string, score: number, status: AssignablePair["status"] = "candidate"): AssignablePair => ({ id, apnId, odooId, score, status });

  it("assigns greedily by score, each record once", () => {
    const pairs = [pair("p1", "a1", "o1", 0.9), pair("p2", "a1", "o2", 0.8), pair("p3", "a2", "o1", 0.85), pair("p4", "a2", "o2", 0.7)];
    expect([...assignOneToOne(pairs, true)].sort()).toEqual(["p1", "p4"]);
  });

  it("gives confirmed pairs their records first and never assigns rejected ones", () => {
    const pairs = [pair("p1", "a1", "o1", 0.99), pair("p2", "a1", "o2", 0.5, "confirmed"), pair("p3", "a2", "o1", 0.95, "rejected"), pair("p4", "a3", "o1", 0.6)];
    expect([...assignOneToOne(pairs, true)].sort()).toEqual(["p2", "p4"]);
  });

  it("respects records taken outside the given pairs, and assigns all but rejected when one-to-one is off", () => {
    const pairs = [pair("p1", "a1", "o1", 0.9), pair("p2", "a2", "o2", 0.8, "rejected")];
    expect([...assignOneToOne(pairs, true, new Set(["o1"]))]).toEqual([]);
    expect([...assignOneToOne(pairs, false)]).toEqual(["p1"]);
  });
});

describe("configuration", () => {
  it("merges a patch and refuses unknown signals and inverted thresholds", () => {
    const next = applyConfigPatch(DEFAULT_MATCHING_CONFIG, { weights: { domain: 4 }, thresholds: { review: 0.4 } });
    expect(next.weights.domain).toBe(4);
    expect(next.thresholds).toEqual({ autoConfirm: 0.9, review: 0.4 });
    expect(() => applyConfigPatch(DEFAULT_MATCHING_CONFIG, { weights: { colour: 1 } })).toThrow(/unknown signal "colour"/);
    expect(() => applyConfigPatch(DEFAULT_MATCHING_CONFIG, { thresholds: { review: 0.95 } })).toThrow(/^reviewThreshold \(0.95\) must not exceed autoConfirmThreshold \(0.9\)$/);
  });
});

describe("calibration from review decisions", () => {
  // Reviewers' truth: the domain decides, whatever the names say (names are noise here).
  function decisions(n: number): LabelledPair[] {
    const out: LabelledPair[] = [];
    for (let i = 0; i < n; i++) {
      const match = i % 2 === 0;
      const values = Object.fromEntries(SIGNALS.map((s) => [s, null])) as Record<SignalName, number | null>;
      values.domain = match ? 1 : -1;
      values.name_jaro_winkler = ((i * 37) % 10) / 10 - 0.2;
      out.push({ values, match });
    }
    return out;
  }

  it("needs enough decisions", () => {
    expect(() => calibrate(DEFAULT_MATCHING_CONFIG, decisions(MIN_DECISIONS - 1))).toThrow(/at least 20/);
  });

  it("learns the signal reviewers rely on and fits their decisions better", () => {
    const r = calibrate({ ...DEFAULT_MATCHING_CONFIG, weights: { ...DEFAULT_MATCHING_CONFIG.weights, domain: 0.5 } }, decisions(200));
    expect(r.weights.domain).toBeGreaterThan(2);
    expect(Math.abs(r.weights.name_jaro_winkler)).toBeLessThan(1.5);
    expect(r.metrics.logLossAfter).toBeLessThan(r.metrics.logLossBefore);
    expect(r.metrics.accuracyAfter).toBe(1);
    expect(r.metrics).toMatchObject({ decisions: 200, positives: 100 });
    // Untouched signals stay at their prior (no data moves them).
    expect(r.weights.amount).toBeCloseTo(DEFAULT_MATCHING_CONFIG.weights.amount, 6);
  });
});

describe("auto-confirm threshold from expected precision", () => {
  it("is the lowest score whose pairs above are expected ≥ 99% precise", () => {
    // 100 pairs at 0.999 (0.1 expected false), then 0.9s: each adds 0.1 expected false.
    const scores = [...Array(100).fill(0.999), ...Array(20).fill(0.9), ...Array(20).fill(0.6)];
    // Top 100 + k at 0.9: expected false 0.1 + 0.1k over 100 + k; ≤ 1% while k ≤ 9.
    expect(expectedPrecisionThreshold(scores)).toBe(0.9);
    expect(expectedPrecisionThreshold([...Array(100).fill(0.999), ...Array(5).fill(0.95)])).toBe(0.95);
    expect(expectedPrecisionThreshold([0.9, 0.8])).toBeNull();
    expect(expectedPrecisionThreshold([...Array(1000).fill(0.9999), 0.3])).toBe(0.5);
  });
});
