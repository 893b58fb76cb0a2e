import DataLoader from "dataloader";
import { z } from "zod";
import {
  byIdLoader,
  createEmbedded,
  embeddingText,
  embedQueriesOrDegrade,
  inOrder,
  isUuid,
  LIMITS,
  nearestIds,
  notFound,
  optionalText,
  parseInput,
  requiredText,
  tags,
  topK,
  updateEmbedded,
  uuid,
  type Cursor,
  type ScoredId,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import { feedbackScores, findItemsByIds, insertFeedback, ITEM_TABLE, kindFilter, lexicalItemIds, listItemsPage, voteCounts, type ItemRow } from "../db/recommendations.js";
import { diligence, engagement, score as rankScore, type Features } from "./ranking.js";
import { activeWeights } from "./weights.js";

export const KINDS = ["content", "case_study", "objection_response", "playbook"] as const;
const kind = z.enum(KINDS);
const signal = z.enum(["up", "down", "click", "dismiss"]);
/** GraphQL null on an optional update field means "keep". */
const keep = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? undefined);

const createSchema = z.object({
  kind,
  title: requiredText(LIMITS.name),
  body: requiredText(LIMITS.longText),
  tags: z.preprocess((v) => v ?? undefined, tags),
});

const updateSchema = z.object({
  kind: keep(kind),
  title: keep(requiredText(LIMITS.name)),
  body: keep(requiredText(LIMITS.longText)),
  tags: keep(tags.unwrap()),
});

const recommendSchema = z.object({ text: requiredText(), k: topK, kind: kind.nullish() });
const unit = z.number().min(0, "features must be between 0 and 1").max(1, "features must be between 0 and 1");
const feedbackSchema = z.object({
  itemId: uuid("itemId"),
  signal,
  context: optionalText(2_000),
  features: z.object({ similarity: unit, diligence: unit, engagement: unit }).nullish().transform((v) => v ?? null),
});

/** What an item is embedded from: the model reads a few hundred tokens, so a long body is cut. */
const textOf = (o: { title: string; body: string }) => embeddingText(o.title, o.body).slice(0, LIMITS.text);

export interface ScoredItem {
  item: ItemRow;
  /** The weighted combination of the features (the ranking score), in [0, 1]. */
  score: number;
  features: Features;
}

/** Candidates fetched per requested hit before re-ranking (at most 100). */
const CANDIDATES_PER_HIT = 4;

// ---------------------------------------------------------------- loaders

export const itemLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "recommendationItem", (ids) => findItemsByIds(ctx.db, ids));

export function feedbackScoreLoader(ctx: SubgraphContext): DataLoader<string, number> {
  return ctx.loader("recommendationFeedbackScore", () => new DataLoader(async (ids: readonly string[]) => {
    const scores = await feedbackScores(ctx.db, ids.filter(isUuid));
    return ids.map((id) => scores.get(id) ?? 0);
  }));
}

/**
 * Recommendations for many texts in one go (e.g. `recommendations` on a list of opportunities):
 * one embedding request for all texts, then one similarity query per text. Key: [text, k].
 * While the ml-runtime is unavailable each text is answered by lexical retrieval (degraded).
 */
function textRecommendationLoader(ctx: SubgraphContext): DataLoader<string, ScoredItem[]> {
  return ctx.loader("recommendationsForText", () => new DataLoader(async (keys: readonly string[]) => {
    const requests = keys.map((key) => JSON.parse(key) as [string, number]);
    const embedded = await embedQueriesOrDegrade(ctx, "Opportunity.recommendations", requests.map(([text]) => text));
    return Promise.all(
      requests.map(([text, k], i) =>
        embedded ? nearest(ctx, { vector: embedded.vectors[i]!, model: embedded.model }, k) : reranked(ctx, lexicalItemIds(ctx.db, text, pool(k)), k),
      ),
    );
  }));
}

// ---------------------------------------------------------------- reads

export async function getItem(ctx: SubgraphContext, id: string): Promise<ItemRow | null> {
  return itemLoader(ctx).load(id);
}

export async function listItems(ctx: SubgraphContext, take: number, cursor: Cursor | null, kindName?: string | null): Promise<ItemRow[]> {
  return listItemsPage(ctx.db, take, cursor, kindName == null ? undefined : parseInput(kind, kindName));
}

