import type { MatchingRecord } from "../db/matching.js";
import { trigramProfile } from "./similarity.js";

/**
 * Blocking over records held in memory (a full run, a big batch): the lexical keys — similar
 * names by trigrams, the same domain, names in one alias group — with the same prefilters and
 * limits as the SQL blocking statement (db/matching.ts, `candidatePairs`), and the company deal
 * counts that scoring compares. The vector keys stay in the database (HNSW).
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
}

/**
 * Name pairs up to which identity neighbours are found exactly here (a dense cosine table of
 * distinct names: 5.2 M pairs, 20 MB at seed scale) instead of by HNSW probes in the database.
 */
export const EXACT_IDENTITY_MAX_PAIRS = 20_000_000;

export class MatchingIndex {
  readonly byId = new Map<string, MatchingRecord>();
  private readonly sides = new Map<string, SourceSide>();
  private readonly similarNames = new Map<string, Array<{ name: string; similarity: number }>>();
  /** Identity cosines of every APN name (rows) with every Odoo name (columns), when computed. */
  private identityTable: Float32Array | null = null;
  private readonly nearestNames = new Map<string, string[]>();
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
      const dim = withVector[0]?.v.length ?? 0;
      side.vectorNames = withVector.map((x) => x.name);
      side.vectorRow = new Map(side.vectorNames.map((name, i) => [name, i]));
      side.vectors = new Float32Array(withVector.length * dim);
      withVector.forEach(({ v }, i) => {
        let norm = 0;
        for (let d = 0; d < dim; d++) norm += v[d]! * v[d]!;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let d = 0; d < dim; d++) side.vectors[i * dim + d] = v[d]! * scale;
      });
    }
  }

  /**
   * Whether identity neighbours can be found here exactly: the prefilters do not depend on the
   * record (so one name's neighbours serve all its records) and the table of name pairs is small.
   */
  get exactIdentity(): boolean {
    const apn = this.sides.get("apn")?.vectorNames.length ?? 0;
    const odoo = this.sides.get("odoo")?.vectorNames.length ?? 0;
    return this.nameKeyedFilters && apn * odoo <= EXACT_IDENTITY_MAX_PAIRS;
  }

  /**
   * The `perRecord` records of the other source whose identity vectors (their names) are nearest
   * to q's, exactly (what the HNSW identity key approximates); see {@link exactIdentity}.
   */
  identityNeighbours(q: MatchingRecord): MatchingRecord[] {
    const other = this.other(q.source);
    if (!other || !q.identity || this.skipsQuery(q)) return [];
    const n = this.options.perRecord;
    const out: MatchingRecord[] = [];
    for (const name of this.nearestNamesOf(q.source, q.nameNorm, 4 * n)) {
      for (const t of other.byName.get(name)!) {
        if (t.identity === null || !this.passes(q, t)) continue;
        out.push(t);
        if (out.length >= n) return out;
      }
    }
    return out;
  }

  /**
   * Computes the identity cosines of every APN name with every Odoo name (see
   * {@link exactIdentity}), yielding to the event loop between slices of rows so that database
   * work queued meanwhile keeps going.
   */
  async prepareIdentity(): Promise<void> {
    if (this.identityTable) return;
    const apn = this.sides.get("apn");
    const odoo = this.sides.get("odoo");
    const rows = apn?.vectorNames.length ?? 0;
    const cols = odoo?.vectorNames.length ?? 0;
    const table = new Float32Array(rows * cols);
    // One source alone (the first export imported into an empty database): no pairs to compare.
    if (rows === 0 || cols === 0) {
      this.identityTable = table;
      return;
    }
    const dim = apn!.vectors.length / rows;
    // About 20 M multiply-adds (some 25 ms) per slice.
    const slice = Math.max(1, Math.floor(20_000_000 / Math.max(1, cols * dim)));
    for (let start = 0; start < rows; start += slice) {
      cosineRows(apn!.vectors, odoo!.vectors, cols, start, Math.min(rows, start + slice), table);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.identityTable = table;
  }

  private nearestNamesOf(source: string, name: string, k: number): string[] {
    const key = `${source}\u0000${name}`;
    const cached = this.nearestNames.get(key);
    if (cached) return cached;
    const apn = this.sides.get("apn")!;
    const odoo = this.sides.get("odoo")!;
    const table = this.identityTable;
    if (!table) throw new Error("identity cosines not computed: await prepareIdentity() first");
    const [own, other] = source === "apn" ? [apn, odoo] : [odoo, apn];
    const row = own.vectorRow.get(name) ?? -1;
    const found: string[] = [];
    if (row >= 0) {
      // The k best by a small insertion-sorted list (k is 4 × perRecord).
      const best: Array<{ i: number; c: number }> = [];
      const count = other.vectorNames.length;
      for (let j = 0; j < count; j++) {
        const c = source === "apn" ? table[row * count + j]! : table[j * own.vectorNames.length + row]!;
        if (best.length === k && c <= best[k - 1]!.c) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.c < c) at--;
        best.splice(at, 0, { i: j, c });
        if (best.length > k) best.pop();
      }
      for (const b of best) found.push(other.vectorNames[b.i]!);
    }
    this.nearestNames.set(key, found);
    return found;
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

/** Rows `from`..`to` of the dot products of the rows of `a` with the `cols` rows of `b` (unit vectors: cosines), into `out`. */
function cosineRows(a: Float32Array, b: Float32Array, cols: number, from: number, to: number, out: Float32Array): void {
  if (cols === 0) return;
  const dim = b.length / cols;
  for (let i = from; i < to; i++) {
    const ao = i * dim;
    for (let j = 0; j < cols; j++) {
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
      out[i * cols + j] = s0 + s1 + s2 + s3;
    }
  }
}
