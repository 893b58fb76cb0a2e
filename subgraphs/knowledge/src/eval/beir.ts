/**
 * BEIR evaluation: ingests a BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv)
 * into its own collection `beir-<name>`, runs every judged query in each search mode and scores
 * the rankings (nDCG@10, Recall@100, MRR@10). Queries are read from their `text` only.
 */
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { openDatabase, Prisma, type Database } from "@matchgraph/db";
import { startMlRuntime, type MlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { embeddingText, LIMITS, queryVector } from "@matchgraph/subgraph-kit";
import { CHUNK_TABLE } from "../db/knowledge.js";
import { chunkText, type ChunkOptions } from "../service/chunker.js";
import { sha256 } from "../service/ingest.js";
import { MAX_QUERY_CHARS, MIN_CANDIDATES, RRF_K, rankChunks, SEARCH_MODES, type SearchMode } from "../service/search.js";
import { bestChunkPerDoc, evaluateRun, type Metrics, type Qrels } from "./metrics.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const EVAL_K = 100;
const DOC_BATCH = 128;
const VECTOR_BATCH = 100;

export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

export interface BeirQuery {
  id: string;
  text: string;
}

export interface BeirSet {
  name: string;
  corpus: BeirDoc[];
  queries: BeirQuery[];
  qrels: Qrels;
}

export interface BeirEvalOptions {
  folder: string;
  modes?: SearchMode[];
  split?: string;
  /** Embedding model id; default all-MiniLM-L6-v2 when found, else USE-Lite. */
  model?: string;
  limitQueries?: number;
  rrfK?: number;
  depth?: number;
  lexical?: "idf" | "cd";
  /** Keep the collection when it already holds this corpus embedded with the model (a persistent DATABASE_URL). */
  reuse?: boolean;
  /** Result JSON file; default bench/results/knowledge-eval-<name>-<model>-<time>.json; null: none. */
  out?: string | null;
  /** Table and final JSON line. */
  print?: (line: string) => void;
  /** Progress. */
  progress?: (line: string) => void;
}

export interface BeirEvalResult {
  dataset: string;
  split: string;
  model: string;
  collection: string;
  docs: number;
  chunks: number;
  queries: number;
  ingest_s: number;
  chunks_per_s: number;
  rrf_k: number;
  depth: number;
  ms_per_query: Partial<Record<SearchMode, number>>;
  metrics: Partial<Record<SearchMode, Metrics>>;
  outFile: string | null;
}

async function* jsonLines(path: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${path}:${n}: not a JSON object`);
    yield value as Record<string, unknown>;
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** Reads a BEIR folder; only the judged queries of `split` (in qrels order), at most `limitQueries`. */
export async function loadBeir(folder: string, split = "test", limitQueries?: number): Promise<BeirSet> {
  const files = { corpus: join(folder, "corpus.jsonl"), queries: join(folder, "queries.jsonl"), qrels: join(folder, "qrels", `${split}.tsv`) };
  for (const [what, path] of Object.entries(files)) if (!existsSync(path)) throw new Error(`BEIR ${what} file not found: ${path}`);

  const qrels: Qrels = new Map();
  const lines = createInterface({ input: createReadStream(files.qrels, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    const [qid, docId, score] = line.split("\t");
    if (!qid || !docId || score === undefined || !/^-?\d+$/.test(score.trim())) continue; // header, blank lines
    const judged = qrels.get(qid) ?? new Map<string, number>();
    judged.set(docId, Number(score));
    qrels.set(qid, judged);
  }

  const texts = new Map<string, string>();
  // Queries: `_id` and `text` only; anything else on the line (metadata) is never looked at.
  for await (const q of jsonLines(files.queries)) texts.set(str(q._id), str(q.text));
  let queries = [...qrels.keys()].filter((id) => texts.has(id)).map((id) => ({ id, text: texts.get(id)! }));
  if (limitQueries !== undefined) queries = queries.slice(0, limitQueries);
  const kept = new Set(queries.map((q) => q.id));
  for (const id of [...qrels.keys()]) if (!kept.has(id)) qrels.delete(id);

  const corpus: BeirDoc[] = [];
  for await (const d of jsonLines(files.corpus)) corpus.push({ id: str(d._id), title: str(d.title).trim(), text: str(d.text) });
  return { name: basename(resolve(folder)).replace(/^beir-/, ""), corpus, queries, qrels };
}

/** Models found on this machine: all-MiniLM-L6-v2 when present, else USE-Lite. */
export function modelSearch(): { modelDirs: string[]; defaultModel: string } {
  const modelDirs = [...(process.env.ML_MODEL_DIR ?? "").split(":").filter(Boolean), join(REPO_ROOT, "..", "shared", "models")];
  const cache = join(REPO_ROOT, ".cache", "models");
  const has = (id: string) => [...modelDirs, cache].some((d) => existsSync(join(d, id)));
  return { modelDirs, defaultModel: has("all-minilm-l6-v2") ? "all-minilm-l6-v2" : "universal-sentence-encoder-lite" };
}

/**
 * Writes the corpus as sources (uri = document id, title = document title) with their chunks
 * (the chunker on the text, the title as heading) and vectors; replaces an earlier copy of the
 * collection. Returns chunk id → document id.
 */
/**
 * The collection's chunk id → document id when it already holds exactly this corpus (same
 * document ids and content hashes), every chunk embedded with `model`; null otherwise.
 */
export async function existingCorpus(db: Database, model: string, collection: string, corpus: BeirDoc[]): Promise<Map<string, string> | null> {
  const sources = await db.prisma.knowledgeSource.findMany({ where: { collection }, select: { uri: true, contentHash: true } });
  if (sources.length !== corpus.length) return null;
  const hashes = new Map(sources.map((s) => [s.uri, s.contentHash]));
  if (corpus.some((d) => hashes.get(d.id) !== sha256(d.text))) return null;
  const rows = await db.prisma.$queryRaw<Array<{ id: string; doc: string; model: string | null }>>`
    SELECT c.id::text AS id, s.uri AS doc, c.embedding_model AS model
    FROM ${CHUNK_TABLE} AS c JOIN knowledge.source AS s ON s.id = c.source_id
    WHERE s.collection = ${collection}`;
  if (rows.some((r) => r.model !== model)) return null;
  return new Map(rows.map((r) => [r.id, r.doc]));
}

/** Embeds passages (the ingestion path: the runtime in-process, no HTTP). */
export type EmbedPassages = (texts: string[]) => Promise<number[][]>;

/** In-process passage embedding through the runtime's own queue and worker. */
export function runtimeEmbedder(runtime: MlRuntime, model: string): EmbedPassages {
  return async (texts) => (await runtime.embed(texts, { model, inputType: "passage" })).embeddings.map((v) => Array.from(v));
}

export async function ingestCorpus(
  db: Database,
  embedPassages: EmbedPassages,
  model: string,
  collection: string,
  corpus: BeirDoc[],
  progress: (line: string) => void = () => {},
  chunkOptions: ChunkOptions = {},
): Promise<Map<string, string>> {
  await db.prisma.knowledgeSource.deleteMany({ where: { collection } });
  const docOf = new Map<string, string>();
  const started = performance.now();
  for (let i = 0; i < corpus.length; i += DOC_BATCH) {
    const docs = corpus.slice(i, i + DOC_BATCH);
    const sources = docs.map((doc) => ({ id: randomUUID(), doc, chunks: chunkText(doc.text, "text/plain", chunkOptions) }));
    const rows = sources.flatMap(({ id: sourceId, doc, chunks }) =>
      chunks.map((c) => ({ ...c, id: randomUUID(), sourceId, headingPath: doc.title ? [doc.title] : [], docId: doc.id })),
    );
    const vectors = await embedPassages(rows.map((r) => embeddingText(r.headingPath.join(" > "), r.text).slice(0, LIMITS.text)));
    await db.prisma.$transaction(
      async (tx) => {
        await tx.knowledgeSource.createMany({
          data: sources.map(({ id, doc }) => ({
            id,
            title: (doc.title || doc.id).slice(0, LIMITS.name),
            uri: doc.id,
            mimeType: "text/plain",
            contentHash: sha256(doc.text),
            collection,
          })),
        });
        await tx.knowledgeChunk.createMany({ data: rows.map(({ docId: _docId, ...r }) => r) });
        for (let j = 0; j < rows.length; j += VECTOR_BATCH) {
          const values = rows.slice(j, j + VECTOR_BATCH).map((r, x) => Prisma.sql`(${r.id}::uuid, ${queryVector(vectors[j + x]!).value})`);
          await tx.$executeRaw`
            UPDATE ${CHUNK_TABLE} AS c SET embedding = v.embedding, embedding_model = ${model}
            FROM (VALUES ${Prisma.join(values)}) AS v(id, embedding)
            WHERE c.id = v.id`;
        }
      },
      { timeout: 300_000 },
    );
    for (const r of rows) docOf.set(r.id, r.docId);
    const done = Math.min(i + DOC_BATCH, corpus.length);
    const s = (performance.now() - started) / 1000;
    progress(`ingest ${done}/${corpus.length} docs, ${docOf.size} chunks, ${(docOf.size / s).toFixed(0)} chunks/s`);
  }
  return docOf;
}

const fmt = (x: number) => x.toFixed(4);

export function metricsTable(result: Pick<BeirEvalResult, "metrics" | "ms_per_query">): string {
  const rows = [["mode", "nDCG@10", "Recall@100", "MRR@10", "ms/query"]];
  for (const [mode, m] of Object.entries(result.metrics) as Array<[SearchMode, Metrics]>) {
    rows.push([mode, fmt(m.ndcg_at_10), fmt(m.recall_at_100), fmt(m.mrr_at_10), (result.ms_per_query[mode] ?? 0).toFixed(1)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")).join("\n");
}

export async function runBeirEval(opts: BeirEvalOptions): Promise<BeirEvalResult> {
  const print = opts.print ?? ((line: string) => console.log(line));
  const progress = opts.progress ?? ((line: string) => console.error(line));
  const modes = opts.modes ?? [...SEARCH_MODES];
  const split = opts.split ?? "test";
  const rrfK = opts.rrfK ?? RRF_K;
  const depth = opts.depth ?? MIN_CANDIDATES;

  const set = await loadBeir(opts.folder, split, opts.limitQueries);
  const collection = `beir-${set.name}`;
  progress(`${set.name}: ${set.corpus.length} docs, ${set.queries.length} judged queries (${split})`);

  const { modelDirs, defaultModel } = modelSearch();
  const model = opts.model ?? defaultModel;
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const db = await openDatabase(databaseUrl ? { databaseUrl, migrate: true } : { dataDir: "memory://", migrate: true });
  let runtime: Awaited<ReturnType<typeof startMlRuntime>> | undefined;
  try {
    progress(`database: ${db.describe()}; model ${model}`);
    runtime = await startMlRuntime({ host: "127.0.0.1", port: 0, models: [model], defaultModel: model, modelDirs, logLevel: process.env.LOG_LEVEL || "error" });
    const ml = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: model, timeoutMs: 120_000 });

    const t0 = performance.now();
    const reused = opts.reuse ? await existingCorpus(db, model, collection, set.corpus) : null;
    if (reused) progress(`reusing collection ${collection} (${reused.size} chunks)`);
    const docOf = reused ?? (await ingestCorpus(db, runtimeEmbedder(runtime, model), model, collection, set.corpus, progress));
    const ingestS = (performance.now() - t0) / 1000;

    const ctx = { db, ml };
    const metrics: Partial<Record<SearchMode, Metrics>> = {};
    const msPerQuery: Partial<Record<SearchMode, number>> = {};
    for (const mode of modes) {
      const run = new Map<string, string[]>();
      const t = performance.now();
      for (const q of set.queries) {
        const text = q.text.trim().slice(0, MAX_QUERY_CHARS);
        if (!text) continue;
        const ranked = await rankChunks(ctx, { query: text, k: EVAL_K, mode, filters: { collection } }, { rrfK, depth, lexical: opts.lexical });
        run.set(q.id, bestChunkPerDoc(ranked.map((r) => r.id), docOf));
      }
      msPerQuery[mode] = (performance.now() - t) / Math.max(1, set.queries.length);
      metrics[mode] = evaluateRun(run, set.qrels);
      progress(`${mode}: nDCG@10 ${fmt(metrics[mode].ndcg_at_10)}`);
    }

    const result: BeirEvalResult = {
      dataset: set.name,
      split,
      model,
      collection,
      docs: set.corpus.length,
      chunks: docOf.size,
      queries: set.queries.length,
      ingest_s: Number(ingestS.toFixed(2)),
      chunks_per_s: Number((docOf.size / ingestS).toFixed(1)),
      rrf_k: rrfK,
      depth,
      ms_per_query: msPerQuery,
      metrics,
      outFile: null,
    };
    const outFile =
      opts.out === null
        ? null
        : (opts.out ?? join(REPO_ROOT, "bench", "results", `knowledge-eval-${set.name}-${model}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`));
    if (outFile) {
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, `${JSON.stringify({ ...result, outFile: undefined, at: new Date().toISOString() }, null, 2)}\n`);
      result.outFile = outFile;
    }
    print(`${set.name} (${split}, ${set.queries.length} queries, ${set.corpus.length} docs / ${docOf.size} chunks), model ${model}, RRF k=${rrfK}, depth ${depth}`);
    print(metricsTable(result));
    if (outFile) print(`results: ${outFile}`);
    print(JSON.stringify(metrics));
    return result;
  } finally {
    await runtime?.close();
    await db.close();
  }
}
