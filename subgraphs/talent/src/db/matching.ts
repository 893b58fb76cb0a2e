import { Prisma, vectorType, type Database } from "@matchgraph/db";
import type { JobRow, TalentRow } from "./talent.js";
import { asLevel, asRemote, type JobProfile, type JobSkill, type TalentProfile, type TalentSkill } from "../matching/types.js";

/**
 * The matching SQL: candidates with everything their features need in one statement per side
 * (profiles, and the cosine of the stored embeddings as text similarity), narrowed by hard
 * incompatibilities and ordered by the HNSW index of the query side's embedding model.
 */

/** Candidates further than this from an onsite job are left out (nobody commutes 1,500 km). */
export const MAX_ONSITE_KM = 1_500;
/** Candidates whose minimum expectation is above this multiple of the job's maximum are left out. */
export const MAX_SALARY_RATIO = 1.5;
const HNSW_MAX_EF = 1_000;

/** Every column of the Prisma models but the vector, named as Prisma names them (rows serve as TalentRow / JobRow). */
const TALENT_COLUMNS = Prisma.sql`t.id::text AS id, t.full_name AS "fullName", t.headline, t.summary, t.skills, t.years_experience AS "yearsExperience",
  t.location, t.embedding_model AS "embeddingModel", t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.user_id AS "userId",
  t.skill_details AS "skillDetails", t.experience_level AS "experienceLevel", t.latitude, t.longitude, t.remote_preference AS "remotePreference",
  t.timezone_offset AS "timezoneOffset", t.salary_min AS "salaryMin", t.salary_max AS "salaryMax", t.salary_currency AS "salaryCurrency"`;
const JOB_COLUMNS = Prisma.sql`j.id::text AS id, j.title, j.company, j.description, j.skills, j.location, j.seniority, j.embedding_model AS "embeddingModel",
  j.created_at AS "createdAt", j.updated_at AS "updatedAt", j.required_skills AS "requiredSkills", j.nice_skills AS "niceSkills",
  j.experience_level AS "experienceLevel", j.min_years AS "minYears", j.latitude, j.longitude, j.remote_policy AS "remotePolicy",
  j.timezone_min AS "timezoneMin", j.timezone_max AS "timezoneMax", j.salary_min AS "salaryMin", j.salary_max AS "salaryMax",
  j.salary_currency AS "salaryCurrency"`;

export type TalentMatchRow = TalentRow;
export type JobMatchRow = JobRow;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const intOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function skillDetails(value: unknown): TalentSkill[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((s): s is { name: string; proficiency?: unknown; years?: unknown } => typeof s === "object" && s !== null && typeof (s as { name?: unknown }).name === "string")
    .map((s) => ({ name: s.name, proficiency: intOrNull(s.proficiency), years: intOrNull(s.years) }));
}

function jobSkills(value: unknown): JobSkill[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((s): s is { name: string; minProficiency?: unknown } => typeof s === "object" && s !== null && typeof (s as { name?: unknown }).name === "string")
    .map((s) => ({ name: s.name, minProficiency: intOrNull(s.minProficiency) }));
}

/** A talent row as the matcher sees it: detailed skills, else the plain skill names (proficiency and years missing). */
export function talentProfile(row: TalentMatchRow): TalentProfile {
  const details = skillDetails(row.skillDetails);
  return {
    id: row.id,
    skills: details.length ? details : row.skills.map((name) => ({ name, proficiency: null, years: null })),
    level: asLevel(row.experienceLevel),
    years: num(row.yearsExperience),
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    remote: asRemote(row.remotePreference),
    timezone: num(row.timezoneOffset),
    salaryMin: num(row.salaryMin),
    salaryMax: num(row.salaryMax),
    currency: row.salaryCurrency,
  };
}

