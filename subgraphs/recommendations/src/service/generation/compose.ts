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
      // A claim is a sentence: titles and headings (which end without punctuation) are not quoted.
      if (!/[.!?]["'”’)]*$/.test(text) || passage.headingPath.includes(text.trim())) continue;
      // Chunks overlap: the same sentence is quoted once, from the better-ranked passage.
      if (seen.has(collapse(text))) continue;
      seen.add(collapse(text));
      out.push({ passage, rank, text, start, end: start + text.length });
    }
  });
  return out;
}

/** Weight of the knowledge search's own rank of the passage (hybrid lexical + vector), 1/(1 + rank). */
export const PASSAGE_PRIOR = 0.3;

export interface ScoredCandidate extends Candidate {
  score: number;
}

/**
 * Ranks candidates for a query: embedding cosine (when given) plus word overlap with the query,
 * with a prior for the passage's rank in the knowledge search.
 */
export function scoreCandidates(query: string, list: Candidate[], cosines: number[] | null): ScoredCandidate[] {
  return list
    .map((c, i) => ({ ...c, score: (cosines ? cosines[i]! : 0) + 0.5 * overlap(query, c.text) + PASSAGE_PRIOR / (1 + c.rank) }))
    .sort((a, b) => b.score - a.score);
}

/**
 * The best `n` candidates: after the best one, a sentence joins when it comes from the same
 * section of the same source (a coherent answer) and scores within `relative` of the best, or
 * when it scores nearly as well as the best wherever it comes from. A weak sentence is left out
 * rather than cited.
 */
export function pick(scored: ScoredCandidate[], n: number, relative = 0.8, exclude: Set<string> = new Set()): ScoredCandidate[] {
  const pool = scored.filter((c) => !exclude.has(c.text));
  const top = pool[0];
  if (!top || top.score <= 0) return [];
  const section = (c: Candidate) => `${c.passage.sourceId}\u0000${c.passage.headingPath.join("\u0000")}`;
  const out = [top];
  for (const c of pool.slice(1)) {
    if (out.length >= n) break;
    const sameSection = section(c) === section(top);
    if ((sameSection && c.score >= top.score * relative) || c.score >= top.score * NEAR_BEST) out.push(c);
  }
  return out;
}

/** A sentence from another section joins only when it scores this close to the best. */
export const NEAR_BEST = 0.95;

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
