import { EMBEDDING_MODELS, Prisma, vectorType, type Database } from "@matchgraph/db";
import { DEFAULT_MATCHING_CONFIG, type MatchingConfig } from "../matching/config.js";
import { isCurrentModel } from "../matching/fellegi-sunter.js";
import type { MatchStatus, SignalContribution } from "../matching/types.js";

/**
 * SQL of matching: candidate generation (blocking), the per-pair comparisons that need the
 * database (vector cosines, pg_trgm similarity), and the match store. Every statement takes its
 * ids as arrays (`unnest`), so a batch of records is one round trip, not one per record.
 */

export type Tx = Pick<Database["prisma"], "$queryRaw" | "$executeRaw">;

/** Vector type of a model's HNSW index (`vector(384)`), so that casts match the index expression. */
export function modelVectorType(model: string): Prisma.Sql {
  const known = EMBEDDING_MODELS[model as keyof typeof EMBEDDING_MODELS];
  if (!known) throw new RangeError(`no HNSW index for embedding model "${model}"`);
  return vectorType(known.dimension);
}

export interface CandidateOptions {
  model: string;
  perRecord: number;
  dateWindowDays: number | null;
  sameRegionOnly: boolean;
  excludeStages: string[];
  /** Alias groups (see {@link aliasGroupArrays}): records whose names share a group are candidates. */
  aliasGroups?: { names: string[]; groups: number[] };
}

/**
 * Candidate pairs for `ids` from the other source, by five blocking keys (the fifth: names in one alias group): the nearest identity
 * vectors (an ordered scan: they have no index) and the nearest context vectors (HNSW), the most similar normalised names among
 * those at least pg_trgm's similarity threshold (0.3) alike (GIN), and the same registrable
 * domain. Prefilters apply to all four.
 */
