import DataLoader from "dataloader";
import { z } from "zod";
import {
  badUserInput,
  byIdLoader,
  isUuid,
  optionalText,
  parseInput,
  requiredText,
  tags,
  uuid,
  LIMITS,
  MAX_PAGE_SIZE,
  type Cursor,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import {
  countChunks,
  deleteSource,
  findChunksByIds,
  findSourcesByIds,
  listChunksPage,
  listSourcesPage,
  type ChunkRow,
  type SourceRow,
} from "../db/knowledge.js";
import { ingestParsed, parseOrRefuse } from "./ingest.js";

export const MAX_INGEST_CHARS = 1_000_000;

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

const tagFilter = z.string().trim().min(1).max(64);

// ---------------------------------------------------------------- loaders

export const sourceLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "knowledgeSource", (ids) => findSourcesByIds(ctx.db, ids));

export const chunkLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "knowledgeChunk", (ids) => findChunksByIds(ctx.db, ids));

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

// ---------------------------------------------------------------- writes

/**
 * Ingests a text synchronously through the same pipeline as documents (parse → chunk → embed →
 * one transaction); the same content under the same uri (or title) is not stored twice.
 */
export async function ingestText(ctx: SubgraphContext, input: unknown): Promise<SourceRow> {
  const data = parseInput(ingestSchema, input);
  const doc = await parseOrRefuse({ text: data.text, mimeType: data.mimeType });
  return (await ingestParsed(ctx, doc, { title: data.title, uri: data.uri, tags: data.tags })).source;
}

export async function removeSource(ctx: SubgraphContext, id: string): Promise<boolean> {
  parseInput(uuid(), id);
  return deleteSource(ctx.db, id);
}
