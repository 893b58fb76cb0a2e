import { Prisma, vectorLiteral, vectorType } from "@matchgraph/db";

/**
 * A query vector as SQL: the literal as a bind parameter, cast to the model's dimension so that
 * the expression matches the per-model HNSW index `(embedding::vector(d)) WHERE embedding_model = m`.
 */
export function queryVector(vector: number[]): { value: Prisma.Sql; type: Prisma.Sql } {
  const type = vectorType(vector.length);
  return { value: Prisma.sql`${vectorLiteral(vector)}::${type}`, type };
}

/** Text sent to the embedding model for a record: the non-empty parts, in order. */
export function embeddingText(...parts: Array<string | null | undefined>): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim().length > 0).join("\n");
}
