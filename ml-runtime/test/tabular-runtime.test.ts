import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import type { HealthResponse } from "../src/api-types.js";
import { createEmbeddingClient } from "../src/client/index.js";
import { startMlRuntime, type MlRuntime } from "../src/index.js";
import { activateModelVersion, insertModelVersion, loadModelVersion, listModelVersions } from "../src/tabular/store.js";
import { applyLink, parseLightGbmDump, rawScores, treeShap } from "../src/tabular/trees.js";
import { exampleBinaryDataset, trainModel, type TabularDataset, type TrainResult } from "../src/training/index.js";
import { USE, captureLogs, metricValue, modelDirs, postJson } from "./helpers.js";
import { dbKinds, pythonTestsEnabled } from "./training-env.js";

// Python trains in these tests: on a busy two-core machine one LightGBM run can take most of a minute.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

/**
 * Model versions end to end through the runtime's HTTP API, on PGlite and PostgreSQL: versions
 * trained by the pipeline (Python LightGBM in the training venv), served without a restart,
 * gated, forced, rolled back, converged on by a second replica, and a broken version that never
 * replaces the one serving.
 */

const kinds = pythonTestsEnabled() ? await dbKinds() : [];
const dataset = exampleBinaryDataset({ rows: 1_500, seed: 3 });
/** A deliberately weak model (three stumps): every gate comparison against a real one fails. */
const weak: TabularDataset = { ...dataset, numBoostRound: 3, params: { num_leaves: 2 } };
const good: TabularDataset = { ...dataset, numBoostRound: 40, params: { num_leaves: 15, learning_rate: 0.1 } };

const ROWS = [
  { tenure_months: 3, monthly_spend: 80, support_tickets: 4, days_since_login: 40, discount_rate: 0.3, seats: 2, nps: 2 },
  { tenure_months: 90, monthly_spend: null, support_tickets: 0, discount_rate: 0, seats: 40 },
  {},
];

async function health(url: string): Promise<HealthResponse> {
  return (await (await fetch(`${url}/healthz`)).json()) as HealthResponse;
}

