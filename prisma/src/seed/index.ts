import type { Database } from "../database.js";
import { buildDataset, type Dataset } from "./dataset.js";
import { SEED_EPOCH } from "./ids.js";
import { embedRows, type EmbedFn, type EmbeddingTable } from "./embed-rows.js";

export { buildDataset, SEED, type Dataset } from "./dataset.js";
export type { EmbedFn, EmbeddingTable } from "./embed-rows.js";

export interface SeedOptions {
  /** Turns texts into vectors (the ml-runtime in practice). Called with at most `batchSize` texts. */
  embed: EmbedFn;
  /** Recorded in `embedding_model`; use a name the HNSW indexes know to get indexed search. */
  model: string;
  dimension: number;
  log?: (message: string) => void;
  /** Texts per embed call. Default 256 (the runtime batches them by length). */
  batchSize?: number;
}

export interface SeedResult {
  /** Rows inserted per table (0 everywhere on a second run). */
  inserted: Record<string, number>;
  /** Rows given a vector per table (0 everywhere once all seed rows carry `model`'s vectors). */
  embedded: Record<EmbeddingTable, number>;
}

/**
 * Writes the deterministic demo data set and its vectors.
 *
 * Idempotent by stable ids: every row has a UUIDv5 id derived from its position in the data
 * set, rows are inserted with ON CONFLICT DO NOTHING (so rows someone edited are left alone),
 * and only seed rows whose embedding is missing or from another model are embedded. A second
 * run therefore inserts and embeds nothing, an interrupted run picks up where it stopped, and a
 * run with a different model re-embeds the seed rows.
 */
export async function seed(db: Database, opts: SeedOptions): Promise<SeedResult> {
  const inserted = await insertSeedRows(db, opts.log);
  return { inserted, embedded: await embedSeedRows(db, opts) };
}

/** The first half of `seed`: the rows without vectors (fast; no model needed). */
export async function insertSeedRows(db: Database, log: (message: string) => void = () => undefined): Promise<Record<string, number>> {
  const inserted = await insertRows(db, buildDataset());
  const total = Object.values(inserted).reduce((a, b) => a + b, 0);
  log(total === 0 ? "seed rows already present" : `inserted ${total} rows (${summary(inserted)})`);
  return inserted;
}

/** The second half of `seed`: vectors for the seed rows that lack `model`'s. */
export async function embedSeedRows(db: Database, opts: SeedOptions): Promise<Record<EmbeddingTable, number>> {
  const log = opts.log ?? (() => undefined);
  const data = buildDataset();
  const embedOpts = { embed: opts.embed, model: opts.model, dimension: opts.dimension, batchSize: opts.batchSize ?? 256 };
  const plan: [EmbeddingTable, { data: { id: string }; text: string }[]][] = [
    ["opportunity", data.opportunities],
    ["lead", data.leads],
    ["intent_snippet", data.snippets],
    ["talent", data.talents],
    ["job", data.jobs],
    ["chunk", data.chunks],
    ["item", data.items],
  ];
  const embedded = {} as Record<EmbeddingTable, number>;
  for (const [table, rows] of plan) {
    embedded[table] = await embedRows(db.prisma, table, rows.map((r) => ({ id: r.data.id, text: r.text })), embedOpts);
    if (embedded[table] > 0) log(`embedded ${embedded[table]} ${table} rows with ${opts.model}`);
  }
  if (Object.values(embedded).every((n) => n === 0)) log(`all seed rows already embedded with ${opts.model}`);
  return embedded;
}

async function insertRows(db: Database, data: Dataset): Promise<Record<string, number>> {
  const rows = <T>(list: { data: T }[]) => list.map((r) => r.data);
  return db.prisma.$transaction(
    async (tx) => ({
      opportunity: await insertMissing(tx.opportunity, rows(data.opportunities)),
      lead: await insertMissing(tx.lead, rows(data.leads)),
      lead_technology: (await tx.leadTechnology.createMany({ data: data.technologies, skipDuplicates: true })).count,
      intent_snippet: await insertMissing(tx.intentSnippet, rows(data.snippets).map(observedAsOf(Date.now()))),
      talent: await insertMissing(tx.talent, rows(data.talents)),
      job: await insertMissing(tx.job, rows(data.jobs)),
      source: await insertMissing(tx.knowledgeSource, rows(data.sources)),
      chunk: await insertMissing(tx.knowledgeChunk, rows(data.chunks)),
      item: await insertMissing(tx.recommendationItem, rows(data.items)),
      feedback: await insertMissing(tx.recommendationFeedback, data.feedback),
    }),
    { timeout: 120_000, maxWait: 30_000 },
  );
}

interface InsertDelegate<Row> {
  count(args: { where: { id: { in: string[] } } }): Promise<number>;
  createMany(args: { data: Row[]; skipDuplicates: boolean }): Promise<{ count: number }>;
}

/** Inserts the rows whose id is not there yet; a cheap count first keeps re-runs fast. */
async function insertMissing<Row extends { id?: string }>(delegate: InsertDelegate<Row>, rows: Row[]): Promise<number> {
  const ids = rows.map((r) => r.id).filter((id): id is string => id !== undefined);
  if (ids.length === rows.length && (await delegate.count({ where: { id: { in: ids } } })) === rows.length) return 0;
  return (await delegate.createMany({ data: rows, skipDuplicates: true })).count;
}

/**
 * Intent signals are dated relative to the day the seed runs (the rest of the data set to its fixed
 * epoch, to the day, so two seeds on one day write the same rows): the intent model decays evidence
 * by age, and a demo whose signals are all a year old would rank on fit alone.
 */
function observedAsOf(now: number) {
  const day = 86_400_000;
  const shift = Math.floor(now / day) * day - SEED_EPOCH;
  return <Row extends { observedAt: Date | string }>(row: Row): Row => ({ ...row, observedAt: new Date(new Date(row.observedAt).getTime() + shift) });
}

function summary(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
}
