import { domainFromEmail, domainFromWebsite } from "../matching/normalize.js";
import { decodeTextWithEncoding } from "@matchgraph/subgraph-kit";
import { mappingCandidates, resolveColumns, type ColumnMapping, type ImportField, type ImportSource, type ResolvedColumn, type ResolvedColumns } from "./columns.js";
import { ImportFileError } from "./errors.js";
import { multiLine, parseAmount, parseDate, parseEmail, singleLine } from "./values.js";
import type { RecordFields } from "../matching/types.js";

/** One good row, ready to upsert by (source, externalId). */
export interface ImportRecord extends RecordFields {
  /** Physical line of the file where the row starts (the header is line 1). */
  line: number;
}

/** A row that was not imported; several problems of one row are joined with "; ". */
export interface RowError {
  line: number;
  externalId: string | null;
  reason: string;
}

export interface ParsedImport {
  records: ImportRecord[];
  errors: RowError[];
  /**
   * Data rows seen: records + errors. Blank lines and rows of only empty cells are not rows; a
   * row with broken quoting is one row and every line after its first is read as rows again, so
   * without multi-line fields this is the file's non-blank lines after the header.
   */
  rows: number;
  /** What the bytes were decoded as: utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252. */
  encoding: string;
  delimiter: string;
  /** The header as found (trimmed). */
  columns: string[];
}

export interface ParseOptions {
  source: ImportSource;
  /** Replaces the source's built-in mapping (validate user input with parseMapping first). */
  mapping?: ColumnMapping;
  /** For ambiguous slashed dates like 03/04/2025: true reads day/month; default false (US month/day). */
  dayFirst?: boolean;
  /** More data rows than this refuse the file (TOO_LARGE); default 200,000. */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 200_000;

/** Longest accepted value per field, in characters. */
export const FIELD_MAX_LENGTH: Readonly<Record<ImportField, number>> = {
  externalId: 200,
  companyName: 300,
  title: 300,
  website: 300,
  email: 300,
  description: 20_000,
  stage: 100,
  country: 100,
  region: 100,
  closeDate: 100,
  amount: 100,
};

const DELIMITERS = [",", ";", "\t"] as const;

/**
 * The delimiter of the header line: whichever of `,` `;` tab occurs most often outside quotes
 * (ties go in that order; none means one column, read as `,`).
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Binary content: NUL characters, or more than 1% control characters in the first 64k. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.includes("\u0000")) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    // Tab, LF, VT (Excel's in-cell line break), FF and CR are text.
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) controls++;
  }
  return controls > sample.length / 100;
}

/** The first line that is not empty (quoted line breaks kept), and where it ends. */
function firstLine(text: string, from: number): { line: string; end: number } {
  let start = from;
  while (text[start] === "\r" || text[start] === "\n") start++;
  let quoted = false;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
  }
  return { line: text.slice(start, i), end: i };
}

function describeColumns(columns: readonly string[]): string {
  return columns.length === 1 ? `column "${columns[0]}"` : `columns ${columns.map((c) => `"${c}"`).join(" + ")}`;
}

/** One record as the tokenizer read it (see {@link readRecord}). */
type RawRecord =
  | {
      ok: true;
      cells: string[];
      /** Where the next record starts (past this one's line break). */
      next: number;
      /** Physical line breaks inside quoted fields (0: the record is on one line). */
      inner: number;
      /** Physical lines the record takes, its line break included. */
      breaks: number;
    }
  | {
      ok: false;
      /** The complete cells before the quoted field that broke the record. */
      cells: string[];
      /** The cell (0-based) whose opening quote is not properly closed. */
      column: number;
      /** Line breaks between the record's start and where the problem shows (0: on its first line). */
      breaksBefore: number;
      /** What was found: the end of the file, or this character after a closing quote. */
      found: "eof" | string;
    };

/**
 * Reads one record at `pos` (RFC 4180: a field that starts with `"` is quoted, `""` inside it is
 * a quote, line breaks inside it belong to the value; a `"` inside an unquoted field is literal).
 * A quoted field is well formed only when its closing quote is followed by the delimiter, a line
 * break or the end of the file; anything else (or no closing quote at all) breaks the record.
 */
