/**
 * Queries, their hits (with the miners whose snippets counted) and outcomes; submitters'
 * query-quality reputation (EMA) with alerts and rate limits. Query rows are written in batches
 * off the request path (one INSERT per flush): outcomes flush first, so they always find their hit.
 */
import type { Database } from "@matchgraph/db";
import { GraphQLError } from "graphql";
import { notFound } from "@matchgraph/subgraph-kit";
import type { IntentRuntime } from "./runtime.js";

/** A returned hit as logged: serialised once per computed result (cached answers log the same hits). */
export interface LoggedHit {
  leadId: string;
  rank: number;
  /** PostgreSQL array literal of the miners whose snippets counted. */
  minerIds: string;
  /** JSON of the cold-start features. */
  features: string;
  llmLikelihood: number | null;
}

export interface LoggedQuery {
  id: string;
  submitter: string;
  prompt: string;
  /** JSON of the parsed prompt. */
  parsed: string;
  k: number;
  quality: number;
  costUsd: number;
  llmCalls: number;
  hits: LoggedHit[];
}

interface Pending {
  rows: LoggedQuery[];
  /** Reputation scores to store: latest score and queries counted since the last flush. */
  reputation: Map<string, { score: number; queries: number }>;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

function pendingOf(db: Database): Pending {
  let p = pending.get(db);
  if (!p) {
    p = { rows: [], reputation: new Map(), timer: null, flushing: null };
    pending.set(db, p);
  }
  return p;
}

function schedule(db: Database, p: Pending): void {
  if (p.timer) return;
  p.timer = setTimeout(() => {
    p.timer = null;
    void flushQueries(db).catch(() => undefined);
  }, FLUSH_MS);
  p.timer.unref?.();
}

const pending = new WeakMap<Database, Pending>();
const FLUSH_MS = 200;

async function writeQueries(db: Database, rows: LoggedQuery[], reputation: Map<string, { score: number; queries: number }>): Promise<void> {
  if (reputation.size) {
    const names = [...reputation.keys()];
    await db.prisma.$executeRaw`
      INSERT INTO leads.submitter_reputation (submitter, score, queries, updated_at)
      SELECT s, sc, q, now() FROM unnest(${names}::text[], ${names.map((n) => reputation.get(n)!.score)}::float8[], ${names.map((n) => reputation.get(n)!.queries)}::int[]) AS x(s, sc, q)
      ON CONFLICT (submitter) DO UPDATE SET score = EXCLUDED.score, queries = leads.submitter_reputation.queries + EXCLUDED.queries, updated_at = now()`;
  }
  if (rows.length === 0) return;
  // Array parameters expanded by unnest: a flush of any size is two statements with a handful of binds.
  const hits = rows.flatMap((q) => q.hits.map((h) => ({ q: q.id, ...h })));
  await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO leads.lead_query (id, submitter, prompt, parsed, k, hits, quality, cost_usd, llm_calls)
      SELECT i, s, p, j::jsonb, k, h, q, c, n FROM unnest(
        ${rows.map((q) => q.id)}::uuid[], ${rows.map((q) => q.submitter)}::text[], ${rows.map((q) => q.prompt)}::text[],
        ${rows.map((q) => q.parsed)}::text[], ${rows.map((q) => q.k)}::int[], ${rows.map((q) => q.hits.length)}::int[],
        ${rows.map((q) => q.quality)}::float8[], ${rows.map((q) => q.costUsd)}::float8[], ${rows.map((q) => q.llmCalls)}::int[]
      ) AS x(i, s, p, j, k, h, q, c, n)`;
    if (hits.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO leads.lead_query_hit (query_id, lead_id, rank, miner_ids, features, llm_likelihood)
      SELECT q, l, r, m::uuid[], f::jsonb, x FROM unnest(
        ${hits.map((h) => h.q)}::uuid[], ${hits.map((h) => h.leadId)}::uuid[], ${hits.map((h) => h.rank)}::int[],
        ${hits.map((h) => h.minerIds)}::text[], ${hits.map((h) => h.features)}::text[], ${hits.map((h) => h.llmLikelihood)}::float8[]
      ) AS t(q, l, r, m, f, x)`;
  });
}

/** Queues a query for the next batch write. */
export function logQuery(db: Database, row: LoggedQuery): void {
  const p = pendingOf(db);
  p.rows.push(row);
  schedule(db, p);
}

/** Writes every queued query (and reputation score) now. */
export async function flushQueries(db: Database): Promise<void> {
  const p = pending.get(db);
  if (!p) return;
  while (p.flushing) await p.flushing;
  if (p.rows.length === 0 && p.reputation.size === 0) return;
  const rows = p.rows.splice(0);
  const reputation = new Map(p.reputation);
  p.reputation.clear();
  p.flushing = writeQueries(db, rows, reputation).finally(() => {
    p.flushing = null;
  });
  await p.flushing;
}

