/**
 * Heavy work on the embedded platform: does it keep answering?
 *
 *   npx tsx test/bench/heavy-job.ts [--postgres] [--scale 1] [--every 100]
 *
 * Starts the whole platform in this process (ml-runtime, five subgraphs, gateway) on a fresh
 * database — PGlite in a new data directory, as `npm start` runs it, and with `--postgres` also a
 * throw-away PostgreSQL database from TEST_DATABASE_URL, one after the other — then imports the
 * generated seed-scale exports (3,121 Odoo + 4,816 APN rows; `opportunities generate` writes the
 * same files) through the `importOpportunities` mutation and runs a full matching run. All the
 * while a prober in its own thread (so that a blocked event loop here cannot delay the probes it
 * measures) sends `GET /healthz` (2 s timeout) and `{ opportunities(first: 10) { nodes { id } } }`
 * (5 s timeout) every ~100 ms. Prints a table per phase and returns (and prints, last line)
 * `{ healthz_p95_ms, query_p95_ms, full_run_s, import_rows_per_s }` of the first database.
 * Targets (issue 8): /healthz p95 ≤ 100 ms and the list query p95 ≤ 500 ms during the heavy work;
 * embedded matching not 4× slower than on PostgreSQL. Also written to bench/results/.
 *
 * `heavyJob()` is what other benches call (the resilience bench takes its two p95s).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { pino } from "pino";
import { createTestDatabase, openDatabase, type Database, type DbKind } from "@matchgraph/db";
import { startPlatform, type Platform } from "@matchgraph/gateway/platform";
import { gatewayEnv, limitsOf } from "../../gateway/src/config.js";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { REPO_ROOT, testModel } from "../src/env.js";

export interface HeavyJobFigures {
  /** p95 of GET /healthz during the imports and the full run (a timed-out probe counts as 2,000 ms). */
  healthz_p95_ms: number;
  /** p95 of the cheap list query during the same time (a timed-out or failed probe counts as its timeout). */
  query_p95_ms: number;
  /** The full matching run, from the mutation to the job done (embeddings present). */
  full_run_s: number;
  /** Rows of both files over the time from each import mutation to its job done (embedding and incremental matching included). */
  import_rows_per_s: number;
}

