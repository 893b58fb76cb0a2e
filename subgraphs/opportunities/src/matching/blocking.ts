import type { MatchingRecord } from "../db/matching.js";
import { trigramProfile } from "./similarity.js";

/**
 * Blocking over records held in memory (a full run, a big batch): the lexical keys — similar
 * names by trigrams, the same domain, names in one alias group — with the same prefilters and
 * limits as the SQL blocking statement (db/matching.ts, `candidatePairs`), and the company deal
 * counts that scoring compares. The vector keys stay in the database, except where exact
 * neighbours are cheaper here (see {@link MatchingIndex.exactIdentity} and {@link MatchingIndex.exactContext}).
 *
 * Everything keyed by name is computed once per distinct name: at seed scale 7,928 records carry
 * 4,649 names.
 */

export interface BlockingOptions {
  perRecord: number;
  dateWindowDays: number | null;
  sameRegionOnly: boolean;
  excludeStages: readonly string[];
  /** Alias groups: each name → the other names of its group. */
  aliases: ReadonlyMap<string, ReadonlySet<string>>;
}

/** pg_trgm's default `similarity_threshold`: the `%` operator the SQL blocking uses. */
export const TRIGRAM_THRESHOLD = 0.3;

const DAY_MS = 86_400_000;

interface SourceSide {
  /** Records by normalised name, by domain (in id order). */
  byName: Map<string, MatchingRecord[]>;
  byDomain: Map<string, MatchingRecord[]>;
  /** Distinct non-empty names, their trigram profiles, and gram → indexes of the names that have it. */
  names: string[];
  profiles: Float64Array[];
  postings: Map<number, number[]>;
  /** Scratch counters, one per name (kept at zero between queries). */
  shared?: Int32Array;
  /** Names with an identity vector and those vectors, unit length, one after another. */
  vectorNames: string[];
  vectorRow: Map<string, number>;
  vectors: Float32Array;
  /** Per name with a vector, the indexes of the nearest names of the other source, best first (-1: none); see prepareIdentity. */
  nearestNames?: Int32Array;
  /** Its records with a context vector whose stage is not excluded (see contextRecords). */
  withContext?: MatchingRecord[];
}

/**
 * Name pairs up to which identity neighbours are always found exactly here (5.2 M pairs at seed
 * scale, about 3 s) instead of by one ordered scan per distinct name in the database.
 */
export const EXACT_IDENTITY_MAX_PAIRS = 20_000_000;
/**
 * When one source holds less than this share of the records, context HNSW probes for its records
 * are slow: the index mixes both sources and a probe filtered to the small one scans past most of
 * the graph (iterative scan); DBLP–Scholar's 2.6k + 64k records took some 35 ms a probe. There
 * exact neighbours are found here up to {@link EXACT_LOPSIDED_MAX_PAIRS} pairs (about 1.6 M pairs
 * a second on one core; no table is kept), when that is cheaper than probing for the queries at
 * hand: at most {@link EXACT_PAIRS_PER_QUERY} pairs per query (a probe's 35 ms at 1.6 M pairs/s).
 */
export const LOPSIDED_SHARE = 0.2;
export const EXACT_LOPSIDED_MAX_PAIRS = 250_000_000;
export const EXACT_PAIRS_PER_QUERY = 56_000;

export class MatchingIndex {
  readonly byId = new Map<string, MatchingRecord>();
  private readonly sides = new Map<string, SourceSide>();
  private readonly similarNames = new Map<string, Array<{ name: string; similarity: number }>>();
  /** Nearest context neighbours of each record with a context vector, once computed (see prepareContext). */
  private contextNearest: Map<string, MatchingRecord[]> | null = null;
  private readonly excluded: ReadonlySet<string>;

  constructor(
    records: readonly MatchingRecord[],
    private readonly options: BlockingOptions,
  ) {
    this.excluded = new Set(options.excludeStages);
    for (const r of records) {
      this.byId.set(r.id, r);
      const side = this.side(r.source);
      push(side.byName, r.nameNorm, r);
      if (r.domain !== null) push(side.byDomain, r.domain, r);
    }
    for (const side of this.sides.values()) {
      for (const name of side.byName.keys()) {
        if (name === "") continue;
        const profile = trigramProfile(name);
        const at = side.names.length;
        side.names.push(name);
        side.profiles.push(profile);
        for (const gram of profile) push(side.postings, gram, at);
      }
      const withVector = [...side.byName].flatMap(([name, list]) => {
        const r = list.find((x) => x.identity !== null);
        return r ? [{ name, v: r.identity! }] : [];
      });
      side.vectorNames = withVector.map((x) => x.name);
      side.vectorRow = new Map(side.vectorNames.map((name, i) => [name, i]));
      side.vectors = unitRows(withVector.map((x) => x.v));
    }
  }

