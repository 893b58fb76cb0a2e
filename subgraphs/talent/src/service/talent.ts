import { GraphQLError } from "graphql";
import { z } from "zod";
import {
  byIdLoader,
  createEmbedded,
  embeddingText,
  inOrder,
  LIMITS,
  nearestIds,
  notFound,
  optionalText,
  parseInput,
  requiredText,
  topK,
  updateEmbedded,
  uuid,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import {
  findJobsByIds,
  findTalentsByIds,
  JOB_TABLE,
  listJobPage,
  listTalentPage,
  storedEmbedding,
  TALENT_TABLE,
  type JobRow,
  type TalentRow,
} from "../db/talent.js";

export const MAX_SKILLS = 50;
export const MAX_SKILL_LENGTH = 64;

/** Trimmed, non-empty, at most 50 of at most 64 characters; case-insensitive duplicates dropped (first spelling kept). */
const skillList = z
  .array(
    z
      .string()
      .trim()
      .min(1, "a skill must not be empty")
      .max(MAX_SKILL_LENGTH, `a skill must be at most ${MAX_SKILL_LENGTH} characters`),
  )
  .max(MAX_SKILLS, `at most ${MAX_SKILLS} skills`)
  .transform(dedupeSkills);
const skills = skillList.nullish().transform((v) => v ?? []);
const yearsExperience = z.number().int("must be an integer").min(0, "must be between 0 and 70").max(70, "must be between 0 and 70");

const talentSchema = z.object({
  fullName: requiredText(LIMITS.name),
  headline: requiredText(LIMITS.name),
  summary: optionalText(),
  skills,
  yearsExperience,
  location: optionalText(200),
});

const updateTalentSchema = z.object({
  fullName: requiredText(LIMITS.name).optional(),
  headline: requiredText(LIMITS.name).optional(),
  summary: optionalText().optional(),
  skills: skills.optional(),
  yearsExperience: yearsExperience.optional(),
  location: optionalText(200).optional(),
});

const jobSchema = z.object({
  title: requiredText(LIMITS.name),
  company: requiredText(LIMITS.name),
  description: requiredText(),
  skills,
  location: optionalText(200),
  seniority: optionalText(100),
});

const updateJobSchema = z.object({
  title: requiredText(LIMITS.name).optional(),
  company: requiredText(LIMITS.name).optional(),
  description: requiredText().optional(),
  skills: skills.optional(),
  location: optionalText(200).optional(),
  seniority: optionalText(100).optional(),
});

function dedupeSkills(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = s.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Skills of `candidate` that `query` also lists, compared case-insensitively, in the candidate's order and spelling. */
export function sharedSkills(query: readonly string[], candidate: readonly string[]): string[] {
  const wanted = new Set(query.map((s) => s.toLowerCase()));
  return dedupeSkills(candidate.filter((s) => wanted.has(s.toLowerCase())));
}

const skillText = (list: readonly string[]) => (list.length ? `Skills: ${list.join(", ")}` : null);
const talentText = (t: Pick<TalentRow, "headline" | "summary" | "skills">) => embeddingText(t.headline, skillText(t.skills), t.summary);
const jobText = (j: Pick<JobRow, "title" | "skills" | "description">) => embeddingText(j.title, skillText(j.skills), j.description);

/** NOT_FOUND with its own message: the row exists but nothing has embedded it yet. */
function notEmbedded(type: string, id: string): GraphQLError {
  return new GraphQLError(`${type} ${id} has no embedding yet; save it again (update) to embed it`, {
    extensions: { code: "NOT_FOUND", type, id, reason: "NO_EMBEDDING" },
  });
}

export const talentLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "talent", (ids) => findTalentsByIds(ctx.db, ids));
export const jobLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "job", (ids) => findJobsByIds(ctx.db, ids));

export const getTalent = (ctx: SubgraphContext, id: string): Promise<TalentRow | null> => talentLoader(ctx).load(id);
export const getJob = (ctx: SubgraphContext, id: string): Promise<JobRow | null> => jobLoader(ctx).load(id);

