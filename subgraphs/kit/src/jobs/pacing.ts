import type { Database } from "@matchgraph/db";

/**
 * Batch sizes for long jobs that write or read in batches.
 *
 * PGlite (embedded) runs one statement at a time for every caller in the process: while a job's
 * statement runs, a request's cheap query waits for it. So on PGlite a job's batches are sized
 * from how long the last ones took, to keep each batch's statements near `targetMs` — a request
 * then waits at most about that long, and the job loses little to the extra round trips.
 * PostgreSQL runs statements side by side (and readers never wait for writers), so there a job
 * keeps its fixed, throughput-friendly batch size.
 */
export interface BatchPacer {
  /** Items to put in the next batch. */
  readonly size: number;
  /** Reports that a batch of `items` took `ms` (its statements, including their wait). */
  record(items: number, ms: number): void;
}

export interface PacerOptions {
  /** PostgreSQL's fixed batch size, and the largest batch on PGlite. */
  batch: number;
  /** What one batch's statements should take on PGlite (default 250 ms). */
  targetMs?: number;
  /** First batch on PGlite, before anything is measured (default min(batch, 16)). */
  initial?: number;
  /** Smallest batch on PGlite (default 1). */
  min?: number;
}

export const DEFAULT_BATCH_TARGET_MS = 250;

/** A pacer for `db`: adaptive on PGlite, fixed on PostgreSQL (see {@link BatchPacer}). */
export function batchPacer(db: Pick<Database, "kind">, options: PacerOptions): BatchPacer {
  const max = Math.max(1, Math.floor(options.batch));
  if (db.kind !== "pglite") return { size: max, record: () => undefined };
  return adaptivePacer({ max, min: options.min ?? 1, initial: options.initial ?? Math.min(max, 16), targetMs: options.targetMs ?? DEFAULT_BATCH_TARGET_MS });
}

/**
 * Sizes the next batch as `targetMs` over the (smoothed) time per item, within [min, max],
 * growing at most twofold per batch so that one fast batch does not make the next one huge.
 */
export function adaptivePacer(o: { max: number; min: number; initial: number; targetMs: number }): BatchPacer {
  const min = Math.max(1, Math.min(Math.floor(o.min), o.max));
  let size = clamp(Math.floor(o.initial), min, o.max);
  let msPerItem: number | null = null;
  return {
    get size() {
      return size;
    },
    record(items, ms) {
      if (!(items > 0) || !Number.isFinite(ms) || ms < 0) return;
      const sample = ms / items;
      msPerItem = msPerItem === null ? sample : 0.5 * msPerItem + 0.5 * sample;
      const wanted = msPerItem > 0 ? Math.floor(o.targetMs / msPerItem) : o.max;
      size = clamp(Math.min(wanted, 2 * Math.max(size, items)), min, o.max);
    },
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(n) ? n : lo));
}

/** Splits `items` into consecutive batches sized by `pacer`, timing each run of `fn`. */
export async function forEachPacedBatch<T>(items: readonly T[], pacer: BatchPacer, fn: (batch: T[], offset: number) => Promise<void>): Promise<void> {
  for (let offset = 0; offset < items.length; ) {
    const batch = items.slice(offset, offset + pacer.size);
    const started = performance.now();
    await fn(batch, offset);
    pacer.record(batch.length, performance.now() - started);
    offset += batch.length;
  }
}
