import { Prisma, type Database } from "@matchgraph/db";

/**
 * SQL of a durable job queue, generic over its table. Every table given here has the same shape
 * (see `knowledge.ingestion_job` and `opportunities.job` in the migrations): id, status, kind,
 * payload, document, subject_id, attempts, max_attempts, run_after, locked_by, locked_at,
 * progress, last_error, result, created_at, updated_at, finished_at.
 *
 * Every statement is a single auto-committed statement: no interactive transaction is held while
 * a job runs (PGlite is one connection), and the claim is atomic on its own (`FOR UPDATE SKIP
 * LOCKED` in a sub-select). The table is an SQL fragment written in code (checked by
 * {@link checkJobTable}); every value is a bind parameter.
 */

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
  /** What the job is about (for knowledge: the ingested source), once known. */
  subjectId: string | null;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  lockedBy: string | null;
  lockedAt: Date | null;
  /** Last recorded progress; a handler may read it on a claimed row as a checkpoint to resume from. */
  progress: JobProgress | null;
  lastError: string | null;
  /** What the handler returned as its result, stored when the job is done. */
  result: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A claimed job carries its document, so that the handler can redo the work from the row alone. */
export interface ClaimedJobRow extends JobRow {
  document: Uint8Array | null;
}

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  document: Uint8Array | null;
  subjectId: string | null;
  maxAttempts: number;
  delayMs: number;
}

export interface JobFailure {
  error: string;
  permanent: boolean;
  retryDelayMs: number;
}

/** The statements of one job table. */
export interface JobSql {
  insert(db: Database, job: NewJob): Promise<JobRow>;
  findByIds(db: Database, ids: readonly string[]): Promise<JobRow[]>;
  /** Jobs of a kind not finished yet (queued or running), oldest first. */
  findPending(db: Database, kind: string): Promise<JobRow[]>;
  /**
   * Claims the oldest runnable job for `workerId`: a queued job that is due, or a running job whose
   * lease expired (its worker crashed or was restarted). One statement; concurrent claimers skip
   * rows another claimer holds, so no job is claimed twice.
   */
  claim(db: Database, workerId: string, leaseMs: number): Promise<ClaimedJobRow | null>;
  /**
   * Renews the lease of a job this worker holds and, when given, records its progress. False when
   * the worker no longer holds the job (its lease expired and another worker claimed it).
   */
  touch(db: Database, id: string, workerId: string, progress: JobProgress | null): Promise<boolean>;
  /** Records the job's subject on a job this worker holds; false when it no longer holds it. */
  setSubject(db: Database, id: string, workerId: string, subjectId: string): Promise<boolean>;
  /** Marks a job this worker holds done, with its result (JSON text or null); null when it no longer holds it. */
  complete(db: Database, id: string, workerId: string, outcome: { subjectId: string | null; resultJson: string | null }): Promise<JobRow | null>;
  /**
   * Records a failed attempt of a job this worker holds: back to 'queued' after `retryDelayMs`
   * while attempts remain and the error is retryable, else 'failed' for good. Null when the worker
   * no longer holds the job.
   */
  fail(db: Database, id: string, workerId: string, failure: JobFailure): Promise<JobRow | null>;
  /**
   * Puts every 'running' job back in the queue at once (their attempt still counts). Only for a
   * process that knows it is the queue's sole worker, e.g. the embedded topology at start-up (one
   * process owns a PGlite data directory): the jobs it finds running were cut off by its own restart.
   */
  requeueRunning(db: Database): Promise<number>;
}

const IDENTIFIER = String.raw`(?:[A-Za-z_][A-Za-z0-9_]*|"[^"\x00]+")`;
const TABLE_NAME = new RegExp(`^${IDENTIFIER}(?:\\.${IDENTIFIER})?$`);

/**
 * The table must be a constant fragment naming a table (`Prisma.sql\`schema.table\``): no bind
 * values (a table name cannot be one) and nothing but a (schema-qualified) identifier. Returns its
 * SQL text.
 */
export function checkJobTable(table: Prisma.Sql): string {
  const text = table.strings.join("").trim();
  if (table.values.length > 0 || !TABLE_NAME.test(text)) {
    throw new Error(`A job table must be a constant (schema-qualified) table name, got: ${table.sql}`);
  }
  return text;
}

