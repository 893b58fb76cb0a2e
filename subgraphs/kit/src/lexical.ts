import { Prisma, type Database } from "@matchgraph/db";
import type { ScoredId } from "./embeddings.js";

/** How a domain's table is searched by words. Every piece is a constant of the domain's db module. */
export interface LexicalTable {
  /** The table aliased `t`, e.g. Prisma.sql`leads.lead AS t`. */
  from: Prisma.Sql;
  /**
   * The row's tsvector over `t`, written exactly as the table's GIN index is built (the same
   * IMMUTABLE document function), else the planner cannot use the index.
   */
  document: Prisma.Sql;
  /** A short text over `t` with a gin_trgm_ops index (a name or title), also compared by trigram similarity. */
  name?: Prisma.Sql;
}

export interface LexicalOptions {
  /** Filters over `t`, starting with AND (or Prisma.empty). */
  where?: Prisma.Sql;
  /** The text compared with `name` (default: the query), e.g. the query normalised like the column. */
  nameQuery?: string;
}

/** Longest query compared by trigram similarity; longer texts (a whole description) are matched by words only. */
export const TRIGRAM_MAX_CHARS = 200;

/**
 * The k best rows for a text by lexical retrieval, best first, scores in [0, 1]:
 * - words: any of the query's English lexemes (`to_tsvector`) may match the row's document (GIN).
 *   A row scores the IDF-weighted share of the query's lexemes it contains,
 *   Σ_matched idf(t) / Σ_query idf(t) with idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) over the
 *   rows the filters allow, so a distinctive word counts for more than common ones; 1 when every
 *   query word is found. Equal shares are ordered by IDF-weighted `ts_rank` (term frequency,
 *   weight A fields first), then id.
 * - name: for a query of at most TRIGRAM_MAX_CHARS, pg_trgm `similarity(name, query)` of rows at
 *   least `pg_trgm.similarity_threshold` (0.3) alike (`%`, GIN): misspelt or partial names.
 * A row found both ways takes the better score. A query without any lexeme (only stop words)
 * matches by name or not at all.
 */
export async function lexicalSearchIds(
  db: Pick<Database, "prisma">,
  table: LexicalTable,
  query: string,
  k: number,
  options: LexicalOptions = {},
): Promise<ScoredId[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string; score: number }>>(lexicalSearchSql(table, query, k, options));
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

/** The statement `lexicalSearchIds` runs (rows: id, score), e.g. for EXPLAIN. */
export function lexicalSearchSql(table: LexicalTable, query: string, k: number, options: LexicalOptions = {}): Prisma.Sql {
  const where = options.where ?? Prisma.empty;
  const nameQuery = options.nameQuery ?? query;
  const byName =
    table.name && nameQuery.trim() && nameQuery.length <= TRIGRAM_MAX_CHARS
      ? Prisma.sql`UNION ALL
        SELECT t.id, similarity(${table.name}, ${nameQuery}::text)::float8 AS score, 0::float8 AS weight
        FROM ${table.from}
        WHERE ${table.name} % ${nameQuery}::text ${where}`
      : Prisma.empty;
  return Prisma.sql`
    WITH terms AS (
      SELECT DISTINCT quote_literal(x.lexeme)::tsquery AS tq
      FROM unnest(tsvector_to_array(to_tsvector('english', ${query}::text))) AS x(lexeme)
    ),
    total AS (
      SELECT count(*)::float8 AS n FROM ${table.from} WHERE true ${where}
    ),
    stats AS (
      SELECT terms.tq, ln(1 + (total.n - df.n + 0.5) / (df.n + 0.5)) AS idf
      FROM terms CROSS JOIN total
      CROSS JOIN LATERAL (SELECT count(*)::float8 AS n FROM ${table.from} WHERE ${table.document} @@ terms.tq ${where}) AS df
    ),
    words AS (
      SELECT t.id, sum(stats.idf) AS matched, sum(stats.idf * ts_rank(${table.document}, stats.tq)) AS weight
      FROM stats JOIN ${table.from} ON ${table.document} @@ stats.tq
      WHERE true ${where}
      GROUP BY t.id
    ),
    hits AS (
      SELECT words.id, (words.matched / (SELECT sum(stats.idf) FROM stats))::float8 AS score, words.weight::float8 AS weight FROM words
      ${byName}
    )
    SELECT id::text AS id, least(1, max(score))::float8 AS score
    FROM hits
    GROUP BY id
    ORDER BY score DESC, max(weight) DESC, id
    LIMIT ${k}`;
}
