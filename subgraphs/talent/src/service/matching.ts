import { z } from "zod";
import { markDegraded, notFound, parseInput, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
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
import { MATCHES_CHANGED, MatchCache, type MatchesChanged } from "./cache.js";

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

export const matchCache = new MatchCache<{ ids: string[]; results: ScoredPair[]; source: MatchSource; modelVersion: number | null }>();

/** Tells every replica (and this one) that matches involving `change` are stale. */
export function publishMatchesChanged(ctx: Pick<SubgraphContext, "pubSub">, change: MatchesChanged): void {
  matchCache.invalidate(change);
  ctx.pubSub.publish(MATCHES_CHANGED, change);
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

const round = (x: number) => Math.round(x * 1000) / 1000;

function ranked<R extends { id: string }>(rows: R[], results: ScoredPair[], limit: number, minScore: number): Array<MatchOf<R>> {
  return rows
    .map((row, i) => ({ row, result: results[i]! }))
    .filter((m) => m.result.score >= minScore)
    .sort((a, b) => b.result.score - a.result.score || a.row.id.localeCompare(b.row.id))
    .slice(0, limit);
}

async function remember(ctx: SubgraphContext, talentSide: boolean, queryId: string, matches: Array<MatchOf<{ id: string }>>): Promise<void> {
  try {
    await storeResults(
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
    );
  } catch (err) {
    // The answer does not depend on the stored copy.
    ctx.log.warn({ err }, "could not store match results");
  }
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
  const hit = matchCache.get(key);
  if (hit) {
    const rows = await rowsByIds(ctx, "job", hit.ids);
    return { matches: rows.map((row, i) => ({ row: row as JobMatchRow, result: hit.results[i]! })), source: hit.source, modelVersion: hit.modelVersion, processingTimeMs: performance.now() - started, cached: true, viewer };
  }
  const candidates = await candidateJobs(ctx.db, talent, candidatePool(limit), null);
  const profile = talentProfile(talent);
  const features = candidates.map((c) => pairFeatures(profile, jobProfile(c.row), c.similarity));
  const scored = await scorePairs(ctx, features);
  const matches = ranked(candidates.map((c) => c.row), scored.results, limit, minScore);
  await remember(ctx, true, talentId, matches);
  matchCache.set(key, { ids: matches.map((m) => m.row.id), results: matches.map((m) => m.result), source: scored.source, modelVersion: scored.modelVersion });
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
  const hit = matchCache.get(key);
  if (hit) {
    const rows = await rowsByIds(ctx, "talent", hit.ids);
    return { matches: rows.map((row, i) => ({ row: row as TalentMatchRow, result: hit.results[i]! })), source: hit.source, modelVersion: hit.modelVersion, processingTimeMs: performance.now() - started, cached: true, viewer };
  }
  const candidates = await candidateTalents(ctx.db, job, candidatePool(limit));
  const profile = jobProfile(job);
  const features = candidates.map((c) => pairFeatures(talentProfile(c.row), profile, c.similarity));
  const scored = await scorePairs(ctx, features);
  const matches = ranked(candidates.map((c) => c.row), scored.results, limit, minScore);
  await remember(ctx, false, jobId, matches);
  matchCache.set(key, { ids: matches.map((m) => m.row.id), results: matches.map((m) => m.result), source: scored.source, modelVersion: scored.modelVersion });
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
  await remember(ctx, true, talentId, [{ row: { id: jobId }, result }]);
  return { talent, job, result, processingTimeMs: performance.now() - started, viewer };
}
