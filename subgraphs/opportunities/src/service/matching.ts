import type { Database } from "@matchgraph/db";
import { batchPacer, type PubSub } from "@matchgraph/subgraph-kit";
import { DEFAULT_MATCHING_CONFIG, type MatchingConfig } from "../matching/config.js";
import { assignOneToOne } from "../matching/assign.js";
import { acronymOf, titleKey } from "../matching/normalize.js";
import { comparisonLevels, estimateTwoStage, explainLevels, pairProbability, priorModel, type Levels } from "../matching/fellegi-sunter.js";
import { expectedPrecisionThreshold } from "../matching/calibrate.js";
import { codeAgreement, IdfTable } from "../matching/idf.js";
import { confidenceOf, dealValue, isHumanStatus, machineStatus, reviewPriority, scorePair, type PairFeatures } from "../matching/score.js";
import { dateCloseness, jaroWinkler, logRatioCloseness, tokenSetSimilarity } from "../matching/similarity.js";
import type { MatchStatus, SignalContribution } from "../matching/types.js";
import {
  applyStatusChanges,
  candidatePairs,
  latestConfig,
  loadAliases,
  databaseNow,
  dropStalePairs,
  aliasGroupArrays,
  humanStatuses,
  markMatched,
  pairRows,
  pairsTouching,
  upsertScores,
  type PairRow,
  type ScoredRow,
  type StatusChange,
  type StoredPair,
  matchingRecords,
  vectorNeighbours,
  type MatchingRecord,
} from "../db/matching.js";
import { cosine, MatchingIndex } from "../matching/blocking.js";
import { trigramSimilarity } from "../matching/similarity.js";

/**
 * The matching engine: candidates → comparisons → score and explanation → one-to-one
 * assignment → statuses. `matchRecords` matches a batch of records against the other source
 * (what an import or an edit triggers; no full run needed); `runFullMatching` (service/jobs.ts)
 * calls the same steps over every record, then assigns globally.
 */

export const MATCH_REVIEW_QUEUED = "opportunities.matchReviewQueued";
export const MATCH_DECIDED = "opportunities.matchDecided";
export interface MatchEvent {
  id: string;
  status: MatchStatus;
}

export interface MatchingServices {
  db: Database;
  pubSub: PubSub;
}

/** The configuration in force; the first call stores the defaults as version 1. */
export async function currentConfig(db: Pick<Database, "prisma">): Promise<MatchingConfig> {
  const found = await latestConfig(db);
  if (found) return found;
  const { weights, thresholds, options } = DEFAULT_MATCHING_CONFIG;
  await db.prisma.matchingConfig.create({ data: { weights, thresholds, options, origin: "default" } });
  return (await latestConfig(db))!;
}

/** Everything a batch needs that does not change during a run. */
export interface MatchingSetup {
  config: MatchingConfig;
  aliases: Map<string, Set<string>>;
  /** The alias groups as SQL arrays (made once per run). */
  aliasArrays?: { names: string[]; groups: number[] };
  model: string;
  /** Token document frequencies of the normalised names and of the deal titles ("em" scoring). */
  idf?: { names: IdfTable; titles: IdfTable };
  /** Milliseconds spent per scoring step, summed over batches (a run report's `phasesMs`). */
  timings?: PhaseTimings;
}

/** Milliseconds per named step, summed (parallel lanes add up: busy time, not wall time). */
export type PhaseTimings = Record<string, number>;

export const roundTimings = (t: PhaseTimings): PhaseTimings => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));

/** Runs `fn` and adds its duration to `timings[phase]`. */
export async function timed<T>(timings: PhaseTimings | undefined, phase: string, fn: () => Promise<T> | T): Promise<T> {
  const began = performance.now();
  try {
    return await fn();
  } finally {
    if (timings) timings[phase] = (timings[phase] ?? 0) + performance.now() - began;
  }
}

/**
 * `fresh`: rebuild the IDF tables (a full run or an import does); a single record's matching reuses
 * tables built in the last {@link IDF_TTL_MS} (document frequencies barely move with one record).
 */
