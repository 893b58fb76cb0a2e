import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, openDatabase, type Database, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createInProcessPubSub, createLogger } from "@matchgraph/subgraph-kit";
import { claimJob } from "../src/db/jobs.js";
import {
  INGESTION_PROGRESS,
  PermanentJobError,
  createJobWorker,
  enqueueIngestion,
  getJob,
  recoverInterruptedJobs,
  retryDelayMs,
  type JobEvent,
  type JobHandler,
  type JobWorker,
  type JobWorkerOptions,
} from "../src/service/jobs.js";

const log = createLogger("jobs-test", "silent");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventually = { timeout: 15_000, interval: 25 };

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

describe.each<DbKind>(["pglite", "postgres"])("durable ingestion jobs on %s", (kind) => {
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
    await db.prisma.$executeRaw`DELETE FROM knowledge.ingestion_job`;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  const worker = (handler: JobHandler, opts: Partial<JobWorkerOptions> = {}) => {
    const w = createJobWorker({ db, log, handler, pollMs: 20, leaseMs: 2_000, progressIntervalMs: 10, ...opts });
    workers.push(w);
    w.start();
    return w;
  };

  const newSource = async () => {
    const [row] = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO knowledge.source (title, mime_type, content_hash) VALUES ('A doc', 'text/plain', 'hash') RETURNING id`;
    return row!.id;
  };

  it("stores the payload and the document; refuses an oversized payload", async () => {
    const job = await enqueueIngestion(db, { payload: { title: "T", tags: ["a"] }, document: "héllo" });
    expect(job).toMatchObject({ status: "queued", kind: "ingest", attempts: 0, maxAttempts: 5, payload: { title: "T", tags: ["a"] } });
    const [raw] = await db.prisma.$queryRaw<{ document: Uint8Array }[]>`SELECT document FROM knowledge.ingestion_job WHERE id = ${job.id}::uuid`;
    expect(Buffer.from(raw!.document).toString("utf8")).toBe("héllo");
    await expect(enqueueIngestion(db, { payload: { big: "x".repeat(20_000) } })).rejects.toThrow(/at most/);
    await expect(enqueueIngestion(db, { sourceId: "nope" })).rejects.toThrow(/UUID/);
  });

  it("runs a job to done, recording progress and the source", async () => {
    const sourceId = await newSource();
    const pubSub = createInProcessPubSub();
    const published: unknown[] = [];
    const subscription = pubSub.subscribe(INGESTION_PROGRESS);
    void (async () => {
      for await (const e of subscription) published.push(e);
    })();
    const events: JobEvent[] = [];
    const seen: string[] = [];
    const job = await enqueueIngestion(db, { payload: { title: "A doc" }, document: Buffer.from("the bytes") });
    worker(
      async (claimed, ctx) => {
        seen.push(Buffer.from(claimed.document!).toString("utf8"));
        for (let i = 0; i <= 5; i++) {
          ctx.progress("embed", i, 5);
          await sleep(15);
        }
        ctx.progress("store", 1, 1);
        return { sourceId };
      },
      { onProgress: (e) => events.push(e), pubSub },
    ).wake();

    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("done"), eventually);
    const done = (await getJob(db, job.id))!;
    expect(done).toMatchObject({ sourceId, attempts: 1, lastError: null, lockedBy: null, progress: { stage: "store", done: 1, total: 1 } });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(seen).toEqual(["the bytes"]);
    expect(events[0]).toMatchObject({ id: job.id, status: "running" });
    expect(events.some((e) => e.progress?.stage === "embed")).toBe(true);
    expect(events.at(-1)).toMatchObject({ id: job.id, status: "done", sourceId });
    await vi.waitFor(() => expect(published.at(-1)).toEqual({ id: job.id, sourceId }), eventually);
    await pubSub.close();
  });

  it("retries a failing job with growing run_after and fails it after max attempts", async () => {
    let calls = 0;
    const delays: number[] = [];
    const job = await enqueueIngestion(db, { maxAttempts: 3 });
    worker(
      async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
      {
        backoffMs: (attempts) => attempts * 150,
        onProgress: (e) => {
          if (e.status !== "queued") return;
          void getJob(db, e.id).then((row) => row && delays.push(row.runAfter.getTime() - row.updatedAt.getTime()));
        },
      },
    );

    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("failed"), eventually);
    const failed = (await getJob(db, job.id))!;
    expect(failed).toMatchObject({ attempts: 3, lastError: "boom 3", lockedBy: null });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(3);
    expect(delays).toEqual([150, 300]);
  });

  it("fails a job at once on PermanentJobError", async () => {
    let calls = 0;
    const job = await enqueueIngestion(db, {});
    worker(async () => {
      calls++;
      throw new PermanentJobError("not a PDF");
    });
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("failed"), eventually);
    expect(await getJob(db, job.id)).toMatchObject({ attempts: 1, lastError: "not a PDF" });
    expect(calls).toBe(1);
  });

  it("finishes a job that a crashed worker left running once its lease expires (restart)", async () => {
    const job = await enqueueIngestion(db, { document: "redo me" });
    // Worker A claims the job and dies: nothing renews the lease, nothing records an outcome.
    const claimed = await claimJob(db, "worker-A", 60_000);
    expect(claimed).toMatchObject({ id: job.id, status: "running", lockedBy: "worker-A", attempts: 1 });

    const runs: string[] = [];
    worker(
      async (j, ctx) => {
        runs.push(`${ctx.workerId}:${Buffer.from(j.document!).toString()}`);
        return {};
      },
      { workerId: "worker-B", leaseMs: 300 },
    );
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("done"), eventually);
    expect(runs).toEqual(["worker-B:redo me"]);
    expect(await getJob(db, job.id)).toMatchObject({ attempts: 2, lockedBy: null });
  });

  it("recoverInterruptedJobs queues running jobs again at once (embedded start-up)", async () => {
    const job = await enqueueIngestion(db, {});
    await claimJob(db, "worker-A", 60_000);
    expect(await recoverInterruptedJobs(db)).toBe(1);
    expect(await getJob(db, job.id)).toMatchObject({ status: "queued", lockedBy: null, attempts: 1 });
    worker(async () => ({}), { leaseMs: 60_000 });
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("done"), eventually);
    expect((await getJob(db, job.id))?.attempts).toBe(2);
  });

  it("gives a job up when its workers keep dying past max attempts", async () => {
    const job = await enqueueIngestion(db, { maxAttempts: 1 });
    await claimJob(db, "worker-A", 60_000);
    await db.prisma.$executeRaw`UPDATE knowledge.ingestion_job SET locked_at = now() - interval '1 hour' WHERE id = ${job.id}::uuid`;
    let calls = 0;
    worker(async () => {
      calls++;
    });
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("failed"), eventually);
    expect((await getJob(db, job.id))?.lastError).toMatch(/gave up after 1 attempts/);
    expect(calls).toBe(0);
  });

  it("never runs one job on two workers", async () => {
    const calls = new Map<string, number>();
    const handler: JobHandler = async (j) => {
      calls.set(j.id, (calls.get(j.id) ?? 0) + 1);
      await sleep(10);
    };
    const jobs = await Promise.all(Array.from({ length: 16 }, (_, i) => enqueueIngestion(db, { payload: { i } })));
    for (let w = 0; w < 3; w++) {
      // On PostgreSQL each worker has its own pool; PGlite is one connection shared in-process.
      const own = kind === "postgres" ? await openDatabase({ databaseUrl: db.url! }) : await openDatabase({ pglite: db.pglite! });
      extraDbs.push(own);
      worker(handler, { db: own, concurrency: 3, workerId: `w${w}`, pollMs: 5 });
    }
    await vi.waitFor(async () => {
      const [row] = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM knowledge.ingestion_job WHERE status = 'done'`;
      expect(row!.n).toBe(jobs.length);
    }, eventually);
    expect([...calls.keys()].sort()).toEqual(jobs.map((j) => j.id).sort());
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
  });

  it("keeps the lease of a long job alive, so another worker does not take it over", async () => {
    const job = await enqueueIngestion(db, {});
    let calls = 0;
    const handler: JobHandler = async () => {
      calls++;
      await sleep(1_200);
    };
    worker(handler, { workerId: "slow", leaseMs: 400 });
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("running"), eventually);
    worker(handler, { workerId: "other", leaseMs: 400 });
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("done"), eventually);
    expect(calls).toBe(1);
    expect((await getJob(db, job.id))?.attempts).toBe(1);
  });

  it("stop() waits for the running job", async () => {
    const job = await enqueueIngestion(db, {});
    let finished = false;
    const w = worker(async () => {
      await sleep(200);
      finished = true;
    });
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.status).toBe("running"), eventually);
    await w.stop();
    expect(finished).toBe(true);
    expect((await getJob(db, job.id))?.status).toBe("done");
  });
});
