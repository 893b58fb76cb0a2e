import type DataLoader from "dataloader";
import { z } from "zod";
import type { Database, Prisma } from "@matchgraph/db";
import type { SubgraphContext } from "../context.js";
import { byIdLoader } from "../loaders.js";
import { isUuid, parseInput, uuid } from "../validation.js";
import { checkJobTable, jobSql, type JobRow } from "./sql.js";
import { createJobWorker, type JobWorker, type JobWorkerOptions } from "./worker.js";

/**
 * Durable jobs. A job row holds its input (a small JSON payload and, when the work needs one, a
 * document's bytes), so any process can (re)do it: `enqueue` writes the row, a worker created by
 * `createWorker` claims it, runs the handler and records the outcome (see ./worker.ts). Each
 * subgraph has its own queue on its own table; every queue table has the same shape (./sql.ts).
 */

export const MAX_JOB_PAYLOAD_BYTES = 16 * 1024;
export const MAX_JOB_DOCUMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ATTEMPTS = 5;

const enqueueSchema = z.object({
  kind: z.string().trim().min(1).max(64),
  payload: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_JOB_PAYLOAD_BYTES, `must be at most ${MAX_JOB_PAYLOAD_BYTES} bytes of JSON`),
  document: z
    .union([z.string(), z.instanceof(Uint8Array)])
    .nullish()
    .transform((d) => (d == null ? null : typeof d === "string" ? Buffer.from(d, "utf8") : d))
    .refine((d) => d === null || d.byteLength <= MAX_JOB_DOCUMENT_BYTES, `must be at most ${MAX_JOB_DOCUMENT_BYTES} bytes`),
  subjectId: uuid("subjectId").nullish().transform((v) => v ?? null),
  maxAttempts: z.number().int().min(1).max(50).default(DEFAULT_MAX_ATTEMPTS),
  /** Run no earlier than this many milliseconds from now. */
  delayMs: z.number().int().min(0).max(7 * 24 * 3_600_000).default(0),
});

export type EnqueueJobInput = z.input<typeof enqueueSchema>;

export interface JobQueueOptions {
  /** For logs, e.g. "ingestion". */
  name: string;
  /** The queue's table, a constant fragment written in code, e.g. Prisma.sql`knowledge.ingestion_job`; never user input. */
  table: Prisma.Sql;
  /** Pub/sub topic of the queue's job events (payload: {@link JobTopicEvent}). */
  topic: string;
}

export interface JobQueue {
  readonly name: string;
  /** Pub/sub topic of job events; the payload is a {@link JobTopicEvent} (ids only). */
  readonly topic: string;
  /**
   * Stores a job (one INSERT) and returns it. `payload` is small JSON (at most 16 KiB: titles,
   * uris, options …); `document` (text or bytes) is what the handler works on, kept so that a
   * restart can redo it. Call the local worker's `wake()` afterwards to start it without waiting
   * for the next poll. Bad input is BAD_USER_INPUT.
   */
  enqueue(db: Database, input: EnqueueJobInput): Promise<JobRow>;
  /** A job by id; null when there is none (or `id` is not a UUID). */
  get(db: Database, id: string): Promise<JobRow | null>;
  /** Jobs of a kind that are queued or running, oldest first (e.g. to keep one scheduled run). */
  pending(db: Database, kind: string): Promise<JobRow[]>;
  /** The request's DataLoader of jobs by id. */
  loader(ctx: Pick<SubgraphContext, "db" | "loader">): DataLoader<string, JobRow | null>;
  /**
   * Embedded topology (PGlite: one process owns the database) at start-up, before a worker's
   * `start()`: jobs left 'running' were cut off by this process's own restart, so they are queued
   * again now rather than after their lease runs out. Never call it where other processes run
   * workers (PostgreSQL, distributed): their running jobs are alive, and expired leases already
   * bring back dead ones. Returns how many jobs were queued again.
   */
  recoverInterrupted(db: Database): Promise<number>;
  /** A worker of this queue; publishes on {@link JobQueue.topic} when given a pubSub. */
  createWorker(options: JobWorkerOptions): JobWorker;
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { name, topic } = options;
  const tableName = checkJobTable(options.table);
  const sql = jobSql(options.table);
  const loaderKey = `jobs:${tableName}`;
  return {
    name,
    topic,
    async enqueue(db, input) {
      return sql.insert(db, parseInput(enqueueSchema, input));
    },
    async get(db, id) {
      if (!isUuid(id)) return null;
      const [row] = await sql.findByIds(db, [id]);
      return row ?? null;
    },
    pending(db, kind) {
      return sql.findPending(db, kind);
    },
    loader(ctx) {
      return byIdLoader(ctx, loaderKey, (ids) => sql.findByIds(ctx.db, ids));
    },
    recoverInterrupted(db) {
      return sql.requeueRunning(db);
    },
    createWorker(workerOptions) {
      return createJobWorker({ name, topic, sql }, workerOptions);
    },
  };
}
