import { describe, expect, it } from "vitest";
import { parseRules, tokenize } from "../src/parser/rules.js";
import { caseErrors, PARSER_CASES } from "../src/parser/prompts.js";

describe("F-1 rules parser", () => {
  it("has a test set of at least 100 prompts, at least 15 in each of the six languages", () => {
    expect(PARSER_CASES.length).toBeGreaterThanOrEqual(100);
    for (const lang of ["en", "de", "fr", "es", "pt", "it"]) expect(PARSER_CASES.filter((c) => c.language === lang).length).toBeGreaterThanOrEqual(15);
  });

  it("parses at least 90% of the prompts whole (every field right), on each half", () => {
    const right = PARSER_CASES.map((c) => caseErrors(c, parseRules(c.prompt)).length === 0);
    const share = (odd: number) => right.filter((_, i) => i % 2 === odd).filter(Boolean).length / right.filter((_, i) => i % 2 === odd).length;
    expect(share(0)).toBeGreaterThanOrEqual(0.9);
    expect(share(1)).toBeGreaterThanOrEqual(0.9);
  });

  it("expands regions and keeps a NOT clause's countries out of the positive list", () => {
    const q = parseRules("Software companies in the Nordics and Benelux, not in Iceland");
    expect(q.countries.sort()).toEqual(["BE", "DK", "FI", "LU", "NL", "NO", "SE"]);
    expect(q.excludedCountries).toEqual(["IS"]);
    expect(parseRules("Banken in der DACH-Region").countries).toEqual(["DE", "AT", "CH"]);
  });

  it.each([
    ["en", "Retailers in France not using Shopify", "shopify"],
    ["de", "Händler in Frankreich, die kein Shopify nutzen", "shopify"],
    ["de", "Händler in Frankreich, die Shopify nicht nutzen", "shopify"],
    ["fr", "Détaillants en France qui n'utilisent pas Shopify", "shopify"],
    ["es", "Minoristas en Francia que no usan Shopify", "shopify"],
    ["pt", "Varejistas na França que não usam Shopify", "shopify"],
    ["it", "Dettaglianti in Francia che non usano Shopify", "shopify"],
  ])("reads a NOT clause in %s: %s", (language, prompt, tech) => {
    const q = parseRules(prompt);
    expect(q.language).toBe(language);
    expect(q.excludedTechnologies).toEqual([tech]);
    expect(q.technologies).toEqual([]);
    expect(q.countries).toEqual(["FR"]);
  });

  it("reads employee bounds: more than / fewer than / between / N+ / size words", () => {
    expect(parseRules("banks with more than 500 employees")).toMatchObject({ employeeMin: 501, employeeMax: null });
    expect(parseRules("banks with at least 500 employees")).toMatchObject({ employeeMin: 500, employeeMax: null });
    expect(parseRules("banks with fewer than 500 employees")).toMatchObject({ employeeMin: null, employeeMax: 499 });
    expect(parseRules("Banken mit 1.000 bis 5.000 Mitarbeitern")).toMatchObject({ employeeMin: 1000, employeeMax: 5000 });
    expect(parseRules("banks with 5k+ employees")).toMatchObject({ employeeMin: 5000 });
    expect(parseRules("PME en France")).toMatchObject({ employeeMax: 249 });
    // A number that is not a headcount is no bound.
    expect(parseRules("banks with more than 500 branches")).toMatchObject({ employeeMin: null, employeeMax: null });
  });

  it("takes exemplars as written (lowercased), companies and domains, and not categories", () => {
    expect(parseRules("fintechs like Stripe or adyen.com").exemplars).toEqual(["stripe", "adyen.com"]);
    expect(parseRules("Unternehmen wie Deutsche Bank und Commerzbank").exemplars).toEqual(["deutsche bank", "commerzbank"]);
    const q = parseRules("empresas como bancos en España");
    expect(q.exemplars).toEqual([]);
    expect(q.industries).toEqual(["banking"]);
    // "like Stripe" names a company, not a technology filter.
    expect(parseRules("fintechs like Stripe").technologies).toEqual([]);
  });

  it("does not read the pronoun 'us' as the United States", () => {
    expect(parseRules("help us find banks in Spain").countries).toEqual(["ES"]);
    expect(parseRules("banks in the US").countries).toEqual(["US"]);
  });

  it("reports low confidence for a prompt it cannot explain", () => {
    expect(parseRules("companies whose founders recently tweeted about quantum yoga retreats").confidence).toBeLessThan(0.5);
    expect(parseRules("banks in Germany using SAP").confidence).toBe(1);
  });

  it("tokenises numbers with thousands separators and k", () => {
    expect(tokenize("1,000 1.000 5k 2.5k").map((t) => t.num)).toEqual([1000, 1000, 5000, 2500]);
  });
});
