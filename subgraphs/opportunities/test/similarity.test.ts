import { describe, expect, it } from "vitest";
import {
  dateCloseness,
  jaroWinkler,
  logRatioCloseness,
  tokenContainment,
  tokenSetSimilarity,
  trigramProfile,
  trigramProfileSimilarity,
  trigramSimilarity,
} from "../src/matching/similarity.js";

describe("jaroWinkler", () => {
  it.each([
    ["MARTHA", "MARHTA", 0.961111],
    ["DWAYNE", "DUANE", 0.84],
    ["DIXON", "DICKSONX", 0.813333],
    ["JELLYFISH", "SMELLYFISH", 0.896296],
    ["CRATE", "TRACE", 0.733333],
    ["Müller", "Muller", 0.9],
    // The prefix bonus counts at most 4 characters: 0.904762 + 4 × 0.1 × 0.095238.
    ["ABCDEFG", "ABCDEFH", 0.942857],
    // Jaro 0.6667 is below Winkler's 0.7 threshold: no prefix bonus (0.7667 with one).
    ["ABCXYZ", "ABCDEF", 0.666667],
    ["ABC", "XYZ", 0],
  ])("%s / %s → %f", (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 5);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 5);
  });

  it("is 1 for identical strings and 0 when exactly one is empty", () => {
    expect(jaroWinkler("acme", "acme")).toBe(1);
    expect(jaroWinkler("", "")).toBe(1);
    expect(jaroWinkler("acme", "")).toBe(0);
    expect(jaroWinkler("", "acme")).toBe(0);
  });

  it("handles single characters and is case-sensitive", () => {
    expect(jaroWinkler("a", "a")).toBe(1);
    expect(jaroWinkler("a", "b")).toBe(0);
    expect(jaroWinkler("acme", "ACME")).toBe(0);
  });

  it("scales the prefix bonus", () => {
    expect(jaroWinkler("MARTHA", "MARHTA", 0)).toBeCloseTo(0.944444, 5);
    expect(jaroWinkler("MARTHA", "MARHTA", 0.25)).toBeCloseTo(0.986111, 5);
    expect(() => jaroWinkler("a", "b", 0.3)).toThrow(RangeError);
    expect(() => jaroWinkler("a", "b", -0.1)).toThrow(RangeError);
  });

  it("gives the same result for long strings after short ones (scratch buffers)", () => {
    const long = "international business machines corporation ".repeat(10);
    const value = jaroWinkler(long, `${long}x`);
    expect(jaroWinkler("ab", "ba")).toBe(0);
    expect(jaroWinkler(long, `${long}x`)).toBe(value);
    const jaro = (1 + long.length / (long.length + 1) + 1) / 3;
    expect(value).toBeCloseTo(jaro + 4 * 0.1 * (1 - jaro), 12);
  });
});

