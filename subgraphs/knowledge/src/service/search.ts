/**
 * Knowledge search: PostgreSQL full-text ranking (lexical), pgvector ANN (vector), or both fused
 * with reciprocal-rank fusion (hybrid); optional maximal-marginal-relevance re-ranking for
 * diversity. Every hit carries its chunk and source (for the citation) and a highlighted snippet.
 */
import { z } from "zod";
import {
  embedQueryOrDegrade,
  inOrder,
  LIMITS,
  parseInput,
  requiredText,
  topK,
  uuid,
  type DegradableContext,
  type ScoredId,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import { findChunksByIds, findSourcesByIds, type ChunkRow, type SourceRow } from "../db/knowledge.js";
import { chunkVectors, lexicalIdfIds, lexicalIds, vectorIds, type SourceFilters } from "../db/search.js";
import { queryTerms, snippet, termMatches } from "./snippet.js";

export const SEARCH_MODES = ["lexical", "vector", "hybrid"] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];
export const DEFAULT_COLLECTION = "default";

/** Reciprocal-rank fusion constant (Cormack et al. 2009). */
export const RRF_K = 60;
/** Candidates taken from each ranking before fusion: max(MIN_CANDIDATES, k). */
export const MIN_CANDIDATES = 100;
export const MAX_QUERY_CHARS = 1_000;

const dateInput = z.union([z.date(), z.string()]).pipe(z.coerce.date({ error: "must be a date" }));

const filtersSchema = z
  .object({
    sourceIds: z.array(uuid("sourceIds")).min(1, "sourceIds must not be empty").max(LIMITS.k).nullish(),
    tags: z.array(z.string().trim().min(1).max(64)).min(1, "tags must not be empty").max(LIMITS.tags).nullish(),
    createdAfter: dateInput.nullish(),
    createdBefore: dateInput.nullish(),
    collection: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\w.:-]+$/, "collection: letters, digits and . _ : - only")
      .nullish(),
  })
  .strict()
  .nullish();

const searchSchema = z.object({
  query: requiredText(MAX_QUERY_CHARS),
  k: topK.default(10),
  mode: z.enum(SEARCH_MODES, { error: 'mode must be "lexical", "vector" or "hybrid"' }).nullish(),
  filters: filtersSchema,
  diversity: z.number().min(0, "diversity must be between 0 and 1").max(1, "diversity must be between 0 and 1").nullish(),
});

/** Knobs for evaluation and benchmarks; not part of the GraphQL API. */
export interface SearchTuning {
  rrfK?: number;
  /** Candidates per ranking before fusion (at least k). */
  depth?: number;
  /** Lexical ranking of plain (non-websearch) queries: "idf" (default) or plain "cd" (ts_rank_cd). */
  lexical?: "idf" | "cd";
}

export interface SearchInput {
  query: unknown;
  k?: unknown;
  mode?: unknown;
  filters?: unknown;
  diversity?: unknown;
}

export interface RankedChunk {
  id: string;
  /**
   * hybrid: the RRF score (after MMR, still the fused score); lexical: ts_rank_cd; vector: cosine
   * similarity. Degraded (vector or hybrid while the ml-runtime is unavailable): the RRF score of
   * the lexical ranking alone, 1 / (rrfK + lexical rank).
   */
  score: number;
  /** 1-based rank in the lexical / vector candidate list, null when the chunk was not in it. */
  lexicalRank: number | null;
  vectorRank: number | null;
}

export interface SearchHit extends RankedChunk {
  chunk: ChunkRow;
  source: SourceRow;
  /** Plain text around the best matching query words (at most 300 characters). */
  snippet: string;
  /** The same snippet, HTML-escaped, query words wrapped in <mark>…</mark>. */
  highlight: string;
}

interface ParsedSearch {
  query: string;
  k: number;
  mode: SearchMode;
  filters: SourceFilters;
  diversity: number | null;
}

