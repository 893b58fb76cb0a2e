/**
 * `npm run bench -- models [--parts embeddings,tabular,...] [--seconds N] [--tabular-rows N]`
 *
 * The ml-runtime's models beyond the default embedder, one part each (parts whose models are not
 * fetched say so and are skipped):
 * - embeddings: multilingual-e5-small (`npm run models:fetch -- multilingual-e5-small`) through the
 *   runtime's HTTP API (`POST /v1/embeddings`, input_type "passage"), started in-process on a random
 *   local port: texts/s, p50/p95 with batch 1 and batch 32, one client sending requests back to back.
 *   Texts: sentences of 5-60 words from ../shared/datasets/beir-scifact/corpus.jsonl (read, never
 *   copied; the same source as `npm run bench -- embeddings`), no text sent twice.
 * - tabular: example-binary (the pipeline's built-in synthetic churn model: 200 trees of 31 leaves,
 *   7 features, ~15% missing values) trained by the training pipeline (LightGBM in the training
 *   venv) into an in-memory PGlite, served by an in-process runtime; --tabular-rows fresh rows
 *   (another seed, missing values included) go through POST /v1/models/example-binary/predict and
 *   /explain in batches of 1,000 for --seconds each (rows/s over the HTTP API, JSON included), and all
 *   of them in one call to the runtime's tabular worker (predict_rows_per_s, explain_rows_per_s),
 *   and the same model (its LightGBM text artifact) and rows through LightGBM's
 *   predict(pred_contrib=True) with one thread: best of 3 rounds, the runtime and LightGBM
 *   alternating; and the largest |difference| between the runtime's contributions (base value
 *   included) and LightGBM's over every row.
 * - generation: every GGUF model on disk (ML_MODEL_DIR, .cache/models; `npm run models:fetch`, the
 *   1.5B one with `-- qwen2.5-coder-1.5b-instruct`), all in one in-process runtime (node-llama-cpp in
 *   its worker, --gen-threads threads, 4 sequences per model), measured one model after another
 *   through POST /v1/chat/completions with `stream: true` (temperature 0, --gen-tokens max tokens,
 *   a different prompt each time so no answer reuses another's prompt cache): at 1 concurrent
 *   request (--gen-rounds requests in a row) and at 4 (--gen-rounds rounds of 4 at once).
 *   first_token_ms: from sending the request to the first content delta (p50); tokens_per_s: one
 *   completion's decoding speed after its first token (mean over requests); at 4 concurrent also
 *   the aggregate (all completion tokens / wall time of the rounds). The large models' tests are
 *   these measurements: no unit test loads the 0.5B or 1.5B model.
 *
 * A part is one async function in PARTS below: it returns the object that goes under its name in
 * the result, and rows for the table. Prints a table, writes bench/results/models-<time>.json, and
 * prints as the LAST stdout line one JSON object:
 * {"embeddings": {"multilingual-e5-small": {"b1_texts_per_s": …, "b32_texts_per_s": …, …}}, …}.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startMlRuntime, type MlRuntime } from "@matchgraph/ml-runtime";
import { createTestDatabase } from "@matchgraph/db";
import { exampleBinaryDataset, lightGbmReference, loadModelVersion, prepareDataset, trainModel } from "@matchgraph/ml-runtime/training";
import { REPO_ROOT, testModel } from "../src/env.js";

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface PartOptions {
  seconds: number;
  /** Fresh rows for the tabular part. */
  tabularRows: number;
  /** Generation: max tokens per completion, requests (rounds at 4) per case, threads, models. */
  genTokens: number;
  genRounds: number;
  genThreads: number;
  genModels?: string[];
}
interface PartResult {
  /** What goes under the part's name in the last JSON line. */
  result: Record<string, unknown>;
  /** Table rows: [what, value, ...]. */
  rows: string[][];
  notes?: string[];
}
type Part = (options: PartOptions) => Promise<PartResult>;

// ---------------------------------------------------------------------------------------------
// embeddings: multilingual-e5-small
// ---------------------------------------------------------------------------------------------

const E5 = "multilingual-e5-small";
const REFERENCE = "all-minilm-l6-v2";
const scifact = path.join(REPO_ROOT, "..", "shared", "datasets", "beir-scifact", "corpus.jsonl");