interface RawJob {
  id: string;
  status: JobStatus;
  kind: string;
  payload: unknown;
  document?: Uint8Array | null;
  subject_id: string | null;
  attempts: number;
  max_attempts: number;
  run_after: Date;
  locked_by: string | null;
  locked_at: Date | null;
  progress: unknown;
  last_error: string | null;
  result: unknown;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** Columns read back everywhere but the claim: the document may be megabytes. Constants only. */
const COLUMN_NAMES = [
  "id",
  "status",
  "kind",
  "payload",
  "subject_id",
  "attempts",
  "max_attempts",
  "run_after",
  "locked_by",
  "locked_at",
  "progress",
  "last_error",
  "result",
  "created_at",
  "updated_at",
  "finished_at",
] as const;
const columns = (alias = "") => Prisma.raw(COLUMN_NAMES.map((c) => `${alias}${c}`).join(", "));
const COLUMNS = columns();
const J_COLUMNS = columns("j.");

const json = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

function toRow(raw: RawJob): JobRow {
  return {
    id: raw.id,
    status: raw.status,
    kind: raw.kind,
    payload: (json(raw.payload) ?? {}) as Record<string, unknown>,
    subjectId: raw.subject_id,
    attempts: raw.attempts,
    maxAttempts: raw.max_attempts,
    runAfter: raw.run_after,
    lockedBy: raw.locked_by,
    lockedAt: raw.locked_at,
    progress: (json(raw.progress) ?? null) as JobProgress | null,
    lastError: raw.last_error,
    result: (json(raw.result) ?? null) as Record<string, unknown> | null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    finishedAt: raw.finished_at,
  };
}

const ms = (value: number) => Prisma.sql`(${value}::double precision * interval '1 millisecond')`;

/** The statements of the job table `table` (a constant fragment, see {@link checkJobTable}). */
export function jobSql(table: Prisma.Sql): JobSql {
  checkJobTable(table);
  return {
    async insert(db, job) {
      const document = job.document ? Buffer.from(job.document.buffer, job.document.byteOffset, job.document.byteLength) : null;
      const [raw] = await db.prisma.$queryRaw<RawJob[]>`
        INSERT INTO ${table} (kind, payload, document, subject_id, max_attempts, run_after)
        VALUES (${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${document}, ${job.subjectId}::uuid, ${job.maxAttempts}, now() + ${ms(job.delayMs)})
        RETURNING ${COLUMNS}`;
      return toRow(raw!);
    },

    async findPending(db, kind) {
      const rows = await db.prisma.$queryRaw<RawJob[]>`
        SELECT ${COLUMNS} FROM ${table} WHERE kind = ${kind} AND status IN ('queued', 'running') ORDER BY created_at, id`;
      return rows.map(toRow);
    },

    async findByIds(db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.prisma.$queryRaw<RawJob[]>`SELECT ${COLUMNS} FROM ${table} WHERE id = ANY(${[...ids]}::uuid[])`;
      return rows.map(toRow);
    },

    async claim(db, workerId, leaseMs) {
      const [raw] = await db.prisma.$queryRaw<RawJob[]>`
        UPDATE ${table}
        SET status = 'running', locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1, updated_at = now()
        WHERE id = (
          SELECT id FROM ${table}
          WHERE (status = 'queued' AND run_after <= now())
             OR (status = 'running' AND locked_at < now() - ${ms(leaseMs)})
          ORDER BY created_at
          FOR UPDATE SKIP LOCKED
          LIMIT 1
        )
        RETURNING ${COLUMNS}, document`;
      return raw ? { ...toRow(raw), document: raw.document ?? null } : null;
    },

    async touch(db, id, workerId, progress) {
      const count = progress
        ? await db.prisma.$executeRaw`
            UPDATE ${table} SET locked_at = now(), updated_at = now(), progress = ${JSON.stringify(progress)}::jsonb
            WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}`
        : await db.prisma.$executeRaw`
            UPDATE ${table} SET locked_at = now()
            WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}`;
      return count > 0;
    },

    async setSubject(db, id, workerId, subjectId) {
      const count = await db.prisma.$executeRaw`
        UPDATE ${table} SET subject_id = ${subjectId}::uuid, updated_at = now()
        WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}`;
      return count > 0;
    },

    async complete(db, id, workerId, { subjectId, resultJson }) {
      const [raw] = await db.prisma.$queryRaw<RawJob[]>`
        UPDATE ${table}
        SET status = 'done', subject_id = coalesce(${subjectId}::uuid, subject_id), result = ${resultJson}::jsonb,
            locked_by = NULL, locked_at = NULL, last_error = NULL, finished_at = now(), updated_at = now()
        WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}
        RETURNING ${COLUMNS}`;
      return raw ? toRow(raw) : null;
    },

    async fail(db, id, workerId, failure) {
      const [raw] = await db.prisma.$queryRaw<RawJob[]>`
        WITH decision AS (
          SELECT id, (${failure.permanent}::boolean OR attempts >= max_attempts) AS give_up FROM ${table}
          WHERE id = ${id}::uuid AND status = 'running' AND locked_by = ${workerId}
        )
        UPDATE ${table} j
        SET status = CASE WHEN d.give_up THEN 'failed' ELSE 'queued' END,
            run_after = CASE WHEN d.give_up THEN j.run_after ELSE now() + ${ms(failure.retryDelayMs)} END,
            finished_at = CASE WHEN d.give_up THEN now() END,
            last_error = ${failure.error}, locked_by = NULL, locked_at = NULL, updated_at = now()
        FROM decision d
        WHERE j.id = d.id
        RETURNING ${J_COLUMNS}`;
      return raw ? toRow(raw) : null;
    },

    requeueRunning(db) {
      return db.prisma.$executeRaw`
        UPDATE ${table} SET status = 'queued', locked_by = NULL, locked_at = NULL, run_after = now(), updated_at = now()
        WHERE status = 'running'`;
    },
  };
}
