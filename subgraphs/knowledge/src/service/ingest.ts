import { createHash, randomUUID } from "node:crypto";
import { badUserInput, embed, embeddingText, LIMITS, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { linkConcepts } from "../db/concepts.js";
import { findSourceByKey, insertChunks, type NewChunk, type SourceRow } from "../db/knowledge.js";
import { chunkDocument } from "./chunker.js";
import { extractConcepts } from "./concepts.js";
import { DocumentError, parseDocument, type DocumentInput, type ParsedDocument } from "./parsers/index.js";

export const SOURCE_INGESTED = "knowledge.sourceIngested";
export interface SourceIngestedEvent {
  id: string;
}

export type IngestStage = "parse" | "chunk" | "embed" | "store";
export type IngestProgress = (stage: IngestStage, done: number, total: number) => void;

export interface SourceMeta {
  title: string | null;
  uri: string | null;
  tags: string[];
}

/** Texts per embedding request while ingesting. */
const EMBED_BATCH = 64;
/** A large document writes many rows and HNSW entries: give its transaction time. */
const INGEST_TX_TIMEOUT_MS = 120_000;

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Parses a document; a file that cannot be read is BAD_USER_INPUT naming the reason. */
export async function parseOrRefuse(input: DocumentInput): Promise<ParsedDocument> {
  try {
    return await parseDocument(input);
  } catch (err) {
    if (err instanceof DocumentError) throw badUserInput(err.message, "document");
    throw err;
  }
}

/**
 * Stores a parsed document: content unchanged under the same uri (or title, when there is no
 * uri) is skipped and the existing source returned; changed content replaces the source's
 * chunks. Chunks are embedded and their concepts extracted before the one transaction that
 * writes the source, its chunks, vectors and concept links.
 */
export async function ingestParsed(
  ctx: SubgraphContext,
  doc: ParsedDocument,
  meta: SourceMeta,
  progress: IngestProgress = () => undefined,
): Promise<{ source: SourceRow; skipped: boolean }> {
  const title = meta.title ?? doc.title ?? "Untitled";
  const contentHash = sha256(doc.text);
  const existing = await findSourceByKey(ctx.db, { uri: meta.uri, title });
  if (existing && existing.contentHash === contentHash) return { source: existing, skipped: true };

  const chunks = chunkDocument(doc);
  progress("chunk", chunks.length, chunks.length);
  const texts = chunks.map((c) => embeddingText(c.headingPath.join(" > "), c.tableHeader, c.text).slice(0, LIMITS.text));
  let model = "";
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const batch = await embed(ctx, texts.slice(i, i + EMBED_BATCH));
    model = batch.model;
    vectors.push(...batch.vectors);
    progress("embed", vectors.length, texts.length);
  }
  const rows: NewChunk[] = chunks.map(({ tableHeader: _header, ...c }, i) => ({ ...c, id: randomUUID(), vector: vectors[i]! }));
  const concepts = rows.map((row) => ({ chunkId: row.id, concepts: extractConcepts(row.text) }));
  const fields = { title, uri: meta.uri, mimeType: doc.mimeType, contentHash, tags: meta.tags };

  progress("store", 0, rows.length);
  const source = await ctx.db.prisma.$transaction(
    async (tx) => {
      const written = existing
        ? await tx.knowledgeSource.update({ where: { id: existing.id }, data: fields })
        : await tx.knowledgeSource.create({ data: fields });
      if (existing) await tx.knowledgeChunk.deleteMany({ where: { sourceId: existing.id } });
      await insertChunks(tx, written.id, rows, model);
      await linkConcepts(tx, concepts);
      return written;
    },
    { timeout: INGEST_TX_TIMEOUT_MS },
  );
  progress("store", rows.length, rows.length);
  const event: SourceIngestedEvent = { id: source.id };
  ctx.pubSub.publish(SOURCE_INGESTED, event);
  return { source, skipped: false };
}