describe("trigramSimilarity", () => {
  // Reference values from PostgreSQL 15.20's pg_trgm: `SELECT similarity(a, b)` in a scratch
  // database (UTF8, LC_CTYPE C.UTF-8) on 127.0.0.1:5432. pg_trgm returns float4, hence ~7 digits.
  it.each([
    ["word", "two words", 0.36363637],
    ["acme", "acme", 1],
    ["acme corp", "acme corporation", 0.5],
    ["international business machines", "ibm", 0.030303031],
    ["Acme Cloud Services", "ACME cloud-services!", 1],
    ["amazon web services", "amazon.com services", 0.6666667],
    ["O'Reilly Media", "oreilly media", 0.7058824],
    ["3m", "3m company", 0.27272728],
    ["R2-D2", "r2d2", 0.375],
    ["aaaa aaaa", "aaaa", 1],
    ["a_b", "a b", 1],
    ["x", "x", 1],
    ["rocket 🚀 labs", "rocket labs", 1],
    ["müller", "mueller", 0.36363637],
    ["Müller GmbH", "MÜLLER gmbh", 1],
    ["société générale", "societe generale", 0.30769232],
    ["naïve café", "NAÏVE CAFÉ", 1],
    ["straße", "strasse", 0.36363637],
    ["İstanbul", "istanbul", 1],
    ["\ufb01nance", "finance", 0.36363637], // "ﬁ" ligature: one letter, not "fi"
    ["ǅemal", "ǆemal", 1], // title-case digraph
    ["Ⅻ century", "ⅻ century", 1], // Roman numeral letters (Nl) are alphabetic
    // Combining accent (not alphanumeric) splits "e\u0301cole" into the words "e" and "cole".
    ["e\u0301cole", "école", 0.3],
    ["école", "école", 1],
    ["ΣΟΦΙΑ", "σοφία", 0.33333334],
    ["ΟΔΟΣ", "οδοσ", 1],
    ["ΟΔΟΣ", "οδος", 0.42857143], // final sigma is a different letter
    ["Москва Сити", "москва-сити", 1],
    ["東京エレクトロン", "東京エレクトロン株式会社", 0.5714286],
    ["삼성전자", "삼성 전자", 0.375],
    ["नमस्ते", "नमस्कार", 0.36363637], // virama splits words, vowel signs do not
    ["บริษัท ไทย", "บริษัทไทย", 0.61538464],
    ["١٢٣ شركة", "123 شركة", 0.3846154], // Arabic-Indic digits are alphanumeric
    ["𠀋𠀋a", "𠀋𠀋b", 0.33333334], // astral-plane letters
    ["", "", 0],
    ["abc", "", 0],
  ])("%s / %s → %f", (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 6);
    expect(trigramSimilarity(b, a)).toBeCloseTo(expected, 6);
    expect(trigramProfileSimilarity(trigramProfile(a), trigramProfile(b))).toBe(trigramSimilarity(a, b));
  });

  it("is 0 for strings without alphanumerics", () => {
    expect(trigramSimilarity("---", "---")).toBe(0);
    expect(trigramSimilarity("🚀", "🚀")).toBe(0);
  });

  it("profiles are sorted sets that later calls leave intact", () => {
    const profile = trigramProfile("acme acme");
    // "  a", " ac", "acm", "cme", "me "
    expect(profile).toHaveLength(5);
    expect([...profile]).toEqual([...profile].sort((x, y) => x - y));
    trigramSimilarity("something else entirely", "and more text to overwrite the scratch buffers");
    expect(trigramProfileSimilarity(profile, trigramProfile("ACME"))).toBe(1);
    expect(trigramProfile("")).toHaveLength(0);
  });

  it("handles strings longer than the scratch buffers", () => {
    const long = "acme ".repeat(500) + "x".repeat(1000);
    expect(trigramSimilarity(long, long)).toBe(1);
    // Words "acme" (5 grams) and x…x (1001 grams; 1000 × "x" → "  x", " xx", "xxx", "xx ").
    expect(trigramProfile(long)).toHaveLength(5 + 4);
  });
});

describe("tokenSetSimilarity", () => {
  it("is the Jaccard similarity of whitespace tokens", () => {
    expect(tokenSetSimilarity("acme cloud services", "acme services")).toBeCloseTo(2 / 3, 10);
    expect(tokenSetSimilarity("acme", "acme")).toBe(1);
    expect(tokenSetSimilarity("acme corp", "globex corp")).toBeCloseTo(1 / 3, 10);
    expect(tokenSetSimilarity("a b", "c d")).toBe(0);
  });

  it("treats tokens as a set and any whitespace as a separator", () => {
    expect(tokenSetSimilarity("a a b", "b a")).toBe(1);
    expect(tokenSetSimilarity("  a\tb\n c ", "a b c")).toBe(1);
  });

  it("compares tokens exactly, unicode included", () => {
    expect(tokenSetSimilarity("müller bau", "muller bau")).toBeCloseTo(1 / 3, 10);
    expect(tokenSetSimilarity("東京 電力", "東京 ガス")).toBeCloseTo(1 / 3, 10);
    expect(tokenSetSimilarity("Acme", "acme")).toBe(0);
  });

  it("is 0 when either side is empty", () => {
    expect(tokenSetSimilarity("", "")).toBe(0);
    expect(tokenSetSimilarity("   ", "")).toBe(0);
    expect(tokenSetSimilarity("acme", "")).toBe(0);
  });
});

