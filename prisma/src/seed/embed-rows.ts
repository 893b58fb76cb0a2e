import { Prisma, type PrismaClient } from "../../generated/client.js";
import { vectorLiteral, vectorType } from "../vector.js";

export type EmbedFn = (texts: string[]) => Promise<number[][]>;

// Static SQL fragments for the embedding tables: identifiers cannot be bind parameters, and
// keeping them as constant tagged templates means no SQL is ever built from strings.
export const EMBEDDING_TABLES = {
  opportunity: Prisma.sql`"opportunities"."opportunity"`,
  lead: Prisma.sql`"leads"."lead"`,
  intent_snippet: Prisma.sql`"leads"."intent_snippet"`,
  talent: Prisma.sql`"talent"."talent"`,
  job: Prisma.sql`"talent"."job"`,
  chunk: Prisma.sql`"knowledge"."chunk"`,
  item: Prisma.sql`"recommendations"."item"`,
} as const;

export type EmbeddingTable = keyof typeof EMBEDDING_TABLES;

export interface EmbedRowsOptions {
  embed: EmbedFn;
  model: string;
  dimension: number;
  batchSize: number;
}

/**
 * Embeds the given rows whose vector is missing or from another model, `batchSize` texts per
 * call, and writes each batch with one UPDATE. Returns how many rows got a new vector.
 */
export async function embedRows(
  prisma: PrismaClient,
  table: EmbeddingTable,
  rows: readonly { id: string; text: string }[],
  opts: EmbedRowsOptions,
): Promise<number> {
  if (rows.length === 0) return 0;
  const target = EMBEDDING_TABLES[table];
  const stale = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM ${target}
    WHERE id = ANY(${rows.map((r) => r.id)}::uuid[]) AND embedding_model IS DISTINCT FROM ${opts.model}`;
  const staleIds = new Set(stale.map((r) => r.id));
  const todo = rows.filter((r) => staleIds.has(r.id));
  for (let start = 0; start < todo.length; start += opts.batchSize) {
    const batch = todo.slice(start, start + opts.batchSize);
    const vectors = await opts.embed(batch.map((r) => r.text));
    checkVectors(vectors, batch.length, opts.dimension, opts.model);
    await prisma.$executeRaw`
      UPDATE ${target} AS t
      SET embedding = v.embedding::${vectorType(opts.dimension)}, embedding_model = ${opts.model}
      FROM unnest(${batch.map((r) => r.id)}::uuid[], ${vectors.map(vectorLiteral)}::text[]) AS v(id, embedding)
      WHERE t.id = v.id`;
  }
  return todo.length;
}

function checkVectors(vectors: unknown, expected: number, dimension: number, model: string): asserts vectors is number[][] {
  if (!Array.isArray(vectors) || vectors.length !== expected) {
    throw new Error(`embed(${model}) returned ${Array.isArray(vectors) ? vectors.length : typeof vectors} vectors for ${expected} texts`);
  }
  vectors.forEach((v: unknown, i) => {
    if (!Array.isArray(v) || v.length !== dimension) {
      throw new Error(`embed(${model}) vector ${i} has ${Array.isArray(v) ? v.length : typeof v} dimensions, expected ${dimension}`);
    }
  });
}
