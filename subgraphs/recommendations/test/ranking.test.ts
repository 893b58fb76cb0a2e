import { describe, expect, it } from "vitest";
import { ConfigError } from "@matchgraph/subgraph-kit";
import { auc, diligence, engagement, isHeldOut, learnWeights, MAX_STEP, rankingConfig, score, type LabelledFeatures } from "../src/service/ranking.js";

describe("ranking configuration", () => {
  it("defaults to 0.7 / 0.15 / 0.15 and accepts weights that sum to 1", () => {
    expect(rankingConfig({}).weights).toEqual({ similarity: 0.7, diligence: 0.15, engagement: 0.15 });
    expect(rankingConfig({ RECOMMEND_WEIGHT_SIMILARITY: "0.5", RECOMMEND_WEIGHT_DILIGENCE: "0.3", RECOMMEND_WEIGHT_ENGAGEMENT: "0.2" }).weights).toEqual({ similarity: 0.5, diligence: 0.3, engagement: 0.2 });
  });

  it("stops with a message naming the variable: out of range, not a number, not summing to 1", () => {
    const bad = (env: Record<string, string>) => {
      try {
        rankingConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error("accepted");
    };
    expect(bad({ RECOMMEND_WEIGHT_DILIGENCE: "1.5" })).toMatch(/RECOMMEND_WEIGHT_DILIGENCE: RECOMMEND_WEIGHT_DILIGENCE must be between 0 and 1/);
    expect(bad({ RECOMMEND_WEIGHT_ENGAGEMENT: "lots" })).toMatch(/RECOMMEND_WEIGHT_ENGAGEMENT/);
    expect(bad({ RECOMMEND_WEIGHT_SIMILARITY: "0.9" })).toMatch(/must sum to 1 \(they sum to 1\.2/);
  });
});

describe("features and learning", () => {
  it("scores diligence and engagement in [0, 1]", () => {
    expect(diligence({ verified: true, sourceUri: "https://x", body: "x".repeat(300), tags: ["a"] })).toBe(1);
    expect(diligence({ verified: false, sourceUri: null, body: "", tags: [] })).toBe(0);
    const now = Date.UTC(2026, 11, 1);
    expect(engagement({ up: 0, down: 0 }, new Date(now), now)).toBeCloseTo(0.7 * 0.5 + 0.3, 10);
    expect(engagement({ up: 8, down: 0 }, new Date(now), now)).toBeGreaterThan(engagement({ up: 0, down: 8 }, new Date(now), now));
    expect(engagement({ up: 0, down: 0 }, new Date(now - 365 * 86_400_000), now)).toBeLessThan(0.4);
  });

  it("computes AUC with ties as halves", () => {
    expect(auc([{ score: 0.9, label: 1 }, { score: 0.1, label: 0 }])).toBe(1);
    expect(auc([{ score: 0.5, label: 1 }, { score: 0.5, label: 0 }])).toBe(0.5);
    expect(auc([{ score: 0.5, label: 1 }])).toBe(0.5);
  });

  /** Votes where users liked diligent items whatever their similarity: the learner should move weight to diligence. */
  function votes(n: number): LabelledFeatures[] {
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    return Array.from({ length: n }, (_, i) => {
      const features = { similarity: rnd(), diligence: rnd(), engagement: rnd() };
      return { id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, features, label: (features.diligence + 0.1 * rnd() > 0.55 ? 1 : 0) as 0 | 1 };
    });
  }

  it("learns bounded weights that beat the current ones on held-out votes", () => {
    const current = { similarity: 0.7, diligence: 0.15, engagement: 0.15 };
    const data = votes(300);
    expect(data.filter((v) => isHeldOut(v.id)).length).toBeGreaterThan(60);
    const r = learnWeights(current, data);
    expect(r.weights.diligence).toBeCloseTo(0.35, 6);
    expect(r.weights.similarity).toBeCloseTo(0.5, 6);
    expect(r.weights.similarity + r.weights.diligence + r.weights.engagement).toBeCloseTo(1, 9);
    for (const f of ["similarity", "diligence", "engagement"] as const) expect(Math.abs(r.weights[f] - current[f])).toBeLessThanOrEqual(MAX_STEP + 1e-9);
    expect(r.improves).toBe(true);
    expect(r.heldOutAuc).toBeGreaterThan(r.previousHeldOutAuc);
    expect(score(r.weights, { similarity: 1, diligence: 1, engagement: 1 })).toBeCloseTo(1, 9);
  });

  it("keeps the current weights, and claims no improvement, when they already rank the votes perfectly", () => {
    const current = { similarity: 0.7, diligence: 0.15, engagement: 0.15 };
    const data = votes(200).map((v) => ({ ...v, label: (score(current, v.features) > 0.5 ? 1 : 0) as 0 | 1 }));
    const r = learnWeights(current, data);
    expect(r.weights).toEqual(current);
    expect(r.trainAuc).toBe(1);
    expect(r.improves).toBe(false);
  });
});

describe("start-up configuration", () => {
  it("refuses to configure the subgraph with weights that do not sum to 1, naming the variables", async () => {
    const { configureDeps } = await import("../src/service/deps.js");
    expect(() => configureDeps(undefined, { RECOMMEND_WEIGHT_SIMILARITY: "0.9", RECOMMEND_WEIGHT_DILIGENCE: "0.3" })).toThrow(
      /RECOMMEND_WEIGHT_SIMILARITY \+ RECOMMEND_WEIGHT_DILIGENCE \+ RECOMMEND_WEIGHT_ENGAGEMENT must sum to 1/,
    );
    expect(() => configureDeps(undefined, { RECOMMEND_LEARNING_INTERVAL_MS: "-5" })).toThrow(/RECOMMEND_LEARNING_INTERVAL_MS/);
    expect(() => configureDeps(undefined, {})).not.toThrow();
  });
});
