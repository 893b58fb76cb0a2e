import { Arg, Args, Ctx, Directive, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs, pageWindow, requireRole, toPage, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import {
  createItem,
  feedbackScoreLoader,
  getItem,
  listItems,
  recommend,
  recommendForOpportunity,
  recordFeedback,
  updateItem,
  type ScoredItem,
} from "../service/recommendations.js";
import type { ItemRow } from "../db/recommendations.js";
import { z } from "zod";
import { parseInput } from "@matchgraph/subgraph-kit";
import { embedTexts, mlHealth, rankBatch, similarities } from "../service/batch.js";
import { activeWeights, learnRankingWeights, rollbackRankingWeights, weightHistory, type WeightsRow } from "../service/weights.js";
import {
  CreateRecommendationItemInput,
  EmbeddedTexts,
  MlHealth,
  RankingFeatures,
  RankingFeaturesInput,
  RankingWeightsVersion,
  TextPairInput,
  FeedbackSignal,
  Opportunity,
  RecommendationHit,
  RecommendationItem,
  RecommendationItemConnection,
  RecommendationKind,
  UpdateRecommendationItemInput,
} from "./types.js";

/** Anyone signed in with a role may give feedback; creating and editing items needs a writer. */
export const FEEDBACK_ROLES = ["reader", "writer", "admin"];

export function toItem(row: ItemRow): RecommendationItem {
  return { ...row, kind: row.kind as RecommendationKind };
}

const toHits = (hits: ScoredItem[]): RecommendationHit[] => hits.map((h) => ({ item: toItem(h.item), score: h.score, features: h.features }));

const toVersion = (row: WeightsRow): RankingWeightsVersion => {
  const m = row.metrics as { heldOutAuc?: number; previousHeldOutAuc?: number };
  return { ...row, heldOutAuc: m.heldOutAuc ?? null, previousHeldOutAuc: m.previousHeldOutAuc ?? null };
};

@Resolver(() => RecommendationItem)
export class RecommendationItemResolver {
  @Query(() => RecommendationItem, { nullable: true })
  async recommendationItem(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RecommendationItem | null> {
    const row = await getItem(ctx, id);
    return row ? toItem(row) : null;
  }

  @Query(() => RecommendationItemConnection, { description: "Newest first, cursor-paginated" })
  async recommendationItems(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("kind", () => RecommendationKind, { nullable: true }) kind: RecommendationKind | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationItemConnection> {
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listItems(ctx, take, cursor, kind), page.first);
    return { nodes: result.nodes.map(toItem), pageInfo: result.pageInfo };
  }

  @Directive(COST.embeddingSearch)
  @Query(() => [RecommendationHit], { description: "Items most similar to a text (pgvector cosine, HNSW)" })
  async recommend(
    @Arg("forText", () => String) forText: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Arg("kind", () => RecommendationKind, { nullable: true }) kind: RecommendationKind | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationHit[]> {
    return toHits(await recommend(ctx, { text: forText, k, kind }));
  }

  @FieldResolver(() => Int, { description: "Up votes minus down votes" })
  async feedbackScore(@Root() item: RecommendationItem, @Ctx() ctx: SubgraphContext): Promise<number> {
    return feedbackScoreLoader(ctx).load(item.id);
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => RecommendationItem)
  async createRecommendationItem(
    @Arg("input", () => CreateRecommendationItemInput) input: CreateRecommendationItemInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationItem> {
    requireRole(ctx);
    return toItem(await createItem(ctx, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => RecommendationItem)
  async updateRecommendationItem(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateRecommendationItemInput) input: UpdateRecommendationItemInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationItem> {
    requireRole(ctx);
    return toItem(await updateItem(ctx, id, input));
  }

  @Mutation(() => Boolean, { description: "Records the caller's reaction to an item" })
  async recordFeedback(
    @Arg("itemId", () => ID) itemId: string,
    @Arg("signal", () => FeedbackSignal) signal: FeedbackSignal,
    @Arg("context", () => String, { nullable: true, description: "Where the item was shown, e.g. an opportunity id" }) context: string | null,
    @Arg("features", () => RankingFeaturesInput, { nullable: true, description: "The hit's features when it was shown: votes with features teach the ranking weights" })
    features: RankingFeaturesInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    const identity = requireRole(ctx, FEEDBACK_ROLES);
    return recordFeedback(ctx, identity.userId, { itemId, signal, context, features });
  }

  @Query(() => [RankingWeightsVersion], { description: "Ranking weight versions, newest first (at most 50); no version: the configured weights are used" })
  async rankingWeights(@Arg("first", () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: SubgraphContext): Promise<RankingWeightsVersion[]> {
    requireRole(ctx, FEEDBACK_ROLES);
    return (await weightHistory(ctx, parseInput(z.number().int().min(1).max(50, "first must be at most 50"), first))).map(toVersion);
  }

  @Query(() => RankingFeatures, { description: "The weights recommend ranks with now" })
  async activeRankingWeights(@Ctx() ctx: SubgraphContext): Promise<RankingFeatures> {
    return activeWeights(ctx);
  }

  @Mutation(() => RankingWeightsVersion, {
    description: "Admin: learns ranking weights from votes with features (each weight moves at most 0.2); the new version is active only if it beats the current one on held-out votes",
  })
  async learnRankingWeights(@Ctx() ctx: SubgraphContext): Promise<RankingWeightsVersion> {
    const identity = requireRole(ctx, ["admin"]);
    return toVersion((await learnRankingWeights(ctx, identity.userId)).row);
  }

  @Mutation(() => RankingWeightsVersion, { description: "Admin: returns to the weights active before the current version (as a new version)" })
  async rollbackRankingWeights(@Ctx() ctx: SubgraphContext): Promise<RankingWeightsVersion> {
    const identity = requireRole(ctx, ["admin"]);
    return toVersion(await rollbackRankingWeights(ctx, identity.userId));
  }

  @Directive(COST.embeddingWrite)
  @Query(() => EmbeddedTexts, { description: "Embeddings of up to 64 texts, in one request to the ml-runtime" })
  async embedTexts(@Arg("texts", () => [String]) texts: string[], @Ctx() ctx: SubgraphContext): Promise<EmbeddedTexts> {
    requireRole(ctx, FEEDBACK_ROLES);
    return embedTexts(ctx, texts);
  }

  @Directive(COST.embeddingWrite)
  @Query(() => [Float], { description: "Cosine similarity of up to 64 text pairs, in input order" })
  async similarities(@Arg("pairs", () => [TextPairInput]) pairs: TextPairInput[], @Ctx() ctx: SubgraphContext): Promise<number[]> {
    requireRole(ctx, FEEDBACK_ROLES);
    return similarities(ctx, pairs);
  }

  @Directive(COST.embeddingSearch)
  @Query(() => [[RecommendationHit]], { description: "recommend for up to 16 texts at once (one embedding request), in input order" })
  async rankBatch(
    @Arg("queries", () => [String]) queries: string[],
    @Arg("k", () => Int, { defaultValue: 5 }) k: number,
    @Arg("kind", () => RecommendationKind, { nullable: true }) kind: RecommendationKind | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationHit[][]> {
    return (await rankBatch(ctx, { queries, k, kind })).map(toHits);
  }

  @Query(() => MlHealth, { description: "Whether the ML runtime is enabled and ready, its model, device and dimension" })
  async mlHealth(): Promise<MlHealth> {
    return mlHealth();
  }
}

@Resolver(() => Opportunity)
export class OpportunityRecommendationsResolver {
  @Directive(COST.embeddingSearch)
  @FieldResolver(() => [RecommendationHit], { description: "Items recommended for the opportunity's company, title and description" })
  @Directive(`@requires(fields: "companyName title description")`)
  async recommendations(
    @Root() opportunity: Opportunity,
    @Arg("k", () => Int, { defaultValue: 3 }) k: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationHit[]> {
    return toHits(await recommendForOpportunity(ctx, opportunity, k));
  }
}