  /** Whether one source holds less than {@link LOPSIDED_SHARE} of the records with vectors. */
  private get lopsided(): boolean {
    const [apn, odoo] = (["apn", "odoo"] as const).map((s) => this.contextRecords(s).length);
    return apn + odoo > 0 && Math.min(apn!, odoo!) / (apn! + odoo!) < LOPSIDED_SHARE;
  }

  /**
   * Whether identity neighbours are found here exactly for `queries` names: the prefilters do not
   * depend on the record (so one name's neighbours serve all its records) and there are few name
   * pairs, or the sources are lopsided (see {@link LOPSIDED_SHARE}).
   */
  exactIdentity(queries: number): boolean {
    const pairs = (this.sides.get("apn")?.vectorNames.length ?? 0) * (this.sides.get("odoo")?.vectorNames.length ?? 0);
    return this.nameKeyedFilters && (pairs <= EXACT_IDENTITY_MAX_PAIRS || this.lopsidedExact(pairs, queries));
  }

  /** Whether context neighbours are found here exactly for `queries` records (lopsided sources, see {@link LOPSIDED_SHARE}); else HNSW probes. */
  exactContext(queries: number): boolean {
    const pairs = this.contextRecords("apn").length * this.contextRecords("odoo").length;
    return this.nameKeyedFilters && this.lopsidedExact(pairs, queries);
  }

  private lopsidedExact(pairs: number, queries: number): boolean {
    return this.lopsided && pairs <= EXACT_LOPSIDED_MAX_PAIRS && pairs <= queries * EXACT_PAIRS_PER_QUERY;
  }

  /**
   * The `perRecord` records of the other source whose identity vectors (their names) are nearest
   * to q's, exactly (what the database's identity key finds); see {@link MatchingIndex.exactIdentity}.
   */
  identityNeighbours(q: MatchingRecord): MatchingRecord[] {
    const other = this.other(q.source);
    if (!other || !q.identity || this.skipsQuery(q)) return [];
    const own = this.side(q.source);
    if (!own.nearestNames) throw new Error("identity neighbours not computed: await prepareIdentity() first");
    const row = own.vectorRow.get(q.nameNorm);
    if (row === undefined) return [];
    const n = this.options.perRecord;
    const k = 4 * n;
    const out: MatchingRecord[] = [];
    for (let i = row * k; i < (row + 1) * k; i++) {
      const j = own.nearestNames[i]!;
      if (j < 0) break;
      for (const t of other.byName.get(other.vectorNames[j]!)!) {
        if (t.identity === null || !this.passes(q, t)) continue;
        out.push(t);
        if (out.length >= n) return out;
      }
    }
    return out;
  }

  /** Computes the nearest names both ways between the sources (see {@link exactIdentity}). */
  async prepareIdentity(progress?: (doneRows: number, rows: number) => void): Promise<void> {
    const apn = this.side("apn");
    const odoo = this.side("odoo");
    if (apn.nearestNames && odoo.nearestNames) return;
    const k = 4 * this.options.perRecord;
    const nearest = await nearestBothWays(apn.vectors, apn.vectorNames.length, odoo.vectors, odoo.vectorNames.length, k, progress);
    apn.nearestNames = nearest.ofA;
    odoo.nearestNames = nearest.ofB;
  }

  /** The `perRecord` records of the other source with the nearest context vectors, exactly; see {@link exactContext}. */
  contextNeighbours(q: MatchingRecord): MatchingRecord[] {
    if (!this.contextNearest) throw new Error("context neighbours not computed: await prepareContext() first");
    return this.contextNearest.get(q.id) ?? [];
  }

  /** Computes the nearest context vectors both ways between the sources (see {@link exactContext}). */
  async prepareContext(progress?: (doneRows: number, rows: number) => void): Promise<void> {
    if (this.contextNearest) return;
    const [apn, odoo] = [this.contextRecords("apn"), this.contextRecords("odoo")];
    const k = this.options.perRecord;
    const nearest = await nearestBothWays(unitRows(apn.map((r) => r.context!)), apn.length, unitRows(odoo.map((r) => r.context!)), odoo.length, k, progress);
    const found = new Map<string, MatchingRecord[]>();
    const keep = (records: MatchingRecord[], ids: Int32Array, others: MatchingRecord[]) =>
      records.forEach((r, i) => {
        const list: MatchingRecord[] = [];
        for (let x = i * k; x < (i + 1) * k && ids[x]! >= 0; x++) list.push(others[ids[x]!]!);
        found.set(r.id, list);
      });
    keep(apn, nearest.ofA, odoo);
    keep(odoo, nearest.ofB, apn);
    this.contextNearest = found;
  }