export interface HeavyJobOptions {
  database?: DbKind;
  /** Fraction of the seed-scale exports (default 1: 3,121 Odoo + 4,816 APN). */
  scale?: number;
  /** Probe interval (default 100 ms). */
  everyMs?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

export interface PhaseStats {
  phase: string;
  seconds: number;
  healthz: ProbeStats;
  query: ProbeStats;
  /** Event-loop delay of this process (where every server runs), ms. */
  loop: { p99: number; max: number };
}

interface ProbeStats {
  n: number;
  failed: number;
  p50: number;
  p95: number;
  max: number;
}

export interface HeavyJobResult extends HeavyJobFigures {
  database: DbKind;
  model: string;
  rows: { odoo: number; apn: number };
  import_s: { odoo: number; apn: number };
  phases: PhaseStats[];
  run: Record<string, unknown> | null;
  quality: Record<string, unknown> | null;
  job_poll_failures: number;
  /** Jobs that failed for good (their figures above then count 0 rows). */
  failed_jobs: string[];
}

const HEALTHZ_TIMEOUT_MS = 2_000;
const QUERY_TIMEOUT_MS = 5_000;
const LIST_QUERY = "{ opportunities(first: 10) { nodes { id } } }";

// The prober runs in its own thread with its own event loop: plain JS, no imports but Node's.
const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
const { graphqlUrl, healthzUrl, everyMs, healthzTimeoutMs, queryTimeoutMs, query } = workerData;
let phase = "idle";
const samples = [];
const inflight = new Set();
function probe(kind, timeoutMs, run) {
  const p = phase;
  const start = performance.now();
  const done = run(AbortSignal.timeout(timeoutMs)).then((ok) => Boolean(ok), () => false).then((ok) => {
    samples.push({ kind, phase: p, ms: Math.min(performance.now() - start, timeoutMs), ok });
  });
  inflight.add(done);
  done.finally(() => inflight.delete(done));
}
const timer = setInterval(() => {
  probe("healthz", healthzTimeoutMs, (signal) => fetch(healthzUrl, { signal }).then(async (r) => r.ok && (await r.json()).status === "ok"));
  probe("query", queryTimeoutMs, (signal) =>
    fetch(graphqlUrl, { method: "POST", signal, headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })
      .then(async (r) => { const b = await r.json(); return r.ok && !b.errors && Array.isArray(b.data.opportunities.nodes); }));
}, everyMs);
parentPort.on("message", async (m) => {
  if (m.phase) phase = m.phase;
  if (m.stop) {
    clearInterval(timer);
    await Promise.allSettled([...inflight]);
    parentPort.postMessage({ samples });
  }
});
`;

interface Sample {
  kind: "healthz" | "query";
  phase: string;
  ms: number;
  ok: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function probeStats(samples: Sample[]): ProbeStats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  return { n: ms.length, failed: samples.filter((s) => !s.ok).length, p50: r(percentile(ms, 50)), p95: r(percentile(ms, 95)), max: r(ms.at(-1) ?? 0) };
}

interface GqlResult<T> {
  data?: T;
  errors?: Array<{ message: string }>;
}

/** One full measurement on a fresh database of `options.database` (default PGlite). */
export async function heavyJob(options: HeavyJobOptions = {}): Promise<HeavyJobResult> {
  const kind = options.database ?? "pglite";
  const scale = options.scale ?? 1;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { modelDir, model } = testModel();
  const data = generateMatchingDataset(scale === 1 ? {} : { odooCount: Math.round(3121 * scale), apnCount: Math.round(4816 * scale), truePairs: Math.round(2600 * scale) });

  let dataDir: string | undefined;
  let db: Database & { drop?: () => Promise<void> };
  if (kind === "pglite") {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "mg-heavy-pglite-"));
    db = await openDatabase({ dataDir, migrate: true });
  } else {
    db = await createTestDatabase("postgres");
  }
  log(`heavy-job: ${db.describe()}, model ${model}`);
  let platform: Platform | undefined;
  let prober: Worker | undefined;
  try {
    platform = await startPlatform({
      db,
      log: pino({ level: "error" }, pino.destination(2)),
      auth: { mode: "none", localRoles: ["reader", "writer"] },
      limits: limitsOf(gatewayEnv.parse({ RATE_LIMIT_PER_MINUTE: "10000000" })),
      host: "127.0.0.1",
      port: 0,
      servicePorts: "random",
      ml: { models: [model], defaultModel: model, modelDirs: [modelDir] },
    });
    const graphqlUrl = platform.url;
    let pollFailures = 0;
    const failures: string[] = [];
    const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as GqlResult<T>;
      if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
      return body.data;
    };
    const JOB = "id status lastError progress { stage done total } importReport { rows inserted failed matchedRecords } runReport { records candidatePairs }";
    type Job = { id: string; status: string; lastError: string | null; progress: { stage: string; done: number; total: number } | null; importReport: { rows: number } | null; runReport: Record<string, unknown> | null };
    const waitForJob = async (job: Job): Promise<Job> => {
      let lastLine = "";
      while (job.status === "queued" || job.status === "running") {
        await new Promise((r) => setTimeout(r, 250));
        try {
          job = (await gql<{ opportunityJob: Job }>(`query ($id: ID!) { opportunityJob(id: $id) { ${JOB} } }`, { id: job.id })).opportunityJob;
        } catch {
          pollFailures++; // the platform did not answer; the job goes on
          continue;
        }
        const line = job.progress ? `  ${job.progress.stage} ${job.progress.done}/${job.progress.total}` : "";
        if (line && line !== lastLine && job.progress!.done % 1000 < 256) log(line);
        lastLine = line;
      }
      if (job.status !== "done") {
        failures.push(`${job.id} ${job.status}: ${job.lastError}`);
        log(`  job ${job.id} ${job.status}: ${job.lastError}`);
      }
      return job;
    };

    prober = new Worker(PROBER, {
      eval: true,
      workerData: { graphqlUrl, healthzUrl: new URL("/healthz", graphqlUrl).toString(), everyMs: options.everyMs ?? 100, healthzTimeoutMs: HEALTHZ_TIMEOUT_MS, queryTimeoutMs: QUERY_TIMEOUT_MS, query: LIST_QUERY },
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const phases: Array<{ phase: string; seconds: number; loop: { p99: number; max: number } }> = [];
    const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      prober!.postMessage({ phase: name });
      loop.reset();
      const start = performance.now();
      log(`heavy-job: ${name}`);
      try {
        return await fn();
      } finally {
        phases.push({ phase: name, seconds: (performance.now() - start) / 1000, loop: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } });
      }
    };

    await phase("idle", () => new Promise((r) => setTimeout(r, 3_000)));
    const importFile = (source: "ODOO" | "APN", bytes: Buffer) =>
      phase(`import ${source.toLowerCase()}`, async () => {
        const start = performance.now();
        const { importOpportunities } = await gql<{ importOpportunities: Job }>(`mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { ${JOB} } }`, {
          input: { source, contentBase64: bytes.toString("base64"), fileName: `${source.toLowerCase()}.csv` },
        });
        const done = await waitForJob(importOpportunities);
        return { rows: done.importReport?.rows ?? 0, seconds: (performance.now() - start) / 1000 };
      });
    const odoo = await importFile("ODOO", data.odooCsv);
    const apn = await importFile("APN", data.apnCsv);
    const full = await phase("full run", async () => {
      const start = performance.now();
      const { runMatching } = await gql<{ runMatching: Job }>(`mutation { runMatching(full: true) { ${JOB} } }`);
      const done = await waitForJob(runMatching);
      return { seconds: (performance.now() - start) / 1000, run: done.runReport };
    });
    loop.disable();

    const samples = await new Promise<Sample[]>((resolve) => {
      prober!.once("message", (m: { samples: Sample[] }) => resolve(m.samples));
      prober!.postMessage({ stop: true });
    });
    const quality = await gql<{ matchingQualityReport: Record<string, unknown> }>(
      `query ($gold: String!) { matchingQualityReport(gold: $gold, dataset: "heavy-job") { goldPairs scoredPairs atAutoConfirm { precision recall f1 } best { threshold f1 } } }`,
      { gold: data.goldCsv },
    ).then((d) => d.matchingQualityReport, (err: Error) => ({ error: err.message }));

    const stats: PhaseStats[] = phases.map((p) => ({
      ...p,
      seconds: Math.round(p.seconds * 10) / 10,
      loop: { p99: Math.round(p.loop.p99), max: Math.round(p.loop.max) },
      healthz: probeStats(samples.filter((s) => s.kind === "healthz" && s.phase === p.phase)),
      query: probeStats(samples.filter((s) => s.kind === "query" && s.phase === p.phase)),
    }));
    const heavy = samples.filter((s) => s.phase !== "idle");
    const figures: HeavyJobFigures = {
      healthz_p95_ms: probeStats(heavy.filter((s) => s.kind === "healthz")).p95,
      query_p95_ms: probeStats(heavy.filter((s) => s.kind === "query")).p95,
      full_run_s: Math.round(full.seconds * 10) / 10,
      import_rows_per_s: Math.round(((odoo.rows + apn.rows) / (odoo.seconds + apn.seconds)) * 10) / 10,
    };
    return {
      ...figures,
      database: kind,
      model,
      rows: { odoo: odoo.rows, apn: apn.rows },
      import_s: { odoo: Math.round(odoo.seconds * 10) / 10, apn: Math.round(apn.seconds * 10) / 10 },
      phases: stats,
      run: full.run,
      quality,
      job_poll_failures: pollFailures,
      failed_jobs: failures,
    };
  } finally {
    await prober?.terminate();
    await platform?.close();
    if (db.drop) await db.drop();
    else await db.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

function printTable(results: HeavyJobResult[]): void {
  const rows: string[][] = [["database", "phase", "s", "healthz n/fail", "healthz p50/p95/max ms", "query n/fail", "query p50/p95/max ms", "loop p99/max ms"]];
  for (const r of results) {
    for (const p of r.phases) {
      rows.push([
        r.database,
        p.phase,
        String(p.seconds),
        `${p.healthz.n}/${p.healthz.failed}`,
        `${p.healthz.p50}/${p.healthz.p95}/${p.healthz.max}`,
        `${p.query.n}/${p.query.failed}`,
        `${p.query.p50}/${p.query.p95}/${p.query.max}`,
        `${p.loop.p99}/${p.loop.max}`,
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => c.padEnd(widths[j]!)).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  console.log("");
  for (const r of results) {
    console.log(
      `${r.database}: healthz p95 ${r.healthz_p95_ms} ms, list query p95 ${r.query_p95_ms} ms, full run ${r.full_run_s} s, ` +
        `import ${r.import_rows_per_s} rows/s (odoo ${r.rows.odoo} rows in ${r.import_s.odoo} s, apn ${r.rows.apn} in ${r.import_s.apn} s), ` +
        `job poll failures ${r.job_poll_failures}, failed jobs ${r.failed_jobs.length ? r.failed_jobs.join("; ") : "none"}, quality ${JSON.stringify(r.quality)}`,
    );
  }
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { postgres: { type: "boolean", default: false }, "postgres-only": { type: "boolean", default: false }, scale: { type: "string", default: "1" }, every: { type: "string", default: "100" } },
    strict: true,
  });
  const scale = Number(values.scale);
  const everyMs = Number(values.every);
  if (!(scale > 0 && scale <= 1) || !(everyMs >= 10)) throw new Error("--scale must be in (0, 1], --every at least 10 (ms)");
  const kinds: DbKind[] = values["postgres-only"] ? ["postgres"] : values.postgres ? ["pglite", "postgres"] : ["pglite"];
  const results: HeavyJobResult[] = [];
  for (const database of kinds) results.push(await heavyJob({ database, scale, everyMs }));
  printTable(results);
  const outDir = path.join(REPO_ROOT, "bench", "results");
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, `heavy-job-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(out, `${JSON.stringify({ benchmark: "heavy-job", cpus: os.cpus().length, scale, results, at: new Date().toISOString() }, null, 2)}\n`);
  console.log(`results: ${out}`);
  const [first] = results;
  const headline: Record<string, unknown> = {
    healthz_p95_ms: first!.healthz_p95_ms,
    query_p95_ms: first!.query_p95_ms,
    full_run_s: first!.full_run_s,
    import_rows_per_s: first!.import_rows_per_s,
  };
  const pg = results.find((r) => r.database === "postgres");
  if (pg && first !== pg) headline.postgres = { full_run_s: pg.full_run_s, import_rows_per_s: pg.import_rows_per_s, healthz_p95_ms: pg.healthz_p95_ms, query_p95_ms: pg.query_p95_ms };
  console.log(JSON.stringify(headline));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
