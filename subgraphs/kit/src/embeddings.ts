import { Prisma } from "@matchgraph/db";
import type { SubgraphContext } from "./context.js";
import { queryVector } from "./vectors.js";

export interface Embedded {
  model: string;
  vectors: number[][];
}

/**
 * Embeds texts with the runtime's default model. Called before any write transaction opens, so
 * an unavailable runtime (UNAVAILABLE) leaves nothing half-written.
 */
export async function embed(ctx: Pick<SubgraphContext, "ml">, texts: string[]): Promise<Embedded> {
  const model = ctx.ml.defaultModel;
  const vectors = await ctx.ml.embed(texts, { model });
  return { model, vectors };
}

/** Writes one row's vector inside the caller's transaction. `table` is a constant of the domain's db module. */
export async function setEmbedding(tx: Prisma.TransactionClient, table: Prisma.Sql, id: string, vector: number[], model: string): Promise<void> {
  const v = queryVector(vector);
  await tx.$executeRaw`UPDATE ${table} SET embedding = ${v.value}, embedding_model = ${model} WHERE id = ${id}::uuid`;
}

export interface ScoredId {
  id: string;
  score: number;
}

/**
 * k nearest rows of `table` by cosine distance on the HNSW index of the query's model.
 * `where` adds domain filters (a Prisma.sql fragment starting with AND, or Prisma.empty).
 */
export async function nearestIds(
  db: Pick<SubgraphContext["db"], "prisma">,
  table: Prisma.Sql,
  query: { vector: number[]; model: string },
  k: number,
  where: Prisma.Sql = Prisma.empty,
): Promise<ScoredId[]> {
  const v = queryVector(query.vector);
  const rows = await db.prisma.$queryRaw<Array<{ id: string; distance: number }>>`
    SELECT id::text AS id, (embedding::${v.type} <=> ${v.value}) AS distance
    FROM ${table}
    WHERE embedding_model = ${query.model} AND embedding IS NOT NULL ${where}
    ORDER BY embedding::${v.type} <=> ${v.value}
    LIMIT ${k}`;
  return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) }));
}

/** Returns rows in the order of `ids`, dropping ids with no row. */
export function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}
