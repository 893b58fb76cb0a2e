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
}

export class MatchingIndex {
  readonly byId = new Map<string, MatchingRecord>();
  private readonly sides = new Map<string, SourceSide>();
  private readonly similarNames = new Map<string, Array<{ name: string; similarity: number }>>();
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
    }
  }

  private side(source: string): SourceSide {
    let side = this.sides.get(source);
    if (!side) {
      side = { byName: new Map(), byDomain: new Map(), names: [], profiles: [], postings: new Map() };
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
