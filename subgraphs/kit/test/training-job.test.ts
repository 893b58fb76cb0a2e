import { createServer } from "node:net";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Prisma, createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { exampleBinaryDataset, listModelVersions, type TrainableModel } from "@matchgraph/ml-runtime/training";
import { createInProcessPubSub } from "../src/pubsub.js";
import { createContext } from "../src/context.js";
import { createLogger } from "../src/logger.js";
import { createJobQueue, createTrainingJob, type JobWorker } from "../src/jobs/index.js";

// Python trains in these tests: on a busy two-core machine one LightGBM run can take most of a minute.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

/**
 * The training job helper on a real queue table, a real worker and the real pipeline (Python
 * LightGBM in the training venv); the ml-runtime is not running, so activations go to the
 * database (every runtime picks them up at its next check).
 */
const pythonAvailable = Boolean(process.env.CI) || spawnSync(process.env.PYTHON ?? "python3", ["-c", "import venv"], { stdio: "ignore" }).status === 0;
const log = createLogger("training-job-test", "silent");
const queue = createJobQueue({ name: "test", table: Prisma.sql`opportunities.job`, topic: "test.training" });
const small = exampleBinaryDataset({ rows: 600, seed: 4 });
const models: TrainableModel[] = [
  { name: "example-binary", description: "small", dataset: async () => ({ ...small, numBoostRound: 30, params: { num_leaves: 7 } }) },
  { name: "example-weak", description: "three stumps", dataset: async () => ({ ...small, model: "example-binary", numBoostRound: 3, params: { num_leaves: 2 } }) },
];
const training = createTrainingJob({ queue, models });

async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.runIf(pythonAvailable).each<DbKind>(["pglite", "postgres"])("training as a durable job on %s", (kind) => {
  let db: TestDatabase;
  let worker: JobWorker;
  let services: Parameters<typeof createContext>[0];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    services = { db, ml: createEmbeddingClient({ baseUrl: await closedUrl(), breaker: { failureThreshold: 100 } }), pubSub: createInProcessPubSub(), log };
    worker = queue.createWorker({
      db,
      log,
      pollMs: 50,
      handler: (job, ctx) => (training.owns(job) ? training.handle(services, job, ctx) : Promise.reject(new Error(`unexpected ${job.kind}`))),
    });
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.drop();
  });

  const as = (roles: string[]) => createContext(services, "req", { userId: "u1", roles }).ctx;
  const finished = async (id: string) => {
    let row;
    await vi.waitFor(
      async () => {
        row = await queue.get(db, id);
        expect(["done", "failed"]).toContain(row?.status);
      },
      { timeout: 280_000, interval: 200 },
    );
    return row!;
  };

  it("only admins queue training, and only for the domain's models", async () => {
    await expect(training.enqueue(as(["writer"]), { model: "example-binary" })).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    await expect(training.enqueue(createContext(services, "req", null).ctx, { model: "example-binary" })).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    await expect(training.enqueue(as(["admin"]), { model: "nope" })).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });

  it("trains, stores and activates a version; a worse one is refused by the gate unless forced", async () => {
    const first = await finished((await training.enqueue(as(["admin"]), { model: "example-binary", reason: "first" })).id);
    expect(first.status).toBe("done");
    expect(first.result).toMatchObject({ model: "example-binary", version: 1, activated: true, runtime: "database", gate: { reason: "no active version" } });

    const weak = await finished((await training.enqueue(as(["admin"]), { model: "example-weak" })).id);
    expect(weak.result).toMatchObject({ version: 2, activated: false, runtime: "not-activated", gate: { passed: false, activeVersion: 1 } });

    const forced = await finished((await training.enqueue(as(["admin"]), { model: "example-weak", force: true })).id);
    expect(forced.result).toMatchObject({ version: 3, activated: true, gate: { passed: false, forced: true } });

    const versions = await listModelVersions(db, "example-binary");
    expect(versions.map((v) => [v.version, v.active, v.createdBy])).toEqual([
      [3, true, `u1 (job ${forced.id})`],
      [2, false, `u1 (job ${weak.id})`],
      [1, false, `u1 (job ${first.id})`],
    ]);
    expect(versions[2]!.reason).toBe("first");
  });

  it("keeps a model retrained on a schedule: one pending run, the next queued when one ends", async () => {
    const first = await training.schedule(db, { model: "example-binary", everyMs: 60_000 });
    // v3 is seconds old: the first scheduled run is due a minute after it.
    expect(first!.runAfter.getTime() - Date.now()).toBeGreaterThan(30_000);
    expect(await training.schedule(db, { model: "example-binary", everyMs: 60_000 })).toBeNull();
    await expect(training.schedule(db, { model: "nope", everyMs: 60_000 })).rejects.toThrow(/no trainable model/);
    await expect(training.schedule(db, { model: "example-binary", everyMs: 1_000 })).rejects.toThrow(/everyMs/);
    // Make it due now; when it has run, the next one waits its turn.
    await db.prisma.$executeRaw`UPDATE opportunities.job SET run_after = now() WHERE id = ${first!.id}::uuid`;
    const ran = await finished(first!.id);
    expect(ran.status).toBe("done");
    expect(ran.result).toMatchObject({ version: 4 });
    const pending = await queue.pending(db, "train-model");
    expect(pending).toHaveLength(1);
    expect(pending[0]!.payload).toMatchObject({ model: "example-binary", everyMs: 60_000, requestedBy: "schedule" });
    expect(pending[0]!.runAfter.getTime() - Date.now()).toBeGreaterThan(30_000);
  });
});
