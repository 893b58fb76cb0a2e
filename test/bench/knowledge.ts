/**
 * `npm run bench -- knowledge [--chunks 10000] [--queries 200] [--model <id>] [--beir <folder>]`
 *
 * Ingests ≥ --chunks small chunks (the BEIR corpus, default ../shared/datasets/beir-scifact, cut
 * into ~40-word chunks; generated text when the folder is missing) into the collection
 * `bench-knowledge` through the same writer as the BEIR evaluation (embedding included), then
 * times --queries searches per mode (the full service path: ranking, hydration, snippets).
 * DATABASE_URL, else an in-memory PGlite. Prints a table, writes bench/results/knowledge-<time>.json
 * and prints as the LAST stdout line one JSON object.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase } from "@matchgraph/db";
import { startMlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { REPO_ROOT, ingestCorpus, loadBeir, modelSearch, runtimeEmbedder, type BeirDoc } from "../../subgraphs/knowledge/src/eval/beir.js";
import { SEARCH_MODES, searchChunks, type SearchMode } from "../../subgraphs/knowledge/src/service/search.js";

const COLLECTION = "bench-knowledge";
const CHUNK = { maxWords: 40, overlapWords: 5 };
const WORDS = (
  "data model search index vector query latency throughput cluster region storage encryption policy customer " +
  "contract invoice pipeline deploy network protein cell gene therapy dose trial patient risk outcome study"
).split(" ");

function generated(n: number): BeirDoc[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({
    id: `g${i}`,
    title: `Document ${i}`,
    text: Array.from({ length: 6 }, () => `${Array.from({ length: 12 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ")}.`).join(" "),
  }));
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { chunks: { type: "string", default: "10000" }, queries: { type: "string", default: "200" }, model: { type: "string" }, beir: { type: "string" } },
  });
  const wantChunks = Number(values.chunks);
  const nQueries = Number(values.queries);
  const folder = values.beir ?? path.join(REPO_ROOT, "..", "shared", "datasets", "beir-scifact");
  let docs: BeirDoc[];
  let queries: string[];
  if (existsSync(path.join(folder, "corpus.jsonl"))) {
    const set = await loadBeir(folder, "test");
    // Roughly 40 words a chunk: take documents until the chunk count is reached.
    let words = 0;
    docs = [];
    for (const d of set.corpus) {
      if (words / 35 >= wantChunks) break;
      docs.push(d);
      words += d.text.split(/\s+/).length;
    }
    queries = set.queries.map((q) => q.text);
  } else {
    docs = generated(Math.ceil(wantChunks / 2));
    queries = Array.from({ length: nQueries }, (_, i) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 13) % WORDS.length]}`);
  }
  while (queries.length < nQueries) queries.push(...queries);
  queries = queries.slice(0, nQueries);

  const { modelDirs, defaultModel } = modelSearch();
  const model = values.model ?? defaultModel;
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const db = await openDatabase(databaseUrl ? { databaseUrl, migrate: true } : { dataDir: "memory://", migrate: true });
  const runtime = await startMlRuntime({ host: "127.0.0.1", port: 0, models: [model], defaultModel: model, modelDirs, logLevel: "error" });
  try {
    const ml = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: model, timeoutMs: 120_000 });
    const t0 = performance.now();
    const docOf = await ingestCorpus(db, runtimeEmbedder(runtime, model), model, COLLECTION, docs, (l) => console.error(l), CHUNK);
    const ingestS = (performance.now() - t0) / 1000;
    const ctx: SubgraphContext = {
      requestId: "bench",
      identity: null,
      log: createLogger("bench", "error"),
      db,
      ml,
      pubSub: createInProcessPubSub(),
      loader: createLoaderRegistry().loader,
    };
    // Latency as a caller sees it: the query is embedded on every search (no client cache).
    ctx.ml = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: model, cacheSize: 0 });

    const latency: Record<string, { p50_ms: number; p95_ms: number; mean_ms: number }> = {};
    for (const mode of SEARCH_MODES as readonly SearchMode[]) {
      for (const q of queries.slice(0, 10)) await searchChunks(ctx, { query: q, k: 10, mode, filters: { collection: COLLECTION } });
      const times: number[] = [];
      for (const q of queries) {
        ctx.loader = createLoaderRegistry().loader;
        const t = performance.now();
        await searchChunks(ctx, { query: q, k: 10, mode, filters: { collection: COLLECTION } });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      latency[mode] = { p50_ms: +pct(times, 50).toFixed(1), p95_ms: +pct(times, 95).toFixed(1), mean_ms: +(times.reduce((s, x) => s + x, 0) / times.length).toFixed(1) };
    }

    const result = {
      benchmark: "knowledge",
      database: db.describe(),
      model,
      cpus: os.cpus().length,
      docs: docs.length,
      chunks: docOf.size,
      queries: queries.length,
      ingest_s: +ingestS.toFixed(1),
      pages_per_s: +(docs.length / ingestS).toFixed(1),
      chunks_per_s: +(docOf.size / ingestS).toFixed(1),
      latency,
    };
    console.log(`knowledge bench: ${result.chunks} chunks (${result.docs} docs) on ${result.database}, model ${model}, ${result.cpus} CPUs`);
    console.log(`ingestion: ${result.chunks_per_s} chunks/s, ${result.pages_per_s} pages(docs)/s, embedding included (${result.ingest_s} s)`);
    console.log(["mode    ", "p50 ms", "p95 ms", "mean ms"].join("  "));
    for (const [mode, l] of Object.entries(latency)) console.log([mode.padEnd(8), String(l.p50_ms).padStart(6), String(l.p95_ms).padStart(6), String(l.mean_ms).padStart(7)].join("  "));
    const outDir = path.join(REPO_ROOT, "bench", "results");
    await mkdir(outDir, { recursive: true });
    const out = path.join(outDir, `knowledge-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await writeFile(out, `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`);
    console.log(`results: ${out}`);
    await db.prisma.knowledgeSource.deleteMany({ where: { collection: COLLECTION } });
    console.log(JSON.stringify(result));
    return 0;
  } finally {
    await runtime.close();
    await db.close();
  }
}