export async function candidatePairs(db: Database, ids: readonly string[], o: CandidateOptions): Promise<Array<{ apnId: string; odooId: string }>> {
  if (ids.length === 0) return [];
  const type = modelVectorType(o.model);
  const n = o.perRecord;
  const aliasNames = o.aliasGroups?.names ?? [];
  const aliasNumbers = o.aliasGroups?.groups ?? [];
  const filter = Prisma.sql`
    t.source <> q.source
    AND (t.stage IS NULL OR NOT (t.stage = ANY(${o.excludeStages}::text[])))
    AND (${o.dateWindowDays}::int IS NULL OR t.close_date IS NULL OR q.close_date IS NULL OR abs(t.close_date - q.close_date) <= ${o.dateWindowDays}::int)
    AND (NOT ${o.sameRegionOnly}::boolean OR t.geo_region IS NULL OR q.geo_region IS NULL OR t.geo_region = q.geo_region)`;
  // The n nearest of the other source on one vector column (a constant of this module).
  const nearest = (column: Prisma.Sql) => Prisma.sql`
    SELECT t.id FROM opportunities.opportunity t
    WHERE q.embedding_model = ${o.model} AND t.embedding_model = ${o.model} AND t.${column} IS NOT NULL AND ${filter}
    ORDER BY t.${column}::${type} <=> q.${column}::${type} LIMIT ${n}`;
  // Filtered HNSW scans keep going until LIMIT rows pass (pgvector's iterative scan), with a
  // search list of at least 4n. The settings are local to this statement's own (implicit)
  // transaction: set while q's rows are read, before any lateral scan starts, and gone after.
  // One statement, no interactive transaction: on PGlite nothing holds the session between
  // round trips.
  const rows = await queryWithoutJit<{ a: string; b: string; source: string }>(db, Prisma.sql`
    WITH q AS (
      SELECT id, source, name_norm, domain, close_date, geo_region, identity_embedding, embedding, embedding_model
      FROM opportunities.opportunity r
      WHERE id = ANY(${ids as string[]}::uuid[])
        AND (stage IS NULL OR NOT (stage = ANY(${o.excludeStages}::text[])))
        -- Nothing to find while the other source is empty (e.g. the first of two imports); the
        -- vector scans would otherwise walk their whole index looking for it.
        AND EXISTS (SELECT 1 FROM opportunities.opportunity x WHERE x.source = CASE r.source WHEN 'apn' THEN 'odoo' ELSE 'apn' END)
        AND set_config('hnsw.ef_search', ${String(Math.max(40, 4 * n))}, true) IS NOT NULL
        AND set_config('hnsw.iterative_scan', 'relaxed_order', true) IS NOT NULL
    )
    SELECT q.id::text AS a, c.id::text AS b, q.source FROM q CROSS JOIN LATERAL (${nearest(Prisma.raw("identity_embedding"))}) c
    UNION
    SELECT q.id::text, c.id::text, q.source FROM q CROSS JOIN LATERAL (${nearest(Prisma.raw("embedding"))}) c
    UNION
    SELECT q.id::text, c.id::text, q.source FROM q CROSS JOIN LATERAL (
      SELECT t.id FROM opportunities.opportunity t
      WHERE q.name_norm <> '' AND t.name_norm % q.name_norm AND ${filter}
      ORDER BY similarity(t.name_norm, q.name_norm) DESC LIMIT ${n}
    ) c
    UNION
    SELECT q.id::text, c.id::text, q.source FROM q CROSS JOIN LATERAL (
      SELECT t.id FROM opportunities.opportunity t
      WHERE q.domain IS NOT NULL AND t.domain = q.domain AND ${filter}
      LIMIT ${4 * n}
    ) c
    UNION
    SELECT q.id::text, c.id::text, q.source FROM q
    JOIN unnest(${aliasNames}::text[], ${aliasNumbers}::int[]) AS ga(name, g) ON ga.name = q.name_norm
    CROSS JOIN LATERAL (
      SELECT t.id FROM opportunities.opportunity t
      WHERE t.name_norm IN (SELECT gb.name FROM unnest(${aliasNames}::text[], ${aliasNumbers}::int[]) AS gb(name, g) WHERE gb.g = ga.g AND gb.name <> q.name_norm)
        AND ${filter}
      LIMIT ${4 * n}
    ) c`);
  // A pair found from both of its records (both in `ids`) comes back once.
  const pairs = new Map<string, { apnId: string; odooId: string }>();
  for (const r of rows) {
    const pair = r.source === "apn" ? { apnId: r.a, odooId: r.b } : { apnId: r.b, odooId: r.a };
    pairs.set(`${pair.apnId}:${pair.odooId}`, pair);
  }
  return [...pairs.values()];
}

const QUERY_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

/**
 * PostgreSQL compiles a statement to machine code (JIT) when its estimated cost is high, and the
 * planner's estimates for per-record lateral probes are: a batch's blocking statement spent
 * 0.3–0.45 s compiling to save nothing. PGlite has no JIT.
 */
async function queryWithoutJit<T>(db: Pick<Database, "kind" | "prisma">, query: Prisma.Sql): Promise<T[]> {
  if (db.kind !== "postgres") return db.prisma.$queryRaw<T[]>(query);
  // An interactive transaction: a batch one gets Prisma's 5 s default, which a probe batch over
  // 64k records on a busy machine can pass.
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<T[]>(query);
  }, QUERY_TRANSACTION);
}

/** Both records of a pair with what scoring compares, and the cosines computed in SQL. */
export interface PairRow {
  apnId: string;
  odooId: string;
  identityCosine: number | null;
  contextCosine: number | null;
  nameTrigram: number;
  apnName: string;
  odooName: string;
  apnTitle: string;
  odooTitle: string;
  apnDomain: string | null;
  odooDomain: string | null;
  apnCountry: string | null;
  odooCountry: string | null;
  apnCloseDate: Date | null;
  odooCloseDate: Date | null;
  apnAmount: number | null;
  odooAmount: number | null;
  apnCompanyDeals: number;
  odooCompanyDeals: number;
}

