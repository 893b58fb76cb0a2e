import { Prisma, type Database } from "@matchgraph/db";

export interface MatchingStatistics {
  records: Record<string, number>;
  /** Records with a confirmed or auto-confirmed pair, per source. */
  matched: Record<string, number>;
  /** Records with neither such a pair nor one in review, per source. */
  unmatched: Record<string, number>;
  /** Records still waiting for matching (new or changed since). */
  pending: number;
  byStatus: Record<string, number>;
  byConfidence: Record<string, number>;
  /** A few unmatched records per source, by external id (the unmatched report's sample). */
  unmatchedSample: Record<string, string[]>;
}

const SETTLED = ["confirmed", "auto_confirmed"];

export async function matchingStatistics(db: Pick<Database, "prisma">): Promise<MatchingStatistics> {
  // Each record's pairs, from both columns of the pair table at once (one scan, no probe per record).
  const perRecord = Prisma.sql`
    SELECT id, bool_or(status = ANY(${SETTLED}::text[])) AS settled, bool_or(status = 'proposed') AS queued
    FROM (SELECT apn_id AS id, status FROM opportunities.match UNION ALL SELECT odoo_id, status FROM opportunities.match) x
    GROUP BY id`;
  const [perSource, perStatus, sample] = await Promise.all([
    db.prisma.$queryRaw<Array<{ source: string; records: number; matched: number; unmatched: number; pending: number }>>`
      SELECT o.source, count(*)::int AS records,
        count(*) FILTER (WHERE s.settled)::int AS matched,
        count(*) FILTER (WHERE s.settled IS NOT TRUE AND s.queued IS NOT TRUE)::int AS unmatched,
        count(*) FILTER (WHERE o.matched_at IS NULL OR o.matched_at < o.updated_at)::int AS pending
      FROM opportunities.opportunity o LEFT JOIN (${perRecord}) s ON s.id = o.id
      GROUP BY o.source`,
    db.prisma.$queryRaw<Array<{ status: string; confidence: string; n: number }>>`
      SELECT status, confidence, count(*)::int AS n FROM opportunities.match GROUP BY status, confidence`,
    db.prisma.$queryRaw<Array<{ source: string; ids: string[] }>>`
      SELECT source, (array_agg(external_id ORDER BY external_id))[1:20] AS ids
      FROM opportunities.opportunity o LEFT JOIN (${perRecord}) s ON s.id = o.id
      WHERE s.settled IS NOT TRUE AND s.queued IS NOT TRUE
      GROUP BY source`,
  ]);
  const stats: MatchingStatistics = { records: {}, matched: {}, unmatched: {}, pending: 0, byStatus: {}, byConfidence: {}, unmatchedSample: {} };
  for (const s of perSource) {
    stats.records[s.source] = s.records;
    stats.matched[s.source] = s.matched;
    stats.unmatched[s.source] = s.unmatched;
    stats.pending += s.pending;
  }
  for (const r of perStatus) {
    stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + r.n;
    stats.byConfidence[r.confidence] = (stats.byConfidence[r.confidence] ?? 0) + r.n;
  }
  for (const s of sample) stats.unmatchedSample[s.source] = s.ids;
  return stats;
}
