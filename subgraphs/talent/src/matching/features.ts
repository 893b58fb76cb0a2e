import { levelOrdinal, type JobProfile, type Level, type TalentProfile } from "./types.js";

/**
 * The talent ↔ job features (seed 3.1–3.4): one documented table, the model's column order.
 * A value that cannot be known (a side left the field empty) is `null` — missing, never 0 — and
 * LightGBM routes it as missing. `talent-match` versions store these names and descriptions.
 */
export const GROUPS = ["skills", "experience", "location", "salary", "text"] as const;
export type FeatureGroup = (typeof GROUPS)[number];

export interface FeatureSpec {
  name: string;
  group: FeatureGroup;
  description: string;
}

export const FEATURES = [
  { name: "skill_jaccard", group: "skills", description: "Jaccard overlap of the talent's skills and the job's required + nice-to-have skills (0-1); missing when either lists none." },
  { name: "proficiency_alignment", group: "skills", description: "Mean of (talent proficiency − job minimum proficiency) over shared skills where both are given (−4 to 4); missing when there is no such skill." },
  { name: "required_coverage", group: "skills", description: "Share of the job's required skills the talent lists (0-1); missing when the job requires none or the talent lists none." },
  { name: "nice_to_have_coverage", group: "skills", description: "Share of the job's nice-to-have skills the talent lists (0-1); missing when the job lists none or the talent lists none." },
  { name: "skill_years_score", group: "skills", description: "Mean over required skills of min(years on the skill, 10) / 10, 0 for a required skill the talent lacks; missing when no held required skill has years." },
  { name: "required_missing_count", group: "skills", description: "Number of required skills the talent does not list; missing when the job requires none or the talent lists none." },
  { name: "level_match", group: "experience", description: "1 when the talent's experience level equals the job's, else 0; missing when either is unknown." },
  { name: "level_distance", group: "experience", description: "Talent level − job level on the ordinal scale junior 1 … principal 5 (−4 to 4); missing when either is unknown." },
  { name: "years_ratio", group: "experience", description: "Talent's total years / max(job's minimum years, 1), capped at 5; missing when either is unknown." },
  { name: "seniority_alignment", group: "experience", description: "1 − (years outside the usual band of the job's level) / 5, at least 0; bands: junior 0-2, mid 2-5, senior 5-9, lead 8-14, principal 12-40; missing when the job level or the talent's years are unknown." },
  { name: "overqualification", group: "experience", description: "Years beyond the top of the job level's usual band (≥ 0); missing when the job level or the talent's years are unknown." },
  { name: "underqualification", group: "experience", description: "Years short of the job's minimum years (≥ 0); missing when either is unknown." },
  { name: "distance_km", group: "location", description: "Haversine great-circle distance between the talent's and the job's coordinates in km; missing when either has none." },
  { name: "remote_compatibility", group: "location", description: "How the talent's remote preference fits the job's policy: 1 fits, 0.5 partly (remote talent for a hybrid job, hybrid talent for an onsite job), 0 not (remote talent for an onsite job); missing when either is unknown." },
  { name: "timezone_overlap_hours", group: "location", description: "Hours of an 8-hour working day the talent shares with the job's accepted UTC-offset window: 8 − gap to the window, at least 0; missing when either is unknown." },
  { name: "salary_overlap", group: "salary", description: "Intersection over union of the talent's expected and the job's offered salary ranges (0-1); missing when a range is missing or the currencies differ." },
  { name: "salary_expectation_ratio", group: "salary", description: "Talent's minimum expectation / the job's maximum salary (above 1: expects more than offered); missing when either is missing or the currencies differ." },
  { name: "text_similarity", group: "text", description: "Cosine similarity of the talent profile's and the job description's embeddings from the ml-runtime (same model); missing when either is not embedded." },
] as const satisfies readonly FeatureSpec[];

export type FeatureName = (typeof FEATURES)[number]["name"];
export const FEATURE_NAMES: FeatureName[] = FEATURES.map((f) => f.name);
export const FEATURE_INDEX = new Map<string, number>(FEATURE_NAMES.map((n, i) => [n, i]));
export const GROUP_OF = new Map<string, FeatureGroup>(FEATURES.map((f) => [f.name, f.group]));

