import { describe, expect, it } from "vitest";
import { FEATURE_NAMES, FEATURES, featureTableMarkdown, haversineKm, pairFeatures } from "../src/matching/features.js";
import { explainModel, explainRules, SUB_SCORE_SCALE } from "../src/matching/explain.js";
import { ruleScore } from "../src/matching/rules.js";
import { generateWorld, hiddenScore } from "../src/matching/synthetic.js";
import type { JobProfile, TalentProfile } from "../src/matching/types.js";
import { matchesAffected, type MatchesChanged } from "../src/service/cache.js";
import { feedbackLabel } from "../src/service/training.js";
import { viewerOf, assertMayMatchJob, assertMayMatchTalent, assertMayGiveFeedback } from "../src/service/access.js";

const talent: TalentProfile = {
  id: "t",
  skills: [
    { name: "Python", proficiency: 4, years: 6 },
    { name: "SQL", proficiency: 5, years: 8 },
    { name: "Spark", proficiency: 3, years: 2 },
    { name: "Figma", proficiency: 2, years: 1 },
  ],
  level: "senior",
  years: 8,
  latitude: 52.52,
  longitude: 13.405,
  remote: "hybrid",
  timezone: 1,
  salaryMin: 80_000,
  salaryMax: 100_000,
  currency: "EUR",
};
const job: JobProfile = {
  id: "j",
  required: [
    { name: "python", minProficiency: 3 },
    { name: "sql", minProficiency: 4 },
    { name: "Kafka", minProficiency: 3 },
  ],
  nice: [{ name: "spark", minProficiency: null }],
  level: "lead",
  minYears: 10,
  latitude: 48.857,
  longitude: 2.352,
  remote: "onsite",
  timezoneMin: -6,
  timezoneMax: -5,
  salaryMin: 90_000,
  salaryMax: 120_000,
  currency: "EUR",
};
const value = (values: Array<number | null>, name: string) => values[FEATURE_NAMES.indexOf(name as never)];

describe("features", () => {
  it("documents 18 features with unique names, a group and a description", () => {
    expect(FEATURES).toHaveLength(18);
    expect(new Set(FEATURE_NAMES).size).toBe(18);
    for (const f of FEATURES) expect(f.description.length).toBeGreaterThan(20);
    expect(featureTableMarkdown().split("\n")).toHaveLength(20);
  });

  it("computes each feature of a known pair", () => {
    const { values, facts } = pairFeatures(talent, job, 0.42);
    expect(value(values, "skill_jaccard")).toBeCloseTo(3 / 5);
    expect(value(values, "proficiency_alignment")).toBeCloseTo((1 + 1) / 2);
    expect(value(values, "required_coverage")).toBeCloseTo(2 / 3);
    expect(value(values, "nice_to_have_coverage")).toBe(1);
    expect(value(values, "skill_years_score")).toBeCloseTo((0.6 + 0.8) / 3);
    expect(value(values, "required_missing_count")).toBe(1);
    expect(value(values, "level_match")).toBe(0);
    expect(value(values, "level_distance")).toBe(-1);
    expect(value(values, "years_ratio")).toBeCloseTo(0.8);
    expect(value(values, "seniority_alignment")).toBe(1);
    expect(value(values, "overqualification")).toBe(0);
    expect(value(values, "underqualification")).toBe(2);
    expect(value(values, "distance_km")).toBeCloseTo(878, -1);
    expect(value(values, "remote_compatibility")).toBe(0.5);
    expect(value(values, "timezone_overlap_hours")).toBe(2);
    expect(value(values, "salary_overlap")).toBeCloseTo(10_000 / 40_000);
    expect(value(values, "salary_expectation_ratio")).toBeCloseTo(80 / 120);
    expect(value(values, "text_similarity")).toBe(0.42);
    expect(facts.requiredMissing).toEqual(["Kafka"]);
    expect(facts.timezoneGap).toBe(6);
  });

  it("keeps missing data missing, never 0", () => {
    const empty: TalentProfile = { ...talent, skills: [], level: null, years: null, latitude: null, longitude: null, remote: null, timezone: null, salaryMin: null, salaryMax: null, currency: null };
    const { values } = pairFeatures(empty, job, null);
    expect(values.every((v) => v === null)).toBe(true);
    // Different currencies: salary features are missing, not compared.
    const usd = pairFeatures({ ...talent, currency: "USD" }, job, null).values;
    expect(value(usd, "salary_overlap")).toBeNull();
    expect(value(usd, "salary_expectation_ratio")).toBeNull();
  });

  it("measures great-circle distance", () => {
    expect(haversineKm(51.507, -0.128, 40.713, -74.006)).toBeCloseTo(5570, -1);
    expect(haversineKm(10, 10, 10, 10)).toBe(0);
  });
});

