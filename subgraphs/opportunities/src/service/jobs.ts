import { z } from "zod";
import { Prisma } from "@matchgraph/db";
import {
  badUserInput,
  batchPacer,
  createContext,
  createJobQueue,
  embeddingModel,
  forEachPacedBatch,
  PermanentJobError,
  type ClaimedJobRow,
  type JobContext,
  type JobRow,
  type SubgraphContext,
  type SubgraphServices,
} from "@matchgraph/subgraph-kit";
import { existingByExternalId, recordsToPrepare, setPrepared, upsertRecords } from "../db/records.js";
import { allRecordIds, analyzeIfStale, databaseNow, loadAliases, unmatchedIds } from "../db/matching.js";
import { ImportFileError } from "../import/errors.js";
import { parseMapping } from "../import/columns.js";
import { parseOpportunityCsv } from "../import/csv.js";
import type { OpportunitySourceName } from "../matching/types.js";
import { fieldsOf, prepareRecords, rowHash } from "./records.js";
import { runDueSchedules, type ScheduleTickResult } from "./schedules.js";
import {
  assignAll,
  currentConfig,
  estimateAndScore,
  IN_MEMORY_MIN_RECORDS,
  matchingSetup,
  matchRecords,
  roundTimings,
  scoreInMemory,
  timed,
  type CollectedPair,
  type MatchingServices,
  type PhaseTimings,
} from "./matching.js";
import { matchingStatistics } from "./statistics.js";

/**
 * The subgraph's durable jobs (the kit's job queue on `opportunities.job`): CSV imports, full
 * and incremental matching runs, and re-embedding after a model change. Each job's input is in
 * its row, and every step is idempotent (upserts by key, unchanged rows skipped by hash), so a
 * job cut off by a crash is simply run again and completes the work.
 */
export const JOB_PROGRESS = "opportunities.jobProgress";
export const JOB_QUEUED = "opportunities.jobQueued";
export const jobQueue = createJobQueue({ name: "opportunities", table: Prisma.sql`opportunities.job`, topic: JOB_PROGRESS });

export const IMPORT_BATCH = 200;
/** Records re-embedded per ml-runtime call by full runs and re-embed jobs: short calls share the runtime well. */
const PREPARE_BATCH = 64;
/** What one write of records (vectors and all their indexes) should take on PGlite; see the kit's batchPacer. */
const WRITE_TARGET_MS = 200;
const MAX_REPORTED_ERRORS = 1_000;
const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const importPayload = z.object({
  source: z.enum(["apn", "odoo"]),
  mapping: z.record(z.string(), z.unknown()).nullable(),
  fileName: z.string().max(255).nullable(),
  dayFirst: z.boolean(),
});

const importInput = z
  .object({
    source: z.enum(["apn", "odoo"]),
    csv: z.string().max(MAX_IMPORT_BYTES, `must be at most ${MAX_IMPORT_BYTES} characters`).nullish(),
    contentBase64: z
      .string()
      .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, `must encode at most ${MAX_IMPORT_BYTES} bytes`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64")
      .nullish(),
    mapping: z.union([z.string().max(16_384, "mapping must be at most 16 KiB of JSON"), z.record(z.string(), z.unknown())]).nullish(),
    fileName: z.string().trim().max(255).nullish(),
    dayFirst: z.boolean().nullish(),
  })
  .refine((d) => (d.csv == null) !== (d.contentBase64 == null), { message: "give exactly one of csv and contentBase64", path: ["csv"] });

/** BAD_USER_INPUT for a file that can never import, with the import error's code. */
function refuse(err: unknown): never {
  if (err instanceof ImportFileError) throw badUserInput(err.message, err.code);
  throw err;
}

/**
 * Queues an import. The file is parsed once here, so that a file that cannot import at all (not
 * CSV, missing mapped columns, bad mapping) is refused at once with nothing stored; bad rows are
 * reported by the job, with line numbers, while good rows land.
 */