export async function pairRows(db: Pick<Database, "prisma">, pairs: ReadonlyArray<{ apnId: string; odooId: string }>, model: string): Promise<PairRow[]> {
  if (pairs.length === 0) return [];
  const type = modelVectorType(model);
  const rows = await db.prisma.$queryRaw<Array<Record<string, unknown>>>`
    WITH p AS (
      SELECT * FROM unnest(${pairs.map((p) => p.apnId)}::uuid[], ${pairs.map((p) => p.odooId)}::uuid[]) AS p(apn_id, odoo_id)
    ), r AS (
      SELECT o.id, o.source, o.name_norm, o.domain FROM opportunities.opportunity o
      WHERE o.id IN (SELECT apn_id FROM p UNION SELECT odoo_id FROM p)
    ), by_name AS (
      SELECT x.source, x.name_norm, count(*)::int AS n FROM opportunities.opportunity x
      WHERE (x.source, x.name_norm) IN (SELECT source, name_norm FROM r) GROUP BY x.source, x.name_norm
    ), by_domain AS (
      SELECT x.source, x.domain, count(*)::int AS n FROM opportunities.opportunity x
      WHERE x.domain IN (SELECT domain FROM r WHERE domain IS NOT NULL) GROUP BY x.source, x.domain
    ), deals AS (
      -- Deals of each record's company in its own source: by normalised name or by domain, whichever is more.
      SELECT r.id, greatest(coalesce(bn.n, 1), coalesce(bd.n, 1)) AS n FROM r
      LEFT JOIN by_name bn ON bn.source = r.source AND bn.name_norm = r.name_norm
      LEFT JOIN by_domain bd ON bd.source = r.source AND bd.domain = r.domain
    )
    SELECT a.id::text AS "apnId", o.id::text AS "odooId", da.n AS "apnCompanyDeals", dodoo.n AS "odooCompanyDeals",
      CASE WHEN a.embedding_model = ${model} AND o.embedding_model = ${model}
        THEN 1 - (a.identity_embedding::${type} <=> o.identity_embedding::${type}) END AS "identityCosine",
      CASE WHEN a.embedding_model = ${model} AND o.embedding_model = ${model}
        THEN 1 - (a.embedding::${type} <=> o.embedding::${type}) END AS "contextCosine",
      similarity(a.name_norm, o.name_norm) AS "nameTrigram",
      a.name_norm AS "apnName", o.name_norm AS "odooName", a.title AS "apnTitle", o.title AS "odooTitle", a.domain AS "apnDomain", o.domain AS "odooDomain",
      a.country_code AS "apnCountry", o.country_code AS "odooCountry", a.close_date AS "apnCloseDate", o.close_date AS "odooCloseDate",
      a.amount::float8 AS "apnAmount", o.amount::float8 AS "odooAmount"
    FROM p
    JOIN opportunities.opportunity a ON a.id = p.apn_id AND a.source = 'apn'
    JOIN opportunities.opportunity o ON o.id = p.odoo_id AND o.source = 'odoo'
    JOIN deals da ON da.id = a.id
    JOIN deals dodoo ON dodoo.id = o.id`;
  return rows.map((r) => ({
    ...(r as unknown as PairRow),
    identityCosine: num(r.identityCosine),
    contextCosine: num(r.contextCosine),
    nameTrigram: Number(r.nameTrigram),
    apnAmount: num(r.apnAmount),
    odooAmount: num(r.odooAmount),
    apnCompanyDeals: Number(r.apnCompanyDeals),
    odooCompanyDeals: Number(r.odooCompanyDeals),
  }));
}

const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

export interface ScoredRow {
  apnId: string;
  odooId: string;
  score: number;
  confidence: string;
  signals: SignalContribution[];
  amount: number | null;
}

/**
 * Writes scores and explanations. A new pair starts as an unassigned candidate (assignment
 * decides its status next); a pair a human decided keeps its status and decision.
 */
