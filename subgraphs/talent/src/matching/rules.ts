import { FEATURE_INDEX, GROUPS, type FeatureGroup } from "./features.js";

/**
 * The rule-based matcher: the fallback when the model or the ml-runtime is unavailable, and the
 * baseline the model must beat. Each group gets a 0-100 sub-score from its features (a missing
 * feature drops out of its group's average; a group with nothing known scores a neutral 50); the
 * score is the weighted mean of the sub-scores with RULE_WEIGHTS.
 */
export const RULE_WEIGHTS: Record<FeatureGroup, number> = { skills: 0.4, experience: 0.2, location: 0.15, salary: 0.15, text: 0.1 };
export const NEUTRAL = 50;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const get = (values: ReadonlyArray<number | null>, name: string): number | null => values[FEATURE_INDEX.get(name)!] ?? null;

/** Weighted mean of the parts that are known (value 0-1), × 100; null when none is known. */
function blend(parts: Array<[number | null, number]>): number | null {
  let sum = 0;
  let weight = 0;
  for (const [v, w] of parts) {
    if (v === null) continue;
    sum += clamp01(v) * w;
    weight += w;
  }
  return weight > 0 ? (100 * sum) / weight : null;
}

export interface RuleScore {
  score: number;
  subScores: Record<FeatureGroup, number>;
  /** Whether the group had any known feature (else its sub-score is the neutral 50). */
  known: Record<FeatureGroup, boolean>;
}

export function ruleScore(values: ReadonlyArray<number | null>): RuleScore {
  const f = (name: string) => get(values, name);
  const prof = f("proficiency_alignment");
  const years = f("skill_years_score");
  const under = f("underqualification");
  const over = f("overqualification");
  const ld = f("level_distance");
  const dist = f("distance_km");
  const remote = f("remote_compatibility");
  const tz = f("timezone_overlap_hours");
  const ratio = f("salary_expectation_ratio");
  const text = f("text_similarity");
  const raw: Record<FeatureGroup, number | null> = {
    skills: blend([
      [f("required_coverage"), 0.5],
      [f("skill_jaccard"), 0.15],
      [f("nice_to_have_coverage"), 0.1],
      [prof === null ? null : (prof + 2) / 4, 0.15],
      [years, 0.1],
    ]),
    experience: blend([
      [ld === null ? null : 1 - Math.abs(ld) / 4, 0.35],
      [f("seniority_alignment"), 0.35],
      [under === null ? null : 1 - under / 5, 0.2],
      [over === null ? null : 1 - over / 10, 0.1],
    ]),
    location: blend([
      [remote, 0.45],
      [tz === null ? null : tz / 8, 0.35],
      // Distance only matters when someone has to come in: 0 km → 1, 500 km or more → 0.
      [dist === null || remote === 1 ? null : 1 - dist / 500, 0.2],
    ]),
    salary: blend([
      [f("salary_overlap"), 0.5],
      [ratio === null ? null : ratio <= 1 ? 1 : 1 - (ratio - 1) / 0.5, 0.5],
    ]),
    text: text === null ? null : 100 * clamp01((text - 0.1) / 0.6),
  };
  const subScores = {} as Record<FeatureGroup, number>;
  const known = {} as Record<FeatureGroup, boolean>;
  let score = 0;
  for (const g of GROUPS) {
    known[g] = raw[g] !== null;
    subScores[g] = raw[g] ?? NEUTRAL;
    score += RULE_WEIGHTS[g] * subScores[g];
  }
  return { score, subScores, known };
}
