import { Prisma, type Database } from "@matchgraph/db";
import { afterCursor, lexicalSearchIds, pageOrder, type Cursor, type LexicalTable, type ScoredId } from "@matchgraph/subgraph-kit";

export const ITEM_TABLE = Prisma.sql`recommendations.item`;

/** Words of an item (the title weighs more than body and tags), GIN-indexed by migration 20261201090000_lexical_fallback; titles also by trigram. */
export const ITEM_LEXICAL: LexicalTable = {
  from: Prisma.sql`recommendations.item AS t`,
  document: Prisma.sql`recommendations.item_document(t.title, t.body, t.tags)`,
  name: Prisma.sql`t.title`,
};

/** The k items (of one kind, if given) whose words best match a text, by lexical retrieval (scores in [0, 1]). */
export function lexicalItemIds(db: Database, text: string, k: number, kind?: string): Promise<ScoredId[]> {
  return lexicalSearchIds(db, ITEM_LEXICAL, text, k, { where: kind ? Prisma.sql`AND t.kind = ${kind}` : Prisma.empty });
}

export type ItemRow = NonNullable<Awaited<ReturnType<Database["prisma"]["recommendationItem"]["findUnique"]>>>;

export function findItemsByIds(db: Database, ids: readonly string[]): Promise<ItemRow[]> {
  return db.prisma.recommendationItem.findMany({ where: { id: { in: [...ids] } } });
}

export function listItemsPage(db: Database, take: number, cursor: Cursor | null, kind?: string): Promise<ItemRow[]> {
  return db.prisma.recommendationItem.findMany({
    where: { ...(kind ? { kind } : {}), ...afterCursor(cursor) },
    orderBy: pageOrder,
    take,
  });
}

export function kindFilter(kind: string | undefined): Prisma.Sql {
  return kind ? Prisma.sql`AND kind = ${kind}` : Prisma.empty;
}

/** ups − downs per item (items without votes are absent). */
export async function feedbackScores(db: Database, itemIds: readonly string[]): Promise<Map<string, number>> {
  const groups = await db.prisma.recommendationFeedback.groupBy({
    by: ["itemId", "signal"],
    where: { itemId: { in: [...itemIds] }, signal: { in: ["up", "down"] } },
    _count: { _all: true },
  });
  const scores = new Map<string, number>();
  for (const g of groups) scores.set(g.itemId, (scores.get(g.itemId) ?? 0) + (g.signal === "up" ? 1 : -1) * g._count._all);
  return scores;
}

/** Up and down votes per item (items without votes are absent). */
export async function voteCounts(db: Database, itemIds: readonly string[]): Promise<Map<string, { up: number; down: number }>> {
  if (itemIds.length === 0) return new Map();
  const groups = await db.prisma.recommendationFeedback.groupBy({
    by: ["itemId", "signal"],
    where: { itemId: { in: [...itemIds] }, signal: { in: ["up", "down"] } },
    _count: { _all: true },
  });
  const out = new Map<string, { up: number; down: number }>();
  for (const g of groups) {
    const v = out.get(g.itemId) ?? { up: 0, down: 0 };
    if (g.signal === "up") v.up += g._count._all;
    else v.down += g._count._all;
    out.set(g.itemId, v);
  }
  return out;
}

export interface FeedbackRow {
  itemId: string;
  userId: string;
  signal: string;
  context: string | null;
  /** The item's ranking features when it was shown (for the learning adjuster), when known. */
  features?: Record<string, number> | null;
}

/**
 * Records a reaction. A vote (up / down) is one per user and item: a second vote replaces the
 * first (upsert on the partial unique index feedback_one_vote_key), so votes never stack. Clicks
 * and dismissals are events and are kept each.
 */
export async function insertFeedback(db: Database, row: FeedbackRow): Promise<void> {
  const features = row.features ? JSON.stringify(row.features) : null;
  if (row.signal === "up" || row.signal === "down") {
    await db.prisma.$executeRaw`
      INSERT INTO recommendations.feedback (item_id, user_id, signal, context, features)
      VALUES (${row.itemId}::uuid, ${row.userId}, ${row.signal}, ${row.context}, ${features}::jsonb)
      ON CONFLICT (item_id, user_id) WHERE signal IN ('up', 'down')
      DO UPDATE SET signal = EXCLUDED.signal, context = EXCLUDED.context,
                    features = coalesce(EXCLUDED.features, feedback.features), updated_at = CURRENT_TIMESTAMP`;
    return;
  }
  await db.prisma.$executeRaw`
    INSERT INTO recommendations.feedback (item_id, user_id, signal, context, features)
    VALUES (${row.itemId}::uuid, ${row.userId}, ${row.signal}, ${row.context}, ${features}::jsonb)`;
}