function readRecord(text: string, pos: number, delimiter: string): RawRecord {
  const cells: string[] = [];
  let i = pos;
  let breaks = 0;
  for (;;) {
    if (text[i] === '"') {
      const column = cells.length;
      let value = "";
      let from = i + 1;
      let closed = -1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return { ok: false, cells, column, breaksBefore: breaks, found: "eof" };
        breaks += lineBreaks(text, from, q);
        value += text.slice(from, q);
        if (text[q + 1] === '"') {
          value += '"';
          from = q + 2;
          continue;
        }
        closed = q;
        break;
      }
      i = closed + 1;
      cells.push(value);
      if (i >= text.length) return { ok: true, cells, next: i, inner: breaks, breaks };
      const after = text[i]!;
      if (after === delimiter) {
        i++;
        continue;
      }
      if (after !== "\n" && after !== "\r") return { ok: false, cells: cells.slice(0, column), column, breaksBefore: breaks, found: after };
    } else {
      let j = i;
      while (j < text.length && text[j] !== delimiter && text[j] !== "\n" && text[j] !== "\r") j++;
      cells.push(text.slice(i, j));
      i = j;
      if (i >= text.length) return { ok: true, cells, next: i, inner: breaks, breaks };
      if (text[i] === delimiter) {
        i++;
        continue;
      }
    }
    // A line break ends the record: CRLF, LF or a lone CR (old Mac exports).
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    return { ok: true, cells, next: i, inner: breaks, breaks: breaks + 1 };
  }
}

/** Physical line breaks in text[from, to): CRLF, LF and lone CR count one each. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) n++;
  }
  return n;
}

/** Where the physical line that starts at `pos` ends, past its line break. */
function nextLine(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
  if (i < text.length) i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
  return i;
}

/** A row has the header's width: extra cells are allowed when empty (Excel pads rows). */
function fitsWidth(cells: readonly string[], width: number): boolean {
  return cells.length === width || (cells.length > width && cells.slice(width).every((c) => c.trim() === ""));
}

/**
 * Parses an opportunity export (APN, Odoo or any CSV with a mapping) into validated records and
 * row errors. The encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
 * windows-1252), the delimiter from the header line (`,` `;` tab, or an Excel `sep=` line), and
 * quoting follows RFC 4180 (line breaks inside quotes included). Bad rows become {@link RowError}s
 * with the physical line where the row starts; good rows always come back. Throws
 * {@link ImportFileError} when the file as a whole cannot be used.
 *
 * Broken quoting. A quoted field may span lines (CRM notes, addresses), so an opening quote that
 * is never properly closed would otherwise take every line after it into one cell and lose the
 * rows there. The rule: a record is read with its quoted fields spanning lines only when the
 * result is well formed, that is
 *   1. every quoted field is closed before the end of the file,
 *   2. every closing quote is followed by the delimiter, a line break or the end of the file
 *      (a quote that "closes" on a later line before other text is the next record's quote), and
 *   3. a record spanning several lines has the header's width (a quote that runs into the next
 *      records closes, if ever, where the cell count no longer fits the header).
 * Otherwise the quote is read as unterminated: the row fails on its first physical line with the
 * column and the reason, and reading resumes on the next physical line, so that every line after
 * it is read (and counted) as a row of its own: valid rows land, fragments fail with their own
 * line. A broken single-line record is reported the same way. A header that cannot be read this
 * way refuses the file (UNREADABLE). Well-formed files (every RFC 4180 file whose rows have the
 * header's width) read exactly as before, multi-line fields included, whatever their lines look
 * like. What no rule can tell apart: a stray quote whose runaway field happens to close at a later
 * `"` before the delimiter, in a row of the right width (e.g. `27"` in the same column two lines
 * down) reads like a legitimate multi-line field; everything else stops at the next quote or EOF.
 */