export async function enqueueImport(ctx: SubgraphContext, input: unknown): Promise<JobRow> {
  const parsedInput = importInput.safeParse(input);
  if (!parsedInput.success) throw badUserInput(parsedInput.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
  const data = parsedInput.data;
  const bytes = data.csv != null ? Buffer.from(data.csv, "utf8") : Buffer.from(data.contentBase64!, "base64");
  let mapping: Record<string, unknown> | null = null;
  try {
    if (data.mapping != null) mapping = parseMapping(data.mapping) as Record<string, unknown>;
    parseOpportunityCsv(bytes, { source: data.source, mapping: mapping as never, dayFirst: data.dayFirst ?? false });
  } catch (err) {
    refuse(err);
  }
  const payload: z.infer<typeof importPayload> = { source: data.source, mapping, fileName: data.fileName ?? null, dayFirst: data.dayFirst ?? false };
  const job = await jobQueue.enqueue(ctx.db, { kind: "import", payload, document: bytes });
  ctx.pubSub.publish(JOB_QUEUED, { id: job.id });
  return job;
}

export async function enqueueMatching(ctx: SubgraphContext, kind: "match-full" | "match-incremental" | "reembed"): Promise<JobRow> {
  const job = await jobQueue.enqueue(ctx.db, { kind, payload: {} });
  ctx.pubSub.publish(JOB_QUEUED, { id: job.id });
  return job;
}

type Progress = JobContext["progress"];

async function runImport(services: SubgraphServices, job: ClaimedJobRow, jobCtx: JobContext) {
  const payload = importPayload.parse(job.payload);
  if (!job.document) throw new PermanentJobError("The import job has no file");
  const source = payload.source as OpportunitySourceName;
  let parsed;
  try {
    parsed = parseOpportunityCsv(job.document, { source, mapping: (payload.mapping ?? undefined) as never, dayFirst: payload.dayFirst });
  } catch (err) {
    if (err instanceof ImportFileError) throw new PermanentJobError(`${err.code}: ${err.message}`);
    throw err;
  }
  const { ctx } = createContext(services, `job:${job.id}`, null);
  const model = await embeddingModel(ctx);
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  // Busy time per step: embedding the next batch and writing this one overlap.
  const phases: PhaseTimings = {};
  const started = Date.now();
  const writePacer = batchPacer(services.db, { batch: IMPORT_BATCH, targetMs: WRITE_TARGET_MS });
  const total = parsed.records.length;
  jobCtx.progress("import", 0, total);
  // Embedding the next batch overlaps writing this one (the ml-runtime and PGlite's thread or
  // PostgreSQL work side by side); one write in flight at a time.
  let writing: Promise<void> = Promise.resolve();
  for (let i = 0; i < total; i += IMPORT_BATCH) {
    jobCtx.signal.throwIfAborted();
    const batch = parsed.records.slice(i, i + IMPORT_BATCH);
    const existing = await existingByExternalId(services.db, source, batch.map((r) => r.externalId));
    const changed = batch.filter((r) => {
      const found = existing.get(r.externalId);
      return !found || found.rowHash !== rowHash(r) || found.embeddingModel !== model;
    });
    counts.unchanged += batch.length - changed.length;
    const prepared = await timed(phases, "embed", () => prepareRecords(ctx, changed));
    await writing;
    // Written in paced statements (each row feeds the vector, trigram and full-text indexes: on
    // PGlite a 200-row upsert would hold the database for seconds).
    const done = Math.min(total, i + IMPORT_BATCH);
    writing = timed(phases, "write", () =>
      forEachPacedBatch(prepared, writePacer, async (rows) => {
        for (const w of await upsertRecords(services.db.prisma, source, rows)) counts[w.inserted ? "inserted" : "updated"]++;
      }),
    ).then(() => jobCtx.progress("import", done, total));
    // Awaited above or below; a failure while the next batch embeds must not go unhandled meanwhile.
    writing.catch(() => {});
  }
  await writing;
  const matched = await timed(phases, "match", () => matchPending(services, jobCtx.progress));
  return {
    result: {
      source,
      fileName: payload.fileName,
      encoding: parsed.encoding,
      delimiter: parsed.delimiter,
      rows: parsed.rows,
      ...counts,
      failed: parsed.errors.length,
      errors: parsed.errors.slice(0, MAX_REPORTED_ERRORS),
      matchedRecords: matched.records,
      candidatePairs: matched.pairs,
      durationMs: Date.now() - started,
      phasesMs: roundTimings(phases),
    },
  };
}

/** Matches every record that waits for it (new, changed, or cut off before matching). */
async function matchPending(services: SubgraphServices, progress: Progress): Promise<{ records: number; pairs: number }> {
  const svc: MatchingServices = services;
  const model = await embeddingModel(services);
  const setup = await matchingSetup(services.db, model);
  const ids = await unmatchedIds(services.db, 1_000_000);
  if (ids.length >= IN_MEMORY_MIN_RECORDS) await analyzeIfStale(services.db);
  progress("match", 0, ids.length);
  const { pairs } = await matchRecords(svc, ids, setup, (done, total) => progress("match", done, total));
  return { records: ids.length, pairs };
}

/** Prepares records whose vectors are missing or from another model, or that have no matching keys. */
async function embedMissing(services: SubgraphServices, progress: Progress): Promise<number> {
  const model = await embeddingModel(services);
  const writePacer = batchPacer(services.db, { batch: PREPARE_BATCH, targetMs: WRITE_TARGET_MS });
  let done = 0;
  for (;;) {
    const rows = await recordsToPrepare(services.db, model, PREPARE_BATCH);
    if (rows.length === 0) return done;
    const prepared = await prepareRecords(services, rows.map(fieldsOf));
    const updates = prepared.map((p, i) => ({ ...p, id: rows[i]!.id, identity: p.vectors!.identity, context: p.vectors!.context }));
    await forEachPacedBatch(updates, writePacer, (chunk) => setPrepared(services.db.prisma, chunk, prepared[0]!.vectors!.model));
    done += rows.length;
    progress("embed", done, done + (rows.length === PREPARE_BATCH ? PREPARE_BATCH : 0));
  }
}

/**
 * A full run: embeds what lacks vectors, scores the candidates of every record in memory (see
 * `scoreInMemory`; a cut-off attempt starts again), estimates the model ("em" scoring), drops
 * machine pairs no longer generated, then assigns one-to-one over all pairs at once.
 */
async function runFullMatching(services: SubgraphServices, job: ClaimedJobRow, jobCtx: JobContext) {
  const started = Date.now();
  // Wall time per step of the run, and (under "scoring") busy time per scoring step summed over batches.
  const phases: PhaseTimings = {};
  const scoring: PhaseTimings = {};
  const runStart = await databaseNow(services.db);
  await timed(phases, "embed", () => embedMissing(services, jobCtx.progress));
  const model = await embeddingModel(services);
  const setup = { ...(await timed(phases, "setup", () => matchingSetup(services.db, model))), timings: scoring };
  await timed(phases, "analyze", () => analyzeIfStale(services.db));
  const ids = await allRecordIds(services.db);
  jobCtx.progress("score", 0, ids.length);
  const collect: CollectedPair[] | undefined = setup.config.options.scoring === "em" ? [] : undefined;
  const pairs = await timed(phases, "score", () =>
    scoreInMemory(services.db, ids, setup, (done, total) => jobCtx.progress("score", Math.round((done / total) * ids.length), ids.length), { signal: jobCtx.signal, collect }),
  );
  let config = setup.config;
  let estimation: Record<string, unknown> | null = null;
  if (collect) {
    jobCtx.progress("estimate", 0, 1);
    ({ config, metrics: estimation } = await timed(phases, "estimate", () => estimateAndScore(services.db, setup, collect)));
    jobCtx.progress("estimate", 1, 1);
  }
  jobCtx.progress("assign", 0, 1);
  // Machine pairs this run did not produce again are dropped.
  await timed(phases, "assign", () => assignAll(services, config, { at: runStart, ids: null, markIds: ids }));
  jobCtx.progress("assign", 1, 1);
  const statistics = await timed(phases, "statistics", () => matchingStatistics(services.db));
  const schedule = typeof job.payload?.schedule === "string" ? job.payload.schedule : null;
  return {
    result: {
      mode: "full",
      schedule,
      records: ids.length,
      candidatePairs: pairs,
      durationMs: Date.now() - started,
      phasesMs: { ...roundTimings(phases), scoring: roundTimings(scoring) },
      configVersion: config.version,
      estimation,
      statistics,
    },
  };
}

export function jobHandler(services: SubgraphServices) {
  return async (job: ClaimedJobRow, jobCtx: JobContext) => {
    switch (job.kind) {
      case "import":
        return runImport(services, job, jobCtx);
      case "match-full":
        return runFullMatching(services, job, jobCtx);
      case "match-incremental": {
        const matched = await matchPending(services, jobCtx.progress);
        const schedule = typeof job.payload?.schedule === "string" ? job.payload.schedule : null;
        return { result: { mode: "incremental", schedule, ...matched, statistics: await matchingStatistics(services.db) } };
      }
      case "reembed": {
        const embedded = await embedMissing(services, jobCtx.progress);
        const matched = await matchPending(services, jobCtx.progress);
        return { result: { embedded, ...matched } };
      }
      default:
        throw new PermanentJobError(`unknown job kind "${job.kind}"`);
    }
  };
}

/**
 * Records written without the import path (the seed, rows from before matching existed) have no
 * matching keys: a full run is queued for them, unless one is already queued or running.
 */
async function queueRunForUnprepared(services: SubgraphServices): Promise<boolean> {
  // Rows a minute old at least: a seed still writing (and embedding) elsewhere is left to finish first.
  const settled = new Date(Date.now() - UNPREPARED_SETTLE_MS);
  const unprepared = await services.db.prisma.opportunity.count({ where: { rowHash: null, createdAt: { lt: settled } } });
  if (unprepared === 0) return false;
  const pending = await services.db.prisma.opportunityJob.count({ where: { kind: "match-full", status: { in: ["queued", "running"] } } });
  if (pending > 0) return false;
  await jobQueue.enqueue(services.db, { kind: "match-full", payload: {} });
  services.log.info({ unprepared }, "records without matching keys: a full matching run is queued");
  return true;
}

/** How often due schedule slots are looked for (a slot runs within this of its time). */
export const SCHEDULE_CHECK_MS = 15_000;

/** One look at the schedules: queues the due slots' runs (see service/schedules.ts). */
export async function scheduleTick(services: SubgraphServices, now = new Date()): Promise<ScheduleTickResult[]> {
  const config = await currentConfig(services.db);
  if ((config.options.schedules ?? []).length === 0) return [];
  return runDueSchedules(
    services.db,
    config,
    now,
    (mode, payload) => jobQueue.enqueue(services.db, { kind: mode === "full" ? "match-full" : "match-incremental", payload }),
    async () => (await jobQueue.pending(services.db, "match-full")).length + (await jobQueue.pending(services.db, "match-incremental")).length,
    services.log,
  );
}

/** How often the worker looks for records written around the import path (e.g. by the seed). */
const UNPREPARED_CHECK_MS = 15_000;
const UNPREPARED_SETTLE_MS = 60_000;

/** The subgraph's background worker: started and stopped with its server. */
export async function startJobWorker(services: SubgraphServices): Promise<() => Promise<void>> {
  if (services.db.kind === "pglite") await jobQueue.recoverInterrupted(services.db);
  const worker = jobQueue.createWorker({ db: services.db, log: services.log, pubSub: services.pubSub, handler: jobHandler(services), leaseMs: 5 * 60_000 });
  const checkUnprepared = () =>
    queueRunForUnprepared(services)
      .then((queued) => queued && worker.wake())
      .catch((err: unknown) => services.log.warn({ err }, "checking for records without matching keys failed"));
  await checkUnprepared();
  const unpreparedTimer = setInterval(() => void checkUnprepared(), UNPREPARED_CHECK_MS);
  unpreparedTimer.unref();
  const tickSchedules = () =>
    scheduleTick(services)
      .then((runs) => runs.some((r) => r.jobId) && worker.wake())
      .catch((err: unknown) => services.log.warn({ err }, "checking matching schedules failed"));
  await tickSchedules();
  const scheduleTimer = setInterval(() => void tickSchedules(), SCHEDULE_CHECK_MS);
  scheduleTimer.unref();
  const queued = services.pubSub.subscribe(JOB_QUEUED);
  void (async () => {
    for await (const _event of queued) worker.wake();
  })().catch((err: unknown) => services.log.error({ err }, "job wake-up subscription failed; the worker still polls"));
  worker.start();
  return async () => {
    clearInterval(unpreparedTimer);
    clearInterval(scheduleTimer);
    await queued.return();
    await worker.stop();
  };
}

/**
 * A new alias changes the pairs of every record named in its (transitive) group: those records
 * are marked for matching again and an incremental run is queued, which finds their partners
 * through the alias blocking key and scores them with the alias level. Returns how many records.
 */
export async function rematchAliasGroup(ctx: SubgraphContext, name: string): Promise<number> {
  const groups = await loadAliases(ctx.db);
  const names = [name, ...(groups.get(name) ?? [])];
  const touched = await ctx.db.prisma.$executeRaw`
    UPDATE opportunities.opportunity SET matched_at = NULL WHERE name_norm = ANY(${names}::text[]) AND matched_at IS NOT NULL`;
  if (touched > 0) await enqueueMatching(ctx, "match-incremental");
  return touched;
}
