import { createHash } from "node:crypto";
import { z } from "zod";
import { parseEnv } from "@matchgraph/subgraph-kit";

/** Re-ranking features of an item for a text, each in [0, 1]. */
export interface Features {
  similarity: number;
  diligence: number;
  engagement: number;
}
export type Weights = Features;
export const FEATURE_NAMES = ["similarity", "diligence", "engagement"] as const;

const weight = (name: string, fallback: number) =>
  z.coerce.number({ message: `${name} must be a number` }).min(0, `${name} must be between 0 and 1`).max(1, `${name} must be between 0 and 1`).default(fallback);

/**
 * The re-ranking weights' variables, checked at start-up: each in [0, 1], together summing to 1.
 * A bad value stops the process with a message naming the variable.
 */
export const rankingEnv = z
  .object({
    RECOMMEND_WEIGHT_SIMILARITY: weight("RECOMMEND_WEIGHT_SIMILARITY", 0.7),
    RECOMMEND_WEIGHT_DILIGENCE: weight("RECOMMEND_WEIGHT_DILIGENCE", 0.15),
    RECOMMEND_WEIGHT_ENGAGEMENT: weight("RECOMMEND_WEIGHT_ENGAGEMENT", 0.15),
    /** How often the learning metrics are recomputed (ms); 0 turns the schedule off. */
    RECOMMEND_LEARNING_INTERVAL_MS: z.coerce.number().int().min(0).max(7 * 24 * 3600 * 1000).default(3_600_000),
  })
  .superRefine((env, ctx) => {
    const sum = env.RECOMMEND_WEIGHT_SIMILARITY + env.RECOMMEND_WEIGHT_DILIGENCE + env.RECOMMEND_WEIGHT_ENGAGEMENT;
    if (Math.abs(sum - 1) > 1e-6) {
      ctx.addIssue({
        code: "custom",
        path: ["RECOMMEND_WEIGHT_SIMILARITY"],
        message: `RECOMMEND_WEIGHT_SIMILARITY + RECOMMEND_WEIGHT_DILIGENCE + RECOMMEND_WEIGHT_ENGAGEMENT must sum to 1 (they sum to ${sum})`,
      });
    }
  });
export type RankingEnv = z.infer<typeof rankingEnv>;

export function rankingConfig(environment: NodeJS.ProcessEnv = process.env): { weights: Weights; learningIntervalMs: number } {
  const env = parseEnv(rankingEnv as unknown as z.ZodObject, environment) as RankingEnv;
  return {
    weights: { similarity: env.RECOMMEND_WEIGHT_SIMILARITY, diligence: env.RECOMMEND_WEIGHT_DILIGENCE, engagement: env.RECOMMEND_WEIGHT_ENGAGEMENT },
    learningIntervalMs: env.RECOMMEND_LEARNING_INTERVAL_MS,
  };
}

export const score = (w: Weights, f: Features): number => w.similarity * f.similarity + w.diligence * f.diligence + w.engagement * f.engagement;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * Diligence: how far an item's claims can be trusted — checked by someone (verified), traceable
 * to a source, and a complete profile (a real body and tags).
 */
export function diligence(item: { verified: boolean; sourceUri: string | null; body: string; tags: string[] }): number {
  const completeness = (item.body.length >= 200 ? 0.5 : item.body.length / 400) + (item.tags.length > 0 ? 0.5 : 0);
  return clamp01(0.4 * (item.verified ? 1 : 0) + 0.3 * (item.sourceUri ? 1 : 0) + 0.3 * completeness);
}

/** Engagement: the share of up votes (Laplace-smoothed, so an unrated item scores 0.5) and how recent the item is (90-day decay). */
export function engagement(votes: { up: number; down: number }, updatedAt: Date, now = Date.now()): number {
  const liked = (votes.up + 1) / (votes.up + votes.down + 2);
  const ageDays = Math.max(0, (now - updatedAt.getTime()) / 86_400_000);
  return clamp01(0.7 * liked + 0.3 * Math.exp(-ageDays / 90));
}

/** Area under the ROC curve of the scores of liked (1) against disliked (0) examples; 0.5 when one class is empty. */
export function auc(examples: Array<{ score: number; label: 0 | 1 }>): number {
  const pos = examples.filter((e) => e.label === 1);
  const neg = examples.filter((e) => e.label === 0);
  if (pos.length === 0 || neg.length === 0) return 0.5;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

export interface LabelledFeatures {
  id: string;
  features: Features;
  label: 0 | 1;
}

/** A deterministic split by id: about 30 % of the votes are held out. */
export const isHeldOut = (id: string) => createHash("sha256").update(id).digest()[0]! < 77;

export interface LearnResult {
  weights: Weights;
  trainAuc: number;
  heldOutAuc: number;
  previousTrainAuc: number;
  previousHeldOutAuc: number;
  train: number;
  heldOut: number;
  /** The new weights beat the current ones on held-out votes. */
  improves: boolean;
}

/** Most a learned weight may move from the current one, per learning step. */
export const MAX_STEP = 0.2;
const GRID = 0.05;

/**
 * Learns weights from votes: the point of the simplex (step 0.05, each weight within ±0.2 of the
 * current one) with the best AUC on the training votes (ties: the closest to the current weights).
 * It counts as an improvement only when it also beats the current weights on the held-out votes.
 */
export function learnWeights(current: Weights, votes: LabelledFeatures[]): LearnResult {
  const train = votes.filter((v) => !isHeldOut(v.id));
  const held = votes.filter((v) => isHeldOut(v.id));
  const aucOf = (w: Weights, set: LabelledFeatures[]) => auc(set.map((v) => ({ score: score(w, v.features), label: v.label })));
  let best = current;
  let bestAuc = aucOf(current, train);
  let bestDistance = 0;
  const steps = Math.round(1 / GRID);
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; i + j <= steps; j++) {
      const w = { similarity: i * GRID, diligence: j * GRID, engagement: Math.max(0, 1 - i * GRID - j * GRID) };
      const distance = Math.max(...FEATURE_NAMES.map((f) => Math.abs(w[f] - current[f])));
      if (distance > MAX_STEP + 1e-9) continue;
      const a = aucOf(w, train);
      if (a > bestAuc + 1e-12 || (Math.abs(a - bestAuc) <= 1e-12 && distance < bestDistance)) {
        best = w;
        bestAuc = a;
        bestDistance = distance;
      }
    }
  }
  const rounded = Object.fromEntries(FEATURE_NAMES.map((f) => [f, Math.round(best[f] * 1e6) / 1e6])) as unknown as Weights;
  const fix = 1 - rounded.similarity - rounded.diligence - rounded.engagement;
  rounded.engagement = Math.round((rounded.engagement + fix) * 1e6) / 1e6;
  const heldOutAuc = aucOf(rounded, held);
  const previousHeldOutAuc = aucOf(current, held);
  return {
    weights: rounded,
    trainAuc: bestAuc,
    heldOutAuc,
    previousTrainAuc: aucOf(current, train),
    previousHeldOutAuc,
    train: train.length,
    heldOut: held.length,
    improves: held.length > 0 && heldOutAuc > previousHeldOutAuc,
  };
}
