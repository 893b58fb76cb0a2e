import { describe, expect, it } from "vitest";
import { multiLine, parseAmount, parseDate, parseEmail, singleLine } from "../src/import/values.js";

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }): T | string =>
  result.ok ? result.value : `ERROR: ${result.reason}`;

describe("parseDate", () => {
  it.each([
    ["2025-03-15", "2025-03-15"],
    ["2025-3-5", "2025-03-05"],
    ["2025-03-15T23:30:00Z", "2025-03-15"],
    ["2025-03-15T23:30:00.000+02:00", "2025-03-15"],
    ["2025-03-15 10:00:00", "2025-03-15"],
    ["2025/03/15", "2025-03-15"],
    ["15.03.2025", "2025-03-15"],
    ["5.3.2025", "2025-03-05"],
    ["15.03.2025 00:00", "2025-03-15"],
    ["5 Mar 2025", "2025-03-05"],
    ["05 March 2025", "2025-03-05"],
    ["15-Mar-2025", "2025-03-15"],
    ["Mar 5, 2025", "2025-03-05"],
    ["September 30 2025", "2025-09-30"],
    ["Sept. 30, 2025", "2025-09-30"],
    ["3/15/2025", "2025-03-15"],
    ["15/3/2025", "2025-03-15"],
    ["03/04/2025", "2025-03-04"],
    ["3/15/2025 12:00 AM", "2025-03-15"],
    ["2024-02-29", "2024-02-29"],
    ["1995", "1995-07-01"],
    [" 2027 ", "2027-07-01"],
    ["  ", null],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });

  it("reads ambiguous slashed dates day first only when asked", () => {
    expect(value(parseDate("03/04/2025", true))).toBe("2025-04-03");
    expect(value(parseDate("3/15/2025", true))).toBe("2025-03-15");
    expect(value(parseDate("15/3/2025", false))).toBe("2025-03-15");
  });

  it.each([
    ["2025-02-29", 'closeDate "2025-02-29" is not a valid date'],
    ["2025-13-01", 'closeDate "2025-13-01" is not a valid date'],
    ["31.04.2025", 'closeDate "31.04.2025" is not a valid date'],
    ["02/30/2025", 'closeDate "02/30/2025" is not a valid date'],
    ["13/13/2025", 'closeDate "13/13/2025" is not a valid date'],
    ["0/5/2025", 'closeDate "0/5/2025" is not a valid date'],
    ["31 Feb 2025", 'closeDate "31 Feb 2025" is not a valid date'],
    ["next quarter", 'closeDate "next quarter" is not a recognised date (use YYYY-MM-DD)'],
    ["5 Foo 2025", 'closeDate "5 Foo 2025" is not a recognised date (use YYYY-MM-DD)'],
    ["3/15/25", 'closeDate "3/15/25" is not a recognised date (use YYYY-MM-DD)'],
    ["95", 'closeDate "95" is not a recognised date (use YYYY-MM-DD)'],
    ["19950", 'closeDate "19950" is not a recognised date (use YYYY-MM-DD)'],
  ])("%j is an error", (input, reason) => {
    expect(parseDate(input)).toEqual({ ok: false, reason });
  });
});

describe("parseAmount", () => {
  it.each([
    ["$1,250.00", 1250],
    ["1250", 1250],
    ["1.250,50 €", 1250.5],
    ["€1.250,50", 1250.5],
    ["15000.0", 15000],
    ["USD 2,000", 2000],
    ["2000 EUR", 2000],
    ["US$ 99.99", 99.99],
    ["1 250,5", 1250.5],
    ["1\u00a0250\u00a0000", 1250000],
    ["1'250'000.75", 1250000.75],
    ["1,234,567", 1234567],
    ["1.234.567,89", 1234567.89],
    ["1.250", 1250],
    ["0.125", 0.125],
    ["12.3456", 12.3456],
    ["1.5E+04", 15000],
    ["0", 0],
    ["-0", 0],
    ["", null],
    ["   ", null],
  ])("%j → %j", (input, expected) => {
    expect(value(parseAmount(input))).toBe(expected);
  });

  it.each([
    ["(100)", 'amount "(100)" must not be negative'],
    ["-5", 'amount "-5" must not be negative'],
    ["$-1,000", 'amount "$-1,000" must not be negative'],
    ["1,000-", 'amount "1,000-" must not be negative'],
    ["abc", 'amount "abc" is not a number'],
    ["12k", 'amount "12k" is not a number'],
    ["1.250.50", 'amount "1.250.50" is not a number'],
    ["1,2345,6", 'amount "1,2345,6" is not a number'],
    ["-", 'amount "-" is not a number'],
    ["1 2 3 4.5.6", 'amount "1 2 3 4.5.6" is not a number'],
  ])("%j is an error", (input, reason) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason });
  });
});

describe("parseEmail", () => {
  it.each([
    ["jane@example.com", "jane@example.com"],
    ["  jane.doe+crm@mail.example.co.uk ", "jane.doe+crm@mail.example.co.uk"],
    ["Jane Doe <jane@example.com>", "jane@example.com"],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(value(parseEmail(input))).toBe(expected);
  });

  it.each(["jane", "jane@", "jane@example", "jane doe@example.com", "a@b.com, c@d.com", "jane@@example.com", "jane@example..com"])(
    "%j is an error",
    (input) => {
      expect(parseEmail(input)).toEqual({ ok: false, reason: `email "${input}" is not an e-mail address` });
    },
  );
});

describe("whitespace", () => {
  it("collapses single-line values and keeps the lines of multi-line ones", () => {
    expect(singleLine("  Acme \t Corp\r\n Ltd\u00a0 ")).toBe("Acme Corp Ltd");
    expect(singleLine("Acme Corp")).toBe("Acme Corp");
    expect(multiLine("  line one\r\nline two\rline three\n ")).toBe("line one\nline two\nline three");
  });
});
