import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { startMlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLogger, type SubgraphServices } from "@matchgraph/subgraph-kit";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { jobHandler, jobQueue } from "../../subgraphs/opportunities/src/service/jobs.js";
import { currentConfig } from "../../subgraphs/opportunities/src/service/matching.js";
import { pairsWithRecords } from "../../subgraphs/opportunities/src/db/matching.js";
import { evaluateMatches, type EvaluatedPair } from "../../subgraphs/opportunities/src/quality/index.js";
import type { Confidence } from "../../subgraphs/opportunities/src/matching/types.js";
import { databaseKinds, testModel } from "../src/env.js";

/**
 * The matcher's quality gate: a small generated set (every kind of noise, many-deal companies,
 * look-alikes) imported and matched by a full run with zero review decisions, on the real
 * embedding model. The auto-confirmed pairs must stay above precision and recall floors, so a
 * scoring regression fails CI instead of showing up in a benchmark later. The model and its
 * threshold come from EM on the data itself: nothing here is tuned for this set.
 */
const FLOORS = { precision: 0.95, recall: 0.9 };
const kinds = await databaseKinds();
// One database is enough for a quality figure: PostgreSQL where CI has it.
const kind = kinds.includes("postgres") ? "postgres" : "pglite";
const data = generateMatchingDataset({ seed: 11, odooCount: 420, apnCount: 650, truePairs: 350 });

describe(`matching quality with zero reviews on ${kind}`, () => {
  let db: TestDatabase;
  let runtime: Awaited<ReturnType<typeof startMlRuntime>>;
  let services: SubgraphServices;

  async function runJob(kindOfJob: string, payload: Record<string, unknown> = {}, document?: Buffer) {
    const job = await jobQueue.enqueue(db, { kind: kindOfJob, payload, document: document as Uint8Array<ArrayBuffer> | undefined });
    const outcome = await jobHandler(services)({ ...job, document: document ?? null }, {
      progress() {},
      async setSubjectId() {},
      signal: new AbortController().signal,
      workerId: "quality-test",
    });
    return (outcome && "result" in outcome ? outcome.result : null) as Record<string, unknown>;
  }

  beforeAll(async () => {
    const { model, modelDir } = testModel();
    runtime = await startMlRuntime({ host: "127.0.0.1", port: 0, models: [model], defaultModel: model, modelDirs: [modelDir], logLevel: "error" });
    db = await createTestDatabase(kind);
    services = {
      db,
      ml: createEmbeddingClient({ baseUrl: runtime.url, defaultModel: model, timeoutMs: 120_000 }),
      pubSub: createInProcessPubSub(),
      log: createLogger("quality-test", "error"),
      identitySecret: "quality-test-identity-secret-0000000000000",
    };
    await runJob("import", { source: "odoo", mapping: null, fileName: "odoo.csv", dayFirst: false }, data.odooCsv);
    await runJob("import", { source: "apn", mapping: null, fileName: "apn.csv", dayFirst: false }, data.apnCsv);
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
    await runtime?.close();
  });

  it(`a full run auto-confirms pairs at precision >= ${FLOORS.precision} and recall >= ${FLOORS.recall}, and exposes the model it estimated`, async () => {
    const run = await runJob("match-full");
    expect(run.mode).toBe("full");
    const config = await currentConfig(db);
    expect(config.fsModel).toBeTruthy();
    expect(config.options.scoring).toBe("em");
    // The threshold comes from the data (expected precision), not from a constant.
    expect(config.thresholds.autoConfirm).toBeGreaterThanOrEqual(0.5);
    expect(config.thresholds.autoConfirm).toBeLessThan(1);
    const pairs: EvaluatedPair[] = (await pairsWithRecords(db)).map((p) => ({ ...p, confidence: p.confidence as Confidence }));
    const report = evaluateMatches(pairs, data.gold, config.thresholds);
    const at = report.atAutoConfirm;
    console.info(`quality gate (${kind}): threshold ${config.thresholds.autoConfirm}, precision ${at.precision.toFixed(4)}, recall ${at.recall.toFixed(4)}, F1 ${at.f1.toFixed(4)} (tp ${at.tp}, fp ${at.fp}, fn ${at.fn})`);
    expect(at.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(at.recall).toBeGreaterThanOrEqual(FLOORS.recall);
    // Every auto-confirmed pair is one the report counts at the threshold, explained level by level.
    const auto = pairs.filter((p) => p.status === "auto_confirmed");
    expect(auto.length).toBe(at.tp + at.fp);
    const name = auto[0]!.signals.find((s) => s.signal === "name")!;
    expect(name.level).toBeTypeOf("string");
    // Exact names weigh for a match, different ones against.
    const names = config.fsModel!.comparisons.find((c) => c.name === "name")!;
    expect(Math.log(names.levels[0]!.m / names.levels[0]!.u)).toBeGreaterThan(0);
    expect(Math.log(names.levels.at(-1)!.m / names.levels.at(-1)!.u)).toBeLessThan(0);
  }, 300_000);
});