/** SciFact sentences of 5-60 words, shuffled with a fixed seed; a generated fallback when absent. */
function benchTexts(): { texts: string[]; source: string } {
  let a = 20261202;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const seen = new Set<string>();
  if (existsSync(scifact)) {
    for (const line of readFileSync(scifact, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const doc = JSON.parse(line) as { title?: string; text?: string };
      for (const part of [doc.title ?? "", ...(doc.text ?? "").split(/(?<=[.!?])\s+(?=[A-Z(])/)]) {
        const n = part.trim().split(/\s+/).filter(Boolean).length;
        if (n >= 5 && n <= 60) seen.add(part.trim());
      }
    }
  }
  const source = seen.size ? `beir-scifact corpus sentences (5-60 words, ${seen.size} unique)` : "generated sentences (no beir-scifact)";
  if (!seen.size) {
    const words = ["customer", "migration", "cloud", "contract", "Kunde", "migración", "nuvem", "contratto", "données", "platform", "budget", "renewal"];
    for (let i = 0; seen.size < 20_000; i++) seen.add(Array.from({ length: 5 + (i % 40) }, () => words[Math.floor(rnd() * words.length)]).join(" ") + ` ${i}.`);
  }
  const texts = [...seen];
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  return { texts, source };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}

const embeddings: Part = async ({ seconds }) => {
  // all-minilm-l6-v2 (the default model) is measured beside it when fetched: same texts, same load.
  let runtime: MlRuntime | undefined;
  let reference: string | undefined = REFERENCE;
  for (const models of [[E5, REFERENCE], [E5]]) {
    try {
      runtime = await startMlRuntime({ port: 0, host: "127.0.0.1", models, defaultModel: E5, logLevel: process.env.LOG_LEVEL ?? "warn" });
      break;
    } catch (err) {
      if (models.length === 1) {
        const reason = `${E5} could not be loaded (${(err as Error).message.split("\n")[0]}); run \`npm run models:fetch -- ${E5}\``;
        return { result: { [E5]: { skipped: reason } }, rows: [[E5, "skipped", reason]] };
      }
      reference = undefined;
    }
  }
  const rt = runtime!;
  try {
    const { texts, source } = benchTexts();
    let next = 0;
    const take = (n: number) => {
      const out: string[] = [];
      for (let k = 0; k < n; k++) out.push(texts[next++ % texts.length]);
      return out;
    };
    const post = async (model: string, input: string[]) => {
      const res = await fetch(`${rt.url}/v1/embeddings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model, input, input_type: "passage" }),
      });
      const body = (await res.json()) as { data?: { embedding: number[] }[]; usage?: { total_tokens: number }; error?: { message: string } };
      if (!res.ok || body.data?.length !== input.length || body.data[0].embedding.length !== 384) {
        throw new Error(`HTTP ${res.status}: ${body.error?.message ?? "unexpected answer"}`);
      }
      return body.usage?.total_tokens ?? 0;
    };
    const measure = async (model: string, batch: number) => {
      const lat: number[] = [];
      let tokens = 0;
      const started = performance.now();
      while (performance.now() - started < seconds * 1000 || lat.length < 3) {
        const t0 = performance.now();
        tokens += await post(model, take(batch));
        lat.push(performance.now() - t0);
      }
      const wall = performance.now() - started;
      lat.sort((x, y) => x - y);
      return {
        texts_per_s: round((lat.length * batch) / (wall / 1000)),
        p50_ms: round(percentile(lat, 50), 2),
        p95_ms: round(percentile(lat, 95), 2),
        requests: lat.length,
        tokens_per_text: round(tokens / (lat.length * batch)),
      };
    };
    const models = reference ? [E5, reference] : [E5];
    for (const model of models) for (const b of [1, 32, 1, 32]) await post(model, take(b)); // warm-up
    const cases: Record<string, { b1?: Awaited<ReturnType<typeof measure>>; b32?: Awaited<ReturnType<typeof measure>> }> = {};
    for (const batch of [1, 32] as const) for (const model of models) (cases[model] ??= {})[`b${batch}`] = await measure(model, batch);
    const result: Record<string, unknown> = {};
    const rows: string[][] = [];
    for (const model of models) {
      const { b1, b32 } = cases[model] as Required<(typeof cases)[string]>;
      result[model] = {
        b1_texts_per_s: b1.texts_per_s,
        b32_texts_per_s: b32.texts_per_s,
        b1_p50_ms: b1.p50_ms,
        b1_p95_ms: b1.p95_ms,
        b32_p50_ms: b32.p50_ms,
        b32_p95_ms: b32.p95_ms,
        tokens_per_text: b32.tokens_per_text,
        via: "ml-runtime HTTP API",
        ...(model === E5 ? {} : { reference: true }),
      };
      for (const [name, c] of [["batch 1", b1], ["batch 32", b32]] as const) {
        rows.push([`${model} ${name}`, `${c.texts_per_s} texts/s`, `p50 ${c.p50_ms} ms`, `p95 ${c.p95_ms} ms`, `${c.requests} requests`, `${c.tokens_per_text} tokens/text`]);
      }
    }
    const where = rt.models.map((m) => `${m.id} ${m.executionProvider} ${path.relative(REPO_ROOT, m.onnxPath)}`).join(", ");
    return {
      result,
      rows,
      notes: [
        `embeddings: POST /v1/embeddings (input_type passage) on ${rt.url}: ${where}; texts: ${source} (tokens per text include E5's "passage: "); ` +
          `${seconds}s per case, the models alternating; ${reference ? "" : `${REFERENCE} not fetched, so not measured beside it; `}` +
          `ML_* settings: ${JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("ML_"))))}`,
      ],
    };
  } finally {
    await rt.close();
  }
};

// ---------------------------------------------------------------------------------------------
// tabular: example-binary, runtime (ONNX predict, TypeScript TreeSHAP) vs LightGBM
// ---------------------------------------------------------------------------------------------

const tabular: Part = async ({ seconds, tabularRows }) => {
  const NAME = "example-binary";
  const db = await createTestDatabase("pglite");
  let runtime: MlRuntime | undefined;
  try {
    const trained = await trainModel(exampleBinaryDataset(), { db, by: "bench", reason: "bench models", runtimeUrl: "" });
    const { model: embedder, modelDir } = testModel();
    // No text generation in this runtime: its background model load would compete for the CPU.
    process.env.ML_GENERATION_MODELS ??= "none";
    runtime = await startMlRuntime({ port: 0, host: "127.0.0.1", models: [embedder], defaultModel: embedder, modelDirs: [modelDir], db, tabularPollMs: 0, tabularWorkers: 1, logLevel: process.env.LOG_LEVEL ?? "warn" });
    const stored = (await loadModelVersion(db, NAME, trained.version.version))!;
    const names = stored.features.map((f) => f.name);
    const f = names.length;
    // Fresh rows: the same generator with another seed (missing values included), in the model's column order.
    const fresh = prepareDataset(exampleBinaryDataset({ rows: tabularRows, seed: 20261202 }));
    const x = fresh.x;
    const missingRows = Array.from({ length: tabularRows }, (_, r) => r).filter((r) => x.subarray(r * f, (r + 1) * f).some(Number.isNaN)).length;
    const BATCH = 1_000;
    const body = (from: number, to: number) => ({
      inputs: names.map((name, j) => ({ name, shape: [to - from], datatype: "FP64", data: Array.from({ length: to - from }, (_, i) => (Number.isNaN(x[(from + i) * f + j]!) ? null : x[(from + i) * f + j]!)) })),
    });
    const bodies = Array.from({ length: Math.ceil(tabularRows / BATCH) }, (_, b) => JSON.stringify(body(b * BATCH, Math.min(tabularRows, (b + 1) * BATCH))));
    type Out = { outputs: Array<{ name: string; data: number[] }> };
    const call = async (op: "predict" | "explain", i: number): Promise<Out> => {
      const res = await fetch(`${runtime!.url}/v1/models/${NAME}/${op}`, { method: "POST", headers: { "content-type": "application/json" }, body: bodies[i % bodies.length] });
      if (!res.ok) throw new Error(`${op}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as Out;
    };
    // Every row once: the runtime's contributions and scores, for the comparison with LightGBM.
    const contributions = new Float64Array(tabularRows * (f + 1));
    const scores = new Float64Array(tabularRows);
    for (let b = 0; b < bodies.length; b++) {
      const [explained, predicted] = [await call("explain", b), await call("predict", b)];
      const c = explained.outputs.find((o) => o.name === "contributions")!.data;
      const base = explained.outputs.find((o) => o.name === "base_value")!.data[0]!;
      const n = c.length / f;
      for (let i = 0; i < n; i++) {
        const r = b * BATCH + i;
        for (let j = 0; j < f; j++) contributions[r * (f + 1) + j] = c[i * f + j]!;
        contributions[r * (f + 1) + f] = base;
        scores[r] = predicted.outputs[0]!.data[i]!;
      }
    }
    const rate = async (op: "predict" | "explain") => {
      let rows = 0;
      let i = 0;
      const started = performance.now();
      while (performance.now() - started < seconds * 1000 || i < 3) {
        const out = await call(op, i);
        rows += out.outputs.find((o) => o.name === "score")!.data.length;
        i++;
      }
      return round(rows / ((performance.now() - started) / 1000));
    };
    const predictHttp = await rate("predict");
    const explainHttp = await rate("explain");
    // In the runtime itself (its tabular worker, no HTTP or JSON): every row in one call, best of 3 —
    // in rounds alternating with LightGBM's timed pred_contrib, so that both see the same machine load.
    const served = runtime.tabular!.get(NAME)!;
    const once = async (op: "predict" | "explain") => {
      const started = performance.now();
      if (op === "predict") await runtime!.tabular!.predict(served, x.slice(), tabularRows);
      else await runtime!.tabular!.explain(served, x.slice(), tabularRows);
      return performance.now() - started;
    };
    let predictMs = Infinity;
    let explainMs = Infinity;
    let lgbSeconds = Infinity;
    let lgb: Awaited<ReturnType<typeof lightGbmReference>> | undefined;
    for (let round_ = 0; round_ < 3; round_++) {
      predictMs = Math.min(predictMs, await once("predict"));
      explainMs = Math.min(explainMs, await once("explain"));
      const reference = await lightGbmReference(stored.lightgbmModel!, x, tabularRows, f, { repeat: 1 });
      lgb ??= reference;
      lgbSeconds = Math.min(lgbSeconds, reference.predContribSeconds);
    }
    lgb = { ...lgb!, predContribSeconds: lgbSeconds };
    const predictRate = round(tabularRows / (predictMs / 1000));
    const explainRate = round(tabularRows / (explainMs / 1000));
    let maxDiff = 0;
    for (let i = 0; i < contributions.length; i++) maxDiff = Math.max(maxDiff, Math.abs(contributions[i]! - lgb.contributions[i]!));
    let predictDiff = 0;
    for (let r = 0; r < tabularRows; r++) predictDiff = Math.max(predictDiff, Math.abs(scores[r]! - lgb.predictions[r]!));
    const lgbRate = round(tabularRows / lgb.predContribSeconds);
    const health = runtime.tabular!.get(NAME)!;
    return {
      result: {
        predict_rows_per_s: predictRate,
        explain_rows_per_s: explainRate,
        lightgbm_explain_rows_per_s: lgbRate,
        max_abs_diff_vs_lightgbm: maxDiff,
        predict_http_rows_per_s: predictHttp,
        explain_http_rows_per_s: explainHttp,
        predict_max_abs_diff_vs_lightgbm: predictDiff,
        rows: tabularRows,
        rows_with_missing: missingRows,
        trees: health.info.numTrees,
        max_depth: health.info.maxDepth,
        features: f,
        batch_rows: BATCH,
        lightgbm: lgb.lightgbm,
        via: "*_rows_per_s: the runtime's tabular worker, all rows in one call, best of 3 rounds alternating with LightGBM's Python predict(pred_contrib=True, num_threads=1); *_http_rows_per_s: POST over HTTP, KServe v2 JSON, batches of 1,000",
      },
      rows: [
        ["predict (ONNX, onnxruntime-node)", `${predictRate} rows/s`, `over HTTP ${predictHttp} rows/s`, `max |p - LightGBM p| ${predictDiff.toExponential(2)}`],
        ["explain (TreeSHAP, TypeScript)", `${explainRate} rows/s`, `over HTTP ${explainHttp} rows/s`, `max |contribution - LightGBM| ${maxDiff.toExponential(2)}`],
        ["explain (LightGBM pred_contrib, 1 thread)", `${lgbRate} rows/s`, "", `best of 3 rounds on the same ${tabularRows} rows, alternating with the runtime`],
      ],
      notes: [
        `tabular: ${NAME} v${trained.version.version} (${health.info.numTrees} trees, depth ≤ ${health.info.maxDepth}, ${f} features, held-out AUC ${round(trained.metrics.candidate.auc ?? NaN, 4)}); ` +
          `${tabularRows} fresh rows, ${missingRows} with missing values; batches of ${BATCH} rows over HTTP for ${seconds}s per op; one tabular worker thread (one core, like LightGBM's one thread; the runtime's default ML_TABULAR_WORKERS=min(2, cores) splits large requests across two)`,
      ],
    };
  } finally {
    await runtime?.close();
    await db.drop();
  }
};

// ---------------------------------------------------------------------------------------------
// generation: GGUF models through POST /v1/chat/completions (streamed), at 1 and 4 concurrent
// ---------------------------------------------------------------------------------------------

const TOPICS = [
  "distributed databases", "vector search", "sales forecasting", "customer onboarding", "data privacy", "cloud migration",
  "recommendation systems", "lead scoring", "contract renewals", "support tickets", "team hiring", "pricing pages",
  "API design", "incident reviews", "product roadmaps", "market research", "churn analysis", "knowledge bases",
  "batch jobs", "caching", "load balancing", "message queues", "unit tests", "code review",
];

interface Timed {
  firstTokenMs: number;
  tokensPerSecond: number | null;
  completionTokens: number;
  ms: number;
}

/** One streamed completion, timed on the client: first content delta, decode rate after it. */
async function timedCompletion(url: string, model: string, prompt: string, maxTokens: number): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, stream: true, temperature: 0, max_tokens: maxTokens, messages: [{ role: "user", content: prompt }] }),
  });
  if (!res.ok || !res.body) throw new Error(`${model}: HTTP ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let first: number | null = null;
  let completionTokens = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const data = buffer.slice(0, end).replace(/^data: /, "");
      buffer = buffer.slice(end + 2);
      if (data === "[DONE]") continue;
      const chunk = JSON.parse(data) as { choices: { delta?: { content?: string } }[]; usage?: { completion_tokens: number }; error?: { message: string } };
      if (chunk.error) throw new Error(`${model}: ${chunk.error.message}`);
      if (chunk.choices[0]?.delta?.content) first ??= performance.now();
      if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
    }
  }
  const endAt = performance.now();
  const firstAt = first ?? endAt;
  return {
    firstTokenMs: firstAt - started,
    tokensPerSecond: completionTokens > 1 && endAt > firstAt ? (completionTokens - 1) / ((endAt - firstAt) / 1000) : null,
    completionTokens,
    ms: endAt - started,
  };
}

const generation: Part = async ({ genTokens, genRounds, genThreads, genModels }) => {
  const { loadGenerationRegistry, modelSearchPath, resolveGenerationModel } = await import("@matchgraph/ml-runtime");
  const registry = loadGenerationRegistry();
  const searchPath = modelSearchPath((process.env.ML_MODEL_DIR ?? "").split(path.delimiter).filter(Boolean));
  const present: string[] = [];
  const result: Record<string, unknown> = {};
  const rows: string[][] = [];
  for (const id of genModels ?? Object.keys(registry)) {
    try {
      resolveGenerationModel(registry, id, searchPath);
      present.push(id);
    } catch (err) {
      const reason = `not on disk (${(err as Error).message.split("\n")[0]}); run \`npm run models:fetch -- ${id}\``;
      result[id] = { skipped: reason };
      rows.push([id, "skipped", reason]);
    }
  }
  if (!present.length) return { result, rows };
  const { model: embedder, modelDir } = testModel();
  const runtime = await startMlRuntime({
    port: 0,
    host: "127.0.0.1",
    models: [embedder],
    defaultModel: embedder,
    modelDirs: [modelDir],
    generationModels: present,
    generationParallel: 4,
    generationQueue: 16,
    generationThreads: genThreads,
    generationMaxTokens: genTokens,
    logLevel: process.env.LOG_LEVEL ?? "warn",
    readEnv: false,
  });
  let topic = 0;
  const prompt = () => `Write a short paragraph about ${TOPICS[topic++ % TOPICS.length]} for a new colleague.`;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  try {
    // Every model loads (in the background, one after another) before anything is measured.
    await Promise.all(present.map((id) => runtime.generation!.load(id)));
    for (const id of present) {
      const loadS = runtime.generation!.models.get(id)!.loadSeconds ?? NaN;
      await timedCompletion(runtime.url, id, prompt(), 8); // warm-up
      const c1: Timed[] = [];
      for (let i = 0; i < genRounds; i++) c1.push(await timedCompletion(runtime.url, id, prompt(), genTokens));
      const c4: Timed[] = [];
      let c4Wall = 0;
      for (let i = 0; i < genRounds; i++) {
        const started = performance.now();
        c4.push(...(await Promise.all(Array.from({ length: 4 }, () => timedCompletion(runtime.url, id, prompt(), genTokens)))));
        c4Wall += performance.now() - started;
      }
      const rate = (xs: Timed[]) => round(mean(xs.map((t) => t.tokensPerSecond).filter((v): v is number => v !== null)), 2);
      const c4Aggregate = round(c4.reduce((s, t) => s + t.completionTokens, 0) / (c4Wall / 1000), 2);
      const info = runtime.generation!.models.get(id)!;
      result[id] = {
        tokens_per_s: rate(c1),
        first_token_ms: round(p50(c1.map((t) => t.firstTokenMs))),
        c4_tokens_per_s: c4Aggregate,
        c4_per_request_tokens_per_s: rate(c4),
        c4_first_token_ms: round(p50(c4.map((t) => t.firstTokenMs))),
        completion_tokens_mean: round(mean([...c1, ...c4].map((t) => t.completionTokens))),
        load_s: round(loadS, 2),
        device: info.device,
        threads: genThreads,
        via: "ml-runtime HTTP API (streamed chat completions)",
      };
      rows.push(
        [`${id} 1 at a time`, `${rate(c1)} tokens/s`, `first token p50 ${round(p50(c1.map((t) => t.firstTokenMs)))} ms`, `${c1.length} requests`],
        [`${id} 4 at once`, `${c4Aggregate} tokens/s in all (${rate(c4)} each)`, `first token p50 ${round(p50(c4.map((t) => t.firstTokenMs)))} ms`, `${c4.length} requests`],
      );
    }
  } finally {
    await runtime.close();
  }
  return {
    result,
    rows,
    notes: [
      `generation: node-llama-cpp on ${present.map((id) => runtime.generation?.models.get(id)?.device ?? "?").join("/")}, ${genThreads} thread(s) per context, 4 sequences per model; ` +
        `streamed, temperature 0, max_tokens ${genTokens}, ${genRounds} request(s) at 1 and ${genRounds} round(s) of 4; load: ${os.loadavg().map((x) => round(x, 2)).join(", ")}`,
    ],
  };
};

// ---------------------------------------------------------------------------------------------

/** Each part's function; its result goes under its name in the last JSON line. */
const PARTS: Record<string, Part> = { embeddings, tabular, generation };

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      parts: { type: "string" },
      seconds: { type: "string", default: "8" },
      "tabular-rows": { type: "string", default: "5000" },
      "gen-tokens": { type: "string", default: "64" },
      "gen-rounds": { type: "string", default: "2" },
      "gen-threads": { type: "string", default: String(Math.max(1, Math.floor(os.availableParallelism() / 2))) },
      "gen-models": { type: "string" },
    },
  });
  const wanted = values.parts ? values.parts.split(",").map((p) => p.trim()) : Object.keys(PARTS);
  const unknown = wanted.filter((p) => !PARTS[p]);
  if (unknown.length) {
    console.error(`unknown part(s) ${unknown.join(", ")}; parts: ${Object.keys(PARTS).join(", ")}`);
    return 2;
  }
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) {
    console.error("--seconds must be a positive number");
    return 2;
  }
  // The other parts' runtimes read ML_* variables: they load no generation model in the background.
  process.env.ML_GENERATION_MODELS ??= "none";
  const loadStart = os.loadavg().map((x) => round(x, 2));
  console.log(`models bench: parts ${wanted.join(", ")}; cpus ${os.availableParallelism()} (${os.cpus()[0]?.model ?? "?"}), load ${loadStart.join(", ")}`);

  const report: Record<string, Record<string, unknown>> = {};
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const name of wanted) {
    const part = await PARTS[name]!({
      seconds,
      tabularRows: Math.max(1, Number(values["tabular-rows"]) || 5000),
      genTokens: Math.max(2, Number(values["gen-tokens"]) || 64),
      genRounds: Math.max(1, Number(values["gen-rounds"]) || 2),
      genThreads: Math.max(0, Number(values["gen-threads"]) || 1),
      genModels: values["gen-models"]?.split(",").map((m) => m.trim()).filter(Boolean),
    });
    report[name] = part.result;
    rows.push(...part.rows.map((r) => [name, ...r]));
    notes.push(...(part.notes ?? []));
  }

  console.log("");
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  for (const r of rows) console.log(`  ${r.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`);
  for (const n of notes) console.log(`note: ${n}`);

  const outDir = path.join(REPO_ROOT, "bench", "results");
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, `models-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(
    out,
    JSON.stringify(
      { bench: "models", at: new Date().toISOString(), env: { node: process.version, cpus: os.availableParallelism(), cpu: os.cpus()[0]?.model, loadavg_start: loadStart, loadavg_end: os.loadavg().map((x) => round(x, 2)) }, notes, ...report },
      null,
      2,
    ),
  );
  console.log(`results: ${out}`);
  console.log(JSON.stringify(report));
  return 0;
}
