import { describe, expect, it } from "vitest";
// The leads subgraph's own rules parser (a dev dependency): the round trip is checked against it.
import { parseRules } from "../../../subgraphs/leads/src/parser/rules.js";
import { chipFromText, chipsFromQuery, chipsToPrompt, COUNTRY_CODES, INDUSTRY_WORDS, queryFromChips, TECHNOLOGY_WORDS, type ChipQuery } from "./chips.js";

const FIELDS = ["industries", "excludedIndustries", "countries", "excludedCountries", "technologies", "excludedTechnologies", "exemplars"] as const;
const sorted = (q: Record<string, unknown>) => Object.fromEntries(FIELDS.map((f) => [f, [...(q[f] as string[])].sort()]));

describe("lead query chips", () => {
  it("turn a parsed query into chips and back", () => {
    const parsed = { product: "payroll software", industries: ["fintech"], excludedIndustries: ["banking"], countries: ["DE"], excludedCountries: [], technologies: ["snowflake"], excludedTechnologies: ["sap"], exemplars: ["stripe"], employeeMin: 50, employeeMax: 500 };
    const chips = chipsFromQuery(parsed);
    expect(chips.chips).toContainEqual({ kind: "technology", value: "sap", negated: true });
    expect(queryFromChips(chips)).toEqual(parsed);
  });

  it("write a prompt the leads parser reads as the same chips", () => {
    const q: ChipQuery = {
      product: "payroll software",
      employeeMin: null,
      employeeMax: null,
      chips: [
        { kind: "industry", value: "fintech", negated: false },
        { kind: "industry", value: "real_estate", negated: false },
        { kind: "country", value: "DE", negated: false },
        { kind: "country", value: "GB", negated: false },
        { kind: "technology", value: "snowflake", negated: false },
        { kind: "industry", value: "banking", negated: true },
        { kind: "country", value: "FR", negated: true },
        { kind: "technology", value: "microsoft-dynamics", negated: true },
        { kind: "exemplar", value: "stripe", negated: false },
        { kind: "exemplar", value: "acme analytics", negated: false },
      ],
    };
    const parsed = parseRules(chipsToPrompt(q));
    expect(sorted(parsed as unknown as Record<string, unknown>)).toEqual(sorted(queryFromChips(q) as unknown as Record<string, unknown>));
    expect(parsed.product).toBe("payroll software");
  });

  it.each([
    ...Object.keys(INDUSTRY_WORDS).map((value) => ({ kind: "industry" as const, value })),
    ...Object.keys(TECHNOLOGY_WORDS).map((value) => ({ kind: "technology" as const, value })),
    ...COUNTRY_CODES.map((value) => ({ kind: "country" as const, value })),
  ])("every known $kind ($value) survives the round trip, also negated", ({ kind, value }) => {
    for (const negated of [false, true]) {
      const q: ChipQuery = { product: null, employeeMin: null, employeeMax: null, chips: [{ kind, value, negated }] };
      expect(sorted(parseRules(chipsToPrompt(q)) as unknown as Record<string, unknown>)).toEqual(sorted(queryFromChips(q) as unknown as Record<string, unknown>));
    }
  });

  it("read typed chips", () => {
    expect(chipFromText("not SAP")).toEqual({ kind: "technology", value: "sap", negated: true });
    expect(chipFromText("-France")).toEqual({ kind: "country", value: "FR", negated: true });
    expect(chipFromText("like Acme")).toEqual({ kind: "exemplar", value: "acme", negated: false });
    expect(chipFromText("real estate")).toEqual({ kind: "industry", value: "real_estate", negated: false });
    expect(chipFromText("gibberish")).toBeNull();
  });
});
