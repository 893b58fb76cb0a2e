import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, Directive } from "type-graphql";
import { Cron } from "croner";
import { z } from "zod";
import { badUserInput, embeddingModel, LIMITS, notFound, parseInput, requireRole, requiredText, uuid, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import type { JobRow } from "@matchgraph/subgraph-kit";
import { embeddingCoverage } from "../db/records.js";
import { MIN_DECISIONS } from "../matching/calibrate.js";
import { ConfigInputError, configPatchFromInput, SIGNALS, type MatchingConfig } from "../matching/config.js";
import { normalizeCompanyName } from "../matching/normalize.js";
import { COMPARISONS, matchWeight, priorModel } from "../matching/fellegi-sunter.js";
import { loader as opportunityLoader } from "../service/opportunities.js";
import { enqueueImport, enqueueMatching, JOB_PROGRESS, jobQueue, rematchAliasGroup } from "../service/jobs.js";
import { currentConfig, MATCH_DECIDED, MATCH_REVIEW_QUEUED, type MatchEvent } from "../service/matching.js";
import { qualityReport } from "../service/quality.js";
import { matchingMonitoring } from "../service/monitoring.js";
import { calibrateFromDecisions, decideMatch, getMatch, listMatches, matchCandidates, matchHistory, reviewQueue, updateConfig, type MatchRow } from "../service/review.js";
import { matchingStatistics, type MatchingStatistics as Stats } from "../service/statistics.js";
import { toOpportunity } from "./resolver.js";
import {
  CalibrationReport,
  CompanyAlias,
  EmbeddingCoverage,
  ImportOpportunitiesInput,
  Match,
  MatchConnection,
  MatchDecision,
  MatchingConfigInfo,
  MatchingConfigInput,
  MatchingQualityReport,
  MatchingStatistics,
  MatchStatus,
  MatchModel,
  MatchingRun,
  MatchingMonitoringInfo,
  OpportunityJob,
} from "./matching-types.js";
import { Opportunity, OpportunitySource } from "./types.js";

const toMatch = (m: MatchRow): Match => m as unknown as Match;

export function toStatistics(s: Stats): MatchingStatistics {
  return {
    sources: Object.keys(s.records).sort().map((source) => ({
      source: source as OpportunitySource,
      records: s.records[source] ?? 0,
      matched: s.matched[source] ?? 0,
      unmatched: s.unmatched[source] ?? 0,
      unmatchedSample: s.unmatchedSample[source] ?? [],
    })),
    pending: s.pending,
    byStatus: Object.entries(s.byStatus).map(([key, count]) => ({ key, count })),
    byConfidence: Object.entries(s.byConfidence).map(([key, count]) => ({ key, count })),
  };
}

export function toJob(row: JobRow): OpportunityJob {
  const result = row.result as Record<string, unknown> | null;
  const statistics = result?.statistics ? toStatistics(result.statistics as Stats) : null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    progress: row.progress,
    lastError: row.lastError,
    importReport: row.kind === "import" && result ? (result as unknown as OpportunityJob["importReport"]) : null,
    runReport:
      row.kind !== "import" && result
        ? {
            mode: String(result.mode ?? row.kind),
            records: num(result.records),
            candidatePairs: num(result.candidatePairs ?? result.pairs),
            durationMs: num(result.durationMs),
            statistics,
            schedule: typeof result.schedule === "string" ? result.schedule : null,
            autoConfirmThreshold: num((result.estimation as { thresholds?: { autoConfirm?: unknown } } | null)?.thresholds?.autoConfirm),
            configVersion: num(result.configVersion),
          }
        : null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

const num = (x: unknown) => (typeof x === "number" ? x : null);

export function toMatchModel(config: MatchingConfig): MatchModel {
  const model = config.fsModel ?? priorModel();
  const [c0, c1, c2] = model.classes;
  return {
    configVersion: config.version,
    estimated: Boolean(config.fsModel),
    matchShare: c2,
    sameEntityShare: c1 / (c0 + c1 + c2),
    comparisons: model.comparisons.map((c) => ({
      name: c.name,
      description: COMPARISONS.find((d) => d.name === c.name)?.description ?? "",
      levels: c.levels.map((l) => ({ label: l.label, m: l.m, u: l.u, weight: matchWeight(l) })),
    })),
  };
}

export function toConfigInfo(c: MatchingConfig): MatchingConfigInfo {
  return {
    version: c.version,
    weights: ["bias", ...SIGNALS].map((signal) => ({ signal, weight: c.weights[signal as keyof MatchingConfig["weights"]] })),
    autoConfirmThreshold: c.thresholds.autoConfirm,
    reviewThreshold: c.thresholds.review,
    ...c.options,
    schedules: (c.options.schedules ?? []).map((sch) => ({
      name: sch.name,
      cron: sch.cron,
      mode: sch.mode,
      timezone: sch.timezone ?? null,
      nextRun: new Cron(sch.cron, { paused: true, timezone: sch.timezone }).nextRun(),
    })),
  };
}

const cursor = {
  encode: (m: MatchRow) => Buffer.from(JSON.stringify([m.priority, m.id])).toString("base64url"),
  decode(after: string | null | undefined): { priority: number; id: string } | null {
    if (!after) return null;
    try {
      const [priority, id] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as [number, string];
      if (typeof priority === "number" && typeof id === "string") return { priority, id: parseInput(uuid("after"), id) };
    } catch {
      /* fall through */
    }
    throw badUserInput("after is not a cursor of this list", "after");
  },
};

const first = z.number().int().min(1, "first must be at least 1").max(LIMITS.k, `first must be at most ${LIMITS.k}`);

const aliasInput = z.object({
  alias: requiredText(LIMITS.name),
  canonical: requiredText(LIMITS.name),
  kind: z.enum(["rebrand", "acquisition", "abbreviation", "other"]).default("other"),
});

@Resolver(() => Match)
export class MatchResolver {
  @FieldResolver(() => Opportunity)
  async apn(@Root() m: Match, @Ctx() ctx: SubgraphContext): Promise<Opportunity> {
    const row = await opportunityLoader(ctx).load(m.apnId);
    if (!row) throw notFound("Opportunity", m.apnId);
    return toOpportunity(row);
  }

  @FieldResolver(() => Opportunity)
  async odoo(@Root() m: Match, @Ctx() ctx: SubgraphContext): Promise<Opportunity> {
    const row = await opportunityLoader(ctx).load(m.odooId);
    if (!row) throw notFound("Opportunity", m.odooId);
    return toOpportunity(row);
  }

  @FieldResolver(() => [MatchDecision], { description: "The append-only audit trail of this pair, oldest first" })
  async history(@Root() m: Match, @Ctx() ctx: SubgraphContext): Promise<MatchDecision[]> {
    return (await matchHistory(ctx, m.id)) as unknown as MatchDecision[];
  }

  @Query(() => Match, { nullable: true })
  async match(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Match | null> {
    const row = await getMatch(ctx, id);
    return row ? toMatch(row) : null;
  }

  @Directive(COST.vectorSearch)
  @Query(() => [Match], { description: "An opportunity's scored pairs with the other source, best first" })
  async matchCandidates(
    @Arg("opportunityId", () => ID) opportunityId: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Match[]> {
    return (await matchCandidates(ctx, opportunityId, parseInput(first, k))).map(toMatch);
  }

  @Query(() => MatchConnection, { description: "Pairs waiting for review, most useful first (uncertainty × deal value)" })
  async matchReviewQueue(
    @Arg("first", () => Int, { defaultValue: 20 }) n: number,
    @Arg("after", () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MatchConnection> {
    const take = parseInput(first, n);
    const rows = await reviewQueue(ctx, take + 1, cursor.decode(after));
    const page = rows.slice(0, take);
    return { nodes: page.map(toMatch), endCursor: rows.length > take ? cursor.encode(page[page.length - 1]!) : null };
  }

  @Query(() => MatchConnection, { description: "Stored pairs by status (e.g. for an export), in id order" })
  async matches(
    @Arg("statuses", () => [MatchStatus], { nullable: true, description: "Omitted or null: every status" }) statuses: MatchStatus[] | null | undefined,
    @Arg("first", () => Int, { defaultValue: 100, description: "Page size, 1 to 1000" }) n: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page" }) after: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MatchConnection> {
    const take = parseInput(z.number().int().min(1, "first must be at least 1").max(1000, "first must be at most 1000"), n);
    const afterId = after == null ? null : parseInput(uuid("after"), after);
    const rows = await listMatches(ctx, { statuses: (statuses ?? null) as never, first: take + 1, after: afterId });
    const page = rows.slice(0, take);
    return { nodes: page.map(toMatch), endCursor: rows.length > take ? page[page.length - 1]!.id : null };
  }

  @Directive(COST.scan)
  @Query(() => MatchingStatistics)
  async matchingStatistics(@Ctx() ctx: SubgraphContext): Promise<MatchingStatistics> {
    return toStatistics(await matchingStatistics(ctx.db));
  }

  @Directive(COST.scan)
  @Query(() => MatchingQualityReport, { description: "The stored matches measured against known true pairs (CSV: apn_external_id, odoo_external_id)" })
  async matchingQualityReport(
    @Arg("gold", () => String) gold: string,
    @Arg("dataset", () => String, { nullable: true, description: "A name for the gold set, shown in the HTML report" }) dataset: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MatchingQualityReport> {
    const r = await qualityReport(ctx, gold, dataset == null ? undefined : parseInput(requiredText(200), dataset));
    return {
      goldPairs: r.goldPairs,
      scoredPairs: r.scoredPairs,
      configVersion: r.configVersion,
      atAutoConfirm: r.atAutoConfirm,
      atReview: r.atReview,
      best: r.best,
      recommendedAutoConfirm: r.recommended.autoConfirm,
      recommendedReview: r.recommended.review,
      rationale: r.recommended.rationale,
      html: r.html,
    };
  }

  @Directive(COST.scan)
  @Query(() => [EmbeddingCoverage], { description: "Vectors per embedding model: coverage, dimensions and mean norms" })
  async embeddingCoverage(@Ctx() ctx: SubgraphContext): Promise<EmbeddingCoverage[]> {
    const rows = await embeddingCoverage(ctx.db);
    const total = rows.reduce((s, r) => s + r.records, 0);
    return rows.map((r) => ({ ...r, coverage: r.model && total > 0 ? Math.min(r.identity, r.context) / total : 0 }));
  }

  @Query(() => MatchingConfigInfo)
  async matchingConfig(@Ctx() ctx: SubgraphContext): Promise<MatchingConfigInfo> {
    return toConfigInfo(await currentConfig(ctx.db));
  }

  @Directive(COST.scan)
  @Query(() => MatchingMonitoringInfo, { description: "Embedding freshness, drift (PSI) and data quality of the matching data, and the alerts they raise" })
  async matchingMonitoring(@Ctx() ctx: SubgraphContext): Promise<MatchingMonitoringInfo> {
    return matchingMonitoring(ctx.db, await embeddingModel(ctx));
  }

  @Query(() => [MatchingRun], { description: "Scheduled matching runs, latest first, each with its job and batch report" })
  async matchingRuns(@Arg("first", () => Int, { defaultValue: 20 }) firstN: number, @Ctx() ctx: SubgraphContext): Promise<MatchingRun[]> {
    const n = parseInput(first, firstN);
    const rows = await ctx.db.prisma.matchingScheduleRun.findMany({ orderBy: [{ slot: "desc" }, { schedule: "asc" }], take: n });
    const jobs = await Promise.all(rows.map((r) => (r.jobId ? jobQueue.loader(ctx).load(r.jobId) : null)));
    return rows.map((r, i) => ({ schedule: r.schedule, slot: r.slot, mode: r.mode, skipped: r.jobId === null, job: jobs[i] ? toJob(jobs[i]!) : null }));
  }

  @Query(() => MatchModel, { description: "The match model in force: per comparison and level m, u and match weight (as Splink's match-weight chart)" })
  async matchModel(@Ctx() ctx: SubgraphContext): Promise<MatchModel> {
    const config = await currentConfig(ctx.db);
    return toMatchModel(config);
  }

  @Query(() => OpportunityJob, { nullable: true })
  async opportunityJob(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<OpportunityJob | null> {
    const row = await jobQueue.loader(ctx).load(id);
    return row ? toJob(row) : null;
  }

  @Query(() => [CompanyAlias])
  async companyAliases(@Ctx() ctx: SubgraphContext): Promise<CompanyAlias[]> {
    return ctx.db.prisma.companyAlias.findMany({ orderBy: [{ canonical: "asc" }, { alias: "asc" }], take: 10_000 });
  }

  @Directive(COST.job)
  @Mutation(() => OpportunityJob, { description: "Queues a CSV import (APN or Odoo export, or any CSV with a mapping); watch it with opportunityJob or opportunityJobProgress" })
  async importOpportunities(@Arg("input", () => ImportOpportunitiesInput) input: ImportOpportunitiesInput, @Ctx() ctx: SubgraphContext): Promise<OpportunityJob> {
    requireRole(ctx);
    return toJob(await enqueueImport(ctx, { ...input, mapping: input.mapping ?? undefined }));
  }

  @Directive(COST.job)
  @Mutation(() => OpportunityJob, { description: "Queues a matching run: full (every record, global assignment) or incremental (records new or changed since)" })
  async runMatching(@Arg("full", () => Boolean, { defaultValue: false }) full: boolean, @Ctx() ctx: SubgraphContext): Promise<OpportunityJob> {
    requireRole(ctx);
    return toJob(await enqueueMatching(ctx, full ? "match-full" : "match-incremental"));
  }

  @Directive(COST.job)
  @Mutation(() => OpportunityJob, { description: "Queues re-embedding of records whose vectors are missing or from another model, then matches them" })
  async reembedOpportunities(@Ctx() ctx: SubgraphContext): Promise<OpportunityJob> {
    requireRole(ctx);
    return toJob(await enqueueMatching(ctx, "reembed"));
  }

  @Mutation(() => Match)
  async confirmMatch(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null | undefined,
    @Arg("override", () => Boolean, { defaultValue: false, description: "Change another reviewer's decision" }) override: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Match> {
    return toMatch(await decideMatch(ctx, { id, reason, override }, "confirmed"));
  }

  @Mutation(() => Match)
  async rejectMatch(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null | undefined,
    @Arg("override", () => Boolean, { defaultValue: false }) override: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Match> {
    return toMatch(await decideMatch(ctx, { id, reason, override }, "rejected"));
  }

  @Directive(COST.job)
  @Mutation(() => CalibrationReport, {
    description:
      "Learns signal weights and the auto-confirm threshold from review decisions, then re-scores every pair. CONFLICT (nothing stored) with fewer " +
      `than ${MIN_DECISIONS} decisions, or when a learned weight falls outside the bounds of MatchingConfigInput.weights`,
  })
  async calibrateMatching(@Ctx() ctx: SubgraphContext): Promise<CalibrationReport> {
    const { config, calibration } = await calibrateFromDecisions(ctx);
    return { config: toConfigInfo(config), ...calibration.metrics };
  }

  @Mutation(() => MatchingConfigInfo, {
    description:
      "Changes weights, thresholds or options (a new config version), then re-scores every pair. A number out of its documented range " +
      "(see MatchingConfigInput), a signal given twice or a review threshold above the auto-confirm one is BAD_USER_INPUT naming the field; nothing is stored",
  })
  async updateMatchingConfig(@Arg("input", () => MatchingConfigInput) input: MatchingConfigInput, @Ctx() ctx: SubgraphContext): Promise<MatchingConfigInfo> {
    requireRole(ctx);
    let patch;
    try {
      patch = configPatchFromInput(input);
    } catch (err) {
      if (err instanceof ConfigInputError) throw badUserInput(err.message, `input.${err.field}`);
      throw err;
    }
    return toConfigInfo(await updateConfig(ctx, patch));
  }

  @Mutation(() => CompanyAlias, {
    description:
      "Records that two company names are the same company (rebrand, acquisition, abbreviation). Alias groups are transitive and a blocking key; " +
      "the records whose names are in the alias's group are matched again by an incremental run queued at once",
  })
  async addCompanyAlias(
    @Arg("alias", () => String) alias: string,
    @Arg("canonical", () => String) canonical: string,
    @Arg("kind", () => String, { defaultValue: "other" }) kind: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CompanyAlias> {
    requireRole(ctx);
    const data = parseInput(aliasInput, { alias, canonical, kind });
    const aliasNorm = normalizeCompanyName(data.alias);
    const canonicalNorm = normalizeCompanyName(data.canonical);
    const row = await ctx.db.prisma.companyAlias.upsert({
      where: { aliasNorm_canonicalNorm: { aliasNorm, canonicalNorm } },
      create: { ...data, aliasNorm, canonicalNorm },
      update: { alias: data.alias, canonical: data.canonical, kind: data.kind },
    });
    await rematchAliasGroup(ctx, aliasNorm);
    return row;
  }

  @Subscription(() => Match, { topics: MATCH_REVIEW_QUEUED, description: "A pair entered the review queue" })
  async matchReviewQueued(@Root() event: MatchEvent, @Ctx() ctx: SubgraphContext): Promise<Match> {
    const row = await getMatch(ctx, event.id);
    if (!row) throw notFound("Match", event.id);
    return toMatch(row);
  }

  @Subscription(() => Match, { topics: MATCH_DECIDED, description: "A reviewer confirmed or rejected a pair" })
  async matchDecided(@Root() event: MatchEvent, @Ctx() ctx: SubgraphContext): Promise<Match> {
    const row = await getMatch(ctx, event.id);
    if (!row) throw notFound("Match", event.id);
    return toMatch(row);
  }

  @Subscription(() => OpportunityJob, {
    topics: JOB_PROGRESS,
    filter: ({ payload, args }: { payload: { id: string }; args: { jobId: string } }) => payload.id === args.jobId,
    description: "Progress of one import or matching job",
  })
  async opportunityJobProgress(@Root() event: { id: string }, @Arg("jobId", () => ID) _jobId: string, @Ctx() ctx: SubgraphContext): Promise<OpportunityJob> {
    const row = await jobQueue.get(ctx.db, event.id);
    if (!row) throw notFound("OpportunityJob", event.id);
    return toJob(row);
  }
}
