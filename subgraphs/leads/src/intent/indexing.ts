/**
 * Intent signals recorded on a lead (`addIntentSnippet`, the lead's `intents`) feed the intent model
 * too: each is stored once more as a scored snippet — simhash, near-duplicate check, BM25 postings —
 * under the same id, in the transaction that records it. `indexPendingIntentSnippets` catches up the
 * signals written straight to `leads.intent_snippet` (the demo seed, rows older than this indexing).
 */
import { type Database, type Prisma } from "@matchgraph/db";
import { insertSnippets, snippetsOfLeads, type NewSnippet } from "../db/intent.js";
import { SNIPPET_SOURCES, type SnippetSource } from "./miners.js";
import { hamming, NEAR_DUPLICATE_BITS, simhash, termFrequencies } from "./text.js";

/** Free-text sources of recorded signals, by what the intent model makes of them. */
const SOURCE_ALIASES: Readonly<Record<string, SnippetSource>> = {
  website: "web_visit",
  webinar: "web_visit",
  content_download: "web_visit",
  review_site: "review",
  job: "job_posting",
  job_post: "job_posting",
  tender: "news",
  social: "news",
  press: "news",
  technology: "technology_change",
};

/** The intent model's source for a recorded signal's free-text source; unknown ones count as a web visit (no boost). */
export function intentSourceOf(source: string | null): SnippetSource {
  const key = (source ?? "").trim().toLowerCase().replace(/[\s-]+/g, "_");
  return (SNIPPET_SOURCES as readonly string[]).includes(key) ? (key as SnippetSource) : (SOURCE_ALIASES[key] ?? "web_visit");
}

export interface IntentSignal {
  id: string;
  leadId: string;
  source: string | null;
  text: string;
  observedAt: Date;
}

/** Stores signals as intent-model snippets; one within a few simhash bits of the lead's earlier ones is stored unscored. Returns how many are scored. */
export async function indexIntentSignals(tx: Prisma.TransactionClient, signals: IntentSignal[]): Promise<number> {
  if (signals.length === 0) return 0;
  const existing = await snippetsOfLeads(tx, [...new Set(signals.map((s) => s.leadId))], 500);
  const pool = existing.map((s) => ({ id: s.id, leadId: s.leadId, simhash: s.simhash }));
  const rows: NewSnippet[] = [];
  for (const s of signals) {
    const hash = simhash(s.text);
    const dup = pool.find((p) => p.leadId === s.leadId && hamming(p.simhash, hash) <= NEAR_DUPLICATE_BITS);
    const { tf, length } = termFrequencies(s.text);
    rows.push({ id: s.id, leadId: s.leadId, source: intentSourceOf(s.source), text: s.text, observedAt: new Date(s.observedAt), minerId: null, simhash: hash, length, duplicateOf: dup?.id ?? null, terms: tf });
    pool.push({ id: s.id, leadId: s.leadId, simhash: hash });
  }
  await insertSnippets(tx, rows);
  return rows.filter((r) => r.duplicateOf === null).length;
}

/**
 * Indexes every recorded signal the intent model lacks, oldest first, `batch` per transaction.
 * An advisory lock keeps two instances starting at once from indexing the same rows.
 */
export async function indexPendingIntentSnippets(db: Database, batch = 500): Promise<number> {
  let indexed = 0;
  for (;;) {
    const n = await db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('leads.index_intent_snippets'))`;
        const pending = await tx.$queryRaw<IntentSignal[]>`
          SELECT i.id::text AS id, i.lead_id::text AS "leadId", i.source, i.text, i.observed_at AS "observedAt"
          FROM leads.intent_snippet i
          WHERE NOT EXISTS (SELECT 1 FROM leads.snippet s WHERE s.id = i.id)
          ORDER BY i.observed_at, i.id
          LIMIT ${batch}`;
        await indexIntentSignals(tx, pending);
        return pending.length;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    indexed += n;
    if (n < batch) return indexed;
  }
}
