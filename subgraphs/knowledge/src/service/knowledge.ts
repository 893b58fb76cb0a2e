import { createHash, randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import { z } from "zod";
import {
  badUserInput,
  embed,
  embeddingText,
  inOrder,
  isUuid,
  nearestIds,
  optionalText,
  parseInput,
  requiredText,
  tags,
  topK,
  uuid,
  LIMITS,
  MAX_PAGE_SIZE,
  type Cursor,
  type Embedded,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import {
  CHUNK_TABLE,
  countChunks,
  deleteSource,
  findChunksByIds,
  findSourceByKey,
  findSourcesByIds,
  insertChunks,
  listChunksPage,
  listSourcesPage,
  type ChunkRow,
  type NewChunk,
  type SourceRow,
} from "../db/knowledge.js";
import { chunkText } from "./chunker.js";
import { snippet } from "./snippet.js";

export const SOURCE_INGESTED = "knowledge.sourceIngested";
export interface SourceIngestedEvent {
  id: string;
}

export const MAX_INGEST_CHARS = 1_000_000;
/** Texts per embedding request while ingesting. */
const EMBED_BATCH = 64;
/** A large document writes many rows and HNSW entries: give its transaction time. */
const INGEST_TX_TIMEOUT_MS = 120_000;

const ingestSchema = z.object({
  title: requiredText(LIMITS.name),
  // Not trimmed: chunk offsets index the text exactly as given.
  text: z
    .string()
    .max(MAX_INGEST_CHARS, `must be at most ${MAX_INGEST_CHARS} characters`)
    .refine((t) => t.trim().length > 0, "must not be empty"),
  mimeType: z.enum(["text/plain", "text/markdown"], { error: 'must be "text/plain" or "text/markdown"' }),
  uri: optionalText(2_000),
  tags: z.preprocess((v) => v ?? undefined, tags),
});

const searchSchema = z.object({ query: requiredText(), k: topK });
const tagFilter = z.string().trim().min(1).max(64);

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

// ---------------------------------------------------------------- loaders

export function sourceLoader(ctx: SubgraphContext): DataLoader<string, SourceRow | null> {
  return ctx.loader("knowledgeSource", () => new DataLoader(async (ids: readonly string[]) => {
    const rows = await findSourcesByIds(ctx.db, ids.filter(isUuid));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

export function chunkLoader(ctx: SubgraphContext): DataLoader<string, ChunkRow | null> {
  return ctx.loader("knowledgeChunk", () => new DataLoader(async (ids: readonly string[]) => {
    const rows = await findChunksByIds(ctx.db, ids.filter(isUuid));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

export function chunkCountLoader(ctx: SubgraphContext): DataLoader<string, number> {
  return ctx.loader("knowledgeChunkCount", () => new DataLoader(async (ids: readonly string[]) => {
    const counts = await countChunks(ctx.db, ids.filter(isUuid));
    return ids.map((id) => counts.get(id) ?? 0);
  }));
}

// ---------------------------------------------------------------- reads

export async function getSource(ctx: SubgraphContext, id: string): Promise<SourceRow | null> {
  return sourceLoader(ctx).load(id);
}

export async function listSources(ctx: SubgraphContext, take: number, cursor: Cursor | null, tag?: string | null): Promise<SourceRow[]> {
  return listSourcesPage(ctx.db, take, cursor, tag == null ? undefined : parseInput(tagFilter, tag));
}

/** Chunk pages follow document order (ordinal), so their cursor is the ordinal, not (createdAt, id). */
export function encodeChunkCursor(chunk: Pick<ChunkRow, "ordinal">): string {
  return Buffer.from(JSON.stringify({ o: chunk.ordinal })).toString("base64url");
}

function decodeChunkCursor(cursor: string): number {
  try {
    return z.object({ o: z.number().int().min(0) }).parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).o;
  } catch {
    throw badUserInput("after: not a cursor returned by this API", "after");
  }
}

export async function listChunks(ctx: SubgraphContext, sourceId: string, page: { first: number; after?: string | null }) {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, "first");
  }
  const afterOrdinal = page.after ? decodeChunkCursor(page.after) : null;
  const rows = await listChunksPage(ctx.db, sourceId, page.first + 1, afterOrdinal);
  const nodes = rows.slice(0, page.first);
  const last = nodes.at(-1);
  return { nodes, pageInfo: { endCursor: last ? encodeChunkCursor(last) : null, hasNextPage: rows.length > page.first } };
}

export interface KnowledgeHitRow {
  chunk: ChunkRow;
  source: SourceRow;
  score: number;
  snippet: string;
}

export async function searchKnowledge(ctx: SubgraphContext, args: { query: unknown; k: unknown }): Promise<KnowledgeHitRow[]> {
  const { query, k } = parseInput(searchSchema, args);
  const { model, vectors } = await embed(ctx, [query], "query");
  const hits = await nearestIds(ctx.db, CHUNK_TABLE, { vector: vectors[0]!, model }, k);
  const ids = hits.map((h) => h.id);
  const chunks = inOrder(ids, await findChunksByIds(ctx.db, ids));
  const sources = await sourceLoader(ctx).loadMany([...new Set(chunks.map((c) => c.sourceId))]);
  const sourceById = new Map(sources.filter((s): s is SourceRow => s !== null && !(s instanceof Error)).map((s) => [s.id, s]));
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  return chunks.flatMap((chunk) => {
    const source = sourceById.get(chunk.sourceId);
    return source ? [{ chunk, source, score: scores.get(chunk.id)!, snippet: snippet(chunk.text, query) }] : [];
  });
}

// ---------------------------------------------------------------- writes

/**
 * Ingests a text: unchanged content under the same uri (or title, when there is no uri) is
 * skipped and the existing source returned; changed content replaces the source's chunks. All
 * chunks are embedded before the transaction that writes the source, its chunks and vectors.
 */
export async function ingestText(ctx: SubgraphContext, input: unknown): Promise<SourceRow> {
  const data = parseInput(ingestSchema, input);
  const contentHash = sha256(data.text);
  const existing = await findSourceByKey(ctx.db, { uri: data.uri, title: data.title });
  if (existing && existing.contentHash === contentHash) return existing;

  const chunks = chunkText(data.text, data.mimeType);
  const { model, vectors } = await embedAll(
    ctx,
    chunks.map((c) => embeddingText(c.headingPath.join(" > "), c.text).slice(0, LIMITS.text)),
  );
  const rows: NewChunk[] = chunks.map((c, i) => ({ ...c, id: randomUUID(), vector: vectors[i]! }));
  const fields = { title: data.title, uri: data.uri, mimeType: data.mimeType, contentHash, tags: data.tags };

  const source = await ctx.db.prisma.$transaction(
    async (tx) => {
      const written = existing
        ? await tx.knowledgeSource.update({ where: { id: existing.id }, data: fields })
        : await tx.knowledgeSource.create({ data: fields });
      if (existing) await tx.knowledgeChunk.deleteMany({ where: { sourceId: existing.id } });
      await insertChunks(tx, written.id, rows, model);
      return written;
    },
    { timeout: INGEST_TX_TIMEOUT_MS },
  );
  const event: SourceIngestedEvent = { id: source.id };
  ctx.pubSub.publish(SOURCE_INGESTED, event);
  return source;
}

async function embedAll(ctx: SubgraphContext, texts: string[]): Promise<Embedded> {
  let model = ctx.ml.defaultModel;
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const batch = await embed(ctx, texts.slice(i, i + EMBED_BATCH));
    model = batch.model;
    vectors.push(...batch.vectors);
  }
  return { model, vectors };
}

export async function removeSource(ctx: SubgraphContext, id: string): Promise<boolean> {
  parseInput(uuid(), id);
  return deleteSource(ctx.db, id);
}
