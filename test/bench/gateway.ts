/**
 * `npm run bench -- gateway [--duration 10] [--warmup 3] [--connections 16] [--threads 2] [--rows 300]
 *   [--queries single_subgraph,two_subgraphs] [--cases direct,gateway,hive,hive_nodedup]
 *   [--log-level info] [--node-env production] [--cpu-prof]`
 *
 * What a gateway costs per request: the same queries, supergraph and data, side by side in one run,
 * loaded with wrk (--connections connections, a POST Lua script, --warmup s then --duration s per
 * case, cases one after another):
 * - direct: straight to the subgraph (with a gateway-signed anonymous `x-mg-identity`, which the
 *   subgraphs require); for two_subgraphs the client itself makes both subgraph requests: wrk's
 *   threads split between the two subgraphs and req/s counts pairs (total / 2), latency is per
 *   subgraph request.
 * - gateway: the project's gateway (startGateway) with JWT auth on (no anonymous reads, a real
 *   client JWT in every request), the default limits of gateway/src/config.ts, the rate limit
 *   raised out of the way.
 * - hive: Hive Gateway (`@graphql-hive/gateway`, test/bench/hive, its own pinned npm project,
 *   installed here on first use with `npm ci --prefix test/bench/hive`) on the same composed
 *   supergraph, forwarding `x-mg-identity` by header propagation, with its default in-flight
 *   deduplication of identical subgraph fetches; hive_nodedup: the same with it turned off.
 * Every server runs with NODE_ENV=--node-env (production, as deployed; Hive Gateway spends about a
 * third more CPU per request without it) in its own child process (the five subgraphs share one; gateway-child.ts,
 * hive/serve.mjs): CPU ms per request is the process's utime+stime (/proc/<pid>/stat) over the
 * measured run divided by the requests wrk completed. Errors: wrk's socket errors and non-2xx,
 * plus a sample of 20 requests per case checked for GraphQL errors and the expected 10 nodes.
 * Data: a fresh PostgreSQL database (createTestDatabase, TEST_DATABASE_URL) with --rows
 * opportunities and leads, dropped at the end. The table also shows the CPU of PostgreSQL's
 * backends for this database and of wrk, and what the rest of the machine used meanwhile (other
 * work on a shared machine: the figures are only as quiet as that column). --cpu-prof profiles the
 * project's gateway (V8's sampling profiler, started and stopped around each measured gateway run;
 * its overhead is in that run's figures) and prints where its busy time went.
 * Needs wrk (`apt-get install -y wrk`). Prints a table with the machine's load, writes
 * bench/results/gateway-<time>.json, and prints as the LAST stdout line one JSON object
 * `{"single_subgraph": {"direct_rps", "gateway_rps", "hive_rps", "gateway_cpu_ms_per_req", ...}, "two_subgraphs": {...}}`.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { parse } from "graphql";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { createTestDatabase } from "@matchgraph/db";
import { IDENTITY_HEADER, signCaller } from "@matchgraph/subgraph-kit";
import { REPO_ROOT } from "../src/env.js";
import { signToken } from "../src/harness.js";

const QUERIES = {
  single_subgraph: {
    query: "{ opportunities(first: 10) { nodes { id title companyName amount closeDate } } }",
    direct: [{ subgraph: "opportunities", query: "{ opportunities(first: 10) { nodes { id title companyName amount closeDate } } }", list: "opportunities" }],
    lists: ["opportunities"],
  },
  two_subgraphs: {
    query: "{ opportunities(first: 10) { nodes { id title } } leads(first: 10) { nodes { id companyName } } }",
    direct: [
      { subgraph: "opportunities", query: "{ opportunities(first: 10) { nodes { id title } } }", list: "opportunities" },
      { subgraph: "leads", query: "{ leads(first: 10) { nodes { id companyName } } }", list: "leads" },
    ],
    lists: ["opportunities", "leads"],
  },
} as const;
type QueryName = keyof typeof QUERIES;
const CASES = ["direct", "gateway", "hive", "hive_nodedup"] as const;
type CaseName = (typeof CASES)[number];

const HIVE_DIR = path.join(REPO_ROOT, "test", "bench", "hive");
const SAMPLE = 20;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Target {
  url: string;
  body: string;
  headers: Record<string, string>;
  list: string[];
}

interface WrkResult {
  requests: number;
  duration_us: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  mean_us: number;
  max_us: number;
}

// ---------------------------------------------------------------- processes

interface Child {
  name: string;
  proc: ChildProcess;
  ready: Promise<Record<string, unknown>>;
  stderrTail(): string;
}

function startChild(name: string, args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  proc.stderr!.on("data", (chunk: Buffer) => void (tail = (tail + chunk.toString()).slice(-4000)));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s:\n${tail}`)), 120_000);
    const lines = createInterface({ input: proc.stdout! });
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      try {
        const value = JSON.parse(line) as Record<string, unknown>;
        clearTimeout(timer);
        resolve(value);
      } catch {
        // not the ready line
      }
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${tail}`));
    });
  });
  ready.catch(() => undefined);
  return { name, proc, ready, stderrTail: () => tail };
}

async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.proc.once("exit", () => resolve()));
  child.proc.kill("SIGTERM");
  const timer = setTimeout(() => child.proc.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

function statFields(pid: number | "self"): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // gone
  }
}
const ticksToMs = (ticks: number) => (ticks * 1000) / CLK_TCK;

/** CPU time (user + system, all threads) of a process so far, in ms; 0 when it is gone. */
function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields ? ticksToMs(Number(fields[11]) + Number(fields[12])) : 0;
}

