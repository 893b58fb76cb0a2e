import type { Database } from "@matchgraph/db";
import type { OpportunitySourceName, RecordFields } from "../matching/types.js";
import type { Tx } from "./matching.js";

/** An opportunity ready to store: fields, matching keys, both vectors and the row hash. */
export interface PreparedRecord extends RecordFields {
  nameNorm: string;
  domain: string | null;
  countryCode: string | null;
  geoRegion: string | null;
  rowHash: string;
  /** Null when the stored vectors are still right (same text, same model). */
  vectors: { model: string; identity: string; context: string } | null;
}

/** Stored hash, model and vector presence by external id, to skip unchanged rows and re-embed only changed text. */
export async function existingByExternalId(
  db: Pick<Database, "prisma">,
  source: OpportunitySourceName,
  externalIds: readonly string[],
): Promise<Map<string, { id: string; rowHash: string | null; embeddingModel: string | null }>> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string; external_id: string; row_hash: string | null; embedding_model: string | null }>>`
    SELECT id::text, external_id, row_hash, CASE WHEN identity_embedding IS NOT NULL THEN embedding_model END AS embedding_model
    FROM opportunities.opportunity WHERE source = ${source} AND external_id = ANY(${externalIds as string[]}::text[])`;
  return new Map(rows.map((r) => [r.external_id, { id: r.id, rowHash: r.row_hash, embeddingModel: r.embedding_model }]));
}

/**
 * Inserts or updates records by (source, external id) in one statement. A written row waits for
 * matching again (`matched_at` cleared). Rows whose vectors are unchanged keep them.
 */
export async function upsertRecords(tx: Tx, source: OpportunitySourceName, records: readonly PreparedRecord[]): Promise<Array<{ id: string; externalId: string; inserted: boolean }>> {
  if (records.length === 0) return [];
  const col = <K extends keyof PreparedRecord>(k: K) => records.map((r) => r[k]);
  return tx.$queryRaw<Array<{ id: string; externalId: string; inserted: boolean }>>`
    INSERT INTO opportunities.opportunity AS o (
      source, external_id, company_name, website, email, title, description, stage, country, region, close_date, amount,
      name_norm, domain, country_code, geo_region, row_hash, embedding_model, identity_embedding, embedding, matched_at, updated_at)
    SELECT ${source}, r.external_id, r.company_name, r.website, r.email, r.title, r.description, r.stage, r.country, r.region,
      r.close_date::date, r.amount::numeric, r.name_norm, r.domain, r.country_code, r.geo_region, r.row_hash,
      r.model, r.identity::vector, r.context::vector, NULL, now()
    FROM unnest(
      ${col("externalId")}::text[], ${col("companyName")}::text[], ${col("website")}::text[], ${col("email")}::text[],
      ${col("title")}::text[], ${col("description")}::text[], ${col("stage")}::text[], ${col("country")}::text[],
      ${col("region")}::text[], ${col("closeDate")}::text[], ${records.map((r) => (r.amount === null ? null : String(r.amount)))}::text[],
      ${col("nameNorm")}::text[], ${col("domain")}::text[], ${col("countryCode")}::text[], ${col("geoRegion")}::text[],
      ${col("rowHash")}::text[], ${records.map((r) => r.vectors?.model ?? null)}::text[],
      ${records.map((r) => r.vectors?.identity ?? null)}::text[], ${records.map((r) => r.vectors?.context ?? null)}::text[]
    ) AS r(external_id, company_name, website, email, title, description, stage, country, region, close_date, amount,
           name_norm, domain, country_code, geo_region, row_hash, model, identity, context)
    ON CONFLICT (source, external_id) DO UPDATE SET
      company_name = EXCLUDED.company_name, website = EXCLUDED.website, email = EXCLUDED.email, title = EXCLUDED.title,
      description = EXCLUDED.description, stage = EXCLUDED.stage, country = EXCLUDED.country, region = EXCLUDED.region,
      close_date = EXCLUDED.close_date, amount = EXCLUDED.amount, name_norm = EXCLUDED.name_norm, domain = EXCLUDED.domain,
      country_code = EXCLUDED.country_code, geo_region = EXCLUDED.geo_region, row_hash = EXCLUDED.row_hash,
      embedding_model = COALESCE(EXCLUDED.embedding_model, o.embedding_model),
      identity_embedding = COALESCE(EXCLUDED.identity_embedding, o.identity_embedding),
      embedding = COALESCE(EXCLUDED.embedding, o.embedding),
      matched_at = NULL, updated_at = now()
    RETURNING id::text, external_id AS "externalId", (xmax = 0) AS inserted`;
}

/**
 * Records that need preparing: vectors missing or from another model (a model change), or no
 * matching keys yet (rows written before matching existed, or by the seed).
 */
export async function recordsToPrepare(db: Pick<Database, "prisma">, model: string, limit: number) {
  return db.prisma.opportunity.findMany({
    where: { OR: [{ embeddingModel: { not: model } }, { embeddingModel: null }, { rowHash: null }] },
    orderBy: { id: "asc" },
    take: limit,
  });
}

/** Writes matching keys, row hash and both vectors of existing records; they wait for matching again. */
export async function setPrepared(tx: Tx, rows: ReadonlyArray<{ id: string } & Omit<PreparedRecord, "vectors"> & { identity: string; context: string }>, model: string): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`
    UPDATE opportunities.opportunity o SET identity_embedding = r.identity::vector, embedding = r.context::vector,
      embedding_model = ${model}, name_norm = r.name_norm, domain = r.domain, country_code = r.country_code,
      geo_region = r.geo_region, row_hash = r.row_hash, matched_at = NULL
    FROM unnest(${col("id")}::uuid[], ${col("identity")}::text[], ${col("context")}::text[], ${col("nameNorm")}::text[],
                ${col("domain")}::text[], ${col("countryCode")}::text[], ${col("geoRegion")}::text[], ${col("rowHash")}::text[])
      AS r(id, identity, context, name_norm, domain, country_code, geo_region, row_hash)
    WHERE o.id = r.id`;
}

/** Coverage, dimensions and mean norm of both vectors, per model (null model: records without vectors). */
export async function embeddingCoverage(db: Pick<Database, "prisma">) {
  return db.prisma.$queryRaw<
    Array<{ model: string | null; records: number; identity: number; context: number; dimensions: number | null; identityNorm: number | null; contextNorm: number | null }>
  >`
    SELECT embedding_model AS model, count(*)::int AS records,
      count(identity_embedding)::int AS identity, count(embedding)::int AS context,
      max(vector_dims(embedding))::int AS dimensions,
      avg(vector_norm(identity_embedding))::float8 AS "identityNorm", avg(vector_norm(embedding))::float8 AS "contextNorm"
    FROM opportunities.opportunity GROUP BY embedding_model ORDER BY embedding_model NULLS LAST`;
}
