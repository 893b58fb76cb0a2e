import { describe, expect, it } from "vitest";
import { formatters, scoreBadge } from "./format.js";

describe("formatting for the reader's locale", () => {
  it("formats numbers, shares and money per locale", () => {
    const de = formatters("de-DE");
    const en = formatters("en-US");
    expect(de.number(1234.5)).toBe("1.234,5");
    expect(en.number(1234.5)).toBe("1,234.5");
    expect(de.percent(0.42)).toBe("42\u00a0%");
    expect(en.signed(0.5)).toBe("+0.5");
    expect(en.usd(0.00042)).toBe("$0.00042");
    expect(en.usd(12)).toBe("$12.00");
    expect(en.number(null)).toBe("–");
    expect(en.bytes(2048)).toBe("2 kB");
  });

  it("badges talent scores: highly recommended above 80", () => {
    expect(scoreBadge(81).label).toBe("Highly recommended");
    expect(scoreBadge(80).label).toBe("Recommended");
    expect(scoreBadge(30).tone).toBe("low");
  });
});
