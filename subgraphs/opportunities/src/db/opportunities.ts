import { Prisma, type Database } from "@matchgraph/db";
import { afterCursor, pageOrder, type Cursor } from "@matchgraph/subgraph-kit";

export const OPPORTUNITY_TABLE = Prisma.sql`opportunities.opportunity`;

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