export function parseOpportunityCsv(bytes: Uint8Array, options: ParseOptions): ParsedImport {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const dayFirst = options.dayFirst ?? false;
  const candidates = mappingCandidates(options.source, options.mapping);
  const decoded = decodeTextWithEncoding(bytes);
  let text = decoded.text;
  if (looksBinary(text)) throw new ImportFileError("UNREADABLE", "the file is not text (binary content); expected a CSV export");

  let head = firstLine(text, 0);
  let delimiter: string;
  const sepLine = /^sep=(.)$/i.exec(head.line.trim());
  if (sepLine) {
    // Excel's "sep=;" hint: keep its line break so that line numbers still count it.
    delimiter = sepLine[1]!;
    text = text.slice(head.end);
    head = firstLine(text, 0);
  } else {
    delimiter = detectDelimiter(head.line);
  }
  if (head.line.trim() === "") throw new ImportFileError("UNREADABLE", "the file has no header line; expected a CSV export");

  let header: string[] | null = null;
  let columns: ResolvedColumns | null = null;
  let rows = 0;
  const records: ImportRecord[] = [];
  const errors: RowError[] = [];
  const firstSeen = new Map<string, number>();
  const countRow = (): void => {
    rows++;
    if (rows > maxRows) {
      throw new ImportFileError("TOO_LARGE", `the file has more than ${maxRows.toLocaleString("en-US")} rows; split it into smaller files`);
    }
  };
  const columnName = (index: number): string => (header && index < header.length && header[index] !== "" ? `column "${header[index]}"` : `column ${index + 1}`);

  let pos = 0;
  let line = 1;
  /** A record with broken quoting: it fails on its first line; reading resumes on the next line. */
  const refuseBroken = (cells: readonly string[], reason: string): void => {
    if (header === null) throw new ImportFileError("UNREADABLE", `the header line cannot be read: ${reason}`);
    countRow();
    const idColumn = columns!.externalId;
    const id = idColumn !== null && idColumn.indexes.every((i) => i < cells.length) ? singleLine(cellValue(cells, idColumn) ?? "") : "";
    errors.push({ line, externalId: id || null, reason });
    pos = nextLine(text, pos);
    line++;
  };
  while (pos < text.length) {
    // Blank lines are not rows (they still count as lines).
    if (text[pos] === "\n" || text[pos] === "\r") {
      pos += text[pos] === "\r" && text[pos + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    const record = readRecord(text, pos, delimiter);
    if (!record.ok) {
      // Rules 1 and 2.
      const column = columnName(record.column);
      refuseBroken(
        record.cells,
        record.found === "eof"
          ? `unterminated quoted field: the " opening ${column} is never closed`
          : record.breaksBefore === 0
            ? `malformed quoted field: the " closing ${column} is followed by ${JSON.stringify(record.found)} instead of the delimiter or a line break`
            : `unterminated quoted field: the " opening ${column} is not closed on its line (the next " is on line ${line + record.breaksBefore}, followed by ${JSON.stringify(record.found)})`,
      );
      continue;
    }
    if (header !== null && record.inner > 0 && !fitsWidth(record.cells, header.length)) {
      // Rule 3: a record that spans lines and does not fit the header ran into the next records.
      const column = Math.max(0, record.cells.findIndex((c) => c.includes("\n") || c.includes("\r")));
      refuseBroken(
        record.cells.slice(0, column),
        `unterminated quoted field: the " opening ${columnName(column)} is not closed on its line (closing it on line ${line + record.inner} leaves ${record.cells.length} columns; the header has ${header.length})`,
      );
      continue;
    }

    const at = line;
    pos = record.next;
    line += record.breaks;
    if (header === null) {
      header = record.cells.map((c) => c.trim());
      columns = resolveColumns(header, candidates);
      continue;
    }
    if (record.cells.every((c) => c.trim() === "")) continue;
    countRow();
    const row = toRecord(record.cells, at, header.length, columns!, dayFirst, firstSeen);
    if ("reason" in row) errors.push(row);
    else {
      firstSeen.set(row.externalId, at);
      records.push(row);
    }
  }

  if (header === null) throw new ImportFileError("UNREADABLE", "the file has no header line; expected a CSV export");
  if (rows === 0) throw new ImportFileError("EMPTY", "the file has a header but no rows");
  return { records, errors, rows, encoding: decoded.encoding, delimiter, columns: header };
}

/** A field's cell value (parts of a column list joined with single spaces); null when unmapped. */
function cellValue(cells: readonly string[], column: ResolvedColumn | null): string | null {
  if (column === null) return null;
  const { indexes } = column;
  if (indexes.length === 1) return cells[indexes[0]!] ?? "";
  let joined = "";
  for (const i of indexes) {
    const part = (cells[i] ?? "").trim();
    if (part !== "") joined = joined === "" ? part : `${joined} ${part}`;
  }
  return joined;
}

/** A text field's clean value (null when unmapped or empty); a value over its limit adds a reason. */
function textValue(cells: readonly string[], columns: ResolvedColumns, field: ImportField, reasons: string[], multi = false): string | null {
  const value = cellValue(cells, columns[field]);
  if (value === null || value === "") return null;
  const clean = multi ? multiLine(value) : singleLine(value);
  const max = FIELD_MAX_LENGTH[field];
  if (clean.length > max) reasons.push(`${field} is longer than ${max.toLocaleString("en-US")} characters (${clean.length.toLocaleString("en-US")})`);
  return clean === "" ? null : clean;
}

/**
 * CRM leads often lack a company name but carry the company's site or a work address: the
 * registrable domain's first label stands in for the name ("www.acme-corp.de" → "acme-corp").
 */
function companyFromDomain(website: string | null, email: string | null): string | null {
  const domain = domainFromWebsite(website) ?? domainFromEmail(email);
  return domain ? domain.split(".")[0]! : null;
}

function requiredValue(cells: readonly string[], columns: ResolvedColumns, field: "externalId", reasons: string[]): string {
  const value = textValue(cells, columns, field, reasons);
  if (value === null) reasons.push(`missing ${field} (${describeColumns(columns[field]!.columns)})`);
  return value ?? "";
}

function toRecord(
  cells: readonly string[],
  line: number,
  width: number,
  columns: ResolvedColumns,
  dayFirst: boolean,
  firstSeen: ReadonlyMap<string, number>,
): ImportRecord | RowError {
  if (!fitsWidth(cells, width)) {
    const id = singleLine(cellValue(cells, columns.externalId) ?? "");
    return { line, externalId: id || null, reason: `expected ${width} columns, found ${cells.length}` };
  }

  const reasons: string[] = [];
  const externalId = requiredValue(cells, columns, "externalId", reasons);
  const website = textValue(cells, columns, "website", reasons);
  const companyName = textValue(cells, columns, "companyName", reasons) ?? companyFromDomain(website, cellValue(cells, columns.email));
  if (companyName === null) reasons.push(`missing companyName (${describeColumns(columns.companyName!.columns)}) and no website or e-mail domain to take it from`);
  const title = textValue(cells, columns, "title", reasons) ?? "";
  const description = textValue(cells, columns, "description", reasons, true);
  const stage = textValue(cells, columns, "stage", reasons);
  const country = textValue(cells, columns, "country", reasons);
  const region = textValue(cells, columns, "region", reasons);

  let email: string | null = null;
  const emailRaw = cellValue(cells, columns.email);
  if (emailRaw) {
    const parsed = parseEmail(emailRaw);
    if (!parsed.ok) reasons.push(parsed.reason);
    else if (parsed.value !== null && parsed.value.length > FIELD_MAX_LENGTH.email) {
      reasons.push(`email is longer than ${FIELD_MAX_LENGTH.email} characters (${parsed.value.length})`);
    } else email = parsed.value;
  }
  let closeDate: string | null = null;
  const dateRaw = cellValue(cells, columns.closeDate);
  if (dateRaw) {
    const parsed = parseDate(dateRaw, dayFirst);
    if (parsed.ok) closeDate = parsed.value;
    else reasons.push(parsed.reason);
  }
  let amount: number | null = null;
  const amountRaw = cellValue(cells, columns.amount);
  if (amountRaw) {
    const parsed = parseAmount(amountRaw);
    if (parsed.ok) amount = parsed.value;
    else reasons.push(parsed.reason);
  }

  if (externalId !== "" && reasons.length === 0) {
    const first = firstSeen.get(externalId);
    if (first !== undefined) reasons.push(`duplicate externalId ${externalId}, first seen on line ${first}`);
  }
  if (reasons.length > 0) return { line, externalId: externalId || null, reason: reasons.join("; ") };
  return { line, externalId, companyName: companyName ?? "", website, email, title, description, stage, country, region, closeDate, amount };
}
