import type { Prisma } from "@matchgraph/db";
import { createContext, type SubgraphServices, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { effectiveness, syncOutcomes } from "./content-feedback.js";
import { rankingSettings } from "./deps.js";
import { auc, score } from "./ranking.js";
import { activeWeights, labelledVotes } from "./weights.js";

export interface LearningMetrics {
  computedAt: string;
  /** Outcomes this run read from the opportunities where content was used. */
  outcomesRecorded: number;
  votesWithFeatures: number;
  /** AUC of the active weights over every vote with features (null without both kinds of vote). */
  activeWeightsAuc: number | null;
  weights: { similarity: number; diligence: number; engagement: number };
  contentByKind: Awaited<ReturnType<typeof effectiveness>>;
}

/** Learning metrics now: how well the active weights order the votes, and how generated content does. */
export async function computeLearningMetrics(ctx: SubgraphContext, outcomesRecorded = 0): Promise<LearningMetrics> {
  const [votes, weights, contentByKind] = await Promise.all([labelledVotes(ctx), activeWeights(ctx), effectiveness(ctx, "kind")]);
  const both = votes.some((v) => v.label === 1) && votes.some((v) => v.label === 0);
  return {
    computedAt: new Date().toISOString(),
    outcomesRecorded,
    votesWithFeatures: votes.length,
    activeWeightsAuc: both ? auc(votes.map((v) => ({ score: score(weights, v.features), label: v.label }))) : null,
    weights,
    contentByKind,
  };
}

/**
 * Reads the outcomes of the opportunities content was used for (through the graph; a failure is
 * logged and the metrics are still computed), computes the metrics and keeps them as a finished
 * job of kind learning-metrics (the history the report reads).
 */
export async function recordLearningMetrics(ctx: SubgraphContext): Promise<LearningMetrics> {
  const outcomes = await syncOutcomes(ctx).catch((err: unknown) => {
    ctx.log.warn({ err }, "could not read opportunity outcomes from the graph");
    return 0;
  });
  const metrics = await computeLearningMetrics(ctx, outcomes);
  await ctx.db.prisma.recommendationJob.create({
    data: { kind: "learning-metrics", status: "done", attempts: 1, result: metrics as unknown as Prisma.InputJsonValue, finishedAt: new Date() },
  });
  return metrics;
}

export async function latestLearningMetrics(ctx: SubgraphContext): Promise<LearningMetrics | null> {
  const row = await ctx.db.prisma.recommendationJob.findFirst({ where: { kind: "learning-metrics", status: "done" }, orderBy: { createdAt: "desc" } });
  return (row?.result as unknown as LearningMetrics | undefined) ?? null;
}

/** The subgraph's schedule: learning metrics every RECOMMEND_LEARNING_INTERVAL_MS (0: never). */
export async function startLearningSchedule(services: SubgraphServices): Promise<() => Promise<void>> {
  const every = rankingSettings().learningIntervalMs;
  if (every === 0) return async () => undefined;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const { ctx } = createContext(services, `learning-metrics-${Date.now()}`, null);
    running = recordLearningMetrics(ctx).catch((err: unknown) => services.log.warn({ err }, "learning metrics failed"));
  }, every);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