/** A job row as the matcher sees it: required skills from the detailed list, else every listed skill is required. */
export function jobProfile(row: JobMatchRow): JobProfile {
  const required = jobSkills(row.requiredSkills);
  return {
    id: row.id,
    required: required.length ? required : row.skills.map((name) => ({ name, minProficiency: null })),
    nice: jobSkills(row.niceSkills),
    level: asLevel(row.experienceLevel),
    minYears: num(row.minYears),
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    remote: asRemote(row.remotePolicy),
    timezoneMin: num(row.timezoneMin),
    timezoneMax: num(row.timezoneMax),
    salaryMin: num(row.salaryMin),
    salaryMax: num(row.salaryMax),
    currency: row.salaryCurrency,
  };
}

/** The hard incompatibilities, over aliases t (talent) and j (job); unknown values never exclude. */
const COMPATIBLE = Prisma.sql`
  (j.remote_policy = 'onsite' AND t.remote_preference = 'remote') IS NOT TRUE
  AND (j.remote_policy IS DISTINCT FROM 'onsite' OR t.latitude IS NULL OR j.latitude IS NULL
       OR 2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(j.latitude - t.latitude) / 2), 2)
          + cos(radians(t.latitude)) * cos(radians(j.latitude)) * power(sin(radians(j.longitude - t.longitude) / 2), 2)))) <= ${MAX_ONSITE_KM}::float8)
  AND (t.salary_min IS NULL OR j.salary_max IS NULL OR t.salary_currency IS DISTINCT FROM j.salary_currency
       OR t.salary_min <= j.salary_max * ${MAX_SALARY_RATIO}::float8)`;

export interface Candidate<R> {
  row: R;
  similarity: number | null;
}

export async function talentForMatching(db: Database, id: string): Promise<(TalentMatchRow & { dimension: number | null }) | null> {
  const rows = await db.prisma.$queryRaw<Array<TalentMatchRow & { dimension: number | null }>>`
    SELECT ${TALENT_COLUMNS}, vector_dims(t.embedding) AS dimension FROM talent.talent t WHERE t.id = ${id}::uuid`;
  return rows[0] ?? null;
}

export async function jobForMatching(db: Database, id: string): Promise<(JobMatchRow & { dimension: number | null }) | null> {
  const rows = await db.prisma.$queryRaw<Array<JobMatchRow & { dimension: number | null }>>`
    SELECT ${JOB_COLUMNS}, vector_dims(j.embedding) AS dimension FROM talent.job j WHERE j.id = ${id}::uuid`;
  return rows[0] ?? null;
}

/**
 * Jobs for a talent: compatible ones, nearest first by the talent's embedding (HNSW on its model),
 * then those with no embedding of that model; at most `pool`.
 */