export const listTalents = (ctx: SubgraphContext, take: number, cursor: Parameters<typeof listTalentPage>[2]) => listTalentPage(ctx.db, take, cursor);
export const listJobs = (ctx: SubgraphContext, take: number, cursor: Parameters<typeof listJobPage>[2]) => listJobPage(ctx.db, take, cursor);

export async function createTalent(ctx: SubgraphContext, input: unknown): Promise<TalentRow> {
  const data = parseInput(talentSchema, input);
  return createEmbedded(ctx, TALENT_TABLE, talentText(data), (tx) => tx.talent.create({ data }));
}

export async function updateTalent(ctx: SubgraphContext, id: string, input: unknown): Promise<TalentRow> {
  parseInput(uuid(), id);
  const patch = parseInput(updateTalentSchema, input);
  const existing = await ctx.db.prisma.talent.findUnique({ where: { id } });
  if (!existing) throw notFound("Talent", id);
  const change = { existing, textBefore: talentText(existing), textAfter: talentText({ ...existing, ...patch }) };
  return updateEmbedded(ctx, TALENT_TABLE, change, (tx) => tx.talent.update({ where: { id }, data: patch }));
}

export async function createJob(ctx: SubgraphContext, input: unknown): Promise<JobRow> {
  const data = parseInput(jobSchema, input);
  return createEmbedded(ctx, JOB_TABLE, jobText(data), (tx) => tx.job.create({ data }));
}

export async function updateJob(ctx: SubgraphContext, id: string, input: unknown): Promise<JobRow> {
  parseInput(uuid(), id);
  const patch = parseInput(updateJobSchema, input);
  const existing = await ctx.db.prisma.job.findUnique({ where: { id } });
  if (!existing) throw notFound("Job", id);
  const change = { existing, textBefore: jobText(existing), textAfter: jobText({ ...existing, ...patch }) };
  return updateEmbedded(ctx, JOB_TABLE, change, (tx) => tx.job.update({ where: { id }, data: patch }));
}

async function queryVectorOf(ctx: SubgraphContext, type: "Talent" | "Job", id: string) {
  const stored = await storedEmbedding(ctx.db, type === "Talent" ? TALENT_TABLE : JOB_TABLE, id);
  if (!stored.found) throw notFound(type, id);
  if (!stored.embedding) throw notEmbedded(type, id);
  return stored.embedding;
}

export interface Match<T> {
  row: T;
  score: number;
  sharedSkills: string[];
}

/** Jobs nearest to a talent's stored embedding (same model), best first. */
export async function matchJobs(ctx: SubgraphContext, args: { talentId: unknown; k: unknown }): Promise<Match<JobRow>[]> {
  const talentId = parseInput(uuid("talentId"), args.talentId);
  const k = parseInput(topK, args.k);
  const talent = await getTalent(ctx, talentId);
  if (!talent) throw notFound("Talent", talentId);
  const query = await queryVectorOf(ctx, "Talent", talentId);
  const hits = await nearestIds(ctx.db, JOB_TABLE, query, k);
  const rows = inOrder(hits.map((h) => h.id), await findJobsByIds(ctx.db, hits.map((h) => h.id)));
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  return rows.map((row) => ({ row, score: scores.get(row.id)!, sharedSkills: sharedSkills(talent.skills, row.skills) }));
}

/** Talents nearest to a job's stored embedding (same model), best first. */
export async function matchTalents(ctx: SubgraphContext, args: { jobId: unknown; k: unknown }): Promise<Match<TalentRow>[]> {
  const jobId = parseInput(uuid("jobId"), args.jobId);
  const k = parseInput(topK, args.k);
  const job = await getJob(ctx, jobId);
  if (!job) throw notFound("Job", jobId);
  const query = await queryVectorOf(ctx, "Job", jobId);
  const hits = await nearestIds(ctx.db, TALENT_TABLE, query, k);
  const rows = inOrder(hits.map((h) => h.id), await findTalentsByIds(ctx.db, hits.map((h) => h.id)));
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  return rows.map((row) => ({ row, score: scores.get(row.id)!, sharedSkills: sharedSkills(job.skills, row.skills) }));
}