export async function upsertScores(tx: Tx, rows: readonly ScoredRow[], configVersion: number, priorities: readonly number[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO opportunities.match (apn_id, odoo_id, score, confidence, status, signals, priority, assigned, config_version)
    SELECT p.apn_id, p.odoo_id, p.score, p.confidence, 'candidate', p.signals, p.priority, false, ${configVersion}
    FROM unnest(${rows.map((r) => r.apnId)}::uuid[], ${rows.map((r) => r.odooId)}::uuid[], ${rows.map((r) => r.score)}::float8[],
                ${rows.map((r) => r.confidence)}::text[], ${rows.map((r) => JSON.stringify(r.signals))}::jsonb[], ${[...priorities]}::float8[])
      AS p(apn_id, odoo_id, score, confidence, signals, priority)
    ON CONFLICT (apn_id, odoo_id) DO UPDATE SET
      score = EXCLUDED.score, confidence = EXCLUDED.confidence, signals = EXCLUDED.signals,
      priority = EXCLUDED.priority, config_version = EXCLUDED.config_version, updated_at = now()`;
}

export interface StoredPair {
  id: string;
  apnId: string;
  odooId: string;
  score: number;
  status: MatchStatus;
  assigned: boolean;
  signals: SignalContribution[];
}

/**
 * Every pair that touches one of `recordIds` (null: every pair), for assignment; explanations
 * only when asked for (re-scoring), as they are most of a row's size.
 */
export async function pairsTouching(tx: Tx, recordIds: readonly string[] | null, withSignals = false): Promise<StoredPair[]> {
  const where = recordIds === null ? Prisma.empty : Prisma.sql`WHERE apn_id = ANY(${recordIds as string[]}::uuid[]) OR odoo_id = ANY(${recordIds as string[]}::uuid[])`;
  const signals = withSignals ? Prisma.sql`signals` : Prisma.sql`'[]'::jsonb AS signals`;
  return tx.$queryRaw<StoredPair[]>`
    SELECT id::text, apn_id::text AS "apnId", odoo_id::text AS "odooId", score, status, assigned, ${signals}
    FROM opportunities.match ${where}`;
}

export interface StatusChange {
  id: string;
  status: MatchStatus;
  assigned: boolean;
}

/** Applies machine status changes and records the decisions among them in the audit trail. */
export async function applyStatusChanges(tx: Tx, changes: readonly StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.$executeRaw`
    WITH c AS (
      SELECT * FROM unnest(${changes.map((c) => c.id)}::uuid[], ${changes.map((c) => c.status)}::text[], ${changes.map((c) => c.assigned)}::boolean[]) AS c(id, status, assigned)
    ), old AS (
      SELECT m.id, m.status FROM opportunities.match m JOIN c ON c.id = m.id ORDER BY m.id FOR UPDATE OF m
    ), upd AS (
      UPDATE opportunities.match m SET status = c.status, assigned = c.assigned, updated_at = now()
      FROM c WHERE m.id = c.id AND m.status NOT IN ('confirmed', 'rejected')
      RETURNING m.id, m.apn_id, m.odoo_id, m.status, m.score, m.signals
    )
    INSERT INTO opportunities.match_decision (match_id, apn_id, odoo_id, from_status, to_status, score, signals, actor, reason)
    SELECT upd.id, upd.apn_id, upd.odoo_id, old.status, upd.status, upd.score, upd.signals, 'system',
           CASE WHEN upd.status = 'auto_confirmed' THEN 'score at or above the auto-confirm threshold'
                ELSE 'no longer auto-confirmed (re-scored or lost the one-to-one assignment)' END
    FROM upd JOIN old ON old.id = upd.id
    WHERE old.status IS DISTINCT FROM upd.status AND (upd.status = 'auto_confirmed' OR old.status = 'auto_confirmed')`;
}

/**
 * Records matched as of `scoredAt` (when their scoring began): a change after it matches them
 * again. Only records still waiting are written: one already matched stays as it is (a full run
 * rewrites no row it need not — each written row is a new row version, and PGlite has no
 * autovacuum to clear old ones from the vector indexes).
 */
export async function markMatched(tx: Tx, ids: readonly string[], scoredAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    UPDATE opportunities.opportunity SET matched_at = ${scoredAt}
    WHERE id = ANY(${ids as string[]}::uuid[]) AND (matched_at IS NULL OR matched_at < updated_at)`;
}

/**
 * Drops machine pairs of `recordIds` (null: all) that scoring since `scoredAt` did not produce
 * again: their record changed, or they fell under the stored-score floor. An auto-confirmed one
 * leaves an audit row. Human decisions stay.
 */
export async function dropStalePairs(tx: Tx, recordIds: readonly string[] | null, scoredAt: Date): Promise<void> {
  const touching = recordIds === null ? Prisma.empty : Prisma.sql`AND (apn_id = ANY(${recordIds as string[]}::uuid[]) OR odoo_id = ANY(${recordIds as string[]}::uuid[]))`;
  await tx.$executeRaw`
    WITH gone AS (
      DELETE FROM opportunities.match WHERE updated_at < ${scoredAt} AND status IN ('candidate', 'proposed', 'auto_confirmed') ${touching}
      RETURNING id, apn_id, odoo_id, status, score, signals
    )
    INSERT INTO opportunities.match_decision (match_id, apn_id, odoo_id, from_status, to_status, score, signals, actor, reason)
    SELECT id, apn_id, odoo_id, status, 'candidate', score, signals, 'system', 'no longer a candidate: a record changed or the pair scored too low'
    FROM gone WHERE status = 'auto_confirmed'`;
}

/**
 * Refreshes the planner's statistics of the records table when they are missing or a quarter
 * off its size. PGlite has no autovacuum, so without this its plans are made for an empty table
 * (whole-table scans per batch of pair rows); on PostgreSQL an import outruns autovacuum.
 * Returns whether it analysed.
 */
export async function analyzeIfStale(db: Pick<Database, "prisma">): Promise<boolean> {
  const [{ estimated, actual }] = await db.prisma.$queryRaw<[{ estimated: number; actual: number }]>`
    SELECT (SELECT reltuples FROM pg_class WHERE oid = 'opportunities.opportunity'::regclass)::float8 AS estimated,
      (SELECT count(*) FROM opportunities.opportunity)::float8 AS actual`;
  if (actual < 100 || (estimated >= 0.8 * actual && estimated <= 1.25 * actual)) return false;
  await db.prisma.$executeRaw`ANALYZE opportunities.opportunity`;
  return true;
}

/** The database's clock, so that timestamps compare with updated_at written by the database. */
export async function databaseNow(db: Pick<Database, "prisma">): Promise<Date> {
  const [{ now }] = await db.prisma.$queryRaw<[{ now: Date }]>`SELECT clock_timestamp() AS now`;
  return now;
}

/** Records that wait for matching: never matched, or changed since. */
export async function unmatchedIds(db: Pick<Database, "prisma">, limit: number): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM opportunities.opportunity WHERE matched_at IS NULL OR matched_at < updated_at ORDER BY id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function allRecordIds(db: Pick<Database, "prisma">): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`SELECT id::text FROM opportunities.opportunity ORDER BY id`;
  return rows.map((r) => r.id);
}

