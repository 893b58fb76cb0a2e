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
 *
 * `chunkDocument` (below) chunks a `ParsedDocument` from ./parsers (any format) by its blocks:
 * token-bounded (see `estimateTokens`), chunks end at the best structural break (block, list
 * item / table row, code line, else a sentence end, else a word), overlap stays within a section,
 * tables split by rows with the header given in `tableHeader`, and `page` comes from PDF blocks.
 */

import { inlinePlainText } from "./parsers/markdown.js";
import type { Block, ParsedDocument } from "./parsers/types.js";

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

interface TextBlock {
  start: number;
  end: number;
  heading?: { level: number; title: string };
}

interface Section {
  headingPath: string[];
  blocks: TextBlock[];
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
function scanBlocks(text: string, markdown: boolean): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock | null = null;
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
function toSections(blocks: TextBlock[]): Section[] {
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

// ---------------------------------------------------------------------------------------------
// chunkDocument: structure-aware, token-bounded chunks of a ParsedDocument (any format).
// ---------------------------------------------------------------------------------------------

export interface DocumentChunk extends Chunk {
  /**
   * For a chunk that continues a table split by rows: the table's header row (and its Markdown
   * separator line), exactly as in `doc.text`. It is not part of `text` (chunks are exact slices
   * of the document); prepend it where the chunk is embedded or shown. Counted in `maxTokens`.
   */
  tableHeader?: string;
}

export interface DocumentChunkOptions {
  /** Estimated tokens per chunk at most (see `estimateTokens`). Default 256. */
  maxTokens?: number;
  /** Estimated tokens of the previous chunk's tail repeated at the start of the next chunk of the same section. Default 40. */
  overlapTokens?: number;
}

export const DOCUMENT_CHUNK_DEFAULTS = { maxTokens: 256, overlapTokens: 40 } as const;

/**
 * Token estimate of one whitespace-separated word: 1.3 tokens (the usual words→tokens ratio of
 * English with WordPiece/BPE vocabularies), or one token per 4 characters for longer runs (URLs,
 * identifiers, numbers, scripts without spaces), whichever is larger.
 */
function wordTokens(length: number): number {
  return Math.max(1.3, length / 4);
}

/** Estimated model tokens of a text: Σ over its words of max(1.3, characters / 4), rounded up. */
export function estimateTokens(text: string): number {
  let sum = 0;
  for (const m of text.matchAll(/\S+/g)) sum += wordTokens(m[0].length);
  return Math.ceil(sum - 1e-9) || 0;
}

/** Where a chunk may end, before a word: higher is a better place. */
const enum Break {
  Glue = -1, // right after a heading: never separate a heading from what follows
  Word = 0,
  Sentence = 1,
  Line = 2, // a code line or a nested list item
  Item = 3, // a top-level list item or a table row
  Block = 4,
}

interface DocWord {
  start: number;
  end: number;
  cost: number;
  page: number | null;
  /** Break level before this word. */
  brk: Break;
  /** In a list or table: overlap may start only at an item or row. */
  itemized: boolean;
  /** Inside a table body row: the table's header range. */
  header?: { start: number; end: number; cost: number };
}

interface DocSection {
  headingPath: string[];
  blocks: Block[];
  hasBody: boolean;
}

const LIST_ITEM_RE = /^([ \t]*)(?:[-*+•◦▪‣⁃]|\d{1,9}[.)]|\(?[a-z][.)])[ \t]/;
const TABLE_SEPARATOR_RE = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

export function chunkDocument(doc: ParsedDocument, options: DocumentChunkOptions = {}): DocumentChunk[] {
  const opts = { ...DOCUMENT_CHUNK_DEFAULTS, ...options };
  if (!Number.isInteger(opts.maxTokens) || opts.maxTokens < 8) throw new RangeError("maxTokens must be an integer of at least 8");
  if (!Number.isInteger(opts.overlapTokens) || opts.overlapTokens < 0 || opts.overlapTokens * 2 > opts.maxTokens) {
    throw new RangeError("overlapTokens must be an integer in 0..maxTokens/2");
  }
  const chunks: DocumentChunk[] = [];
  for (const section of documentSections(doc.blocks)) {
    const words = documentWords(doc.text, section.blocks, opts.maxTokens);
    for (const { a, b } of packWords(words, opts)) {
      const first = words[a]!;
      const charStart = first.start;
      const charEnd = words[b - 1]!.end;
      const chunk: DocumentChunk = {
        ordinal: chunks.length,
        text: doc.text.slice(charStart, charEnd),
        page: first.page,
        headingPath: section.headingPath,
        charStart,
        charEnd,
      };
      const header = tableHeaderFor(words, a);
      if (header) chunk.tableHeader = doc.text.slice(header.start, header.end);
      chunks.push(chunk);
    }
  }
  return chunks;
}

/** Sections by heading; a heading with no body of its own is carried into the next section. */
function documentSections(blocks: Block[]): DocSection[] {
  const sections: DocSection[] = [];
  const stack: Array<{ level: number; title: string }> = [];
  let section: DocSection = { headingPath: [], blocks: [], hasBody: false };
  for (const block of blocks) {
    if (block.kind === "heading") {
      if (section.hasBody) {
        sections.push(section);
        section = { headingPath: [], blocks: [], hasBody: false };
      }
      const level = block.level ?? 1;
      while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
      stack.push({ level, title: inlinePlainText(block.text) || block.text.trim() });
      section.headingPath = stack.map((h) => h.title);
    } else {
      section.hasBody = true;
    }
    section.blocks.push(block);
  }
  if (section.blocks.length > 0) sections.push(section);
  return sections;
}

/** The words of a section's blocks with their costs and the break level before each. */
function documentWords(text: string, blocks: Block[], maxTokens: number): DocWord[] {
  const words: DocWord[] = [];
  const maxPiece = maxTokens * 2; // a run of non-space longer than this is cut (≤ maxTokens/2 tokens a piece)
  let afterHeading = false;
  for (const block of blocks) {
    const page = block.page ?? null;
    const lineBreaks = lineStarts(text, block);
    let header: DocWord["header"];
    let headerEnd = -1;
    if (block.kind === "table" && lineBreaks.length > 2) {
      const second = lineBreaks[1]!;
      const third = lineBreaks[2]!;
      const sepLine = text.slice(second.start, third.start).trim();
      headerEnd = TABLE_SEPARATOR_RE.test(sepLine) ? lineEnd(text, second.start, block.end) : lineEnd(text, block.start, block.end);
      const cost = estimateTokens(text.slice(block.start, headerEnd));
      if (cost * 2 <= maxTokens) header = { start: block.start, end: headerEnd, cost };
    }
    const itemized = block.kind === "list" || block.kind === "table";
    let firstOfBlock = true;
    let line = 0;
    for (const m of text.slice(block.start, block.end).matchAll(/\S+/g)) {
      const runStart = block.start + m.index;
      let brk: Break = Break.Word;
      while (line + 1 < lineBreaks.length && lineBreaks[line + 1]!.start <= runStart) {
        line++;
        if (lineBreaks[line]!.start === runStart || text.slice(lineBreaks[line]!.start, runStart).trim() === "") brk = Math.max(brk, lineBreaks[line]!.brk);
      }
      if (firstOfBlock) brk = afterHeading ? Break.Glue : Break.Block;
      else if (brk === Break.Word && words.length > 0 && SENTENCE_END_RE.test(text.slice(words.at(-1)!.start, words.at(-1)!.end))) brk = Break.Sentence;
      const inBody = header !== undefined && runStart >= headerEnd;
      for (let s = 0; s < m[0].length; ) {
        let e = Math.min(m[0].length, s + maxPiece);
        if (e < m[0].length && /[\uDC00-\uDFFF]/.test(m[0][e]!)) e--; // keep surrogate pairs whole
        words.push({ start: runStart + s, end: runStart + e, cost: wordTokens(e - s), page, brk: s === 0 ? brk : Break.Word, itemized, ...(inBody ? { header } : {}) });
        s = e;
      }
      firstOfBlock = false;
    }
    afterHeading = block.kind === "heading";
  }
  return words;
}

/** Line starts inside a block, with the break level a chunk may take before each. */
function lineStarts(text: string, block: Block): Array<{ start: number; brk: Break }> {
  const out: Array<{ start: number; brk: Break }> = [{ start: block.start, brk: Break.Block }];
  const baseIndent = /^[ \t]*/.exec(text.slice(block.start, block.end))![0].length;
  for (let i = text.indexOf("\n", block.start); i !== -1 && i < block.end; i = text.indexOf("\n", i + 1)) {
    const start = i + 1;
    const line = text.slice(start, lineEnd(text, start, block.end));
    let brk = Break.Word;
    if (block.kind === "table") brk = Break.Item;
    else if (block.kind === "code") brk = Break.Line;
    else if (block.kind === "list") {
      const m = LIST_ITEM_RE.exec(line);
      if (m) brk = m[1]!.length <= baseIndent ? Break.Item : Break.Line;
    }
    out.push({ start, brk });
  }
  return out;
}

function lineEnd(text: string, from: number, limit: number): number {
  const nl = text.indexOf("\n", from);
  return nl === -1 || nl > limit ? limit : nl;
}

function tableHeaderFor(words: DocWord[], a: number): DocWord["header"] {
  const header = words[a]!.header;
  return header && words[a]!.start >= header.end ? header : undefined;
}

/** Word ranges [a, b) of a section's chunks. */
function packWords(words: DocWord[], opts: { maxTokens: number; overlapTokens: number }): Array<{ a: number; b: number }> {
  const n = words.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + words[i]!.cost;
  const cost = (from: number, to: number) => prefix[to]! - prefix[from]!;
  const EPS = 1e-9;
  const ranges: Array<{ a: number; b: number }> = [];

  let a = 0;
  let fresh = 0; // first word no earlier chunk covered
  while (a < n) {
    const budget = opts.maxTokens - (tableHeaderFor(words, a)?.cost ?? 0);
    let limit = a + 1;
    while (limit < n && cost(a, limit + 1) <= budget + EPS) limit++;
    let b = limit;
    if (limit < n) b = chooseEnd(words, Math.max(a + 1, fresh + 1), limit, (i) => cost(a, i) * 2 >= budget);
    ranges.push({ a, b });
    if (b >= n) break;

    // The next chunk starts in this one's tail: at most overlapTokens, leaving room for the next
    // new word; preferably at a sentence, item or block start; in a list or table only at an item or row.
    fresh = b;
    let next = b;
    if (opts.overlapTokens > 0) {
      let earliestAny = -1;
      let earliestBreak = -1;
      for (let p = b - 1; p > a; p--) {
        if (cost(p, b) > opts.overlapTokens + EPS) break;
        const headerCost = tableHeaderFor(words, p)?.cost ?? 0;
        if (cost(p, b + 1) + headerCost > opts.maxTokens + EPS) continue;
        const word = words[p]!;
        if (word.brk >= (word.itemized ? Break.Item : Break.Sentence)) earliestBreak = p;
        if (!word.itemized) earliestAny = p;
      }
      next = earliestBreak !== -1 ? earliestBreak : earliestAny !== -1 ? earliestAny : b;
    }
    a = next;
  }
  return ranges;
}

/**
 * The end (exclusive word index) in [lo, limit]: the furthest of the best structural breaks
 * (block, item, line); failing those, the furthest sentence end that fills at least half the
 * chunk, else the limit.
 */
function chooseEnd(words: DocWord[], lo: number, limit: number, halfFull: (i: number) => boolean): number {
  let best = -1;
  let bestLevel: number = Break.Glue;
  for (let i = limit; i >= lo; i--) {
    const level = words[i]!.brk;
    if (level > bestLevel && level >= Break.Line) [best, bestLevel] = [i, level];
  }
  if (best !== -1) return best;
  for (let i = limit; i >= lo && halfFull(i); i--) if (words[i]!.brk === Break.Sentence) return i;
  for (let i = limit; i >= lo; i--) if (words[i]!.brk >= Break.Word) return i;
  return limit;
}