/** The usual years of experience of each level (seniority_alignment, overqualification). */
export const LEVEL_BANDS: Record<Level, [number, number]> = { junior: [0, 2], mid: [2, 5], senior: [5, 9], lead: [8, 14], principal: [12, 40] };
export const WORKDAY_HOURS = 8;

/** Facts behind the features, for the sentences of an explanation. */
export interface MatchFacts {
  requiredTotal: number;
  requiredCovered: string[];
  requiredMissing: string[];
  niceTotal: number;
  niceCovered: number;
  sharedSkills: string[];
  unionSize: number;
  talentLevel: Level | null;
  jobLevel: Level | null;
  talentYears: number | null;
  jobMinYears: number | null;
  timezoneGap: number | null;
  talentRemote: string | null;
  jobRemote: string | null;
}

export interface PairFeatures {
  /** In FEATURE_NAMES order; null = missing. */
  values: Array<number | null>;
  facts: MatchFacts;
}

const key = (s: string) => s.trim().toLowerCase();
const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** 1 fits, 0.5 partly, 0 not; rows: job policy, columns: talent preference. */
const REMOTE_FIT: Record<string, Record<string, number>> = {
  remote: { remote: 1, hybrid: 1, onsite: 1 },
  hybrid: { remote: 0.5, hybrid: 1, onsite: 1 },
  onsite: { remote: 0, hybrid: 0.5, onsite: 1 },
};

/** Hours outside the job's window (0 inside it); null when either side is unknown. */
export function timezoneGap(talent: Pick<TalentProfile, "timezone">, job: Pick<JobProfile, "timezoneMin" | "timezoneMax">): number | null {
  if (talent.timezone === null || job.timezoneMin === null || job.timezoneMax === null) return null;
  const t = talent.timezone;
  return t < job.timezoneMin ? job.timezoneMin - t : t > job.timezoneMax ? t - job.timezoneMax : 0;
}

function salaryComparable(talent: TalentProfile, job: JobProfile): boolean {
  return talent.currency === null || job.currency === null || talent.currency === job.currency;
}

