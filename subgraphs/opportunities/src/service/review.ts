import { z } from "zod";
import type { Database } from "@matchgraph/db";
import { badUserInput, byIdLoader, conflict, notFound, optionalText, parseInput, requireRole, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { assignOneToOne } from "../matching/assign.js";
import { calibrate, expectedPrecisionThreshold, MIN_DECISIONS, type CalibrationResult } from "../matching/calibrate.js";
import { stampSchedules } from "./schedules.js";
import { estimateModel, explainLevels, levelsFromSignals, pairProbability, priorModel } from "../matching/fellegi-sunter.js";
import { applyConfigPatch, ConfigInputError, configPatchSchema, type MatchingConfig } from "../matching/config.js";
import { confidenceOf, dealValue, isHumanStatus, reviewPriority, scoreValues, valuesOf } from "../matching/score.js";
import type { MatchStatus, SignalContribution } from "../matching/types.js";
import { applyStatusChanges, pairsTouching, type StoredPair, type Tx } from "../db/matching.js";
import { currentConfig, LONG_TRANSACTION, MATCH_DECIDED, publishQueued, reassign, statusChanges, type MatchEvent } from "./matching.js";

export interface MatchRow {
  id: string;
  apnId: string;
  odooId: string;
  score: number;
  confidence: string;
  status: MatchStatus;
  signals: SignalContribution[];
  priority: number;
  assigned: boolean;
  configVersion: number;
  reviewer: string | null;
  reason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const toRow = (m: Awaited<ReturnType<Database["prisma"]["opportunityMatch"]["findMany"]>>[number]): MatchRow => ({
  ...m,
  status: m.status as MatchStatus,
  signals: m.signals as unknown as SignalContribution[],
});

export const matchLoader = (ctx: SubgraphContext) =>
  byIdLoader(ctx, "opportunityMatch", async (ids) => (await ctx.db.prisma.opportunityMatch.findMany({ where: { id: { in: ids } } })).map(toRow));

export async function getMatch(ctx: SubgraphContext, id: string): Promise<MatchRow | null> {
  return matchLoader(ctx).load(id);
}

/**
 * The review queue: proposed pairs, most useful decision first (priority = uncertainty × deal
 * value, see `reviewPriority`), keyset-paginated on (priority, id).
 */
export async function reviewQueue(ctx: SubgraphContext, first: number, after: { priority: number; id: string } | null): Promise<MatchRow[]> {
  const rows = await ctx.db.prisma.opportunityMatch.findMany({
    where: {
      status: "proposed",
      ...(after ? { OR: [{ priority: { lt: after.priority } }, { priority: after.priority, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ priority: "desc" }, { id: "asc" }],
    take: first,
  });
  return rows.map(toRow);
}

export async function listMatches(ctx: SubgraphContext, args: { statuses: MatchStatus[] | null; first: number; after: string | null }): Promise<MatchRow[]> {
  const rows = await ctx.db.prisma.opportunityMatch.findMany({
    where: { ...(args.statuses ? { status: { in: args.statuses } } : {}), ...(args.after ? { id: { gt: args.after } } : {}) },
    orderBy: { id: "asc" },
    take: args.first,
  });
  return rows.map(toRow);
}

/** A record's stored pairs, best first (records are matched when written; this only reads). */
export async function matchCandidates(ctx: SubgraphContext, opportunityId: string, k: number): Promise<MatchRow[]> {
  parseInput(uuid("opportunityId"), opportunityId);
  const record = await ctx.db.prisma.opportunity.findUnique({ where: { id: opportunityId }, select: { id: true } });
  if (!record) throw notFound("Opportunity", opportunityId);
  const rows = await ctx.db.prisma.opportunityMatch.findMany({
    where: { OR: [{ apnId: opportunityId }, { odooId: opportunityId }] },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    take: k,
  });
  return rows.map(toRow);
}

export async function matchHistory(ctx: SubgraphContext, matchId: string) {
  return ctx.db.prisma.opportunityMatchDecision.findMany({ where: { matchId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

const decisionInput = z.object({
  id: uuid(),
  reason: optionalText(2_000),
  override: z.boolean().nullish(),
});

/**
 * A reviewer confirms or rejects a pair. The row is locked, so two reviewers deciding the same
 * pair at once are serialised; the second gets CONFLICT when the first decided otherwise (pass
 * `override` to change a human decision on purpose). The decision goes to the audit trail,
 * then assignment runs again around both records (a confirmed pair takes both records; a
 * rejected one frees them for their next best pair).
 */
export async function decideMatch(ctx: SubgraphContext, input: unknown, decision: "confirmed" | "rejected"): Promise<MatchRow> {
  const identity = requireRole(ctx);
  const { id, reason, override } = parseInput(decisionInput, input);
  const reviewer = identity.userId;
  const { row, changed } = await ctx.db.prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ status: MatchStatus; reviewer: string | null; decided_at: Date | null }>>`
      SELECT status, reviewer, decided_at FROM opportunities.match WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw notFound("Match", id);
    if (locked.status === decision && !override) {
      return { row: toRow((await tx.opportunityMatch.findUnique({ where: { id } }))!), changed: false };
    }
    if ((locked.status === "confirmed" || locked.status === "rejected") && !override) {
      throw conflict(`The match was already ${locked.status} by ${locked.reviewer ?? "a reviewer"} at ${locked.decided_at?.toISOString() ?? "an earlier time"}; pass override: true to change it`);
    }
    const updated = await tx.opportunityMatch.update({
      where: { id },
      data: { status: decision, assigned: decision === "confirmed", reviewer, reason, decidedAt: new Date() },
    });
    await tx.opportunityMatchDecision.create({
      data: {
        matchId: id,
        apnId: updated.apnId,
        odooId: updated.odooId,
        fromStatus: locked.status,
        toStatus: decision,
        score: updated.score,
        signals: updated.signals as object,
        actor: reviewer,
        reason,
      },
    });
    return { row: toRow(updated), changed: true };
  });
  // Also when unchanged: a retry after a failed re-assignment completes it.
  await reassign(ctx, [row.apnId, row.odooId], await currentConfig(ctx.db));
  if (changed) ctx.pubSub.publish(MATCH_DECIDED, { id: row.id, status: decision } satisfies MatchEvent);
  return (await ctx.db.prisma.opportunityMatch.findUnique({ where: { id: row.id } }).then((m) => (m ? toRow(m) : row)))!;
}

/** The latest human decision per pair, as training data: signal values then, and the answer. */
async function humanDecisions(db: Pick<Database, "prisma">) {
  return db.prisma.$queryRaw<Array<{ signals: SignalContribution[]; to_status: string }>>`
    SELECT DISTINCT ON (match_id) signals, to_status FROM opportunities.match_decision
    WHERE actor <> 'system' AND to_status IN ('confirmed', 'rejected')
    ORDER BY match_id, created_at DESC, id DESC`;
}

/**
 * Learns weights and the auto-confirm threshold from review decisions, stores them as a new
 * config version and re-scores every stored pair from its kept signal values (no comparison is
 * recomputed), then assigns again. Returns the calibration's figures.
 */
export async function calibrateFromDecisions(ctx: Pick<SubgraphContext, "db" | "pubSub" | "identity">): Promise<{ config: MatchingConfig; calibration: CalibrationResult }> {
  requireRole(ctx);
  const current = await currentConfig(ctx.db);
  if (current.options.scoring === "em") return calibrateModel(ctx, current);
  const labelled = (await humanDecisions(ctx.db)).map((d) => ({ values: valuesOf(d.signals), match: d.to_status === "confirmed" }));
  let calibration: CalibrationResult;
  try {
    calibration = calibrate(current, labelled);
  } catch (err) {
    if (err instanceof RangeError) throw conflict(err.message);
    throw err;
  }
  let learned: Omit<MatchingConfig, "version">;
  try {
    // The learned weights obey the same bounds as a manual change; outside them nothing is stored.
    learned = { ...applyConfigPatch(current, { weights: calibration.weights }), fsModel: current.fsModel ?? null };
  } catch (err) {
    if (err instanceof ConfigInputError) throw conflict(`calibration learned weights out of bounds (${err.message}); nothing was changed: review more pairs, or check contradicting decisions`);
    throw err;
  }
  const config = await rescoreAll(ctx, learned, "calibrated", calibration.metrics, (rescored) => {
    // The auto-confirm threshold from the new scores of the pairs that would be auto-confirmed:
    // machine pairs only (human decisions are certain and never auto-confirmed).
    const assigned = assignOneToOne(rescored, current.options.oneToOne);
    const machine = rescored.filter((p) => assigned.has(p.id) && !isHumanStatus(p.status));
    const autoConfirm = expectedPrecisionThreshold(machine.map((p) => p.score)) ?? current.thresholds.autoConfirm;
    return { autoConfirm, review: Math.min(current.thresholds.review, autoConfirm) };
  });
  return { config, calibration };
}

/**
 * Stores a changed config (a new version) and re-scores every pair. Every number is checked
 * against CONFIG_BOUNDS first: out of bounds, or a review threshold above the auto-confirm one,
 * is BAD_USER_INPUT naming the MatchingConfigInput field and its range, and nothing is stored.
 */
export async function updateConfig(ctx: Pick<SubgraphContext, "db" | "pubSub" | "identity">, patch: unknown): Promise<MatchingConfig> {
  requireRole(ctx);
  const current = await currentConfig(ctx.db);
  let next;
  try {
    next = { ...applyConfigPatch(current, parseInput(configPatchSchema, patch)), fsModel: current.fsModel ?? null };
    next.options.schedules = stampSchedules(current.options.schedules ?? [], next.options.schedules ?? [], new Date());
  } catch (err) {
    if (err instanceof ConfigInputError) throw badUserInput(err.message, `input.${err.field}`);
    if (err instanceof z.ZodError) throw badUserInput(err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    throw err;
  }
  return rescoreAll(ctx, next, "manual", null);
}

/**
 * Stores `next` as a new config version and re-scores every stored pair under it from its kept
 * signal values (no comparison is recomputed), then assigns globally — one transaction.
 * `chooseThresholds` may set the thresholds from the re-scored pairs (calibration does).
 */
export async function rescoreAll(
  ctx: Pick<SubgraphContext, "db" | "pubSub">,
  next: Omit<MatchingConfig, "version">,
  origin: string,
  metrics: Record<string, unknown> | null,
  chooseThresholds?: (rescored: StoredPair[]) => MatchingConfig["thresholds"],
): Promise<MatchingConfig> {
  const { config, queued } = await ctx.db.prisma.$transaction(
    async (tx) => {
      const pairs = await pairsTouching(tx, null, true);
      const amounts = await dealValues(tx, next.options.apnAmountFactor);
      const rescored = pairs.map((p) => {
        const levels = next.options.scoring === "em" ? levelsFromSignals(p.signals) : null;
        const { score, signals } = levels ? explainLevels(next.fsModel ?? priorModel(), levels) : scoreValues(valuesOf(p.signals), next.weights);
        return { ...p, score, signals, priority: reviewPriority(score, amounts.get(p.id) ?? null) };
      });
      const thresholds = chooseThresholds ? chooseThresholds(rescored) : next.thresholds;
      const row = await tx.matchingConfig.create({
        data: {
          weights: next.weights,
          thresholds,
          options: next.options,
          origin,
          ...(next.fsModel ? { fsModel: next.fsModel as unknown as object } : {}),
          ...(metrics ? { metrics: { ...metrics, thresholds } } : {}),
        },
      });
      const config: MatchingConfig = { ...next, thresholds, version: row.version };
      if (rescored.length > 0) {
        await tx.$executeRaw`
          UPDATE opportunities.match m SET score = r.score, confidence = r.confidence, signals = r.signals, priority = r.priority,
            config_version = ${config.version}, updated_at = now()
          FROM unnest(${rescored.map((p) => p.id)}::uuid[], ${rescored.map((p) => p.score)}::float8[],
                      ${rescored.map((p) => confidenceOf(p.score, thresholds))}::text[], ${rescored.map((p) => JSON.stringify(p.signals))}::jsonb[],
                      ${rescored.map((p) => p.priority)}::float8[])
            AS r(id, score, confidence, signals, priority)
          WHERE m.id = r.id`;
      }
      const { changes, queued } = statusChanges(rescored, config);
      await applyStatusChanges(tx, changes);
      return { config, queued };
    },
    LONG_TRANSACTION,
  );
  publishQueued(ctx.pubSub, queued);
  return config;
}

/** Each pair's deal value (see {@link dealValue}), for the review priority. */
async function dealValues(tx: Tx, apnAmountFactor: number): Promise<Map<string, number | null>> {
  const rows = await tx.$queryRaw<Array<{ id: string; apn: number | null; odoo: number | null }>>`
    SELECT m.id::text, a.amount::float8 AS apn, o.amount::float8 AS odoo
    FROM opportunities.match m
    JOIN opportunities.opportunity a ON a.id = m.apn_id
    JOIN opportunities.opportunity o ON o.id = m.odoo_id`;
  return new Map(rows.map((r) => [r.id, dealValue(r.apn === null ? null : Number(r.apn), r.odoo === null ? null : Number(r.odoo), apnAmountFactor)]));
}

/**
 * Calibration under "em" scoring: the model is estimated again over the stored pairs with every
 * review decision as a label, starting from the model in force and anchored to it (the stored
 * pairs are the plausible part of the candidates; the next full run estimates over all of them,
 * labels included). Then every pair is re-scored and the threshold set from expected precision.
 */
async function calibrateModel(ctx: Pick<SubgraphContext, "db" | "pubSub" | "identity">, current: MatchingConfig): Promise<{ config: MatchingConfig; calibration: CalibrationResult }> {
  const pairs = (await pairsTouching(ctx.db.prisma, null, true)).flatMap((p) => {
    const levels = levelsFromSignals(p.signals);
    return levels ? [{ ...p, levels }] : [];
  });
  const labels = new Map<number, boolean>();
  pairs.forEach((p, i) => {
    if (p.status === "confirmed" || p.status === "rejected") labels.set(i, p.status === "confirmed");
  });
  if (labels.size < MIN_DECISIONS) throw conflict(`calibration needs at least ${MIN_DECISIONS} review decisions; there are ${labels.size}`);
  const before = current.fsModel ?? priorModel();
  const { model } = estimateModel(
    pairs.map((p) => p.levels),
    before,
    { labels, priorStrength: 200, entityMatches: !current.options.oneToOne },
  );
  const labelled = pairs.filter((_, i) => labels.has(i));
  const loss = (m: typeof model) => {
    let sum = 0;
    let right = 0;
    for (const p of labelled) {
      const s = Math.min(1 - 1e-12, Math.max(1e-12, pairProbability(m, p.levels)));
      sum -= p.status === "confirmed" ? Math.log(s) : Math.log(1 - s);
      if (s >= current.thresholds.review === (p.status === "confirmed")) right++;
    }
    return { logLoss: Math.round((sum / labelled.length) * 1e4) / 1e4, accuracy: Math.round((right / labelled.length) * 1e4) / 1e4 };
  };
  const b = loss(before);
  const a = loss(model);
  const calibration: CalibrationResult = {
    weights: current.weights,
    metrics: {
      decisions: labelled.length,
      positives: labelled.filter((p) => p.status === "confirmed").length,
      logLossBefore: b.logLoss,
      logLossAfter: a.logLoss,
      accuracyBefore: b.accuracy,
      accuracyAfter: a.accuracy,
    },
  };
  const config = await rescoreAll(ctx, { ...current, fsModel: model }, "calibrated", calibration.metrics, (rescored) => {
    const assigned = assignOneToOne(rescored, current.options.oneToOne);
    const machine = rescored.filter((p) => assigned.has(p.id) && !isHumanStatus(p.status));
    const autoConfirm = expectedPrecisionThreshold(machine.map((p) => p.score), current.options.targetPrecision) ?? current.thresholds.autoConfirm;
    return { autoConfirm, review: Math.min(current.thresholds.review, autoConfirm) };
  });
  return { config, calibration };
}
