import { FEATURE_NAMES, GROUP_OF, GROUPS, LEVEL_BANDS, type FeatureGroup, type MatchFacts } from "./features.js";
import { NEUTRAL, RULE_WEIGHTS, type RuleScore } from "./rules.js";

/**
 * Explanations (seed 6.x). For a model score, the ml-runtime's exact TreeSHAP contributions in
 * score points (the model is a regression on 0-100, so raw space = score space):
 *   raw = base + Σ_features c_f = base + Σ_groups C_g.
 * Sub-score of group g = clamp(base + 5 · C_g, 0, 100): the model's base value moved by the group's
 * own contributions, scaled by the number of groups (5) so that the unclipped score is the plain
 * mean of the five sub-scores — a sub-score above the score means that group pulled the match up.
 * The top factors are the three features with the largest |contribution|, each as a sentence.
 * For a fallback (rule) score, the sub-scores are the rules' own and the factors are the three
 * groups whose weighted distance from the neutral 50 is largest.
 */
export interface Factor {
  feature: string;
  group: FeatureGroup;
  /** Points this factor moved the score (+ up, − down). */
  impact: number;
  /** The feature's value (null = missing). */
  value: number | null;
  sentence: string;
}

export interface Explanation {
  score: number;
  subScores: Record<FeatureGroup, number>;
  factors: Factor[];
  /** Model only: base value and per-feature contributions (raw = base + Σ contributions). */
  baseValue: number | null;
  rawScore: number | null;
  contributions: Record<string, number> | null;
}

export const SUB_SCORE_SCALE = GROUPS.length;
const clamp100 = (x: number) => Math.min(100, Math.max(0, x));
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (items: string[], max = 3) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", "));

/** A sentence a person understands for one feature's value. */
export function sentence(feature: string, value: number | null, facts: MatchFacts): string {
  if (value === null) return `No data on ${feature.replace(/_/g, " ")}`;
  switch (feature) {
    case "required_coverage":
      return `Covers ${facts.requiredCovered.length} of ${facts.requiredTotal} required skills${facts.requiredMissing.length ? ` (missing ${list(facts.requiredMissing)})` : ""}`;
    case "required_missing_count":
      return value === 0 ? "Has every required skill" : `Lacks ${plural(value, "required skill")}: ${list(facts.requiredMissing)}`;
    case "skill_jaccard":
      return `Shares ${facts.sharedSkills.length} of ${facts.unionSize} listed skills${facts.sharedSkills.length ? ` (${list(facts.sharedSkills)})` : ""}`;
    case "nice_to_have_coverage":
      return `Has ${facts.niceCovered} of ${facts.niceTotal} nice-to-have skills`;
    case "proficiency_alignment":
      return value >= 0 ? `Proficiency on shared skills ${round(value)} levels above the job's minimum` : `Proficiency on shared skills ${round(-value)} levels below the job's minimum`;
    case "skill_years_score":
      return `About ${round(value * 10)} years on average with the required skills`;
    case "level_match":
      return value === 1 ? `Experience level matches (${facts.jobLevel})` : `Experience level ${facts.talentLevel} for a ${facts.jobLevel} role`;
    case "level_distance":
      return value === 0
        ? `Same level as the role (${facts.jobLevel})`
        : `${plural(Math.abs(value), "level")} ${value > 0 ? "above" : "below"} the role (${facts.talentLevel} vs. ${facts.jobLevel})`;
    case "years_ratio":
      return `${plural(facts.talentYears ?? 0, "year")} of experience for a ${facts.jobMinYears}-year minimum`;
    case "seniority_alignment": {
      const band = facts.jobLevel ? LEVEL_BANDS[facts.jobLevel] : null;
      return value === 1 ? `${plural(facts.talentYears ?? 0, "year")} fit the ${facts.jobLevel} band (${band?.[0]}-${band?.[1]} years)` : `${plural(facts.talentYears ?? 0, "year")} sit outside the ${facts.jobLevel} band (${band?.[0]}-${band?.[1]} years)`;
    }
    case "overqualification":
      return value === 0 ? `Not overqualified for a ${facts.jobLevel} role` : `${plural(round(value), "year")} beyond the usual range of a ${facts.jobLevel} role`;
    case "underqualification":
      return value === 0 ? `Meets the ${facts.jobMinYears}-year minimum` : `${plural(round(value), "year")} short of the ${facts.jobMinYears}-year minimum`;
    case "distance_km":
      return `${Math.round(value).toLocaleString("en-US")} km from the job's location`;
    case "remote_compatibility":
      return value === 1 ? `Work mode fits (wants ${facts.talentRemote}, job is ${facts.jobRemote})` : `Wants ${facts.talentRemote}; the job is ${facts.jobRemote}`;
    case "timezone_overlap_hours":
      return facts.timezoneGap ? `${round(facts.timezoneGap)} h timezone gap (${round(value)} h of shared working time)` : "Works in the team's time zones";
    case "salary_overlap":
      return `Salary ranges overlap ${Math.round(value * 100)}%`;
    case "salary_expectation_ratio":
      return value > 1 ? `Expects ${Math.round((value - 1) * 100)}% more than the job's maximum` : `Expectation ${Math.round((1 - value) * 100)}% below the job's maximum`;
    case "text_similarity":
      return value >= 0.5 ? `Profile and job description closely related (similarity ${round(value, 2)})` : value >= 0.3 ? `Profile and job description somewhat related (similarity ${round(value, 2)})` : `Profile and job description barely related (similarity ${round(value, 2)})`;
    default:
      return `${feature.replace(/_/g, " ")}: ${round(value, 2)}`;
  }
}

