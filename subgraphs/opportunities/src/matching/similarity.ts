/**
 * Similarity measures for comparing an APN and an Odoo opportunity: string similarities of
 * normalised company names (Jaro–Winkler, pg_trgm-compatible trigram similarity, token overlap)
 * and closeness of amounts and dates. Every function returns a value in [0, 1] (closeness: null
 * when a side lacks the data).
 *
 * These run on every candidate pair (~100k per matching run), so the string measures work on
 * reused scratch buffers instead of allocating per call.
 */

// ---------------------------------------------------------------------------------------------
// Jaro–Winkler
// ---------------------------------------------------------------------------------------------

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

/** Winkler's boost threshold (as in rapidfuzz/DuckDB, which Splink uses): only already similar
 * strings get the common-prefix bonus. */
const WINKLER_BOOST_THRESHOLD = 0.7;

/**
 * Jaro–Winkler similarity of two strings (compared by UTF-16 code unit, case-sensitive): the
 * Jaro similarity plus `prefixScale` × common prefix length (at most 4) × (1 − Jaro) when Jaro
 * exceeds 0.7. 1 for equal strings (both empty included), 0 when exactly one is empty.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  if (!(prefixScale >= 0 && prefixScale <= 0.25)) {
    throw new RangeError(`prefixScale must be in [0, 0.25] (got ${prefixScale})`);
  }
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (matchedA.length < la) matchedA = new Uint8Array(Math.max(la, 2 * matchedA.length));
  if (matchedB.length < lb) matchedB = new Uint8Array(Math.max(lb, 2 * matchedB.length));
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);

  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const hi = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= hi; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  let halfTranspositions = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
  if (jaro <= WINKLER_BOOST_THRESHOLD) return jaro;

  const maxPrefix = Math.min(4, la, lb);
  let prefix = 0;
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * prefixScale * (1 - jaro);
}

// ---------------------------------------------------------------------------------------------
// Trigram similarity (pg_trgm)
// ---------------------------------------------------------------------------------------------

/*
 * pg_trgm semantics (PostgreSQL 15, UTF-8 database with a glibc *.UTF-8 ctype such as C.UTF-8):
 * the text is lower-cased; words are maximal runs of iswalnum() characters, which glibc defines
 * as Unicode Alphabetic or decimal digits (so "é" is a word character, a combining accent or "_"
 * is not); each word is padded as "  word " and cut into 3-character grams; similarity is
 * |A ∩ B| / |A ∪ B| over the sets of grams, 0 when either set is empty.
 *
 * A gram is packed into one number: three BMP code points as 16-bit fields (exact in a double);
 * grams with an astral character get a negative id from an intern table. pg_trgm itself replaces
 * non-ASCII grams by a 24-bit CRC, so it may (very rarely) count two different grams as equal
 * where we do not.
 */

const SPACE = 0x20;
const WORD_CHAR = /^[\p{Alphabetic}\p{Nd}]$/u;
/** Non-ASCII code point → its lower-case code point when a word character, else -1. */
const wordCharCache = new Map<number, number>();
const astralGrams = new Map<string, number>();

function lowerWordChar(cp: number): number {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return cp;
    if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
    return cp >= 0x30 && cp <= 0x39 ? cp : -1;
  }
  let lower = wordCharCache.get(cp);
  if (lower === undefined) {
    // Simple (one-to-one) case mapping like towlower(): "İ" → "i", not "i̇".
    const l = String.fromCodePoint(cp).toLowerCase().codePointAt(0)!;
    lower = WORD_CHAR.test(String.fromCodePoint(l)) ? l : -1;
    wordCharCache.set(cp, lower);
  }
  return lower;
}

function gramKey(c1: number, c2: number, c3: number): number {
  if (c1 < 0x10000 && c2 < 0x10000 && c3 < 0x10000) return c1 * 0x100000000 + c2 * 0x10000 + c3;
  const text = String.fromCodePoint(c1, c2, c3);
  let id = astralGrams.get(text);
  if (id === undefined) {
    id = -(astralGrams.size + 1);
    astralGrams.set(text, id);
  }
  return id;
}

let scratchA = new Float64Array(256);
let scratchB = new Float64Array(256);

