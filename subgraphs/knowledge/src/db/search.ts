import { parseVector, Prisma, type Database } from "@matchgraph/db";
import { nearestIds, type ScoredId } from "@matchgraph/subgraph-kit";
import { CHUNK_TABLE } from "./knowledge.js";

/** Which sources a search looks at; every condition is a bind parameter. */
export interface SourceFilters {
  collection: string;
  sourceIds?: string[] | null;
  /** A source matches when it carries any of the tags. */
  tags?: string[] | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** Conditions on `knowledge.source AS s`, joined with AND. */
export function sourceConditions(f: SourceFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`s.collection = ${f.collection}`];
  if (f.sourceIds) parts.push(Prisma.sql`s.id = ANY(${f.sourceIds}::uuid[])`);
  if (f.tags) parts.push(Prisma.sql`s.tags && ${f.tags}::text[]`);
  if (f.createdAfter) parts.push(Prisma.sql`s.created_at >= ${f.createdAfter.toISOString()}::timestamptz`);
  if (f.createdBefore) parts.push(Prisma.sql`s.created_at < ${f.createdBefore.toISOString()}::timestamptz`);
  return Prisma.join(parts, " AND ");
}

export interface LexicalOptions {
  /**
   * true: the query's own websearch semantics (every word required, "phrases", -exclusions, OR).
   * false: any query word may match (its words OR-ed), ranked by ts_rank_cd.
   */
  strict: boolean;
}

/**
 * Top `n` chunks by `ts_rank_cd` of `websearch_to_tsquery('english', query)` on the generated,
 * GIN-indexed `tsv` column (headings weight A, text weight B). Rank normalisation 1 divides by
 * 1 + log(length), so long chunks do not win on length alone.
 */
export async function lexicalIds(db: Pick<Database, "prisma">, query: string, n: number, filters: SourceFilters, opts: LexicalOptions): Promise<ScoredId[]> {
  const tsquery = opts.strict
    ? Prisma.sql`websearch_to_tsquery('english', ${query})`
    : Prisma.sql`replace(websearch_to_tsquery('english', ${query})::text, ' & ', ' | ')::tsquery`;
  const rows = await db.prisma.$queryRaw<Array<{ id: string; score: number }>>`
    SELECT c.id::text AS id, ts_rank_cd(c.tsv, q.query, 1) AS score
    FROM ${CHUNK_TABLE} AS c
    JOIN knowledge.source AS s ON s.id = c.source_id,
    (SELECT ${tsquery} AS query) AS q
    WHERE c.tsv @@ q.query AND ${sourceConditions(filters)}
    ORDER BY score DESC, c.id
    LIMIT ${n}`;
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

/**
 * Top `n` chunks by an IDF-weighted full-text score (BM25-like): each query lexeme t found in a
 * chunk adds idf(t) · ts_rank(tsv, t, 1), where idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) over
 * the filtered chunks and ts_rank gives the saturating, length-normalised term frequency (with
 * the heading weight). Any query word may match.
 */
export async function lexicalIdfIds(db: Pick<Database, "prisma">, query: string, n: number, filters: SourceFilters): Promise<ScoredId[]> {
  const cond = sourceConditions(filters);
  const rows = await db.prisma.$queryRaw<Array<{ id: string; score: number }>>`
    WITH terms AS (
      SELECT DISTINCT quote_literal(t.lexeme)::tsquery AS tq
      FROM unnest(tsvector_to_array(to_tsvector('english', ${query}))) AS t(lexeme)
    ),
    total AS (
      SELECT count(*)::float8 AS n FROM ${CHUNK_TABLE} AS c JOIN knowledge.source AS s ON s.id = c.source_id WHERE ${cond}
    ),
    stats AS (
      SELECT terms.tq,
        ln(1 + (total.n - df.df + 0.5) / (df.df + 0.5)) AS idf
      FROM terms, total,
      LATERAL (
        SELECT count(*)::float8 AS df FROM ${CHUNK_TABLE} AS c JOIN knowledge.source AS s ON s.id = c.source_id
        WHERE c.tsv @@ terms.tq AND ${cond}
      ) AS df
    )
    SELECT c.id::text AS id, sum(st.idf * ts_rank(c.tsv, st.tq, 1))::float8 AS score
    FROM stats AS st
    JOIN ${CHUNK_TABLE} AS c ON c.tsv @@ st.tq
    JOIN knowledge.source AS s ON s.id = c.source_id
    WHERE ${cond}
    GROUP BY c.id
    ORDER BY score DESC, c.id
    LIMIT ${n}`;
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

/**
 * `c.source_id` among the sources the filters allow, collected once per statement (an InitPlan)
 * and checked per row as a plain filter. As a join or correlated EXISTS the planner stops using
 * the HNSW index (measured: ~105 ms against ~8 ms at 7.7k chunks). Full-text ranking keeps the
 * join: it visits many rows, where the per-row array check costs more.
 */
function allowedSources(filters: SourceFilters): Prisma.Sql {
  return Prisma.sql`c.source_id = ANY(ARRAY(SELECT s.id FROM knowledge.source AS s WHERE ${sourceConditions(filters)}))`;
}

/** Top `n` chunks by cosine similarity on the HNSW index of the query's model, sources filtered. */
export function vectorIds(db: Pick<Database, "prisma">, query: { vector: number[]; model: string }, n: number, filters: SourceFilters): Promise<ScoredId[]> {
  return nearestIds(db, Prisma.sql`${CHUNK_TABLE} AS c`, query, n, Prisma.sql`AND ${allowedSources(filters)}`);
}

/** Stored vectors of chunks (those without one are left out). */
export async function chunkVectors(db: Pick<Database, "prisma">, ids: string[]): Promise<Map<string, number[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.prisma.$queryRaw<Array<{ id: string; embedding: string }>>`
    SELECT id::text AS id, embedding::text AS embedding FROM ${CHUNK_TABLE}
    WHERE id = ANY(${ids}::uuid[]) AND embedding IS NOT NULL`;
  return new Map(rows.map((r) => [r.id, parseVector(r.embedding)]));
}
