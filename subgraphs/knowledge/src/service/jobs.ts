import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import type { Database } from "@matchgraph/db";
import { byIdLoader, isUuid, parseInput, uuid, type Logger, type PubSub, type SubgraphContext } from "@matchgraph/subgraph-kit";
import {
  claimJob,
  completeJob,
  failJob,
  findJobsByIds,
  insertJob,
  requeueRunningJobs,
  setJobSource,
  touchJob,
  type ClaimedJobRow,
  type JobProgress,
  type JobRow,
  type JobStatus,
} from "../db/jobs.js";

/**
 * Durable ingestion jobs. A job row holds its input (a small JSON payload and the document's
 * bytes), so any process can (re)do it: `enqueueIngestion` writes the row, a worker created by
 * `createJobWorker` claims it (one UPDATE … FOR UPDATE SKIP LOCKED statement), runs the handler,
 * and records the outcome. A worker holds a claimed job through a lease (`locked_at`, renewed by
 * a heartbeat and every progress write); when its process dies the lease runs out and another
 * worker claims the job again — that is what makes jobs survive a restart.
 *
 * Failures are retried with exponential back-off (2^attempts s, at most 5 min, jittered) until
 * `max_attempts`; a `PermanentJobError` (a bad document) fails the job at once.
 */

export type { ClaimedJobRow, JobProgress, JobRow, JobStatus } from "../db/jobs.js";

/** Pub/sub topic of job events; the payload is {@link IngestionProgressEvent} (ids only: NOTIFY payloads stay small). */
export const INGESTION_PROGRESS = "knowledge.ingestionProgress";
export interface IngestionProgressEvent {
  id: string;
  sourceId: string | null;
}

/** Thrown by a handler for input that can never succeed (bad file, unsupported type): no retry. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

export const MAX_JOB_PAYLOAD_BYTES = 16 * 1024;
export const MAX_JOB_DOCUMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_RETRY_DELAY_MS = 5 * 60_000;
const MAX_ERROR_CHARS = 2_000;

/**
 * Delay before the next attempt after `attempts` failed ones: 2^attempts seconds capped at
 * 5 minutes, with "equal jitter" (between half and all of it) so that jobs that failed together
 * do not come back together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** Math.max(attempts, 0) * 1000, MAX_RETRY_DELAY_MS);
  return Math.round(base / 2 + (random() * base) / 2);
}

// ---------------------------------------------------------------- enqueue and read

const enqueueSchema = z.object({
  kind: z.string().trim().min(1).max(64).default("ingest"),
  payload: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_JOB_PAYLOAD_BYTES, `must be at most ${MAX_JOB_PAYLOAD_BYTES} bytes of JSON`),
  document: z
    .union([z.string(), z.instanceof(Uint8Array)])
    .nullish()
    .transform((d) => (d == null ? null : typeof d === "string" ? Buffer.from(d, "utf8") : d))
    .refine((d) => d === null || d.byteLength <= MAX_JOB_DOCUMENT_BYTES, `must be at most ${MAX_JOB_DOCUMENT_BYTES} bytes`),
  sourceId: uuid("sourceId").nullish().transform((v) => v ?? null),
  maxAttempts: z.number().int().min(1).max(50).default(DEFAULT_MAX_ATTEMPTS),
  /** Run no earlier than this many milliseconds from now. */
  delayMs: z.number().int().min(0).max(7 * 24 * 3_600_000).default(0),
});

export type EnqueueIngestionInput = z.input<typeof enqueueSchema>;

/**
 * Stores a job (one INSERT) and returns it. `payload` is small JSON (title, uri, mimeType, tags,
 * …); `document` (text or bytes) is what the handler parses, kept so that a restart can redo it.
 * Call the local worker's `wake()` afterwards to start it without waiting for the next poll.
 */
export async function enqueueIngestion(db: Database, input: EnqueueIngestionInput): Promise<JobRow> {
  const job = parseInput(enqueueSchema, input);
  return insertJob(db, job);
}

export async function getJob(db: Database, id: string): Promise<JobRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await findJobsByIds(db, [id]);
  return row ?? null;
}

export const jobLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "knowledgeIngestionJob", (ids) => findJobsByIds(ctx.db, ids));

/**
 * Embedded topology (PGlite: one process owns the database) at start-up, before `start()`: jobs
 * left 'running' were cut off by this process's own restart, so they are queued again now rather
 * than after their lease runs out. Never call it where other processes run workers (PostgreSQL,
 * distributed): their running jobs are alive, and expired leases already bring back dead ones.
 */
