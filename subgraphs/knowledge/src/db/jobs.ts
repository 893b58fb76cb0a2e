import { Prisma, type Database } from "@matchgraph/db";

/**
 * SQL of the durable ingestion jobs (`knowledge.ingestion_job`). Every statement is a single
 * auto-committed statement: no interactive transaction is held while a job runs (PGlite is one
 * connection), and the claim is atomic on its own (`FOR UPDATE SKIP LOCKED` in a sub-select).
 */
export const JOB_TABLE = Prisma.sql`knowledge.ingestion_job`;

export type JobStatus = "queued" | "running" | "done" | "failed";
export const JOB_STATUSES: readonly JobStatus[] = ["queued", "running", "done", "failed"];

export interface JobProgress {
  stage: string;
  done: number;
  total: number;
}

/** A job as read back for callers (without the document bytes). */
export interface JobRow {
  id: string;
  status: JobStatus;
  kind: string;
  payload: Record<string, unknown>;
  sourceId: string | null;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  lockedBy: string | null;
  lockedAt: Date | null;
  progress: JobProgress | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A claimed job carries its document, so that the handler can redo the work from the row alone. */
export interface ClaimedJobRow extends JobRow {
  document: Uint8Array | null;
}

interface RawJob {
  id: string;
  status: JobStatus;
  kind: string;
  payload: unknown;
  document?: Uint8Array | null;
  source_id: string | null;
  attempts: number;
  max_attempts: number;
  run_after: Date;
  locked_by: string | null;
  locked_at: Date | null;
  progress: unknown;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** Columns read back everywhere but the claim: the document may be megabytes. */
const COLUMNS = Prisma.sql`id, status, kind, payload, source_id, attempts, max_attempts, run_after, locked_by, locked_at,
  progress, last_error, created_at, updated_at, finished_at`;

const json = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

function toRow(raw: RawJob): JobRow {
  return {
    id: raw.id,
    status: raw.status,
    kind: raw.kind,
    payload: (json(raw.payload) ?? {}) as Record<string, unknown>,
    sourceId: raw.source_id,
    attempts: raw.attempts,
    maxAttempts: raw.max_attempts,
    runAfter: raw.run_after,
    lockedBy: raw.locked_by,
    lockedAt: raw.locked_at,
    progress: (json(raw.progress) ?? null) as JobProgress | null,
    lastError: raw.last_error,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    finishedAt: raw.finished_at,
  };
}

const ms = (value: number) => Prisma.sql`(${value}::double precision * interval '1 millisecond')`;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  document: Uint8Array | null;
  sourceId: string | null;
  maxAttempts: number;
  delayMs: number;
}

export async function insertJob(db: Database, job: NewJob): Promise<JobRow> {
  const document = job.document ? Buffer.from(job.document.buffer, job.document.byteOffset, job.document.byteLength) : null;
  const [raw] = await db.prisma.$queryRaw<RawJob[]>`
    INSERT INTO ${JOB_TABLE} (kind, payload, document, source_id, max_attempts, run_after)
    VALUES (${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${document}, ${job.sourceId}::uuid, ${job.maxAttempts}, now() + ${ms(job.delayMs)})
    RETURNING ${COLUMNS}`;
  return toRow(raw!);
}

export async function findJobsByIds(db: Database, ids: readonly string[]): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.$queryRaw<RawJob[]>`SELECT ${COLUMNS} FROM ${JOB_TABLE} WHERE id = ANY(${[...ids]}::uuid[])`;
  return rows.map(toRow);
}

/**
 * Claims the oldest runnable job for `workerId`: a queued job that is due, or a running job whose
 * lease expired (its worker crashed or was restarted). One statement; concurrent claimers skip
 * rows another claimer holds, so no job is claimed twice.
 */
