import { Prisma, parseVector, type Database } from "@matchgraph/db";
import { afterCursor, pageOrder, type Cursor } from "@matchgraph/subgraph-kit";

export const TALENT_TABLE = Prisma.sql`talent.talent`;
export const JOB_TABLE = Prisma.sql`talent.job`;

export type TalentRow = NonNullable<Awaited<ReturnType<Database["prisma"]["talent"]["findUnique"]>>>;
export type JobRow = NonNullable<Awaited<ReturnType<Database["prisma"]["job"]["findUnique"]>>>;

export function findTalentsByIds(db: Database, ids: readonly string[]): Promise<TalentRow[]> {
  return db.prisma.talent.findMany({ where: { id: { in: [...ids] } } });
}

export function findJobsByIds(db: Database, ids: readonly string[]): Promise<JobRow[]> {
  return db.prisma.job.findMany({ where: { id: { in: [...ids] } } });
}

/** A page of talents, newest first; with `userId`, only the profiles that account owns. */
export function listTalentPage(db: Database, take: number, cursor: Cursor | null, userId: string | null = null): Promise<TalentRow[]> {
  const where = userId === null ? afterCursor(cursor) : { AND: [afterCursor(cursor), { userId: { equals: userId } }] };
  return db.prisma.talent.findMany({ where, orderBy: pageOrder, take });
}

export function listJobPage(db: Database, take: number, cursor: Cursor | null, company: string | null = null): Promise<JobRow[]> {
  const where = company === null ? afterCursor(cursor) : { AND: [afterCursor(cursor), { company: { equals: company, mode: "insensitive" as const } }] };
  return db.prisma.job.findMany({ where, orderBy: pageOrder, take });
}

export type StoredEmbedding = { found: false } | { found: true; embedding: { vector: number[]; model: string } | null };

/** A row's stored vector and the model that made it (`table` is TALENT_TABLE or JOB_TABLE). */
export async function storedEmbedding(db: Database, table: Prisma.Sql, id: string): Promise<StoredEmbedding> {
  const rows = await db.prisma.$queryRaw<Array<{ embedding: string | null; model: string | null }>>`
    SELECT embedding::text AS embedding, embedding_model AS model FROM ${table} WHERE id = ${id}::uuid`;
  const row = rows[0];
  if (!row) return { found: false };
  if (row.embedding === null || row.model === null) return { found: true, embedding: null };
  return { found: true, embedding: { vector: parseVector(row.embedding), model: row.model } };
}