/**
 * Alias groups of normalised names: each name maps to every other name it is linked to through
 * any chain of aliases (transitive: "a → b" and "b → c" put a, b and c in one group).
 */
export async function loadAliases(db: Pick<Database, "prisma">): Promise<Map<string, Set<string>>> {
  const rows = await db.prisma.companyAlias.findMany({ select: { aliasNorm: true, canonicalNorm: true } });
  return aliasGroups(rows.map((r) => [r.aliasNorm, r.canonicalNorm] as const));
}

/** Connected components of alias links (union–find); each name → the other names of its group. */
export function aliasGroups(links: ReadonlyArray<readonly [string, string]>): Map<string, Set<string>> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  for (const [a, b] of links) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const members = new Map<string, string[]>();
  for (const name of parent.keys()) {
    const root = find(name);
    (members.get(root) ?? members.set(root, []).get(root)!).push(name);
  }
  const groups = new Map<string, Set<string>>();
  for (const names of members.values()) for (const name of names) groups.set(name, new Set(names.filter((n) => n !== name)));
  return groups;
}

/** The alias groups as two parallel arrays (name, group number) for SQL. */
export function aliasGroupArrays(groups: ReadonlyMap<string, ReadonlySet<string>>): { names: string[]; groups: number[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const numbers: number[] = [];
  for (const [name, others] of groups) {
    let id = ids.get(name);
    if (id === undefined) {
      id = ids.size;
      for (const n of [name, ...others]) ids.set(n, id);
    }
    names.push(name);
    numbers.push(id);
  }
  return { names, groups: numbers };
}

export async function latestConfig(db: Pick<Database, "prisma">): Promise<MatchingConfig | null> {
  const row = await db.prisma.matchingConfig.findFirst({ orderBy: { version: "desc" } });
  if (!row) return null;
  // Options added since a row was stored take their defaults.
  const options = { ...DEFAULT_MATCHING_CONFIG.options, ...(row.options as object) };
  // A model estimated over other comparisons (an earlier version) is set aside: the prior scores until the next full run.
  const fsModel = isCurrentModel(row.fsModel) ? row.fsModel : null;
  return { version: row.version, weights: row.weights, thresholds: row.thresholds, options, fsModel } as unknown as MatchingConfig;
}

/** Every stored pair with the records' external ids and names, for quality evaluation and export. */
export async function pairsWithRecords(db: Pick<Database, "prisma">, statuses: readonly MatchStatus[] | null = null) {
  const filter = statuses === null ? Prisma.empty : Prisma.sql`WHERE m.status = ANY(${statuses as string[]}::text[])`;
  return db.prisma.$queryRaw<
    Array<{ apnExternalId: string; odooExternalId: string; apnName: string; odooName: string; score: number; confidence: string; status: MatchStatus; signals: SignalContribution[]; assigned: boolean }>
  >`
    SELECT a.external_id AS "apnExternalId", o.external_id AS "odooExternalId", a.company_name AS "apnName", o.company_name AS "odooName",
      m.score, m.confidence, m.status, m.signals, m.assigned
    FROM opportunities.match m
    JOIN opportunities.opportunity a ON a.id = m.apn_id
    JOIN opportunities.opportunity o ON o.id = m.odoo_id
    ${filter}
    ORDER BY a.external_id, o.external_id`;
}

/** Pairs a reviewer decided, by "apnId:odooId" (labels for estimation). */
export async function humanStatuses(db: Pick<Database, "prisma">): Promise<Map<string, MatchStatus>> {
  const rows = await db.prisma.$queryRaw<Array<{ key: string; status: MatchStatus }>>`
    SELECT apn_id::text || ':' || odoo_id::text AS key, status FROM opportunities.match WHERE status IN ('confirmed', 'rejected')`;
  return new Map(rows.map((r) => [r.key, r.status]));
}

/** A record as in-memory matching (a full run, a big batch) holds it: matching keys, deal fields and both vectors. */
export interface MatchingRecord {
  id: string;
  source: "apn" | "odoo";
  nameNorm: string;
  title: string;
  domain: string | null;
  countryCode: string | null;
  geoRegion: string | null;
  stage: string | null;
  closeDate: Date | null;
  amount: number | null;
  /** The vectors under the run's model; null when missing or from another model. */
  identity: Float32Array | null;
  context: Float32Array | null;
}

/** Records read per statement (with both vectors, about 150 ms on PGlite). */
const RECORD_PAGE = 1_000;

/**
 * Every record with what matching compares, vectors in pgvector's binary form (half the bytes of
 * the text form and no float parsing), a page at a time by id so that no statement holds PGlite long.
 */
export async function matchingRecords(db: Pick<Database, "prisma">, model: string): Promise<MatchingRecord[]> {
  const out: MatchingRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after === null ? Prisma.empty : Prisma.sql`WHERE id > ${after}::uuid`;
    const rows: Array<Omit<MatchingRecord, "identity" | "context" | "amount"> & { amount: number | null; identity: Uint8Array | null; context: Uint8Array | null }> = await db.prisma.$queryRaw`
      SELECT id::text, source, name_norm AS "nameNorm", title, domain, country_code AS "countryCode", geo_region AS "geoRegion", stage,
        close_date AS "closeDate", amount::float8 AS amount,
        CASE WHEN embedding_model = ${model} THEN vector_send(identity_embedding) END AS identity,
        CASE WHEN embedding_model = ${model} THEN vector_send(embedding) END AS context
      FROM opportunities.opportunity ${keyset} ORDER BY id LIMIT ${RECORD_PAGE}`;
    for (const r of rows) out.push({ ...r, amount: r.amount === null ? null : Number(r.amount), identity: decodeVector(r.identity), context: decodeVector(r.context) });
    if (rows.length < RECORD_PAGE) return out;
    after = rows[rows.length - 1]!.id;
  }
}

