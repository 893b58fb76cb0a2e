import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { z } from "zod";
import { COST, PageArgs, parseInput, afterCursor, pageOrder, pageWindow, requireRole, toPage, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { contentVotes, effectiveness, markUsed, rateContent, recordOutcome } from "../service/content-feedback.js";
import { requireCustomer } from "../service/customers.js";
import { computeLearningMetrics, latestLearningMetrics, recordLearningMetrics, type LearningMetrics as LearningMetricsData } from "../service/learning.js";
import { citedPassagesFor, generate, usageOf, type GenerateRequest, type SalesContentRow } from "../service/generation/generate.js";
import type { Citation } from "../service/generation/compose.js";
import { READER_ROLES } from "./customers.js";
import {
  CitedPassage,
  ContentCitation,
  ContentFormat,
  ContentUsage,
  DealOutcome,
  EffectivenessRow,
  LearningMetrics,
  GenerationMode,
  SalesContent,
  SalesContentConnection,
  SalesContentEvent,
  SalesContentKind,
  Vote,
  type ContentParagraph,
  type ContentVerification,
} from "./content-types.js";
import { Customer, CustomerObjection } from "./customer-types.js";
import { registerEnumType } from "type-graphql";

export enum EffectivenessGroup {
  KIND = "kind",
  TEMPLATE = "template",
  PERSONALITY = "personality",
}
registerEnumType(EffectivenessGroup, { name: "EffectivenessGroup" });

const toCitation = (c: Citation): ContentCitation => ({ ...c, chunk: { id: c.chunkId } });

export function toSalesContent(row: SalesContentRow, cached: boolean): SalesContent {
  const v = row.verification as unknown as ContentVerification & { title?: string };
  return {
    ...row,
    kind: row.kind as SalesContentKind,
    format: row.format as ContentFormat,
    mode: row.mode as GenerationMode,
    outcome: row.outcome as DealOutcome | null,
    title: v.title ?? null,
    paragraphs: (row.paragraphs as unknown as ContentParagraph[]).map((p) => ({
      heading: p.heading,
      sentences: p.sentences.map((s) => ({ ...s, verified: s.verified ?? false, support: s.support ?? 0 })),
    })),
    citations: (row.citations as unknown as Citation[]).map(toCitation),
    verification: { sentences: v.sentences, cited: v.cited, verified: v.verified, dropped: v.dropped, citedShare: v.citedShare, verbatim: v.verbatim, guardrails: v.guardrails ?? [] },
    usage: { answers: 1, promptTokens: row.promptTokens, completionTokens: row.completionTokens, costUsd: row.costUsd },
    cached,
  };
}

function request(customerId: string, kind: SalesContentKind, format: ContentFormat | null | undefined, mode: GenerationMode | null | undefined, extra: { objection?: string | null; opportunityId?: string | null; tags?: string[] | null; fresh?: boolean | null }): GenerateRequest {
  return { customerId, kind, format: format ?? ContentFormat.MARKDOWN, mode: mode ?? GenerationMode.EXTRACTIVE, ...extra };
}

/** A queue between a running generation and the subscription reading it. */
function streamOf(run: (push: (delta: string) => void) => Promise<SalesContent>): AsyncIterable<SalesContentEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: SalesContentEvent[] = [];
      let wake: (() => void) | null = null;
      let failed: unknown = null;
      let done = false;
      const notify = () => {
        wake?.();
        wake = null;
      };
      void run((delta) => {
        queue.push({ delta, content: null });
        notify();
      }).then(
        (content) => {
          queue.push({ delta: null, content });
          done = true;
          notify();
        },
        (err: unknown) => {
          failed = err;
          done = true;
          notify();
        },
      );
      for (;;) {
        while (queue.length) yield queue.shift()!;
        if (failed) throw failed;
        if (done) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

@Resolver(() => SalesContent)
export class SalesContentResolver {
  @Directive(COST.embeddingSearch)
  @Mutation(() => SalesContent, { description: "Sales content for a customer, every claim citing the knowledge base; EXTRACTIVE (default) needs no model" })
  async generateSalesContent(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("kind", () => SalesContentKind) kind: SalesContentKind,
    @Arg("format", () => ContentFormat, { nullable: true, description: "Default MARKDOWN" }) format: ContentFormat | null,
    @Arg("mode", () => GenerationMode, { nullable: true, description: "Default EXTRACTIVE" }) mode: GenerationMode | null,
    @Arg("objection", () => String, { nullable: true, description: "Also answer this objection" }) objection: string | null,
    @Arg("opportunityId", () => ID, { nullable: true }) opportunityId: string | null,
    @Arg("tags", () => [String], { nullable: true, description: "Only knowledge sources with one of these tags" }) tags: string[] | null,
    @Arg("fresh", () => Boolean, { defaultValue: false, description: "Bypass the cache" }) fresh: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SalesContent> {
    const identity = requireRole(ctx);
    const out = await generate(ctx, identity.userId, request(customerId, kind, format, mode, { objection, opportunityId, tags, fresh }));
    return toSalesContent(out.row, out.cached);
  }

  @Directive(COST.embeddingSearch)
  @Mutation(() => SalesContent, { description: "An answer to an objection, grounded in the knowledge base, in the tone of the customer's contact" })
  async handleObjection(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("objection", () => String) objection: string,
    @Arg("format", () => ContentFormat, { nullable: true, description: "Default MARKDOWN" }) format: ContentFormat | null,
    @Arg("mode", () => GenerationMode, { nullable: true, description: "Default EXTRACTIVE" }) mode: GenerationMode | null,
    @Arg("tags", () => [String], { nullable: true }) tags: string[] | null,
    @Arg("fresh", () => Boolean, { defaultValue: false }) fresh: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SalesContent> {
    const identity = requireRole(ctx);
    const out = await generate(ctx, identity.userId, request(customerId, SalesContentKind.OBJECTION_RESPONSE, format, mode, { objection, tags, fresh }));
    return toSalesContent(out.row, out.cached);
  }

  @Subscription(() => SalesContentEvent, {
    description: "Generates like generateSalesContent (or handleObjection with kind OBJECTION_RESPONSE) and streams the text as it is produced; the last event carries the stored answer",
    subscribe: ({ args, context }: { args: Record<string, unknown>; context: SubgraphContext }) => {
      const identity = requireRole(context);
      return streamOf(async (push) => {
        const out = await generate(
          context,
          identity.userId,
          request(args.customerId as string, args.kind as SalesContentKind, args.format as ContentFormat, args.mode as GenerationMode, {
            objection: args.objection as string | null,
            fresh: args.fresh as boolean,
          }),
          push,
        );
        return toSalesContent(out.row, out.cached);
      });
    },
  })
  salesContentStream(
    @Root() event: SalesContentEvent,
    @Arg("customerId", () => ID) _customerId: string,
    @Arg("kind", () => SalesContentKind) _kind: SalesContentKind,
    @Arg("format", () => ContentFormat, { nullable: true, description: "Default MARKDOWN" }) _format: ContentFormat | null,
    @Arg("mode", () => GenerationMode, { nullable: true, description: "Default EXTRACTIVE" }) _mode: GenerationMode | null,
    @Arg("objection", () => String, { nullable: true }) _objection: string | null,
    @Arg("fresh", () => Boolean, { defaultValue: false }) _fresh: boolean,
  ): SalesContentEvent {
    return event;
  }

  @Query(() => SalesContent, { nullable: true })
  async salesContent(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<SalesContent | null> {
    requireRole(ctx, READER_ROLES);
    const row = await ctx.db.prisma.salesContent.findUnique({ where: { id } }).catch(() => null);
    return row ? toSalesContent(row, false) : null;
  }

  @Query(() => SalesContentConnection, { description: "A customer's generated answers, newest first" })
  async salesContents(@Arg("customerId", () => ID) customerId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<SalesContentConnection> {
    requireRole(ctx, READER_ROLES);
    await requireCustomer(ctx, customerId);
    const { take, cursor } = pageWindow(page);
    const rows = await ctx.db.prisma.salesContent.findMany({ where: { customerId, ...afterCursor(cursor) }, orderBy: pageOrder, take });
    const result = toPage(rows, page.first);
    return { nodes: result.nodes.map((r) => toSalesContent(r, false)), pageInfo: result.pageInfo };
  }

  @FieldResolver(() => Int, { description: "Up votes minus down votes (one vote per user)" })
  async feedbackScore(@Root() c: SalesContent, @Ctx() ctx: SubgraphContext): Promise<number> {
    const v = await contentVotes(ctx, c.id);
    return v.up - v.down;
  }

  @FieldResolver(() => Customer)
  async customer(@Root() c: SalesContent, @Ctx() ctx: SubgraphContext): Promise<Customer> {
    const row = await requireCustomer(ctx, c.customerId);
    return { ...row, stage: row.stage as Customer["stage"] };
  }

  @Mutation(() => SalesContent, { description: "The caller's vote on an answer; a second vote replaces the first" })
  async rateSalesContent(
    @Arg("contentId", () => ID) contentId: string,
    @Arg("vote", () => Vote) vote: Vote,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SalesContent> {
    const identity = requireRole(ctx, READER_ROLES);
    await rateContent(ctx, identity.userId, { contentId, vote, comment });
    return toSalesContent((await ctx.db.prisma.salesContent.findUniqueOrThrow({ where: { id: contentId } })), false);
  }

  @Mutation(() => SalesContent, { description: "Records that the answer was used (for an opportunity)" })
  async markSalesContentUsed(@Arg("contentId", () => ID) contentId: string, @Arg("opportunityId", () => ID, { nullable: true }) opportunityId: string | null, @Ctx() ctx: SubgraphContext): Promise<SalesContent> {
    const identity = requireRole(ctx);
    return toSalesContent(await markUsed(ctx, identity.userId, contentId, opportunityId), false);
  }

  @Mutation(() => SalesContent, { description: "The outcome of the deal the answer was used for" })
  async recordSalesContentOutcome(@Arg("contentId", () => ID) contentId: string, @Arg("outcome", () => DealOutcome) outcome: DealOutcome, @Ctx() ctx: SubgraphContext): Promise<SalesContent> {
    requireRole(ctx);
    return toSalesContent(await recordOutcome(ctx, contentId, outcome), false);
  }

  @Directive(COST.scan)
  @Query(() => [EffectivenessRow], { description: "How generated content did, by kind, template version or DISC style" })
  async contentEffectiveness(@Arg("by", () => EffectivenessGroup, { nullable: true, description: "Default KIND" }) by: EffectivenessGroup | null, @Ctx() ctx: SubgraphContext): Promise<EffectivenessRow[]> {
    requireRole(ctx, READER_ROLES);
    return effectiveness(ctx, by ?? EffectivenessGroup.KIND);
  }
}

const toMetrics = (m: LearningMetricsData): LearningMetrics => ({
  computedAt: new Date(m.computedAt),
  outcomesRecorded: m.outcomesRecorded ?? 0,
  votesWithFeatures: m.votesWithFeatures,
  activeWeightsAuc: m.activeWeightsAuc,
  similarityWeight: m.weights.similarity,
  diligenceWeight: m.weights.diligence,
  engagementWeight: m.weights.engagement,
  contentByKind: m.contentByKind,
});

@Resolver(() => LearningMetrics)
export class LearningMetricsResolver {
  @Query(() => LearningMetrics, { description: "The learning metrics the scheduled job recorded last (computed now when it has not run yet)" })
  async learningMetrics(@Ctx() ctx: SubgraphContext): Promise<LearningMetrics> {
    requireRole(ctx, READER_ROLES);
    return toMetrics((await latestLearningMetrics(ctx)) ?? (await computeLearningMetrics(ctx)));
  }

  @Directive(COST.scan)
  @Mutation(() => LearningMetrics, { description: "Admin: runs the learning-metrics job now" })
  async refreshLearningMetrics(@Ctx() ctx: SubgraphContext): Promise<LearningMetrics> {
    requireRole(ctx, ["admin"]);
    return toMetrics(await recordLearningMetrics(ctx));
  }
}

@Resolver(() => Customer)
export class CustomerContentResolver {
  @FieldResolver(() => ContentUsage, { description: "Tokens and cost of the customer's generated answers" })
  async contentUsage(@Root() c: Customer, @Ctx() ctx: SubgraphContext): Promise<ContentUsage> {
    requireRole(ctx, READER_ROLES);
    return usageOf(ctx, c.id);
  }
}

@Resolver(() => CustomerObjection)
export class ObjectionPassagesResolver {
  @Directive(COST.embeddingSearch)
  @FieldResolver(() => [CitedPassage], { description: "Knowledge sentences that answer the objection, each with its citation (asked of the knowledge subgraph through the graph)" })
  async passages(@Root() o: CustomerObjection, @Arg("k", () => Int, { defaultValue: 2 }) k: number, @Ctx() ctx: SubgraphContext): Promise<CitedPassage[]> {
    requireRole(ctx, READER_ROLES);
    const n = parseInput(z.number().int("k must be an integer").min(1, "k must be at least 1").max(10, "k must be at most 10"), k);
    return (await citedPassagesFor(ctx, o.text, n)).map((p) => ({ score: p.score, citation: toCitation(p.citation) }));
  }
}
