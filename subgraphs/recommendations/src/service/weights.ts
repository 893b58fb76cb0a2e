import { conflict, type SubgraphContext } from "@matchgraph/subgraph-kit";
import type { Prisma } from "@matchgraph/db";
import { rankingSettings } from "./deps.js";
import { FEATURE_NAMES, learnWeights, type Features, type LabelledFeatures, type LearnResult, type Weights } from "./ranking.js";

export type WeightsRow = NonNullable<Awaited<ReturnType<SubgraphContext["db"]["prisma"]["rankingWeights"]["findUnique"]>>>;

/** Votes needed before weights are learned. */
export const MIN_VOTES = 20;

/** The active weights: the active version in the database, else the configured ones (RECOMMEND_WEIGHT_*). */
const perRequest = new WeakMap<SubgraphContext, Promise<WeightsRow | null>>();

export async function activeWeights(ctx: SubgraphContext): Promise<Weights> {
  // One read per request, shared by every recommend field of it.
  let pending = perRequest.get(ctx);
  if (!pending) {
    pending = ctx.db.prisma.rankingWeights.findFirst({ where: { active: true } });
    perRequest.set(ctx, pending);
  }
  const active = await pending;
  return active ? { similarity: active.similarity, diligence: active.diligence, engagement: active.engagement } : rankingSettings().weights;
}

export function weightHistory(ctx: SubgraphContext, first = 20): Promise<WeightsRow[]> {
  return ctx.db.prisma.rankingWeights.findMany({ orderBy: { version: "desc" }, take: first });
}

/** Writes the configured weights as version 1 when no version exists yet. */
async function ensureBaseline(tx: Prisma.TransactionClient, userId: string): Promise<WeightsRow> {
  const active = await tx.rankingWeights.findFirst({ where: { active: true } });
  if (active) return active;
  const latest = await tx.rankingWeights.findFirst({ orderBy: { version: "desc" } });
  const w = rankingSettings().weights;
  return tx.rankingWeights.create({ data: { version: (latest?.version ?? 0) + 1, ...w, source: "config", active: true, createdBy: userId, reason: "configured weights (RECOMMEND_WEIGHT_*)" } });
}

/** Up and down votes that recorded the ranking features the item was shown with. */
export async function labelledVotes(ctx: SubgraphContext): Promise<LabelledFeatures[]> {
  const rows = await ctx.db.prisma.recommendationFeedback.findMany({
    where: { signal: { in: ["up", "down"] } },
    select: { id: true, signal: true, features: true },
  });
  return rows
    .filter((r) => r.features && FEATURE_NAMES.every((f) => typeof (r.features as Record<string, unknown>)[f] === "number"))
    .map((r) => ({ id: r.id, features: r.features as unknown as Features, label: r.signal === "up" ? 1 : 0 }));
}

/**
 * Learns new weights from the votes (bounded step, see learnWeights) and stores them as a new
 * version. The version becomes active only when it beats the current weights on the held-out
 * votes; otherwise it is kept inactive with the reason. CONFLICT below MIN_VOTES votes.
 */
export async function learnRankingWeights(ctx: SubgraphContext, userId: string): Promise<{ row: WeightsRow; result: LearnResult }> {
  const votes = await labelledVotes(ctx);
  if (votes.length < MIN_VOTES) throw conflict(`Learning needs at least ${MIN_VOTES} votes with ranking features; there are ${votes.length}`);
  return ctx.db.prisma.$transaction(async (tx) => {
    const current = await ensureBaseline(tx, userId);
    const result = learnWeights({ similarity: current.similarity, diligence: current.diligence, engagement: current.engagement }, votes);
    const latest = await tx.rankingWeights.findFirstOrThrow({ orderBy: { version: "desc" } });
    const metrics = { ...result, previousVersion: current.version } as unknown as Prisma.InputJsonValue;
    if (result.improves) await tx.rankingWeights.update({ where: { version: current.version }, data: { active: false } });
    const row = await tx.rankingWeights.create({
      data: {
        version: latest.version + 1,
        ...result.weights,
        source: "learned",
        active: result.improves,
        metrics,
        reason: result.improves
          ? `held-out AUC ${result.heldOutAuc.toFixed(3)} > ${result.previousHeldOutAuc.toFixed(3)} of version ${current.version}`
          : `kept inactive: held-out AUC ${result.heldOutAuc.toFixed(3)} does not beat ${result.previousHeldOutAuc.toFixed(3)} of version ${current.version}`,
        createdBy: userId,
      },
    });
    return { row, result };
  });
}

/** Returns to the weights that were active before the current version, as a new version (source rollback). */
export async function rollbackRankingWeights(ctx: SubgraphContext, userId: string): Promise<WeightsRow> {
  return ctx.db.prisma.$transaction(async (tx) => {
    const active = await tx.rankingWeights.findFirst({ where: { active: true } });
    const previousVersion = (active?.metrics as { previousVersion?: number } | null)?.previousVersion;
    if (!active || previousVersion === undefined) throw conflict("There is no earlier version to return to");
    const previous = await tx.rankingWeights.findUniqueOrThrow({ where: { version: previousVersion } });
    const latest = await tx.rankingWeights.findFirstOrThrow({ orderBy: { version: "desc" } });
    await tx.rankingWeights.update({ where: { version: active.version }, data: { active: false } });
    const previousOfPrevious = (previous.metrics as { previousVersion?: number } | null)?.previousVersion;
    return tx.rankingWeights.create({
      data: {
        version: latest.version + 1,
        similarity: previous.similarity,
        diligence: previous.diligence,
        engagement: previous.engagement,
        source: "rollback",
        active: true,
        metrics: (previousOfPrevious === undefined ? {} : { previousVersion: previousOfPrevious }) as Prisma.InputJsonValue,
        reason: `rolled back from version ${active.version} to the weights of version ${previous.version}`,
        createdBy: userId,
      },
    });
  });
}
