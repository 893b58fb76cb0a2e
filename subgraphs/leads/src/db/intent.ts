import { Prisma, type Database } from "@matchgraph/db";

/**
 * A positive filter of the prompt, in relaxation order: the SQL condition a lead meets it by
 * (a lead whose column is NULL does not meet it).
 */
export type LevelFilter =
  | { kind: "industries"; values: string[] }
  | { kind: "countries"; values: string[] }
  | { kind: "employees"; min: number | null; max: number | null }
  | { kind: "technologies"; values: string[] };

/** NOT clauses: always applied, never relaxed. */
export interface Exclusions {
  industries: string[];
  countries: string[];
  technologies: string[];
}

export interface Bm25Params {
  terms: string[];
  k1: number;
  b: number;
  halfLifeDays: number;
  jobPostingBoost: number;
  churnTechnologies: string[];
  churnSince: Date;
  now: Date;
}

export interface CandidateRow {
  id: string;
  companyName: string;
  domain: string | null;
  industry: string | null;
  country: string | null;
  employeeCount: number | null;
  revenueBand: string | null;
  description: string | null;
  embeddingModel: string | null;
  createdAt: Date;
  updatedAt: Date;
  technologies: string[];
  /** Σ BM25 over the lead's matching snippets. */
  bm25: number;
  /** Σ BM25 × time decay. */
  decayed: number;
  /** Σ BM25 × time decay × job-posting boost. */
  boosted: number;
  hasJobPosting: boolean;
  churn: boolean;
  /** The snippets that counted most (BM25 × decay), best first. */
  topSnippets: string[];
}

export interface Retrieved {
  rows: CandidateRow[];
  /**
   * How many of the filters (from the first) had to be given up: the first level, counting from
   * strict (0), at which at least `limit` leads pass the filters still applied; all of them when
   * no level has enough.
   */
  relaxed: number;
}

function exclusionWhere(x: Exclusions): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (x.industries.length) parts.push(Prisma.sql`AND (l.industry IS NULL OR NOT (l.industry = ANY(${x.industries}::text[])))`);
  if (x.countries.length) parts.push(Prisma.sql`AND (l.country IS NULL OR NOT (l.country = ANY(${x.countries}::text[])))`);
  if (x.technologies.length) {
    parts.push(Prisma.sql`AND NOT EXISTS (SELECT 1 FROM leads.lead_technology xt WHERE xt.lead_id = l.id AND xt.active AND xt.technology = ANY(${x.technologies}::text[]))`);
  }
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

function meets(f: LevelFilter): Prisma.Sql {
  switch (f.kind) {
    case "industries":
      return Prisma.sql`coalesce(l.industry = ANY(${f.values}::text[]), false)`;
    case "countries":
      return Prisma.sql`coalesce(l.country = ANY(${f.values}::text[]), false)`;
    case "employees":
      return Prisma.sql`coalesce(l.employee_count >= ${f.min ?? 0} AND l.employee_count <= ${f.max ?? 2_147_483_647}, false)`;
    case "technologies":
      // A hashed subplan: the leads using one of the technologies are read once, not per lead.
      return Prisma.sql`l.id IN (SELECT ft.lead_id FROM leads.lead_technology ft WHERE ft.active AND ft.technology = ANY(${f.values}::text[]))`;
  }
}

/**
 * One statement for the whole progressive relaxation (F-2) with BM25 intent (F-5…F-7) computed
 * once. Every lead that passes the NOT clauses gets a level: the position (1-based, in `filters`'
 * order) of the last filter it misses, 0 when it meets them all; so at relaxation level L (the
 * first L filters given up) the eligible leads are those of level ≤ L. The statement picks the
 * first level with at least `limit` eligible leads (or the last one) and returns what one query
 * per level, merged, returned: the best `limit` eligible leads at that level by intent, and every
 * lead eligible at the level before (fewer than `limit`, or relaxation would have stopped there).
 * BM25 (k1, b, document lengths and IDF from the trigger-maintained statistics) with time decay,
 * job-posting boost and technology churn is scored once, over the query terms' postings of the
 * leads eligible at the chosen level. `onlyIds` restricts to given leads (exemplar neighbours).
 */
