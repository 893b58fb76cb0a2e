/** Query-dependent snippets: the part of a chunk that holds the most (distinct) query words. */

export const SNIPPET_MAX_CHARS = 300;
const ELLIPSIS = "…";

const STOPWORDS = new Set(
  (
    "a an and are as at be but by can do does for from has have how i if in into is it its of on or our so " +
    "that the their there these this to was we were what when where which who why will with you your"
  ).split(" "),
);

const WORD_RE = /[\p{L}\p{N}]+/gu;
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Distinct lower-case query words, stop words left out unless nothing else remains. */
export function queryTerms(query: string): string[] {
  const words = [...new Set(Array.from(query.toLowerCase().matchAll(WORD_RE), (m) => m[0]))];
  const content = words.filter((w) => w.length > 1 && !STOPWORDS.has(w));
  return content.length > 0 ? content : words;
}

/** Same word, or one a prefix of the other when the shorter has at least 4 characters ("deploy" ~ "deployment"). */
export function termMatches(word: string, term: string): boolean {
  if (word === term) return true;
  const [short, long] = word.length < term.length ? [word, term] : [term, word];
  return short.length >= 4 && long.startsWith(short);
}

interface Match {
  start: number;
  end: number;
  term: number;
}

/**
 * The passage of `text` (at most `maxChars` characters, ellipses included, whitespace collapsed)
 * around the densest run of query words; the start of the text when no query word occurs.
 */
export function snippet(text: string, query: string, maxChars: number = SNIPPET_MAX_CHARS): string {
  const budget = Math.max(1, maxChars - 2 * ELLIPSIS.length);
  const terms = queryTerms(query);
  const matches: Match[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const word = m[0].toLowerCase();
    const term = terms.findIndex((t) => termMatches(word, t));
    if (term >= 0) matches.push({ start: m.index, end: m.index + m[0].length, term });
  }

  let spanStart = 0;
  let spanEnd = 0;
  if (matches.length > 0) {
    // Sliding window over matches: most distinct terms, then most matches, then earliest.
    const counts = new Map<number, number>();
    let best = { i: 0, j: 0, distinct: 0, total: 0 };
    let j = -1;
    for (let i = 0; i < matches.length; i++) {
      while (j + 1 < matches.length && matches[j + 1]!.end - matches[i]!.start <= budget) {
        j++;
        counts.set(matches[j]!.term, (counts.get(matches[j]!.term) ?? 0) + 1);
      }
      if (j >= i) {
        const distinct = counts.size;
        const total = j - i + 1;
        if (distinct > best.distinct || (distinct === best.distinct && total > best.total)) best = { i, j, distinct, total };
        const c = counts.get(matches[i]!.term)! - 1;
        if (c === 0) counts.delete(matches[i]!.term);
        else counts.set(matches[i]!.term, c);
      } else {
        j = i; // a single match longer than the budget
      }
    }
    spanStart = matches[best.i]!.start;
    spanEnd = Math.min(Math.max(matches[best.j]!.end, matches[best.i]!.end), spanStart + budget);
  }

  // Spread the remaining budget around the span, then cut at word boundaries outside it.
  const extra = budget - (spanEnd - spanStart);
  let before = Math.min(spanStart, Math.floor(extra / 2));
  const after = Math.min(text.length - spanEnd, extra - before);
  before = Math.min(spanStart, extra - after);
  let start = spanStart - before;
  let end = spanEnd + after;
  while (start < spanStart && isWordChar(text[start - 1]) && isWordChar(text[start])) start++;
  while (end > spanEnd && isWordChar(text[end - 1]) && isWordChar(text[end])) end--;
  if (isLowSurrogate(text, start)) start++;
  if (isLowSurrogate(text, end)) end--;

  const body = text.slice(start, end).replace(/\s+/g, " ").trim();
  return `${start > 0 ? ELLIPSIS : ""}${body}${end < text.length ? ELLIPSIS : ""}`;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
