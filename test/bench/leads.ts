/**
 * `npm run bench -- leads [--companies 100000] [--snippets 10] [--seed 42] [--duration 30]
 *   [--rates 50,100,250] [--modes zipf,distinct] [--fresh] [--no-load-test] [--cpu-prof]`
 *
 * The leads intent model (issue 10) at bench scale on PostgreSQL (DATABASE_URL, else
 * TEST_DATABASE_URL's server, in a database of its own that later runs reuse; --fresh rebuilds it):
 * 1. Set-up: the deterministic market (--companies leads, about --snippets snippets each) is
 *    generated, loaded (postings and BM25 statistics by trigger) and the leads embedded by the
 *    ml-runtime, all timed, in the platform's own process (leads-child.ts).
 * 2. Quality through the gateway on the labelled prompt set (216 prompts, six languages, graded
 *    relevance from the generator's latent intent): Precision@25, nDCG@25, Recall@100 on the
 *    held-out half (the development half is printed beside it), LLM call ratio and cost per lead.
 *    Parser whole-prompt accuracy on the parser's own 110-prompt set.
 * 3. Load through the gateway at fixed rates (open loop: latency counts from the scheduled send,
 *    so a backlog shows), --duration s per rate: "zipf" (80% of requests from 20 prompts, the
 *    rest from a pool of other prompts) and "distinct" (every request a prompt never sent before).
 * Each load run also reports the CPU the platform process (gateway, subgraphs, ml-runtime: one
 * event loop), PostgreSQL's backends and this load generator used per request (utime + stime from
 * /proc over the run), so a saturated run says which of them ran out. --cpu-prof writes V8's
 * profile of the platform process to bench/results/leads-<time>.cpuprofile when it stops.
 * Prints tables, writes bench/results/leads-<time>.json, and prints as the LAST line one JSON
 * object: {"precision_at_25", "ndcg_at_25", "recall_at_100", "llm_call_ratio",
 * "cost_per_lead_usd": {"avg", "p99"}, "parser_accuracy", "load": {"zipf": {"250": {...}}, "distinct": {...}}}.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { generateMarket } from "../../subgraphs/leads/src/testdata/generator.js";
import { labelledPrompts } from "../../subgraphs/leads/src/testdata/labelled.js";
import { evaluate, type Quality } from "../../subgraphs/leads/src/testdata/evaluate.js";
import { parseRules } from "../../subgraphs/leads/src/parser/rules.js";
import { caseErrors, PARSER_CASES } from "../../subgraphs/leads/src/parser/prompts.js";
import { REPO_ROOT, TEST_DATABASE_URL } from "../src/env.js";

interface Args {
  companies: number;
  snippets: number;
  seed: number;
  duration: number;
  rates: number[];
  modes: string[];
  fresh: boolean;
  loadTest: boolean;
  cpuProf: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  return {
    companies: Number(get("companies", "100000")),
    snippets: Number(get("snippets", "10")),
    seed: Number(get("seed", "42")),
    duration: Number(get("duration", "30")),
    rates: get("rates", "50,100,250").split(",").map(Number),
    modes: get("modes", "zipf,distinct").split(","),
    fresh: argv.includes("--fresh"),
    loadTest: !argv.includes("--no-load-test"),
    cpuProf: argv.includes("--cpu-prof"),
  };
}

const SEARCH = `query ($prompt: String!, $k: Int!) { findLeads(prompt: $prompt, k: $k) { costUsd hits { lead { companyName } explanation { scorer costUsd } } } }`;

// node:http with kept-alive sockets: fetch (undici) spent about twice the CPU per request, taken
// from the 2 cores the servers under test share with this load generator.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function gql<T>(url: string, query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<{ data?: T; errors?: unknown[] }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, signal, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        if (res.statusCode !== 200) return resolve({ errors: [`HTTP ${res.statusCode}`] });
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data?: T; errors?: unknown[] });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A database of its own on the PostgreSQL server; whether it already holds the market. */
async function benchDatabase(a: Args): Promise<{ url: string; loaded: boolean }> {
  const base = process.env.DATABASE_URL?.trim() || TEST_DATABASE_URL;
  const name = `matchgraph_bench_leads_${a.companies}_${a.snippets}_${a.seed}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    if (a.fresh) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount! > 0;
    if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Loaded = every lead embedded (the last step of the load).
    const r = await c.query("SELECT count(*)::int AS n FROM leads.lead WHERE embedding IS NOT NULL").catch(() => ({ rows: [{ n: 0 }] }));
    return { url, loaded: Number(r.rows[0].n) === a.companies };
  } finally {
    await c.end();
  }
}

const STAMP = new Date().toISOString().replace(/[:.]/g, "-");
const RESULTS = path.join(REPO_ROOT, "bench", "results");

async function startChild(url: string, a: Args, load: boolean): Promise<{ child: ChildProcess; gateway: string; setup: Record<string, number> }> {
  if (a.cpuProf) await mkdir(RESULTS, { recursive: true });
  const prof = a.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${RESULTS}`, `--cpu-prof-name=leads-${STAMP}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", path.join(REPO_ROOT, "test", "bench", "leads-child.ts"), url, String(a.companies), String(a.snippets), String(a.seed), load ? "1" : "0"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", LEADS_RATE_PER_MINUTE: "100000000", LOG_LEVEL: "warn" },
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`platform exited with ${code}`)));
  });
  const { url: gateway, setup } = JSON.parse(first) as { url: string; setup: Record<string, number> };
  return { child, gateway, setup };
}

/** CPU seconds (utime + stime) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving a database: their pids (their CPU is read from /proc). */
async function backendPids(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    return r.rows.map((x: { pid: number }) => x.pid);
  } finally {
    await c.end();
  }
}

interface LoadResult {
  target_qps: number;
  achieved_qps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  requests: number;
  error_kinds?: Record<string, number>;
  /** CPU ms per request: the platform process, PostgreSQL's backends for the database, this load generator. */
  cpu_ms_per_request?: { platform: number; postgres: number; client: number };
}

const q = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};

/** Open-loop load: request i is due at start + i / rate; latency counts from when it was due. */
async function runLoad(gateway: string, rate: number, seconds: number, next: () => { prompt: string; k: number }): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const kinds: Record<string, number> = {};
  // Why requests failed: a GraphQL error's code, an HTTP status, or the client's own error.
  const fail = (e: unknown) => {
    errors++;
    const x = e as { extensions?: { code?: string }; name?: string; code?: string } | string | undefined;
    const kind = typeof x === "string" ? x : (x?.extensions?.code ?? x?.code ?? x?.name ?? "unknown");
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  let done = 0;
  const start = performance.now() + 50;
  const inflight: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        const due = start + (sent * 1000) / rate;
        const { prompt, k } = next();
        sent++;
        inflight.push(
          gql<{ findLeads: unknown }>(gateway, SEARCH, { prompt, k }, AbortSignal.timeout(15_000))
            .then((r) => {
              if (r.errors?.length || !r.data) fail(r.errors?.[0]);
            })
            .catch(fail)
            .finally(() => {
              latencies.push(performance.now() - due);
              done++;
            }),
        );
      }
      if (sent < total) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  return {
    target_qps: rate,
    achieved_qps: Math.round((done / elapsed) * 10) / 10,
    p50_ms: Math.round(q(latencies, 0.5) * 10) / 10,
    p95_ms: Math.round(q(latencies, 0.95) * 10) / 10,
    p99_ms: Math.round(q(latencies, 0.99) * 10) / 10,
    errors,
    requests: total,
    ...(errors ? { error_kinds: kinds } : {}),
  };
}

export async function main(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  const t0 = Date.now();
  let { url, loaded } = await benchDatabase(a);
  // A half-loaded database (an interrupted set-up) is rebuilt.
  if (!loaded && !a.fresh) ({ url, loaded } = await benchDatabase({ ...a, fresh: true }));
  console.log(`database ${new URL(url).pathname.slice(1)}: ${loaded ? "market already loaded" : "loading the market"}`);
  const { child, gateway, setup } = await startChild(url, a, !loaded);
  const setupMs = Date.now() - t0;
  try {
    const market = generateMarket({ companies: a.companies, snippetsPerCompany: a.snippets, seed: a.seed });
    const prompts = labelledPrompts(market);
    const index = new Map(market.companies.map((c, i) => [c.name, i]));
    // Lead ids are the platform's; the evaluation maps answers back to companies by name (unique per market).
    const leadIds = market.companies.map((c) => c.name);
    const ask = async (prompt: string, k: number) => {
      const r = await gql<{ findLeads: { hits: Array<{ lead: { companyName: string }; explanation: { scorer: string; costUsd: number } }> } }>(gateway, SEARCH, { prompt, k });
      if (!r.data) throw new Error(`findLeads failed: ${JSON.stringify(r.errors)}`);
      const hits = r.data.findLeads.hits.filter((h) => index.has(h.lead.companyName));
      return { leadIds: hits.map((h) => h.lead.companyName), scorers: hits.map((h) => h.explanation.scorer), costs: hits.map((h) => h.explanation.costUsd) };
    };
    const tq = Date.now();
    const test = await evaluate(market, leadIds, prompts.filter((p) => p.split === "test"), ask);
    const dev = await evaluate(market, leadIds, prompts.filter((p) => p.split === "dev"), ask);
    const qualityMs = Date.now() - tq;
    const parserRight = PARSER_CASES.filter((c) => caseErrors(c, parseRules(c.prompt)).length === 0).length;
    const parserAccuracy = parserRight / PARSER_CASES.length;
    const row = (name: string, x: Quality) =>
      `${name.padEnd(10)} ${String(x.prompts).padStart(7)} ${x.precision_at_25.toFixed(3).padStart(8)} ${x.ndcg_at_25.toFixed(3).padStart(8)} ${x.recall_at_100.toFixed(3).padStart(9)} ${x.llm_call_ratio.toFixed(3).padStart(8)} ${x.cost_per_lead_usd.avg.toFixed(5).padStart(10)}`;
    console.log(`\nset-up ${(setupMs / 1000).toFixed(1)} s ${JSON.stringify(setup)}; quality ${(qualityMs / 1000).toFixed(1)} s`);
    console.log(`${"half".padEnd(10)} ${"prompts".padStart(7)} ${"P@25".padStart(8)} ${"nDCG@25".padStart(8)} ${"R@100".padStart(9)} ${"LLM".padStart(8)} ${"$/lead".padStart(10)}`);
    console.log(row("test", test));
    console.log(row("dev", dev));
    console.log(`parser whole-prompt accuracy ${parserRight}/${PARSER_CASES.length} = ${parserAccuracy.toFixed(3)}`);

    const load: Record<string, Record<string, LoadResult>> = {};
    if (a.loadTest) {
      const pool = labelledPrompts(market, 400, 11, 0).map((p) => p.prompt);
      const distinct = [...new Set(pool)];
      let di = 0;
      const hot = prompts.slice(0, 20).map((p) => p.prompt);
      const cold = prompts.slice(20).map((p) => p.prompt);
      let seq = 0;
      const rnd = () => ((seq = (seq * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const sources: Record<string, () => { prompt: string; k: number }> = {
        zipf: () => ({ prompt: rnd() < 0.8 ? hot[Math.floor(rnd() * hot.length)]! : cold[Math.floor(rnd() * cold.length)]!, k: 25 }),
        // Every request a new (prompt, k): prompts drawn without repetition, k cycling 20…30 once they run out.
        distinct: () => {
          const i = di++;
          return { prompt: distinct[i % distinct.length]!, k: 25 + Math.floor(i / distinct.length) - 5 };
        },
      };
      console.log(`\n${"mode".padEnd(9)} ${"target".padStart(6)} ${"achieved".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(6)}  CPU ms/req platform, postgres, client; load average`);
      for (const mode of a.modes) {
        load[mode] = {};
        for (const rate of a.rates) {
          const backends = new Map((await backendPids(url)).map((p) => [p, cpuSeconds(p)]));
          const before = { platform: cpuSeconds(child.pid!), client: process.cpuUsage() };
          const r = await runLoad(gateway, rate, a.duration, sources[mode]!);
          const client = process.cpuUsage(before.client);
          // Backends that started during the run count from zero.
          const pgCpu = (await backendPids(url)).reduce((t, p) => t + cpuSeconds(p) - (backends.get(p) ?? 0), 0);
          const per = (sec: number) => Math.round(((sec * 1000) / Math.max(1, r.requests)) * 100) / 100;
          r.cpu_ms_per_request = { platform: per(cpuSeconds(child.pid!) - before.platform), postgres: per(pgCpu), client: per((client.user + client.system) / 1e6) };
          load[mode]![String(rate)] = r;
          const c = r.cpu_ms_per_request!;
          console.log(
            `${mode.padEnd(9)} ${String(rate).padStart(6)} ${r.achieved_qps.toFixed(1).padStart(8)} ${r.p50_ms.toFixed(1).padStart(8)} ${r.p95_ms.toFixed(1).padStart(8)} ${r.p99_ms.toFixed(1).padStart(8)} ${String(r.errors).padStart(6)}  ${c.platform}, ${c.postgres}, ${c.client}; ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}${r.error_kinds ? ` ${JSON.stringify(r.error_kinds)}` : ""}`,
          );
        }
      }
    }
    const summary = {
      precision_at_25: round(test.precision_at_25),
      ndcg_at_25: round(test.ndcg_at_25),
      recall_at_100: round(test.recall_at_100),
      llm_call_ratio: round(test.llm_call_ratio),
      cost_per_lead_usd: { avg: test.cost_per_lead_usd.avg, p99: test.cost_per_lead_usd.p99 },
      parser_accuracy: round(parserAccuracy),
      load: Object.fromEntries(Object.entries(load).map(([m, rates]) => [m, Object.fromEntries(Object.entries(rates).map(([r, x]) => [r, { achieved_qps: x.achieved_qps, p50_ms: x.p50_ms, p95_ms: x.p95_ms, p99_ms: x.p99_ms, errors: x.errors }]))])),
    };
    await mkdir(RESULTS, { recursive: true });
    const out = path.join(RESULTS, `leads-${STAMP}.json`);
    await writeFile(out, JSON.stringify({ args: a, setup_ms: setupMs, setup, quality: { test: strip(test), dev: strip(dev) }, load, summary }, null, 2));
    console.log(`results: ${out}`);
    console.log(JSON.stringify(summary));
    return 0;
  } finally {
    child.kill("SIGTERM");
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const strip = ({ perPrompt: _p, ...rest }: Quality & { perPrompt: unknown }) => rest;
