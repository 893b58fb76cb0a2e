/** Shared types of the document parsers. */

export type DocumentMimeType =
  | "application/pdf"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
  | "text/html"
  | "text/markdown"
  | "text/plain";

export const PDF_MIME = "application/pdf" as const;
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" as const;

export type BlockKind = "heading" | "paragraph" | "list" | "table" | "code";

/** One structural unit of a parsed document; `text` is exactly `doc.text.slice(start, end)`. */
export interface Block {
  kind: BlockKind;
  text: string;
  /** Heading level, 1 (top) … 6. Headings only. */
  level?: number;
  /** 1-based page number (PDFs only). */
  page?: number;
  start: number;
  end: number;
}

export interface ParsedDocument {
  mimeType: DocumentMimeType;
  title: string | null;
  /** The extracted text that `blocks` index. Markdown for DOCX, HTML and Markdown input. */
  text: string;
  /** Blocks in document order, non-overlapping, never empty. */
  blocks: Block[];
  /** Pages of a PDF; null for formats without pages. */
  pageCount: number | null;
}

export interface ParseLimits {
  /** Largest input accepted, in bytes (text input: its UTF-8 size). Default 20 MiB. */
  maxBytes?: number;
  /** Most PDF pages accepted. Default 2000. */
  maxPages?: number;
  /** Most characters of extracted text accepted. Default 2,000,000. */
  maxChars?: number;
}

export const PARSE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxPages: 2000, maxChars: 2_000_000 } as const;

export type DocumentErrorCode = "UNSUPPORTED_TYPE" | "TOO_LARGE" | "UNREADABLE" | "EMPTY";

/** A document that cannot be ingested; `message` names the file and says why, for the user. */
export class DocumentError extends Error {
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DocumentError";
    this.code = code;
  }
}

/** Collects blocks while building the document text, so offsets are exact by construction. */
export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly blocks: Block[] = [];

  constructor(private readonly maxChars: number, private readonly onTooLarge: () => never) {}

  /** Appends a block (separated from the previous one by a blank line). */
  add(kind: BlockKind, text: string, extra: { level?: number; page?: number } = {}): void {
    if (text.length === 0) return;
    if (this.length > 0) this.push("\n\n");
    const start = this.length;
    this.push(text);
    this.blocks.push({ kind, text, ...extra, start, end: this.length });
  }

  get text(): string {
    return this.parts.join("");
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.length > this.maxChars) this.onTooLarge();
  }
}
