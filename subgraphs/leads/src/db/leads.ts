import { Prisma, type Database } from "@matchgraph/db";
import { afterCursor, lexicalSearchIds, pageOrder, type Cursor, type LexicalTable, type ScoredId } from "@matchgraph/subgraph-kit";

export const LEAD_TABLE = Prisma.sql`leads.lead`;
export const INTENT_TABLE = Prisma.sql`leads.intent_snippet`;

/** Words of a lead (name and domain weigh more), GIN-indexed by migration 20261201090000_lexical_fallback; names also by trigram. */
export const LEAD_LEXICAL: LexicalTable = {
  from: Prisma.sql`leads.lead AS t`,
  document: Prisma.sql`leads.lead_document(t.company_name, t.domain, t.industry, t.country, t.description)`,
  name: Prisma.sql`t.company_name`,
};
export const INTENT_LEXICAL: LexicalTable = {
  from: Prisma.sql`leads.intent_snippet AS t`,
  document: Prisma.sql`leads.intent_document(t.text)`,
};

/** The n leads whose own words best match a prompt (lexical retrieval, scores in [0, 1]). */
export function lexicalLeadIds(db: Database, prompt: string, n: number): Promise<ScoredId[]> {
  return lexicalSearchIds(db, LEAD_LEXICAL, prompt, n);
}

/** The n intent snippets whose words best match a prompt (lexical retrieval, scores in [0, 1]). */
export function lexicalIntentIds(db: Database, prompt: string, n: number): Promise<ScoredId[]> {
  return lexicalSearchIds(db, INTENT_LEXICAL, prompt, n);
}

export type LeadRow = NonNullable<Awaited<ReturnType<Database["prisma"]["lead"]["findUnique"]>>>;
export type IntentRow = NonNullable<Awaited<ReturnType<Database["prisma"]["intentSnippet"]["findUnique"]>>>;

export function findLeadsByIds(db: Database, ids: readonly string[]): Promise<LeadRow[]> {
  return db.prisma.lead.findMany({ where: { id: { in: [...ids] } } });
}

export function findIntentsByIds(db: Database, ids: readonly string[]): Promise<IntentRow[]> {
  return db.prisma.intentSnippet.findMany({ where: { id: { in: [...ids] } } });
}

export interface LeadFilter {
  industry?: string;
  country?: string;
}

export function listLeadPage(db: Database, take: number, cursor: Cursor | null, filter: LeadFilter): Promise<LeadRow[]> {
  return db.prisma.lead.findMany({
    where: {
      ...(filter.industry ? { industry: { equals: filter.industry, mode: "insensitive" as const } } : {}),
      ...(filter.country ? { country: { equals: filter.country, mode: "insensitive" as const } } : {}),
      ...afterCursor(cursor),
    },
    orderBy: pageOrder,
    take,
  });
}

/** The newest `perLead` snippets of each lead, newest first (observed_at DESC, id DESC). */
export async function newestIntentsOfLeads(db: Database, leadIds: readonly string[], perLead: number): Promise<IntentRow[]> {
  if (leadIds.length === 0) return [];
  const ids = Prisma.join(leadIds.map((id) => Prisma.sql`${id}::uuid`));
  const rows = await db.prisma.$queryRaw<IntentRow[]>`
    SELECT id::text AS "id", lead_id::text AS "leadId", text, source, observed_at AS "observedAt", embedding_model AS "embeddingModel"
    FROM (
      SELECT s.id, s.lead_id, s.text, s.source, s.observed_at, s.embedding_model,
             row_number() OVER (PARTITION BY s.lead_id ORDER BY s.observed_at DESC, s.id DESC) AS rank
      FROM ${INTENT_TABLE} s
      WHERE s.lead_id IN (${ids})
    ) ranked
    WHERE rank <= ${perLead}
    ORDER BY lead_id, observed_at DESC, id DESC`;
  return rows.map((r) => ({ ...r, observedAt: new Date(r.observedAt) }));
}

/** Lead id of each snippet id. */
export async function leadIdsOfIntents(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.prisma.intentSnippet.findMany({ where: { id: { in: [...ids] } }, select: { id: true, leadId: true } });
  return new Map(rows.map((r) => [r.id, r.leadId]));
}

