import { collapse, overlap } from "../analysis/text.js";
import type { Passage } from "../knowledge.js";
import type { Citation, Draft } from "./compose.js";

export interface Verification {
  /** Claim sentences (courtesy lines are not claims). */
  sentences: number;
  /** Claim sentences with at least one [n] that resolves to a citation. */
  cited: number;
  /** Cited sentences whose citation supports them. */
  verified: number;
  /** Unsupported sentences removed from the answer. */
  dropped: string[];
  /** cited / sentences (1 when there are no claims). */
  citedShare: number;
  /** Every extractive quote is verbatim in its cited chunk at the cited offsets. */
  verbatim: boolean;
  /** What the guardrails changed or refused. */
  guardrails: string[];
}

function retarget(s: Draft["paragraphs"][number]["sentences"][number], citations: Citation[]): void {
  const claim = stripMarkers(s.text);
  let best: Citation | null = null;
  let bestSupport = 0;
  for (const c of citations) {
    const support = overlap(claim, c.quote);
    if (support > bestSupport) {
      best = c;
      bestSupport = support;
    }
  }
  const cited = s.citations.map((n) => citations.find((c) => c.n === n)).filter((c): c is Citation => c !== undefined);
  const citedSupport = Math.max(0, ...cited.map((c) => overlap(claim, c.quote)));
  if (best && bestSupport > citedSupport) {
    s.citations = [best.n];
    s.text = `${claim} [${best.n}]`;
  }
}

/** Minimum share of a sentence's content words found in its cited passage to count as supported. */
export const SUPPORT_THRESHOLD = 0.6;

const MARKER = /\s*\[(\d+)\]/g;
export const stripMarkers = (text: string) => text.replace(MARKER, "").trim();

/**
 * Checks every claim sentence against the chunk it cites: an extractive quote must be the chunk's
 * text at the cited offsets (verbatim); a rewritten sentence must share most of its content words
 * with a cited chunk. Unsupported or uncited sentences are dropped (`drop`) or kept flagged.
 */
export function verifyDraft(draft: Draft, passagesById: Map<string, Passage>, options: { extractive: boolean; drop: boolean }): Verification {
  const byN = new Map<number, Citation>(draft.citations.map((c) => [c.n, c]));
  let total = 0;
  let cited = 0;
  let verified = 0;
  let verbatim = true;
  const dropped: string[] = [];
  for (const p of draft.paragraphs) {
    p.sentences = p.sentences.filter((s) => {
      total++;
      // A rewritten sentence cites the quote that supports it best: a missing, dangling or weaker
      // marker is replaced by the best-supporting citation (which must still pass the threshold).
      if (!options.extractive) retarget(s, draft.citations);
      const refs = s.citations.map((n) => byN.get(n)).filter((c): c is Citation => c !== undefined);
      if (refs.length === 0 || refs.length !== s.citations.length) {
        s.verified = false;
        s.support = 0;
      } else {
        cited++;
        const claim = stripMarkers(s.text);
        let support = 0;
        for (const c of refs) {
          const passage = passagesById.get(c.chunkId);
          if (!passage) continue;
          if (options.extractive) {
            const at = passage.text.slice(c.charStart - passage.charStart, c.charEnd - passage.charStart);
            const exact = at === c.quote && claim === collapse(c.quote);
            if (!exact) verbatim = false;
            support = Math.max(support, exact ? 1 : 0);
          } else {
            support = Math.max(support, overlap(claim, passage.text));
          }
        }
        s.support = support;
        s.verified = options.extractive ? support === 1 : support >= SUPPORT_THRESHOLD;
        if (s.verified) verified++;
      }
      if (!s.verified && options.drop) {
        dropped.push(s.text);
        return false;
      }
      return true;
    });
  }
  draft.paragraphs = draft.paragraphs.filter((p) => p.sentences.length > 0);
  const kept = total - dropped.length;
  const keptCited = draft.paragraphs.reduce((n, p) => n + p.sentences.filter((s) => s.citations.length > 0 && s.citations.every((c) => byN.has(c))).length, 0);
  // Citations no kept sentence refers to are removed, and the rest keep their numbers.
  const used = new Set(draft.paragraphs.flatMap((p) => p.sentences.flatMap((s) => s.citations)));
  draft.citations = draft.citations.filter((c) => used.has(c.n));
  return {
    sentences: kept,
    cited: options.drop ? keptCited : cited,
    verified,
    dropped,
    citedShare: kept === 0 ? 1 : (options.drop ? keptCited : cited) / kept,
    verbatim,
    guardrails: [],
  };
}
