import { z } from "zod";
import type { Database } from "@matchgraph/db";
import type { EmbeddingClient } from "@matchgraph/ml-runtime/client";
import { DatasetError, findTrainableModel, listModelVersions, trainModel, TrainingEnvironmentError, type TrainableModel, type TrainResult } from "@matchgraph/ml-runtime/training";
import { requireRole, type SubgraphContext } from "../context.js";
import { badUserInput } from "../errors.js";
import type { Logger } from "../logger.js";
import type { JobQueue } from "./queue.js";
import type { ClaimedJobRow, JobRow } from "./sql.js";
import { PermanentJobError, type JobContext, type JobOutcome } from "./worker.js";

/**
 * Training as a durable job of a domain's own queue: the same pipeline as `npm run train`
 * (`@matchgraph/ml-runtime/training`), run by the domain's worker, its outcome (version, gate,
 * metrics) kept as the job's result. A domain puts `enqueue` behind an admin-only mutation and
 * lets its worker hand jobs of this kind to `handle`:
 *
 * ```ts
 * export const talentTraining = createTrainingJob({ queue: jobQueue, models: talentModels });
 * // mutation trainTalentModel(force): talentTraining.enqueue(ctx, { model: "talent-match", force })
 * // worker handler: if (talentTraining.owns(job)) return talentTraining.handle(services, job, jobCtx);
 * ```
 */

export const TRAINING_JOB_KIND = "train-model";
/** The longest schedule: the queue runs a job at most a week ahead. */
export const MAX_SCHEDULE_MS = 7 * 24 * 3_600_000;
export const TRAINER_ROLES = ["admin"];

const payloadSchema = z.object({
  model: z.string().trim().min(1).max(64),
  force: z.boolean().default(false),
  reason: z.string().trim().max(500).nullish(),
  requestedBy: z.string().max(200).nullish(),
  /** Set on scheduled runs: when this run ends, the next one is queued this many ms later. */
  everyMs: z.number().int().min(60_000).max(MAX_SCHEDULE_MS).nullish(),
});

export type TrainingJobInput = z.input<typeof payloadSchema>;

export interface TrainingJobOptions {
  /** The domain's queue (its own job table). */
  queue: JobQueue;
  /** The models this domain can train, each with its dataset builder. */
  models: readonly TrainableModel[];
  /** Roles that may queue training (default: admin). */
  roles?: string[];
}

/** What a finished training job keeps as its result. */
export interface TrainingJobResult extends Record<string, unknown> {
  model: string;
  version: number;
  activated: boolean;
  runtime: TrainResult["runtime"];
  gate: TrainResult["gate"];
  metrics: TrainResult["metrics"];
  trainSeconds: number;
  runtimeError?: string;
}

export interface TrainingJob {
  readonly kind: string;
  /** Checks the caller's role (FORBIDDEN / UNAUTHENTICATED) and the model name (BAD_USER_INPUT), then queues a run. */
  enqueue(ctx: SubgraphContext, input: TrainingJobInput): Promise<JobRow>;
  /** Whether a claimed job is a training run (for the domain worker's dispatch). */
  owns(job: Pick<JobRow, "kind">): boolean;
  /** Runs a claimed training job: builds the dataset, trains, gates, stores and activates through the runtime. */
  handle(services: { db: Database; ml: EmbeddingClient; log: Logger }, job: ClaimedJobRow, ctx: JobContext): Promise<JobOutcome>;
  /**
   * Keeps `model` retrained every `everyMs` (at most a week; e.g. weekly for talent): unless a
   * run of that model is already queued or running, queues one due `everyMs` after its newest
   * version (at once when it has none or that is past). Each scheduled run queues the next when it
   * ends, done or failed. Call it at the domain's start-up (every replica may: a pending run is
   * found and nothing is added; two replicas racing can queue two, which train one version each).
   */
  schedule(db: Database, options: { model: string; everyMs: number; reason?: string }): Promise<JobRow | null>;
}

