import { z } from "zod";
import type { Database } from "@matchgraph/db";
import {
  badUserInput,
  byIdLoader,
  forbidden,
  requireRole,
  WRITER_ROLES,
  createEmbedded,
  embeddingText,
  htmlToText,
  LIMITS,
  notFound,
  optionalText,
  parseInput,
  requiredText,
  updateEmbedded,
  uuid,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import { findJobsByIds, findTalentsByIds, JOB_TABLE, listJobPage, listTalentPage, TALENT_TABLE, type JobRow, type TalentRow } from "../db/talent.js";
import { sameCompany, viewerOf } from "./access.js";
import { publishMatchesChanged } from "./matching.js";

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

const html = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" ? htmlToText(v) : v), schema);

const level = z.enum(["junior", "mid", "senior", "lead", "principal"]).nullish();
const remoteMode = z.enum(["onsite", "hybrid", "remote"]).nullish();
const coordinate = (min: number, max: number) => z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`).nullish();
const offset = coordinate(-12, 14);
const money = z.number().int("must be an integer").min(0, "must not be negative").max(100_000_000, "must be at most 100000000").nullish();
const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO 4217 code")
  .transform((c) => c.toUpperCase())
  .nullish();
const proficiency = z.number().int("must be an integer").min(1, "must be between 1 and 5").max(5, "must be between 1 and 5").nullish();
const skillName = z.string().trim().min(1, "a skill must not be empty").max(MAX_SKILL_LENGTH, `a skill must be at most ${MAX_SKILL_LENGTH} characters`);
const skillDetails = z
  .array(z.object({ name: skillName, proficiency, years: z.number().int().min(0, "must be between 0 and 70").max(70, "must be between 0 and 70").nullish() }))
  .max(MAX_SKILLS, `at most ${MAX_SKILLS} skills`)
  .transform((list) => dedupeBy(list).map((s) => ({ name: s.name, proficiency: s.proficiency ?? null, years: s.years ?? null })));
const jobSkillList = z
  .array(z.object({ name: skillName, minProficiency: proficiency }))
  .max(MAX_SKILLS, `at most ${MAX_SKILLS} skills`)
  .transform((list) => dedupeBy(list).map((s) => ({ name: s.name, minProficiency: s.minProficiency ?? null })));

const talentProfileFields = {
  userId: z.string().trim().min(1).max(200).nullish(),
  skillDetails: skillDetails.nullish(),
  experienceLevel: level,
  latitude: coordinate(-90, 90),
  longitude: coordinate(-180, 180),
  remotePreference: remoteMode,
  timezoneOffset: offset,
  salaryMin: money,
  salaryMax: money,
  salaryCurrency: currency,
};

const jobProfileFields = {
  requiredSkills: jobSkillList.nullish(),
  niceToHaveSkills: jobSkillList.nullish(),
  experienceLevel: level,
  minYears: z.number().int("must be an integer").min(0, "must be between 0 and 70").max(70, "must be between 0 and 70").nullish(),
  latitude: coordinate(-90, 90),
  longitude: coordinate(-180, 180),
  remotePolicy: remoteMode,
  timezoneMin: offset,
  timezoneMax: offset,
  salaryMin: money,
  salaryMax: money,
  salaryCurrency: currency,
};

const talentSchema = z.object({
  fullName: html(requiredText(LIMITS.name)),
  headline: html(requiredText(LIMITS.name)),
  summary: html(optionalText()),
  skills,
  yearsExperience,
  location: html(optionalText(200)),
  ...talentProfileFields,
});

const updateTalentSchema = z.object({
  fullName: html(requiredText(LIMITS.name)).optional(),
  headline: html(requiredText(LIMITS.name)).optional(),
  summary: html(optionalText()).optional(),
  skills: skills.optional(),
  yearsExperience: yearsExperience.optional(),
  location: html(optionalText(200)).optional(),
  ...talentProfileFields,
});

const jobSchema = z.object({
  title: html(requiredText(LIMITS.name)),
  company: html(requiredText(LIMITS.name)),
  description: html(requiredText()),
  skills,
  location: html(optionalText(200)),
  seniority: html(optionalText(100)),
  ...jobProfileFields,
});

const updateJobSchema = z.object({
  title: html(requiredText(LIMITS.name)).optional(),
  company: html(requiredText(LIMITS.name)).optional(),
  description: html(requiredText()).optional(),
  skills: skills.optional(),
  location: html(optionalText(200)).optional(),
  seniority: html(optionalText(100)).optional(),
  ...jobProfileFields,
});

function dedupeBy<T extends { name: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = s.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type TalentInput = z.infer<typeof updateTalentSchema>;
type JobInput = z.infer<typeof updateJobSchema>;

/** Checks that pair up (coordinates, salary range, time-zone window) — on the merged row for updates. */
function checkPairs(row: { latitude?: number | null; longitude?: number | null; salaryMin?: number | null; salaryMax?: number | null; timezoneMin?: number | null; timezoneMax?: number | null }, isJob: boolean): void {
  if ((row.latitude ?? null) === null !== ((row.longitude ?? null) === null)) throw badUserInput("latitude and longitude go together", "latitude");
  if (row.salaryMin != null && row.salaryMax != null && row.salaryMin > row.salaryMax) throw badUserInput("salaryMin must not exceed salaryMax", "salaryMin");
  if (isJob) {
    if ((row.timezoneMin ?? null) === null !== ((row.timezoneMax ?? null) === null)) throw badUserInput("timezoneMin and timezoneMax go together", "timezoneMin");
    if (row.timezoneMin != null && row.timezoneMax != null && row.timezoneMin > row.timezoneMax) throw badUserInput("timezoneMin must not exceed timezoneMax", "timezoneMin");
  }
}

/** The database fields of a talent input (undefined = unchanged). */
function talentData(input: TalentInput) {
  const { skillDetails: details, ...rest } = input;
  return {
    ...rest,
    ...(details !== undefined ? { skillDetails: details ?? [], ...(!input.skills?.length ? { skills: (details ?? []).map((s) => s.name) } : {}) } : {}),
  };
}

/** The database fields of a job input: detailed skill lists set the plain skill list unless it is given. */
function jobData(input: JobInput, existing?: { requiredSkills: unknown; niceSkills: unknown }) {
  const { requiredSkills, niceToHaveSkills, ...rest } = input;
  const data: Record<string, unknown> = { ...rest };
  if (requiredSkills !== undefined) data.requiredSkills = requiredSkills ?? [];
  if (niceToHaveSkills !== undefined) data.niceSkills = niceToHaveSkills ?? [];
  if ((requiredSkills !== undefined || niceToHaveSkills !== undefined) && !input.skills?.length) {
    const names = (v: unknown) => (Array.isArray(v) ? (v as Array<{ name: string }>).map((s) => s.name) : []);
    const all = [...names(data.requiredSkills ?? existing?.requiredSkills), ...names(data.niceSkills ?? existing?.niceSkills)];
    data.skills = dedupeSkills(all);
  }
  return data;
}

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


export const talentLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "talent", (ids) => findTalentsByIds(ctx.db, ids));
export const jobLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "job", (ids) => findJobsByIds(ctx.db, ids));

export const getTalent = (ctx: SubgraphContext, id: string): Promise<TalentRow | null> => talentLoader(ctx).load(id);
export const getJob = (ctx: SubgraphContext, id: string): Promise<JobRow | null> => jobLoader(ctx).load(id);

export const listTalents = (ctx: SubgraphContext, take: number, cursor: Parameters<typeof listTalentPage>[2], userId: string | null = null) => listTalentPage(ctx.db, take, cursor, userId);
export const listJobs = (ctx: SubgraphContext, take: number, cursor: Parameters<typeof listJobPage>[2], company: string | null = null) => listJobPage(ctx.db, take, cursor, company);

export async function createTalent(ctx: SubgraphContext, input: unknown): Promise<TalentRow> {
  const identity = requireRole(ctx, [...WRITER_ROLES, "talent"]);
  const parsed = parseInput(talentSchema, input);
  checkPairs(parsed, false);
  const staff = identity.roles.some((r) => WRITER_ROLES.includes(r));
  // A talent creates their own profile; only writers and admins name another owner.
  if (!staff) {
    if (parsed.userId && parsed.userId !== identity.userId) throw forbidden("A talent may only create their own profile");
    parsed.userId = identity.userId;
  }
  const data = talentData(parsed) as Parameters<Database["prisma"]["talent"]["create"]>[0]["data"];
  const row = await createEmbedded(ctx, TALENT_TABLE, talentText(parsed), (tx) => tx.talent.create({ data }));
  publishMatchesChanged(ctx, { kind: "talent", id: row.id });
  return row;
}

export async function updateTalent(ctx: SubgraphContext, id: string, input: unknown): Promise<TalentRow> {
  const identity = requireRole(ctx, [...WRITER_ROLES, "talent"]);
  parseInput(uuid(), id);
  const patch = parseInput(updateTalentSchema, input);
  const existing = await ctx.db.prisma.talent.findUnique({ where: { id } });
  if (!existing) throw notFound("Talent", id);
  const staff = identity.roles.some((r) => WRITER_ROLES.includes(r));
  if (!staff && (existing.userId !== identity.userId || (patch.userId !== undefined && patch.userId !== identity.userId))) throw forbidden("A talent may only change their own profile");
  checkPairs({ ...existing, ...patch }, false);
  const data = talentData(patch) as Parameters<Database["prisma"]["talent"]["update"]>[0]["data"];
  const merged = { ...existing, ...patch, skills: (data as { skills?: string[] }).skills ?? patch.skills ?? existing.skills };
  const change = { existing, textBefore: talentText(existing), textAfter: talentText(merged) };
  const row = await updateEmbedded(ctx, TALENT_TABLE, change, (tx) => tx.talent.update({ where: { id }, data }));
  publishMatchesChanged(ctx, { kind: "talent", id });
  return row;
}

/** Writers and admins write any job; a recruiter only their company's. */
function assertMayWriteJob(ctx: SubgraphContext, company: string): void {
  const identity = requireRole(ctx, [...WRITER_ROLES, "recruiter"]);
  if (identity.roles.some((r) => WRITER_ROLES.includes(r))) return;
  const viewer = viewerOf(ctx);
  if (viewer.kind !== "recruiter" || !sameCompany(viewer.company, company)) throw forbidden("A recruiter may only write their own company's jobs");
}

export async function createJob(ctx: SubgraphContext, input: unknown): Promise<JobRow> {
  requireRole(ctx, [...WRITER_ROLES, "recruiter"]);
  const parsed = parseInput(jobSchema, input);
  assertMayWriteJob(ctx, parsed.company);
  checkPairs(parsed, true);
  const data = jobData(parsed) as Parameters<Database["prisma"]["job"]["create"]>[0]["data"];
  const row = await createEmbedded(ctx, JOB_TABLE, jobText({ ...parsed, skills: (data as { skills: string[] }).skills }), (tx) => tx.job.create({ data }));
  publishMatchesChanged(ctx, { kind: "job", id: row.id });
  return row;
}

export async function updateJob(ctx: SubgraphContext, id: string, input: unknown): Promise<JobRow> {
  requireRole(ctx, [...WRITER_ROLES, "recruiter"]);
  parseInput(uuid(), id);
  const patch = parseInput(updateJobSchema, input);
  const existing = await ctx.db.prisma.job.findUnique({ where: { id } });
  if (!existing) throw notFound("Job", id);
  assertMayWriteJob(ctx, existing.company);
  if (patch.company) assertMayWriteJob(ctx, patch.company);
  checkPairs({ ...existing, ...patch }, true);
  const data = jobData(patch, existing) as Parameters<Database["prisma"]["job"]["update"]>[0]["data"];
  const merged = { ...existing, ...patch, skills: (data as { skills?: string[] }).skills ?? existing.skills };
  const change = { existing, textBefore: jobText(existing), textAfter: jobText(merged) };
  const row = await updateEmbedded(ctx, JOB_TABLE, change, (tx) => tx.job.update({ where: { id }, data }));
  publishMatchesChanged(ctx, { kind: "job", id });
  return row;
}

