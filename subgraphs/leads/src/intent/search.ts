/**
 * The intent model: prompt → the K leads most likely to buy, each with its score explained.
 *
 *   parse (F-1) → SQL retrieval with BM25 intent (F-2, F-5…F-7) and progressive relaxation
 *   until ≥ 4×K candidates (technologies, then employee range, then countries, then industries;
 *   NOT clauses never), all in one round trip with BM25 scored once → exemplar ANN (F-2b:
 *   HNSW neighbours of the named companies) → fit, intent, final score (F-3) → company
 *   collapse (highest fit per company) → weak-evidence judging (F-5 LLM for at most 30% of the
 *   answer, F-10 cold start otherwise) → trim to K (F-4) → snippets that counted.
 *
 * Repeated prompts cost one LRU lookup: whole results are cached by (normalised prompt, k, data
 * version); every write that can change a result bumps the version.
 */
import { randomUUID } from "node:crypto";
import type { LRUCache } from "lru-cache";
import { z } from "zod";
import { nearestIds, parseInput, requiredText, topK, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { LEAD_TABLE } from "../db/leads.js";
import { resolveExemplars, retrieveCandidates, snippetsByIds, snippetsOfLeads, type Bm25Params, type CandidateRow, type Exclusions, type LevelFilter, type SnippetRow } from "../db/intent.js";
import { normalize, type LeadQuery } from "../parser/rules.js";
import { PRODUCT_CATEGORIES } from "../parser/vocabulary.js";
import { parseLeadPrompt } from "../parser/index.js";
import { words } from "./text.js";
import { checkRate, loadReputation, logQuery, recordQuality, type LoggedHit } from "./querylog.js";
import { intentRuntime, type IntentRuntime } from "./runtime.js";
import type { IntentConfig } from "./config.js";
import { judgeWithLlm, type ColdStartFeatures, type Scorer } from "./scorers.js";

export const PROMPT_MAX = 2000;
// Built once: zod compiles a schema on its first parse, so a schema built per call costs that every time.
const promptInput = z.object({ prompt: requiredText(PROMPT_MAX) });

/** The order in which filters are given up when too few leads pass them all. */
export const RELAXATION_ORDER = ["technologies", "employees", "countries", "industries"] as const;
export type FilterName = (typeof RELAXATION_ORDER)[number];
/** Weights of the filters in the fit score (of those the prompt set). */
export const FIT_WEIGHTS: Record<FilterName, number> = { industries: 0.35, countries: 0.25, employees: 0.2, technologies: 0.2 };

export interface ScoredSnippet {
  id: string;
  source: string;
  text: string;
  observedAt: Date;
  minerId: string | null;
}

export interface LeadExplanation {
  fit: number;
  filterFit: number;
  exemplarSimilarity: number | null;
  bm25: number;
  /** Σ BM25 × decay / Σ BM25 (1: all evidence fresh). */
  decay: number;
  jobPostingBoost: number;
  churnBoost: number;
  intent: number;
  weightFit: number;
  weightIntent: number;
  scorer: Scorer;
  llmLikelihood: number | null;
  coldStartLikelihood: number | null;
  costUsd: number;
}

export interface LeadMatch {
  lead: CandidateRow;
  score: number;
  filtersMet: FilterName[];
  filtersRelaxed: FilterName[];
  explanation: LeadExplanation;
  snippets: ScoredSnippet[];
}

export interface LeadSearch {
  queryId: string;
  query: LeadQuery;
  hits: LeadMatch[];
  relaxedFilters: FilterName[];
  candidates: number;
  costUsd: number;
  llmCalls: number;
  cached: boolean;
}

interface Cached {
  query: LeadQuery;
  hits: LeadMatch[];
  relaxedFilters: FilterName[];
  candidates: number;
  costUsd: number;
  llmCalls: number;
  computedAt: number;
  /** What every query answered with this result logs: its hits and parse, serialised once. */
  log: { parsed: string; quality: number; hits: LoggedHit[] };
}

/** BM25 query terms: the product's words and its categories' snippet vocabulary. */
export function queryTerms(query: LeadQuery, prompt: string): string[] {
  const terms = new Set<string>();
  for (const id of query.intentTopics) for (const t of PRODUCT_CATEGORIES.find((c) => c.id === id)?.terms ?? []) for (const w of words(t)) terms.add(w);
  if (query.product) for (const w of words(query.product)) terms.add(w);
  if (terms.size === 0) for (const w of words(prompt)) terms.add(w);
  return [...terms].slice(0, 32);
}

function filtersOf(q: LeadQuery): Record<FilterName, boolean> {
  return {
    industries: q.industries.length > 0,
    countries: q.countries.length > 0,
    employees: q.employeeMin !== null || q.employeeMax !== null,
    technologies: q.technologies.length > 0,
  };
}

/** The prompt's positive filters in relaxation order, as SQL retrieval applies them level by level. */
function levelFilters(q: LeadQuery, present: Record<FilterName, boolean>): Array<{ name: FilterName; filter: LevelFilter }> {
  const of: Record<FilterName, LevelFilter> = {
    technologies: { kind: "technologies", values: q.technologies },
    employees: { kind: "employees", min: q.employeeMin, max: q.employeeMax },
    countries: { kind: "countries", values: q.countries },
    industries: { kind: "industries", values: q.industries },
  };
  return RELAXATION_ORDER.filter((name) => present[name]).map((name) => ({ name, filter: of[name] }));
}

function met(q: LeadQuery, row: CandidateRow): Record<FilterName, boolean> {
  return {
    industries: !!row.industry && q.industries.includes(row.industry as never),
    countries: !!row.country && q.countries.includes(row.country),
    employees: row.employeeCount !== null && (q.employeeMin === null || row.employeeCount >= q.employeeMin) && (q.employeeMax === null || row.employeeCount <= q.employeeMax),
    technologies: row.technologies.some((t) => q.technologies.includes(t as never)),
  };
}

/** Company key for collapse: lowercase, accents, punctuation and legal forms removed. */
export function companyKey(name: string): string {
  return normalize(name)
    .replace(/[^a-z0-9 ]/g, " ")
    .replace(/\b(inc|ltd|llc|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|plc|corp|corporation|co|company|group|holding|se|oy|ab|as|kg)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const inflight = new Map<string, Promise<Cached>>();
const REFRESHING = 2;
let refreshing = 0;

const submitterOf = (ctx: SubgraphContext) => ctx.identity?.userId ?? "anonymous";

export async function findLeads(ctx: SubgraphContext, args: { prompt: unknown; k: unknown }, runtime: IntentRuntime = intentRuntime()): Promise<LeadSearch> {
  const prompt = parseInput(promptInput, { prompt: args.prompt }).prompt;
  const k = parseInput(topK, args.k);
  const submitter = submitterOf(ctx);
  await loadReputation(ctx.db, runtime, submitter);
  checkRate(runtime, submitter);

  const key = `${runtime.dataVersion}|${k}|${normalize(prompt).replace(/\s+/g, " ").trim()}`;
  // Single flight: identical searches arriving while one computes wait for it instead of computing again.
  const compute = (): Promise<Cached> => {
    let flight = inflight.get(key);
    if (!flight) {
      const version = runtime.dataVersion;
      flight = search(ctx, prompt, k, runtime)
        .then((r) => {
          if (runtime.dataVersion === version) runtime.resultCache.set(key, r);
          return r;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, flight);
    }
    return flight;
  };
  const status: LRUCache.Status<string, object> = {};
  let result = runtime.resultCache.get(key, { allowStale: true, status }) as Cached | undefined;
  const stale = !!result && status.get === "stale";
  if (result && stale) {
    // Past its TTL with nothing written since (the key carries the data version): it answers while
    // one search refreshes it, so a hot prompt never makes its callers wait for its recomputation.
    // At most REFRESHING refreshes at a time (many entries expire together): the others answer stale a little longer.
    if (Date.now() - result.computedAt < 2 * runtime.config.resultCacheTtlMs) {
      if (!inflight.has(key) && refreshing < REFRESHING) {
        refreshing++;
        void compute()
          .catch(() => undefined)
          .finally(() => refreshing--);
      }
    } else result = undefined;
  }
  const cached = !!result;
  runtime.metrics.resultCache.inc({ outcome: cached ? (stale ? "stale" : "hit") : "miss" });
  result ??= await compute();

  const queryId = randomUUID();
  const quality = result.log.quality;
  logQuery(ctx.db, {
    id: queryId,
    submitter,
    prompt,
    parsed: result.log.parsed,
    k,
    quality,
    costUsd: cached ? 0 : result.costUsd,
    llmCalls: cached ? 0 : result.llmCalls,
    hits: result.log.hits,
  });
  await recordQuality(ctx.db, runtime, submitter, quality);
  const { log: _log, computedAt: _at, ...answer } = result;
  return { queryId, ...answer, costUsd: cached ? 0 : result.costUsd, llmCalls: cached ? 0 : result.llmCalls, cached };
}

/** Query quality in [0, 1]: how much of the prompt the parser understood, whether it says what it wants, whether anything came back. */
export function queryQuality(q: LeadQuery, hits: number): number {
  const f = filtersOf(q);
  const specific = Object.values(f).some(Boolean) || q.intentTopics.length > 0 || q.exemplars.length > 0;
  return 0.5 * q.confidence + 0.25 * (specific ? 1 : 0) + 0.25 * (hits > 0 ? 1 : 0);
}

/** What SQL retrieval needs of a parsed prompt: BM25 parameters, NOT clauses, the filters in relaxation order. */
export function retrievalInputs(query: LeadQuery, prompt: string, cfg: IntentConfig, now: Date) {
  const terms = queryTerms(query, prompt);
  const churnTechnologies = [...new Set([...query.technologies, ...query.intentTopics.flatMap((id) => PRODUCT_CATEGORIES.find((c) => c.id === id)?.technologies ?? [])])];
  const bm25: Bm25Params = { terms, k1: cfg.k1, b: cfg.b, halfLifeDays: cfg.halfLifeDays, jobPostingBoost: cfg.jobPostingBoost, churnTechnologies, churnSince: new Date(now.getTime() - cfg.churnWindowDays * 86_400_000), now };
  const exclusions: Exclusions = { industries: query.excludedIndustries, countries: query.excludedCountries, technologies: query.excludedTechnologies };
  const present = filtersOf(query);
  return { bm25, exclusions, present, levels: levelFilters(query, present) };
}

async function search(ctx: SubgraphContext, prompt: string, k: number, runtime: IntentRuntime): Promise<Cached> {
  const cfg = runtime.config;
  const query = await parseLeadPrompt(ctx, prompt, runtime);
  const { bm25, exclusions, present, levels } = retrievalInputs(query, prompt, cfg, new Date());
  const want = 4 * k;

  // F-2: strict first, then relax one filter at a time until ≥ 4×K candidates: one statement
  // scores BM25 once and evaluates every level (retrieveCandidates); "relax" times reading its answer.
  const retrieved = await runtime.time("retrieve", () => retrieveCandidates(ctx.db, levels.map((l) => l.filter), exclusions, bm25, want));
  const byId = new Map<string, CandidateRow>();
  const take = (rows: CandidateRow[]) => rows.forEach((r) => byId.has(r.id) || byId.set(r.id, r));
  const relaxed = runtime.timeSync("relax", () => {
    take(retrieved.rows);
    return new Set<FilterName>(levels.slice(0, retrieved.relaxed).map((l) => l.name));
  });

  // F-2b: exemplars' HNSW neighbours join the candidates (NOT clauses still apply).
  const similarity = new Map<string, number>();
  const exemplarIds = new Set<string>();
  if (query.exemplars.length) {
    await runtime.time("exemplar_ann", async () => {
      const exemplars = await resolveExemplars(ctx.db, query.exemplars);
      for (const e of exemplars) {
        exemplarIds.add(e.id);
        const vector = e.vector.slice(1, -1).split(",").map(Number);
        for (const hit of await nearestIds(ctx.db, LEAD_TABLE, { vector, model: e.model }, want)) {
          similarity.set(hit.id, Math.max(similarity.get(hit.id) ?? -1, hit.score));
        }
      }
      const ids = [...similarity.keys()].filter((id) => !byId.has(id) && !exemplarIds.has(id));
      if (ids.length) take((await retrieveCandidates(ctx.db, [], exclusions, bm25, ids.length, ids)).rows);
    });
  }

  // F-3: fit, intent, score; company collapse keeps the highest fit per company.
  const scored = runtime.timeSync("bm25", () => {
    const weightSum = RELAXATION_ORDER.filter((f) => present[f]).reduce((s, f) => s + FIT_WEIGHTS[f], 0);
    const out: LeadMatch[] = [];
    for (const row of byId.values()) {
      if (exemplarIds.has(row.id)) continue;
      const m = met(query, row);
      const filterFit = weightSum > 0 ? RELAXATION_ORDER.filter((f) => present[f] && m[f]).reduce((s, f) => s + FIT_WEIGHTS[f], 0) / weightSum : 1;
      const sim = query.exemplars.length ? Math.max(0, similarity.get(row.id) ?? 0) : null;
      const fit = sim === null ? filterFit : 0.5 * filterFit + 0.5 * sim;
      const churnBoost = row.churn ? cfg.churnBoost : 1;
      const raw = row.boosted * churnBoost;
      const intent = raw / (raw + cfg.saturation);
      out.push({
        lead: row,
        score: cfg.weights.fit * fit + cfg.weights.intent * intent,
        filtersMet: RELAXATION_ORDER.filter((f) => present[f] && m[f]),
        filtersRelaxed: RELAXATION_ORDER.filter((f) => relaxed.has(f) && !m[f]),
        explanation: {
          fit,
          filterFit,
          exemplarSimilarity: sim,
          bm25: row.bm25,
          decay: row.bm25 > 0 ? row.decayed / row.bm25 : 1,
          jobPostingBoost: row.decayed > 0 ? row.boosted / row.decayed : 1,
          churnBoost,
          intent,
          weightFit: cfg.weights.fit,
          weightIntent: cfg.weights.intent,
          scorer: "BM25",
          llmLikelihood: null,
          coldStartLikelihood: null,
          costUsd: 0,
        },
        snippets: [],
      });
    }
    const best = new Map<string, LeadMatch>();
    for (const hit of out) {
      const key = companyKey(hit.lead.companyName) || hit.lead.id;
      const cur = best.get(key);
      if (!cur || hit.explanation.fit > cur.explanation.fit || (hit.explanation.fit === cur.explanation.fit && hit.score > cur.score)) best.set(key, hit);
    }
    return [...best.values()].sort(byScore);
  });

  // F-5 / F-10: weak evidence in the answer window is judged by the LLM (≤ 30% of K), else cold start.
  const { costUsd, llmCalls } = await judgeWeak(ctx, runtime, query, prompt, scored, k);

  // F-4: trim to K (the list is sorted; a slice).
  const hits = runtime.timeSync("trim", () => scored.slice(0, k));
  const ids = [...new Set(hits.flatMap((h) => h.lead.topSnippets))];
  const snippets = new Map((await snippetsByIds(ctx.db, ids)).map((s) => [s.id, s]));
  for (const h of hits) {
    h.snippets = h.lead.topSnippets.map((id) => snippets.get(id)).filter((s): s is SnippetRow => !!s).map((s) => ({ id: s.id, source: s.source, text: s.text, observedAt: s.observedAt, minerId: s.minerId }));
    runtime.metrics.llmHit.inc({ scorer: h.explanation.scorer });
    runtime.metrics.leadCost.observe(h.explanation.costUsd);
  }
  runtime.metrics.queryCost.observe(costUsd);
  const log = {
    parsed: JSON.stringify(query),
    quality: queryQuality(query, hits.length),
    hits: hits.map((h, rank) => ({
      leadId: h.lead.id,
      rank: rank + 1,
      minerIds: `{${[...new Set(h.snippets.map((s) => s.minerId).filter((m): m is string => !!m))].join(",")}}`,
      features: JSON.stringify(coldStartFeatures(h)),
      llmLikelihood: h.explanation.llmLikelihood,
    })),
  };
  return { query, hits, relaxedFilters: RELAXATION_ORDER.filter((f) => relaxed.has(f)), candidates: byId.size, costUsd, llmCalls, computedAt: Date.now(), log };
}

/** What the cold-start model reads of a hit (also stored with each returned hit: its training set). */
export function coldStartFeatures(h: LeadMatch): ColdStartFeatures {
  return {
    bm25: h.lead.bm25,
    decayed: h.lead.decayed,
    snippets: h.lead.topSnippets.length,
    hasJobPosting: h.lead.hasJobPosting ? 1 : 0,
    churn: h.lead.churn ? 1 : 0,
    fit: h.explanation.fit,
    employeeLog: Math.log10(1 + (h.lead.employeeCount ?? 0)),
  };
}

const byScore = (a: LeadMatch, b: LeadMatch) => b.score - a.score || (a.lead.id < b.lead.id ? -1 : 1);

async function judgeWeak(ctx: SubgraphContext, runtime: IntentRuntime, query: LeadQuery, prompt: string, ranked: LeadMatch[], k: number): Promise<{ costUsd: number; llmCalls: number }> {
  const cfg = runtime.config;
  if (!runtime.llm && !runtime.coldStart) return { costUsd: 0, llmCalls: 0 };
  const window = ranked.slice(0, k);
  const weak = window.filter((h) => h.lead.decayed < cfg.weakIntent);
  if (weak.length === 0) return { costUsd: 0, llmCalls: 0 };
  const llmCap = Math.floor(cfg.llmMaxShare * k);
  let costUsd = 0;
  let llmCalls = 0;
  const rest: LeadMatch[] = [];
  if (runtime.llm && llmCap > 0) {
    const toJudge = weak.slice(0, llmCap);
    rest.push(...weak.slice(llmCap));
    const evidence = await snippetsOfLeads(ctx.db, toJudge.map((h) => h.lead.id), 5);
    const judged = await runtime.time("llm", () =>
      Promise.all(
        toJudge.map((h) =>
          judgeWithLlm(runtime, { product: query.product ?? prompt, company: h.lead.companyName, snippets: evidence.filter((s) => s.leadId === h.lead.id && !s.duplicateOf).map((s) => s.text), requestId: ctx.requestId }),
        ),
      ),
    );
    judged.forEach((j, i) => {
      const h = toJudge[i]!;
      if (!j) return void rest.push(h);
      llmCalls++;
      costUsd += j.costUsd;
      setIntent(h, j.likelihood, "LLM", j.costUsd, runtime);
    });
  } else rest.push(...weak);
  if (rest.length && runtime.coldStart) {
    const scorer = runtime.coldStart;
    const probs = await runtime.time("cold_start", () =>
      scorer
        .score(
          rest.map(coldStartFeatures),
          ctx,
        )
        .catch(() => null),
    );
    probs?.forEach((p, i) => setIntent(rest[i]!, p, "COLD_START", 0, runtime));
  }
  ranked.sort(byScore);
  return { costUsd, llmCalls };
}

function setIntent(h: LeadMatch, likelihood: number, scorer: Scorer, costUsd: number, runtime: IntentRuntime): void {
  const e = h.explanation;
  e.scorer = scorer;
  e.costUsd = costUsd;
  if (scorer === "LLM") e.llmLikelihood = likelihood;
  else e.coldStartLikelihood = likelihood;
  // Judged evidence never lowers what BM25 found.
  e.intent = Math.max(e.intent, likelihood);
  h.score = runtime.config.weights.fit * e.fit + runtime.config.weights.intent * e.intent;
}
