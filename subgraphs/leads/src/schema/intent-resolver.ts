import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { COST, forbidden, parseInput, requireRole, unauthenticated, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { parseLeadPrompt } from "../parser/index.js";
import { findLeads, PROMPT_MAX } from "../intent/search.js";
import { intentRuntime } from "../intent/runtime.js";
import { MINER_ROLES, minerQuality, submitIntentSnippets } from "../intent/miners.js";
import { recordOutcome } from "../intent/querylog.js";
import { requiredText } from "@matchgraph/subgraph-kit";
import {
  IntentSnippetInput,
  LeadTechnologyInput,
  LeadOutcomeKind,
  LeadQualityAlert,
  LeadQuery,
  LeadSearch,
  MinerQualityFactor,
  SubmittedSnippet,
  SubmitterReputation,
  type IntentSource,
  type LeadScorer,
  type ParsePath,
} from "./intent-types.js";
import { toLead } from "./resolver.js";
import { recordLeadTechnologies } from "../intent/technologies.js";

const ADMIN = ["admin"];
const promptInput = z.object({ prompt: requiredText(PROMPT_MAX) });

const mappedHits = new WeakMap<object, LeadSearch["hits"]>();

@Resolver()
export class IntentResolver {
  @Query(() => LeadQuery, { description: "F-1: the prompt parsed into filters (rules; LLM refinement when the rules are not confident)" })
  async parseLeadPrompt(@Arg("prompt", () => String) prompt: string, @Ctx() ctx: SubgraphContext): Promise<LeadQuery> {
    const p = parseInput(promptInput, { prompt }).prompt;
    const q = await parseLeadPrompt(ctx, p, intentRuntime());
    return { ...q, path: q.path as ParsePath };
  }

  @Directive(COST.vectorSearch)
  @Query(() => LeadSearch, { description: "The K leads most likely to buy what the prompt sells: filters, relaxation, exemplars, BM25 intent with decay and boosts, every score explained" })
  async findLeads(@Arg("prompt", () => String) prompt: string, @Arg("k", () => Int, { defaultValue: 25 }) k: number, @Ctx() ctx: SubgraphContext): Promise<LeadSearch> {
    const r = await findLeads(ctx, { prompt, k });
    // A cached answer's hits are one array shared by every request it answers: mapped once.
    let hits = mappedHits.get(r.hits);
    if (!hits) {
      hits = r.hits.map((h) => ({
        lead: toLead(h.lead),
        score: h.score,
        filtersMet: h.filtersMet,
        filtersRelaxed: h.filtersRelaxed,
        explanation: { ...h.explanation, scorer: h.explanation.scorer as LeadScorer },
        snippets: h.snippets.map((s) => ({ ...s, source: s.source as IntentSource })),
      }));
      mappedHits.set(r.hits, hits);
    }
    return { ...r, query: { ...r.query, path: r.query.path as ParsePath }, hits };
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => [SubmittedSnippet], { description: "F-9: a miner's batch of intent snippets (role miner); near-duplicates are stored but not scored" })
  async submitIntentSnippets(@Arg("snippets", () => [IntentSnippetInput]) snippets: IntentSnippetInput[], @Ctx() ctx: SubgraphContext): Promise<SubmittedSnippet[]> {
    const identity = requireRole(ctx, MINER_ROLES);
    const out = await submitIntentSnippets(ctx, identity.userId, snippets);
    return out.map((s) => ({ ...s, source: s.source as IntentSource }));
  }

  @Mutation(() => Int, { description: "Upserts technologies seen at a lead (role writer); returns how many were written" })
  async recordLeadTechnologies(
    @Arg("leadId", () => ID) leadId: string,
    @Arg("technologies", () => [LeadTechnologyInput]) technologies: LeadTechnologyInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    requireRole(ctx);
    return recordLeadTechnologies(ctx, leadId, technologies);
  }

  @Mutation(() => Boolean, { description: "Records an impression, click or conversion of a lead a query returned (the query's submitter or an admin); false if already recorded" })
  async recordLeadOutcome(
    @Arg("queryId", () => ID) queryId: string,
    @Arg("leadId", () => ID) leadId: string,
    @Arg("kind", () => LeadOutcomeKind) kind: LeadOutcomeKind,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    if (!ctx.identity) throw unauthenticated();
    parseInput(uuid("queryId"), queryId);
    parseInput(uuid("leadId"), leadId);
    const owner = await ctx.db.prisma.$queryRaw<Array<{ submitter: string }>>`SELECT submitter FROM leads.lead_query WHERE id = ${queryId}::uuid`;
    if (owner[0] && owner[0].submitter !== ctx.identity.userId && !ctx.identity.roles.includes("admin")) throw forbidden("Only the query's submitter records its outcomes");
    return (await recordOutcome(ctx.db, intentRuntime(), queryId, leadId, kind)).created;
  }

  @Directive(COST.scan)
  @Query(() => [MinerQualityFactor], { description: "F-9: Miner Quality Factor and emission share of every miner" })
  async minerQuality(@Ctx() ctx: SubgraphContext): Promise<MinerQualityFactor[]> {
    if (!ctx.identity) throw unauthenticated();
    return minerQuality(ctx.db);
  }

  @Query(() => [LeadQualityAlert], { description: "Lead-quality alerts, newest first (admin)" })
  async leadQualityAlerts(@Arg("first", () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: SubgraphContext): Promise<LeadQualityAlert[]> {
    requireRole(ctx, ADMIN);
    const n = parseInput(z.number().int().min(1, "first must be at least 1").max(500, "first must be at most 500"), first);
    const rows = await ctx.db.prisma.$queryRaw<LeadQualityAlert[]>`
      SELECT id::text AS id, kind, subject, value, message, created_at AS "createdAt" FROM leads.quality_alert ORDER BY created_at DESC, id LIMIT ${n}`;
    return rows.map((r) => ({ ...r, value: Number(r.value), createdAt: new Date(r.createdAt) }));
  }

  @Query(() => SubmitterReputation, { nullable: true, description: "The caller's query-quality reputation" })
  async myLeadReputation(@Ctx() ctx: SubgraphContext): Promise<SubmitterReputation | null> {
    if (!ctx.identity) throw unauthenticated();
    const rows = await ctx.db.prisma.$queryRaw<SubmitterReputation[]>`SELECT submitter, score, queries FROM leads.submitter_reputation WHERE submitter = ${ctx.identity.userId}`;
    return rows[0] ? { ...rows[0], score: Number(rows[0].score) } : null;
  }
}