  /** Records of a source that context neighbours are found for and among: with a context vector, stage not excluded. */
  private contextRecords(source: "apn" | "odoo"): MatchingRecord[] {
    const side = this.sides.get(source);
    if (!side) return [];
    side.withContext ??= [...side.byName.values()].flat().filter((r) => r.context !== null && !this.skipsQuery(r));
    return side.withContext;
  }

  private side(source: string): SourceSide {
    let side = this.sides.get(source);
    if (!side) {
      side = { byName: new Map(), byDomain: new Map(), names: [], profiles: [], postings: new Map(), vectorNames: [], vectorRow: new Map(), vectors: new Float32Array(0) };
      this.sides.set(source, side);
    }
    return side;
  }

  private other(source: string): SourceSide | undefined {
    return this.sides.get(source === "apn" ? "odoo" : "apn");
  }

  /** Deals of a record's company in its own source: by normalised name or by domain, whichever is more. */
  companyDeals(r: MatchingRecord): number {
    const side = this.sides.get(r.source)!;
    const byName = side.byName.get(r.nameNorm)?.length ?? 1;
    const byDomain = r.domain === null ? 1 : (side.byDomain.get(r.domain)?.length ?? 1);
    return Math.max(byName, byDomain);
  }

  /** A record that blocking skips as a query (its stage is excluded). */
  skipsQuery(q: MatchingRecord): boolean {
    return q.stage !== null && this.excluded.has(q.stage);
  }

  /** The prefilters of a candidate `t` for the query record `q`. */
  passes(q: MatchingRecord, t: MatchingRecord): boolean {
    if (t.source === q.source) return false;
    if (t.stage !== null && this.excluded.has(t.stage)) return false;
    const window = this.options.dateWindowDays;
    if (window !== null && t.closeDate && q.closeDate && Math.abs(t.closeDate.getTime() - q.closeDate.getTime()) / DAY_MS > window) return false;
    if (this.options.sameRegionOnly && t.geoRegion !== null && q.geoRegion !== null && t.geoRegion !== q.geoRegion) return false;
    return true;
  }

  /** Whether every prefilter is the same for all records of one name (no date window, no region rule). */
  get nameKeyedFilters(): boolean {
    return this.options.dateWindowDays === null && !this.options.sameRegionOnly;
  }

  /** Whether the other source has any record (nothing is searched while it is empty). */
  hasOtherSource(q: MatchingRecord): boolean {
    return (this.other(q.source)?.byName.size ?? 0) > 0;
  }

  /**
   * The lexical candidates of `q`: the `perRecord` most similar names of the other source at or
   * above {@link TRIGRAM_THRESHOLD}, up to 4 × `perRecord` records of the same domain, and up to
   * 4 × `perRecord` records named in q's alias group.
   */
  lexicalCandidates(q: MatchingRecord): MatchingRecord[] {
    const other = this.other(q.source);
    if (!other || this.skipsQuery(q)) return [];
    const n = this.options.perRecord;
    const out: MatchingRecord[] = [];
    if (q.nameNorm !== "") {
      let taken = 0;
      outer: for (const { name } of this.similarNamesOf(q.source, q.nameNorm, other)) {
        for (const t of other.byName.get(name)!) {
          if (!this.passes(q, t)) continue;
          out.push(t);
          if (++taken >= n) break outer;
        }
      }
    }
    if (q.domain !== null) {
      let taken = 0;
      for (const t of other.byDomain.get(q.domain) ?? []) {
        if (taken >= 4 * n) break;
        if (this.passes(q, t)) {
          out.push(t);
          taken++;
        }
      }
    }
    const group = this.options.aliases.get(q.nameNorm);
    if (group) {
      let taken = 0;
      outer: for (const name of group) {
        for (const t of other.byName.get(name) ?? []) {
          if (taken >= 4 * n) break outer;
          if (this.passes(q, t)) {
            out.push(t);
            taken++;
          }
        }
      }
    }
    return out;
  }