describe.each(kinds)("tabular model versions through the runtime on %s", (kind) => {
  let db: TestDatabase;
  let runtime: MlRuntime;
  let replica: MlRuntime | undefined;
  const { logger } = captureLogs("warn");
  const train = (d: TabularDataset, extra: { force?: boolean; runtimeUrl?: string } = {}): Promise<TrainResult> =>
    trainModel(d, { db, by: "test", reason: "test", runtimeUrl: extra.runtimeUrl ?? "", force: extra.force });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await replica?.close();
    await runtime?.close();
    await db?.drop();
  });

  it("activates the first version without a runtime and serves it from start-up", async () => {
    const first = await train(weak);
    expect(first.version.version).toBe(1);
    expect(first.activated).toBe(true);
    expect(first.runtime).toBe("database");
    expect(first.gate.reason).toBe("no active version");
    expect(first.metrics.candidate.auc).toBeGreaterThan(0.5);
    runtime = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false, db, tabularPollMs: 200, tabularWorkers: 2 });
    const h = await health(runtime.url);
    expect(h.tabular).toEqual([expect.objectContaining({ kind: "tabular", name: "example-binary", version: 1, activeVersion: 1, status: "ok", modelKind: "lightgbm-binary" })]);
    const listed = (await (await fetch(`${runtime.url}/v1/models`)).json()) as { data: Array<{ id: string; kind: string; version?: number }> };
    expect(listed.data).toContainEqual(expect.objectContaining({ id: "example-binary", kind: "tabular", version: 1 }));
  });

  it("predicts (rows and KServe v2 shapes) as the version's trees do, missing features included", async () => {
    const stored = (await loadModelVersion(db, "example-binary", 1))!;
    const trees = parseLightGbmDump(stored.treeDump);
    const names = trees.featureNames;
    const x = Float64Array.from(ROWS.flatMap((row) => names.map((n) => (row as Record<string, number | null>)[n] ?? NaN)));
    const expected = Array.from(rawScores(trees, x, ROWS.length), (raw) => applyLink(trees, raw));

    const byRows = await postJson(`${runtime.url}/v1/models/example-binary/predict`, { rows: ROWS });
    expect(byRows.status).toBe(200);
    const rowsBody = (await byRows.json()) as { model_version: string; outputs: Array<{ name: string; shape: number[]; data: number[] }> };
    expect(rowsBody.model_version).toBe("1");
    expect(rowsBody.outputs[0]!.shape).toEqual([3]);
    rowsBody.outputs[0]!.data.forEach((score, i) => expect(Math.abs(score - expected[i]!)).toBeLessThan(1e-6));

    const inputs = names.map((name) => ({ name, shape: [3], datatype: "FP64", data: ROWS.map((row) => (row as Record<string, number | null>)[name] ?? null) }));
    const byV2 = (await (await postJson(`${runtime.url}/v1/models/example-binary/predict`, { id: "req-1", inputs })).json()) as typeof rowsBody & { id: string };
    expect(byV2.id).toBe("req-1");
    expect(byV2.outputs[0]!.data).toEqual(rowsBody.outputs[0]!.data);

    const unknown = await postJson(`${runtime.url}/v1/models/example-binary/predict`, { rows: [{ nope: 1 }] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/Unknown feature "nope"; the model's features are: tenure_months/);
    expect((await postJson(`${runtime.url}/v1/models/missing-model/predict`, { rows: [{}] })).status).toBe(404);
  });

  it("explains: contributions + base value = raw score, score = sigmoid(raw)", async () => {
    const res = await postJson(`${runtime.url}/v1/models/example-binary/explain`, { rows: ROWS });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { parameters: { feature_names: string[]; link: string; space: string }; outputs: Array<{ name: string; shape: number[]; data: number[] }> };
    expect(body.parameters).toMatchObject({ link: "logistic", space: "raw" });
    const out = Object.fromEntries(body.outputs.map((o) => [o.name, o]));
    const f = body.parameters.feature_names.length;
    expect(out.contributions!.shape).toEqual([3, f]);
    for (let r = 0; r < 3; r++) {
      const sum = out.contributions!.data.slice(r * f, (r + 1) * f).reduce((a, b) => a + b, 0) + out.base_value!.data[0]!;
      expect(Math.abs(sum - out.raw_score!.data[r]!)).toBeLessThan(1e-9);
      expect(Math.abs(out.score!.data[r]! - 1 / (1 + Math.exp(-out.raw_score!.data[r]!)))).toBeLessThan(1e-12);
    }
    // The empty row: every feature missing.
    expect(out.contributions!.data.slice(2 * f, 3 * f).some((c) => c !== 0)).toBe(true);
  });

  it("splits large requests across its tabular workers and answers in row order, as one worker would", async () => {
    const stored = (await loadModelVersion(db, "example-binary", 1))!;
    const trees = parseLightGbmDump(stored.treeDump);
    const fresh = exampleBinaryDataset({ rows: 5_000, seed: 77 }).rows as Array<Array<number | null>>;
    const x = Float64Array.from(fresh.flat().map((v) => v ?? NaN));
    const rows = fresh.map((r) => Object.fromEntries(trees.featureNames.map((n, j) => [n, r[j]])));
    const explained = (await (await postJson(`${runtime.url}/v1/models/example-binary/explain`, { rows: rows.slice(0, 300) })).json()) as { outputs: Array<{ name: string; data: number[] }> };
    const expected = treeShap(trees, x.subarray(0, 300 * 7), 300);
    const contributions = explained.outputs.find((o) => o.name === "contributions")!.data;
    for (let r = 0; r < 300; r++) for (let j = 0; j < 7; j++) expect(contributions[r * 7 + j]).toBe(expected[r * 8 + j]);
    const predicted = (await (await postJson(`${runtime.url}/v1/models/example-binary/predict`, { rows })).json()) as { outputs: Array<{ data: number[] }> };
    const raw = rawScores(trees, x, 5_000);
    predicted.outputs[0]!.data.forEach((p, r) => expect(Math.abs(p - applyLink(trees, raw[r]!))).toBeLessThan(1e-6));
  });

  it("the client batches concurrent predict and explain calls into one request per model", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: USE });
    const before = await (await fetch(`${runtime.url}/metrics`)).text();
    const sample = 'ml_runtime_http_requests_total{route="/v1/models/{name}/predict",method="POST",status="200"}';
    const calls = await Promise.all(Array.from({ length: 10 }, (_, i) => client.forRequest(`r${i}`).tabular.predict("example-binary", [ROWS[i % 3]!])));
    const shared = client.tabular;
    const [a, b] = await Promise.all([shared.predict("example-binary", ROWS.slice(0, 2)), shared.predict("example-binary", ROWS.slice(2))]);
    const after = await (await fetch(`${runtime.url}/metrics`)).text();
    // forRequest children have their own loaders (10 calls); the shared client's two calls in one tick go as one.
    expect(metricValue(after, sample) - metricValue(before, sample)).toBe(11);
    expect(calls.flat().every((p) => p.version === 1 && p.score > 0 && p.score < 1)).toBe(true);
    expect([...a, ...b].map((p) => p.score)).toEqual(calls.slice(0, 3).map((c) => c[0]!.score));
    const [explained] = await shared.explain("example-binary", [ROWS[0]!]);
    expect(Object.keys(explained!.contributions)).toHaveLength(7);
    expect(Math.abs(Object.values(explained!.contributions).reduce((s, c) => s + c, explained!.baseValue) - explained!.rawScore)).toBeLessThan(1e-9);
    await expect(shared.predict("no-such-model", [{}])).rejects.toMatchObject({ code: "BAD_USER_INPUT", status: 404 });
  });

  it("a version that beats the active one activates and the runtime swaps without a restart", async () => {
    const second = await train(good, { runtimeUrl: runtime.url });
    expect(second.version.version).toBe(2);
    expect(second.gate).toMatchObject({ metric: "log_loss", passed: true, activeVersion: 1 });
    expect(second.gate.candidate).toBeLessThan(second.gate.active!);
    expect(second.runtime).toBe("swapped");
    expect((await health(runtime.url)).tabular![0]).toMatchObject({ version: 2, activeVersion: 2, status: "ok" });
    const body = (await (await postJson(`${runtime.url}/v1/models/example-binary/predict`, { rows: ROWS })).json()) as { model_version: string };
    expect(body.model_version).toBe("2");
  });

  it("the gate refuses a worse version unless forced; rollback restores the previous one", async () => {
    const third = await train(weak, { runtimeUrl: runtime.url });
    expect(third.version.version).toBe(3);
    expect(third.activated).toBe(false);
    expect(third.gate).toMatchObject({ passed: false, forced: false, activeVersion: 2 });
    expect((await health(runtime.url)).tabular![0]).toMatchObject({ version: 2, activeVersion: 2 });

    const fourth = await train(weak, { runtimeUrl: runtime.url, force: true });
    expect(fourth).toMatchObject({ activated: true, runtime: "swapped", gate: { passed: false, forced: true } });
    expect((await health(runtime.url)).tabular![0]).toMatchObject({ version: 4, activeVersion: 4 });

    const back = await postJson(`${runtime.url}/v1/models/example-binary/rollback`, { by: "test", reason: "v4 is worse" });
    expect(await back.json()).toMatchObject({ version: 2, previous_version: 4, changed: true, serving: 2 });
    expect((await health(runtime.url)).tabular![0]).toMatchObject({ version: 2, activeVersion: 2, status: "ok" });
    const versions = await createEmbeddingClient({ baseUrl: runtime.url }).tabular.versions("example-binary");
    expect(versions.versions.map((v) => [v.version, v.active])).toEqual([
      [4, false],
      [3, false],
      [2, true],
      [1, false],
    ]);
    expect(versions.history.map((h) => [h.action, h.version, h.previousVersion])).toEqual([
      ["rollback", 2, 4],
      ["activate", 4, 2],
      ["activate", 2, 1],
      ["activate", 1, null],
    ]);
    // Rolling back again goes one step further back: to the version before v2.
    const again = (await (await postJson(`${runtime.url}/v1/models/example-binary/rollback`, {})).json()) as { version: number };
    expect(again.version).toBe(1);
  });

  it("a second replica converges on an activation made through the first", async () => {
    replica = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false, db, tabularPollMs: 200 });
    expect((await health(replica.url)).tabular![0]).toMatchObject({ version: 1 });
    const res = await postJson(`${runtime.url}/v1/models/example-binary/activate`, { version: 2, by: "test" });
    expect(res.status).toBe(200);
    await vi.waitFor(async () => expect((await health(replica!.url)).tabular![0]).toMatchObject({ version: 2, status: "ok" }), { timeout: 10_000, interval: 100 });
  });

  it("a version whose artifacts fail their hashes is refused, and never replaces the version serving", async () => {
    const good2 = (await loadModelVersion(db, "example-binary", 2))!;
    const broken = await insertModelVersion(db, { ...good2, createdBy: "test", reason: "corrupted on purpose", lightgbmModel: null });
    await db.prisma.$executeRaw`UPDATE ml.model_version SET tree_dump = ${Buffer.from("{}")} WHERE name = 'example-binary' AND version = ${broken.version}`;

    const refused = await postJson(`${runtime.url}/v1/models/example-binary/activate`, { version: broken.version });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/sha256/);
    expect((await listModelVersions(db, "example-binary")).find((v) => v.active)?.version).toBe(2);

    // Activated behind the runtimes' backs: both keep serving v2 and say why.
    await activateModelVersion(db, { name: "example-binary", version: broken.version, by: "test" });
    for (const url of [runtime.url, replica!.url]) {
      await vi.waitFor(async () => expect((await health(url)).tabular![0]).toMatchObject({ version: 2, activeVersion: broken.version, status: "stale" }), { timeout: 10_000, interval: 100 });
      expect((await health(url)).tabular![0]!.error).toMatch(/sha256/);
      const body = (await (await postJson(`${url}/v1/models/example-binary/predict`, { rows: ROWS })).json()) as { model_version: string };
      expect(body.model_version).toBe("2");
    }
    // A runtime that starts while the broken version is active serves the newest older version that loads.
    const fresh = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false, db, tabularPollMs: 0 });
    try {
      const h = (await health(fresh.url)).tabular![0]!;
      expect(h).toMatchObject({ version: broken.version - 1, activeVersion: broken.version, status: "stale" });
      expect(h.error).toMatch(/sha256/);
    } finally {
      await fresh.close();
    }
    // Rollback from the broken version goes back to v2, and the status is ok again.
    const back = (await (await postJson(`${runtime.url}/v1/models/example-binary/rollback`, {})).json()) as { version: number };
    expect(back.version).toBe(2);
    expect((await health(runtime.url)).tabular![0]).toMatchObject({ version: 2, activeVersion: 2, status: "ok" });
  });
});

describe("a runtime without a database", () => {
  it("answers tabular routes 404 no_database, and the client's circuit stays closed", async () => {
    const { logger } = captureLogs("warn");
    const bare = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false });
    try {
      const res = await postJson(`${bare.url}/v1/models/example-binary/predict`, { rows: [{}] });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "no_database", message: expect.stringMatching(/has no database/) });
      expect((await health(bare.url)).tabular).toBeUndefined();
      const client = createEmbeddingClient({ baseUrl: bare.url });
      for (let i = 0; i < 5; i++) await expect(client.tabular.predict("example-binary", [{}])).rejects.toMatchObject({ status: 404, errorCode: "no_database" });
      expect(client.circuit.state).toBe("closed");
    } finally {
      await bare.close();
    }
  });
});
