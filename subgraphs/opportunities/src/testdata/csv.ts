/** RFC 4180 CSV writing and the byte encodings real CRM exports use. */

export interface CsvWriteOptions {
  /** Record separator: "\r\n" (RFC 4180, Excel, APN) or "\n" (Odoo on Linux). */
  eol: "\r\n" | "\n";
  /** Quote every field (what Odoo's exporter does) instead of only those that need it. */
  quoteAll?: boolean;
}

/** One field: quoted when it holds a comma, quote, CR or LF (or always), quotes doubled. */
export function csvField(value: string, quoteAll = false): string {
  if (quoteAll || /[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Header and rows as CSV text; every record, the last included, ends with `eol`. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>, options: CsvWriteOptions): string {
  const lines: string[] = [];
  for (const row of [header, ...rows]) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} fields, header has ${header.length}`);
    lines.push(row.map((v) => csvField(v, options.quoteAll)).join(","));
  }
  return lines.join(options.eol) + options.eol;
}

/** windows-1252's 0x80–0x9F block (undefined positions map to themselves). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const CP1252_REVERSE = new Map<string, number>([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

/**
 * Text as windows-1252 bytes. Characters the code page lacks become "?" (what Windows' "best fit"
 * does at worst); `unencodable` counts them so a generator can assert there were none.
 */
export function encodeWindows1252(text: string): { bytes: Buffer; unencodable: number } {
  const bytes = Buffer.alloc(text.length);
  let n = 0;
  let unencodable = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let byte: number | undefined;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) byte = code;
    else if (code >= 0xd800 && code <= 0xdbff) {
      i++; // a surrogate pair: one character outside the code page
      byte = undefined;
    } else byte = CP1252_REVERSE.get(text[i]!);
    if (byte === undefined) {
      unencodable++;
      byte = 0x3f;
    }
    bytes[n++] = byte;
  }
  return { bytes: bytes.subarray(0, n), unencodable };
}

/** Text as UTF-8 with a byte-order mark (EF BB BF). */
export function encodeUtf8Bom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