function parseSearch(input: SearchInput): ParsedSearch {
  const p = parseInput(searchSchema, input);
  const f = p.filters ?? {};
  return {
    query: p.query,
    k: p.k,
    mode: p.mode ?? "hybrid",
    diversity: p.diversity ?? null,
    filters: {
      collection: f.collection ?? DEFAULT_COLLECTION,
      sourceIds: f.sourceIds ?? null,
      tags: f.tags ?? null,
      createdAfter: f.createdAfter ?? null,
      createdBefore: f.createdBefore ?? null,
    },
  };
}

// Quotes, a leading minus or an OR between words: the user asked for websearch semantics.
const WEBSEARCH_SYNTAX = /["]|(^|\s)-\S|\sor\s/i;

/**
 * Ranked chunk ids for a search (no hydration): what evaluation and benchmarks measure.
 * VECTOR and HYBRID searches need the query's embedding; while the ml-runtime is unavailable they
 * answer from the lexical ranking alone, fused as HYBRID fuses it (scores 1 / (rrfK + rank)),
 * and mark the request degraded.
 */
export async function rankChunks(ctx: Pick<SubgraphContext, "db"> & DegradableContext, input: SearchInput, tuning: SearchTuning = {}): Promise<RankedChunk[]> {
  const { query, k, filters, diversity, mode: requested } = parseSearch(input);
  const depth = Math.max(k, tuning.depth ?? MIN_CANDIDATES);
  const rrfK = tuning.rrfK ?? RRF_K;
  const rankLexically = () => lexicalRanking(ctx, query, depth, filters, tuning.lexical ?? "idf");

  // The lexical ranking runs while the query is embedded.
  const early = requested === "vector" ? null : rankLexically();
  early?.catch(() => undefined); // awaited below; this only keeps an early failure from being unhandled meanwhile
  const embedded = requested === "lexical" ? null : await embedQueryOrDegrade(ctx, "searchKnowledge", query);
  const mode: SearchMode = requested !== "lexical" && !embedded ? "hybrid" : requested;
  const [lexical, vector] = await Promise.all([
    early ?? (mode === "vector" ? Promise.resolve([]) : rankLexically()),
    embedded ? vectorIds(ctx.db, embedded, depth, filters) : Promise.resolve([]),
  ]);

  let ranked: RankedChunk[];
  if (mode === "hybrid") ranked = reciprocalRankFusion(lexical, vector, rrfK);
  else {
    const list = mode === "lexical" ? lexical : vector;
    ranked = list.map((h, i) => ({
      id: h.id,
      score: h.score,
      lexicalRank: mode === "lexical" ? i + 1 : null,
      vectorRank: mode === "vector" ? i + 1 : null,
    }));
  }
  if (diversity !== null && ranked.length > 1) {
    const vectors = await chunkVectors(ctx.db, ranked.map((r) => r.id));
    return maximalMarginalRelevance(ranked, vectors, diversity, k);
  }
  return ranked.slice(0, k);
}

function lexicalRanking(ctx: Pick<SubgraphContext, "db">, query: string, depth: number, filters: SourceFilters, ranking: "idf" | "cd"): Promise<ScoredId[]> {
  const strict = WEBSEARCH_SYNTAX.test(query);
  if (strict || ranking === "cd") return lexicalIds(ctx.db, query, depth, filters, { strict });
  return lexicalIdfIds(ctx.db, query, depth, filters);
}

/** Searches chunks and returns them with their sources and highlighted snippets. */
export async function searchChunks(ctx: SubgraphContext, input: SearchInput, tuning: SearchTuning = {}): Promise<SearchHit[]> {
  const ranked = await rankChunks(ctx, input, tuning);
  const query = String((input as { query: string }).query).trim();
  const ids = ranked.map((r) => r.id);
  const chunks = new Map(inOrder(ids, await findChunksByIds(ctx.db, ids)).map((c) => [c.id, c]));
  const sources = new Map((await findSourcesByIds(ctx.db, [...new Set([...chunks.values()].map((c) => c.sourceId))])).map((s) => [s.id, s]));
  return ranked.flatMap((r) => {
    const chunk = chunks.get(r.id);
    const source = chunk && sources.get(chunk.sourceId);
    if (!chunk || !source) return [];
    const text = snippet(chunk.text, query);
    return [{ ...r, chunk, source, snippet: text, highlight: highlight(text, query) }];
  });
}

/**
 * Reciprocal-rank fusion: score(d) = Σ 1 / (rrfK + rank(d)) over the rankings that hold d
 * (ranks from 1). Ties: better best rank first, then lexical rank, then id.
 */
export function reciprocalRankFusion(lexical: ScoredId[], vector: ScoredId[], rrfK: number = RRF_K): RankedChunk[] {
  const fused = new Map<string, RankedChunk>();
  const add = (list: ScoredId[], key: "lexicalRank" | "vectorRank") => {
    list.forEach((hit, i) => {
      const entry = fused.get(hit.id) ?? { id: hit.id, score: 0, lexicalRank: null, vectorRank: null };
      if (entry[key] !== null) return; // a ranking listing an id twice counts its best rank only
      entry[key] = i + 1;
      entry.score += 1 / (rrfK + i + 1);
      fused.set(hit.id, entry);
    });
  };
  add(lexical, "lexicalRank");
  add(vector, "vectorRank");
  const best = (r: RankedChunk) => Math.min(r.lexicalRank ?? Infinity, r.vectorRank ?? Infinity);
  return [...fused.values()].sort(
    (a, b) => b.score - a.score || best(a) - best(b) || (a.lexicalRank ?? Infinity) - (b.lexicalRank ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): picks, one at a time, the candidate
 * maximising λ·relevance − (1−λ)·max cosine similarity to those already picked. Relevance is the
 * candidate's score scaled to 0..1 over the candidates (min-max); a candidate without a vector is
 * similar to nothing. λ = 1 keeps the ranking; λ = 0 only spreads.
 */
export function maximalMarginalRelevance(candidates: RankedChunk[], vectors: Map<string, number[]>, lambda: number, k: number): RankedChunk[] {
  if (candidates.length === 0) return [];
  const scores = candidates.map((c) => c.score);
  const max = Math.max(...scores);
  const min = Math.min(...scores);
  const relevance = candidates.map((c) => (max > min ? (c.score - min) / (max - min) : 1));
  const unit = candidates.map((c) => normalise(vectors.get(c.id)));
  const maxSim = candidates.map(() => -Infinity);
  const picked: number[] = [];
  const left = new Set(candidates.map((_, i) => i));
  while (picked.length < k && left.size > 0) {
    let bestIndex = -1;
    let bestValue = -Infinity;
    for (const i of left) {
      const redundancy = picked.length === 0 ? 0 : Math.max(0, maxSim[i]!);
      const value = lambda * relevance[i]! - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    picked.push(bestIndex);
    left.delete(bestIndex);
    const chosen = unit[bestIndex];
    for (const i of left) {
      const sim = chosen && unit[i] ? dot(chosen, unit[i]) : 0;
      if (sim > maxSim[i]!) maxSim[i] = sim;
    }
  }
  return picked.map((i) => candidates[i]!);
}

function normalise(v: number[] | undefined): number[] | undefined {
  if (!v || v.length === 0) return undefined;
  const norm = Math.sqrt(dot(v, v));
  return norm > 0 ? v.map((x) => x / norm) : undefined;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += a[i]! * b[i]!;
  return s;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
const WORD_RE = /[\p{L}\p{N}]+/gu;

/** Same word family: the snippet's rule, or a shared prefix of 5+ characters missing at most 3 of the shorter word ("encrypted" ~ "encryption"). */
function sameStem(word: string, term: string): boolean {
  if (termMatches(word, term)) return true;
  let shared = 0;
  while (shared < word.length && shared < term.length && word[shared] === term[shared]) shared++;
  return shared >= 5 && shared >= Math.min(word.length, term.length) - 3;
}

/** HTML-escapes a snippet and wraps the words that match query terms in <mark>…</mark>. */
export function highlight(text: string, query: string): string {
  const terms = queryTerms(query);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(WORD_RE)) {
    const word = m[0].toLowerCase();
    if (!terms.some((t) => sameStem(word, t))) continue;
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}