/** CPU time of this process's exited and reaped children (wrk), in ms. */
function reapedChildrenCpuMs(): number {
  const fields = statFields("self")!;
  return ticksToMs(Number(fields[13]) + Number(fields[14]));
}

/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const values = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((s, v) => s + v, 0);
  return { busy: total - values[3]! - values[4]!, total };
}

// ---------------------------------------------------------------- wrk

function luaString(s: string): string {
  let level = "";
  while (s.includes(`]${level}]`)) level += "=";
  return `[${level}[${s}]${level}]`;
}

/** A wrk script sending one prepared POST per request; several targets split the threads between them. */
function wrkScript(targets: Target[]): string {
  const entries = targets.map((t) => {
    const url = new URL(t.url);
    const headers = Object.entries({ "Content-Type": "application/json", ...t.headers })
      .map(([k, v]) => `[ ${luaString(k)} ] = ${luaString(v)}`)
      .join(", ");
    return `{ host = ${luaString(url.hostname)}, port = ${luaString(url.port)}, path = ${luaString(url.pathname)}, body = ${luaString(t.body)}, headers = { ${headers} } }`;
  });
  return `
local targets = { ${entries.join(",\n  ")} }
local created = 0
function setup(thread)
  local index = (created % #targets) + 1
  created = created + 1
  local t = targets[index]
  thread.addr = wrk.lookup(t.host, t.port)[1]
  thread:set("target_index", index)
end
local prepared
function init(args)
  local t = targets[target_index or 1]
  t.headers["Host"] = t.host .. ":" .. t.port
  prepared = wrk.format("POST", t.path, t.headers, t.body)
end
function request()
  return prepared
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%.0f,"duration_us":%.0f,"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f,"p50_us":%.0f,"p90_us":%.0f,"p99_us":%.0f,"mean_us":%.1f,"max_us":%.0f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
`;
}

async function runWrk(scriptFile: string, firstUrl: string, seconds: number, options: { connections: number; threads: number }): Promise<WrkResult> {
  const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${seconds}s`, "--timeout", "5s", "-s", scriptFile, firstUrl];
  const out = await new Promise<string>((resolve, reject) => {
    const proc = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (c: Buffer) => void (stdout += c.toString()));
    proc.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
    proc.once("error", reject);
    // A script error does not fail wrk: it then sends plain GETs and prints to stderr.
    proc.once("exit", (code) => (code === 0 && !stderr.trim() ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr}${stdout}`))));
  });
  const line = out.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (!line) throw new Error(`wrk printed no result:\n${out}`);
  return JSON.parse(line.slice("BENCH_JSON ".length)) as WrkResult;
}

function haveWrk(): boolean {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (err) {
    // wrk --version prints its banner and exits 1.
    return (err as { status?: number }).status === 1;
  }
}

// ---------------------------------------------------------------- checks

