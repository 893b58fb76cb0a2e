import { Arg, Args, Ctx, Directive, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { notFound, PageArgs, pageWindow, parseInput, toPage, uuid, COST, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { listModelVersions } from "@matchgraph/ml-runtime/training";
import { createJob, createTalent, getJob, getTalent, listJobs, listTalents, updateJob, updateTalent } from "../service/talent.js";
import { explainMatch, matchJobs, matchTalents, MODEL_NAME, publishMatchesChanged, type ScoredPair } from "../service/matching.js";
import { assertAdmin, deny, sameCompany, viewerOf, type Viewer } from "../service/access.js";
import { enqueueTraining, jobQueue } from "../service/training.js";
import { recordFeedback } from "../service/feedback.js";
import { talentMatchedToCompany } from "../db/matching.js";
import type { JobRow, TalentRow } from "../db/talent.js";
import { FEATURE_NAMES, GROUP_OF } from "../matching/features.js";
import {
  CreateJobInput,
  CreateTalentInput,
  ExperienceLevel,
  FeedbackType,
  Job,
  JobConnection,
  JobMatch,
  MatchExplanation,
  MatchFeedbackRecord,
  MatchSource,
  PairMatch,
  RemoteMode,
  SalaryRange,
  SubScores,
  Talent,
  TalentConnection,
  TalentMatch,
  TalentModelVersion,
  TalentTrainingJob,
  UpdateJobInput,
  UpdateTalentInput,
} from "./types.js";

const intOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const list = <T>(v: unknown, map: (o: Record<string, unknown>) => T): T[] => (Array.isArray(v) ? v.filter((o) => typeof o === "object" && o !== null).map((o) => map(o as Record<string, unknown>)) : []);

/** A talent row as GraphQL shows it; salary expectations only where `salaryVisible` (see Talent.salaryExpectation). */
export function toTalent(row: TalentRow, salaryVisible = false): Talent {
  return {
    id: row.id,
    fullName: row.fullName,
    headline: row.headline,
    summary: row.summary,
    skills: row.skills,
    yearsExperience: row.yearsExperience,
    location: row.location,
    embeddingModel: row.embeddingModel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    skillDetails: list(row.skillDetails, (o) => ({ name: String(o.name), proficiency: intOrNull(o.proficiency), years: intOrNull(o.years) })),
    experienceLevel: (row.experienceLevel as ExperienceLevel | null) ?? null,
    latitude: row.latitude,
    longitude: row.longitude,
    remotePreference: (row.remotePreference as RemoteMode | null) ?? null,
    timezoneOffset: row.timezoneOffset,
    salary: row.salaryMin === null && row.salaryMax === null ? null : { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency },
    salaryVisible,
    userId: row.userId,
  } as Talent & { userId: string | null };
}

export function toJob(row: JobRow): Job {
  const required = list(row.requiredSkills, (o) => ({ name: String(o.name), minProficiency: intOrNull(o.minProficiency) }));
  return {
    id: row.id,
    title: row.title,
    company: row.company,
    description: row.description,
    skills: row.skills,
    location: row.location,
    seniority: row.seniority,
    embeddingModel: row.embeddingModel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    requiredSkills: required.length ? required : row.skills.map((name) => ({ name, minProficiency: null })),
    niceToHaveSkills: list(row.niceSkills, (o) => ({ name: String(o.name), minProficiency: intOrNull(o.minProficiency) })),
    experienceLevel: (row.experienceLevel as ExperienceLevel | null) ?? null,
    minYears: row.minYears,
    latitude: row.latitude,
    longitude: row.longitude,
    remotePolicy: (row.remotePolicy as RemoteMode | null) ?? null,
    timezoneMin: row.timezoneMin,
    timezoneMax: row.timezoneMax,
    salary: row.salaryMin === null && row.salaryMax === null ? null : { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency },
  };
}

function explanationOf(result: ScoredPair): MatchExplanation {
  const e = result.explanation;
  return {
    factors: e.factors,
    subScores: e.subScores,
    baseValue: e.baseValue,
    contributions: e.contributions
      ? FEATURE_NAMES.map((feature, i) => ({ feature, group: GROUP_OF.get(feature)!, value: result.features.values[i] ?? null, contribution: e.contributions![feature] ?? 0 }))
      : null,
  };
}

const matchFields = (result: ScoredPair, processingTimeMs: number) => ({
  score: result.score,
  explanation: explanationOf(result),
  subScores: result.explanation.subScores as SubScores,
  source: result.source as MatchSource,
  modelVersion: result.modelVersion,
  processingTimeMs,
  sharedSkills: result.features.facts.sharedSkills,
});

/** Reads of a talent profile: a talent sees only their own; a recruiter only talents matched to their company. */
async function assertMayReadTalent(ctx: SubgraphContext, row: TalentRow): Promise<Viewer> {
  const viewer = viewerOf(ctx);
  if (!ctx.identity) deny(ctx, "Talent profiles need a signed-in caller");
  if (viewer.kind === "talent" && row.userId !== viewer.userId) deny(ctx, "A talent sees only their own profile");
  if (viewer.kind === "recruiter" && !(await talentMatchedToCompany(ctx.db, row.id, viewer.company))) deny(ctx, "A recruiter sees only talents matched to their company's jobs");
  return viewer;
}

const salaryVisibleTo = (viewer: Viewer, row: TalentRow) => viewer.kind === "admin" || (viewer.kind === "talent" && row.userId === viewer.userId);

@Resolver(() => Talent)
export class TalentResolver {
  @Query(() => Talent, { nullable: true })
  async talent(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Talent | null> {
    const row = await getTalent(ctx, id);
    if (!row) return null;
    const viewer = await assertMayReadTalent(ctx, row);
    // A recruiter reaches only talents matched to their company: within those matches the salary shows.
    return toTalent(row, salaryVisibleTo(viewer, row) || viewer.kind === "recruiter");
  }

  @Query(() => TalentConnection, { description: "Newest first, cursor-paginated; a talent's list holds their own profiles only; not for recruiters (they reach the talents matched to their company's jobs)" })
  async talents(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<TalentConnection> {
    const viewer = viewerOf(ctx);
    if (!ctx.identity) deny(ctx, "Talent profiles need a signed-in caller");
    if (viewer.kind === "recruiter") deny(ctx, "Recruiters do not list every talent");
    const { take, cursor } = pageWindow(page);
    // A talent lists what they own (talent.user_id = their user id), salary expectations included.
    const result = toPage(await listTalents(ctx, take, cursor, viewer.kind === "talent" ? viewer.userId : null), page.first);
    return { nodes: result.nodes.map((r) => toTalent(r, salaryVisibleTo(viewer, r))), pageInfo: result.pageInfo };
  }

  @FieldResolver(() => SalaryRange, { nullable: true, description: "Expected salary: shown to admins, the talent, and recruiters of a company the talent is matched to" })
  salaryExpectation(@Root() talent: Talent): SalaryRange | null {
    return talent.salaryVisible ? talent.salary : null;
  }

  @Directive(COST.vectorSearch)
  @Query(() => [TalentMatch], { description: "Talents for a job, best first: compatible candidates (SQL, HNSW) scored and explained by the talent-match model in one batch. Recruiters of the job's company and admins." })
  async matchTalents(
    @Arg("jobId", () => ID) jobId: string,
    @Arg("limit", () => Int, { nullable: true, description: "1 to 100 (default 10)" }) limit: number | null,
    @Arg("minScore", () => Float, { defaultValue: 0, description: "0 to 100" }) minScore: number,
    @Arg("k", () => Int, { nullable: true, deprecationReason: "Use limit" }) k: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TalentMatch[]> {
    const list = await matchTalents(ctx, { jobId, limit: limit ?? k ?? 10, minScore });
    return list.matches.map((m) => ({ talent: toTalent(m.row, true), ...matchFields(m.result, list.processingTimeMs) }));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Talent, { description: "Writers and admins; a talent creates their own profile" })
  async createTalent(@Arg("input", () => CreateTalentInput) input: CreateTalentInput, @Ctx() ctx: SubgraphContext): Promise<Talent> {
    const row = await createTalent(ctx, input);
    return toTalent(row, true);
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Talent, { description: "Writers and admins; a talent changes their own profile" })
  async updateTalent(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateTalentInput) input: UpdateTalentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Talent> {
    return toTalent(await updateTalent(ctx, id, input), true);
  }
}

@Resolver(() => Job)
export class JobResolver {
  @Query(() => Job, { nullable: true, description: "A recruiter sees only their company's jobs" })
  async job(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Job | null> {
    const row = await getJob(ctx, id);
    if (!row) return null;
    const viewer = viewerOf(ctx);
    if (viewer.kind === "recruiter" && !sameCompany(viewer.company, row.company)) deny(ctx, "A recruiter sees only their company's jobs");
    return toJob(row);
  }

  @Query(() => JobConnection, { description: "Newest first, cursor-paginated; a recruiter's list holds their company's jobs only" })
  async jobs(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<JobConnection> {
    const viewer = viewerOf(ctx);
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listJobs(ctx, take, cursor, viewer.kind === "recruiter" ? viewer.company : null), page.first);
    return { nodes: result.nodes.map(toJob), pageInfo: result.pageInfo };
  }

  @Directive(COST.vectorSearch)
  @Query(() => [JobMatch], { description: "Jobs for a talent, best first: compatible jobs (SQL, HNSW) scored and explained by the talent-match model in one batch. The talent themself and admins." })
  async matchJobs(
    @Arg("talentId", () => ID) talentId: string,
    @Arg("limit", () => Int, { nullable: true, description: "1 to 100 (default 10)" }) limit: number | null,
    @Arg("minScore", () => Float, { defaultValue: 0, description: "0 to 100" }) minScore: number,
    @Arg("k", () => Int, { nullable: true, deprecationReason: "Use limit" }) k: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<JobMatch[]> {
    const list = await matchJobs(ctx, { talentId, limit: limit ?? k ?? 10, minScore });
    return list.matches.map((m) => ({ job: toJob(m.row), ...matchFields(m.result, list.processingTimeMs) }));
  }

  @Directive(COST.vectorSearch)
  @Query(() => PairMatch, { description: "Scores and explains one pair: the talent, recruiters of the job's company, admins" })
  async explainMatch(@Arg("talentId", () => ID) talentId: string, @Arg("jobId", () => ID) jobId: string, @Ctx() ctx: SubgraphContext): Promise<PairMatch> {
    const pair = await explainMatch(ctx, { talentId, jobId });
    const fields = matchFields(pair.result, pair.processingTimeMs);
    return { talent: toTalent(pair.talent, true), job: toJob(pair.job), ...fields };
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Job, { description: "Writers and admins; a recruiter creates their company's jobs" })
  async createJob(@Arg("input", () => CreateJobInput) input: CreateJobInput, @Ctx() ctx: SubgraphContext): Promise<Job> {
    return toJob(await createJob(ctx, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Job, { description: "Writers and admins; a recruiter changes their company's jobs" })
  async updateJob(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateJobInput) input: UpdateJobInput, @Ctx() ctx: SubgraphContext): Promise<Job> {
    return toJob(await updateJob(ctx, id, input));
  }

  @Mutation(() => MatchFeedbackRecord, { description: "Idempotent per talent, job and type: talents APPLIED / DISMISSED, recruiters CONTACTED / REJECTED, admins any" })
  async recordMatchFeedback(
    @Arg("talentId", () => ID) talentId: string,
    @Arg("jobId", () => ID) jobId: string,
    @Arg("type", () => FeedbackType) type: FeedbackType,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MatchFeedbackRecord> {
    const record = await recordFeedback(ctx, { talentId, jobId, type });
    return { ...record, type: record.type as FeedbackType };
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => TalentTrainingJob, { description: "Admins: queues a training run of talent-match (needs 100 pairs with feedback once a version is active, unless forced)" })
  async trainTalentModel(@Arg("force", () => Boolean, { defaultValue: false }) force: boolean, @Ctx() ctx: SubgraphContext): Promise<TalentTrainingJob> {
    const job = await enqueueTraining(ctx, force);
    return { id: job.id, status: job.status, resultJson: job.result ? JSON.stringify(job.result) : null, lastError: job.lastError, createdAt: job.createdAt };
  }

  @Query(() => TalentTrainingJob, { nullable: true, description: "Admins: a training run" })
  async talentTrainingJob(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<TalentTrainingJob | null> {
    assertAdmin(ctx);
    parseInput(uuid(), id);
    const job = await jobQueue.get(ctx.db, id);
    if (!job) return null;
    return { id: job.id, status: job.status, resultJson: job.result ? JSON.stringify(job.result) : null, lastError: job.lastError, createdAt: job.createdAt };
  }

  @Query(() => [TalentModelVersion], { description: "Admins: every talent-match version, newest first, with held-out metrics" })
  async talentModelVersions(@Ctx() ctx: SubgraphContext): Promise<TalentModelVersion[]> {
    assertAdmin(ctx);
    const versions = await listModelVersions(ctx.db, MODEL_NAME);
    return versions.map((v) => {
      const holdout = (v.metrics as { holdout?: Record<string, number> }).holdout ?? {};
      return {
        version: v.version,
        active: v.active,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        reason: v.reason,
        rmse: holdout.rmse ?? null,
        mae: holdout.mae ?? null,
        ndcg: holdout.ndcg ?? null,
        metricsJson: JSON.stringify({ ...v.metrics, gate: (v.training as { gate?: unknown }).gate ?? null }),
        source: typeof (v.training as { source?: unknown }).source === "string" ? ((v.training as { source: string }).source) : null,
      };
    });
  }

  @Mutation(() => Int, { description: "Admins: makes the version before the active one active again; returns the version now active" })
  async rollbackTalentModel(@Ctx() ctx: SubgraphContext): Promise<number> {
    const viewer = assertAdmin(ctx);
    const answer = await ctx.ml.tabular.rollback(MODEL_NAME, { by: viewer.userId, reason: "rollbackTalentModel" });
    publishMatchesChanged(ctx, { kind: "model", id: null });
    if (answer.serving === null && answer.version === undefined) throw notFound("Model version", MODEL_NAME);
    return answer.version;
  }
}
