/**
 * `npm run bench -- resilience [--requests 1000] [--seed <n>|random] [--skip fuzz,hostile,ml_outage,crash_import,heavy_job] [--heavy-scale 1]`
 *
 * How the platform holds up against hostile clients and unlucky operators:
 * - fuzz: --requests requests generated from the supergraph itself (every root field, wrong types,
 *   extremes, NUL, invalid Unicode, huge strings, deep, wide and fragment-bomb documents) under
 *   four callers (anonymous, reader, writer, admin); counts by error code, HTTP 5xx,
 *   INTERNAL_SERVER_ERROR and the slowest answer.
 * - hostile: the three documents that once froze or crashed the gateway, timed.
 * - ml_outage: 200 searches (four kinds) with the ml-runtime stopped: answered, degraded, errors;
 *   then the runtime starts again and recovery_s is how long until a search is no longer degraded.
 * - crash_import: a platform in its own process imports a CSV; it is killed with SIGKILL halfway,
 *   started again on the same embedded database, and the job completes: rows expected, found, duplicated.
 * - heavy_job: /healthz and a cheap list query probed during a full matching run and an import (heavy-job.ts).
 * Prints a table, writes bench/results/resilience-<time>.json, and prints as the LAST line one JSON object.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { Supergraph } from "@apollo/federation-internals";
import { openDatabase } from "@matchgraph/db";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { REPO_ROOT } from "../src/env.js";
import { signToken, startTestPlatform, type TestPlatform } from "../src/harness.js";
import { hostileRequests, sendHostile } from "../src/hostile.js";

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function fuzz(t: TestPlatform, requests: number, seed: number) {
  const schema = Supergraph.build(t.platform.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const tokens = [null, await signToken(["reader"], "bench-reader"), t.writer, await signToken(["admin"], "bench-admin")];
  const samples = fc.sample(fc.tuple(hostileRequests(schema), fc.nat(tokens.length - 1)), { numRuns: requests, seed });
  const byCode: Record<string, number> = {};
  let http5xx = 0;
  let maxMs = 0;
  let slowest = "";
  for (const [request, tokenIndex] of samples) {
    const outcome = await sendHostile(t.platform.url, request, tokens[tokenIndex]!);
    if (outcome.status >= 500) http5xx++;
    for (const code of outcome.codes.length ? outcome.codes : ["OK"]) byCode[code] = (byCode[code] ?? 0) + 1;
    if (outcome.ms > maxMs) [maxMs, slowest] = [outcome.ms, request.kind];
  }
  return { requests: samples.length, by_code: byCode, http_5xx: http5xx, internal_errors: byCode.INTERNAL_SERVER_ERROR ?? 0, max_ms: round(maxMs), slowest };
}

async function hostile(t: TestPlatform) {
  const timed = async (query: string) => {
    const started = performance.now();
    const res = await fetch(t.platform.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t.writer}` }, body: JSON.stringify({ query }) });
    await res.text();
    return { ms: round(performance.now() - started), status: res.status };
  };
  const bomb = await timed(`query { ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { __typename ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ""} }`).join(" ")}`);
  const cycle = await timed(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
  const aliases = await timed(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: searchLeads(prompt: "crm ${i}", k: 1) { score }`).join(" ")} }`);
  const huge = await timed(`{ ${"__typename ".repeat(300_000)}}`);
  return {
    fragment_bomb_ms: bomb.ms,
    fragment_bomb_status: bomb.status,
    fragment_cycle_status: cycle.status,
    aliases_1000_ms: aliases.ms,
    aliases_1000_status: aliases.status,
    document_3mb_ms: huge.ms,
    document_3mb_status: huge.status,
  };
}

const SEARCHES = [
  `query { similarOpportunities(text: "kubernetes platform migration", k: 5) { score opportunity { title } } }`,
  `query { searchLeads(prompt: "companies evaluating a new CRM", k: 5) { score lead { companyName } } }`,
  `query { searchKnowledge(query: "how is customer data encrypted", k: 5) { score snippet } }`,
  `query { recommend(forText: "migration cost concerns", k: 5) { score item { title } } }`,
];

async function mlOutage(t: TestPlatform) {
  // Something to find, written while the runtime is up.
  const seed: Array<[string, Record<string, unknown>]> = [
    [`mutation ($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }`, { i: { source: "APN", externalId: `OUT-${Date.now()}`, companyName: "Globex", title: "Kubernetes platform migration", description: "EKS landing zone" } }],
    [`mutation ($i: CreateLeadInput!) { createLead(input: $i) { id } }`, { i: { companyName: "Initech", description: "Evaluating a new CRM for the sales team" } }],
    [`mutation ($i: IngestTextInput!) { ingestText(input: $i) { id } }`, { i: { title: "Security", text: "Customer data is encrypted at rest with AES-256 and in transit with TLS 1.3." } }],
    [`mutation ($i: CreateRecommendationItemInput!) { createRecommendationItem(input: $i) { id } }`, { i: { kind: "PLAYBOOK", title: "Migration cost concerns", body: "Show the TCO study when the customer worries about migration cost." } }],
  ];
  for (const [query, variables] of seed) await t.gql(query, variables);
  await t.platform.stopMlRuntime();
  let ok = 0;
  let degraded = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  const one = async (i: number) => {
    // A text never seen before each time, so the client's vector cache cannot answer for the runtime.
    const query = SEARCHES[i % SEARCHES.length]!.replace(/"([^"]+)"/, (_, text: string) => `"${text} ${i}"`);
    const res = await fetch(t.platform.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t.writer}` }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }>; extensions?: { degraded?: boolean } };
    if (body.errors?.length) {
      errors++;
      for (const e of body.errors) errorCodes[e.extensions?.code ?? "NO_CODE"] = (errorCodes[e.extensions?.code ?? "NO_CODE"] ?? 0) + 1;
    } else {
      ok++;
      if (body.extensions?.degraded) degraded++;
    }
  };
  for (let i = 0; i < 200; i += 8) await Promise.all(Array.from({ length: 8 }, (_, j) => one(i + j)));
  const restartedAt = performance.now();
  await t.platform.startMlRuntime();
  let recoveryS: number | null = null;
  for (let i = 0; i < 600; i++) {
    const res = await fetch(t.platform.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t.writer}` }, body: JSON.stringify({ query: SEARCHES[0]!.replace("migration", `migration r${i}`) }) });
    const body = (await res.json()) as { errors?: unknown[]; extensions?: { degraded?: boolean } };
    if (!body.errors && !body.extensions?.degraded) {
      recoveryS = round((performance.now() - restartedAt) / 1000, 2);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { requests: ok + errors, ok, degraded, errors, error_codes: errorCodes, recovery_s: recoveryS };
}

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "test", "bench", "platform-child.ts"), dataDir], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once("exit", (code) => reject(new Error(`platform process exited with ${code} before it answered`)));
  });
}

/** A read (or a mutation sent once) to the child platform; reads are retried through connection resets for up to 60 s. */
async function call<T>(url: string, query: string, variables: Record<string, unknown> = {}, retry = true): Promise<T> {
  let res: Response;
  for (let deadline = Date.now() + 60_000; ; ) {
    try {
      res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      break;
    } catch (err) {
      if (!retry || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data!;
}

const JOB = `query ($id: ID!) { opportunityJob(id: $id) { status progress { stage done total } importReport { rows failed } } }`;
type Job = { opportunityJob: { status: string; progress: { stage: string; done: number; total: number } | null; importReport: { rows: number; failed: number } | null } };

async function crashImport(rows: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mg-crash-"));
  const dataDir = path.join(dir, "pglite");
  const data = generateMatchingDataset({ seed: 11, odooCount: rows, apnCount: 10, truePairs: 5 });
  const csv = data.odooCsv.toString("utf8").replace(/^\ufeff/, "");
  let first = await startChild(dataDir);
  let killedAt = 0;
  try {
    const { importOpportunities } = await call<{ importOpportunities: { id: string } }>(first.url, `mutation ($csv: String!) { importOpportunities(input: { source: ODOO, csv: $csv }) { id } }`, { csv }, false);
    const jobId = importOpportunities.id;
    for (;;) {
      const { opportunityJob } = await call<Job>(first.url, JOB, { id: jobId });
      if (opportunityJob.status === "done" || opportunityJob.status === "failed") break;
      const p = opportunityJob.progress;
      if (p && p.total > 0 && p.done >= p.total * 0.4) {
        killedAt = p.done;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const second = await startChild(dataDir);
    first = second;
    let job: Job["opportunityJob"] | undefined;
    for (let i = 0; i < 3000 && job?.status !== "done" && job?.status !== "failed"; i++) {
      job = (await call<Job>(second.url, JOB, { id: jobId })).opportunityJob;
      if (job.status !== "done") await new Promise((r) => setTimeout(r, 200));
    }
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
    const db = await openDatabase({ dataDir });
    const found = await db.prisma.$queryRaw<Array<{ n: bigint; distinct_ids: bigint }>>`SELECT count(*) AS n, count(DISTINCT external_id) AS distinct_ids FROM opportunities.opportunity`;
    await db.close();
    const n = Number(found[0]!.n);
    // Rows the importer accepts (its verdict on a row does not depend on the crash): every one stored once.
    const expected = job?.importReport ? job.importReport.rows - job.importReport.failed : null;
    return { rows_expected: expected, rows_found: n, duplicates: n - Number(found[0]!.distinct_ids), killed_after_rows: killedAt, job_status: job?.status ?? "unknown" };
  } finally {
    if (first.child.exitCode === null) first.child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  }
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { requests: { type: "string", default: "1000" }, seed: { type: "string", default: "random" }, skip: { type: "string", default: "" }, "crash-rows": { type: "string", default: "600" }, "heavy-scale": { type: "string", default: "1" } },
  });
  const skip = new Set(values.skip.split(",").filter(Boolean));
  const seed = values.seed === "random" ? Date.now() % 2 ** 31 : Number(values.seed);
  const report: Record<string, unknown> = {};
  const t = await startTestPlatform("pglite");
  try {
    if (!skip.has("fuzz")) report.fuzz = await fuzz(t, Number(values.requests), seed);
    if (!skip.has("hostile")) report.hostile = await hostile(t);
    if (!skip.has("ml_outage")) report.ml_outage = await mlOutage(t);
  } finally {
    await t.close();
  }
  if (!skip.has("crash_import")) report.crash_import = await crashImport(Number(values["crash-rows"]));
  if (!skip.has("heavy_job")) {
    const { heavyJob } = await import("./heavy-job.js");
    const heavy = await heavyJob({ scale: Number(values["heavy-scale"]) });
    report.heavy_job = { healthz_p95_ms: heavy.healthz_p95_ms, query_p95_ms: heavy.query_p95_ms, full_run_s: heavy.full_run_s, import_rows_per_s: heavy.import_rows_per_s };
  }

  console.log(`\nresilience (seed ${seed})`);
  for (const [part, value] of Object.entries(report)) console.log(`  ${part.padEnd(14)} ${JSON.stringify(value)}`);
  const outDir = path.join(REPO_ROOT, "bench", "results");
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, `resilience-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(out, JSON.stringify({ seed, ...report }, null, 2));
  console.log(`results: ${out}`);
  console.log(JSON.stringify(report));
  return 0;
}
