import { mulberry32 } from "@matchgraph/ml-runtime/training";
import { FEATURE_INDEX, pairFeatures, type PairFeatures } from "./features.js";
import { LEVELS, REMOTE_MODES, type JobProfile, type Level, type RemoteMode, type TalentProfile } from "./types.js";

/**
 * A deterministic synthetic world for the first `talent-match` model: talents across roles and
 * levels, jobs across industries, and talent × job pairs labelled by a hidden scoring function
 * (rule-like but non-linear: hard requirements, relocation, time zones and salary act as gates)
 * plus Gaussian noise. The same seed gives the same world. Text similarity is simulated (the
 * world has no texts): about 0.55 for the same role, 0.4 for a related one, 0.2 otherwise.
 */

export const ROLES = {
  backend: ["java", "kotlin", "go", "python", "postgresql", "kafka", "docker", "kubernetes", "rest", "grpc", "redis", "aws"],
  frontend: ["typescript", "javascript", "react", "vue", "css", "html", "graphql", "webpack", "jest", "figma", "next.js", "accessibility"],
  data: ["python", "sql", "spark", "airflow", "dbt", "kafka", "snowflake", "pandas", "scala", "postgresql", "aws", "tableau"],
  ml: ["python", "pytorch", "tensorflow", "scikit-learn", "pandas", "sql", "mlops", "docker", "kubernetes", "statistics", "nlp", "onnx"],
  devops: ["kubernetes", "docker", "terraform", "aws", "gcp", "linux", "bash", "prometheus", "ansible", "go", "ci/cd", "networking"],
  mobile: ["swift", "kotlin", "android", "ios", "react native", "flutter", "dart", "graphql", "firebase", "ci/cd", "accessibility", "typescript"],
  security: ["networking", "linux", "python", "pentesting", "siem", "iam", "aws", "cryptography", "incident response", "bash", "go", "compliance"],
  qa: ["selenium", "cypress", "playwright", "java", "python", "jest", "ci/cd", "sql", "api testing", "performance testing", "typescript", "jira"],
} as const;
export type Role = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as Role[];
const RELATED: Record<Role, Role[]> = {
  backend: ["devops", "data"],
  frontend: ["mobile", "qa"],
  data: ["ml", "backend"],
  ml: ["data"],
  devops: ["backend", "security"],
  mobile: ["frontend"],
  security: ["devops"],
  qa: ["frontend", "backend"],
};
export const INDUSTRIES = ["fintech", "healthcare", "retail", "logistics", "media", "energy", "public sector", "gaming", "education", "travel"];

/** City, coordinates, UTC offset (hours), currency. */
export const CITIES: Array<[string, number, number, number, string]> = [
  ["Berlin", 52.52, 13.405, 1, "EUR"],
  ["Paris", 48.857, 2.352, 1, "EUR"],
  ["Madrid", 40.417, -3.704, 1, "EUR"],
  ["Amsterdam", 52.37, 4.895, 1, "EUR"],
  ["Lisbon", 38.722, -9.139, 0, "EUR"],
  ["Helsinki", 60.17, 24.94, 2, "EUR"],
  ["London", 51.507, -0.128, 0, "GBP"],
  ["Manchester", 53.48, -2.242, 0, "GBP"],
  ["New York", 40.713, -74.006, -5, "USD"],
  ["Chicago", 41.878, -87.63, -6, "USD"],
  ["Austin", 30.267, -97.743, -6, "USD"],
  ["San Francisco", 37.775, -122.419, -8, "USD"],
  ["Toronto", 43.653, -79.383, -5, "USD"],
  ["Singapore", 1.352, 103.82, 8, "USD"],
  ["Bangalore", 12.972, 77.595, 5.5, "USD"],
  ["Sydney", -33.869, 151.209, 10, "USD"],
];
/** Yearly salary midpoint per level, in thousands of each currency unit (EUR ≈ GBP ≈ USD here). */
const SALARY_BY_LEVEL: Record<Level, number> = { junior: 45, mid: 65, senior: 90, lead: 115, principal: 140 };
const YEARS_BY_LEVEL: Record<Level, [number, number]> = { junior: [0, 2], mid: [2, 6], senior: [5, 10], lead: [8, 15], principal: [12, 25] };

