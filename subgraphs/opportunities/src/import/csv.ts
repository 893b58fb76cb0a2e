import { domainFromEmail, domainFromWebsite } from "../matching/normalize.js";
import { Buffer } from "node:buffer";
import { parse, type CsvError } from "csv-parse/sync";
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
  /** Data rows seen (blank lines and rows of only empty cells are not rows). */
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

const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses an opportunity export (APN, Odoo or any CSV with a mapping) into validated records and
 * row errors. The encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
 * windows-1252), the delimiter from the header line (`,` `;` tab, or an Excel `sep=` line), and
 * quoting follows RFC 4180 (line breaks inside quotes included). Bad rows become {@link RowError}s
 * with the physical line where the row starts; good rows always come back. Throws
 * {@link ImportFileError} when the file as a whole cannot be used.
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

  const buffer = Buffer.from(text, "utf8");
  // Physical line numbers: csv-parse's own `info.lines` counts a CRLF inside quotes twice, so
  // lines are counted here from the byte offset where each record ends (`info.bytes`).
  let cursor = 0;
  let line = 1;
  let previousEnd = 0;
  const startLineOfRecordAfter = (previous: number): number => {
    let start = previous;
    while (buffer[start] === CR || buffer[start] === LF) start++;
    for (; cursor < start; cursor++) {
      const b = buffer[cursor];
      if (b === LF || (b === CR && buffer[cursor + 1] !== LF)) line++;
    }
    return line;
  };

  const state: { header: string[] | null; columns: ResolvedColumns | null } = { header: null, columns: null };
  let rows = 0;
  const records: ImportRecord[] = [];
  const errors: RowError[] = [];
  const firstSeen = new Map<string, number>();

  const onRow = (cells: string[], at: number): void => {
    if (state.header === null) {
      state.header = cells.map((c) => c.trim());
      state.columns = resolveColumns(state.header, candidates);
      return;
    }
    if (cells.every((c) => c.trim() === "")) return;
    rows++;
    if (rows > maxRows) {
      throw new ImportFileError("TOO_LARGE", `the file has more than ${maxRows.toLocaleString("en-US")} rows; split it into smaller files`);
    }
    const row = toRecord(cells, at, state.header.length, state.columns!, dayFirst, firstSeen);
    if ("reason" in row) errors.push(row);
    else {
      firstSeen.set(row.externalId, at);
      records.push(row);
    }
  };

  parse(buffer, {
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      // With relax_quotes this is a quote left open: it ran to the end of the file.
      const at = startLineOfRecordAfter(previousEnd);
      if (state.header === null) throw new ImportFileError("UNREADABLE", `the header line cannot be read: ${err?.message ?? "bad quoting"}`);
      const unclosed = err === undefined || err.code === "CSV_QUOTE_NOT_CLOSED";
      rows++;
      errors.push({ line: at, externalId: null, reason: unclosed ? `unterminated quoted field (a " opened here is never closed)` : err.message });
      previousEnd = unclosed || typeof err.bytes !== "number" ? buffer.length : err.bytes;
    },
    on_record: (cells: string[], context) => {
      const at = startLineOfRecordAfter(previousEnd);
      previousEnd = context.bytes;
      onRow(cells, at);
      return null;
    },
  });

  const { header } = state;
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
  if (cells.length !== width && (cells.length < width || cells.slice(width).some((c) => c.trim() !== ""))) {
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
