import { Prisma, type Database } from "@matchgraph/db";
import { afterCursor, pageOrder, queryVector, type Cursor } from "@matchgraph/subgraph-kit";

export const SOURCE_TABLE = Prisma.sql`knowledge.source`;
export const CHUNK_TABLE = Prisma.sql`knowledge.chunk`;

export type SourceRow = NonNullable<Awaited<ReturnType<Database["prisma"]["knowledgeSource"]["findUnique"]>>>;
export type ChunkRow = Omit<NonNullable<Awaited<ReturnType<Database["prisma"]["knowledgeChunk"]["findUnique"]>>>, "embeddingModel">;

/** Chunk columns read back (the vector and its model stay in the database). */
const chunkSelect = {
  id: true,
  sourceId: true,
  ordinal: true,
  text: true,
  page: true,
  headingPath: true,
  charStart: true,
  charEnd: true,
  createdAt: true,
} as const;

export function findSourcesByIds(db: Database, ids: readonly string[]): Promise<SourceRow[]> {
  return db.prisma.knowledgeSource.findMany({ where: { id: { in: [...ids] } } });
}

export function findChunksByIds(db: Database, ids: readonly string[]): Promise<ChunkRow[]> {
  return db.prisma.knowledgeChunk.findMany({ where: { id: { in: [...ids] } }, select: chunkSelect });
}

export function listSourcesPage(db: Database, take: number, cursor: Cursor | null, tag?: string): Promise<SourceRow[]> {
  return db.prisma.knowledgeSource.findMany({
    where: { ...(tag ? { tags: { has: tag } } : {}), ...afterCursor(cursor) },
    orderBy: pageOrder,
    take,
  });
}

/** A source's chunks in document order, after the chunk with ordinal `afterOrdinal`. */
export function listChunksPage(db: Database, sourceId: string, take: number, afterOrdinal: number | null): Promise<ChunkRow[]> {
  return db.prisma.knowledgeChunk.findMany({
    where: { sourceId, ...(afterOrdinal === null ? {} : { ordinal: { gt: afterOrdinal } }) },
    orderBy: { ordinal: "asc" },
    select: chunkSelect,
    take,
  });
}

export async function countChunks(db: Database, sourceIds: readonly string[]): Promise<Map<string, number>> {
  const groups = await db.prisma.knowledgeChunk.groupBy({ by: ["sourceId"], where: { sourceId: { in: [...sourceIds] } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.sourceId, g._count._all]));
}

/** The newest source ingested under the same uri, or under the same title when it has no uri. */
export function findSourceByKey(db: Database, key: { uri: string | null; title: string }): Promise<SourceRow | null> {
  return db.prisma.knowledgeSource.findFirst({
    where: key.uri ? { uri: key.uri } : { uri: null, title: key.title },
    orderBy: pageOrder,
  });
}

export interface NewChunk {
  id: string;
  ordinal: number;
  text: string;
  page: number | null;
  headingPath: string[];
  charStart: number;
  charEnd: number;
  vector: number[];
}

const INSERT_BATCH = 500;
const VECTOR_BATCH = 100;

/** Inserts a source's chunks and their vectors inside the caller's transaction. */
export async function insertChunks(tx: Prisma.TransactionClient, sourceId: string, chunks: NewChunk[], model: string): Promise<void> {
  for (let i = 0; i < chunks.length; i += INSERT_BATCH) {
    await tx.knowledgeChunk.createMany({
      data: chunks.slice(i, i + INSERT_BATCH).map(({ vector: _vector, ...chunk }) => ({ ...chunk, sourceId })),
    });
  }
  // One UPDATE per batch of rows: each vector is a bind parameter cast to the model's dimension.
  for (let i = 0; i < chunks.length; i += VECTOR_BATCH) {
    const rows = chunks.slice(i, i + VECTOR_BATCH).map((c) => Prisma.sql`(${c.id}::uuid, ${queryVector(c.vector).value})`);
    await tx.$executeRaw`
      UPDATE ${CHUNK_TABLE} AS c SET embedding = v.embedding, embedding_model = ${model}
      FROM (VALUES ${Prisma.join(rows)}) AS v(id, embedding)
      WHERE c.id = v.id`;
  }
}

export async function deleteSource(db: Database, id: string): Promise<boolean> {
  const { count } = await db.prisma.knowledgeSource.deleteMany({ where: { id } });
  return count > 0;
}