export async function matchingSetup(db: Pick<Database, "prisma">, model: string, fresh = true): Promise<MatchingSetup> {
  const [config, aliases] = await Promise.all([currentConfig(db), loadAliases(db)]);
  const idf = config.options.scoring === "em" ? await cachedIdfTables(db, fresh) : undefined;
  return { config, aliases, aliasArrays: aliasGroupArrays(aliases), model, idf };
}

const IDF_TTL_MS = 60_000;
const idfCache = new WeakMap<object, { at: number; tables: Promise<{ names: IdfTable; titles: IdfTable }> }>();

function cachedIdfTables(db: Pick<Database, "prisma">, fresh: boolean): Promise<{ names: IdfTable; titles: IdfTable }> {
  const hit = idfCache.get(db.prisma);
  if (!fresh && hit && Date.now() - hit.at < IDF_TTL_MS) return hit.tables;
  const tables = idfTables(db);
  tables.catch(() => idfCache.delete(db.prisma));
  idfCache.set(db.prisma, { at: Date.now(), tables });
  return tables;
}

/** IDF tables over every record's normalised name and title words (one read of two columns). */
export async function idfTables(db: Pick<Database, "prisma">): Promise<{ names: IdfTable; titles: IdfTable }> {
  const rows = await db.prisma.$queryRaw<Array<{ name: string; title: string }>>`SELECT name_norm AS name, title FROM opportunities.opportunity`;
  const names = new IdfTable();
  const titles = new IdfTable();
  for (const r of rows) {
    names.add(r.name);
    titles.add(titleKey(r.title, r.name));
  }
  return { names, titles };
}

/** Title keys (see `titleKey`) computed once per record by in-memory matching. */
export interface TitleKeys {
  apnTitleKey?: string;
  odooTitleKey?: string;
}

/** The comparison levels of a pair for the Fellegi–Sunter model. */
export function pairLevels(row: PairRow & TitleKeys, features: PairFeatures, setup: Pick<MatchingSetup, "idf">): Levels {
  const idf = setup.idf ?? { names: new IdfTable(), titles: new IdfTable() };
  const ta = row.apnTitleKey ?? titleKey(row.apnTitle, row.apnName);
  const tb = row.odooTitleKey ?? titleKey(row.odooTitle, row.odooName);
  const a = row.apnCloseDate?.getTime();
  const b = row.odooCloseDate?.getTime();
  return comparisonLevels({
    ...features,
    nameExact: row.apnName !== "" && row.apnName === row.odooName,
    nameIdf: idf.names.similarity(row.apnName, row.odooName),
    titleIdf: idf.titles.similarity(ta, tb),
    titleCodes: codeAgreement(ta, tb),
    closeDays: a === undefined || b === undefined ? null : Math.abs(a - b) / 86_400_000,
  });
}

/** A scored pair's score and explanation under the config's scoring. */
export function scoreRow(row: PairRow & TitleKeys, setup: MatchingSetup): { score: number; signals: SignalContribution[]; levels: Levels | null } {
  const features = pairFeatures(row, setup);
  if (setup.config.options.scoring !== "em") return { ...scorePair(features, setup.config.weights), levels: null };
  const levels = pairLevels(row, features, setup);
  return { ...explainLevels(setup.config.fsModel ?? priorModel(), levels), levels };
}

/** A candidate pair's levels, kept by a full run for estimation instead of being stored at once. */
export interface CollectedPair {
  apnId: string;
  odooId: string;
  levels: Levels;
  amount: number | null;
}

