import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Prisma, createTestDatabase, openDatabase, type Database, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createInProcessPubSub } from "../src/pubsub.js";
import { createLoaderRegistry } from "../src/context.js";
import { createLogger } from "../src/logger.js";
import {
  PermanentJobError,
  createJobQueue,
  retryDelayMs,
  type JobEvent,
  type JobHandler,
  type JobQueue,
  type JobWorker,
  type JobWorkerOptions,
} from "../src/jobs/index.js";
import { checkJobTable, jobSql } from "../src/jobs/sql.js";

const log = createLogger("jobs-test", "silent");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventually = { timeout: 15_000, interval: 25 };

const TABLE = Prisma.sql`opportunities.job`;
const TOPIC = "test.jobs";
const queue = createJobQueue({ name: "test", table: TABLE, topic: TOPIC });
/** The queue's statements, to play a worker that claims a job and dies. */
const sql = jobSql(TABLE);

describe("retryDelayMs", () => {
  it("grows as 2^attempts seconds with jitter between half and all of it, capped at 5 minutes", () => {
    expect(retryDelayMs(1, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, () => 1)).toBe(2_000);
    expect(retryDelayMs(3, () => 1)).toBe(8_000);
    expect(retryDelayMs(4, () => 0)).toBeGreaterThan(retryDelayMs(3, () => 1) - 1);
    expect(retryDelayMs(30, () => 1)).toBe(300_000);
    expect(retryDelayMs(30, () => 0)).toBe(150_000);
  });
});

describe("createJobQueue", () => {
  it("takes a constant table name only", () => {
    expect(checkJobTable(Prisma.sql`knowledge.ingestion_job`)).toBe("knowledge.ingestion_job");
    expect(checkJobTable(Prisma.sql`"opportunities"."job"`)).toBe(`"opportunities"."job"`);
    const name = "opportunities.job";
    expect(() => createJobQueue({ name: "x", table: Prisma.sql`${name}`, topic: "t" })).toThrow(/constant/);
    expect(() => createJobQueue({ name: "x", table: Prisma.raw("opportunities.job; DROP TABLE x"), topic: "t" })).toThrow(/constant/);
    expect(() => createJobQueue({ name: "x", table: Prisma.empty, topic: "t" })).toThrow(/constant/);
  });
});