/** Sends `n` requests to each target: non-2xx, GraphQL errors, and answers without the expected 10 nodes per list. */
async function sample(targets: Target[], n: number) {
  let requests = 0;
  let non2xx = 0;
  let graphqlErrors = 0;
  let wrongShape = 0;
  const messages = new Set<string>();
  for (const target of targets) {
    for (let i = 0; i < n; i++) {
      requests++;
      const res = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json", ...target.headers }, body: target.body });
      const text = await res.text();
      if (!res.ok) {
        non2xx++;
        messages.add(`${res.status}: ${text.slice(0, 200)}`);
        continue;
      }
      const body = JSON.parse(text) as { data?: Record<string, { nodes?: unknown[] } | null> | null; errors?: Array<{ message: string }> };
      if (body.errors?.length) {
        graphqlErrors++;
        for (const e of body.errors) messages.add(e.message);
      }
      if (!target.list.every((field) => body.data?.[field]?.nodes?.length === 10)) wrongShape++;
    }
  }
  return { requests, non_2xx: non2xx, graphql_errors: graphqlErrors, wrong_shape: wrongShape, messages: [...messages].slice(0, 3) };
}

/** The subgraph fetches Apollo's query planner makes for a query on this supergraph. */
function plannedFetches(supergraphSdl: string, query: string): string[] {
  const supergraph = Supergraph.build(supergraphSdl);
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
  const fetches: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { kind?: string; serviceName?: string };
    if (n.kind === "Fetch" && n.serviceName) fetches.push(n.serviceName);
    for (const [key, value] of Object.entries(node)) if (key !== "operation" && key !== "operationDocumentNode") walk(value);
  };
  walk(plan.node);
  return fetches;
}

// ---------------------------------------------------------------- data