// ---------------------------------------------------------------- reputation

const EMA_ALPHA = 0.2;
const INITIAL_REPUTATION = 0.6;

/** Throws RATE_LIMITED when the submitter is over their per-minute allowance (tighter under low reputation). */
export function checkRate(runtime: IntentRuntime, submitter: string, now = Date.now()): void {
  const rep = runtime.reputation.get(submitter) ?? INITIAL_REPUTATION;
  const limit = rep < runtime.config.reputationAlert ? runtime.config.ratePerMinuteLow : runtime.config.ratePerMinute;
  const w = runtime.rate.get(submitter);
  if (!w || now - w.windowStart >= 60_000) {
    runtime.rate.set(submitter, { windowStart: now, count: 1 });
    return;
  }
  if (w.count >= limit) {
    throw new GraphQLError(`Too many lead searches: at most ${limit} per minute${limit === runtime.config.ratePerMinuteLow ? " while query quality is low" : ""}`, {
      extensions: { code: "RATE_LIMITED", retryAfterMs: 60_000 - (now - w.windowStart) },
    });
  }
  w.count++;
}

/**
 * One quality sample for a submitter: the EMA moves in memory, the gauge follows, crossing under
 * the alert threshold records an alert (once per crossing); the score is stored with the next
 * batch of queries (never a write per request).
 */
export async function recordQuality(db: Database, runtime: IntentRuntime, submitter: string, quality: number): Promise<number> {
  const before = runtime.reputation.get(submitter) ?? INITIAL_REPUTATION;
  const after = (1 - EMA_ALPHA) * before + EMA_ALPHA * quality;
  runtime.reputation.set(submitter, after);
  const threshold = runtime.config.reputationAlert;
  if (after < threshold) runtime.metrics.reputation.set({ submitter }, after);
  else runtime.metrics.reputation.remove({ submitter });
  if (before >= threshold && after < threshold) {
    await db.prisma.$executeRaw`
      INSERT INTO leads.quality_alert (kind, subject, value, message)
      VALUES ('low_reputation', ${submitter}, ${after}, ${`Query-quality reputation ${after.toFixed(3)} fell under ${threshold}: rate limit tightened to ${runtime.config.ratePerMinuteLow} per minute`})`;
    runtime.metrics.alerts.inc({ kind: "low_reputation" });
  }
  const p = pendingOf(db);
  const cur = p.reputation.get(submitter);
  p.reputation.set(submitter, { score: after, queries: (cur?.queries ?? 0) + 1 });
  schedule(db, p);
  return after;
}

/** Loads a submitter's stored reputation into the process (first request after a restart). */
export async function loadReputation(db: Database, runtime: IntentRuntime, submitter: string): Promise<void> {
  if (runtime.reputation.has(submitter)) return;
  const rows = await db.prisma.$queryRaw<Array<{ score: number }>>`SELECT score FROM leads.submitter_reputation WHERE submitter = ${submitter}`;
  runtime.reputation.set(submitter, rows[0] ? Number(rows[0].score) : INITIAL_REPUTATION);
}

// ---------------------------------------------------------------- outcomes

export type OutcomeKind = "impression" | "click" | "conversion";

/** Records an outcome of a returned lead (once per query, lead and kind); NOT_FOUND unless the query returned the lead. */
export async function recordOutcome(db: Database, runtime: IntentRuntime, queryId: string, leadId: string, kind: OutcomeKind): Promise<{ created: boolean; submitter: string }> {
  await flushQueries(db);
  const hit = await db.prisma.$queryRaw<Array<{ submitter: string }>>`
    SELECT q.submitter FROM leads.lead_query_hit h JOIN leads.lead_query q ON q.id = h.query_id
    WHERE h.query_id = ${queryId}::uuid AND h.lead_id = ${leadId}::uuid`;
  if (!hit[0]) throw notFound("LeadQueryHit", `${queryId}/${leadId}`);
  const created = await db.prisma.$executeRaw`
    INSERT INTO leads.lead_outcome (query_id, lead_id, kind) VALUES (${queryId}::uuid, ${leadId}::uuid, ${kind})
    ON CONFLICT (query_id, lead_id, kind) DO NOTHING`;
  // A click or conversion says the query was worth answering.
  if (created && kind !== "impression") await recordQuality(db, runtime, hit[0].submitter, 1);
  return { created: created > 0, submitter: hit[0].submitter };
}
