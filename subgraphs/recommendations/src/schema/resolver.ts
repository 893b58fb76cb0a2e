import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
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
import {
  CreateRecommendationItemInput,
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

const toHits = (hits: ScoredItem[]): RecommendationHit[] => hits.map((h) => ({ item: toItem(h.item), score: h.score }));

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
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    const identity = requireRole(ctx, FEEDBACK_ROLES);
    return recordFeedback(ctx, identity.userId, { itemId, signal, context });
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