export function createTrainingJob(options: TrainingJobOptions): TrainingJob {
  const { queue, models } = options;
  const roles = options.roles ?? TRAINER_ROLES;
  return {
    kind: TRAINING_JOB_KIND,
    async enqueue(ctx, input) {
      const identity = requireRole(ctx, roles);
      const parsed = payloadSchema.safeParse(input);
      if (!parsed.success) throw badUserInput(parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
      if (!models.some((m) => m.name === parsed.data.model)) {
        throw badUserInput(`no trainable model "${parsed.data.model}"; known: ${models.map((m) => m.name).join(", ") || "none"}`, "model");
      }
      return queue.enqueue(ctx.db, { kind: TRAINING_JOB_KIND, payload: { ...parsed.data, requestedBy: identity.userId }, maxAttempts: 2 });
    },
    owns(job) {
      return job.kind === TRAINING_JOB_KIND;
    },
    async schedule(db, { model, everyMs, reason }) {
      if (!models.some((m) => m.name === model)) throw new Error(`no trainable model "${model}"; known: ${models.map((m) => m.name).join(", ")}`);
      if (!(Number.isInteger(everyMs) && everyMs >= 60_000 && everyMs <= MAX_SCHEDULE_MS)) throw new Error(`everyMs must be an integer from 60 000 to ${MAX_SCHEDULE_MS}`);
      const pending = await queue.pending(db, TRAINING_JOB_KIND);
      if (pending.some((job) => (job.payload as { model?: string }).model === model)) return null;
      const newest = (await listModelVersions(db, model))[0];
      const delayMs = newest ? Math.min(MAX_SCHEDULE_MS, Math.max(0, newest.createdAt.getTime() + everyMs - Date.now())) : 0;
      return queue.enqueue(db, { kind: TRAINING_JOB_KIND, payload: { model, force: false, reason: reason ?? "scheduled", requestedBy: "schedule", everyMs }, delayMs, maxAttempts: 2 });
    },
    async handle(services, job, ctx) {
      const payload = payloadSchema.parse(job.payload);
      if (!payload.everyMs) return run(services, job, ctx, payload);
      // A scheduled run queues the next one however it ends (a failure must not stop the schedule).
      const next = () =>
        queue.enqueue(services.db, { kind: TRAINING_JOB_KIND, payload: { ...payload, requestedBy: "schedule" }, delayMs: payload.everyMs!, maxAttempts: 2 }).catch((err: unknown) => {
          services.log.error({ err, model: payload.model }, "could not queue the next scheduled training run");
        });
      try {
        const outcome = await run(services, job, ctx, payload);
        await next();
        return outcome;
      } catch (err) {
        if (err instanceof PermanentJobError || job.attempts >= job.maxAttempts) await next();
        throw err;
      }
    },
  };

  async function run(services: { db: Database; ml: EmbeddingClient; log: Logger }, job: ClaimedJobRow, ctx: JobContext, payload: z.infer<typeof payloadSchema>): Promise<JobOutcome> {
    const log = services.log.child({ job: job.id, model: payload.model });
    let entry: TrainableModel;
    try {
      entry = findTrainableModel(models, payload.model);
    } catch (err) {
      throw new PermanentJobError((err as Error).message);
    }
    // A run cut off after it stored its version (crash, lost lease) is not trained twice.
    const done = (await listModelVersions(services.db, payload.model)).find((v) => (v.training.notes as { jobId?: string } | undefined)?.jobId === job.id);
    if (done) {
      const gate = done.training.gate as TrainResult["gate"];
      return { result: { model: done.name, version: done.version, activated: done.active, runtime: done.active ? "database" : "not-activated", gate, metrics: { candidate: done.metrics.holdout, active: null }, trainSeconds: 0, resumed: true } };
    }
    ctx.progress("dataset", 0, 3);
    const dataset = await entry.dataset({ db: services.db, log: (message) => log.info(message) });
    ctx.signal.throwIfAborted();
    ctx.progress("train", 1, 3);
    let outcome: TrainResult;
    try {
      outcome = await trainModel(
        { ...dataset, notes: { ...dataset.notes, jobId: job.id } },
        {
          db: services.db,
          force: payload.force,
          runtime: services.ml.tabular,
          by: payload.requestedBy ? `${payload.requestedBy} (job ${job.id})` : `job ${job.id}`,
          reason: payload.reason ?? undefined,
          signal: ctx.signal,
          log: (message) => log.info(message),
        },
      );
    } catch (err) {
      if (err instanceof DatasetError || err instanceof TrainingEnvironmentError) throw new PermanentJobError(err.message, { cause: err });
      throw err;
    }
    ctx.progress("done", 3, 3);
    const result: TrainingJobResult = {
      model: payload.model,
      version: outcome.version.version,
      activated: outcome.activated,
      runtime: outcome.runtime,
      gate: outcome.gate,
      metrics: outcome.metrics,
      trainSeconds: Math.round(outcome.trainSeconds * 1000) / 1000,
      ...(outcome.runtimeError ? { runtimeError: outcome.runtimeError } : {}),
    };
    return { result };
  }
}