describe.each<DbKind>(["pglite", "postgres"])("durable jobs on %s", (kind) => {
  let db: TestDatabase;
  const workers: JobWorker[] = [];
  const extraDbs: Database[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    for (const extra of extraDbs) await extra.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await db.prisma.$executeRaw`DELETE FROM opportunities.job`;
    await db.prisma.$executeRaw`DELETE FROM knowledge.ingestion_job`;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  const worker = (handler: JobHandler, opts: Partial<JobWorkerOptions> = {}, on: JobQueue = queue) => {
    const w = on.createWorker({ db, log, handler, pollMs: 20, leaseMs: 2_000, progressIntervalMs: 10, ...opts });
    workers.push(w);
    w.start();
    return w;
  };
  const statusOf = async (id: string, on: JobQueue = queue) => (await on.get(db, id))?.status;

  it("stores the payload and the document; refuses bad input", async () => {
    const job = await queue.enqueue(db, { kind: "import", payload: { title: "T", tags: ["a"] }, document: "héllo" });
    expect(job).toMatchObject({ status: "queued", kind: "import", attempts: 0, maxAttempts: 5, payload: { title: "T", tags: ["a"] }, subjectId: null, result: null });
    const [raw] = await db.prisma.$queryRaw<{ document: Uint8Array }[]>`SELECT document FROM opportunities.job WHERE id = ${job.id}::uuid`;
    expect(Buffer.from(raw!.document).toString("utf8")).toBe("héllo");
    await expect(queue.enqueue(db, { kind: "import", payload: { big: "x".repeat(20_000) } })).rejects.toThrow(/at most/);
    await expect(queue.enqueue(db, { kind: "import", subjectId: "nope" })).rejects.toThrow(/UUID/);
    await expect(queue.enqueue(db, { kind: " " })).rejects.toThrow();
    const subjectId = randomUUID();
    expect(await queue.enqueue(db, { kind: "match", subjectId, maxAttempts: 2 })).toMatchObject({ subjectId, maxAttempts: 2 });
  });

  it("reads jobs by id and through the request's loader", async () => {
    const a = await queue.enqueue(db, { kind: "a" });
    const b = await queue.enqueue(db, { kind: "b" });
    expect(await queue.get(db, "nope")).toBeNull();
    expect(await queue.get(db, randomUUID())).toBeNull();
    const ctx = { db, loader: createLoaderRegistry().loader };
    const rows = await Promise.all([a.id, b.id, "nope", randomUUID()].map((id) => queue.loader(ctx).load(id)));
    expect(rows.map((r) => r?.kind ?? null)).toEqual(["a", "b", null, null]);
  });

  it("runs a job to done, recording progress, the subject and the result", async () => {
    const subjectId = randomUUID();
    const pubSub = createInProcessPubSub();
    const published: unknown[] = [];
    const subscription = pubSub.subscribe(TOPIC);
    void (async () => {
      for await (const e of subscription) published.push(e);
    })();
    const events: JobEvent[] = [];
    const seen: string[] = [];
    const job = await queue.enqueue(db, { kind: "import", payload: { title: "A doc" }, document: Buffer.from("the bytes") });
    worker(
      async (claimed, ctx) => {
        seen.push(Buffer.from(claimed.document!).toString("utf8"));
        for (let i = 0; i <= 5; i++) {
          ctx.progress("embed", i, 5);
          await sleep(15);
        }
        ctx.progress("store", 1, 1);
        return { subjectId, result: { imported: 41, badRows: [{ line: 7, error: "no name" }] } };
      },
      { onProgress: (e) => events.push(e), pubSub },
    ).wake();

    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("done"), eventually);
    const done = (await queue.get(db, job.id))!;
    expect(done).toMatchObject({
      subjectId,
      attempts: 1,
      lastError: null,
      lockedBy: null,
      progress: { stage: "store", done: 1, total: 1 },
      result: { imported: 41, badRows: [{ line: 7, error: "no name" }] },
    });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(seen).toEqual(["the bytes"]);
    expect(events[0]).toMatchObject({ id: job.id, status: "running" });
    expect(events.some((e) => e.progress?.stage === "embed")).toBe(true);
    expect(events.at(-1)).toMatchObject({ id: job.id, status: "done", subjectId });
    await vi.waitFor(() => expect(published.at(-1)).toEqual({ id: job.id, subjectId }), eventually);
    await pubSub.close();
  });

  it("stores no result when the handler returns none; setSubjectId is seen before the job is done", async () => {
    const subjectId = randomUUID();
    const events: JobEvent[] = [];
    const job = await queue.enqueue(db, { kind: "k" });
    worker(
      async (_j, ctx) => {
        await ctx.setSubjectId(subjectId);
        ctx.progress("work", 1, 1);
      },
      { onProgress: (e) => events.push(e) },
    );
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("done"), eventually);
    expect(await queue.get(db, job.id)).toMatchObject({ subjectId, result: null });
    expect(events.find((e) => e.status === "running" && e.progress?.stage === "work")).toMatchObject({ subjectId });
  });

  it("fails a job at once when the handler names a subject that is not a UUID or returns a result that is not JSON", async () => {
    const a = await queue.enqueue(db, { kind: "bad-subject" });
    const b = await queue.enqueue(db, { kind: "bad-result" });
    worker(async (j, ctx) => {
      if (j.kind === "bad-subject") await ctx.setSubjectId("nope");
      return { result: { n: 1n } };
    });
    await vi.waitFor(async () => expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(["failed", "failed"]), eventually);
    expect(await queue.get(db, a.id)).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/subjectId must be a UUID/) });
    expect(await queue.get(db, b.id)).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/not JSON/), result: null });
  });

  it("retries a failing job with growing run_after and fails it after max attempts", async () => {
    let calls = 0;
    const delays: number[] = [];
    const job = await queue.enqueue(db, { kind: "k", maxAttempts: 3 });
    worker(
      async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
      {
        backoffMs: (attempts) => attempts * 150,
        onProgress: (e) => {
          if (e.status !== "queued") return;
          void queue.get(db, e.id).then((row) => row && delays.push(row.runAfter.getTime() - row.updatedAt.getTime()));
        },
      },
    );

    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("failed"), eventually);
    const failed = (await queue.get(db, job.id))!;
    expect(failed).toMatchObject({ attempts: 3, lastError: "boom 3", lockedBy: null, result: null });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(3);
    expect(delays).toEqual([150, 300]);
  });

  it("fails a job at once on PermanentJobError", async () => {
    let calls = 0;
    const job = await queue.enqueue(db, { kind: "k" });
    worker(async () => {
      calls++;
      throw new PermanentJobError("not a CSV");
    });
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("failed"), eventually);
    expect(await queue.get(db, job.id)).toMatchObject({ attempts: 1, lastError: "not a CSV" });
    expect(calls).toBe(1);
  });

  it("finishes a job that a crashed worker left running once its lease expires, from its last progress (restart)", async () => {
    const job = await queue.enqueue(db, { kind: "k", document: "redo me" });
    // Worker A claims the job, records a checkpoint and dies: nothing renews the lease, nothing records an outcome.
    const claimed = await sql.claim(db, "worker-A", 60_000);
    expect(claimed).toMatchObject({ id: job.id, status: "running", lockedBy: "worker-A", attempts: 1, progress: null });
    expect(await sql.touch(db, job.id, "worker-A", { stage: "import", done: 300, total: 1000 })).toBe(true);

    const runs: string[] = [];
    worker(
      async (j, ctx) => {
        runs.push(`${ctx.workerId}:${Buffer.from(j.document!).toString()}:${j.progress?.stage}@${j.progress?.done}`);
        return {};
      },
      { workerId: "worker-B", leaseMs: 300 },
    );
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("done"), eventually);
    expect(runs).toEqual(["worker-B:redo me:import@300"]);
    expect(await queue.get(db, job.id)).toMatchObject({ attempts: 2, lockedBy: null });
    // The dead worker no longer holds it.
    expect(await sql.touch(db, job.id, "worker-A", null)).toBe(false);
  });

  it("recoverInterrupted queues running jobs again at once (embedded start-up)", async () => {
    const job = await queue.enqueue(db, { kind: "k" });
    await sql.claim(db, "worker-A", 60_000);
    expect(await queue.recoverInterrupted(db)).toBe(1);
    expect(await queue.get(db, job.id)).toMatchObject({ status: "queued", lockedBy: null, attempts: 1 });
    worker(async () => ({}), { leaseMs: 60_000 });
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("done"), eventually);
    expect((await queue.get(db, job.id))?.attempts).toBe(2);
  });

  it("gives a job up when its workers keep dying past max attempts", async () => {
    const job = await queue.enqueue(db, { kind: "k", maxAttempts: 1 });
    await sql.claim(db, "worker-A", 60_000);
    await db.prisma.$executeRaw`UPDATE opportunities.job SET locked_at = now() - interval '1 hour' WHERE id = ${job.id}::uuid`;
    let calls = 0;
    worker(async () => {
      calls++;
    });
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("failed"), eventually);
    expect((await queue.get(db, job.id))?.lastError).toMatch(/gave up after 1 attempts/);
    expect(calls).toBe(0);
  });

  it("never runs one job on two workers", async () => {
    const calls = new Map<string, number>();
    const handler: JobHandler = async (j) => {
      calls.set(j.id, (calls.get(j.id) ?? 0) + 1);
      await sleep(10);
    };
    const jobs = await Promise.all(Array.from({ length: 16 }, (_, i) => queue.enqueue(db, { kind: "k", payload: { i } })));
    for (let w = 0; w < 3; w++) {
      // On PostgreSQL each worker has its own pool; PGlite is one connection shared in-process.
      const own = kind === "postgres" ? await openDatabase({ databaseUrl: db.url! }) : await openDatabase({ pglite: db.pglite! });
      extraDbs.push(own);
      worker(handler, { db: own, concurrency: 3, workerId: `w${w}`, pollMs: 5 });
    }
    await vi.waitFor(async () => {
      const [row] = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opportunities.job WHERE status = 'done'`;
      expect(row!.n).toBe(jobs.length);
    }, eventually);
    expect([...calls.keys()].sort()).toEqual(jobs.map((j) => j.id).sort());
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it("keeps the lease of a long job alive, so another worker does not take it over", async () => {
    const job = await queue.enqueue(db, { kind: "k" });
    let calls = 0;
    const handler: JobHandler = async () => {
      calls++;
      await sleep(1_200);
    };
    worker(handler, { workerId: "slow", leaseMs: 400 });
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("running"), eventually);
    worker(handler, { workerId: "other", leaseMs: 400 });
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("done"), eventually);
    expect(calls).toBe(1);
    expect((await queue.get(db, job.id))?.attempts).toBe(1);
  });

  it("stop() waits for the running job", async () => {
    const job = await queue.enqueue(db, { kind: "k" });
    let finished = false;
    const w = worker(async () => {
      await sleep(200);
      finished = true;
    });
    await vi.waitFor(async () => expect(await statusOf(job.id)).toBe("running"), eventually);
    await w.stop();
    expect(finished).toBe(true);
    expect(await statusOf(job.id)).toBe("done");
  });

  it("keeps two queues on different tables apart", async () => {
    const other = createJobQueue({ name: "ingestion", table: Prisma.sql`knowledge.ingestion_job`, topic: "test.other" });
    const mine = await queue.enqueue(db, { kind: "mine" });
    const theirs = await other.enqueue(db, { kind: "theirs" });
    // Ids of one table are unknown to the other, through get and the loader alike.
    expect(await queue.get(db, theirs.id)).toBeNull();
    expect(await other.get(db, mine.id)).toBeNull();
    const ctx = { db, loader: createLoaderRegistry().loader };
    expect(await Promise.all([queue.loader(ctx).load(theirs.id), other.loader(ctx).load(theirs.id)])).toEqual([null, expect.objectContaining({ kind: "theirs" })]);

    // A worker claims from its own table only, and publishes on its own topic.
    const pubSub = createInProcessPubSub();
    const published: Record<string, unknown[]> = { [TOPIC]: [], "test.other": [] };
    for (const topic of Object.keys(published)) {
      const subscription = pubSub.subscribe(topic);
      void (async () => {
        for await (const e of subscription) published[topic]!.push(e);
      })();
    }
    const ran: string[] = [];
    worker(async (j) => {
      ran.push(j.kind);
      return { result: { from: "test" } };
    }, { pubSub });
    await vi.waitFor(async () => expect(await statusOf(mine.id)).toBe("done"), eventually);
    await sleep(100);
    expect(ran).toEqual(["mine"]);
    expect(await other.get(db, theirs.id)).toMatchObject({ status: "queued", attempts: 0, result: null });
    await vi.waitFor(() => expect(published[TOPIC]!.at(-1)).toEqual({ id: mine.id, subjectId: null }), eventually);
    expect(published["test.other"]).toEqual([]);

    // Recovery is per table too.
    await sql.claim(db, "worker-A", 60_000).then((claimed) => expect(claimed).toBeNull());
    await jobSql(Prisma.sql`knowledge.ingestion_job`).claim(db, "worker-A", 60_000);
    expect(await queue.recoverInterrupted(db)).toBe(0);
    expect(await other.recoverInterrupted(db)).toBe(1);
    await pubSub.close();
  });
});