export async function candidateJobs(db: Database, talent: { id: string; embeddingModel: string | null; dimension: number | null }, pool: number, onlyCompany: string | null): Promise<Array<Candidate<JobMatchRow>>> {
  const company = onlyCompany === null ? Prisma.empty : Prisma.sql`AND j.company = ${onlyCompany}`;
  if (talent.embeddingModel === null || talent.dimension === null) {
    const rows = await db.prisma.$queryRaw<JobMatchRow[]>`
      SELECT ${JOB_COLUMNS} FROM talent.job j, talent.talent t
      WHERE t.id = ${talent.id}::uuid AND ${COMPATIBLE} ${company}
      ORDER BY j.created_at DESC, j.id LIMIT ${pool}`;
    return rows.map((row) => ({ row, similarity: null }));
  }
  const type = vectorType(talent.dimension);
  const ef = String(Math.min(HNSW_MAX_EF, Math.max(40, pool)));
  const rows = await db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('hnsw.ef_search', ${ef}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`;
    return tx.$queryRaw<Array<JobMatchRow & { distance: number | null }>>`
      WITH t AS (SELECT * FROM talent.talent WHERE id = ${talent.id}::uuid)
      (SELECT ${JOB_COLUMNS}, (j.embedding::${type} <=> (SELECT embedding::${type} FROM t)) AS distance
       FROM talent.job j, t
       WHERE j.embedding_model = ${talent.embeddingModel} AND j.embedding IS NOT NULL AND ${COMPATIBLE} ${company}
       ORDER BY j.embedding::${type} <=> (SELECT embedding::${type} FROM t)
       LIMIT ${pool})
      UNION ALL
      (SELECT ${JOB_COLUMNS}, NULL::float8 AS distance
       FROM talent.job j, t
       WHERE j.embedding_model IS DISTINCT FROM ${talent.embeddingModel} AND ${COMPATIBLE} ${company}
       ORDER BY j.created_at DESC, j.id
       LIMIT ${pool})`;
  });
  return rows.slice(0, pool).map(({ distance, ...row }) => ({ row, similarity: distance === null ? null : 1 - Number(distance) }));
}

/** Talents for a job: the mirror of candidateJobs. */
export async function candidateTalents(db: Database, job: { id: string; embeddingModel: string | null; dimension: number | null }, pool: number): Promise<Array<Candidate<TalentMatchRow>>> {
  if (job.embeddingModel === null || job.dimension === null) {
    const rows = await db.prisma.$queryRaw<TalentMatchRow[]>`
      SELECT ${TALENT_COLUMNS} FROM talent.talent t, talent.job j
      WHERE j.id = ${job.id}::uuid AND ${COMPATIBLE}
      ORDER BY t.created_at DESC, t.id LIMIT ${pool}`;
    return rows.map((row) => ({ row, similarity: null }));
  }
  const type = vectorType(job.dimension);
  const ef = String(Math.min(HNSW_MAX_EF, Math.max(40, pool)));
  const rows = await db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('hnsw.ef_search', ${ef}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`;
    return tx.$queryRaw<Array<TalentMatchRow & { distance: number | null }>>`
      WITH j AS (SELECT * FROM talent.job WHERE id = ${job.id}::uuid)
      (SELECT ${TALENT_COLUMNS}, (t.embedding::${type} <=> (SELECT embedding::${type} FROM j)) AS distance
       FROM talent.talent t, j
       WHERE t.embedding_model = ${job.embeddingModel} AND t.embedding IS NOT NULL AND ${COMPATIBLE}
       ORDER BY t.embedding::${type} <=> (SELECT embedding::${type} FROM j)
       LIMIT ${pool})
      UNION ALL
      (SELECT ${TALENT_COLUMNS}, NULL::float8 AS distance
       FROM talent.talent t, j
       WHERE t.embedding_model IS DISTINCT FROM ${job.embeddingModel} AND ${COMPATIBLE}
       ORDER BY t.created_at DESC, t.id
       LIMIT ${pool})`;
  });
  return rows.slice(0, pool).map(({ distance, ...row }) => ({ row, similarity: distance === null ? null : 1 - Number(distance) }));
}

/** One pair with its text similarity (explainMatch). */
export async function pairSimilarity(db: Database, talentId: string, jobId: string): Promise<number | null> {
  const rows = await db.prisma.$queryRaw<Array<{ similarity: number | null }>>`
    SELECT CASE WHEN t.embedding_model = j.embedding_model AND vector_dims(t.embedding) = vector_dims(j.embedding)
                THEN 1 - (t.embedding <=> j.embedding) END AS similarity
    FROM talent.talent t, talent.job j WHERE t.id = ${talentId}::uuid AND j.id = ${jobId}::uuid`;
  const s = rows[0]?.similarity;
  return s === null || s === undefined ? null : Number(s);
}

// ---------------------------------------------------------------- feedback

export const FEEDBACK_TYPES = ["APPLIED", "DISMISSED", "CONTACTED", "REJECTED"] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

/** Records feedback once per (talent, job, type); returns whether it was new. */
export async function insertFeedback(db: Database, input: { talentId: string; jobId: string; type: FeedbackType; userId: string }): Promise<{ id: string; createdAt: Date; created: boolean }> {
  const inserted = await db.prisma.$queryRaw<Array<{ id: string; createdAt: Date }>>`
    INSERT INTO talent.match_feedback (talent_id, job_id, type, user_id)
    VALUES (${input.talentId}::uuid, ${input.jobId}::uuid, ${input.type}, ${input.userId})
    ON CONFLICT (talent_id, job_id, type) DO NOTHING
    RETURNING id::text AS id, created_at AS "createdAt"`;
  if (inserted[0]) return { ...inserted[0], created: true };
  const existing = await db.prisma.$queryRaw<Array<{ id: string; createdAt: Date }>>`
    SELECT id::text AS id, created_at AS "createdAt" FROM talent.match_feedback
    WHERE talent_id = ${input.talentId}::uuid AND job_id = ${input.jobId}::uuid AND type = ${input.type}`;
  return { ...existing[0]!, created: false };
}

