import { Prisma, type Database } from "@matchgraph/db";

/**
 * SQL of key concepts: `knowledge.concept` (unique normalised name, doc_freq = linked chunks, kept
 * by triggers) and `knowledge.chunk_concept` (chunk ↔ concept with a weight). Parameterised only.
 */
export const CONCEPT_TABLE = Prisma.sql`knowledge.concept`;
export const CHUNK_CONCEPT_TABLE = Prisma.sql`knowledge.chunk_concept`;

export interface ConceptRow {
  id: string;
  name: string;
  display: string;
  docFreq: number;
}

export interface ScoredConceptRow extends ConceptRow {
  /** Sum of the concept's weights over the source's chunks. */
  score: number;
}

export interface ChunkConcepts {
  chunkId: string;
  concepts: ReadonlyArray<{ name: string; display: string; weight: number }>;
}

/** Rows per statement (each row is 2–3 array elements; arrays are single bind parameters). */
const BATCH = 1_000;

/**
 * Links chunks to their concepts inside the caller's transaction (or on `db.prisma`): creates the
 * concepts that do not exist yet, then inserts the links (a link that exists gets the new weight).
 * Names must be normalised (see normaliseConcept). doc_freq is maintained by the database.
 */
export async function linkConcepts(tx: Prisma.TransactionClient, items: readonly ChunkConcepts[]): Promise<number> {
  const displays = new Map<string, string>();
  const links = new Map<string, { chunkId: string; name: string; weight: number }>();
  for (const { chunkId, concepts } of items) {
    for (const c of concepts) {
      if (!displays.has(c.name)) displays.set(c.name, c.display);
      links.set(`${chunkId}\u0000${c.name}`, { chunkId, name: c.name, weight: c.weight });
    }
  }
  if (links.size === 0) return 0;

  const names = [...displays.keys()].sort(); // a stable order keeps concurrent upserts from deadlocking
  const ids = new Map<string, string>();
  for (let i = 0; i < names.length; i += BATCH) {
    const batch = names.slice(i, i + BATCH);
    await tx.$executeRaw`
      INSERT INTO ${CONCEPT_TABLE} (name, display)
      SELECT * FROM unnest(${batch}::text[], ${batch.map((n) => displays.get(n)!)}::text[])
      ON CONFLICT (name) DO NOTHING`;
    const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT id, name FROM ${CONCEPT_TABLE} WHERE name = ANY(${batch}::text[])`;
    for (const r of rows) ids.set(r.name, r.id);
  }

  const all = [...links.values()];
  let written = 0;
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    written += await tx.$executeRaw`
      INSERT INTO ${CHUNK_CONCEPT_TABLE} (chunk_id, concept_id, weight)
      SELECT * FROM unnest(${batch.map((l) => l.chunkId)}::uuid[], ${batch.map((l) => ids.get(l.name)!)}::uuid[], ${batch.map((l) => l.weight)}::float8[])
      ON CONFLICT (chunk_id, concept_id) DO UPDATE SET weight = EXCLUDED.weight`;
  }
  return written;
}

/** Escapes LIKE's wildcards and its escape character. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Concepts whose name starts with `query` (already normalised), or one of whose later words does;
 * exact match first, then whole-name prefix matches, then by doc_freq. Concepts no chunk links
 * any more (doc_freq 0) are left out.
 */
export async function findConcepts(db: Database, query: string, limit: number): Promise<ConceptRow[]> {
  const prefix = `${escapeLike(query)}%`;
  const inner = `% ${escapeLike(query)}%`;
  return db.prisma.$queryRaw<ConceptRow[]>`
    SELECT id, name, display, doc_freq AS "docFreq"
    FROM ${CONCEPT_TABLE}
    WHERE doc_freq > 0 AND (name LIKE ${prefix} ESCAPE '\\' OR name LIKE ${inner} ESCAPE '\\')
    ORDER BY (name = ${query}) DESC, (name LIKE ${prefix} ESCAPE '\\') DESC, doc_freq DESC, name
    LIMIT ${limit}`;
}

/** The top `limit` concepts of each source, by the sum of their weights over its chunks. */
export async function topConceptsOfSources(db: Database, sourceIds: readonly string[], limit: number): Promise<Map<string, ScoredConceptRow[]>> {
  const result = new Map<string, ScoredConceptRow[]>();
  if (sourceIds.length === 0) return result;
  const rows = await db.prisma.$queryRaw<(ScoredConceptRow & { sourceId: string })[]>`
    SELECT "sourceId", id, name, display, "docFreq", score FROM (
      SELECT ch.source_id AS "sourceId", c.id, c.name, c.display, c.doc_freq AS "docFreq", sum(cc.weight)::float8 AS score,
             row_number() OVER (PARTITION BY ch.source_id ORDER BY sum(cc.weight) DESC, c.name) AS rank
      FROM knowledge.chunk ch
      JOIN ${CHUNK_CONCEPT_TABLE} cc ON cc.chunk_id = ch.id
      JOIN ${CONCEPT_TABLE} c ON c.id = cc.concept_id
      WHERE ch.source_id = ANY(${[...sourceIds]}::uuid[])
      GROUP BY ch.source_id, c.id
    ) ranked
    WHERE rank <= ${limit}
    ORDER BY "sourceId", rank`;
  for (const { sourceId, ...row } of rows) {
    const list = result.get(sourceId) ?? [];
    list.push(row);
    result.set(sourceId, list);
  }
  return result;
}

export async function topConceptsOfSource(db: Database, sourceId: string, limit: number): Promise<ScoredConceptRow[]> {
  return (await topConceptsOfSources(db, [sourceId], limit)).get(sourceId) ?? [];
}