export async function recoverInterruptedJobs(db: Database): Promise<number> {
  return requeueRunningJobs(db);
}

/** Parses a GraphQL id argument (BAD_USER_INPUT when it is not a UUID). */
export const parseJobId = (id: unknown, what = "id"): string => parseInput(uuid(what), id);

// ---------------------------------------------------------------- worker

export interface JobContext {
  /** Records progress (throttled to `progressIntervalMs`; a new stage is written at once). */
  progress(stage: string, done: number, total: number): void;
  /** Records the job's source as soon as it is known, so that `ingestionProgress(sourceId)` sees its events. */
  setSourceId(sourceId: string): Promise<void>;
  /** Aborted when the worker lost the job's lease (another worker may be running it now). */
  signal: AbortSignal;
  workerId: string;
}

/** Does a job's work; its result's sourceId is stored on the done job. Throw to fail the attempt. */
export type JobHandler = (job: ClaimedJobRow, ctx: JobContext) => Promise<{ sourceId?: string | null } | void>;

export interface JobEvent extends IngestionProgressEvent {
  status: JobStatus;
  progress: JobProgress | null;
}

export interface JobWorkerOptions {
  db: Database;
  log: Logger;
  handler: JobHandler;
  /** Unique per process (default: host, pid and a random suffix). */
  workerId?: string;
  /** How often an idle worker looks for due jobs (default 1000 ms). */
  pollMs?: number;
  /** Jobs run at once by this worker (default 1). */
  concurrency?: number;
  /** A running job whose lease is older than this is claimed again (default 60 s; renewed every leaseMs/3). */
  leaseMs?: number;
  /** Least time between two progress writes of one job (default 250 ms). */
  progressIntervalMs?: number;
  /** Back-off after a failed attempt (default {@link retryDelayMs}). */
  backoffMs?: (attempts: number) => number;
  /** When given, every job event is published on {@link INGESTION_PROGRESS} as `{ id, sourceId }`. */
  pubSub?: PubSub;
  /** Called after every recorded change of a job (claimed, progress, done, retry, failed). */
  onProgress?: (event: JobEvent) => void;
}