export async function retrieveCandidates(
  db: Database,
  filters: LevelFilter[],
  exclusions: Exclusions,
  p: Bm25Params,
  limit: number,
  onlyIds: string[] | null = null,
): Promise<Retrieved> {
  // JIT off: its compilation (tens of ms) would cost more than the statement it speeds up. Room
  // for the postings in memory. Both for this transaction only. Under load it waits for a
  // connection as a lone query would (Prisma's default gives up after 2 s: UNAVAILABLE).
  const [, rows] = await db.prisma.$transaction(
    [
      db.prisma.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`,
      db.prisma.$queryRaw<
        Array<Omit<CandidateRow, "bm25" | "decayed" | "boosted"> & { bm25: number | string; decayed: number | string; boosted: number | string; stop: number }>
      >(retrievalSql(filters, exclusions, p, limit, onlyIds)),
    ],
    { maxWait: 60_000, timeout: 60_000 },
  );
  return {
    relaxed: rows[0]?.stop ?? filters.length,
    rows: rows.map(({ stop: _stop, ...r }) => ({
      ...r,
      bm25: Number(r.bm25),
      decayed: Number(r.decayed),
      boosted: Number(r.boosted),
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
    })),
  };
}

/** The statement retrieveCandidates runs (exported for EXPLAIN). */
export function retrievalSql(filters: LevelFilter[], exclusions: Exclusions, p: Bm25Params, limit: number, onlyIds: string[] | null = null): Prisma.Sql {
  const ln2PerDay = Math.LN2 / p.halfLifeDays / 86_400;
  const restrict = onlyIds ? Prisma.sql`AND l.id = ANY(${onlyIds}::uuid[])` : Prisma.empty;
  const excluding = exclusionWhere(exclusions);
  const level = filters.length
    ? Prisma.sql`greatest(${Prisma.join(
        filters.map((f, i) => Prisma.sql`CASE WHEN ${meets(f)} THEN 0 ELSE ${i + 1}::int END`),
        ", ",
      )})`
    : Prisma.sql`0`;
  return Prisma.sql`
    WITH el AS MATERIALIZED (
      SELECT l.id, ${level} AS lvl FROM leads.lead l WHERE true ${excluding} ${restrict}
    ), c AS MATERIALIZED (
      SELECT lvl, count(*) AS n FROM el GROUP BY lvl
    ), stop AS MATERIALIZED (
      SELECT coalesce(min(v.l), ${filters.length}::int) AS lvl
      FROM generate_series(0, ${filters.length}::int) v(l)
      WHERE (SELECT coalesce(sum(c.n), 0) FROM c WHERE c.lvl <= v.l) >= ${limit}
    ), elig AS MATERIALIZED (
      SELECT el.id, el.lvl FROM el, stop WHERE el.lvl <= stop.lvl
    ), q AS (
      SELECT t.term, ln(1 + (c.documents - t.df + 0.5)::float8 / (t.df + 0.5)::float8) AS idf
      FROM leads.term_stat t CROSS JOIN leads.corpus_stat c
      WHERE c.id = 1 AND t.term = ANY(${p.terms}::text[])
    ), a AS (
      SELECT greatest(1.0, total_length::float8 / greatest(documents, 1)) AS avglen FROM leads.corpus_stat WHERE id = 1
    ), ps AS MATERIALIZED (
      -- The query terms' postings (an index-only scan of the covering primary key) of the leads
      -- eligible at the chosen level, each with its BM25 part and its snippet's decay. Leads are
      -- scored from these; snippets only for the leads answered.
      SELECT st.lead_id, st.snippet_id, st.source = 'job_posting' AS job,
             q.idf * st.tf * (${p.k1}::float8 + 1) / (st.tf + ${p.k1}::float8 * (1 - ${p.b}::float8 + ${p.b}::float8 * st.length / a.avglen)) AS bm25,
             exp(-${ln2PerDay}::float8 * greatest(0, date_part('epoch', ${p.now}::timestamptz - st.observed_at))) AS decay
      FROM leads.snippet_term st JOIN q ON q.term = st.term JOIN elig ON elig.id = st.lead_id CROSS JOIN a
    ), s AS (
      SELECT lead_id,
             sum(bm25) AS bm25,
             sum(bm25 * decay) AS decayed,
             sum(bm25 * decay * CASE WHEN job THEN ${p.jobPostingBoost}::float8 ELSE 1 END) AS boosted,
             bool_or(job) AS has_job
      FROM ps GROUP BY lead_id
    ), scored AS (
      SELECT elig.id, elig.lvl, coalesce(s.bm25, 0) AS bm25, coalesce(s.decayed, 0) AS decayed, coalesce(s.boosted, 0) AS boosted,
             coalesce(s.has_job, false) AS has_job
      FROM elig LEFT JOIN s ON s.lead_id = elig.id
    ), top AS MATERIALIZED (
      -- At most 2 × limit rows (the second part has fewer than limit): the LIMIT tells the planner so.
      ((SELECT scored.* FROM scored ORDER BY scored.boosted DESC, scored.id LIMIT ${limit})
       UNION
       SELECT scored.* FROM scored, stop WHERE scored.lvl < stop.lvl)
      LIMIT ${2 * limit}
    ), snip AS (
      SELECT lead_id, (array_agg(snippet_id::text ORDER BY score DESC))[1:3] AS top
      FROM (SELECT ps.lead_id, ps.snippet_id, sum(ps.bm25 * ps.decay) AS score FROM ps JOIN top ON top.id = ps.lead_id GROUP BY ps.lead_id, ps.snippet_id) x
      GROUP BY lead_id
    )
    SELECT l.id::text AS "id", l.company_name AS "companyName", l.domain, l.industry, l.country,
           l.employee_count AS "employeeCount", l.revenue_band AS "revenueBand", l.description,
           l.embedding_model AS "embeddingModel", l.created_at AS "createdAt", l.updated_at AS "updatedAt",
           ARRAY(SELECT lt.technology FROM leads.lead_technology lt WHERE lt.lead_id = l.id AND lt.active ORDER BY lt.technology) AS "technologies",
           top.bm25 AS "bm25", top.decayed AS "decayed", top.boosted AS "boosted", top.has_job AS "hasJobPosting",
           churn.yes IS NOT NULL AS "churn",
           coalesce(snip.top, '{}'::text[]) AS "topSnippets", (SELECT stop.lvl FROM stop) AS "stop"
    FROM top JOIN leads.lead l ON l.id = top.id LEFT JOIN snip ON snip.lead_id = top.id
    -- A probe of the (lead, technology) key per answered lead; as EXISTS the planner preferred
    -- hashing every churned technology row of the table.
    LEFT JOIN LATERAL (
      SELECT true AS yes FROM leads.lead_technology ct
      WHERE ct.lead_id = l.id AND ct.technology = ANY(${p.churnTechnologies}::text[])
        AND (ct.first_seen > ${p.churnSince}::timestamptz OR (NOT ct.active AND ct.last_seen > ${p.churnSince}::timestamptz))
      LIMIT 1
    ) churn ON true
    ORDER BY top.boosted DESC, l.id`;
}

export interface ExemplarRow {
  id: string;
  model: string;
  vector: string;
}

/** Leads named as exemplars, by company name or domain (lowercase), with their vectors. */
export function resolveExemplars(db: Database, names: string[]): Promise<ExemplarRow[]> {
  return db.prisma.$queryRaw<ExemplarRow[]>`
    SELECT id::text AS id, embedding_model AS model, embedding::text AS vector
    FROM leads.lead
    WHERE (lower(company_name) = ANY(${names}::text[]) OR domain = ANY(${names}::text[])) AND embedding IS NOT NULL
    LIMIT 20`;
}

export interface SnippetRow {
  id: string;
  leadId: string;
  source: string;
  text: string;
  observedAt: Date;
  minerId: string | null;
  duplicateOf: string | null;
}

export async function snippetsByIds(db: Database, ids: string[]): Promise<SnippetRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.$queryRaw<SnippetRow[]>`
    SELECT id::text AS id, lead_id::text AS "leadId", source, text, observed_at AS "observedAt", miner_id::text AS "minerId", duplicate_of::text AS "duplicateOf"
    FROM leads.snippet WHERE id = ANY(${ids}::uuid[])`;
  return rows.map((r) => ({ ...r, observedAt: new Date(r.observedAt) }));
}

/** The newest snippets of a lead (any miner), for the LLM judge and the near-duplicate check. */
export async function snippetsOfLeads(db: Database | Prisma.TransactionClient, leadIds: string[], perLead: number): Promise<Array<SnippetRow & { simhash: bigint }>> {
  if (leadIds.length === 0) return [];
  const client = "prisma" in db ? db.prisma : db;
  const rows = await client.$queryRaw<Array<SnippetRow & { simhash: bigint | string }>>`
    SELECT id, "leadId", source, text, "observedAt", "minerId", "duplicateOf", simhash FROM (
      SELECT s.id::text AS id, s.lead_id::text AS "leadId", s.source, s.text, s.observed_at AS "observedAt", s.miner_id::text AS "minerId",
             s.duplicate_of::text AS "duplicateOf", s.simhash, row_number() OVER (PARTITION BY s.lead_id ORDER BY s.observed_at DESC, s.id) AS n
      FROM leads.snippet s WHERE s.lead_id = ANY(${leadIds}::uuid[])
    ) x WHERE n <= ${perLead}`;
  return rows.map((r) => ({ ...r, observedAt: new Date(r.observedAt), simhash: BigInt(r.simhash) }));
}

export interface NewSnippet {
  id: string;
  leadId: string;
  source: string;
  text: string;
  observedAt: Date;
  minerId: string | null;
  simhash: bigint;
  length: number;
  duplicateOf: string | null;
  terms: Map<string, number>;
}

/**
 * Inserts snippets and, for the scored ones (not duplicates), their postings: array parameters
 * expanded by unnest, so two statements carry any batch with a handful of bind parameters.
 */
export async function insertSnippets(tx: Prisma.TransactionClient, rows: NewSnippet[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO leads.snippet (id, lead_id, source, text, observed_at, miner_id, simhash, length, duplicate_of)
    SELECT * FROM unnest(
      ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.leadId)}::uuid[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.text)}::text[],
      ${rows.map((r) => r.observedAt.toISOString())}::timestamptz[], ${rows.map((r) => r.minerId)}::uuid[], ${rows.map((r) => r.simhash.toString())}::bigint[],
      ${rows.map((r) => r.length)}::int[], ${rows.map((r) => r.duplicateOf)}::uuid[])`;
  const term: string[] = [];
  const snippet: string[] = [];
  const observed: string[] = [];
  const lead: string[] = [];
  const source: string[] = [];
  const tf: number[] = [];
  const length: number[] = [];
  for (const r of rows) {
    if (r.duplicateOf !== null) continue;
    for (const [t, n] of r.terms) {
      term.push(t);
      snippet.push(r.id);
      observed.push(r.observedAt.toISOString());
      lead.push(r.leadId);
      source.push(r.source);
      tf.push(n);
      length.push(r.length);
    }
  }
  if (term.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO leads.snippet_term (term, snippet_id, observed_at, lead_id, source, tf, length)
    SELECT * FROM unnest(${term}::text[], ${snippet}::uuid[], ${observed}::timestamptz[], ${lead}::uuid[], ${source}::text[], ${tf}::int[], ${length}::int[])`;
}
