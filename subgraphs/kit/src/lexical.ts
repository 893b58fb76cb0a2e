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

/**
 * Queries compared with names by trigram similarity: name-like ones, at most this many characters
 * and words. Longer texts (a prompt, a description) are matched by words only: their many
 * trigrams make the comparison slow and almost never reach the threshold.
 */
export const TRIGRAM_MAX_CHARS = 100;
export const TRIGRAM_MAX_WORDS = 4;

const nameLike = (text: string) => text.trim().length > 0 && text.length <= TRIGRAM_MAX_CHARS && text.trim().split(/\s+/).length <= TRIGRAM_MAX_WORDS;

/** Rows whose tie-break (`ts_rank`) is computed: the best by score, at least k. Equal scores beyond them are cut by id. */
const tieBreakPool = (k: number) => Math.max(k, Math.min(Math.max(4 * k, 100), 1000));

/**
 * The k best rows for a text by lexical retrieval, best first, scores in [0, 1]:
 * - words: any of the query's English lexemes (`to_tsvector`) may match the row's document (GIN).
 *   A row scores the IDF-weighted share of the query's lexemes it contains,
 *   Σ_matched idf(t) / Σ_query idf(t) with idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) over the
 *   rows the filters allow, so a distinctive word counts for more than common ones; 1 when every
 *   query word is found.
 * - name: for a name-like query (TRIGRAM_MAX_WORDS, TRIGRAM_MAX_CHARS), pg_trgm
 *   `similarity(name, query)` of rows at least `pg_trgm.similarity_threshold` (0.3) alike (`%`,
 *   GIN): misspelt or partial names.
 * A row found both ways takes the better score. Equal scores are ordered by `ts_rank` of the
 * query's words (term frequency, weight A fields first), computed for the best few hundred rows
 * only (it evaluates the document), then by id. A query without any lexeme (only stop words)
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
    table.name && nameLike(nameQuery)
      ? Prisma.sql`UNION ALL
        SELECT t.id, similarity(${table.name}, ${nameQuery}::text)::float8 AS score
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
    hits AS (
      SELECT t.id, (sum(stats.idf) / (SELECT sum(s.idf) FROM stats AS s))::float8 AS score
      FROM stats JOIN ${table.from} ON ${table.document} @@ stats.tq
      WHERE true ${where}
      GROUP BY t.id
      ${byName}
    ),
    best AS (
      SELECT hits.id, least(1, max(hits.score))::float8 AS score
      FROM hits
      GROUP BY hits.id
      ORDER BY score DESC, hits.id
      LIMIT ${tieBreakPool(k)}
    )
    SELECT best.id::text AS id, best.score
    FROM best JOIN ${table.from} ON t.id = best.id
    ORDER BY best.score DESC, coalesce(ts_rank(${table.document}, (SELECT string_agg(terms.tq::text, ' | ')::tsquery FROM terms)), 0) DESC, best.id
    LIMIT ${k}`;
}
