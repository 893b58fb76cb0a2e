import { Prisma } from "@matchgraph/db";
import { MlRuntimeUnavailableError } from "@matchgraph/ml-runtime/client";
import { markDegraded, type DegradedTarget, type SubgraphContext } from "./context.js";
import { conflict } from "./errors.js";
import { queryVector } from "./vectors.js";

export interface Embedded {
  model: string;
  vectors: number[][];
}

/**
 * Embeds texts with the runtime's default model. Called before any write transaction opens, so
 * an unavailable runtime (UNAVAILABLE) leaves nothing half-written. Stored records are passages;
 * search text is embedded as a query, which gives models with a query prefix (BGE) their prefix.
 */
export async function embed(ctx: Pick<SubgraphContext, "ml">, texts: string[], inputType: "passage" | "query" = "passage"): Promise<Embedded> {
  const model = await embeddingModel(ctx);
  const vectors = await ctx.ml.embed(texts, { model, inputType });
  return { model, vectors };
}

/** The model `embed` uses: the configured default, else the one the runtime reports. */
export async function embeddingModel(ctx: Pick<SubgraphContext, "ml">): Promise<string> {
  return ctx.ml.defaultModel || ctx.ml.resolveDefaultModel();
}

/** One search text embedded as a query. */
export async function embedQuery(ctx: Pick<SubgraphContext, "ml">, text: string): Promise<{ vector: number[]; model: string }> {
  const { model, vectors } = await embed(ctx, [text], "query");
  return { vector: vectors[0]!, model };
}

/** A context that can answer degraded: the ml client, and where the marks and the log line go. */
export type DegradableContext = Pick<SubgraphContext, "ml"> & DegradedTarget;

/**
 * Embeds search texts as queries for `operation`; when the ml-runtime is unavailable (unreachable,
 * timeout, 5xx, circuit open) it marks the request degraded and returns null, and the caller
 * answers from lexical retrieval instead. Any other error (bad input, 4xx) is thrown.
 * Writes never use this: they need the vector and fail whole with UNAVAILABLE.
 */
export async function embedQueriesOrDegrade(ctx: DegradableContext, operation: string, texts: string[]): Promise<Embedded | null> {
  try {
    return await embed(ctx, texts, "query");
  } catch (err) {
    if (!(err instanceof MlRuntimeUnavailableError)) throw err;
    markDegraded(ctx, operation, err.message);
    return null;
  }
}

/** {@link embedQueriesOrDegrade} for one search text. */
export async function embedQueryOrDegrade(ctx: DegradableContext, operation: string, text: string): Promise<{ vector: number[]; model: string } | null> {
  const embedded = await embedQueriesOrDegrade(ctx, operation, [text]);
  return embedded && { vector: embedded.vectors[0]!, model: embedded.model };
}

/** Writes one row's vector inside the caller's transaction. `table` is a constant of the domain's db module. */
export async function setEmbedding(tx: Prisma.TransactionClient, table: Prisma.Sql, id: string, vector: number[], model: string): Promise<void> {
  const v = queryVector(vector);
  await tx.$executeRaw`UPDATE ${table} SET embedding = ${v.value}, embedding_model = ${model} WHERE id = ${id}::uuid`;
}

/**
 * Inserts a row with its vector. The text is embedded before the transaction opens (an
 * unavailable runtime leaves nothing written); row and vector are written in one transaction.
 */
export async function createEmbedded<T extends { id: string }>(
  ctx: Pick<SubgraphContext, "ml" | "db">,
  table: Prisma.Sql,
  text: string,
  insert: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T & { embeddingModel: string }> {
  const { model, vectors } = await embed(ctx, [text]);
  return ctx.db.prisma.$transaction(async (tx) => {
    const row = await insert(tx);
    await setEmbedding(tx, table, row.id, vectors[0]!, model);
    return { ...row, embeddingModel: model };
  });
}

/**
 * Updates a row, and its vector when the embedded text changed or the row has none yet; the
 * text is embedded before the transaction opens, row and vector are written in one transaction.
 * The row is locked and must still be the version `existing` was read from (same updated_at),
 * otherwise CONFLICT: a concurrent update could else leave a vector of text no longer stored.
 */
export async function updateEmbedded<T extends { id: string; embeddingModel: string | null; updatedAt: Date }>(
  ctx: Pick<SubgraphContext, "ml" | "db">,
  table: Prisma.Sql,
  change: { existing: T; textBefore: string; textAfter: string },
  update: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  const { existing, textBefore, textAfter } = change;
  const embedded = textAfter !== textBefore || existing.embeddingModel === null ? await embed(ctx, [textAfter]) : null;
  return ctx.db.prisma.$transaction(async (tx) => {
    const unchanged = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM ${table}
      WHERE id = ${existing.id}::uuid AND date_trunc('milliseconds', updated_at) = ${existing.updatedAt}
      FOR UPDATE`;
    if (unchanged.length === 0) throw conflict("The record was changed by another request; reload it and retry");
    const row = await update(tx);
    if (!embedded) return row;
    await setEmbedding(tx, table, existing.id, embedded.vectors[0]!, embedded.model);
    return { ...row, embeddingModel: embedded.model };
  });
}

export interface ScoredId {
  id: string;
  score: number;
}

// Without iterative scan an HNSW scan yields at most hnsw.ef_search rows (default 40, at most 1000).
const MAX_EF_SEARCH = 1000;

/**
 * k nearest rows of `table` by cosine distance on the HNSW index of the query's model.
 * `where` adds domain filters (a Prisma.sql fragment starting with AND, or Prisma.empty).
 * ef_search is raised to k for this query only (set_config is_local inside a transaction, so it
 * never leaks to a pooled connection), and filtered scans continue until k rows pass the filter
 * (pgvector's iterative scan).
 */
export async function nearestIds(
  db: Pick<SubgraphContext["db"], "prisma">,
  table: Prisma.Sql,
  query: { vector: number[]; model: string },
  k: number,
  where: Prisma.Sql = Prisma.empty,
): Promise<ScoredId[]> {
  const v = queryVector(query.vector);
  const efSearch = String(Math.min(MAX_EF_SEARCH, Math.max(40, k)));
  const rows = await db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('hnsw.ef_search', ${efSearch}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`;
    return tx.$queryRaw<Array<{ id: string; distance: number }>>`
      SELECT id::text AS id, (embedding::${v.type} <=> ${v.value}) AS distance
      FROM ${table}
      WHERE embedding_model = ${query.model} AND embedding IS NOT NULL ${where}
      ORDER BY embedding::${v.type} <=> ${v.value}
      LIMIT ${k}`;
  });
  // relaxed_order may return near-ties slightly out of order; the caller gets them sorted.
  return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) })).sort((a, b) => b.score - a.score);
}

/** Returns rows in the order of `ids`, dropping ids with no row. */
export function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}