export interface JobWorker {
  readonly workerId: string;
  start(): void;
  /** Stops claiming and waits for the jobs it is running to finish. */
  stop(): Promise<void>;
  /** Looks for due jobs now instead of at the next poll. */
  wake(): void;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, handler } = options;
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log.child({ worker: workerId });
  const pollMs = options.pollMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const leaseMs = options.leaseMs ?? 60_000;
  const progressIntervalMs = options.progressIntervalMs ?? 250;
  const backoff = options.backoffMs ?? ((attempts: number) => retryDelayMs(attempts));

  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let tickAgain = false;
  const active = new Set<Promise<void>>();

  const emit = (row: Pick<JobRow, "id" | "sourceId" | "status" | "progress">) => {
    const event: JobEvent = { id: row.id, sourceId: row.sourceId, status: row.status, progress: row.progress };
    try {
      options.onProgress?.(event);
      options.pubSub?.publish(INGESTION_PROGRESS, { id: row.id, sourceId: row.sourceId } satisfies IngestionProgressEvent);
    } catch (err) {
      log.warn({ err, job: row.id }, "job event listener failed");
    }
  };

  const schedule = (delay: number) => {
    if (!started || stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      tick();
    }, delay);
    timer.unref?.();
  };

  const tick = () => {
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = (async () => {
      while (!stopping && active.size < concurrency) {
        let job: ClaimedJobRow | null;
        try {
          job = await claimJob(db, workerId, leaseMs);
        } catch (err) {
          log.error({ err }, "claiming an ingestion job failed");
          break;
        }
        if (!job) break;
        const run: Promise<void> = runJob(job).finally(() => {
          active.delete(run);
          schedule(0);
        });
        active.add(run);
      }
    })().finally(() => {
      ticking = null;
      if (tickAgain) {
        tickAgain = false;
        schedule(0);
      } else schedule(pollMs);
    });
  };

  async function runJob(job: ClaimedJobRow): Promise<void> {
    const jobLog = log.child({ job: job.id, attempt: job.attempts });
    if (job.attempts > job.maxAttempts) {
      // Only a lease that ran out gets here: the process running it died every time.
      const row = await failJob(db, job.id, workerId, {
        error: `gave up after ${job.maxAttempts} attempts: the worker running it stopped before it finished`,
        permanent: true,
        retryDelayMs: 0,
      }).catch((err: unknown) => jobLog.error({ err }, "recording a job failure failed"));
      if (row) emit(row);
      return;
    }
    emit(job);

    const abort = new AbortController();
    let sourceId = job.sourceId;
    const lost = () => {
      if (!abort.signal.aborted) {
        jobLog.warn("lost the lease of a running job; another worker may run it");
        abort.abort(new Error("job lease lost"));
      }
    };
    const heartbeat = setInterval(() => {
      touchJob(db, job.id, workerId, null)
        .then((held) => held || lost())
        .catch((err: unknown) => jobLog.warn({ err }, "job heartbeat failed"));
    }, Math.max(10, Math.floor(leaseMs / 3)));
    heartbeat.unref?.();

    const progress = progressWriter(job.id, (p) =>
      touchJob(db, job.id, workerId, p).then((held) => {
        if (held) emit({ id: job.id, sourceId, status: "running", progress: p });
        else lost();
      }),
    jobLog);

    try {
      const ctx: JobContext = {
        progress: progress.report,
        async setSourceId(id: string) {
          parseInput(uuid("sourceId"), id);
          if (await setJobSource(db, job.id, workerId, id)) sourceId = id;
          else lost();
        },
        signal: abort.signal,
        workerId,
      };
      const result = await handler(job, ctx);
      await progress.flush();
      clearInterval(heartbeat);
      const row = await completeJob(db, job.id, workerId, result?.sourceId ?? sourceId);
      if (row) {
        jobLog.info({ sourceId: row.sourceId }, "ingestion job done");
        emit(row);
      } else jobLog.warn("job finished after its lease was lost; result not recorded");
    } catch (err) {
      await progress.flush().catch(() => {});
      clearInterval(heartbeat);
      const permanent = err instanceof PermanentJobError;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_CHARS) || "failed";
      try {
        const row = await failJob(db, job.id, workerId, { error: message, permanent, retryDelayMs: backoff(job.attempts) });
        if (row) {
          if (row.status === "failed") jobLog.warn({ err, permanent }, "ingestion job failed");
          else jobLog.info({ err: message, runAfter: row.runAfter }, "ingestion job attempt failed; will retry");
          emit(row);
        }
      } catch (dbErr) {
        jobLog.error({ err: dbErr }, "recording a job failure failed; its lease will run out and it will be retried");
      }
    } finally {
      clearInterval(heartbeat);
      progress.cancel();
    }
  }

  function progressWriter(jobId: string, write: (p: JobProgress) => Promise<void>, jobLog: Logger) {
    let pending: JobProgress | null = null;
    let lastStage: string | null = null;
    let lastWrite = 0;
    let flushTimer: NodeJS.Timeout | null = null;
    let chain: Promise<void> = Promise.resolve();
    const flushNow = (): Promise<void> => {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      if (!pending) return chain;
      const p = pending;
      pending = null;
      lastWrite = Date.now();
      lastStage = p.stage;
      chain = chain.then(() => write(p)).catch((err: unknown) => jobLog.warn({ err, job: jobId }, "writing job progress failed"));
      return chain;
    };
    const count = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0);
    return {
      report(stage: string, done: number, total: number) {
        pending = { stage: String(stage).slice(0, 64), done: count(done), total: count(total) };
        const wait = progressIntervalMs - (Date.now() - lastWrite);
        if (stage !== lastStage || wait <= 0) void flushNow();
        else if (!flushTimer) {
          flushTimer = setTimeout(() => void flushNow(), wait);
          flushTimer.unref?.();
        }
      },
      flush: flushNow,
      cancel() {
        if (flushTimer) clearTimeout(flushTimer);
        flushTimer = null;
        pending = null;
      },
    };
  }

  return {
    workerId,
    start() {
      if (started) return;
      started = true;
      stopping = false;
      log.info({ pollMs, concurrency, leaseMs }, "ingestion job worker started");
      schedule(0);
    },
    async stop() {
      if (!started) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (ticking || active.size > 0) {
        await Promise.allSettled([ticking, ...active]);
      }
      started = false;
      log.info("ingestion job worker stopped");
    },
    wake() {
      schedule(0);
    },
  };
}
