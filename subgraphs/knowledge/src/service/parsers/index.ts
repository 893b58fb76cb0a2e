/**
 * Document parsing for ingestion: PDF, DOCX, HTML, Markdown and plain text → one
 * `ParsedDocument` (plain text + structural blocks with exact offsets into it).
 *
 * - Type: magic bytes first (`%PDF-`; a ZIP holding `word/document.xml` is DOCX), then the declared
 *   mimeType, then the filename's extension. A declared type the bytes contradict is an error.
 * - Text bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else windows-1252. Line endings become `\n`.
 * - PDF: pdfjs, page numbers on blocks, headings by font size (see pdf.ts).
 * - DOCX: mammoth → HTML → the HTML path (Word heading styles are h1…h6).
 * - HTML: turndown → Markdown → the Markdown path; `text` is that Markdown.
 * - Markdown: `marked.lexer` blocks with offsets into the Markdown text.
 * - Plain text: paragraphs between blank lines.
 * Every failure is a `DocumentError` whose message names the file.
 */
import { decodeText } from "@matchgraph/subgraph-kit";
import { docxToHtml, htmlTitle, htmlToMarkdown } from "./html.js";
import { inlinePlainText, parseMarkdownStructure, parsePlainTextStructure } from "./markdown.js";
import { parsePdf } from "./pdf.js";
import { DOCX_MIME, DocumentError, PARSE_LIMITS, PDF_MIME, type DocumentMimeType, type ParseLimits, type ParsedDocument } from "./types.js";

export { DocumentError, PARSE_LIMITS, DOCX_MIME, PDF_MIME } from "./types.js";
export type { Block, BlockKind, DocumentErrorCode, DocumentMimeType, ParseLimits, ParsedDocument } from "./types.js";
export { inlinePlainText } from "./markdown.js";

export interface DocumentInput {
  bytes?: Uint8Array;
  text?: string;
  filename?: string;
  mimeType?: string;
}

const MIME_ALIASES: Record<string, DocumentMimeType> = {
  "application/pdf": PDF_MIME,
  "application/x-pdf": PDF_MIME,
  [DOCX_MIME]: DOCX_MIME,
  "text/html": "text/html",
  "application/xhtml+xml": "text/html",
  "text/markdown": "text/markdown",
  "text/x-markdown": "text/markdown",
  "text/plain": "text/plain",
};

/** Declared types that say nothing about the content. */
const GENERIC_MIME = new Set(["", "application/octet-stream", "binary/octet-stream", "application/unknown"]);

const EXTENSIONS: Record<string, DocumentMimeType> = {
  pdf: PDF_MIME,
  docx: DOCX_MIME,
  html: "text/html",
  htm: "text/html",
  xhtml: "text/html",
  md: "text/markdown",
  markdown: "text/markdown",
  txt: "text/plain",
  text: "text/plain",
};

const LABEL: Record<DocumentMimeType, string> = {
  [PDF_MIME]: "PDF",
  [DOCX_MIME]: "Word (.docx) document",
  "text/html": "HTML document",
  "text/markdown": "Markdown document",
  "text/plain": "text file",
};

const SUPPORTED = "PDF, DOCX, HTML, Markdown or plain text";

export async function parseDocument(input: DocumentInput, limits: ParseLimits = {}): Promise<ParsedDocument> {
  const lim = { ...PARSE_LIMITS, ...limits };
  const name = input.filename?.trim() ? input.filename.trim() : "the document";
  const declared = declaredType(input, name);

  if (input.bytes === undefined) {
    if (input.text === undefined) throw new DocumentError("EMPTY", `${name} has no content (neither bytes nor text were given)`);
    const size = Buffer.byteLength(input.text, "utf8");
    if (size > lim.maxBytes) throw tooLarge(name, size, lim.maxBytes);
    if (declared === PDF_MIME || declared === DOCX_MIME) {
      throw new DocumentError("UNSUPPORTED_TYPE", `${name} is declared as a ${LABEL[declared]}, which must be sent as bytes, not text`);
    }
    return parseText(normaliseText(input.text), declared ?? "text/plain", name, lim.maxChars);
  }

  const bytes = input.bytes;
  if (bytes.length === 0) throw new DocumentError("EMPTY", `${name} is empty`);
  if (bytes.length > lim.maxBytes) throw tooLarge(name, bytes.length, lim.maxBytes);
  const sniffed = sniff(bytes);

  if (sniffed === "zip") {
    if (declared === DOCX_MIME) throw new DocumentError("UNREADABLE", `${name} is not a readable Word document: it is a ZIP archive without word/document.xml`);
    throw new DocumentError("UNSUPPORTED_TYPE", `${name} is a ZIP archive, not a supported document (${SUPPORTED})`);
  }
  if (sniffed === "binary") {
    if (declared === PDF_MIME) throw new DocumentError("UNREADABLE", `${name} is not a readable PDF: it does not start with the %PDF- header`);
    if (declared === DOCX_MIME) throw new DocumentError("UNREADABLE", `${name} is not a readable Word document: it is not a .docx (ZIP) file`);
    if (declared) throw new DocumentError("UNREADABLE", `${name} is not a readable ${LABEL[declared]}: it holds binary data`);
    throw new DocumentError("UNSUPPORTED_TYPE", `${name} is not a supported document type (${SUPPORTED})`);
  }
  if ((declared === PDF_MIME || declared === DOCX_MIME) && sniffed !== declared) {
    const what = sniffed ? `its content is a ${LABEL[sniffed]}` : declared === PDF_MIME ? "it does not start with the %PDF- header" : "it is not a .docx (ZIP) file";
    throw new DocumentError("UNREADABLE", `${name} is not a readable ${declared === PDF_MIME ? "PDF" : "Word document"}: ${what}`);
  }
  if ((sniffed === PDF_MIME || sniffed === DOCX_MIME) && declared && declared !== sniffed) {
    throw new DocumentError("UNSUPPORTED_TYPE", `${name} is declared as a ${LABEL[declared]} but its content is a ${LABEL[sniffed]}`);
  }

  const type: DocumentMimeType = sniffed === PDF_MIME || sniffed === DOCX_MIME ? sniffed : (declared ?? sniffed ?? "text/plain");
  if (type === PDF_MIME) {
    const pdf = await parsePdf(bytes, name, lim);
    if (pdf.blocks.length === 0) throw new DocumentError("EMPTY", `${name} has no extractable text (a scanned PDF needs OCR first)`);
    return { mimeType: PDF_MIME, title: pdf.title, text: pdf.text, blocks: pdf.blocks, pageCount: pdf.pageCount };
  }
  if (type === DOCX_MIME) {
    let html: string;
    try {
      html = (await docxToHtml(bytes)).html;
    } catch (err) {
      throw new DocumentError("UNREADABLE", `${name} is not a readable Word document: ${(err as Error)?.message || String(err)}`, { cause: err });
    }
    return { ...fromHtml(html, name, lim.maxChars, false), mimeType: DOCX_MIME };
  }
  return parseText(normaliseText(decodeText(bytes)), type, name, lim.maxChars);
}

