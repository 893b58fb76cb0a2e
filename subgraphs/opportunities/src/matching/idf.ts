/**
 * Inverse document frequency of tokens over a collection of short texts (normalised company
 * names, deal titles), and the IDF-weighted cosine of two token sets: a shared rare token (a
 * distinctive name word, a model number) counts much more than a shared common one ("services",
 * "cloud"). Works on any mapped CSV: the weights come from the data being matched.
 */
export class IdfTable {
  private readonly df = new Map<string, number>();
  private docs = 0;
  /** Weights computed since the last `add` (a run compares the same tokens many times). */
  private readonly weights = new Map<string, number>();

  constructor(texts: Iterable<string> = []) {
    for (const t of texts) this.add(t);
  }

  /** Counts one text's distinct tokens. */
  add(text: string): void {
    const tokens = tokensOf(text);
    if (tokens.length === 0) return;
    this.docs++;
    this.weights.clear();
    for (const t of new Set(tokens)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  get size(): number {
    return this.docs;
  }

  /** ln((N + 1) / (df + 1)) + 1: at least 1, larger for rarer tokens; an unseen token counts as rarest. */
  weight(token: string): number {
    let w = this.weights.get(token);
    if (w === undefined) {
      w = Math.log((this.docs + 1) / ((this.df.get(token) ?? 0) + 1)) + 1;
      this.weights.set(token, w);
    }
    return w;
  }

  /** IDF-weighted cosine of the two texts' token sets, in [0, 1]; null when either has no token. */
  similarity(a: string, b: string): number | null {
    const ta = new Set(tokensOf(a));
    const tb = new Set(tokensOf(b));
    if (ta.size === 0 || tb.size === 0) return null;
    let common = 0;
    let na = 0;
    let nb = 0;
    for (const t of ta) {
      const w = this.weight(t) ** 2;
      na += w;
      if (tb.has(t)) common += w;
    }
    for (const t of tb) nb += this.weight(t) ** 2;
    return common / Math.sqrt(na * nb);
  }
}

const WHITESPACE = /\s+/;
function tokensOf(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === "" ? [] : trimmed.split(WHITESPACE);
}

const HAS_DIGIT = /\p{Nd}/u;

/**
 * Agreement of the numbers and codes in two titles (tokens with a digit, as `titleKey` leaves
 * them: "phase 2", "x200", "2024"): 1 they share one, -1 both have some and share none, 0 only
 * one title has any, null neither.
 */
export function codeAgreement(titleKeyA: string, titleKeyB: string): 1 | 0 | -1 | null {
  const ca = new Set(tokensOf(titleKeyA).filter((t) => HAS_DIGIT.test(t)));
  const cb = new Set(tokensOf(titleKeyB).filter((t) => HAS_DIGIT.test(t)));
  if (ca.size === 0 && cb.size === 0) return null;
  if (ca.size === 0 || cb.size === 0) return 0;
  for (const t of ca) if (cb.has(t)) return 1;
  return -1;
}