export function pairFeatures(row: PairRow & TitleKeys, setup: Pick<MatchingSetup, "aliases" | "config">): PairFeatures {
  const a = row.apnName;
  const b = row.odooName;
  const aliased = a !== b && (setup.aliases.get(a)?.has(b) ?? false);
  // A known alias compares as the same name: the name signals then agree instead of voting against.
  const nameB = aliased ? a : b;
  const acronym = a.length > 0 && b.length > 0 && (acronymOf(a) === b || acronymOf(b) === a);
  const factor = setup.config.options.apnAmountFactor;
  return {
    identityCosine: row.identityCosine,
    contextCosine: row.contextCosine,
    titleTokens: titleSimilarity(row.apnTitleKey ?? titleKey(row.apnTitle, a), row.odooTitleKey ?? titleKey(row.odooTitle, b)),
    nameJaroWinkler: jaroWinkler(a, nameB),
    nameTrigram: aliased ? 1 : row.nameTrigram,
    nameTokens: tokenSetSimilarity(a, nameB),
    domain: row.apnDomain && row.odooDomain ? (row.apnDomain === row.odooDomain ? 1 : -1) : null,
    alias: aliased ? 1 : null,
    acronym: acronym ? 1 : null,
    country: row.apnCountry && row.odooCountry ? (row.apnCountry === row.odooCountry ? 1 : -1) : null,
    closeDate: dateCloseness(isoDate(row.apnCloseDate), isoDate(row.odooCloseDate)),
    amount: logRatioCloseness(row.apnAmount === null ? null : row.apnAmount * factor, row.odooAmount),
    companyDeals: Math.max(row.apnCompanyDeals, row.odooCompanyDeals),
  };
}

