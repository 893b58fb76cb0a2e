import { Prisma, type Database } from "@matchgraph/db";
import { afterCursor, lexicalSearchIds, pageOrder, type Cursor, type LexicalTable, type ScoredId } from "@matchgraph/subgraph-kit";

export const OPPORTUNITY_TABLE = Prisma.sql`opportunities.opportunity`;

/**
 * Words of an opportunity (company and title weigh more than the description), GIN-indexed by
 * migration 20261201090000_lexical_fallback; the normalised name by trigram (matching's GIN index).
 */
export const OPPORTUNITY_LEXICAL: LexicalTable = {
  from: Prisma.sql`opportunities.opportunity AS t`,
  document: Prisma.sql`opportunities.opportunity_document(t.company_name, t.title, t.description)`,
  name: Prisma.sql`t.name_norm`,
};

/**
 * The k opportunities (of one source, if given) whose words best match a text, by lexical
 * retrieval (scores in [0, 1]); `nameQuery` is the text normalised like `name_norm`.
 */
export function lexicalOpportunityIds(db: Database, text: string, nameQuery: string, k: number, source?: string): Promise<ScoredId[]> {
  return lexicalSearchIds(db, OPPORTUNITY_LEXICAL, text, k, { nameQuery, where: source ? Prisma.sql`AND t.source = ${source}` : Prisma.empty });
}

export type OpportunityRow = NonNullable<Awaited<ReturnType<Database["prisma"]["opportunity"]["findUnique"]>>>;

export function findByIds(db: Database, ids: readonly string[]): Promise<OpportunityRow[]> {
  return db.prisma.opportunity.findMany({ where: { id: { in: [...ids] } } });
}

export function listPage(db: Database, take: number, cursor: Cursor | null, source?: string): Promise<OpportunityRow[]> {
  return db.prisma.opportunity.findMany({
    where: { ...(source ? { source } : {}), ...afterCursor(cursor) },
    orderBy: pageOrder,
    take,
  });
}

export function sourceFilter(source: string | undefined): Prisma.Sql {
  return source ? Prisma.sql`AND source = ${source}` : Prisma.empty;
}
