/**
 * searchKnowledge's `highlight` is HTML: escaped text with query words in <mark>…</mark>. It is
 * read into parts here and rendered as React text, never as HTML.
 */
export interface HighlightPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);

export function highlightParts(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const re = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (const m of html.matchAll(re)) {
    if (m.index! > last) parts.push({ text: unescape(html.slice(last, m.index)), marked: false });
    parts.push({ text: unescape(m[1]!), marked: true });
    last = m.index! + m[0].length;
  }
  if (last < html.length) parts.push({ text: unescape(html.slice(last)), marked: false });
  // Any other tag is not expected; it shows as text rather than markup.
  return parts.filter((p) => p.text.length > 0);
}

/** A document's text from its chunks (which may overlap), each placed at its offset. */
export function documentText(chunks: Array<{ charStart: number; charEnd: number; text: string }>): string {
  let text = "";
  for (const c of [...chunks].sort((a, b) => a.charStart - b.charStart)) {
    if (c.charEnd <= text.length) continue;
    if (c.charStart > text.length) text += " ".repeat(c.charStart - text.length);
    text += c.text.slice(text.length - c.charStart);
  }
  return text;
}

/** The text cut into before, passage, after (offsets clamped to the text). */
export function passageParts(text: string, start: number, end: number): [string, string, string] {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return [text.slice(0, s), text.slice(s, e), text.slice(e)];
}
