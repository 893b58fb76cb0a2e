import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, Directive } from "type-graphql";
import { PageArgs, notFound, pageWindow, requireRole, toPage, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import {
  INTENTS_DEFAULT,
  INTENTS_MAX,
  LEAD_INTENT_ADDED,
  addIntentSnippet,
  createLead,
  getIntent,
  getLead,
  intentsOfLead,
  listLeads,
  searchLeads,
  updateLead,
  type IntentEvent,
} from "../service/leads.js";
import type { IntentRow, LeadRow } from "../db/leads.js";
import { AddIntentSnippetInput, CreateLeadInput, IntentSnippet, Lead, LeadConnection, LeadHit, UpdateLeadInput } from "./types.js";

export function toLead(row: LeadRow): Lead {
  return { ...row };
}

export function toIntentSnippet(row: IntentRow): IntentSnippet {
  return { id: row.id, leadId: row.leadId, text: row.text, source: row.source, observedAt: row.observedAt };
}

@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => Lead, { nullable: true })
  async lead(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Lead | null> {
    const row = await getLead(ctx, id);
    return row ? toLead(row) : null;
  }

  @Query(() => LeadConnection, { description: "Newest first, cursor-paginated; industry and country match case-insensitively" })
  async leads(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("industry", () => String, { nullable: true }) industry: string | null,
    @Arg("country", () => String, { nullable: true }) country: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LeadConnection> {
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listLeads(ctx, take, cursor, { industry, country }), page.first);
    return { nodes: result.nodes.map(toLead), pageInfo: result.pageInfo };
  }

  @Directive(COST.embeddingSearch)
  @Query(() => [LeadHit], {
    description: "Leads whose profile or intent snippets are most similar to the prompt (pgvector cosine, HNSW), best first",
  })
  async searchLeads(
    @Arg("prompt", () => String) prompt: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LeadHit[]> {
    const hits = await searchLeads(ctx, { prompt, k });
    return hits.map((h) => ({ lead: toLead(h.lead), score: h.score, matchedIntent: h.matchedIntent ? toIntentSnippet(h.matchedIntent) : null }));
  }

  @FieldResolver(() => [IntentSnippet], { description: "The lead's intent snippets, newest first" })
  async intents(
    @Root() lead: Lead,
    @Arg("first", () => Int, { defaultValue: INTENTS_DEFAULT, description: `At most this many, 1 to ${INTENTS_MAX}` }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntentSnippet[]> {
    return (await intentsOfLead(ctx, lead.id, first)).map(toIntentSnippet);
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Lead)
  async createLead(@Arg("input", () => CreateLeadInput) input: CreateLeadInput, @Ctx() ctx: SubgraphContext): Promise<Lead> {
    requireRole(ctx);
    return toLead(await createLead(ctx, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Lead)
  async updateLead(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLeadInput) input: UpdateLeadInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Lead> {
    requireRole(ctx);
    return toLead(await updateLead(ctx, id, input));
  }
}

@Resolver(() => IntentSnippet)
export class IntentSnippetResolver {
  @FieldResolver(() => Lead, { description: "The lead this snippet belongs to" })
  async lead(@Root() snippet: IntentSnippet, @Ctx() ctx: SubgraphContext): Promise<Lead> {
    const row = await getLead(ctx, snippet.leadId);
    if (!row) throw notFound("Lead", snippet.leadId);
    return toLead(row);
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => IntentSnippet, { description: "Records an intent signal for a lead (NOT_FOUND for an unknown lead)" })
  async addIntentSnippet(
    @Arg("leadId", () => ID) leadId: string,
    @Arg("input", () => AddIntentSnippetInput) input: AddIntentSnippetInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntentSnippet> {
    requireRole(ctx);
    return toIntentSnippet(await addIntentSnippet(ctx, leadId, input));
  }

  @Subscription(() => IntentSnippet, {
    topics: LEAD_INTENT_ADDED,
    filter: ({ payload, args }: { payload: IntentEvent; args: { leadId?: string | null } }) => !args.leadId || payload.leadId === args.leadId,
    description: "An intent snippet was added (to the given lead, or to any lead)",
  })
  async leadIntentAdded(
    @Root() event: IntentEvent,
    @Arg("leadId", () => ID, { nullable: true }) _leadId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntentSnippet> {
    const row = await getIntent(ctx, event.id);
    if (!row) throw notFound("IntentSnippet", event.id);
    return toIntentSnippet(row);
  }
}
