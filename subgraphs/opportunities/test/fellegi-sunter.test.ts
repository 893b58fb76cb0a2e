import { describe, expect, it } from "vitest";
import {
  COMPARISONS,
  comparisonLevels,
  estimateModel,
  estimateTwoStage,
  explainLevels,
  isCurrentModel,
  levelsFromSignals,
  matchWeight,
  pairProbability,
  priorModel,
  TYING,
  type ComparisonInput,
  type FsModel,
  type Levels,
} from "../src/matching/fellegi-sunter.js";
import { codeAgreement, IdfTable } from "../src/matching/idf.js";
import { Prng } from "../src/testdata/prng.js";

const base: ComparisonInput = {
  identityCosine: 0.95,
  contextCosine: 0.85,
  titleTokens: 0.5,
  nameJaroWinkler: 1,
  nameTrigram: 1,
  nameTokens: 1,
  domain: 1,
  alias: null,
  acronym: null,
  country: 1,
  closeDate: 1,
  amount: 0.9,
  companyDeals: 1,
  nameExact: true,
  nameIdf: 1,
  titleIdf: 0.6,
  titleCodes: null,
  closeDays: 0,
};
const index = (name: string) => COMPARISONS.findIndex((c) => c.name === name);

describe("comparison levels", () => {
  const label = (name: string, lv: Levels) => {
    const l = lv[index(name)];
    return l === null || l === undefined ? null : COMPARISONS[index(name)]!.levels[l];
  };

  it("puts each comparison in its level, null where a side lacks the data", () => {
    const lv = comparisonLevels(base);
    expect(label("name", lv)).toBe("exact, one deal");
    expect(label("domain", lv)).toBe("same");
    expect(label("context", lv)).toBe(">= 0.85, title >= 0.5");
    expect(label("title_codes", lv)).toBeNull();
    expect(label("close_date", lv)).toBe("<= 1");
    expect(label("amount", lv)).toBe(">= 0.85");
    const other = comparisonLevels({ ...base, nameExact: false, alias: 1, domain: null, closeDays: 100, amount: null, companyDeals: 5, titleCodes: -1, titleIdf: null });
    expect(label("name", other)).toBe("alias, four or more deals");
    expect(label("domain", other)).toBeNull();
    expect(label("close_date", other)).toBe("<= 120");
    expect(label("amount", other)).toBeNull();
    expect(label("title_codes", other)).toBe("different");
    expect(label("context", other)).toBe(">= 0.85, no title");
    const unrelated = comparisonLevels({ ...base, nameExact: false, nameIdf: 0, nameJaroWinkler: 0.5, nameTrigram: 0.1, identityCosine: 0.3, companyDeals: 3 });
    expect(label("name", unrelated)).toBe("different, two or three deals");
    expect(comparisonLevels({ ...base, nameIdf: null })[index("name")]).toBeNull();
    expect(comparisonLevels({ ...base, contextCosine: null })[index("context")]).toBeNull();
  });

  it("starts joint comparisons as the product of their parts, so a name many deals share starts weaker", () => {
    const model = priorModel();
    const name = model.comparisons[index("name")]!;
    const weight = (l: string) => matchWeight(name.levels.find((x) => x.label === l)!);
    expect(weight("exact, one deal")).toBeGreaterThan(weight("exact, two or three deals"));
    expect(weight("exact, two or three deals")).toBeGreaterThan(weight("exact, four or more deals"));
    for (const c of model.comparisons) {
      expect(c.levels.map((l) => l.label)).toEqual(COMPARISONS[index(c.name)]!.levels);
      for (let k = 0; k < 3; k++) expect(c.levels.reduce((sum, l) => sum + l.p[k]!, 0)).toBeCloseTo(1, 12);
    }
    // A missing title is no evidence: it moves no pair's odds.
    const context = model.comparisons[index("context")]!.levels;
    expect(matchWeight(context.find((l) => l.label === ">= 0.9, no title")!)).toBeCloseTo(matchWeight(context.find((l) => l.label === ">= 0.9, title >= 0.8")!) - Math.log(0.24 / 0.04), 12);
    // Joint comparisons whose parts are of both kinds have a distribution per class.
    expect(TYING.name).toEqual([0, 1, 2]);
    expect(TYING.domain).toEqual([0, 1, 1]);
    expect(TYING.amount).toEqual([0, 0, 2]);
  });
});

