import { z } from "zod";
import { Prisma } from "@matchgraph/db";
import { notFound, optionalText, parseInput, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { graph } from "./deps.js";

const voteSchema = z.object({ contentId: uuid("contentId"), vote: z.enum(["up", "down"]), comment: optionalText(2_000) });

async function requireContent(ctx: SubgraphContext, id: string) {
  const row = await ctx.db.prisma.salesContent.findUnique({ where: { id } });
  if (!row) throw notFound("SalesContent", id);
  return row;
}

/** One vote per user and answer: a second vote replaces the first (primary key content_id, user_id). */
export async function rateContent(ctx: SubgraphContext, userId: string, args: { contentId: unknown; vote: unknown; comment?: unknown }): Promise<void> {
  const data = parseInput(voteSchema, args);
  await requireContent(ctx, data.contentId);
  await ctx.db.prisma.$executeRaw`
    INSERT INTO recommendations.sales_content_feedback (content_id, user_id, vote, comment)
    VALUES (${data.contentId}::uuid, ${userId}, ${data.vote}, ${data.comment})
    ON CONFLICT (content_id, user_id) DO UPDATE SET vote = EXCLUDED.vote, comment = EXCLUDED.comment, updated_at = CURRENT_TIMESTAMP`;
}

export async function contentVotes(ctx: SubgraphContext, contentId: string): Promise<{ up: number; down: number }> {
  const groups = await ctx.db.prisma.salesContentFeedback.groupBy({ by: ["vote"], where: { contentId }, _count: { _all: true } });
  return { up: groups.find((g) => g.vote === "up")?._count._all ?? 0, down: groups.find((g) => g.vote === "down")?._count._all ?? 0 };
}

export async function markUsed(ctx: SubgraphContext, userId: string, contentId: string, opportunityId: string | null) {
  parseInput(uuid("contentId"), contentId);
  if (opportunityId) parseInput(uuid("opportunityId"), opportunityId);
  await requireContent(ctx, contentId);
  return ctx.db.prisma.salesContent.update({
    where: { id: contentId },
    data: { usedAt: new Date(), usedBy: userId, ...(opportunityId ? { opportunityId } : {}) },
  });
}

export async function recordOutcome(ctx: SubgraphContext, contentId: string, outcome: unknown) {
  parseInput(uuid("contentId"), contentId);
  const o = parseInput(z.enum(["won", "lost"]), outcome);
  await requireContent(ctx, contentId);
  return ctx.db.prisma.salesContent.update({ where: { id: contentId }, data: { outcome: o, outcomeAt: new Date() } });
}

export const EFFECTIVENESS_GROUPS = ["kind", "template", "personality"] as const;

export interface Effectiveness {
  group: string;
  generated: number;
  useRate: number;
  up: number;
  down: number;
  winRate: number | null;
  score: number;
}

/**
 * Effectiveness of generated content by kind, template (with version) or DISC style: how much was
 * used, the thumbs, and the win rate of the opportunities where it was used. The score is the
 * mean of the rates that are known (use rate, share of up votes, win rate).
 */
export async function effectiveness(ctx: SubgraphContext, by: (typeof EFFECTIVENESS_GROUPS)[number]): Promise<Effectiveness[]> {
  const key =
    by === "kind"
      ? Prisma.sql`c.kind`
      : by === "template"
        ? Prisma.sql`c.template || '@' || c.template_version`
        : Prisma.sql`coalesce(c.personality, 'unknown')`;
  const rows = await ctx.db.prisma.$queryRaw<Array<{ grp: string; generated: bigint; used: bigint; up: bigint; down: bigint; won: bigint; lost: bigint }>>`
    SELECT ${key} AS grp, count(*) AS generated, count(c.used_at) AS used,
           coalesce(sum(f.up), 0)::bigint AS up, coalesce(sum(f.down), 0)::bigint AS down,
           count(*) FILTER (WHERE c.used_at IS NOT NULL AND c.outcome = 'won') AS won,
           count(*) FILTER (WHERE c.used_at IS NOT NULL AND c.outcome = 'lost') AS lost
    FROM recommendations.sales_content c
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE vote = 'up') AS up, count(*) FILTER (WHERE vote = 'down') AS down
      FROM recommendations.sales_content_feedback WHERE content_id = c.id) f ON true
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => {
    const generated = Number(r.generated);
    const up = Number(r.up);
    const down = Number(r.down);
    const won = Number(r.won);
    const lost = Number(r.lost);
    const useRate = generated ? Number(r.used) / generated : 0;
    const winRate = won + lost > 0 ? won / (won + lost) : null;
    const parts = [useRate, ...(up + down > 0 ? [up / (up + down)] : []), ...(winRate === null ? [] : [winRate])];
    return { group: r.grp, generated, useRate, up, down, winRate, score: parts.reduce((a, b) => a + b, 0) / parts.length };
  });
}

/** How an opportunity's stage reads as an outcome (CRMs spell it "Closed Won", "won", "Launched", "Closed Lost", …). */
export function outcomeOfStage(stage: string | null | undefined): "won" | "lost" | null {
  if (!stage) return null;
  if (/\b(won|launched)\b/i.test(stage)) return "won";
  if (/\b(lost|closed[ -]?lost|rejected|cancell?ed)\b/i.test(stage)) return "lost";
  return null;
}

/**
 * Outcomes of the opportunities content was used for, read from the graph (the opportunities
 * subgraph owns the stage): used content without an outcome gets won or lost once its
 * opportunity's stage says so. At most 50 per run. Returns how many outcomes were recorded.
 */
export async function syncOutcomes(ctx: SubgraphContext): Promise<number> {
  const pending = await ctx.db.prisma.salesContent.findMany({
    where: { usedAt: { not: null }, outcome: null, opportunityId: { not: null } },
    select: { id: true, opportunityId: true },
    orderBy: { usedAt: "asc" },
    take: 50,
  });
  const ids = [...new Set(pending.map((p) => p.opportunityId!))];
  if (ids.length === 0) return 0;
  const query = `query RecommendationsOutcomes(${ids.map((_, i) => `$o${i}: ID!`).join(", ")}) { ${ids.map((_, i) => `o${i}: opportunity(id: $o${i}) { stage }`).join(" ")} }`;
  const data = await graph().query<Record<string, { stage: string | null } | null>>(query, Object.fromEntries(ids.map((id, i) => [`o${i}`, id])), {
    onBehalfOf: ctx.identity,
    requestId: ctx.requestId,
  });
  const outcomeOf = new Map(ids.map((id, i) => [id, outcomeOfStage(data[`o${i}`]?.stage)]));
  let recorded = 0;
  for (const p of pending) {
    const outcome = outcomeOf.get(p.opportunityId!);
    if (!outcome) continue;
    await ctx.db.prisma.salesContent.update({ where: { id: p.id }, data: { outcome, outcomeAt: new Date() } });
    recorded++;
  }
  return recorded;
}
