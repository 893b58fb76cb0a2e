import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver, Directive } from "type-graphql";
import { PageArgs, pageWindow, requireRole, toPage, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import {
  createJob,
  createTalent,
  getJob,
  getTalent,
  listJobs,
  listTalents,
  matchJobs,
  matchTalents,
  updateJob,
  updateTalent,
} from "../service/talent.js";
import type { JobRow, TalentRow } from "../db/talent.js";
import {
  CreateJobInput,
  CreateTalentInput,
  Job,
  JobConnection,
  JobMatch,
  Talent,
  TalentConnection,
  TalentMatch,
  UpdateJobInput,
  UpdateTalentInput,
} from "./types.js";

export function toTalent(row: TalentRow): Talent {
  return { ...row };
}

export function toJob(row: JobRow): Job {
  return { ...row };
}

@Resolver(() => Talent)
export class TalentResolver {
  @Query(() => Talent, { nullable: true })
  async talent(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Talent | null> {
    const row = await getTalent(ctx, id);
    return row ? toTalent(row) : null;
  }

  @Query(() => TalentConnection, { description: "Newest first, cursor-paginated" })
  async talents(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<TalentConnection> {
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listTalents(ctx, take, cursor), page.first);
    return { nodes: result.nodes.map(toTalent), pageInfo: result.pageInfo };
  }

  @Directive(COST.vectorSearch)
  @Query(() => [TalentMatch], { description: "Talents nearest to the job's stored embedding (pgvector cosine, HNSW), best first" })
  async matchTalents(
    @Arg("jobId", () => ID) jobId: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TalentMatch[]> {
    const matches = await matchTalents(ctx, { jobId, k });
    return matches.map((m) => ({ talent: toTalent(m.row), score: m.score, sharedSkills: m.sharedSkills }));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Talent)
  async createTalent(@Arg("input", () => CreateTalentInput) input: CreateTalentInput, @Ctx() ctx: SubgraphContext): Promise<Talent> {
    requireRole(ctx);
    return toTalent(await createTalent(ctx, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Talent)
  async updateTalent(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateTalentInput) input: UpdateTalentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Talent> {
    requireRole(ctx);
    return toTalent(await updateTalent(ctx, id, input));
  }
}

@Resolver(() => Job)
export class JobResolver {
  @Query(() => Job, { nullable: true })
  async job(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Job | null> {
    const row = await getJob(ctx, id);
    return row ? toJob(row) : null;
  }

  @Query(() => JobConnection, { description: "Newest first, cursor-paginated" })
  async jobs(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<JobConnection> {
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listJobs(ctx, take, cursor), page.first);
    return { nodes: result.nodes.map(toJob), pageInfo: result.pageInfo };
  }

  @Directive(COST.vectorSearch)
  @Query(() => [JobMatch], { description: "Jobs nearest to the talent's stored embedding (pgvector cosine, HNSW), best first" })
  async matchJobs(
    @Arg("talentId", () => ID) talentId: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<JobMatch[]> {
    const matches = await matchJobs(ctx, { talentId, k });
    return matches.map((m) => ({ job: toJob(m.row), score: m.score, sharedSkills: m.sharedSkills }));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Job)
  async createJob(@Arg("input", () => CreateJobInput) input: CreateJobInput, @Ctx() ctx: SubgraphContext): Promise<Job> {
    requireRole(ctx);
    return toJob(await createJob(ctx, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Job)
  async updateJob(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateJobInput) input: UpdateJobInput, @Ctx() ctx: SubgraphContext): Promise<Job> {
    requireRole(ctx);
    return toJob(await updateJob(ctx, id, input));
  }
}