/** The share of pairs put on the right side of 0.5: matches (class 2) above, every other class below. */
function shareClassifiedRight(model: FsModel, levels: readonly Levels[], classes: readonly number[]): number {
  let right = 0;
  levels.forEach((lv, i) => {
    if (pairProbability(model, lv) >= 0.5 === (classes[i] === 2)) right++;
  });
  return right / levels.length;
}

/** Pairs drawn from a known three-class model. */
function sample(truth: FsModel, n: number, seed = 1): { levels: Levels[]; classes: number[] } {
  const rng = new Prng(seed);
  const levels: Levels[] = [];
  const classes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const k = r < truth.classes[0] ? 0 : r < truth.classes[0] + truth.classes[1] ? 1 : 2;
    classes.push(k);
    levels.push(
      truth.comparisons.map((c) => {
        let x = rng.next();
        for (let l = 0; l < c.levels.length; l++) {
          x -= c.levels[l]!.p[k]!;
          if (x < 0) return l;
        }
        return c.levels.length - 1;
      }),
    );
  }
  return { levels, classes };
}

describe("EM estimation", () => {
  const truth = priorModel([0.85, 0.1, 0.05]);

  it("recovers the class shares and separates matches from both kinds of non-match without labels", () => {
    const { levels, classes } = sample(truth, 10_000);
    // Start away from the truth: uniform class shares.
    const { model, converged } = estimateModel(levels, priorModel([1 / 3, 1 / 3, 1 / 3]));
    expect(converged).toBe(true);
    expect(model.classes[2]).toBeGreaterThan(0.04);
    expect(model.classes[2]).toBeLessThan(0.06);
    expect(shareClassifiedRight(model, levels, classes)).toBeGreaterThan(0.97);
    // Agreement weighs for a match, disagreement against, on an entity and a record comparison.
    for (const name of ["name", "close_date"]) {
      const c = model.comparisons[index(name)]!;
      expect(matchWeight(c.levels[0]!)).toBeGreaterThan(1);
      expect(matchWeight(c.levels[c.levels.length - 1]!)).toBeLessThan(-1);
    }
  });

  it("keeps tied classes equal: entity comparisons cannot tell classes 1 and 2 apart, record comparisons 0 and 1", () => {
    const { levels } = sample(truth, 5_000, 2);
    const { model } = estimateModel(levels);
    for (const c of model.comparisons) {
      const tie = TYING[c.name as keyof typeof TYING];
      for (const l of c.levels) {
        if (tie[1] === tie[2]) expect(l.p[1]).toBe(l.p[2]);
        if (tie[0] === tie[1]) expect(l.p[0]).toBe(l.p[1]);
      }
    }
  });

  it("treats review decisions as labels", () => {
    const { levels } = sample(truth, 2_000, 3);
    // Label every pair a non-match: the match class can only keep its pseudo-counts.
    const labels = new Map(levels.map((_, i) => [i, false] as const));
    const { model, expectedMatches } = estimateModel(levels, priorModel(), { labels });
    expect(expectedMatches).toBe(0);
    expect(model.classes[2]).toBeLessThan(1e-3);
  });

  it("two stages: the second over the one-to-one winners, where matches are the majority", () => {
    const { levels, classes } = sample(truth, 6_000, 4);
    // Ids: a match pairs record i with record i; non-matches link records at random.
    const rng = new Prng(9);
    const candidates = levels.map((lv, i) => ({
      id: String(i),
      apnId: classes[i] === 2 ? `a${i}` : `a${Math.floor(rng.next() * 6_000)}`,
      odooId: classes[i] === 2 ? `o${i}` : `o${Math.floor(rng.next() * 6_000)}`,
      levels: lv,
      status: "candidate" as const,
    }));
    const result = estimateTwoStage(candidates, { oneToOne: true });
    expect(result.secondStage).not.toBeNull();
    expect(result.model.classes[2]).toBeGreaterThan(result.firstStage.model.classes[2]);
    expect(estimateTwoStage(candidates, { oneToOne: false }).secondStage).toBeNull();
  });

  it("without one-to-one, has no class 'same entity, another record': an entity's records all match", () => {
    // Bibliographic data: the name (a paper's title) is the entity, and the record comparisons
    // are weak (context agrees little more for matches than for other pairs).
    const truth = priorModel([0.95, 0, 0.05]);
    const context = truth.comparisons[index("context")]!;
    context.levels.forEach((l, i) => (l.p = [l.p[0], l.p[0], i === 0 ? l.p[0] + 0.04 : i === context.levels.length - 1 ? l.p[0] - 0.04 : l.p[0]]));
    const { levels, classes } = sample(truth, 8_000, 5);
    const candidates = levels.map((lv, i) => ({ id: String(i), apnId: `a${i}`, odooId: `o${i}`, levels: lv, status: "candidate" as const }));
    const { model, firstStage } = estimateTwoStage(candidates, { oneToOne: false });
    expect(firstStage.converged).toBe(true);
    expect(model.classes[1]).toBe(0);
    expect(model.classes[2]).toBeGreaterThan(0.04);
    expect(model.classes[2]).toBeLessThan(0.06);
    expect(shareClassifiedRight(model, levels, classes)).toBeGreaterThan(0.97);
  });
});

