import { collapse, overlap, sentences, words } from "../analysis/text.js";
import type { Passage } from "../knowledge.js";

/** One citation: the exact sentence quoted and where it sits in its source. */
export interface Citation {
  n: number;
  chunkId: string;
  sourceId: string;
  sourceTitle: string;
  sourceUri: string | null;
  page: number | null;
  headingPath: string[];
  /** Offsets of the quoted sentence in the source text. */
  charStart: number;
  charEnd: number;
  quote: string;
}

export interface DraftSentence {
  text: string;
  /** Citation numbers ([n] markers) the sentence carries. */
  citations: number[];
  /** Filled by the verifier. */
  verified?: boolean;
  support?: number;
}

export interface DraftParagraph {
  heading: string | null;
  sentences: DraftSentence[];
}

export interface Draft {
  title: string;
  /** Courtesy lines (greeting, closing): framing, not claims; they cite nothing. */
  opening: string;
  closing: string;
  paragraphs: DraftParagraph[];
  citations: Citation[];
}

/** A sentence of a passage that may be quoted, with its offsets in the passage's source. */
export interface Candidate {
  passage: Passage;
  rank: number;
  text: string;
  /** Offsets inside the chunk text. */
  start: number;
  end: number;
}

const LIST_MARKER = /^(?:[-*•]\s+|\d+[.)]\s+)/;

/** Sentences of passages that can stand alone as a quoted claim (no headings, table rows, fragments). */
export function candidates(passages: Passage[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  passages.forEach((passage, rank) => {
    for (const s of sentences(passage.text)) {
      let { text, start } = s;
      if (text.startsWith("#") || text.startsWith("|") || text.endsWith(":")) continue;
      const marker = LIST_MARKER.exec(text);
      if (marker) {
        text = text.slice(marker[0].length);
        start += marker[0].length;
      }
      if (text.length < 25 || text.length > 400 || words(text).length < 4) continue;
      // Chunks overlap: the same sentence is quoted once, from the better-ranked passage.
      if (seen.has(collapse(text))) continue;
      seen.add(collapse(text));
      out.push({ passage, rank, text, start, end: start + text.length });
    }
  });
  return out;
}

export interface ScoredCandidate extends Candidate {
  score: number;
}

/**
 * Ranks candidates for a query: embedding cosine (when given) plus word overlap with the query,
 * with a small prior for the passage's search rank.
 */
export function scoreCandidates(query: string, list: Candidate[], cosines: number[] | null): ScoredCandidate[] {
  return list
    .map((c, i) => ({ ...c, score: (cosines ? cosines[i]! : 0) + 0.5 * overlap(query, c.text) + 0.05 / (1 + c.rank) }))
    .sort((a, b) => b.score - a.score);
}

/** The best `n` candidates that score within `relative` of the best (a weak sentence is left out rather than cited). */
export function pick(scored: ScoredCandidate[], n: number, relative = 0.8, exclude: Set<string> = new Set()): ScoredCandidate[] {
  const pool = scored.filter((c) => !exclude.has(c.text));
  const best = pool[0]?.score ?? 0;
  if (best <= 0) return [];
  return pool.filter((c) => c.score >= best * relative).slice(0, n);
}

/** Adds a citation for a quoted candidate (one per distinct quote) and returns its number. */
export function cite(citations: Citation[], c: Candidate): number {
  const charStart = c.passage.charStart + c.start;
  const existing = citations.find((x) => x.chunkId === c.passage.chunkId && x.charStart === charStart);
  if (existing) return existing.n;
  const n = citations.length + 1;
  citations.push({
    n,
    chunkId: c.passage.chunkId,
    sourceId: c.passage.sourceId,
    sourceTitle: c.passage.sourceTitle,
    sourceUri: c.passage.sourceUri,
    page: c.passage.page,
    headingPath: c.passage.headingPath,
    charStart,
    charEnd: charStart + c.text.length,
    quote: c.text,
  });
  return n;
}
