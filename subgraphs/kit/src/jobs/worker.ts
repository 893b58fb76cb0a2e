import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@matchgraph/db";
import type { Logger } from "../logger.js";
import type { PubSub } from "../pubsub.js";
import { isUuid } from "../validation.js";
import type { ClaimedJobRow, JobProgress, JobRow, JobSql, JobStatus } from "./sql.js";

/**
 * The worker of a durable job queue: it claims a job (one UPDATE … FOR UPDATE SKIP LOCKED
 * statement), runs the handler, and records the outcome. A worker holds a claimed job through a
 * lease (`locked_at`, renewed by a heartbeat and every progress write); when its process dies the
 * lease runs out and another worker claims the job again — that is what makes jobs survive a
 * restart.
 *
 * Failures are retried with exponential back-off (2^attempts s, at most 5 min, jittered) until
 * `max_attempts`; a {@link PermanentJobError} (e.g. a bad document) fails the job at once.
 */

/** Thrown by a handler for input that can never succeed (bad file, unsupported type): no retry. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

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

/** What is published on a queue's topic for every job event: ids only (NOTIFY payloads stay small). */
export interface JobTopicEvent {
  id: string;
  subjectId: string | null;
}

/** What `onProgress` receives for every recorded change of a job. */
export interface JobEvent extends JobTopicEvent {
  status: JobStatus;
  progress: JobProgress | null;
}

export interface JobContext {
  /** Records progress (throttled to `progressIntervalMs`; a new stage is written at once). */
  progress(stage: string, done: number, total: number): void;
  /** Records the job's subject as soon as it is known, so that subscribers filtering on it see its events. */
  setSubjectId(subjectId: string): Promise<void>;
  /** Aborted when the worker lost the job's lease (another worker may be running it now). */
  signal: AbortSignal;
  workerId: string;
}

/** What a handler may return: the job's subject and result, stored on the done job. */
export interface JobOutcome {
  subjectId?: string | null;
  /** Kept in the job's `result` column (JSON; keep it small, it is read back with the job). */
  result?: Record<string, unknown> | null;
}

/**
 * Does a job's work. The claimed row carries the document and the last recorded progress (a
 * checkpoint to resume from after a restart). Throw to fail the attempt.
 */
export type JobHandler = (job: ClaimedJobRow, ctx: JobContext) => Promise<JobOutcome | void>;

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
  /** When given, every job event is published on the queue's topic as `{ id, subjectId }` ({@link JobTopicEvent}). */
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

function checkSubjectId(subjectId: string): string {
  if (!isUuid(subjectId)) throw new PermanentJobError(`subjectId must be a UUID, got ${JSON.stringify(subjectId).slice(0, 80)}`);
  return subjectId;
}

function resultJson(result: Record<string, unknown> | null | undefined): string | null {
  if (result == null) return null;
  try {
    return JSON.stringify(result);
  } catch (err) {
    throw new PermanentJobError(`the job's result is not JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** A worker of the queue `queue` (its name for logs, its topic for events) on the statements `sql`. */
export function createJobWorker(queue: { name: string; topic: string; sql: JobSql }, options: JobWorkerOptions): JobWorker {
  const { sql, name, topic } = queue;
  const { db, handler } = options;
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log.child({ queue: name, worker: workerId });
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

  const emit = (row: Pick<JobRow, "id" | "subjectId" | "status" | "progress">) => {
    const event: JobEvent = { id: row.id, subjectId: row.subjectId, status: row.status, progress: row.progress };
    try {
      options.onProgress?.(event);
      options.pubSub?.publish(topic, { id: row.id, subjectId: row.subjectId } satisfies JobTopicEvent);
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
          job = await sql.claim(db, workerId, leaseMs);
        } catch (err) {
          log.error({ err }, `claiming a ${name} job failed`);
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
      const row = await sql
        .fail(db, job.id, workerId, {
          error: `gave up after ${job.maxAttempts} attempts: the worker running it stopped before it finished`,
          permanent: true,
          retryDelayMs: 0,
        })
        .catch((err: unknown) => jobLog.error({ err }, "recording a job failure failed"));
      if (row) emit(row);
      return;
    }
    emit(job);

    const abort = new AbortController();
    let subjectId = job.subjectId;
    const lost = () => {
      if (!abort.signal.aborted) {
        jobLog.warn("lost the lease of a running job; another worker may run it");
        abort.abort(new Error("job lease lost"));
      }
    };
    const heartbeat = setInterval(() => {
      sql
        .touch(db, job.id, workerId, null)
        .then((held) => held || lost())
        .catch((err: unknown) => jobLog.warn({ err }, "job heartbeat failed"));
    }, Math.max(10, Math.floor(leaseMs / 3)));
    heartbeat.unref?.();

    const progress = progressWriter(
      job.id,
      (p) =>
        sql.touch(db, job.id, workerId, p).then((held) => {
          if (held) emit({ id: job.id, subjectId, status: "running", progress: p });
          else lost();
        }),
      jobLog,
    );

    try {
      const ctx: JobContext = {
        progress: progress.report,
        async setSubjectId(id: string) {
          checkSubjectId(id);
          if (await sql.setSubject(db, job.id, workerId, id)) subjectId = id;
          else lost();
        },
        signal: abort.signal,
        workerId,
      };
      const outcome = await handler(job, ctx);
      const finalSubject = outcome?.subjectId != null ? checkSubjectId(outcome.subjectId) : subjectId;
      const json = resultJson(outcome?.result);
      await progress.flush();
      clearInterval(heartbeat);
      const row = await sql.complete(db, job.id, workerId, { subjectId: finalSubject, resultJson: json });
      if (row) {
        jobLog.info({ subjectId: row.subjectId }, `${name} job done`);
        emit(row);
      } else jobLog.warn("job finished after its lease was lost; result not recorded");
    } catch (err) {
      await progress.flush().catch(() => {});
      clearInterval(heartbeat);
      const permanent = err instanceof PermanentJobError;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_CHARS) || "failed";
      try {
        const row = await sql.fail(db, job.id, workerId, { error: message, permanent, retryDelayMs: backoff(job.attempts) });
        if (row) {
          if (row.status === "failed") jobLog.warn({ err, permanent }, `${name} job failed`);
          else jobLog.info({ err: message, runAfter: row.runAfter }, `${name} job attempt failed; will retry`);
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
      log.info({ pollMs, concurrency, leaseMs }, `${name} job worker started`);
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
      log.info(`${name} job worker stopped`);
    },
    wake() {
      schedule(0);
    },
  };
}