describe("explanations", () => {
  it("keep each comparison's level and weight, and give the levels back", () => {
    const model = priorModel();
    const levels = comparisonLevels(base);
    const { score, signals } = explainLevels(model, levels);
    expect(score).toBeCloseTo(pairProbability(model, levels), 12);
    expect(signals[0]!.signal).toBe("prior");
    expect(signals.find((s) => s.signal === "name")).toMatchObject({ value: 0, level: "exact, one deal" });
    expect(signals.find((s) => s.signal === "title_codes")).toEqual({ signal: "title_codes", value: null, weight: 0, contribution: 0 });
    expect(levelsFromSignals(signals)).toEqual(levels);
    // A waterfall: the contributions add up to the pair's log-odds.
    const logit = signals.reduce((sum, s) => sum + s.contribution, 0);
    expect(logit).toBeCloseTo(Math.log(score / (1 - score)), 2);
    expect(levelsFromSignals([{ signal: "bias", value: 1 }])).toBeNull();
  });

  it("refuse explanations and models made over other comparisons (an earlier version)", () => {
    const model = priorModel();
    const { signals } = explainLevels(model, comparisonLevels(base));
    expect(levelsFromSignals(signals.map((s) => (s.signal === "name" ? { ...s, level: "exact" } : s)))).toBeNull();
    expect(isCurrentModel(model)).toBe(true);
    expect(isCurrentModel(JSON.parse(JSON.stringify(model)))).toBe(true);
    const older = { ...model, comparisons: model.comparisons.filter((c) => c.name !== "title_codes") };
    expect(isCurrentModel(older)).toBe(false);
    const relabelled = JSON.parse(JSON.stringify(model)) as FsModel;
    relabelled.comparisons[0]!.levels[0]!.label = "exact";
    expect(isCurrentModel(relabelled)).toBe(false);
    expect(isCurrentModel(null)).toBe(false);
  });
});

describe("IDF token similarity and codes", () => {
  const idf = new IdfTable(["acme cloud", "bluepeak cloud", "nimbus cloud", "zeta cloud", "acme", "orbit cloud services"]);

  it("counts a shared rare token more than a shared common one", () => {
    expect(idf.similarity("acme cloud", "acme")).toBeGreaterThan(idf.similarity("acme cloud", "zeta cloud")!);
    expect(idf.similarity("acme cloud", "acme cloud")).toBeCloseTo(1, 12);
    expect(idf.similarity("acme", "nimbus")).toBe(0);
    expect(idf.similarity("", "acme")).toBeNull();
    expect(idf.weight("never seen")).toBeGreaterThan(idf.weight("cloud"));
  });

  it("agreement of numbers and codes in titles", () => {
    expect(codeAgreement("migration phase 2", "phase 2 migration")).toBe(1);
    expect(codeAgreement("migration phase 2", "migration wave 3")).toBe(-1);
    expect(codeAgreement("x200 rollout", "rollout")).toBe(0);
    expect(codeAgreement("rollout", "rollout")).toBeNull();
  });
});
