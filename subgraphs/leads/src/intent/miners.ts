/**
 * F-9 miners: batches of intent snippets from miners (role `miner`), a 64-bit simhash
 * near-duplicate / plagiarism check (flagged snippets are stored, never scored, and lower the
 * miner's share), and the Miner Quality Factor from the outcomes of the leads a miner's snippets
 * surfaced, with quality-weighted emission shares.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Prisma, type Database } from "@matchgraph/db";
import { notFound, parseInput, requiredText, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { insertSnippets, snippetsOfLeads, type NewSnippet } from "../db/intent.js";
import { bumpDataVersion, intentRuntime, type IntentRuntime } from "./runtime.js";
import { hamming, NEAR_DUPLICATE_BITS, simhash, termFrequencies } from "./text.js";

export const SNIPPET_SOURCES = ["job_posting", "news", "review", "technology_change", "web_visit"] as const;
export type SnippetSource = (typeof SNIPPET_SOURCES)[number];
export const SNIPPET_BATCH_MAX = 500;
export const MINER_ROLES = ["miner", "admin"];

const snippetSchema = z.object({
  leadId: z.string().uuid("leadId must be a UUID"),
  source: z.enum(SNIPPET_SOURCES, "source must be one of job_posting, news, review, technology_change, web_visit"),
  text: requiredText(4000),
  observedAt: z
    .date("observedAt must be a date-time")
    .nullish()
    .transform((v) => v ?? new Date())
    .refine((d) => d.getTime() <= Date.now() + 60_000, "observedAt must not be in the future"),
});
const batchSchema = z.array(snippetSchema).min(1, "at least one snippet").max(SNIPPET_BATCH_MAX, `at most ${SNIPPET_BATCH_MAX} snippets per batch`);

export interface SubmittedSnippet {
  id: string;
  leadId: string;
  source: string;
  observedAt: Date;
  simhash: string;
  /** The earlier snippet this one nearly duplicates (then it is not scored). */
  duplicateOf: string | null;
  /** The duplicated snippet came from another miner. */
  plagiarism: boolean;
}

async function minerIdOf(db: Database | Prisma.TransactionClient, userId: string): Promise<string> {
  const client = "prisma" in db ? db.prisma : db;
  const rows = await client.$queryRaw<Array<{ id: string }>>`
    INSERT INTO leads.miner (user_id) VALUES (${userId}) ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id RETURNING id::text AS id`;
  return rows[0]!.id;
}

