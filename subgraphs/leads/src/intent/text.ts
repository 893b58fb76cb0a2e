/**
 * Text of intent snippets as BM25 sees it (terms), and as the near-duplicate check sees it
 * (a 64-bit simhash). Snippets and prompts go through the same `terms`.
 */
import { normalize } from "../parser/rules.js";

const STOP = new Set(
  ("a an and are as at be been but by for from has have in into is it its of on or our over that the their they this to was we were will with " +
    "who which what when where how new more most also after about than then there these those them can may just").split(" "),
);

/** A light English stemmer: enough that "migrating", "migrated" and "migration" do not all differ from "migrations". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}

/** Words of a text in order: normal form, stop words dropped, stemmed. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of normalize(text).matchAll(/[a-z0-9]+(?:[/.][a-z0-9]+)*/g)) {
    const w = m[0];
    if (w.length < 2 || STOP.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Term frequencies of a text and its length in terms (BM25's document length). */
export function termFrequencies(text: string): { tf: Map<string, number>; length: number } {
  const tf = new Map<string, number>();
  const ws = words(text);
  for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
  return { tf, length: ws.length };
}

// ---------------------------------------------------------------- simhash

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

function fnv1a64(s: string): bigint {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK;
  }
  return h;
}

/**
 * 64-bit simhash (Charikar) of a text's word unigrams and bigrams, as a signed 64-bit integer
 * (PostgreSQL BIGINT). Near-duplicates differ in few bits.
 */
export function simhash(text: string): bigint {
  const ws = normalize(text).match(/[a-z0-9]+/g) ?? [];
  const features: string[] = [...ws];
  for (let i = 0; i + 1 < ws.length; i++) features.push(`${ws[i]} ${ws[i + 1]}`);
  const v = new Array<number>(64).fill(0);
  for (const f of features) {
    const h = fnv1a64(f);
    for (let bit = 0; bit < 64; bit++) v[bit]! += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let bit = 0; bit < 64; bit++) if (v[bit]! > 0) out |= 1n << BigInt(bit);
  return BigInt.asIntN(64, out);
}

/** Bits in which two simhashes differ. */
export function hamming(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** At most this many differing bits: a near-duplicate. */
export const NEAR_DUPLICATE_BITS = 3;