/** The 18 features of one pair (text similarity computed elsewhere: the stored embeddings' cosine). */
export function pairFeatures(talent: TalentProfile, job: JobProfile, textSimilarity: number | null): PairFeatures {
  const talentSkills = new Map(talent.skills.map((s) => [key(s.name), s]));
  const jobSkills = new Map([...job.nice, ...job.required].map((s) => [key(s.name), s]));
  const hasTalentSkills = talentSkills.size > 0;

  const shared = [...jobSkills.keys()].filter((k) => talentSkills.has(k));
  const unionSize = new Set([...talentSkills.keys(), ...jobSkills.keys()]).size;
  const skillJaccard = hasTalentSkills && jobSkills.size > 0 ? shared.length / unionSize : null;

  const gaps: number[] = [];
  for (const k of shared) {
    const p = talentSkills.get(k)!.proficiency;
    const m = jobSkills.get(k)!.minProficiency;
    if (p !== null && m !== null) gaps.push(p - m);
  }
  const proficiencyAlignment = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;

  const required = job.required.map((s) => s.name);
  const covered = required.filter((n) => talentSkills.has(key(n)));
  const missing = required.filter((n) => !talentSkills.has(key(n)));
  const requiredCoverage = hasTalentSkills && required.length > 0 ? covered.length / required.length : null;
  const niceCovered = job.nice.filter((s) => talentSkills.has(key(s.name))).length;
  const niceCoverage = hasTalentSkills && job.nice.length > 0 ? niceCovered / job.nice.length : null;

  let yearsKnown = 0;
  let yearsSum = 0;
  for (const n of required) {
    const s = talentSkills.get(key(n));
    if (s && s.years !== null) {
      yearsKnown++;
      yearsSum += Math.min(s.years, 10) / 10;
    }
  }
  const skillYearsScore = yearsKnown > 0 ? yearsSum / required.length : null;
  const requiredMissingCount = hasTalentSkills && required.length > 0 ? missing.length : null;

  const tl = levelOrdinal(talent.level);
  const jl = levelOrdinal(job.level);
  const levelMatch = tl !== null && jl !== null ? (tl === jl ? 1 : 0) : null;
  const levelDistance = tl !== null && jl !== null ? tl - jl : null;
  const yearsRatio = talent.years !== null && job.minYears !== null ? Math.min(5, talent.years / Math.max(job.minYears, 1)) : null;
  let seniorityAlignment: number | null = null;
  let overqualification: number | null = null;
  if (job.level !== null && talent.years !== null) {
    const [lo, hi] = LEVEL_BANDS[job.level];
    const outside = talent.years < lo ? lo - talent.years : talent.years > hi ? talent.years - hi : 0;
    seniorityAlignment = Math.max(0, 1 - outside / 5);
    overqualification = Math.max(0, talent.years - hi);
  }
  const underqualification = talent.years !== null && job.minYears !== null ? Math.max(0, job.minYears - talent.years) : null;

  const distanceKm =
    talent.latitude !== null && talent.longitude !== null && job.latitude !== null && job.longitude !== null
      ? haversineKm(talent.latitude, talent.longitude, job.latitude, job.longitude)
      : null;
  const remoteCompatibility = talent.remote !== null && job.remote !== null ? REMOTE_FIT[job.remote]![talent.remote]! : null;
  const gap = timezoneGap(talent, job);
  const timezoneOverlap = gap === null ? null : Math.max(0, WORKDAY_HOURS - gap);

  let salaryOverlap: number | null = null;
  let expectationRatio: number | null = null;
  if (salaryComparable(talent, job)) {
    if (talent.salaryMin !== null && talent.salaryMax !== null && job.salaryMin !== null && job.salaryMax !== null) {
      const inter = Math.max(0, Math.min(talent.salaryMax, job.salaryMax) - Math.max(talent.salaryMin, job.salaryMin));
      const union = Math.max(talent.salaryMax, job.salaryMax) - Math.min(talent.salaryMin, job.salaryMin);
      salaryOverlap = union > 0 ? inter / union : talent.salaryMin === job.salaryMin ? 1 : 0;
    }
    if (talent.salaryMin !== null && job.salaryMax !== null && job.salaryMax > 0) expectationRatio = talent.salaryMin / job.salaryMax;
  }

  const values = [
    skillJaccard,
    proficiencyAlignment,
    requiredCoverage,
    niceCoverage,
    skillYearsScore,
    requiredMissingCount,
    levelMatch,
    levelDistance,
    yearsRatio,
    seniorityAlignment,
    overqualification,
    underqualification,
    distanceKm,
    remoteCompatibility,
    timezoneOverlap,
    salaryOverlap,
    expectationRatio,
    textSimilarity === null || !Number.isFinite(textSimilarity) ? null : textSimilarity,
  ];
  return {
    values,
    facts: {
      requiredTotal: required.length,
      requiredCovered: covered,
      requiredMissing: missing,
      niceTotal: job.nice.length,
      niceCovered,
      sharedSkills: shared.map((k) => jobSkills.get(k)!.name),
      unionSize,
      talentLevel: talent.level,
      jobLevel: job.level,
      talentYears: talent.years,
      jobMinYears: job.minYears,
      timezoneGap: gap,
      talentRemote: talent.remote,
      jobRemote: job.remote,
    },
  };
}

/** Many pairs at once (one talent × many jobs, or the reverse): rows in the order given. */
export function batchFeatures(pairs: ReadonlyArray<{ talent: TalentProfile; job: JobProfile; textSimilarity: number | null }>): PairFeatures[] {
  return pairs.map((p) => pairFeatures(p.talent, p.job, p.textSimilarity));
}

/** A row as the ml-runtime takes it: feature name → value (null = missing). */
export function asRow(values: ReadonlyArray<number | null>): Record<string, number | null> {
  const row: Record<string, number | null> = {};
  FEATURE_NAMES.forEach((n, i) => (row[n] = values[i] ?? null));
  return row;
}

/** The feature table as Markdown (README and `talentFeatures` query read the same list). */
export function featureTableMarkdown(): string {
  return ["| # | feature | group | description |", "| --- | --- | --- | --- |", ...FEATURES.map((f, i) => `| ${i + 1} | \`${f.name}\` | ${f.group} | ${f.description} |`)].join("\n");
}
