/**
 * A small structure-aware chunker for plain text and Markdown. A later ingestion pipeline replaces
 * it; until then it keeps to one contract: every chunk's `text` is exactly
 * `source.slice(charStart, charEnd)`, so citations point into the original text.
 *
 * - Markdown ATX headings (`#` … `######`, outside code fences) open sections; a chunk never spans
 *   two sections and records the section's heading path. A heading with no body of its own
 *   (e.g. a title directly followed by a sub-heading) is carried into the next section's first chunk.
 * - Paragraphs (blocks between blank lines; a fenced code block is one block) are packed into
 *   chunks of at most `maxWords` words and `maxChars` characters, ending at a paragraph break,
 *   else a sentence end, else the limit. Consecutive chunks of a section overlap by about
 *   `overlapWords` words (at most a quarter of `maxChars`).
 * - Plain text has no headings; `page` is null (text has no pages).
 */

export type ChunkMimeType = "text/plain" | "text/markdown";

export interface Chunk {
  ordinal: number;
  text: string;
  page: number | null;
  headingPath: string[];
  charStart: number;
  charEnd: number;
}

export interface ChunkOptions {
  /** Words per chunk at most. Default 200. */
  maxWords?: number;
  /** Words repeated from the end of the previous chunk of the same section. Default 30. */
  overlapWords?: number;
  /** Characters per chunk at most (guards against text with few spaces). Default 2000. */
  maxChars?: number;
}

export const CHUNK_DEFAULTS = { maxWords: 200, overlapWords: 30, maxChars: 2000 } as const;

interface Block {
  start: number;
  end: number;
  heading?: { level: number; title: string };
}

interface Section {
  headingPath: string[];
  blocks: Block[];
  hasBody: boolean;
}

interface Word {
  start: number;
  end: number;
  /** First word of a block: a chunk may end just before it. */
  paragraphStart: boolean;
  /** Ends with sentence punctuation: a chunk may end just after it. */
  sentenceEnd: boolean;
}

const HEADING_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const SENTENCE_END_RE = /[.!?…]["'”’)\]]*$/;

export function chunkText(text: string, mimeType: ChunkMimeType, options: ChunkOptions = {}): Chunk[] {
  const opts = resolveOptions(options);
  const sections = toSections(scanBlocks(text, mimeType === "text/markdown"));
  const chunks: Chunk[] = [];
  for (const section of sections) {
    for (const [start, end] of packSection(text, section, opts)) {
      chunks.push({ ordinal: chunks.length, text: text.slice(start, end), page: null, headingPath: section.headingPath, charStart: start, charEnd: end });
    }
  }
  return chunks;
}

function resolveOptions(options: ChunkOptions): Required<ChunkOptions> {
  const opts = { ...CHUNK_DEFAULTS, ...options };
  if (!Number.isInteger(opts.maxWords) || opts.maxWords < 1) throw new RangeError("maxWords must be a positive integer");
  if (!Number.isInteger(opts.overlapWords) || opts.overlapWords < 0 || opts.overlapWords >= opts.maxWords) {
    throw new RangeError("overlapWords must be an integer in 0..maxWords-1");
  }
  if (!Number.isInteger(opts.maxChars) || opts.maxChars < 16) throw new RangeError("maxChars must be an integer of at least 16");
  return opts;
}

/** Splits the text into paragraph, heading and code-fence blocks (char ranges, trimmed of blank lines). */
function scanBlocks(text: string, markdown: boolean): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let fence: string | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  const extend = (start: number, end: number) => {
    if (current) current.end = end;
    else current = { start, end };
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const contentEnd = lineStart + line.length;

    if (fence) {
      extend(lineStart, contentEnd);
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") {
        fence = null;
        close();
      }
    } else if (line.trim() === "") {
      close();
    } else if (markdown && FENCE_RE.test(line)) {
      close();
      fence = FENCE_RE.exec(line)![1]!;
      extend(lineStart, contentEnd);
    } else if (markdown && HEADING_RE.test(line)) {
      const m = HEADING_RE.exec(line)!;
      const title = (m[2] ?? "").trim();
      close();
      if (title) blocks.push({ start: lineStart, end: contentEnd, heading: { level: m[1]!.length, title } });
      else extend(lineStart, contentEnd);
    } else {
      extend(lineStart, contentEnd);
    }

    if (newline === -1) break;
    lineStart = newline + 1;
  }
  close();
  return blocks;
}

