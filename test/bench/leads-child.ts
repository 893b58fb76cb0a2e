/**
 * The platform for `npm run bench -- leads`, in its own process so that the load generator's CPU
 * is not the servers': `tsx test/bench/leads-child.ts <databaseUrl> <companies> <snippetsPerCompany> <seed> <load:0|1>`.
 * Migrates, loads the generated market when asked (leads, technologies, snippets with postings,
 * lead vectors from the ml-runtime) before the subgraphs start, and prints one JSON line
 * `{"url", "setup": {…timings ms}}` when the gateway answers; runs until killed.
 */
import { pino } from "pino";
import { openDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { startPlatform } from "@matchgraph/gateway/platform";
import { generateMarket } from "../../subgraphs/leads/src/testdata/generator.js";
import { loadMarket } from "../../subgraphs/leads/src/testdata/load.js";
import { testModel } from "../src/env.js";
import { TEST_LIMITS } from "../src/harness.js";

const [databaseUrl, companies, perCompany, seed, load] = process.argv.slice(2);
if (!databaseUrl) throw new Error("usage: leads-child.ts <databaseUrl> <companies> <snippetsPerCompany> <seed> <load:0|1>");
const { model, modelDir } = testModel();
const db = await openDatabase({ databaseUrl, migrate: true });
const setup: Record<string, number> = {};
const platform = await startPlatform({
  db,
  log: pino({ level: "warn" }, pino.destination(2)),
  auth: { mode: "none", localRoles: ["reader", "writer", "admin"] },
  limits: { ...TEST_LIMITS, maxCost: 1_000_000, ratePerMinute: 100_000_000 },
  host: "127.0.0.1",
  port: 0,
  servicePorts: "random",
  ml: { models: [model], defaultModel: model, modelDirs: [modelDir] },
  beforeServices: async (mlRuntimeUrl) => {
    if (load !== "1") return;
    const t = Date.now();
    const market = generateMarket({ companies: Number(companies), snippetsPerCompany: Number(perCompany), seed: Number(seed), now: new Date() });
    setup.generate_ms = Date.now() - t;
    const ml = createEmbeddingClient({ baseUrl: mlRuntimeUrl, defaultModel: model, timeoutMs: 120_000 });
    const loaded = await loadMarket(db, market, {
      embed: async (texts) => ({ vectors: await ml.embed(texts, { model, inputType: "passage" }), model }),
      log: (m) => process.stderr.write(`[leads-child] ${m}\n`),
    });
    Object.assign(setup, loaded.timings);
    setup.total_ms = Date.now() - t;
  },
});
process.stdout.write(`${JSON.stringify({ url: platform.url, setup })}\n`);
const stop = async () => {
  await platform.close();
  await db.close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