function tooLarge(name: string, size: number, max: number): DocumentError {
  return new DocumentError("TOO_LARGE", `${name} is ${formatBytes(size)}; the limit is ${formatBytes(max)}`);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** The declared type from mimeType (unless generic), else from the filename's extension; null if neither says. */
function declaredType(input: DocumentInput, name: string): DocumentMimeType | null {
  const mime = (input.mimeType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!GENERIC_MIME.has(mime)) {
    const type = MIME_ALIASES[mime];
    if (!type) throw new DocumentError("UNSUPPORTED_TYPE", `${name} has type ${mime}, which is not supported (${SUPPORTED})`);
    return type;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(input.filename?.trim() ?? "")?.[1]?.toLowerCase();
  if (!ext) return null;
  const type = EXTENSIONS[ext];
  if (!type) throw new DocumentError("UNSUPPORTED_TYPE", `${name}: .${ext} files are not supported (${SUPPORTED})`);
  return type;
}

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function indexOfAscii(bytes: Uint8Array, ascii: string, from = 0, to = bytes.length): number {
  const first = ascii.charCodeAt(0);
  const last = Math.min(to, bytes.length) - ascii.length;
  for (let i = bytes.indexOf(first, from); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    if (startsWith(bytes, ascii, i)) return i;
  }
  return -1;
}

/** What the bytes say: PDF, DOCX, HTML (by its opening), another ZIP, binary, or null (text of no known kind). */
function sniff(bytes: Uint8Array): DocumentMimeType | "zip" | "binary" | null {
  // pdfjs, like readers, accepts the header anywhere in the first KiB.
  const pdfAt = indexOfAscii(bytes, "%PDF-", 0, 1024);
  if (pdfAt !== -1 && !hasBom(bytes)) return PDF_MIME;
  if (startsWith(bytes, "PK\x03\x04")) return indexOfAscii(bytes, "word/document.xml") !== -1 ? DOCX_MIME : "zip";
  if (hasBom(bytes)) return /^\s*<(!doctype html|html[\s>])/i.test(decodeText(bytes.subarray(0, 512))) ? "text/html" : null;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return "binary";
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (control > head.length * 0.1) return "binary";
  return /^\s*<(!doctype html|html[\s>])/i.test(new TextDecoder("latin1").decode(bytes.subarray(0, 512))) ? "text/html" : null;
}

function hasBom(bytes: Uint8Array): boolean {
  return startsWith(bytes, "\xEF\xBB\xBF") || startsWith(bytes, "\xFF\xFE") || startsWith(bytes, "\xFE\xFF");
}

function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

function parseText(text: string, type: DocumentMimeType, name: string, maxChars: number): ParsedDocument {
  if (type === "text/html") return fromHtml(text, name, maxChars, true);
  if (text.length > maxChars) throw new DocumentError("TOO_LARGE", `${name} has ${text.length} characters; at most ${maxChars} are accepted`);
  const structure = type === "text/markdown" ? parseMarkdownStructure(text) : parsePlainTextStructure(text);
  if (structure.blocks.length === 0) throw new DocumentError("EMPTY", `${name} has no text`);
  return { mimeType: type === "text/markdown" ? "text/markdown" : "text/plain", title: structure.title, text, blocks: structure.blocks, pageCount: null };
}

function fromHtml(html: string, name: string, maxChars: number, useTitleElement: boolean): Omit<ParsedDocument, "mimeType"> & { mimeType: "text/html" } {
  let markdown: string;
  try {
    markdown = htmlToMarkdown(html);
  } catch (err) {
    throw new DocumentError("UNREADABLE", `${name} could not be converted from HTML: ${(err as Error)?.message || String(err)}`, { cause: err });
  }
  if (markdown.length > maxChars) throw new DocumentError("TOO_LARGE", `${name} has ${markdown.length} characters of text; at most ${maxChars} are accepted`);
  const structure = parseMarkdownStructure(markdown);
  if (structure.blocks.length === 0) throw new DocumentError("EMPTY", `${name} has no text`);
  const firstH1 = structure.blocks.find((b) => b.kind === "heading" && b.level === 1);
  const title = (useTitleElement ? htmlTitle(html) : null) ?? (firstH1 ? inlinePlainText(firstH1.text) || null : null);
  return { mimeType: "text/html", title, text: markdown, blocks: structure.blocks, pageCount: null };
}