async function seedRows(url: string, rows: number): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "opportunities"."opportunity" ("source", "external_id", "company_name", "name_norm", "title", "description", "stage", "country", "close_date", "amount", "created_at")
       SELECT CASE WHEN i % 2 = 0 THEN 'apn' ELSE 'odoo' END, 'BENCH-' || i, 'Bench Company ' || i, 'bench company ' || i,
              'Cloud migration project ' || i, 'Moving workload ' || i || ' to a managed platform', 'Qualified', 'DE',
              DATE '2026-01-01' + (i % 365), 1000 + i * 10, now() - make_interval(secs => i)
       FROM generate_series(1, $1::int) AS i`,
      [rows],
    );
    await client.query(
      `INSERT INTO "leads"."lead" ("company_name", "domain", "industry", "country", "employee_count", "description", "created_at")
       SELECT 'Bench Lead ' || i, 'lead' || i || '.example', 'Software', 'DE', 10 + i, 'Evaluating a new CRM, lead ' || i, now() - make_interval(secs => i)
       FROM generate_series(1, $1::int) AS i`,
      [rows],
    );
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- Hive Gateway

async function ensureHiveInstalled(): Promise<string> {
  const wanted = (JSON.parse(readFileSync(path.join(HIVE_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@graphql-hive/gateway"]!;
  const installed = path.join(HIVE_DIR, "node_modules", "@graphql-hive", "gateway", "package.json");
  const version = () => (existsSync(installed) ? (JSON.parse(readFileSync(installed, "utf8")) as { version: string }).version : undefined);
  if (version() !== wanted) {
    console.log(`installing Hive Gateway ${wanted} into test/bench/hive (npm ci, about a minute, once)…`);
    // Its dependencies declare Node >= 22 (EBADENGINE warnings); it runs on Node 20 all the same.
    execFileSync("npm", ["ci", "--prefix", HIVE_DIR, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
  }
  const got = version();
  if (got !== wanted) throw new Error(`Hive Gateway ${wanted} expected in ${HIVE_DIR}, found ${got ?? "none"}`);
  return got;
}

// ---------------------------------------------------------------- CPU profile

/** Self time by function and by package from a V8 .cpuprofile. */
function summarizeProfile(file: string, top = 15) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const allHits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / allHits;
  // Shares of the time the process was busy: idle samples left out.
  const totalHits = profile.nodes.reduce((s, n) => s + (n.callFrame.functionName === "(idle)" ? 0 : (n.hitCount ?? 0)), 0) || 1;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits || node.callFrame.functionName === "(idle)") continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, "").replace(`${REPO_ROOT}/`, "");
    const fn = `${functionName || "(anonymous)"} ${file ? `${file.split("node_modules/").pop()}:${lineNumber + 1}` : ""}`.trim();
    const pkg = !url
      ? functionName.startsWith("(") ? functionName : "(native)"
      : url.includes("node_modules/")
        ? url.split("node_modules/").pop()!.split("/").slice(0, url.split("node_modules/").pop()!.startsWith("@") ? 2 : 1).join("/")
        : url.startsWith("node:")
          ? "node:internal"
          : file.split("/").slice(0, 2).join("/");
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, hits]) => ({ name, ms: round(hits * msPerHit, 0), pct: round((100 * hits) / totalHits) }));
  return { file, busy_ms: round(totalHits * msPerHit, 0), wall_ms: round((profile.endTime - profile.startTime) / 1000, 0), by_package: rank(byPackage), by_function: rank(byFunction) };
}

// ---------------------------------------------------------------- main

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "16" },
      threads: { type: "string", default: "2" },
      rows: { type: "string", default: "300" },
      queries: { type: "string", default: Object.keys(QUERIES).join(",") },
      cases: { type: "string", default: CASES.join(",") },
      "log-level": { type: "string", default: "info" },
      "node-env": { type: "string", default: "production" },
      "cpu-prof": { type: "boolean", default: false },
    },
  });
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const load = { connections: Number(values.connections), threads: Number(values.threads) };
  const queryNames = values.queries.split(",").filter(Boolean) as QueryName[];
  const caseNames = values.cases.split(",").filter(Boolean) as CaseName[];
  for (const q of queryNames) if (!(q in QUERIES)) throw new Error(`unknown query ${q}; known: ${Object.keys(QUERIES).join(", ")}`);
  for (const c of caseNames) if (!CASES.includes(c)) throw new Error(`unknown case ${c}; known: ${CASES.join(", ")}`);
  if (!haveWrk()) {
    console.error("wrk is not installed: apt-get install -y wrk (Debian package wrk)");
    return 2;
  }
  const hiveVersion = caseNames.some((c) => c.startsWith("hive")) ? await ensureHiveInstalled() : undefined;

  const identitySecret = randomBytes(32).toString("hex");
  const jwtSecret = randomBytes(32).toString("hex");
  const tmp = await mkdtemp(path.join(os.tmpdir(), "mg-bench-gateway-"));
  const outDir = path.join(REPO_ROOT, "bench", "results");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const profDir = path.join(outDir, `gateway-cpuprof-${stamp}`);
  if (values["cpu-prof"]) await mkdir(profDir, { recursive: true });
  const supergraphFile = path.join(tmp, "supergraph.graphql");
  const children: Child[] = [];
  const db = await createTestDatabase("postgres");
  const loadBefore = os.loadavg();
  const started = Date.now();
  try {
    await seedRows(db.url!, Number(values.rows));
    const childEnv = { NODE_ENV: values["node-env"], MATCHGRAPH_IDENTITY_SECRET: identitySecret, BENCH_LOG_LEVEL: values["log-level"] };
    const tsxChild = (role: string, file: string, extra: string[] = []) => [...extra, "--import", "tsx", path.join("test", "bench", "gateway-child.ts"), role, file];

    const subgraphsChild = startChild("subgraphs", tsxChild("subgraphs", supergraphFile), { ...childEnv, BENCH_DATABASE_URL: db.url!, BENCH_LOG_FILE: path.join(tmp, "subgraphs.log") });
    children.push(subgraphsChild);
    const { subgraphs } = (await subgraphsChild.ready) as { subgraphs: Array<{ name: string; url: string; wsUrl: string }> };
    const urlOf = (name: string) => subgraphs.find((s) => s.name === name)!.url;
    const supergraphSdl = await readFile(supergraphFile, "utf8");
    // The committed supergraph with this run's URLs should be what the subgraphs compose to now.
    let committed = readFileSync(path.join(REPO_ROOT, "gateway", "supergraph.graphql"), "utf8");
    for (const s of subgraphs) committed = committed.replace(new RegExp(`(@join__graph\\(name: "${s.name}", url: ")[^"]*`), `$1${s.url}`);
    const supergraphMatchesCommitted = committed.trim() === supergraphSdl.trim();

    const servers: Partial<Record<CaseName, Child>> = {};
    if (caseNames.includes("gateway")) {
      servers.gateway = startChild("gateway", tsxChild("gateway", supergraphFile), {
        ...childEnv,
        ...(values["cpu-prof"] ? { BENCH_CPU_PROFILE_DIR: profDir } : {}),
        BENCH_JWT_SECRET: jwtSecret,
        BENCH_SUBGRAPHS: JSON.stringify(subgraphs),
        BENCH_LOG_FILE: path.join(tmp, "gateway.log"),
      });
    }
    for (const [name, dedup] of [["hive", "on"], ["hive_nodedup", "off"]] as const) {
      if (caseNames.includes(name)) servers[name] = startChild(name, [path.join(HIVE_DIR, "serve.mjs"), "--supergraph", supergraphFile, "--dedup", dedup], { NODE_ENV: values["node-env"] });
    }
    children.push(...Object.values(servers));
    const urls: Partial<Record<CaseName, string>> = {};
    for (const [name, child] of Object.entries(servers)) urls[name as CaseName] = (await child.ready).url as string;

    const clientJwt = await signToken(["reader"], "bench-client", jwtSecret);
    const targetsFor = async (query: QueryName, kind: CaseName): Promise<Target[]> => {
      const spec = QUERIES[query];
      // A fresh identity per case: it lives IDENTITY_LIFETIME_S (5 min).
      const identity = { [IDENTITY_HEADER]: await signCaller({ kind: "anonymous" }, identitySecret) };
      if (kind === "direct") return spec.direct.map((d) => ({ url: urlOf(d.subgraph), body: JSON.stringify({ query: d.query }), headers: identity, list: [d.list] }));
      const headers = kind === "gateway" ? { authorization: `Bearer ${clientJwt}` } : identity;
      return [{ url: urls[kind]!, body: JSON.stringify({ query: spec.query }), headers, list: [...spec.lists] }];
    };

    // PostgreSQL backends serving this database (the subgraphs' pool), for their CPU.
    const { default: pg } = await import("pg");
    const pgClient = new pg.Client({ connectionString: db.url! });
    await pgClient.connect();
    const backendPids = async () =>
      (await pgClient.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((r) => r.pid);
    const snapshot = async (server: Child | undefined, pids: number[]) => ({
      subgraphs: cpuMs(subgraphsChild.proc.pid!),
      server: server ? cpuMs(server.proc.pid!) : 0,
      postgres: new Map(pids.map((pid) => [pid, cpuMs(pid)])),
      wrk: reapedChildrenCpuMs(),
      machine: machineTicks(),
    });
    let profiles = 0;
    const profileSummaries: Record<string, ReturnType<typeof summarizeProfile>> = {};

    const report: Record<string, Record<string, unknown>> = {};
    const detail: Record<string, unknown> = {};
    for (const query of queryNames) {
      const fetches = plannedFetches(supergraphSdl, QUERIES[query].query);
      const rows: Record<string, Record<string, unknown>> = {};
      for (const kind of caseNames) {
        const targets = await targetsFor(query, kind);
        if (load.threads < targets.length || load.connections < load.threads) throw new Error(`--threads must be at least ${targets.length} and at most --connections`);
        const script = path.join(tmp, `${query}-${kind}.lua`);
        await writeFile(script, wrkScript(targets));
        const check = await sample(targets, SAMPLE);
        if (warmup > 0) await runWrk(script, targets[0]!.url, warmup, load);
        const server = kind === "direct" ? undefined : servers[kind]!;
        const profiling = values["cpu-prof"] && kind === "gateway";
        if (profiling) {
          server!.proc.kill("SIGUSR2");
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        const pids = await backendPids();
        const cpu0 = await snapshot(server, pids);
        const wrk = await runWrk(script, targets[0]!.url, duration, load);
        // Pool connections opened during the run count from zero.
        const cpu1 = await snapshot(server, [...new Set([...pids, ...(await backendPids())])]);
        if (profiling) {
          server!.proc.kill("SIGUSR2");
          const file = path.join(profDir, `${++profiles}.cpuprofile`);
          for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 100));
          await new Promise((resolve) => setTimeout(resolve, 200));
          profileSummaries[query] = summarizeProfile(file);
        }
        const after = await sample(targets, SAMPLE);
        // Direct two-subgraph: the client makes one request to each subgraph per query.
        const queries = wrk.requests / targets.length;
        const seconds = wrk.duration_us / 1e6;
        const ms = {
          server: cpu1.server - cpu0.server,
          subgraphs: cpu1.subgraphs - cpu0.subgraphs,
          postgres: [...cpu1.postgres].reduce((sum, [pid, end]) => sum + Math.max(0, end - (cpu0.postgres.get(pid) ?? 0)), 0),
          wrk: cpu1.wrk - cpu0.wrk,
          machineBusy: ticksToMs(cpu1.machine.busy - cpu0.machine.busy),
          machineTotal: ticksToMs(cpu1.machine.total - cpu0.machine.total),
        };
        const pct = (v: number) => round((100 * v) / Math.max(1, ms.machineTotal));
        rows[kind] = {
          rps: round(queries / seconds),
          p50_ms: round(wrk.p50_us / 1000, 2),
          p99_ms: round(wrk.p99_us / 1000, 2),
          max_ms: round(wrk.max_us / 1000, 1),
          requests: wrk.requests,
          socket_errors: wrk.connect + wrk.read + wrk.write + wrk.timeout,
          non_2xx: wrk.status,
          sample_graphql_errors: check.graphql_errors + after.graphql_errors,
          sample_non_2xx: check.non_2xx + after.non_2xx,
          sample_wrong_shape: check.wrong_shape + after.wrong_shape,
          sample_requests: check.requests + after.requests,
          ...(check.messages.length || after.messages.length ? { sample_messages: [...new Set([...check.messages, ...after.messages])] } : {}),
          server_cpu_ms_per_req: server ? round(ms.server / queries, 3) : null,
          subgraph_cpu_ms_per_req: round(ms.subgraphs / queries, 3),
          postgres_cpu_ms_per_req: round(ms.postgres / queries, 3),
          wrk_cpu_ms_per_req: round(ms.wrk / queries, 3),
          // Shares of the machine's CPU time (all cores) during the measured run.
          machine_busy_pct: pct(ms.machineBusy),
          rest_of_machine_pct: pct(Math.max(0, ms.machineBusy - ms.server - ms.subgraphs - ms.postgres - ms.wrk)),
          loadavg_1m: round(os.loadavg()[0]!, 2),
        };
        console.error(`  ${query} ${kind}: ${JSON.stringify(rows[kind])}`);
      }
      const get = (kind: CaseName, key: string) => (rows[kind]?.[key] as number | null | undefined) ?? null;
      report[query] = {
        direct_rps: get("direct", "rps"),
        gateway_rps: get("gateway", "rps"),
        hive_rps: get("hive", "rps"),
        gateway_cpu_ms_per_req: get("gateway", "server_cpu_ms_per_req"),
        hive_cpu_ms_per_req: get("hive", "server_cpu_ms_per_req"),
        gateway_p99_ms: get("gateway", "p99_ms"),
        hive_p99_ms: get("hive", "p99_ms"),
        direct_p99_ms: get("direct", "p99_ms"),
        hive_nodedup_rps: get("hive_nodedup", "rps"),
        hive_nodedup_cpu_ms_per_req: get("hive_nodedup", "server_cpu_ms_per_req"),
        subgraph_cpu_ms_per_req: Object.fromEntries(caseNames.map((k) => [k, get(k, "subgraph_cpu_ms_per_req")])),
        errors: caseNames.reduce((s, k) => s + (get(k, "socket_errors") ?? 0) + (get(k, "non_2xx") ?? 0) + (get(k, "sample_graphql_errors") ?? 0) + (get(k, "sample_wrong_shape") ?? 0), 0),
        fetches: fetches.length,
      };
      detail[query] = { query: QUERIES[query].query, planned_fetches: fetches, cases: rows };
    }

    await pgClient.end();
    for (const child of [...children].reverse()) await stopChild(child);

    const machine = {
      cpus: os.cpus().length,
      loadavg_before: loadBefore.map((l) => round(l, 2)),
      loadavg_after: os.loadavg().map((l) => round(l, 2)),
      node: process.version,
    };
    console.log(`\ngateway bench: wrk -t${load.threads} -c${load.connections}, ${warmup} s warm-up + ${duration} s per case; ${values.rows} opportunities and leads on PostgreSQL (${db.describe()})`);
    console.log(`machine: ${machine.cpus} CPUs, load ${machine.loadavg_before.join(" ")} before, ${machine.loadavg_after.join(" ")} after; ${machine.node}; Hive Gateway ${hiveVersion ?? "not run"}; servers with NODE_ENV=${values["node-env"]}, project log level ${values["log-level"]}`);
    console.log(`supergraph: composed from the running subgraphs${supergraphMatchesCommitted ? ", identical to the committed gateway/supergraph.graphql (URLs aside)" : ", DIFFERS from the committed gateway/supergraph.graphql (regenerate it: npm run supergraph)"}`);
    const header = ["query", "case", "req/s", "p50 ms", "p99 ms", "errors", "server", "subgraphs", "postgres", "wrk", "busy %", "rest %"];
    const widths = [16, 13, 8, 7, 7, 7, 8, 10, 9, 6, 7, 7];
    console.log(`${" ".repeat(70)}CPU ms per request   machine CPU`);
    const line = (cells: unknown[]) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join(" ");
    console.log(line(header));
    for (const query of queryNames) {
      const d = detail[query] as { planned_fetches: string[]; cases: Record<string, Record<string, number | null>> };
      for (const kind of caseNames) {
        const r = d.cases[kind]!;
        const errors = `${r.socket_errors! + r.non_2xx!}/${r.sample_graphql_errors! + r.sample_wrong_shape! + r.sample_non_2xx!}`;
        console.log(line([query, kind, r.rps, r.p50_ms, r.p99_ms, errors, r.server_cpu_ms_per_req ?? "-", r.subgraph_cpu_ms_per_req, r.postgres_cpu_ms_per_req, r.wrk_cpu_ms_per_req, r.machine_busy_pct, r.rest_of_machine_pct]));
      }
      console.log(`  ${query}: Apollo's planner makes ${d.planned_fetches.length} fetch(es): ${d.planned_fetches.join(", ")}${query === "two_subgraphs" ? "; direct = both subgraph requests by the client (req/s counts pairs, latency is per subgraph request)" : ""}`);
    }
    console.log("errors = wrk socket errors + non-2xx / sampled answers with GraphQL errors, without 10 nodes or non-2xx (of 40 per case)");
    console.log("server = the gateway process (none for direct); postgres = this database's backends; busy % = whole machine (all cores); rest % = busy minus the processes named here (other work on the machine)");
    for (const [query, profile] of Object.entries(profileSummaries)) {
      console.log(`\nproject gateway, ${query}: ${profile.busy_ms} ms busy in ${profile.wall_ms} ms profiled (${path.relative(REPO_ROOT, profile.file)}), shares of busy time:`);
      console.log("  by package:  " + profile.by_package.map((p) => `${p.name} ${p.pct}%`).join(", "));
      for (const f of profile.by_function) console.log(`  ${String(f.pct).padStart(5)}%  ${f.name}`);
    }

    await mkdir(outDir, { recursive: true });
    const out = path.join(outDir, `gateway-${stamp}.json`);
    const full = {
      benchmark: "gateway",
      at: new Date().toISOString(),
      machine,
      wrk: { ...load, warmup_s: warmup, duration_s: duration },
      node_env: values["node-env"],
      log_level: values["log-level"],
      rows: Number(values.rows),
      hive_gateway: hiveVersion,
      supergraph_matches_committed: supergraphMatchesCommitted,
      elapsed_s: round((Date.now() - started) / 1000),
      summary: report,
      detail,
      ...(values["cpu-prof"] ? { cpu_profiles: profileSummaries } : {}),
    };
    await writeFile(out, `${JSON.stringify(full, null, 2)}\n`);
    console.log(`results: ${out}`);
    console.log(JSON.stringify(report));
    return 0;
  } finally {
    for (const child of [...children].reverse()) await stopChild(child).catch(() => undefined);
    await db.drop();
    await rm(tmp, { recursive: true, force: true });
  }
}
