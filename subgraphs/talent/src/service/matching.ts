import { z } from "zod";
import { markDegraded, notFound, parseInput, ResultCache, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import {
  candidateJobs,
  candidateTalents,
  jobForMatching,
  jobProfile,
  pairSimilarity,
  storeResults,
  talentForMatching,
  talentProfile,
  type JobMatchRow,
  type TalentMatchRow,
} from "../db/matching.js";
import { asRow, pairFeatures, type PairFeatures } from "../matching/features.js";
import { explainModel, explainRules, type Explanation } from "../matching/explain.js";
import { ruleScore } from "../matching/rules.js";
import { assertMayExplain, assertMayMatchJob, assertMayMatchTalent, type Viewer } from "./access.js";
import { MATCH_CACHE_MAX, MATCH_CACHE_TTL_MS, MATCHES_CHANGED, matchesAffected, type MatchesChanged } from "./cache.js";

export const MODEL_NAME = "talent-match";
export const MAX_MATCH_LIMIT = 100;
/** Candidates scored per request: twice the asked-for limit (at least 20, at most 200). */
export const candidatePool = (limit: number) => Math.min(200, Math.max(20, 2 * limit));

export type MatchSource = "MODEL" | "FALLBACK";

export interface ScoredPair {
  score: number;
  explanation: Explanation;
  source: MatchSource;
  modelVersion: number | null;
  features: PairFeatures;
}

export interface MatchOf<R> {
  row: R;
  result: ScoredPair;
}

export interface MatchList<R> {
  matches: Array<MatchOf<R>>;
  source: MatchSource;
  modelVersion: number | null;
  processingTimeMs: number;
  cached: boolean;
  viewer: Viewer;
}

const matchArgs = z.object({
  limit: z.number().int("limit must be an integer").min(1, "limit must be at least 1").max(MAX_MATCH_LIMIT, `limit must be at most ${MAX_MATCH_LIMIT}`),
  minScore: z.number().min(0, "minScore must be between 0 and 100").max(100, "minScore must be between 0 and 100"),
});

export const matchCache = new ResultCache<{ ids: string[]; results: ScoredPair[]; source: MatchSource; modelVersion: number | null }, MatchesChanged>({
  max: MATCH_CACHE_MAX,
  ttlMs: MATCH_CACHE_TTL_MS,
  topic: MATCHES_CHANGED,
  affects: matchesAffected,
});

/** Tells every replica (and this one) that matches involving `change` are stale. */
export function publishMatchesChanged(ctx: Pick<SubgraphContext, "pubSub">, change: MatchesChanged): void {
  matchCache.changed(ctx.pubSub, change);
}

/**
 * Scores pairs in one batch: one explain call to the ml-runtime (scores and exact TreeSHAP of the
 * serving `talent-match` version). When the runtime or the model is unavailable — unreachable,
 * no version, a version that does not load — the rule-based matcher answers the same shape with
 * source FALLBACK (and the response says `extensions.degraded`).
 */
export async function scorePairs(ctx: Pick<SubgraphContext, "ml" | "log" | "degraded">, features: PairFeatures[]): Promise<{ results: ScoredPair[]; source: MatchSource; modelVersion: number | null }> {
  if (features.length === 0) return { results: [], source: "MODEL", modelVersion: null };
  try {
    const explained = await ctx.ml.tabular.explain(MODEL_NAME, features.map((f) => asRow(f.values)));
    const results = explained.map((e, i) => {
      const explanation = explainModel(features[i]!.values, features[i]!.facts, e);
      return { score: explanation.score, explanation, source: "MODEL" as const, modelVersion: e.version, features: features[i]! };
    });
    return { results, source: "MODEL", modelVersion: explained[0]?.version ?? null };
  } catch (err) {
    const reason = (err as Error).message;
    markDegraded(ctx, "talentMatching", reason);
    ctx.log.warn({ err: reason, model: MODEL_NAME }, "talent-match model unavailable: the rule-based matcher answers");
    const results = features.map((f) => {
      const explanation = explainRules(f.values, f.facts, ruleScore(f.values));
      return { score: explanation.score, explanation, source: "FALLBACK" as const, modelVersion: null, features: f };
    });
    return { results, source: "FALLBACK", modelVersion: null };
  }
}

/**
 * Scores every candidate and explains only those that can be returned: when there are more
 * candidates than `limit`, one predict call ranks them all (the ONNX graph, cheap) and one explain
 * call gives the exact scores and contributions of the best `limit` (TreeSHAP costs far more per
 * row). The returned scores are the explained ones (the trees in float64); the ONNX ranking agrees
 * with them to about 1e-6. Falls back to the rules like scorePairs.
 */
export async function scoreBest(
  ctx: Pick<SubgraphContext, "ml" | "log" | "degraded">,
  features: PairFeatures[],
  limit: number,
  minScore: number,
): Promise<{ picked: number[]; results: ScoredPair[]; source: MatchSource; modelVersion: number | null }> {
  let picked = features.map((_, i) => i);
  if (features.length > limit) {
    try {
      const predicted = await ctx.ml.tabular.predict(MODEL_NAME, features.map((f) => asRow(f.values)));
      picked = picked
        .filter((i) => predicted[i]!.score >= minScore - 1e-3)
        .sort((a, b) => predicted[b]!.score - predicted[a]!.score || a - b)
        .slice(0, limit);
    } catch {
      // scorePairs below meets the same failure and answers from the rules.
    }
  }
  const scored = await scorePairs(ctx, picked.map((i) => features[i]!));
  return { picked, ...scored };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function ranked<R extends { id: string }>(rows: R[], picked: number[], results: ScoredPair[], limit: number, minScore: number): Array<MatchOf<R>> {
  return picked
    .map((r, i) => ({ row: rows[r]!, result: results[i]! }))
    .filter((m) => m.result.score >= minScore)
    .sort((a, b) => b.result.score - a.result.score || a.row.id.localeCompare(b.row.id))
    .slice(0, limit);
}

/**
 * Keeps the returned matches in talent.match_result (score, sub-scores, factors, source, version)
 * after the answer: the write is not on the request's path; a failure is logged.
 */
function remember(ctx: SubgraphContext, talentSide: boolean, queryId: string, matches: Array<MatchOf<{ id: string }>>): void {
  void storeResults(
      ctx.db,
      matches.map(({ row, result }) => ({
        talentId: talentSide ? queryId : row.id,
        jobId: talentSide ? row.id : queryId,
        score: round(result.score),
        subScores: result.explanation.subScores,
        explanation: { factors: result.explanation.factors, baseValue: result.explanation.baseValue },
        source: result.source,
        modelVersion: result.modelVersion,
      })),
  ).catch((err: unknown) => ctx.log.warn({ err }, "could not store match results"));
}

/** Jobs for a talent, best first: SQL narrows (compatibility, HNSW), the model scores and explains in one batch. */
export async function matchJobs(ctx: SubgraphContext, args: { talentId: unknown; limit: unknown; minScore: unknown }): Promise<MatchList<JobMatchRow>> {
  const started = performance.now();
  const talentId = parseInput(uuid("talentId"), args.talentId);
  const { limit, minScore } = parseInput(matchArgs, { limit: args.limit, minScore: args.minScore });
  const talent = await talentForMatching(ctx.db, talentId);
  if (!talent) throw notFound("Talent", talentId);
  const viewer = assertMayMatchTalent(ctx, talent);
  const key = `job:${talentId}:${limit}:${minScore}`;
  const generation = matchCache.generation;
  const hit = matchCache.get(key);
  if (hit) {
    const rows = await rowsByIds(ctx, "job", hit.ids);
    return { matches: rows.map((row, i) => ({ row: row as JobMatchRow, result: hit.results[i]! })), source: hit.source, modelVersion: hit.modelVersion, processingTimeMs: performance.now() - started, cached: true, viewer };
  }
  const t1 = performance.now();
  const candidates = await candidateJobs(ctx.db, talent, candidatePool(limit), null);
  const t2 = performance.now();
  const profile = talentProfile(talent);
  const features = candidates.map((c) => pairFeatures(profile, jobProfile(c.row), c.similarity));
  const t3 = performance.now();
  const scored = await scoreBest(ctx, features, limit, minScore);
  const t4 = performance.now();
  const matches = ranked(candidates.map((c) => c.row), scored.picked, scored.results, limit, minScore);
  remember(ctx, true, talentId, matches);
  const t5 = performance.now();
  ctx.log.debug({ ms: { talent: t1 - started, candidates: t2 - t1, features: t3 - t2, score: t4 - t3, rest: t5 - t4 }, candidates: candidates.length }, "matchJobs timings");
  matchCache.set(key, { ids: matches.map((m) => m.row.id), results: matches.map((m) => m.result), source: scored.source, modelVersion: scored.modelVersion }, generation);
  return { matches, source: scored.source, modelVersion: scored.modelVersion, processingTimeMs: performance.now() - started, cached: false, viewer };
}

/** Talents for a job, best first (the mirror of matchJobs). */
export async function matchTalents(ctx: SubgraphContext, args: { jobId: unknown; limit: unknown; minScore: unknown }): Promise<MatchList<TalentMatchRow>> {
  const started = performance.now();
  const jobId = parseInput(uuid("jobId"), args.jobId);
  const { limit, minScore } = parseInput(matchArgs, { limit: args.limit, minScore: args.minScore });
  const job = await jobForMatching(ctx.db, jobId);
  if (!job) throw notFound("Job", jobId);
  const viewer = assertMayMatchJob(ctx, job);
  const key = `talent:${jobId}:${limit}:${minScore}`;
  const generation = matchCache.generation;
  const hit = matchCache.get(key);
  if (hit) {
    const rows = await rowsByIds(ctx, "talent", hit.ids);
    return { matches: rows.map((row, i) => ({ row: row as TalentMatchRow, result: hit.results[i]! })), source: hit.source, modelVersion: hit.modelVersion, processingTimeMs: performance.now() - started, cached: true, viewer };
  }
  const t1 = performance.now();
  const candidates = await candidateTalents(ctx.db, job, candidatePool(limit));
  const t2 = performance.now();
  const profile = jobProfile(job);
  const features = candidates.map((c) => pairFeatures(talentProfile(c.row), profile, c.similarity));
  const t3 = performance.now();
  const scored = await scoreBest(ctx, features, limit, minScore);
  const t4 = performance.now();
  const matches = ranked(candidates.map((c) => c.row), scored.picked, scored.results, limit, minScore);
  remember(ctx, false, jobId, matches);
  const t5 = performance.now();
  ctx.log.debug({ ms: { job: t1 - started, candidates: t2 - t1, features: t3 - t2, score: t4 - t3, rest: t5 - t4 }, candidates: candidates.length }, "matchTalents timings");
  matchCache.set(key, { ids: matches.map((m) => m.row.id), results: matches.map((m) => m.result), source: scored.source, modelVersion: scored.modelVersion }, generation);
  return { matches, source: scored.source, modelVersion: scored.modelVersion, processingTimeMs: performance.now() - started, cached: false, viewer };
}

async function rowsByIds(ctx: SubgraphContext, side: "job" | "talent", ids: string[]): Promise<Array<{ id: string }>> {
  const rows = side === "job" ? await ctx.db.prisma.job.findMany({ where: { id: { in: ids } } }) : await ctx.db.prisma.talent.findMany({ where: { id: { in: ids } } });
  const byId = new Map<string, { id: string }>(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is { id: string } => r !== undefined);
}

export interface PairExplanation {
  talent: TalentMatchRow;
  job: JobMatchRow;
  result: ScoredPair;
  processingTimeMs: number;
  viewer: Viewer;
}

/** Any one pair, scored and explained (no candidate filter: an incompatible pair gets its low score and reasons). */
export async function explainMatch(ctx: SubgraphContext, args: { talentId: unknown; jobId: unknown }): Promise<PairExplanation> {
  const started = performance.now();
  const talentId = parseInput(uuid("talentId"), args.talentId);
  const jobId = parseInput(uuid("jobId"), args.jobId);
  const [talent, job] = await Promise.all([talentForMatching(ctx.db, talentId), jobForMatching(ctx.db, jobId)]);
  if (!talent) throw notFound("Talent", talentId);
  if (!job) throw notFound("Job", jobId);
  const viewer = assertMayExplain(ctx, talent, job);
  const similarity = await pairSimilarity(ctx.db, talentId, jobId);
  const features = pairFeatures(talentProfile(talent), jobProfile(job), similarity);
  const scored = await scorePairs(ctx, [features]);
  const result = scored.results[0]!;
  remember(ctx, true, talentId, [{ row: { id: jobId }, result }]);
  return { talent, job, result, processingTimeMs: performance.now() - started, viewer };
}