export async function claimJob(db: Database, workerId: string, leaseMs: number): Promise<ClaimedJobRow | null> {
  const [raw] = await db.prisma.$queryRaw<RawJob[]>`
    UPDATE ${JOB_TABLE}
    SET status = 'running', locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1, updated_at = now()
    WHERE id = (
      SELECT id FROM ${JOB_TABLE}
      WHERE (status = 'queued' AND run_after <= now())
         OR (status = 'running' AND locked_at < now() - ${ms(leaseMs)})
      ORDER BY created_at
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    )
    RETURNING ${COLUMNS}, document`;
  return raw ? { ...toRow(raw), document: raw.document ?? null } : null;
}

/**
 * Renews the lease of a job this worker holds and, when given, records its progress. False when
 * the worker no longer holds the job (its lease expired and another worker claimed it).
 */
export async function touchJob(db: Database, id: string, workerId: string, progress: JobProgress | null): Promise<boolean> {
  const count = progress
    ? await db.prisma.$executeRaw`
        UPDATE ${JOB_TABLE} SET locked_at = now(), updated_at = now(), progress = ${JSON.stringify(progress)}::jsonb
        WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}`
    : await db.prisma.$executeRaw`
        UPDATE ${JOB_TABLE} SET locked_at = now()
        WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}`;
  return count > 0;
}

export async function setJobSource(db: Database, id: string, workerId: string, sourceId: string): Promise<boolean> {
  const count = await db.prisma.$executeRaw`
    UPDATE ${JOB_TABLE} SET source_id = ${sourceId}::uuid, updated_at = now()
    WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}`;
  return count > 0;
}

/** Marks a job this worker holds done; null when it no longer holds it. */
export async function completeJob(db: Database, id: string, workerId: string, sourceId: string | null): Promise<JobRow | null> {
  const [raw] = await db.prisma.$queryRaw<RawJob[]>`
    UPDATE ${JOB_TABLE}
    SET status = 'done', source_id = coalesce(${sourceId}::uuid, source_id), locked_by = NULL, locked_at = NULL,
        last_error = NULL, finished_at = now(), updated_at = now()
    WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}
    RETURNING ${COLUMNS}`;
  return raw ? toRow(raw) : null;
}

/**
 * Records a failed attempt of a job this worker holds: back to 'queued' after `retryDelayMs`
 * while attempts remain and the error is retryable, else 'failed' for good. Null when the worker
 * no longer holds the job.
 */
export async function failJob(
  db: Database,
  id: string,
  workerId: string,
  failure: { error: string; permanent: boolean; retryDelayMs: number },
): Promise<JobRow | null> {
  const [raw] = await db.prisma.$queryRaw<RawJob[]>`
    WITH decision AS (
      SELECT id, (${failure.permanent}::boolean OR attempts >= max_attempts) AS give_up FROM ${JOB_TABLE}
      WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}
    )
    UPDATE ${JOB_TABLE} j
    SET status = CASE WHEN d.give_up THEN 'failed' ELSE 'queued' END,
        run_after = CASE WHEN d.give_up THEN j.run_after ELSE now() + ${ms(failure.retryDelayMs)} END,
        finished_at = CASE WHEN d.give_up THEN now() END,
        last_error = ${failure.error}, locked_by = NULL, locked_at = NULL, updated_at = now()
    FROM decision d
    WHERE j.id = d.id
    RETURNING ${Prisma.sql`j.id, j.status, j.kind, j.payload, j.source_id, j.attempts, j.max_attempts, j.run_after, j.locked_by,
      j.locked_at, j.progress, j.last_error, j.created_at, j.updated_at, j.finished_at`}`;
  return raw ? toRow(raw) : null;
}

/**
 * Puts every 'running' job back in the queue at once (their attempt still counts). Only for a
 * process that knows it is the queue's sole worker, e.g. the embedded topology at start-up (one
 * process owns a PGlite data directory): the jobs it finds running were cut off by its own restart.
 */
export async function requeueRunningJobs(db: Database): Promise<number> {
  return db.prisma.$executeRaw`
    UPDATE ${JOB_TABLE} SET status = 'queued', locked_by = NULL, locked_at = NULL, run_after = now(), updated_at = now()
    WHERE status = 'running'`;
}
