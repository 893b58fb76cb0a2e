import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createInProcessPubSub, createLogger, type JobEvent, type JobWorker } from "@matchgraph/subgraph-kit";
import { INGESTION_PROGRESS, ingestionQueue } from "../src/service/jobs.js";
import { toIngestionJob } from "../src/schema/jobs.js";

// The queue itself (claims, leases, retries, progress, results) is tested in the kit
// (subgraphs/kit/test/jobs.test.ts); here: what is particular to knowledge's ingestion queue.

const log = createLogger("jobs-test", "silent");
const eventually = { timeout: 15_000, interval: 25 };

describe.each<DbKind>(["pglite", "postgres"])("the ingestion job queue on %s", (kind) => {
  let db: TestDatabase;
  const workers: JobWorker[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    await db.prisma.$executeRaw`DELETE FROM knowledge.ingestion_job`;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  const newSource = async () => {
    const [row] = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO knowledge.source (title, mime_type, content_hash) VALUES ('A doc', 'text/plain', 'hash') RETURNING id`;
    return row!.id;
  };

  it("keeps its jobs in knowledge.ingestion_job, with the ingested source as their subject", async () => {
    const sourceId = await newSource();
    const pubSub = createInProcessPubSub();
    const published: unknown[] = [];
    const subscription = pubSub.subscribe(INGESTION_PROGRESS);
    void (async () => {
      for await (const e of subscription) published.push(e);
    })();
    const events: JobEvent[] = [];
    const job = await ingestionQueue.enqueue(db, { kind: "document", payload: { title: "A doc" }, document: "the text" });
    const worker = ingestionQueue.createWorker({
      db,
      log,
      pubSub,
      pollMs: 20,
      progressIntervalMs: 0,
      onProgress: (e) => events.push(e),
      handler: async (_j, ctx) => {
        await ctx.setSubjectId(sourceId);
        ctx.progress("store", 1, 1);
        return { subjectId: sourceId, result: { chunks: 3 } };
      },
    });
    workers.push(worker);
    worker.start();

    await vi.waitFor(async () => expect((await ingestionQueue.get(db, job.id))?.status).toBe("done"), eventually);
    const [raw] = await db.prisma.$queryRaw<{ subject_id: string; result: unknown }[]>`
      SELECT subject_id::text AS subject_id, result FROM knowledge.ingestion_job WHERE id = ${job.id}::uuid`;
    expect(raw?.subject_id).toBe(sourceId);
    const row = (await ingestionQueue.get(db, job.id))!;
    expect(row).toMatchObject({ subjectId: sourceId, result: { chunks: 3 } });
    // GraphQL keeps calling the subject sourceId.
    expect(toIngestionJob(row)).toMatchObject({ id: job.id, status: "done", sourceId });
    expect(events.filter((e) => e.progress?.stage === "store").every((e) => e.subjectId === sourceId)).toBe(true);
    await vi.waitFor(() => expect(published.at(-1)).toEqual({ id: job.id, subjectId: sourceId }), eventually);
    await pubSub.close();
  });

  it("refuses a subject that is not a knowledge source (foreign key); a deleted source leaves the job without one", async () => {
    const job = await ingestionQueue.enqueue(db, { kind: "document", maxAttempts: 1 });
    const worker = ingestionQueue.createWorker({
      db,
      log,
      pollMs: 20,
      handler: async (_j, ctx) => {
        await ctx.setSubjectId(randomUUID());
      },
    });
    workers.push(worker);
    worker.start();
    await vi.waitFor(async () => expect((await ingestionQueue.get(db, job.id))?.status).toBe("failed"), eventually);
    expect(await ingestionQueue.get(db, job.id)).toMatchObject({ subjectId: null, attempts: 1 });
    // No worker may claim the next job while the test reads it back.
    await worker.stop();

    const sourceId = await newSource();
    const kept = await ingestionQueue.enqueue(db, { kind: "document", subjectId: sourceId });
    await db.prisma.$executeRaw`DELETE FROM knowledge.source WHERE id = ${sourceId}::uuid`;
    expect(await ingestionQueue.get(db, kept.id)).toMatchObject({ subjectId: null, status: "queued" });
  });
});