export interface FeedbackPairRow {
  talent: TalentMatchRow;
  job: JobMatchRow;
  types: FeedbackType[];
  similarity: number | null;
}

/** Every pair with feedback, its types, both profiles and their text similarity (training). */
export async function feedbackPairs(db: Database, max = 100_000): Promise<FeedbackPairRow[]> {
  const rows = await db.prisma.$queryRaw<Array<{ talent: TalentMatchRow; job: JobMatchRow; types: FeedbackType[]; similarity: number | null }>>`
    SELECT row_to_json(tt) AS talent, row_to_json(jj) AS job, f.types,
           CASE WHEN t.embedding_model = j.embedding_model AND vector_dims(t.embedding) = vector_dims(j.embedding)
                THEN 1 - (t.embedding <=> j.embedding) END AS similarity
    FROM (SELECT talent_id, job_id, array_agg(type ORDER BY type) AS types FROM talent.match_feedback GROUP BY talent_id, job_id) f
    JOIN talent.talent t ON t.id = f.talent_id
    JOIN talent.job j ON j.id = f.job_id
    CROSS JOIN LATERAL (SELECT ${TALENT_COLUMNS}) tt
    CROSS JOIN LATERAL (SELECT ${JOB_COLUMNS}) jj
    ORDER BY f.talent_id, f.job_id
    LIMIT ${max}`;
  return rows.map((r) => ({ ...r, similarity: r.similarity === null ? null : Number(r.similarity) }));
}

export async function countFeedbackPairs(db: Database): Promise<number> {
  const rows = await db.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(DISTINCT (talent_id, job_id))::int AS n FROM talent.match_feedback`;
  return rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------- stored results

export interface StoredResult {
  talentId: string;
  jobId: string;
  score: number;
  subScores: unknown;
  explanation: unknown;
  source: "MODEL" | "FALLBACK";
  modelVersion: number | null;
}

/** Upserts the last computed match of each pair (one statement). */
export async function storeResults(db: Database, results: StoredResult[]): Promise<void> {
  if (results.length === 0) return;
  await db.prisma.$executeRaw`
    INSERT INTO talent.match_result (talent_id, job_id, score, sub_scores, explanation, source, model_version, computed_at)
    SELECT r.talent_id::uuid, r.job_id::uuid, r.score, r.sub_scores, r.explanation, r.source, r.model_version, CURRENT_TIMESTAMP
    FROM jsonb_to_recordset(${JSON.stringify(results.map((r) => ({ talent_id: r.talentId, job_id: r.jobId, score: r.score, sub_scores: r.subScores, explanation: r.explanation, source: r.source, model_version: r.modelVersion })))}::jsonb)
      AS r(talent_id text, job_id text, score float8, sub_scores jsonb, explanation jsonb, source text, model_version int)
    ON CONFLICT (talent_id, job_id) DO UPDATE SET score = EXCLUDED.score, sub_scores = EXCLUDED.sub_scores, explanation = EXCLUDED.explanation,
      source = EXCLUDED.source, model_version = EXCLUDED.model_version, computed_at = EXCLUDED.computed_at`;
}

/** Whether the recruiter's company has a job the talent was matched to or gave feedback on. */
export async function talentMatchedToCompany(db: Database, talentId: string, company: string): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<Array<{ ok: boolean }>>`
    SELECT EXISTS (
      SELECT 1 FROM talent.match_result r JOIN talent.job j ON j.id = r.job_id WHERE r.talent_id = ${talentId}::uuid AND j.company = ${company}
      UNION ALL
      SELECT 1 FROM talent.match_feedback f JOIN talent.job j ON j.id = f.job_id WHERE f.talent_id = ${talentId}::uuid AND j.company = ${company}
    ) AS ok`;
  return Boolean(rows[0]?.ok);
}