/** pgvector's binary form: dimension and a reserved word (int16 each), then the floats, big-endian. */
export function decodeVector(bytes: Uint8Array | null): Float32Array | null {
  if (!bytes) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dim = view.getInt16(0);
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) v[i] = view.getFloat32(4 + 4 * i);
  return v;
}

/**
 * The vector blocking keys alone, for in-memory matching: the `perRecord` nearest identity
 * vectors of the other source for each of `identityIds`, and the nearest context vectors for each
 * of `contextIds` (HNSW, the same prefilters and iterative scan as {@link candidatePairs}).
 * Returns (query record, candidate) pairs; `kind` says which key found it.
 */
export async function vectorNeighbours(
  db: Database,
  identityIds: readonly string[],
  contextIds: readonly string[],
  o: CandidateOptions,
): Promise<Array<{ q: string; t: string; kind: "identity" | "context" }>> {
  if (identityIds.length === 0 && contextIds.length === 0) return [];
  const type = modelVectorType(o.model);
  const n = o.perRecord;
  const filter = Prisma.sql`
    t.source <> q.source
    AND (t.stage IS NULL OR NOT (t.stage = ANY(${o.excludeStages}::text[])))
    AND (${o.dateWindowDays}::int IS NULL OR t.close_date IS NULL OR q.close_date IS NULL OR abs(t.close_date - q.close_date) <= ${o.dateWindowDays}::int)
    AND (NOT ${o.sameRegionOnly}::boolean OR t.geo_region IS NULL OR q.geo_region IS NULL OR t.geo_region = q.geo_region)`;
  const queries = (ids: readonly string[]) => Prisma.sql`
    SELECT id, source, close_date, geo_region, identity_embedding, embedding FROM opportunities.opportunity r
    WHERE id = ANY(${ids as string[]}::uuid[]) AND embedding_model = ${o.model}
      AND (stage IS NULL OR NOT (stage = ANY(${o.excludeStages}::text[])))
      AND EXISTS (SELECT 1 FROM opportunities.opportunity x WHERE x.source = CASE r.source WHEN 'apn' THEN 'odoo' ELSE 'apn' END)
      AND set_config('hnsw.ef_search', ${String(Math.max(40, 4 * n))}, true) IS NOT NULL
      AND set_config('hnsw.iterative_scan', 'relaxed_order', true) IS NOT NULL`;
  const nearest = (column: Prisma.Sql) => Prisma.sql`
    SELECT t.id FROM opportunities.opportunity t
    WHERE t.embedding_model = ${o.model} AND t.${column} IS NOT NULL AND ${filter}
    ORDER BY t.${column}::${type} <=> q.${column}::${type} LIMIT ${n}`;
  return queryWithoutJit<{ q: string; t: string; kind: "identity" | "context" }>(
    db,
    Prisma.sql`
    WITH qi AS (${queries(identityIds)}), qc AS (${queries(contextIds)})
    SELECT q.id::text AS q, c.id::text AS t, 'identity' AS kind FROM qi q CROSS JOIN LATERAL (${nearest(Prisma.raw("identity_embedding"))}) c
    UNION ALL
    SELECT q.id::text, c.id::text, 'context' FROM qc q CROSS JOIN LATERAL (${nearest(Prisma.raw("embedding"))}) c`,
  );
}