const titleSimilarity = (a: string, b: string) => (a && b ? tokenSetSimilarity(a, b) : null);
const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Scores candidate pairs of `ids` and stores scores and explanations (no status change yet).
 * Pairs scoring under {@link MIN_STORED_SCORE} are not stored: blocking finds dozens per record
 * and nearly all are noise. `seen` (a run's pairs so far) skips pairs scored from their other side.
 */
export async function scoreRecords(
  db: Database,
  ids: readonly string[],
  setup: MatchingSetup,
  seen?: Set<string>,
  rescoreKnown = true,
  collect?: CollectedPair[],
): Promise<Array<{ apnId: string; odooId: string }>> {
  const { config, timings } = setup;
  const found = await timed(timings, "blocking", () => candidatePairs(db, ids, {
    model: setup.model,
    perRecord: config.options.candidatesPerRecord,
    dateWindowDays: config.options.dateWindowDays,
    sameRegionOnly: config.options.sameRegionOnly,
    excludeStages: config.options.excludeStages,
    aliasGroups: setup.aliasArrays ?? aliasGroupArrays(setup.aliases),
  }));
  // Pairs stored earlier (some found from their other record) are scored again too, so that
  // matching a changed record keeps both directions (a full run finds them from both sides anyway).
  const known = rescoreKnown ? (await timed(timings, "knownPairs", () => pairsTouching(db.prisma, ids))).map((p) => ({ apnId: p.apnId, odooId: p.odooId })) : [];
  const all = [...new Map([...found, ...known].map((p) => [`${p.apnId}:${p.odooId}`, p])).values()];
  const candidates = seen ? all.filter((p) => !seen.has(`${p.apnId}:${p.odooId}`)) : all;
  for (const p of candidates) seen?.add(`${p.apnId}:${p.odooId}`);
  const rows = await timed(timings, "pairRows", () => pairRows(db, candidates, setup.model));
  const compareStarted = performance.now();
  const scored: ScoredRow[] = [];
  for (const row of rows) {
    const { score, signals, levels } = scoreRow(row, setup);
    const amount = dealValue(row.apnAmount, row.odooAmount, config.options.apnAmountFactor);
    if (collect && levels) {
      collect.push({ apnId: row.apnId, odooId: row.odooId, levels, amount });
      continue;
    }
    if (score < MIN_STORED_SCORE) continue;
    scored.push({ apnId: row.apnId, odooId: row.odooId, score, confidence: confidenceOf(score, config.thresholds), signals, amount });
  }
  if (timings) timings.compare = (timings.compare ?? 0) + performance.now() - compareStarted;
  await timed(timings, "store", () => upsertScores(db.prisma, scored, config.version, scored.map((s) => reviewPriority(s.score, s.amount))));
  return candidates;
}

/** Below this score a pair is not kept (no threshold would ever make it a match). */
export const MIN_STORED_SCORE = 0.01;

/**
 * New statuses from assignment: human decisions stay; every other pair becomes what its score
 * and assignment say. Returns the changes and the pairs that newly entered the review queue.
 */
export function statusChanges(pairs: readonly StoredPair[], config: MatchingConfig, blocked: ReadonlySet<string> = new Set()): { changes: StatusChange[]; queued: string[] } {
  const assigned = assignOneToOne(pairs, config.options.oneToOne, blocked);
  const changes: StatusChange[] = [];
  const queued: string[] = [];
  for (const p of pairs) {
    const isAssigned = assigned.has(p.id);
    const status = isHumanStatus(p.status) ? p.status : machineStatus(p.score, isAssigned, config.thresholds);
    if (status === p.status && isAssigned === p.assigned) continue;
    changes.push({ id: p.id, status, assigned: isAssigned });
    if (status === "proposed" && p.status !== "proposed") queued.push(p.id);
  }
  return { changes, queued };
}

/**
 * Re-assigns around `recordIds`: loads every pair of these records and of their counterparts,
 * treats records outside that neighbourhood that are already assigned elsewhere as taken, and
 * writes the changed statuses (with audit rows for auto-confirmations and their reversal).
 */
export async function reassign(svc: MatchingServices, recordIds: readonly string[], config: MatchingConfig, scored?: Scored): Promise<{ changed: number; queued: string[] }> {
  if (recordIds.length > LOCAL_ASSIGNMENT_LIMIT) return assignAll(svc, config, scored && { ...scored, ids: recordIds });
  const result = await svc.db.prisma.$transaction(async (tx) => {
    if (scored) await dropStalePairs(tx, recordIds, scored.at);
    const near = await pairsTouching(tx, recordIds);
    const neighbourhood = [...new Set([...recordIds, ...near.flatMap((p) => [p.apnId, p.odooId])])];
    const pairs = await pairsTouching(tx, neighbourhood);
    const loaded = new Set(pairs.map((p) => p.id));
    const inside = new Set(neighbourhood);
    const outside = [...new Set(pairs.flatMap((p) => [p.apnId, p.odooId]).filter((id) => !inside.has(id)))];
    const blocked = new Set<string>();
    if (outside.length > 0) {
      for (const p of await pairsTouching(tx, outside)) {
        if (!loaded.has(p.id) && p.assigned) {
          if (!inside.has(p.apnId)) blocked.add(p.apnId);
          if (!inside.has(p.odooId)) blocked.add(p.odooId);
        }
      }
    }
    const { changes, queued } = statusChanges(pairs, config, blocked);
    await applyStatusChanges(tx, changes);
    if (scored) await markMatched(tx, recordIds, scored.at);
    return { changed: changes.length, queued };
  }, LONG_TRANSACTION);
  publishQueued(svc.pubSub, result.queued);
  return result;
}

/** Above this many records a neighbourhood is most of the graph: assign globally instead. */
const LOCAL_ASSIGNMENT_LIMIT = 500;
/**
 * Assignment over every pair reads and writes tens of thousands of rows in one transaction; at
 * 66k records and a million candidate pairs (DBLP–Scholar) on a busy machine it passed 2 minutes.
 */
export const LONG_TRANSACTION = { timeout: 600_000, maxWait: 30_000 };

/**
 * What a scoring pass leaves for assignment: when it began (`at`), so that pairs it did not
 * produce again are dropped and its records count as matched as of then.
 */
export interface Scored {
  at: Date;
}

/**
 * One-to-one assignment over every stored pair (a full run, a big import, a new config). With
 * `scored`, stale machine pairs of `scored.ids` (null: of all records) go first, and those records
 * are marked matched.
 */
export async function assignAll(svc: MatchingServices, config: MatchingConfig, scored?: Scored & { ids: readonly string[] | null; markIds?: readonly string[] }): Promise<{ changed: number; queued: string[] }> {
  const result = await svc.db.prisma.$transaction(async (tx) => {
    if (scored) await dropStalePairs(tx, scored.ids, scored.at);
    const { changes, queued } = statusChanges(await pairsTouching(tx, null), config);
    await applyStatusChanges(tx, changes);
    if (scored) await markMatched(tx, scored.markIds ?? scored.ids ?? [], scored.at);
    return { changed: changes.length, queued };
  }, LONG_TRANSACTION);
  publishQueued(svc.pubSub, result.queued);
  return result;
}

/**
 * Incremental matching: scores the candidates of `ids` (in batches), then re-assigns around
 * them — locally for a few records, globally for many. `progress` sees the scoring.
 */
export async function matchRecords(
  svc: MatchingServices,
  ids: readonly string[],
  setup: MatchingSetup,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ pairs: number; changed: number }> {
  if (ids.length === 0) return { pairs: 0, changed: 0 };
  const at = await databaseNow(svc.db);
  const pairs = ids.length >= IN_MEMORY_MIN_RECORDS ? await scoreInMemory(svc.db, ids, setup, progress, { rescoreKnown: true }) : await scoreInBatches(svc.db, ids, setup, progress);
  const { changed } = await reassign(svc, ids, setup.config, { at });
  return { pairs, changed };
}

/** Records scored per batched candidate query (PostgreSQL; PGlite's batches are paced, at most this). */
export const SCORE_BATCH = 256;
/** What one scoring batch (candidates, pair rows, scores: four statements) should take on PGlite. */
export const SCORE_BATCH_TARGET_MS = 200;

/**
 * Scores `ids` batch by batch; on PostgreSQL two batches run at once (two connections, two
 * backends) at {@link SCORE_BATCH} records each. PGlite runs one statement at a time for the whole
 * process, so there batches are paced to about {@link SCORE_BATCH_TARGET_MS} each: requests wait
 * for one short batch, never for the run. `progress` gets how many leading records are scored.
 */
export async function scoreInBatches(
  db: Database,
  ids: readonly string[],
  setup: MatchingSetup,
  progress: (done: number, total: number) => void = () => {},
  options: { signal?: AbortSignal; fullRun?: boolean; collect?: CollectedPair[] } = {},
): Promise<number> {
  const { signal, fullRun = false, collect } = options;
  // At least 4 records a batch: on PGlite a batch costs ~16 ms before its first record (~10 ms each).
  const pacer = batchPacer(db, { batch: SCORE_BATCH, targetMs: SCORE_BATCH_TARGET_MS, initial: 16, min: 4 });
  let next = 0;
  let pairs = 0;
  let failed = false;
  // Progress is a watermark: every record before it is scored, whichever lane finished first.
  const finished = new Map<number, number>();
  let watermark = 0;
  const seen = new Set<string>();
  const lane = async () => {
    while (next < ids.length && !failed) {
      signal?.throwIfAborted();
      const start = next;
      const end = Math.min(ids.length, start + pacer.size);
      next = end;
      const began = performance.now();
      try {
        const scored = await scoreRecords(db, ids.slice(start, end), setup, seen, !fullRun, collect);
        pairs += scored.length;
      } catch (err) {
        failed = true;
        throw err;
      }
      pacer.record(end - start, performance.now() - began);
      finished.set(start, end);
      while (finished.has(watermark)) {
        const to = finished.get(watermark)!;
        finished.delete(watermark);
        watermark = to;
      }
      progress(watermark, ids.length);
    }
  };
  await Promise.all(Array.from({ length: db.kind === "postgres" ? 2 : 1 }, lane));
  return pairs;
}

export function publishQueued(pubSub: PubSub, ids: readonly string[]): void {
  for (const id of ids) pubSub.publish(MATCH_REVIEW_QUEUED, { id, status: "proposed" } satisfies MatchEvent);
}

/** Pairs written per statement when a full run stores its scores. */
const STORE_BATCH = 2_000;

/**
 * The "em" end of a full run: estimates the Fellegi–Sunter model from every candidate pair the
 * run collected (review decisions as labels), sets the auto-confirm threshold where the
 * auto-confirmed pairs are expected to be `targetPrecision` precise, stores both as a new config
 * version (origin "em", with the model), and writes every pair's score under it.
 */
export async function estimateAndScore(db: Database, setup: MatchingSetup, collected: readonly CollectedPair[]): Promise<{ config: MatchingConfig; metrics: Record<string, unknown> }> {
  const current = setup.config;
  const human = await humanStatuses(db);
  const candidates = collected.map((p) => {
    const id = `${p.apnId}:${p.odooId}`;
    return { id, apnId: p.apnId, odooId: p.odooId, levels: p.levels, status: human.get(id) ?? ("candidate" as MatchStatus) };
  });
  const started = performance.now();
  const estimate = estimateTwoStage(candidates, { oneToOne: current.options.oneToOne });
  const scores = candidates.map((p) => pairProbability(estimate.model, p.levels));
  const winners = assignOneToOne(
    candidates.map((p, i) => ({ ...p, score: scores[i]! })),
    current.options.oneToOne,
  );
  const machineScores = candidates.flatMap((p, i) => (winners.has(p.id) && !isHumanStatus(p.status) ? [scores[i]!] : []));
  const autoConfirm = expectedPrecisionThreshold(machineScores, current.options.targetPrecision) ?? 1;
  const thresholds = { autoConfirm, review: Math.min(current.thresholds.review, autoConfirm) };
  const metrics = {
    pairs: estimate.pairs,
    labelled: estimate.labelled,
    expectedMatches: Math.round(estimate.firstStage.expectedMatches),
    iterations: [estimate.firstStage.iterations, estimate.secondStage?.iterations ?? 0],
    converged: estimate.firstStage.converged && (estimate.secondStage?.converged ?? true),
    estimateMs: Math.round(performance.now() - started),
    targetPrecision: current.options.targetPrecision,
    thresholds,
  };
  const row = await db.prisma.matchingConfig.create({
    data: { weights: current.weights, thresholds, options: current.options, origin: "em", metrics, fsModel: estimate.model as unknown as object },
  });
  const config: MatchingConfig = { ...current, thresholds, version: row.version, fsModel: estimate.model };
  const storeStarted = performance.now();
  const rows: ScoredRow[] = [];
  candidates.forEach((p, i) => {
    if (scores[i]! < MIN_STORED_SCORE && !human.has(p.id)) return;
    const { score, signals } = explainLevels(estimate.model, p.levels);
    rows.push({ apnId: p.apnId, odooId: p.odooId, score, confidence: confidenceOf(score, thresholds), signals, amount: collected[i]!.amount });
  });
  for (let i = 0; i < rows.length; i += STORE_BATCH) {
    const chunk = rows.slice(i, i + STORE_BATCH);
    await upsertScores(db.prisma, chunk, config.version, chunk.map((s) => reviewPriority(s.score, s.amount)));
  }
  return { config, metrics: { ...metrics, storeMs: Math.round(performance.now() - storeStarted) } };
}


/** Above this many records, matching reads every record once and blocks and compares in memory. */
export const IN_MEMORY_MIN_RECORDS = 256;
/** Records per vector-probe statement on PostgreSQL (two statements run at once); PGlite's are paced. */
const PROBE_BATCH = 256;

/**
 * Scores the candidates of `ids` the way {@link scoreInBatches} does, in one pass over records
 * held in memory: every record is read once (vectors in binary form), the vector keys are probed
 * in the database (context: HNSW; identity: an ordered scan, once per distinct name, the vector
 * being a function of the name) or found exactly here where that is cheaper (see
 * MatchingIndex.exactIdentity / exactContext), the lexical keys and every comparison (cosines,
 * trigrams, company deals, levels) are computed here. Round trips: the record pages, one per
 * probe batch, and the score writes. `rescoreKnown` adds the stored pairs of `ids` (incremental
 * matching); `collect` keeps the levels for estimation instead of storing (a full run).
 * Returns how many candidate pairs were scored.
 */
export async function scoreInMemory(
  db: Database,
  ids: readonly string[],
  setup: MatchingSetup,
  progress: (done: number, total: number) => void = () => {},
  options: { signal?: AbortSignal; rescoreKnown?: boolean; collect?: CollectedPair[] } = {},
): Promise<number> {
  const { signal, rescoreKnown = false, collect } = options;
  const { config, timings } = setup;
  const o = config.options;
  const records = await timed(timings, "load", () => matchingRecords(db, setup.model));
  const index = new MatchingIndex(records, { perRecord: o.candidatesPerRecord, dateWindowDays: o.dateWindowDays, sameRegionOnly: o.sameRegionOnly, excludeStages: o.excludeStages, aliases: setup.aliases });
  const queries = ids.flatMap((id) => {
    const r = index.byId.get(id);
    return r && !index.skipsQuery(r) && index.hasOtherSource(r) ? [r] : [];
  });
  const pairs = new Map<string, { apn: MatchingRecord; odoo: MatchingRecord }>();
  const add = (q: MatchingRecord, t: MatchingRecord) => {
    const [apn, odoo] = q.source === "apn" ? [q, t] : [t, q];
    pairs.set(`${apn.id}:${odoo.id}`, { apn, odoo });
  };

  // Vector keys. The identity vector is the embedded name: one probe per distinct name serves every record of it.
  const withVectors = queries.filter((q) => q.identity && q.context);
  const byName = new Map<string, MatchingRecord[]>();
  for (const q of withVectors) {
    const key = index.nameKeyedFilters ? `${q.source}\u0000${q.nameNorm}` : q.id;
    const list = byName.get(key);
    if (list) list.push(q);
    else byName.set(key, [q]);
  }
  const groups = [...byName.values()];
  // Exact identity neighbours here where that is cheaper (see exactIdentity); else the database's, once per name.
  const exactIdentity = index.exactIdentity(groups.length);
  const representatives = exactIdentity ? [] : groups.map((list) => list[0]!);
  const sharing = new Map(groups.map((list) => [list[0]!.id, list]));
  const exactContext = index.exactContext(withVectors.length);
  const probes: Array<{ id: string; kind: "identity" | "context" }> = [
    ...representatives.map((r) => ({ id: r.id, kind: "identity" as const })),
    ...(exactContext ? [] : withVectors.map((r) => ({ id: r.id, kind: "context" as const }))),
  ];
  const candidateOptions = { model: setup.model, perRecord: o.candidatesPerRecord, dateWindowDays: o.dateWindowDays, sameRegionOnly: o.sameRegionOnly, excludeStages: o.excludeStages };
  const pacer = batchPacer(db, { batch: PROBE_BATCH, targetMs: SCORE_BATCH_TARGET_MS, initial: 16, min: 4 });
  let next = 0;
  let done = 0;
  let failed = false;
  const lane = async () => {
    while (next < probes.length && !failed) {
      signal?.throwIfAborted();
      const batch = probes.slice(next, next + pacer.size);
      next += batch.length;
      const began = performance.now();
      try {
        const found = await timed(timings, "vectors", () =>
          vectorNeighbours(db, batch.filter((p) => p.kind === "identity").map((p) => p.id), batch.filter((p) => p.kind === "context").map((p) => p.id), candidateOptions),
        );
        for (const f of found) {
          const t = index.byId.get(f.t);
          if (!t) continue;
          if (f.kind === "context") add(index.byId.get(f.q)!, t);
          else for (const q of sharing.get(f.q) ?? []) if (index.passes(q, t)) add(q, t);
        }
      } catch (err) {
        failed = true;
        throw err;
      }
      pacer.record(batch.length, performance.now() - began);
      done += batch.length;
      progress(done, probes.length);
    }
  };
  // Exact neighbours are computed here while the database probes the rest.
  // Progress: the database probes, or (when there are none) the exact passes, which can take minutes at 64k records.
  const exactProgress = probes.length > 0 ? undefined : (pass: number) => (doneRows: number, rows: number) => progress(Math.round(((pass + doneRows / rows) / 2) * 1000), 1000);
  const exact = async (phase: "identity" | "context", prepare: () => Promise<void>, neighbours: (q: MatchingRecord) => MatchingRecord[]) => {
    await timed(timings, phase, async () => {
      await prepare();
      for (let i = 0; i < withVectors.length; i += 256) {
        for (const q of withVectors.slice(i, i + 256)) for (const t of neighbours(q)) add(q, t);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  };
  const inMemory = async () => {
    if (exactIdentity) await exact("identity", () => index.prepareIdentity(exactProgress?.(0)), (q) => index.identityNeighbours(q));
    if (exactContext) await exact("context", () => index.prepareContext(exactProgress?.(exactIdentity ? 1 : 0)), (q) => index.contextNeighbours(q));
  };
  await Promise.all([...Array.from({ length: db.kind === "postgres" ? 2 : 1 }, lane), inMemory()]);

  await timed(timings, "lexical", () => {
    for (const q of queries) for (const t of index.lexicalCandidates(q)) add(q, t);
  });
  if (rescoreKnown) {
    for (const p of await timed(timings, "knownPairs", () => pairsTouching(db.prisma, ids))) {
      const apn = index.byId.get(p.apnId);
      const odoo = index.byId.get(p.odooId);
      if (apn && odoo) pairs.set(`${apn.id}:${odoo.id}`, { apn, odoo });
    }
  }

  const compareStarted = performance.now();
  const rowOf = pairRowBuilder(index);
  const scored: ScoredRow[] = [];
  for (const { apn, odoo } of pairs.values()) {
    const row = rowOf(apn, odoo);
    const { score, signals, levels } = scoreRow(row, setup);
    const amount = dealValue(row.apnAmount, row.odooAmount, o.apnAmountFactor);
    if (collect && levels) {
      collect.push({ apnId: row.apnId, odooId: row.odooId, levels, amount });
      continue;
    }
    if (score < MIN_STORED_SCORE) continue;
    scored.push({ apnId: row.apnId, odooId: row.odooId, score, confidence: confidenceOf(score, config.thresholds), signals, amount });
  }
  if (timings) timings.compare = (timings.compare ?? 0) + performance.now() - compareStarted;
  await timed(timings, "store", async () => {
    for (let i = 0; i < scored.length; i += STORE_BATCH) {
      const chunk = scored.slice(i, i + STORE_BATCH);
      await upsertScores(db.prisma, chunk, config.version, chunk.map((s) => reviewPriority(s.score, s.amount)));
    }
  });
  return pairs.size;
}

/**
 * Builds the comparison row of two in-memory records, caching what is per record (title keys)
 * or per name pair (trigrams) across the pairs of one run.
 */
export function pairRowBuilder(index: MatchingIndex): (apn: MatchingRecord, odoo: MatchingRecord) => PairRow & TitleKeys {
  const titleKeys = new Map<string, string>();
  const titleKeyOf = (r: MatchingRecord) => {
    let key = titleKeys.get(r.id);
    if (key === undefined) titleKeys.set(r.id, (key = titleKey(r.title, r.nameNorm)));
    return key;
  };
  const trigrams = new Map<string, number>();
  const trigramOf = (a: string, b: string) => {
    const key = `${a}\u0000${b}`;
    let value = trigrams.get(key);
    if (value === undefined) trigrams.set(key, (value = trigramSimilarity(a, b)));
    return value;
  };
  return (apn, odoo) => ({
    apnId: apn.id,
    odooId: odoo.id,
    identityCosine: cosine(apn.identity, odoo.identity),
    contextCosine: cosine(apn.context, odoo.context),
    nameTrigram: trigramOf(apn.nameNorm, odoo.nameNorm),
    apnName: apn.nameNorm,
    odooName: odoo.nameNorm,
    apnTitle: apn.title,
    odooTitle: odoo.title,
    apnTitleKey: titleKeyOf(apn),
    odooTitleKey: titleKeyOf(odoo),
    apnDomain: apn.domain,
    odooDomain: odoo.domain,
    apnCountry: apn.countryCode,
    odooCountry: odoo.countryCode,
    apnCloseDate: apn.closeDate,
    odooCloseDate: odoo.closeDate,
    apnAmount: apn.amount,
    odooAmount: odoo.amount,
    apnCompanyDeals: index.companyDeals(apn),
    odooCompanyDeals: index.companyDeals(odoo),
  });
}