  /** Names of the other source at least {@link TRIGRAM_THRESHOLD} similar to `name`, most similar first (ties by name). */
  private similarNamesOf(source: string, name: string, other: SourceSide): Array<{ name: string; similarity: number }> {
    const key = `${source}\u0000${name}`;
    const cached = this.similarNames.get(key);
    if (cached) return cached;
    // Shared grams counted per name of the other source through the postings: similarity =
    // shared / (grams of a + grams of b − shared), pg_trgm's formula over distinct grams.
    const profile = trigramProfile(name);
    const shared = other.shared ?? (other.shared = new Int32Array(other.names.length));
    const touched: number[] = [];
    for (const gram of profile) {
      for (const i of other.postings.get(gram) ?? []) {
        if (shared[i] === 0) touched.push(i);
        shared[i]!++;
      }
    }
    const found: Array<{ name: string; similarity: number }> = [];
    for (const i of touched) {
      const common = shared[i]!;
      shared[i] = 0;
      const similarity = common / (profile.length + other.profiles[i]!.length - common);
      if (similarity >= TRIGRAM_THRESHOLD) found.push({ name: other.names[i]!, similarity });
    }
    found.sort((a, b) => b.similarity - a.similarity || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.similarNames.set(key, found);
    return found;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Cosine similarity of two vectors (null when either is missing or has no length). */
export function cosine(a: Float32Array | null, b: Float32Array | null): number | null {
  if (!a || !b || a.length !== b.length) return null;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? null : dot / Math.sqrt(na * nb);
}

/** The vectors scaled to unit length (zero vectors stay zero), one after another. */
function unitRows(vectors: readonly Float32Array[]): Float32Array {
  const dim = vectors[0]?.length ?? 0;
  const out = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += v[d]! * v[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[i * dim + d] = v[d]! * scale;
  });
  return out;
}

/**
 * The `k` nearest rows of `b` to each row of `a`, and of `a` to each row of `b`, by dot product
 * (unit rows: cosine), in one pass over every pair without keeping the table: `ofA[i * k ..]`
 * are row indexes of `b`, best first, -1 where there are fewer (ties: the lower index first).
 * Yields to the event loop between slices of rows so that database work queued meanwhile goes on.
 */
export async function nearestBothWays(
  a: Float32Array,
  rowsA: number,
  b: Float32Array,
  rowsB: number,
  k: number,
  progress: (doneRows: number, rows: number) => void = () => {},
): Promise<{ ofA: Int32Array; ofB: Int32Array }> {
  const ofA = new Int32Array(rowsA * k).fill(-1);
  const ofB = new Int32Array(rowsB * k).fill(-1);
  if (rowsA === 0 || rowsB === 0) return { ofA, ofB };
  const scoreA = new Float32Array(rowsA * k).fill(-Infinity);
  const scoreB = new Float32Array(rowsB * k).fill(-Infinity);
  const dim = a.length / rowsA;
  // About 20 M multiply-adds (some 25 ms) per slice.
  const slice = Math.max(1, Math.floor(20_000_000 / (rowsB * dim)));
  for (let start = 0; start < rowsA; start += slice) {
    const end = Math.min(rowsA, start + slice);
    for (let i = start; i < end; i++) {
      const ao = i * dim;
      const lastA = i * k + k - 1;
      for (let j = 0; j < rowsB; j++) {
        const bo = j * dim;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let d = 0;
        for (; d + 3 < dim; d += 4) {
          s0 += a[ao + d]! * b[bo + d]!;
          s1 += a[ao + d + 1]! * b[bo + d + 1]!;
          s2 += a[ao + d + 2]! * b[bo + d + 2]!;
          s3 += a[ao + d + 3]! * b[bo + d + 3]!;
        }
        for (; d < dim; d++) s0 += a[ao + d]! * b[bo + d]!;
        const c = s0 + s1 + s2 + s3;
        if (c > scoreA[lastA]!) insertBest(ofA, scoreA, i * k, k, j, c);
        if (c > scoreB[j * k + k - 1]!) insertBest(ofB, scoreB, j * k, k, i, c);
      }
    }
    progress(end, rowsA);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ofA, ofB };
}

/** Puts (id, score) into the best-first list at ids/scores[offset .. offset + k), dropping the last. */
function insertBest(ids: Int32Array, scores: Float32Array, offset: number, k: number, id: number, score: number): void {
  let at = k - 1;
  while (at > 0 && scores[offset + at - 1]! < score) {
    scores[offset + at] = scores[offset + at - 1]!;
    ids[offset + at] = ids[offset + at - 1]!;
    at--;
  }
  scores[offset + at] = score;
  ids[offset + at] = id;
}
