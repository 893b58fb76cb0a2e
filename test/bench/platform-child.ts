/**
 * One whole platform in its own process, for benches that crash it: `tsx test/bench/platform-child.ts <pglite-dir>`.
 * Migrates the database, starts ml-runtime, subgraphs and gateway on free ports (no auth: the local user
 * writes), prints one JSON line `{"url": ...}` when it answers, and runs until killed.
 */
import { pino } from "pino";
import { openDatabase } from "@matchgraph/db";
import { startPlatform } from "@matchgraph/gateway/platform";
import { testModel } from "../src/env.js";
import { TEST_LIMITS } from "../src/harness.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: platform-child.ts <pglite data dir>");
const { model, modelDir } = testModel();
const db = await openDatabase({ dataDir, migrate: true });
const platform = await startPlatform({
  db,
  log: pino({ level: "warn" }, pino.destination(2)),
  auth: { mode: "none", localRoles: ["reader", "writer", "admin"] },
  limits: { ...TEST_LIMITS, ratePerMinute: 1_000_000 },
  host: "127.0.0.1",
  port: 0,
  servicePorts: "random",
  ml: { models: [model], defaultModel: model, modelDirs: [modelDir] },
});
process.stdout.write(`${JSON.stringify({ url: platform.url })}\n`);
const stop = async () => {
  await platform.close();
  await db.close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