/** The explanation of a model score from its SHAP contributions (score points). */
export function explainModel(values: ReadonlyArray<number | null>, facts: MatchFacts, shap: { baseValue: number; rawScore: number; contributions: Record<string, number> }): Explanation {
  const groupSum = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<FeatureGroup, number>;
  for (const [name, c] of Object.entries(shap.contributions)) {
    const g = GROUP_OF.get(name);
    if (g) groupSum[g] += c;
  }
  const subScores = Object.fromEntries(GROUPS.map((g) => [g, clamp100(shap.baseValue + SUB_SCORE_SCALE * groupSum[g])])) as Record<FeatureGroup, number>;
  const factors = FEATURE_NAMES.map((name, i) => ({ name, i, c: shap.contributions[name] ?? 0 }))
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c) || a.i - b.i)
    .slice(0, 3)
    .map(({ name, i, c }) => ({ feature: name, group: GROUP_OF.get(name)!, impact: c, value: values[i] ?? null, sentence: sentence(name, values[i] ?? null, facts) }));
  return { score: clamp100(shap.rawScore), subScores, factors, baseValue: shap.baseValue, rawScore: shap.rawScore, contributions: shap.contributions };
}

/** The feature a rule group is explained by, given its values. */
function leadFeature(group: FeatureGroup, value: (name: string) => number | null, facts: MatchFacts): string {
  switch (group) {
    case "skills":
      return value("required_coverage") !== null ? "required_coverage" : "skill_jaccard";
    case "experience":
      if ((value("underqualification") ?? 0) > 0) return "underqualification";
      if ((value("overqualification") ?? 0) > 0) return "overqualification";
      return value("level_distance") !== null ? "level_distance" : "seniority_alignment";
    case "location":
      if ((facts.timezoneGap ?? 0) > 0) return "timezone_overlap_hours";
      return value("remote_compatibility") !== null ? "remote_compatibility" : value("timezone_overlap_hours") !== null ? "timezone_overlap_hours" : "distance_km";
    case "salary":
      return value("salary_expectation_ratio") !== null ? "salary_expectation_ratio" : "salary_overlap";
    case "text":
      return "text_similarity";
  }
}

/** The explanation of a rule (fallback) score. */
export function explainRules(values: ReadonlyArray<number | null>, facts: MatchFacts, rules: RuleScore): Explanation {
  const value = (name: string) => values[FEATURE_NAMES.indexOf(name as never)] ?? null;
  const factors = GROUPS.filter((g) => rules.known[g])
    .map((g) => ({ g, impact: RULE_WEIGHTS[g] * (rules.subScores[g] - NEUTRAL) }))
    .sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact))
    .slice(0, 3)
    .map(({ g, impact }) => {
      const feature = leadFeature(g, value, facts);
      return { feature, group: g, impact, value: value(feature), sentence: sentence(feature, value(feature), facts) };
    });
  return { score: clamp100(rules.score), subScores: rules.subScores, factors, baseValue: null, rawScore: null, contributions: null };
}