describe("tokenContainment", () => {
  it("is the share of the smaller token set found in the other", () => {
    expect(tokenContainment("acme", "acme cloud services")).toBe(1);
    expect(tokenContainment("acme cloud services", "acme")).toBe(1);
    expect(tokenContainment("a b c", "b c d e")).toBeCloseTo(2 / 3, 10);
    expect(tokenContainment("a b", "c d")).toBe(0);
    expect(tokenContainment("a a", "a b c")).toBe(1);
  });

  it("is 0 when either side is empty", () => {
    expect(tokenContainment("", "")).toBe(0);
    expect(tokenContainment("acme", " ")).toBe(0);
  });
});

describe("logRatioCloseness", () => {
  it("is exp(-|ln(x/y)|)", () => {
    expect(logRatioCloseness(100, 100)).toBe(1);
    expect(logRatioCloseness(100, 200)).toBeCloseTo(0.5, 12);
    expect(logRatioCloseness(200, 100)).toBeCloseTo(0.5, 12);
    expect(logRatioCloseness(10_000, 1_000_000)).toBeCloseTo(0.01, 12);
    expect(logRatioCloseness(123.4, 567.8)).toBeCloseTo(Math.exp(-Math.abs(Math.log(123.4 / 567.8))), 12);
    expect(logRatioCloseness(0.01, 0.02)).toBeCloseTo(0.5, 12);
  });

  it("is null when an amount is missing, not positive or not finite", () => {
    expect(logRatioCloseness(null, 100)).toBeNull();
    expect(logRatioCloseness(100, undefined)).toBeNull();
    expect(logRatioCloseness(0, 100)).toBeNull();
    expect(logRatioCloseness(100, -5)).toBeNull();
    expect(logRatioCloseness(Number.NaN, 100)).toBeNull();
    expect(logRatioCloseness(Number.POSITIVE_INFINITY, 100)).toBeNull();
  });
});

describe("dateCloseness", () => {
  it("is exp(-|days| / scale)", () => {
    expect(dateCloseness("2024-03-31", "2024-03-31")).toBe(1);
    // 2024 is a leap year: Jan 1 → Mar 31 is 90 days.
    expect(dateCloseness("2024-01-01", "2024-03-31")).toBeCloseTo(Math.exp(-1), 12);
    expect(dateCloseness("2024-03-31", "2024-01-01")).toBeCloseTo(0.367879, 6);
    expect(dateCloseness("2024-01-01", "2024-01-31", 30)).toBeCloseTo(Math.exp(-1), 12);
    expect(dateCloseness("2024-01-01", "2024-01-02", 1)).toBeCloseTo(0.367879, 6);
    expect(dateCloseness("2024-01-01T00:00:00Z", "2024-01-01T12:00:00Z", 1)).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it("accepts Date objects", () => {
    expect(dateCloseness(new Date("2024-01-01"), "2024-03-31")).toBeCloseTo(Math.exp(-1), 12);
  });

  it("is null when a date is missing or invalid", () => {
    expect(dateCloseness(null, "2024-01-01")).toBeNull();
    expect(dateCloseness("2024-01-01", undefined)).toBeNull();
    expect(dateCloseness("", "2024-01-01")).toBeNull();
    expect(dateCloseness("not a date", "2024-01-01")).toBeNull();
    expect(dateCloseness(new Date(Number.NaN), "2024-01-01")).toBeNull();
  });

  it("rejects a non-positive scale", () => {
    expect(() => dateCloseness("2024-01-01", "2024-01-02", 0)).toThrow(RangeError);
  });
});
