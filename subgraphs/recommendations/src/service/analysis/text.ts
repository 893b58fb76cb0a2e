/** Sentences, words and company names: the small text tools the analyses and the generator share. */

export interface Sentence {
  text: string;
  /** Offsets in the text it was cut from (UTF-16 code units). */
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Sentences of a text with their offsets; surrounding white space is not part of a sentence. A
 * line break ends a sentence only where it is structure (a blank line, a list item, a heading, a
 * table row): a paragraph wrapped over several lines stays one sentence, its text exactly as in
 * the source (line breaks included; `collapse` it for display).
 */
export function sentences(text: string): Sentence[] {
  // Soft wraps become spaces (same length, so offsets stay those of `text`).
  const soft = text.replace(/([^\n])\n(?![ \t]*(?:\n|[-*•#|>]|\d+[.)]\s))/g, "$1 ");
  const out: Sentence[] = [];
  for (const seg of segmenter.segment(soft)) {
    let offset = seg.index;
    for (const line of seg.segment.split("\n")) {
      const lead = line.length - line.trimStart().length;
      const trimmed = line.trim();
      if (trimmed) {
        const start = offset + lead;
        out.push({ text: text.slice(start, start + trimmed.length), start, end: start + trimmed.length });
      }
      offset += line.length + 1;
    }
  }
  return out;
}

/** White space runs (line breaks included) as one space. */
export const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

const STOP = new Set(
  "a an the and or but if of to in on for with at by from as is are was were be been being it its this that these those we you they he she i our your their my me us them do does did not no so than then there here what which who whom how why when where can could would should will shall may might must have has had just also about into over under more most very any all each per up out".split(
    " ",
  ),
);

/** Lower-case content words (stop words dropped), with a crude plural/suffix fold so "encrypts" meets "encrypted". */
export function words(text: string): string[] {
  return (text.toLowerCase().normalize("NFKD").match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w) && (w.length > 1 || /\d/.test(w))).map(stem);
}

export function stem(w: string): string {
  if (w.length <= 4) return w;
  let out = w;
  for (const suffix of ["ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "ly"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      out = suffix === "ies" ? `${w.slice(0, -3)}y` : w.slice(0, -suffix.length);
      break;
    }
  }
  return out.length > 4 && out.endsWith("e") ? out.slice(0, -1) : out;
}

/** Share of `a`'s distinct words that also occur in `b` (0 when `a` has none). */
export function overlap(a: string, b: string): number {
  const wa = new Set(words(a));
  if (wa.size === 0) return 0;
  const wb = new Set(words(b));
  let hit = 0;
  for (const w of wa) if (wb.has(w)) hit++;
  return hit / wa.size;
}

const LEGAL_FORMS = new Set(
  "and inc incorporated llc llp ltd limited gmbh mbh co kg ag sa sas sarl sl srl spa bv nv plc corp corporation company pty oy ab as aps kk group holding holdings".split(" "),
);

/** A company name reduced to what identifies it: "Globex GmbH & Co. KG" and "globex" give the same key. */
export function companyKey(name: string): string {
  const plain = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  while (plain.length > 1 && LEGAL_FORMS.has(plain.at(-1)!)) plain.pop();
  if (plain.length > 1 && plain[0] === "the") plain.shift();
  return plain.join(" ");
}
