/** Either a parsed value or why the text could not be parsed. */
export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): ValueResult<T> => ({ ok: false, reason });

/** Whitespace that trimming alone does not fix: a run of two, or any but a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Trims and collapses every run of whitespace (newlines included) into one space. */
export function singleLine(value: string): string {
  return NEEDS_COLLAPSE.test(value) ? value.replace(/\s+/g, " ").trim() : value.trim();
}


/** Trims, and turns CRLF / CR line ends into LF. */
export function multiLine(value: string): string {
  return (value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value).trim();
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

/** A time of day (and zone) after the date, as spreadsheets and CRMs append it; ignored. */
const TIME_SUFFIX = /(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)$/;

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A close date as ISO `YYYY-MM-DD`. Accepts ISO dates and datetimes (the date part is kept, no
 * time-zone shift), `YYYY/MM/DD`, `DD.MM.YYYY`, `D Mon YYYY` / `D-Mon-YYYY`, `Mon D, YYYY`, and
 * slashed `a/b/YYYY`: a > 12 means day first, b > 12 month first, otherwise `dayFirst` decides
 * (false: US month/day, what APN exports use). A trailing time of day is ignored. A bare year
 * (`YYYY`, as bibliographic and fiscal-year columns hold) stands for its 1 July, the day nearest to
 * every day of that year. Empty → null.
 */
export function parseDate(raw: string, dayFirst = false): ValueResult<string | null> {
  const text = singleLine(raw);
  if (text === "") return ok(null);
  const date = text.length > 10 ? text.replace(TIME_SUFFIX, "").trim() : text;
  const invalid = fail<string | null>(`closeDate "${text}" is not a valid date`);
  if (/^\d{4}$/.test(date)) return validDate(Number(date), 7, 1, text);
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(date);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(date);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]), text);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    if (a > 12 && b > 12) return invalid;
    const dayIsFirst = a > 12 ? true : b > 12 ? false : dayFirst;
    return dayIsFirst ? validDate(year, b, a, text) : validDate(year, a, b, text);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(date);
  if (m && MONTHS[m[2]!.toLowerCase()] !== undefined) return validDate(Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]), text);
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(date);
  if (m && MONTHS[m[1]!.toLowerCase()] !== undefined) return validDate(Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]), text);
  return fail(`closeDate "${text}" is not a recognised date (use YYYY-MM-DD)`);
}

function validDate(year: number, month: number, day: number, text: string): ValueResult<string | null> {
  const iso = isoDate(year, month, day);
  return iso === null ? fail(`closeDate "${text}" is not a valid date`) : ok(iso);
}

/** Currency symbols, ISO codes and signs that may stand before or after an amount. */
const AMOUNT_PREFIX = /^(?:\s+|[A-Za-z]{1,3}(?=\p{Sc})|[A-Za-z]{3}(?![A-Za-z])|\p{Sc}|[-\u2212+])/u;
const AMOUNT_SUFFIX = /(?:\s+|(?<![A-Za-z])[A-Za-z]{3}|\p{Sc}|[-\u2212])$/u;

/**
 * An amount as a number: currency symbols and codes are dropped (`$1,250.00`, `USD 2,000`,
 * `1.250,50 €`); the last `.` or `,` is the decimal separator when exactly one or two digits
 * follow it, every other separator groups thousands (as do spaces and apostrophes). Negative
 * amounts (`-5`, `(100)`) are errors. Empty → null.
 */
export function parseAmount(raw: string): ValueResult<number | null> {
  const text = singleLine(raw);
  if (text === "") return ok(null);
  const notNumber = fail<number | null>(`amount "${text}" is not a number`);
  let rest = text;
  let negative = false;
  if (/^\(.*\)$/.test(rest)) {
    negative = true;
    rest = rest.slice(1, -1);
  }
  for (let m = AMOUNT_PREFIX.exec(rest); m; m = AMOUNT_PREFIX.exec(rest)) {
    if (/^[-\u2212]$/.test(m[0])) negative = true;
    rest = rest.slice(m[0].length);
  }
  for (let m = AMOUNT_SUFFIX.exec(rest); m; m = AMOUNT_SUFFIX.exec(rest)) {
    if (/^[-\u2212]$/.test(m[0])) negative = true;
    rest = rest.slice(0, rest.length - m[0].length);
  }
  let value: number;
  if (/^\d+(?:\.\d+)?[eE][+-]?\d+$/.test(rest)) {
    value = Number(rest);
  } else {
    const digits = rest.replace(/(?<=\d)[\s'\u2019](?=\d)/g, "");
    if (!/^\d+(?:[.,]\d+)*$/.test(digits)) return notNumber;
    const last = Math.max(digits.lastIndexOf("."), digits.lastIndexOf(","));
    if (last < 0) {
      value = Number(digits);
    } else {
      const separator = digits[last]!;
      const integer = digits.slice(0, last);
      const fraction = digits.slice(last + 1);
      const separators = integer.replace(/\d/g, "");
      const singleSeparator = separators.length === 0;
      // One or two digits after the last separator make it the decimal one; so does a lone
      // separator after a bare 0 ("0.125") or before four or more digits ("0.1234").
      const isDecimal = fraction.length <= 2 || (singleSeparator && (integer === "0" || fraction.length > 3));
      if (isDecimal) {
        if (separators.includes(separator)) return notNumber;
        value = Number(`${integer.replace(/[.,]/g, "")}.${fraction}`);
      } else {
        if (fraction.length !== 3) return notNumber;
        value = Number(digits.replace(/[.,]/g, ""));
      }
    }
  }
  if (!Number.isFinite(value)) return notNumber;
  if (negative && value !== 0) return fail(`amount "${text}" must not be negative`);
  return ok(value);
}

/**
 * An e-mail address: `someone@example.com`, or the address inside `Name <someone@example.com>`
 * (how Odoo's email_from often reads). Empty → null.
 */
export function parseEmail(raw: string): ValueResult<string | null> {
  const text = singleLine(raw);
  if (text === "") return ok(null);
  const address = /^[^<>]*<([^<>]+)>$/.exec(text)?.[1]?.trim() ?? text;
  if (/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/.test(address) && !address.includes("..")) return ok(address);
  return fail(`email "${text}" is not an e-mail address`);
}
