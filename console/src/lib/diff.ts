/**
 * Word-level differences between two values of one field (the review queue highlights what the two
 * records of a pair disagree on). Words compare case- and accent-insensitively; punctuation is kept
 * with its word.
 */
export interface DiffPart {
  text: string;
  /** True when the other side has no equal word at this place. */
  differs: boolean;
}

const norm = (w: string) => w.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]/gu, "");

/** Splits into words and the spaces between them, so the parts join back to the text. */
function words(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Both sides' parts, marked by a longest common subsequence of their words. */
export function diffWords(a: string, b: string): { left: DiffPart[]; right: DiffPart[] } {
  const wa = words(a);
  const wb = words(b);
  const ka = wa.map(norm);
  const kb = wb.map(norm);
  // LCS table over words (fields are short: names, titles, descriptions of a few hundred words).
  const n = wa.length;
  const m = wb.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const sameA = new Array<boolean>(n).fill(false);
  const sameB = new Array<boolean>(m).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) {
      sameA[i++] = true;
      sameB[j++] = true;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  const parts = (ws: string[], same: boolean[]): DiffPart[] => {
    const out: DiffPart[] = [];
    // Words that are only punctuation never count as differences; a space does between two that do (one mark for a run).
    const wordDiffers = ws.map((w, k) => !same[k] && norm(w) !== "");
    ws.forEach((w, k) => {
      const differs = /^\s+$/.test(w) ? Boolean(wordDiffers[k - 1] && wordDiffers[k + 1]) : wordDiffers[k]!;
      const last = out[out.length - 1];
      if (last && last.differs === differs) last.text += w;
      else out.push({ text: w, differs });
    });
    return out;
  };
  return { left: parts(wa, sameA), right: parts(wb, sameB) };
}

/** Whether two field values are the same for a reviewer (case, accents, punctuation and spacing aside). */
export function sameValue(a: string | null | undefined, b: string | null | undefined): boolean {
  const clean = (s: string | null | undefined) => words(s ?? "").map(norm).filter(Boolean).join(" ");
  return clean(a) === clean(b);
}
