import type { GoldPair } from "../matching/types.js";

const APN_COLUMN = "apn_external_id";
const ODOO_COLUMN = "odoo_external_id";

interface CsvRow {
  /** 1-based line on which the row starts. */
  line: number;
  fields: string[];
}

/** Splits CSV text into rows (RFC 4180 quoting, CRLF or LF, quoted newlines kept in the field). */
function* csvRows(text: string, delimiter: string): Generator<CsvRow> {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let rowDone = false;
    while (!rowDone) {
      if (i < n && text[i] === '"' && field.trim() === "") {
        // Quoted field.
        field = "";
        i++;
        for (;;) {
          if (i >= n) throw new Error(`gold CSV line ${startLine}: unterminated quoted field`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        // Only blanks may follow the closing quote before the delimiter or end of line.
        while (i < n && (text[i] === " " || text[i] === "\t") && text[i] !== delimiter) i++;
        if (i < n && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") {
          throw new Error(`gold CSV line ${line}: unexpected character ${JSON.stringify(text[i])} after a quoted field`);
        }
      }
      if (i >= n) {
        fields.push(field);
        rowDone = true;
        break;
      }
      const c = text[i]!;
      if (c === delimiter) {
        fields.push(field);
        field = "";
        i++;
      } else if (c === "\r" || c === "\n") {
        fields.push(field);
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        rowDone = true;
      } else {
        field += c;
        i++;
      }
    }
    yield { line: startLine, fields };
  }
}

const isBlank = (row: CsvRow): boolean => row.fields.every((f) => f.trim() === "");

/** The delimiter of a header line: comma, or semicolon or tab when the line has those and no comma. */
function detectDelimiter(headerLine: string): string {
  if (headerLine.includes(",")) return ",";
  if (headerLine.includes(";")) return ";";
  if (headerLine.includes("\t")) return "\t";
  return ",";
}

/**
 * Parses a gold-standard CSV. The header (first non-blank line) must name `apn_external_id` and
 * `odoo_external_id`, in any order and case; other columns are ignored and a UTF-8 BOM is
 * tolerated. Ids are trimmed; blank lines are skipped; a row missing either id throws an Error
 * naming its line. Duplicate pairs are dropped (the first is kept, order preserved).
 */
export function parseGoldCsv(text: string): GoldPair[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const rows = csvRows(body, detectDelimiter(firstLine));

  // One pass: `for…of` with `break` would close the generator, so the header is pulled by hand.
  let header: CsvRow | undefined;
  for (let next = rows.next(); !next.done; next = rows.next()) {
    if (!isBlank(next.value)) {
      header = next.value;
      break;
    }
  }
  if (!header) throw new Error(`gold CSV is empty: expected a header with ${APN_COLUMN} and ${ODOO_COLUMN}`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const apnIndex = names.indexOf(APN_COLUMN);
  const odooIndex = names.indexOf(ODOO_COLUMN);
  const missing = [apnIndex < 0 ? APN_COLUMN : null, odooIndex < 0 ? ODOO_COLUMN : null].filter((c) => c !== null);
  if (missing.length > 0) {
    throw new Error(`gold CSV line ${header.line}: header lacks ${missing.join(" and ")} (found: ${header.fields.map((f) => f.trim()).join(", ")})`);
  }

  const seen = new Set<string>();
  const out: GoldPair[] = [];
  for (const row of rows) {
    if (isBlank(row)) continue;
    const apn = row.fields[apnIndex]?.trim() ?? "";
    const odoo = row.fields[odooIndex]?.trim() ?? "";
    const lacking = [apn === "" ? APN_COLUMN : null, odoo === "" ? ODOO_COLUMN : null].filter((c) => c !== null);
    if (lacking.length > 0) {
      throw new Error(`gold CSV line ${row.line}: missing ${lacking.join(" and ")} (${row.fields.length} field${row.fields.length === 1 ? "" : "s"})`);
    }
    const key = `${apn}\u0000${odoo}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ apnExternalId: apn, odooExternalId: odoo });
  }
  return out;
}
