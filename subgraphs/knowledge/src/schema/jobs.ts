import { Arg, Ctx, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver, Root, Subscription } from "type-graphql";
import { notFound, type JobRow, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { INGESTION_PROGRESS, ingestionQueue, parseJobId, type IngestionProgressEvent } from "../service/jobs.js";

export enum IngestionJobStatus {
  QUEUED = "queued",
  RUNNING = "running",
  DONE = "done",
  FAILED = "failed",
}

registerEnumType(IngestionJobStatus, {
  name: "IngestionJobStatus",
  description: "QUEUED (waiting, also between retries), RUNNING, DONE, FAILED (for good; see lastError)",
});

@ObjectType({ description: "Where a running job is: `done` of `total` units of its current stage" })
export class JobProgress {
  @Field(() => String, { description: 'e.g. "parse", "chunk", "embed", "store"' })
  stage!: string;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  total!: number;
}

@ObjectType({ description: "A durable ingestion job: stored in the database, retried with back-off, resumed after a restart" })
export class IngestionJob {
  @Field(() => ID)
  id!: string;

  @Field(() => IngestionJobStatus)
  status!: IngestionJobStatus;

  @Field(() => String, { description: "What the job does, e.g. \"ingest\"" })
  kind!: string;

  @Field(() => Int, { description: "Attempts started so far (including the running one)" })
  attempts!: number;

  @Field(() => Int)
  maxAttempts!: number;

  @Field(() => JobProgress, { nullable: true, description: "Last recorded progress (null before the first report)" })
  progress!: JobProgress | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed" })
  lastError!: string | null;

  @Field(() => ID, { nullable: true, description: "The ingested source, once known" })
  sourceId!: string | null;

  @Field(() => Date, { description: "Not before this time will the next attempt start (when QUEUED)" })
  runAfter!: Date;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

/** Maps a job row (the kit's job queue) to the GraphQL type, e.g. for a mutation that enqueues a job; its subject is the source. */
export const toIngestionJob = ({ subjectId, ...row }: JobRow): IngestionJob => ({
  ...row,
  status: row.status as IngestionJobStatus,
  sourceId: subjectId,
});

interface ProgressArgs {
  jobId?: string | null;
  sourceId?: string | null;
}

@Resolver(() => IngestionJob)
export class IngestionJobResolver {
  @Query(() => IngestionJob, { nullable: true, description: "An ingestion job by id; null when there is none" })
  async ingestionJob(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<IngestionJob | null> {
    const row = await ingestionQueue.loader(ctx).load(parseJobId(id));
    return row ? toIngestionJob(row) : null;
  }

  @Subscription(() => IngestionJob, {
    topics: INGESTION_PROGRESS,
    filter: ({ payload, args }: { payload: IngestionProgressEvent; args: ProgressArgs }) =>
      (!args.jobId || payload.id === args.jobId) && (!args.sourceId || payload.subjectId === args.sourceId),
    description:
      "The job each time it changes (claimed, progress, retry, done, failed). Filter by jobId and/or sourceId " +
      "(a job's sourceId is known once its handler has it, at the latest when it is done); no argument: every job.",
  })
  async ingestionProgress(
    @Root() event: IngestionProgressEvent,
    @Arg("jobId", () => ID, { nullable: true }) _jobId: string | null,
    @Arg("sourceId", () => ID, { nullable: true }) _sourceId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IngestionJob> {
    // The event carries ids only: read the row as it is now.
    const row = await ingestionQueue.get(ctx.db, event.id);
    if (!row) throw notFound("IngestionJob", event.id);
    return toIngestionJob(row);
  }
}