/** Stores a miner's batch in one transaction; near-duplicates (≤ 3 differing simhash bits against the lead's snippets or the batch) are flagged. */
export async function submitIntentSnippets(ctx: SubgraphContext, userId: string, input: unknown, runtime: IntentRuntime = intentRuntime()): Promise<SubmittedSnippet[]> {
  const batch = parseInput(batchSchema, input);
  const leadIds = [...new Set(batch.map((s) => s.leadId))];
  const known = await ctx.db.prisma.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM leads.lead WHERE id = ANY(${leadIds}::uuid[])`;
  const knownIds = new Set(known.map((r) => r.id));
  const missing = leadIds.find((id) => !knownIds.has(id));
  if (missing) throw notFound("Lead", missing);

  const out = await ctx.db.prisma.$transaction(async (tx) => {
    const minerId = await minerIdOf(tx, userId);
    const existing = await snippetsOfLeads(tx, leadIds, 500);
    const pool = existing.map((s) => ({ id: s.id, leadId: s.leadId, simhash: s.simhash, minerId: s.minerId }));
    const rows: NewSnippet[] = [];
    const result: SubmittedSnippet[] = [];
    for (const s of batch) {
      const hash = simhash(s.text);
      const dup = pool.find((p) => p.leadId === s.leadId && hamming(p.simhash, hash) <= NEAR_DUPLICATE_BITS);
      const { tf, length } = termFrequencies(s.text);
      const id = randomUUID();
      rows.push({ id, leadId: s.leadId, source: s.source, text: s.text, observedAt: s.observedAt, minerId, simhash: hash, length, duplicateOf: dup?.id ?? null, terms: tf });
      result.push({ id, leadId: s.leadId, source: s.source, observedAt: s.observedAt, simhash: hash.toString(), duplicateOf: dup?.id ?? null, plagiarism: !!dup && dup.minerId !== minerId });
      pool.push({ id, leadId: s.leadId, simhash: hash, minerId });
    }
    await insertSnippets(tx, rows);
    const flagged = result.filter((r) => r.duplicateOf).length;
    await tx.$executeRaw`UPDATE leads.miner SET snippets_accepted = snippets_accepted + ${result.length - flagged}, snippets_flagged = snippets_flagged + ${flagged} WHERE id = ${minerId}::uuid`;
    const plagiarised = result.filter((r) => r.plagiarism).length;
    if (plagiarised > 0) {
      await tx.$executeRaw`
        INSERT INTO leads.quality_alert (kind, subject, value, message)
        VALUES ('miner_plagiarism', ${userId}, ${plagiarised}, ${`${plagiarised} submitted snippet(s) nearly duplicate another miner's`})`;
    }
    return result;
  });
  if (out.some((r) => r.plagiarism)) runtime.metrics.alerts.inc({ kind: "miner_plagiarism" });
  if (out.some((r) => !r.duplicateOf)) bumpDataVersion(runtime);
  return out;
}

export interface MinerQuality {
  minerId: string;
  userId: string;
  snippetsAccepted: number;
  snippetsFlagged: number;
  impressions: number;
  clicks: number;
  conversions: number;
  ctr: number;
  conversionRate: number;
  /** Miner Quality Factor: (1 − flagged share) × smoothed CTR and conversion relative to all miners. */
  qualityFactor: number;
  /** Share of emissions: accepted snippets × MQF, normalised over miners. */
  emissionShare: number;
}

/** MQF and emission shares of every miner (Bayesian-smoothed rates so that a few impressions do not swing them). */
export async function minerQuality(db: Database): Promise<MinerQuality[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string; userId: string; accepted: number; flagged: number; impressions: bigint | number; clicks: bigint | number; conversions: bigint | number }>>`
    SELECT m.id::text AS id, m.user_id AS "userId", m.snippets_accepted AS accepted, m.snippets_flagged AS flagged,
           count(*) FILTER (WHERE o.kind = 'impression') AS impressions,
           count(*) FILTER (WHERE o.kind = 'click') AS clicks,
           count(*) FILTER (WHERE o.kind = 'conversion') AS conversions
    FROM leads.miner m
    LEFT JOIN leads.lead_query_hit h ON m.id = ANY(h.miner_ids)
    LEFT JOIN leads.lead_outcome o ON o.query_id = h.query_id AND o.lead_id = h.lead_id
    GROUP BY m.id, m.user_id, m.snippets_accepted, m.snippets_flagged
    ORDER BY m.user_id`;
  const n = (v: bigint | number) => Number(v);
  const total = rows.reduce((t, r) => ({ i: t.i + n(r.impressions), c: t.c + n(r.clicks), v: t.v + n(r.conversions) }), { i: 0, c: 0, v: 0 });
  const priorCtr = total.i > 0 ? Math.max(0.01, total.c / total.i) : 0.1;
  const priorCvr = total.c > 0 ? Math.max(0.01, total.v / total.c) : 0.1;
  const PRIOR = 20;
  const out = rows.map((r) => {
    const impressions = n(r.impressions);
    const clicks = n(r.clicks);
    const conversions = n(r.conversions);
    const ctr = (clicks + PRIOR * priorCtr) / (impressions + PRIOR);
    const cvr = (conversions + PRIOR * priorCvr) / (clicks + PRIOR);
    const submitted = r.accepted + r.flagged;
    const clean = submitted > 0 ? r.accepted / submitted : 1;
    const qualityFactor = clean * (0.5 * (ctr / priorCtr) + 0.5 * (cvr / priorCvr));
    return {
      minerId: r.id,
      userId: r.userId,
      snippetsAccepted: r.accepted,
      snippetsFlagged: r.flagged,
      impressions,
      clicks,
      conversions,
      ctr: impressions > 0 ? clicks / impressions : 0,
      conversionRate: clicks > 0 ? conversions / clicks : 0,
      qualityFactor,
      emissionShare: 0,
    };
  });
  const weight = out.reduce((s, m) => s + m.snippetsAccepted * m.qualityFactor, 0);
  for (const m of out) m.emissionShare = weight > 0 ? (m.snippetsAccepted * m.qualityFactor) / weight : 0;
  return out;
}