/** Groups blocks under the heading stack; a heading with no body yet joins the next heading's section. */
function toSections(blocks: Block[]): Section[] {
  const sections: Section[] = [];
  const stack: Array<{ level: number; title: string }> = [];
  let section: Section = { headingPath: [], blocks: [], hasBody: false };
  for (const block of blocks) {
    if (block.heading) {
      if (section.hasBody) {
        sections.push(section);
        section = { headingPath: [], blocks: [], hasBody: false };
      }
      while (stack.length > 0 && stack.at(-1)!.level >= block.heading.level) stack.pop();
      stack.push(block.heading);
      section.headingPath = stack.map((h) => h.title);
    } else {
      section.hasBody = true;
    }
    section.blocks.push(block);
  }
  if (section.blocks.length > 0) sections.push(section);
  return sections;
}

function sectionWords(text: string, section: Section, maxTokenChars: number): Word[] {
  const words: Word[] = [];
  const re = /\S+/g;
  for (const block of section.blocks) {
    re.lastIndex = 0;
    const body = text.slice(block.start, block.end);
    let first = true;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      // A run of non-space longer than maxTokenChars counts as several words, so maxChars holds.
      for (let s = 0; s < m[0].length; s += maxTokenChars) {
        const piece = m[0].slice(s, s + maxTokenChars);
        const start = block.start + m.index + s;
        words.push({ start, end: start + piece.length, paragraphStart: first, sentenceEnd: SENTENCE_END_RE.test(piece) });
        first = false;
      }
    }
  }
  return words;
}

/** Char ranges of the section's chunks. */
function packSection(text: string, section: Section, opts: Required<ChunkOptions>): Array<[number, number]> {
  const maxTokenChars = Math.max(1, Math.floor(opts.maxChars / 4));
  const overlapMaxChars = Math.floor(opts.maxChars / 4);
  const words = sectionWords(text, section, maxTokenChars);
  const n = words.length;
  const minWords = Math.max(1, Math.ceil(opts.maxWords / 2));
  const ranges: Array<[number, number]> = [];

  let a = 0;
  let fresh = 0; // first word no earlier chunk covered
  while (a < n) {
    // Longest run from word a within both limits (always at least one word).
    let limit = a + 1;
    while (limit < n && limit - a < opts.maxWords && words[limit]!.end - words[a]!.start <= opts.maxChars) limit++;
    let b = limit;
    if (limit < n) {
      // End past the overlap (at least one new word) and, if the limits allow, after minWords.
      const floor = Math.min(limit, Math.max(a + minWords, fresh + 1));
      const paragraphBreak = findBack(floor, limit, (i) => i < n && words[i]!.paragraphStart);
      const sentenceBreak = findBack(floor, limit, (i) => words[i - 1]!.sentenceEnd);
      b = paragraphBreak ?? sentenceBreak ?? limit;
    }
    ranges.push([words[a]!.start, words[b - 1]!.end]);
    if (b >= n) break;

    // Next chunk starts overlapWords back; the overlap stays within overlapMaxChars and leaves
    // room in maxChars for at least the next new word.
    fresh = b;
    let next = Math.max(b - opts.overlapWords, a + 1);
    while (next < b && (words[b - 1]!.end - words[next]!.start > overlapMaxChars || words[b]!.end - words[next]!.start > opts.maxChars)) next++;
    a = next;
  }
  return ranges;
}

/** The largest i in [floor, limit] with pred(i), or undefined. */
function findBack(floor: number, limit: number, pred: (i: number) => boolean): number | undefined {
  for (let i = limit; i >= floor && i > 0; i--) if (pred(i)) return i;
  return undefined;
}
