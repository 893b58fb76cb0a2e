import { Prisma, type Database } from "@matchgraph/db";
import { afterCursor, pageOrder, type Cursor } from "@matchgraph/subgraph-kit";

export const CUSTOMER_TABLE = Prisma.sql`recommendations.customer`;
export const INTERACTION_TABLE = Prisma.sql`recommendations.customer_interaction`;

type Prismas = Database["prisma"];
export type CustomerRow = NonNullable<Awaited<ReturnType<Prismas["customer"]["findUnique"]>>>;
export type ContactRow = NonNullable<Awaited<ReturnType<Prismas["customerContact"]["findUnique"]>>>;
export type InteractionRow = NonNullable<Awaited<ReturnType<Prismas["customerInteraction"]["findUnique"]>>>;
export type ObjectionRow = NonNullable<Awaited<ReturnType<Prismas["customerObjection"]["findUnique"]>>>;
export type FactorRow = NonNullable<Awaited<ReturnType<Prismas["customerDecisionFactor"]["findUnique"]>>>;

/** What a customer list may be narrowed by; all given conditions hold. */
export interface CustomerFilter {
  query?: string;
  industry?: string;
  region?: string;
  stage?: string;
  size?: string;
}

/**
 * One page of customers, newest first. `query` matches the profile's words (full text, the GIN
 * index customer_document_idx) or the company name by trigram similarity (customer_company_trgm_idx).
 */
export async function listCustomersPage(db: Database, take: number, cursor: Cursor | null, filter: CustomerFilter): Promise<CustomerRow[]> {
  const conditions: Prisma.Sql[] = [];
  if (filter.industry) conditions.push(Prisma.sql`lower(industry) = lower(${filter.industry})`);
  if (filter.region) conditions.push(Prisma.sql`lower(region) = lower(${filter.region})`);
  if (filter.stage) conditions.push(Prisma.sql`stage = ${filter.stage}`);
  if (filter.size) conditions.push(Prisma.sql`size = ${filter.size}`);
  if (filter.query) {
    conditions.push(Prisma.sql`(recommendations.customer_document(company, industry, region, notes) @@ websearch_to_tsquery('english', ${filter.query})
      OR company % ${filter.query.slice(0, 100)})`);
  }
  if (cursor) conditions.push(Prisma.sql`(created_at, id) < (${cursor.createdAt}, ${cursor.id}::uuid)`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const ids = await db.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM recommendations.customer ${where} ORDER BY created_at DESC, id DESC LIMIT ${take}`;
  if (ids.length === 0) return [];
  const rows = await db.prisma.customer.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: pageOrder });
  return rows;
}

export function findCustomersByIds(db: Database, ids: readonly string[]): Promise<CustomerRow[]> {
  return db.prisma.customer.findMany({ where: { id: { in: [...ids] } } });
}

export function findCustomersByCompanyKeys(db: Database, keys: readonly string[]): Promise<CustomerRow[]> {
  return db.prisma.customer.findMany({ where: { companyKey: { in: [...keys] } }, orderBy: { createdAt: "asc" } });
}

export function interactionsPage(db: Database, customerId: string, take: number, cursor: Cursor | null, kind?: string): Promise<InteractionRow[]> {
  return db.prisma.customerInteraction.findMany({
    where: { customerId, ...(kind ? { kind } : {}), ...afterCursor(cursor) },
    orderBy: pageOrder,
    take,
  });
}

/** Every profile change bumps the version (cache keys follow it) and drops the cached profile embedding. */
export async function bumpVersion(tx: Prisma.TransactionClient, customerId: string, options: { profileChanged: boolean }): Promise<void> {
  if (options.profileChanged) {
    await tx.$executeRaw`UPDATE recommendations.customer
      SET version = version + 1, embedding = NULL, embedding_model = NULL, embedded_version = NULL, updated_at = CURRENT_TIMESTAMP
      WHERE id = ${customerId}::uuid`;
  } else {
    await tx.$executeRaw`UPDATE recommendations.customer SET version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE id = ${customerId}::uuid`;
  }
}

/** Stores the profile embedding for the version it was made from (ignored when the profile changed meanwhile). */
export async function storeProfileEmbedding(db: Database, customerId: string, version: number, vector: number[], model: string): Promise<boolean> {
  const literal = `[${vector.join(",")}]`;
  const n = await db.prisma.$executeRaw`UPDATE recommendations.customer
    SET embedding = ${literal}::vector, embedding_model = ${model}, embedded_version = version
    WHERE id = ${customerId}::uuid AND version = ${version}`;
  return n === 1;
}

export interface InteractionStats {
  month: string;
  kind: string;
  count: number;
}

export async function interactionsByMonth(db: Database, customerId: string): Promise<InteractionStats[]> {
  const rows = await db.prisma.$queryRaw<Array<{ month: string; kind: string; count: bigint | number }>>`
    SELECT to_char(date_trunc('month', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, kind, count(*) AS count
    FROM recommendations.customer_interaction WHERE customer_id = ${customerId}::uuid
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ month: r.month, kind: r.kind, count: Number(r.count) }));
}

/** Names, e-mail addresses and phone numbers of the contacts of every other customer that occur in a text. */
export async function otherCustomersPersonalData(db: Database, customerId: string, text: string): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<Array<{ value: string }>>`
    SELECT v.value FROM recommendations.customer_contact c
    CROSS JOIN LATERAL (VALUES (c.name), (c.email), (c.phone)) AS v(value)
    WHERE c.customer_id <> ${customerId}::uuid AND v.value IS NOT NULL AND length(v.value) >= 4
      AND strpos(lower(${text}), lower(v.value)) > 0
    LIMIT 50`;
  return rows.map((r) => r.value);
}
