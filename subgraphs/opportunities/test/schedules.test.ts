import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLogger, type SubgraphServices } from "@matchgraph/subgraph-kit";
import { jobQueue, scheduleTick } from "../src/service/jobs.js";
import { currentConfig } from "../src/service/matching.js";
import { updateConfig } from "../src/service/review.js";
import { dueSlot, stampSchedules } from "../src/service/schedules.js";

describe("due slots", () => {
  const nightly = { cron: "0 2 * * *", timezone: "UTC" };
  const since = new Date("2026-01-01T12:00:00Z");

  it("is the latest slot at or before now, after the last one run and not before the schedule was saved", () => {
    expect(dueSlot(nightly, new Date("2026-01-02T02:00:30Z"), null, since)).toEqual(new Date("2026-01-02T02:00:00Z"));
    expect(dueSlot(nightly, new Date("2026-01-02T01:59:00Z"), null, since)).toBeNull();
    expect(dueSlot(nightly, new Date("2026-01-02T03:00:00Z"), new Date("2026-01-02T02:00:00Z"), since)).toBeNull();
    // Down for three days: one run for the latest missed slot, not three.
    expect(dueSlot(nightly, new Date("2026-01-05T09:00:00Z"), new Date("2026-01-02T02:00:00Z"), since)).toEqual(new Date("2026-01-05T02:00:00Z"));
    // A slot before the schedule existed never runs.
    expect(dueSlot(nightly, new Date("2026-01-01T13:00:00Z"), null, since)).toBeNull();
    expect(dueSlot({ cron: "0 3 * * 1", timezone: "UTC" }, new Date("2026-01-07T00:00:00Z"), null, since)).toEqual(new Date("2026-01-05T03:00:00Z"));
  });

  it("a changed schedule starts again from now; an unchanged one keeps its start", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const t1 = new Date("2026-02-01T00:00:00Z");
    const first = stampSchedules([], [{ name: "a", cron: "0 2 * * *", mode: "full" }], t0);
    expect(first[0]!.since).toBe(t0.toISOString());
    const same = stampSchedules(first, [{ name: "a", cron: "0 2 * * *", mode: "full" }], t1);
    expect(same[0]!.since).toBe(t0.toISOString());
    const changed = stampSchedules(first, [{ name: "a", cron: "0 4 * * *", mode: "full" }], t1);
    expect(changed[0]!.since).toBe(t1.toISOString());
  });
});

describe("scheduled matching runs on the database", () => {
  let db: TestDatabase;
  let services: SubgraphServices;
  const ctx = () => ({ db, pubSub: services.pubSub, identity: { userId: "admin", roles: ["writer"] } });

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    services = {
      db,
      pubSub: createInProcessPubSub(),
      log: createLogger("schedules-test", "silent"),
      ml: createEmbeddingClient({ baseUrl: "http://127.0.0.1:9" }),
      identitySecret: "schedules-test-identity-secret-000000000000",
    };
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  const jobs = () => db.prisma.opportunityJob.findMany({ where: { kind: { in: ["match-full", "match-incremental"] } }, orderBy: { createdAt: "asc" } });

  it("refuses an invalid cron expression and two schedules of one name, storing nothing", async () => {
    const before = await currentConfig(db);
    await expect(updateConfig(ctx(), { options: { schedules: [{ name: "bad", cron: "61 * * * *", mode: "full" }] } })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringMatching(/not a valid cron expression/),
    });
    await expect(
      updateConfig(ctx(), { options: { schedules: [{ name: "x", cron: "@daily", mode: "full" }, { name: "x", cron: "@weekly", mode: "incremental" }] } }),
    ).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/named twice/) });
    expect((await currentConfig(db)).version).toBe(before.version);
  });

  it("queues each due slot once, across ticks and restarts, one run at a time, and reports which schedule queued it", async () => {
    await updateConfig(ctx(), {
      options: {
        schedules: [
          { name: "nightly-full", cron: "0 2 * * *", mode: "full", timezone: "UTC" },
          { name: "hourly-incremental", cron: "15 * * * *", mode: "incremental", timezone: "UTC" },
        ],
      },
    });
    const saved = new Date((await currentConfig(db)).options.schedules![0]!.since!);
    const day = new Date(Date.UTC(saved.getUTCFullYear(), saved.getUTCMonth(), saved.getUTCDate() + 1));
    const at = (h: number, m: number) => new Date(day.getTime() + (h * 60 + m) * 60_000);

    // 02:00:30: the nightly slot is due (the hourly one's 01:15 slot too; one at a time: it is skipped).
    const first = await scheduleTick(services, at(2, 0.5));
    expect(first.map((r) => [r.schedule, r.slot.toISOString(), r.jobId !== null])).toEqual([
      ["nightly-full", at(2, 0).toISOString(), true],
      ["hourly-incremental", at(1, 15).toISOString(), false],
    ]);
    // The same minute again, as after a restart: nothing new.
    expect(await scheduleTick(services, at(2, 0.75))).toEqual([]);
    let queued = await jobs();
    expect(queued.map((j) => [j.kind, (j.payload as { schedule: string }).schedule])).toEqual([["match-full", "nightly-full"]]);

    // The full run finishes; the next hourly slot queues an incremental run.
    await db.prisma.opportunityJob.update({ where: { id: queued[0]!.id }, data: { status: "done" } });
    const next = await scheduleTick(services, at(3, 20));
    expect(next.map((r) => [r.schedule, r.slot.toISOString(), r.jobId !== null])).toEqual([["hourly-incremental", at(3, 15).toISOString(), true]]);
    queued = await jobs();
    expect(queued.map((j) => j.kind)).toEqual(["match-full", "match-incremental"]);

    const runs = await db.prisma.matchingScheduleRun.findMany({ orderBy: { slot: "asc" } });
    expect(runs.map((r) => [r.schedule, r.jobId === null])).toEqual([
      ["hourly-incremental", true],
      ["nightly-full", false],
      ["hourly-incremental", false],
    ]);
    expect(await jobQueue.pending(db, "match-incremental")).toHaveLength(1);
  });
});
