import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, Directive } from "type-graphql";
import { PageArgs, notFound, pageWindow, requireRole, toPage, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import {
  OPPORTUNITY_UPSERTED,
  createOpportunity,
  getOpportunity,
  listOpportunities,
  similarOpportunities,
  updateOpportunity,
  type OpportunityEvent,
} from "../service/opportunities.js";
import type { OpportunityRow } from "../db/opportunities.js";
import {
  CreateOpportunityInput,
  Opportunity,
  OpportunityConnection,
  OpportunityHit,
  OpportunitySource,
  UpdateOpportunityInput,
} from "./types.js";

export function toOpportunity(row: OpportunityRow): Opportunity {
  return {
    ...row,
    source: row.source as OpportunitySource,
    amount: row.amount === null ? null : Number(row.amount),
    closeDate: row.closeDate ? row.closeDate.toISOString().slice(0, 10) : null,
  };
}

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => Opportunity, { nullable: true })
  async opportunity(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Opportunity | null> {
    const row = await getOpportunity(ctx, id);
    return row ? toOpportunity(row) : null;
  }

  @Query(() => OpportunityConnection, { description: "Newest first, cursor-paginated" })
  async opportunities(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("source", () => OpportunitySource, { nullable: true }) source: OpportunitySource | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpportunityConnection> {
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listOpportunities(ctx, take, cursor, source ?? undefined), page.first);
    return { nodes: result.nodes.map(toOpportunity), pageInfo: result.pageInfo };
  }

  @Directive(COST.embeddingSearch)
  @Query(() => [OpportunityHit], { description: "Opportunities most similar to a text (pgvector cosine, HNSW)" })
  async similarOpportunities(
    @Arg("text", () => String) text: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Arg("source", () => OpportunitySource, { nullable: true }) source: OpportunitySource | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpportunityHit[]> {
    const hits = await similarOpportunities(ctx, { text, k, source });
    return hits.map((h) => ({ opportunity: toOpportunity(h.opportunity), score: h.score }));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Opportunity)
  async createOpportunity(@Arg("input", () => CreateOpportunityInput) input: CreateOpportunityInput, @Ctx() ctx: SubgraphContext): Promise<Opportunity> {
    requireRole(ctx);
    return toOpportunity(await createOpportunity(ctx, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Opportunity)
  async updateOpportunity(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateOpportunityInput) input: UpdateOpportunityInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Opportunity> {
    requireRole(ctx);
    return toOpportunity(await updateOpportunity(ctx, id, input));
  }

  @Subscription(() => Opportunity, {
    topics: OPPORTUNITY_UPSERTED,
    filter: ({ payload, args }: { payload: OpportunityEvent; args: { source?: string | null } }) => !args.source || payload.source === args.source,
    description: "An opportunity was created or changed",
  })
  async opportunityUpserted(
    @Root() event: OpportunityEvent,
    @Arg("source", () => OpportunitySource, { nullable: true }) _source: OpportunitySource | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Opportunity> {
    const row = await getOpportunity(ctx, event.id);
    if (!row) throw notFound("Opportunity", event.id);
    return toOpportunity(row);
  }
}