/** Writes the grams of `s` to `out` sorted and without duplicates; returns their count. */
function collectGrams(s: string, out: Float64Array): number {
  let n = 0;
  let p2 = SPACE;
  let p1 = SPACE;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    const c = lowerWordChar(cp);
    if (c >= 0) {
      out[n++] = gramKey(p2, p1, c);
      p2 = p1;
      p1 = c;
      inWord = true;
    } else if (inWord) {
      out[n++] = gramKey(p2, p1, SPACE);
      p2 = p1 = SPACE;
      inWord = false;
    }
  }
  if (inWord) out[n++] = gramKey(p2, p1, SPACE);
  if (n === 0) return 0;
  out.subarray(0, n).sort();
  let unique = 1;
  for (let i = 1; i < n; i++) if (out[i] !== out[unique - 1]) out[unique++] = out[i]!;
  return unique;
}

/** Capacity for the grams of `s`: a word of k characters gives k + 1 grams. */
function gramCapacity(s: string): number {
  return 2 * s.length + 2;
}

function sortedIntersection(a: Float64Array, na: number, b: Float64Array, nb: number): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < na && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}

function jaccard(common: number, na: number, nb: number): number {
  return na === 0 || nb === 0 ? 0 : common / (na + nb - common);
}

/** Trigram similarity with the value PostgreSQL's pg_trgm `similarity(a, b)` gives. */
export function trigramSimilarity(a: string, b: string): number {
  if (scratchA.length < gramCapacity(a)) scratchA = new Float64Array(2 * gramCapacity(a));
  if (scratchB.length < gramCapacity(b)) scratchB = new Float64Array(2 * gramCapacity(b));
  const na = collectGrams(a, scratchA);
  const nb = collectGrams(b, scratchB);
  return jaccard(sortedIntersection(scratchA, na, scratchB, nb), na, nb);
}

/** The pg_trgm gram set of `s`, precomputed for comparing one string with many. */
export function trigramProfile(s: string): Float64Array {
  if (scratchA.length < gramCapacity(s)) scratchA = new Float64Array(2 * gramCapacity(s));
  return scratchA.slice(0, collectGrams(s, scratchA));
}

/** `trigramSimilarity` of the strings two profiles were made from. */
export function trigramProfileSimilarity(a: Float64Array, b: Float64Array): number {
  return jaccard(sortedIntersection(a, a.length, b, b.length), a.length, b.length);
}

// ---------------------------------------------------------------------------------------------
// Token overlap
// ---------------------------------------------------------------------------------------------

const WHITESPACE = /\s+/;

function tokenSet(s: string): Set<string> {
  const trimmed = s.trim();
  return trimmed === "" ? new Set() : new Set(trimmed.split(WHITESPACE));
}

function commonCount(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const token of small) if (large.has(token)) common++;
  return common;
}

/** Jaccard similarity of the whitespace-separated token sets; 0 when both are empty. */
export function tokenSetSimilarity(a: string, b: string): number {
  const ta = tokenSet(a);
  const tb = tokenSet(b);
  if (ta.size === 0 && tb.size === 0) return 0;
  const common = commonCount(ta, tb);
  return common / (ta.size + tb.size - common);
}

/** Share of the smaller token set found in the other (1 when one name's words all occur in the
 * other's: "acme" vs "acme cloud services"); 0 when either is empty. */
export function tokenContainment(a: string, b: string): number {
  const ta = tokenSet(a);
  const tb = tokenSet(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  return commonCount(ta, tb) / Math.min(ta.size, tb.size);
}

// ---------------------------------------------------------------------------------------------
// Amounts and dates
// ---------------------------------------------------------------------------------------------

/** exp(−|ln(x / y)|) = min / max: 1 for equal amounts, 0.5 when one is twice the other; null
 * when either is missing, not positive or not finite. */
export function logRatioCloseness(x: number | null | undefined, y: number | null | undefined): number | null {
  if (x == null || y == null) return null;
  if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) return null;
  return x <= y ? x / y : y / x;
}

const DAY_MS = 86_400_000;

function timeOf(date: string | Date | null | undefined): number {
  if (date == null) return Number.NaN;
  return typeof date === "string" ? (date.trim() === "" ? Number.NaN : Date.parse(date)) : date.getTime();
}

/** exp(−|days between| / scaleDays); null when either date is missing or invalid. Dates as ISO
 * strings ("2024-03-31", parsed as UTC) or Date objects. */
export function dateCloseness(
  isoA: string | Date | null | undefined,
  isoB: string | Date | null | undefined,
  scaleDays = 90,
): number | null {
  if (!(scaleDays > 0)) throw new RangeError(`scaleDays must be positive (got ${scaleDays})`);
  const ta = timeOf(isoA);
  const tb = timeOf(isoB);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return Math.exp(-Math.abs(ta - tb) / DAY_MS / scaleDays);
}
