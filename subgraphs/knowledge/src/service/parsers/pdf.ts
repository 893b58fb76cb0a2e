/**
 * PDF → text and blocks with pdfjs (Node legacy build). Text items are joined into lines by their
 * baseline, lines into paragraphs by vertical gaps; lines set notably larger than the document's
 * body text (its character-weighted median font size) are headings, their level the rank of their
 * size among the heading sizes. Lines starting with a bullet or a number form list blocks.
 */
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";
import { DocumentError, TextBuilder, type Block } from "./types.js";

interface Line {
  text: string;
  /** Baseline y (PDF user space: grows upwards). */
  y: number;
  size: number;
  page: number;
}

export interface PdfResult {
  title: string | null;
  text: string;
  blocks: Block[];
  pageCount: number;
}

/** A heading is set at least this much larger than the body text. */
const HEADING_RATIO = 1.15;
/** A vertical gap above this many line heights separates paragraphs. */
const PARAGRAPH_GAP = 1.45;
const BULLET_RE = /^(?:[•◦▪▫●○■□‣⁃∙·\-–—*]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s/;

let pdfjs: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;

/**
 * pdfjs is loaded on the first PDF. Its legacy build (the one for Node 20) replaces the global
 * JSON.parse with a core-js polyfill, a pure-JavaScript parser for every JSON.parse in the
 * process: the native one is put back.
 */
function loadPdfjs() {
  return (pdfjs ??= (async () => {
    const nativeParse = JSON.parse;
    try {
      return await import("pdfjs-dist/legacy/build/pdf.mjs");
    } finally {
      JSON.parse = nativeParse;
    }
  })());
}

export async function parsePdf(bytes: Uint8Array, name: string, limits: { maxPages: number; maxChars: number }): Promise<PdfResult> {
  const { getDocument } = await loadPdfjs();
  // pdfjs takes ownership of (detaches) the buffer it gets: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  const unreadable = (why: string, cause?: unknown) => new DocumentError("UNREADABLE", `${name} is not a readable PDF: ${why}`, { cause });
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (err) {
      if ((err as Error)?.name === "PasswordException") {
        throw new DocumentError("UNREADABLE", `${name} is a password-protected PDF and cannot be read`, { cause: err });
      }
      throw unreadable((err as Error)?.message || String(err), err);
    }
    if (pdf.numPages > limits.maxPages) {
      throw new DocumentError("TOO_LARGE", `${name} has ${pdf.numPages} pages; at most ${limits.maxPages} are accepted`);
    }
    let metaTitle: string | null = null;
    try {
      const meta = await pdf.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === "string" && t.trim()) metaTitle = t.replace(/\s+/g, " ").trim();
    } catch {
      // Metadata is optional.
    }

    const lines: Line[] = [];
    let chars = 0;
    for (let p = 1; p <= pdf.numPages; p++) {
      let items: TextItem[];
      try {
        const page = await pdf.getPage(p);
        const content = await page.getTextContent();
        items = content.items.filter((i): i is TextItem => "str" in i);
        page.cleanup();
      } catch (err) {
        throw unreadable(`page ${p}: ${(err as Error)?.message || String(err)}`, err);
      }
      for (const line of pageLines(items, p)) {
        chars += line.text.length + 1;
        if (chars > limits.maxChars) throw tooManyChars(name, limits.maxChars);
        lines.push(line);
      }
    }

    const builder = new TextBuilder(limits.maxChars, () => {
      throw tooManyChars(name, limits.maxChars);
    });
    buildBlocks(lines, builder);
    const firstHeading = builder.blocks.find((b) => b.kind === "heading");
    return { title: metaTitle ?? firstHeading?.text ?? null, text: builder.text, blocks: builder.blocks, pageCount: pdf.numPages };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

function tooManyChars(name: string, maxChars: number): DocumentError {
  return new DocumentError("TOO_LARGE", `${name} has more than ${maxChars} characters of text`);
}

function itemSize(item: TextItem): number {
  const t = item.transform as number[];
  return Math.hypot(t[2] ?? 0, t[3] ?? 0) || item.height || 0;
}

/** Joins a page's text items into lines (content-stream order; a new baseline or hasEOL ends a line). */
function pageLines(items: TextItem[], page: number): Line[] {
  const lines: Line[] = [];
  let parts: string[] = [];
  let y = 0;
  let lastEnd = 0;
  let sizes = new Map<number, number>();
  let open = false;

  const flush = () => {
    const text = parts.join("").replace(/\s+/g, " ").trim();
    if (text) {
      // The line's size: the size that covers most of its characters.
      let size = 0;
      let best = -1;
      for (const [s, n] of sizes) if (n > best) [size, best] = [s, n];
      lines.push({ text, y, size, page });
    }
    parts = [];
    sizes = new Map();
    open = false;
  };

  for (const item of items) {
    const t = item.transform as number[];
    const x = t[4] ?? 0;
    const itemY = t[5] ?? 0;
    const size = itemSize(item);
    if (item.str) {
      if (open && Math.abs(itemY - y) > 0.5 * Math.max(size, 1)) flush();
      if (!open) {
        open = true;
        y = itemY;
      } else {
        const gap = x - lastEnd;
        const prev = parts.at(-1) ?? "";
        if ((gap > 0.15 * size || gap < -size) && !/\s$/.test(prev) && !/^\s/.test(item.str)) parts.push(" ");
      }
      parts.push(item.str);
      lastEnd = x + item.width;
      const n = item.str.trim().length;
      if (n > 0) {
        const key = Math.round(size * 2) / 2;
        sizes.set(key, (sizes.get(key) ?? 0) + n);
      }
    }
    if (item.hasEOL && open) flush();
  }
  if (open) flush();
  return lines;
}

/** Character-weighted median font size. */
function bodySize(lines: Line[]): number {
  const sorted = [...lines].sort((a, b) => a.size - b.size);
  const total = sorted.reduce((n, l) => n + l.text.length, 0);
  let seen = 0;
  for (const l of sorted) {
    seen += l.text.length;
    if (seen * 2 >= total) return l.size;
  }
  return 0;
}

function buildBlocks(lines: Line[], out: TextBuilder): void {
  const body = bodySize(lines);
  const isHeading = (l: Line) => body > 0 && l.size >= body * HEADING_RATIO && l.text.length <= 200 && /\p{L}/u.test(l.text);
  const headingSizes = [...new Set(lines.filter(isHeading).map((l) => l.size))].sort((a, b) => b - a);
  const levelOf = (size: number) => Math.min(6, headingSizes.indexOf(size) + 1);

  let current: { kind: "heading" | "paragraph" | "list"; text: string; page: number; size: number; last: Line } | null = null;
  const flush = () => {
    if (current) out.add(current.kind, current.text, current.kind === "heading" ? { level: levelOf(current.size), page: current.page } : { page: current.page });
    current = null;
  };

  for (const line of lines) {
    const heading = isHeading(line);
    const bullet = !heading && BULLET_RE.test(line.text);
    const kind = heading ? "heading" : bullet ? "list" : "paragraph";
    const prev: Line | undefined = current?.last;
    const lineHeight = Math.max(line.size, prev?.size ?? 0, 1);
    const gap = prev ? prev.y - line.y : 0;
    const together =
      current !== null &&
      prev !== undefined &&
      prev.page === line.page &&
      gap > 0 &&
      gap <= PARAGRAPH_GAP * lineHeight &&
      (heading ? current.kind === "heading" && current.size === line.size : current.kind !== "heading" && (current.kind === "list" || !bullet));
    if (together && current) {
      const c: { text: string; last: Line } = current;
      c.text += bullet ? `\n${line.text}` : joinLines(c.text, line.text);
      c.last = line;
    } else {
      flush();
      current = { kind, text: line.text, page: line.page, size: line.size, last: line };
    }
  }
  flush();
}

/** Joins a wrapped line to its paragraph: a word broken by a hyphen is rejoined, else a space. */
function joinLines(before: string, line: string): string {
  return /\p{L}-$/u.test(before) && /^\p{Ll}/u.test(line) ? line : ` ${line}`;
}