/** Items nearest to a text by cosine similarity; while the ml-runtime is unavailable, the best by lexical retrieval (degraded). */
export async function recommend(ctx: SubgraphContext, args: { text: unknown; k: unknown; kind?: unknown }): Promise<ScoredItem[]> {
  const { text, k, kind: kindName } = parseInput(recommendSchema, args);
  const embedded = await embedQueriesOrDegrade(ctx, "recommend", [text]);
  if (!embedded) return reranked(ctx, lexicalItemIds(ctx.db, text, pool(k), kindName ?? undefined), k);
  return nearest(ctx, { vector: embedded.vectors[0]!, model: embedded.model }, k, kindName ?? undefined);
}

/** Items for an opportunity's text (companyName, title, description), as the gateway passed them. */
export async function recommendForOpportunity(
  ctx: SubgraphContext,
  opportunity: { companyName?: string | null; title?: string | null; description?: string | null },
  k: unknown,
): Promise<ScoredItem[]> {
  const n = parseInput(topK, k);
  // Not user input: a long description is cut to the embedding text limit instead of refused.
  const text = embeddingText(opportunity.companyName, opportunity.title, opportunity.description).slice(0, LIMITS.text);
  if (!text) return [];
  return textRecommendationLoader(ctx).load(JSON.stringify([text, n]));
}

const pool = (k: number) => Math.min(LIMITS.k, k * CANDIDATES_PER_HIT);

export function nearest(ctx: SubgraphContext, query: { vector: number[]; model: string }, k: number, kindName?: string): Promise<ScoredItem[]> {
  return reranked(ctx, nearestIds(ctx.db, ITEM_TABLE, query, pool(k), kindFilter(kindName)), k);
}

/**
 * Re-ranks candidates (scored by similarity) by the active weights' combination of similarity,
 * diligence and engagement, and keeps the best k.
 */
async function reranked(ctx: SubgraphContext, scored: Promise<ScoredId[]>, k: number): Promise<ScoredItem[]> {
  const hits = await scored;
  const [items, weights] = await Promise.all([itemLoader(ctx).loadMany(hits.map((h) => h.id)), activeWeights(ctx)]);
  const rows = inOrder(
    hits.map((h) => h.id),
    items.filter((r): r is ItemRow => r !== null && !(r instanceof Error)),
  );
  const votes = await voteCounts(ctx.db, rows.map((r) => r.id));
  const similarity = new Map(hits.map((h) => [h.id, h.score]));
  const now = Date.now();
  return rows
    .map((item) => {
      const features: Features = {
        similarity: Math.max(0, Math.min(1, similarity.get(item.id)!)),
        diligence: diligence(item),
        engagement: engagement(votes.get(item.id) ?? { up: 0, down: 0 }, item.updatedAt, now),
      };
      return { item, features, score: rankScore(weights, features) };
    })
    .sort((a, b) => b.score - a.score || b.features.similarity - a.features.similarity)
    .slice(0, k);
}

// ---------------------------------------------------------------- writes

export async function createItem(ctx: SubgraphContext, input: unknown): Promise<ItemRow> {
  const data = parseInput(createSchema, input);
  return createEmbedded(ctx, ITEM_TABLE, textOf(data), (tx) => tx.recommendationItem.create({ data }));
}

export async function updateItem(ctx: SubgraphContext, id: string, input: unknown): Promise<ItemRow> {
  parseInput(uuid(), id);
  const patch = parseInput(updateSchema, input);
  const existing = await ctx.db.prisma.recommendationItem.findUnique({ where: { id } });
  if (!existing) throw notFound("RecommendationItem", id);
  const change = { existing, textBefore: textOf(existing), textAfter: textOf({ ...existing, ...stripUndefined(patch) }) };
  return updateEmbedded(ctx, ITEM_TABLE, change, (tx) => tx.recommendationItem.update({ where: { id }, data: patch }));
}

export async function recordFeedback(ctx: SubgraphContext, userId: string, args: { itemId: unknown; signal: unknown; context?: unknown; features?: unknown }): Promise<boolean> {
  const data = parseInput(feedbackSchema, args);
  if (!(await itemLoader(ctx).load(data.itemId))) throw notFound("RecommendationItem", data.itemId);
  await insertFeedback(ctx.db, { ...data, userId });
  feedbackScoreLoader(ctx).clear(data.itemId);
  return true;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