describe("rules and explanations", () => {
  it("scores a strong pair above a weak one, with sub-scores in 0-100", () => {
    const strong = ruleScore(pairFeatures(talent, { ...job, required: job.required.slice(0, 2), remote: "remote", timezoneMin: 0, timezoneMax: 2, level: "senior", minYears: 5 }, 0.6).values);
    const weak = ruleScore(pairFeatures({ ...talent, remote: "remote", timezone: 10, skills: [{ name: "Figma", proficiency: 2, years: 1 }] }, job, 0.1).values);
    expect(strong.score).toBeGreaterThan(weak.score + 30);
    for (const s of [strong, weak]) {
      for (const v of Object.values(s.subScores)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(100);
      }
    }
  });

  it("turns SHAP contributions into sub-scores whose mean is the score, and the top three factors as sentences", () => {
    const { values, facts } = pairFeatures(talent, job, 0.42);
    const contributions = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0]));
    contributions.required_coverage = -6;
    contributions.timezone_overlap_hours = -4;
    contributions.text_similarity = 2;
    contributions.underqualification = -1;
    const e = explainModel(values, facts, { baseValue: 50, rawScore: 41, contributions });
    expect(e.score).toBe(41);
    expect(e.factors.map((f) => f.feature)).toEqual(["required_coverage", "timezone_overlap_hours", "text_similarity"]);
    expect(e.factors[0]!.sentence).toBe("Covers 2 of 3 required skills (missing Kafka)");
    expect(e.factors[1]!.sentence).toBe("6 h timezone gap (2 h of shared working time)");
    expect(e.subScores.skills).toBe(50 + SUB_SCORE_SCALE * -6);
    const mean = Object.values(e.subScores).reduce((a, b) => a + b, 0) / 5;
    expect(mean).toBeCloseTo(e.score, 10);
  });

  it("explains a fallback score by its strongest groups", () => {
    const { values, facts } = pairFeatures(talent, job, 0.42);
    const e = explainRules(values, facts, ruleScore(values));
    expect(e.factors).toHaveLength(3);
    expect(e.contributions).toBeNull();
    expect(e.factors.every((f) => f.sentence.length > 5)).toBe(true);
  });
});

describe("synthetic world", () => {
  it("is deterministic, big enough, and labelled 0-100", () => {
    const a = generateWorld({ talents: 200, jobs: 40, seed: 3 });
    const b = generateWorld({ talents: 200, jobs: 40, seed: 3 });
    expect(a.pairs.map((p) => p.label)).toEqual(b.pairs.map((p) => p.label));
    expect(a.pairs).toHaveLength(200 * 6);
    expect(a.pairs.every((p) => p.label >= 0 && p.label <= 100)).toBe(true);
    const full = generateWorld();
    expect(full.talents.length).toBeGreaterThanOrEqual(1500);
    expect(full.jobs.length).toBeGreaterThanOrEqual(300);
    expect(full.pairs.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(full.jobs.map((j) => j.industry)).size).toBeGreaterThanOrEqual(8);
  });

  it("hides a preference for skills: full coverage scores above none", () => {
    const base = pairFeatures(talent, job, 0.5).values;
    const full = [...base];
    full[FEATURE_NAMES.indexOf("required_coverage")] = 1;
    const none = [...base];
    none[FEATURE_NAMES.indexOf("required_coverage")] = 0;
    expect(hiddenScore(full)).toBeGreaterThan(hiddenScore(none) + 20);
  });
});

describe("feedback labels, cache, input hygiene, access", () => {
  it("labels pairs from feedback, the recruiter's decision first", () => {
    expect(feedbackLabel(["APPLIED"])).toBe(75);
    expect(feedbackLabel(["APPLIED", "CONTACTED"])).toBe(90);
    expect(feedbackLabel(["APPLIED", "REJECTED"])).toBe(5);
    expect(feedbackLabel(["DISMISSED"])).toBe(15);
  });

  it("drops what a change affects: a talent's own jobs and every talent list, or everything for a model", () => {
    const keys = ["job:t1:10:0", "job:t2:10:0", "talent:j1:10:0"];
    const affected = (change: MatchesChanged) => keys.filter((k) => matchesAffected(k, change));
    expect(affected({ kind: "talent", id: "t1" })).toEqual(["job:t1:10:0", "talent:j1:10:0"]);
    expect(affected({ kind: "job", id: "j1" })).toEqual(["job:t1:10:0", "job:t2:10:0", "talent:j1:10:0"]);
    expect(affected({ kind: "job", id: "j2" })).toEqual(["job:t1:10:0", "job:t2:10:0"]);
    expect(affected({ kind: "model", id: null })).toEqual(keys);
  });

  it("reads roles into viewers and applies the rules", () => {
    const as = (roles: string[], userId = "u1") => ({ identity: { userId, roles } });
    expect(viewerOf(as(["recruiter", "company:Acme"]))).toEqual({ kind: "recruiter", userId: "u1", company: "Acme" });
    expect(viewerOf(as(["recruiter"])).kind).toBe("other");
    expect(() => assertMayMatchJob(as(["recruiter", "company:Acme"]), { company: "Globex" })).toThrow(/recruiters of the job's company/);
    expect(assertMayMatchJob(as(["recruiter", "company:acme"]), { company: "Acme" }).kind).toBe("recruiter");
    expect(() => assertMayMatchTalent(as(["talent"], "u2"), { userId: "u1" })).toThrow();
    expect(assertMayMatchTalent(as(["talent"], "u1"), { userId: "u1" }).kind).toBe("talent");
    expect(() => assertMayGiveFeedback(as(["talent"], "u1"), { userId: "u1" }, { company: "Acme" }, "CONTACTED")).toThrow();
    expect(() => assertMayMatchTalent({ identity: null }, { userId: "u1" })).toThrow(/Authentication/);
  });
});
