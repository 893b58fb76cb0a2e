/**
 * `npm run train -- <model> [--force] [--reason TEXT] [--runtime-url URL]`, `npm run train -- --list`, and
 * `npm run train -- --setup` (makes the training venv, .cache/ml-training-venv, and exits; CI runs it):
 * trains a new version of a tabular model with the shared pipeline (@matchgraph/ml-runtime/training)
 * on the dataset its owning domain builds, stores it in the database (DATABASE_URL, else the
 * embedded PGlite under .data/), and activates it when it beats the active version on the same
 * held-out rows (or with --force), telling the ml-runtime (ML_RUNTIME_URL, default
 * http://127.0.0.1:4100) to swap; an unreachable runtime picks the version up at its next check.
 *
 * This file is a composition root: it may import every domain's list of trainable models (each
 * domain exports one; domains never import each other). Exit codes: 0 new version active,
 * 1 error, 2 usage, 3 version stored but not activated (the gate or the runtime refused it).
 */
import { parseArgs } from "node:util";
import { openDatabase, type Database } from "@matchgraph/db";
import { ensureTrainingPython, exampleModels, findTrainableModel, listModelVersions, trainModel, type TrainableModel } from "@matchgraph/ml-runtime/training";

/** Every domain's trainable models. A domain that owns a model adds its list here. */
const REGISTRIES: Array<() => Promise<readonly TrainableModel[]>> = [
  async () => exampleModels,
  async () => (await import("@matchgraph/talent/training")).talentModels,
  async () => (await import("@matchgraph/leads/training")).leadsTrainableModels,
];

const USAGE = `usage: npm run train -- <model> [--force] [--reason <text>] [--runtime-url <url>]
       npm run train -- --list
       npm run train -- --setup`;

export async function allTrainableModels(): Promise<TrainableModel[]> {
  return (await Promise.all(REGISTRIES.map((load) => load()))).flat();
}

export async function runTrainCli(argv: string[], io: { print?: (line: string) => void; error?: (line: string) => void } = {}): Promise<number> {
  const print = io.print ?? ((line: string) => console.log(line));
  const error = io.error ?? ((line: string) => console.error(line));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { force: { type: "boolean", default: false }, reason: { type: "string" }, "runtime-url": { type: "string" }, list: { type: "boolean", default: false }, setup: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
    });
  } catch (err) {
    error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(USAGE);
    return 0;
  }
  if (values.setup) {
    try {
      const started = performance.now();
      const python = await ensureTrainingPython({ log: print });
      print(`training Python: ${python} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      return 0;
    } catch (err) {
      error((err as Error).message);
      return 1;
    }
  }
  const models = await allTrainableModels();
  if (!values.list && positionals.length !== 1) {
    error(`${USAGE}\nmodels: ${models.map((m) => m.name).join(", ")}`);
    return 2;
  }
  let entry: TrainableModel | undefined;
  if (!values.list) {
    try {
      entry = findTrainableModel(models, positionals[0]!);
    } catch (err) {
      error((err as Error).message);
      return 2;
    }
  }
  const runtimeUrl = values["runtime-url"] ?? process.env.ML_RUNTIME_URL ?? "http://127.0.0.1:4100";
  if (!process.env.DATABASE_URL && (await answers(runtimeUrl))) {
    error(
      `An ml-runtime answers at ${runtimeUrl}, so the embedded platform is probably running and holds the PGlite database. ` +
        `Stop it first, train through the platform's admin training mutation, or use PostgreSQL (DATABASE_URL).`,
    );
    return 1;
  }
  let db: Database | undefined;
  try {
    db = await openDatabase({ migrate: true });
    if (values.list) {
      for (const model of models) {
        const versions = await listModelVersions(db, model.name);
        const active = versions.find((v) => v.active);
        print(`${model.name.padEnd(24)} ${versions.length} version(s)${active ? `, v${active.version} active` : ""}  ${model.description}`);
      }
      return 0;
    }
    const dataset = await entry!.dataset({ db, log: print });
    const result = await trainModel(dataset, { db, force: values.force, reason: values.reason, runtimeUrl, by: `cli:${process.env.USER ?? "unknown"}`, log: print });
    const m = result.metrics;
    print(`held-out ${JSON.stringify(m.candidate)}`);
    if (m.active) print(`active v${result.gate.activeVersion} on the same rows ${JSON.stringify(m.active)}`);
    print(
      result.activated
        ? `${dataset.model} v${result.version.version} is active (${result.runtime === "swapped" ? "the runtime swapped" : "runtimes pick it up at their next check"})`
        : `${dataset.model} v${result.version.version} stored, not activated: ${result.runtimeError ?? result.gate.reason} (--force activates anyway)`,
    );
    return result.activated ? 0 : 3;
  } catch (err) {
    error(`training failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await db?.close();
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, "")}/healthz`, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