export interface SyntheticTalent extends TalentProfile {
  role: Role;
  city: number;
}
export interface SyntheticJob extends JobProfile {
  role: Role;
  industry: string;
  city: number;
  company: string;
}
export interface SyntheticPair {
  talent: number;
  job: number;
  textSimilarity: number | null;
  features: PairFeatures;
  /** The hidden score without noise (0-100). */
  truth: number;
  label: number;
}
export interface SyntheticWorld {
  talents: SyntheticTalent[];
  jobs: SyntheticJob[];
  pairs: SyntheticPair[];
}

export interface WorldOptions {
  talents?: number;
  jobs?: number;
  pairsPerTalent?: number;
  seed?: number;
  /** Standard deviation of the label noise in score points (default 6). */
  noise?: number;
  /** Share of each optional field left empty (default 0.08). */
  missingRate?: number;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function sample<T>(random: () => number, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}
const round = (x: number, step: number) => Math.round(x / step) * step;

export function generateWorld(options: WorldOptions = {}): SyntheticWorld {
  const nTalents = options.talents ?? 1_600;
  const nJobs = options.jobs ?? 320;
  const perTalent = options.pairsPerTalent ?? 6;
  const seed = options.seed ?? 11;
  const noise = options.noise ?? 6;
  const missingRate = options.missingRate ?? 0.08;
  const random = mulberry32(seed);
  const maybe = <T>(v: T): T | null => (random() < missingRate ? null : v);

  const talents: SyntheticTalent[] = [];
  for (let i = 0; i < nTalents; i++) {
    const role = pick(random, ROLE_NAMES);
    const level = pick(random, LEVELS);
    const [ylo, yhi] = YEARS_BY_LEVEL[level];
    const years = Math.max(0, Math.round(ylo + random() * (yhi - ylo) + gaussian(random)));
    const own = sample(random, ROLES[role], 4 + Math.floor(random() * 5));
    const extra = sample(random, ROLES[pick(random, RELATED[role])], Math.floor(random() * 3));
    const names = [...new Set([...own, ...extra])];
    const skills = names.map((name) => ({
      name,
      proficiency: random() < missingRate ? null : Math.min(5, Math.max(1, Math.round(1 + (LEVELS.indexOf(level) + 1) * 0.7 + gaussian(random) * 0.8))),
      years: random() < missingRate ? null : Math.max(0, Math.min(years, Math.round(years * (0.3 + random() * 0.7)))),
    }));
    const city = Math.floor(random() * CITIES.length);
    const [, lat, lon, tz, currency] = CITIES[city]!;
    const mid = SALARY_BY_LEVEL[level] * (0.85 + random() * 0.35) * (currency === "USD" && tz < 0 ? 1.3 : 1);
    const hasSalary = random() >= missingRate;
    talents.push({
      id: `syn-talent-${i}`,
      role,
      city,
      skills: random() < missingRate / 2 ? [] : skills,
      level: maybe(level),
      years: maybe(years),
      latitude: hasCoords(random, missingRate) ? lat : null,
      longitude: null,
      remote: maybe(pick(random, REMOTE_MODES) as RemoteMode),
      timezone: maybe(tz),
      salaryMin: hasSalary ? round(mid * 0.92 * 1000, 1000) : null,
      salaryMax: hasSalary ? round(mid * 1.12 * 1000, 1000) : null,
      currency: hasSalary ? currency : null,
    });
    const t = talents[talents.length - 1]!;
    t.longitude = t.latitude === null ? null : lon;
  }

  const jobs: SyntheticJob[] = [];
  for (let i = 0; i < nJobs; i++) {
    const role = pick(random, ROLE_NAMES);
    const level = pick(random, LEVELS);
    const required = sample(random, ROLES[role], 3 + Math.floor(random() * 4));
    const rest = ROLES[role].filter((s) => !required.includes(s));
    const nice = sample(random, rest, Math.floor(random() * 4));
    const city = Math.floor(random() * CITIES.length);
    const [, lat, lon, tz, currency] = CITIES[city]!;
    const remote = pick(random, ["onsite", "hybrid", "hybrid", "remote", "remote"] as const);
    const window = remote === "remote" ? Math.floor(random() * 4) : Math.floor(random() * 2);
    const mid = SALARY_BY_LEVEL[level] * (0.85 + random() * 0.35) * (currency === "USD" && tz < 0 ? 1.3 : 1);
    const hasSalary = random() >= missingRate;
    const [ylo] = YEARS_BY_LEVEL[level];
    const coords = hasCoords(random, missingRate);
    const hasTz = random() >= missingRate;
    jobs.push({
      id: `syn-job-${i}`,
      role,
      industry: pick(random, INDUSTRIES),
      city,
      company: `Company ${i % 90}`,
      required: required.map((name) => ({ name, minProficiency: random() < missingRate ? null : Math.max(1, Math.min(5, 1 + LEVELS.indexOf(level) + Math.round(gaussian(random) * 0.5))) })),
      nice: nice.map((name) => ({ name, minProficiency: null })),
      level: maybe(level),
      minYears: maybe(ylo + Math.floor(random() * 2)),
      latitude: coords ? lat : null,
      longitude: coords ? lon : null,
      remote: maybe(remote),
      timezoneMin: hasTz ? tz - window : null,
      timezoneMax: hasTz ? tz + window : null,
      salaryMin: hasSalary ? round(mid * 0.9 * 1000, 1000) : null,
      salaryMax: hasSalary ? round(mid * 1.15 * 1000, 1000) : null,
      currency: hasSalary ? currency : null,
    });
  }

  const byRole = new Map<Role, number[]>(ROLE_NAMES.map((r) => [r, []]));
  jobs.forEach((j, i) => byRole.get(j.role)!.push(i));
  const pairs: SyntheticPair[] = [];
  for (let t = 0; t < talents.length; t++) {
    const talent = talents[t]!;
    const chosen = new Set<number>();
    const same = byRole.get(talent.role)!;
    const related = RELATED[talent.role].flatMap((r) => byRole.get(r)!);
    while (chosen.size < perTalent) {
      const r = random();
      const pool = r < 0.5 && same.length ? same : r < 0.7 && related.length ? related : null;
      chosen.add(pool ? pick(random, pool) : Math.floor(random() * jobs.length));
    }
    for (const j of chosen) {
      const job = jobs[j]!;
      const base = job.role === talent.role ? 0.55 : RELATED[talent.role].includes(job.role) ? 0.4 : 0.2;
      const textSimilarity = random() < missingRate / 2 ? null : Math.max(-0.1, Math.min(0.95, base + gaussian(random) * 0.09));
      const features = pairFeatures(talent, job, textSimilarity);
      const truth = hiddenScore(features.values);
      const label = Math.min(100, Math.max(0, truth + gaussian(random) * noise));
      pairs.push({ talent: t, job: j, textSimilarity, features, truth, label: Math.round(label * 100) / 100 });
    }
  }
  return { talents, jobs, pairs };
}

function hasCoords(random: () => number, missingRate: number): boolean {
  return random() >= missingRate;
}

/**
 * The hidden scoring function of the synthetic world (what a careful recruiter would score):
 * skill fit dominates and is convex (missing half the requirements costs more than twice a quarter);
 * being under-qualified costs steeply, over-qualified a little; onsite roles far away and time zones
 * far outside a remote team's window gate the match down; expecting more than the job pays costs
 * steeply past 10%. Missing values fall back to what an average pair would have.
 */
export function hiddenScore(values: ReadonlyArray<number | null>): number {
  const f = (name: string, fallback: number) => values[FEATURE_INDEX.get(name)!] ?? fallback;
  const coverage = f("required_coverage", 0.5);
  const prof = f("proficiency_alignment", 0);
  const nice = f("nice_to_have_coverage", 0.3);
  const years = f("skill_years_score", 0.3);
  let skills = 100 * coverage ** 1.6;
  skills += 8 * Math.tanh(prof) + 8 * nice + 6 * years;
  const under = f("underqualification", 0);
  const over = f("overqualification", 0);
  const ld = f("level_distance", 0);
  const experience = 70 - 14 * under ** 1.3 - 2.5 * over - 9 * Math.max(0, -ld) ** 1.5 - 3 * Math.max(0, ld) + 10 * f("seniority_alignment", 0.6);
  const remote = f("remote_compatibility", 0.75);
  const dist = f("distance_km", 800);
  const tz = f("timezone_overlap_hours", 6);
  let gate = 1;
  if (remote === 0) gate *= 0.35;
  else if (remote === 0.5) gate *= 0.8;
  if (remote < 1 && dist > 300) gate *= 0.7;
  if (tz < 3) gate *= 0.75 + 0.05 * tz;
  const ratio = f("salary_expectation_ratio", 0.95);
  if (ratio > 1.1) gate *= Math.max(0.35, 1 - 1.6 * (ratio - 1.1));
  const overlap = f("salary_overlap", 0.4);
  const text = f("text_similarity", 0.35);
  const raw = 0.6 * skills + 0.35 * experience + 8 * overlap + 40 * (text - 0.35) + 12;
  return Math.min(100, Math.max(0, raw * gate));
}
