import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { decodeTextWithEncoding } from "@matchgraph/subgraph-kit";
import { NOISE_STATS, generateMatchingDataset, writeMatchingDataset, type GeneratedMatchingDataset } from "../src/testdata/index.js";

// The products' built-in column maps: spelled out here so that a change to the generator's constants fails.
const APN_HEADER = [
  "Opportunity ID", "Partner Project Title", "Customer Company Name", "Customer Website", "Customer Email", "Project Description", "Use Case",
  "Stage", "Country", "State/Province", "Target Close Date", "Expected Monthly AWS Revenue", "Industry Vertical", "Delivery Model",
];
const ODOO_HEADER = [
  "id", "name", "partner_name", "website", "email_from", "description", "stage_id", "country_id", "state_id", "date_deadline", "expected_revenue",
  "user_id", "tag_ids",
];
const NOISE_KINDS = [
  "noiseLegalSuffix", "noiseCasePunct", "noiseTypo", "noiseAbbreviation", "noiseAccentFolded", "noiseRebrand", "noiseAcquisition",
  "noiseCompanyNameMissing", "noiseDomainTldVariant", "noiseDomainParent", "noiseDomainRebrand", "noiseDomainMissingOneSide",
  "noiseFreeMailOneSide", "noiseOtherContact", "noiseTitleReworded", "noiseTitleGeneric", "noiseOdooHtml", "noiseDescriptionShortOneSide",
  "noiseDescriptionEmptyOneSide", "noiseDateShifted", "noiseDateShiftOver30", "noiseDateMissing", "noiseAmountOff15", "noiseAmountMissing",
  "noiseCountryMissing", "noiseCountryVariant", "noisePairInMultiDealCompany",
];

const full = generateMatchingDataset();

function apnText(data: GeneratedMatchingDataset): string {
  const decoded = decodeTextWithEncoding(data.apnCsv);
  // Pure ASCII (a small set may have no accented name) reads the same in either encoding.
  expect(decoded.encoding).toBe(data.apnCsv.some((b) => b >= 0x80) ? "windows-1252" : "utf-8");
  return decoded.text;
}

function odooText(data: GeneratedMatchingDataset): string {
  const decoded = decodeTextWithEncoding(data.odooCsv);
  expect(decoded.encoding).toBe("utf-8-bom");
  return decoded.text;
}

const rows = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });

/** RFC 4180 serialisation the way each system writes it, to compare with the generated text. */
function serialize(records: string[][], eol: string, quoteAll: boolean): string {
  const field = (v: string) => (quoteAll || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return records.map((r) => r.map(field).join(",")).join(eol) + eol;
}

function checkShape(data: GeneratedMatchingDataset, odooCount: number, apnCount: number): void {
  const apn = rows(apnText(data));
  const odoo = rows(odooText(data));
  expect(apn[0]).toEqual(APN_HEADER);
  expect(odoo[0]).toEqual(ODOO_HEADER);
  expect(apn.length - 1).toBe(apnCount);
  expect(odoo.length - 1).toBe(odooCount);

  const apnIds = apn.slice(1).map((r) => r[0]!);
  const odooIds = odoo.slice(1).map((r) => r[0]!);
  expect(new Set(apnIds).size).toBe(apnIds.length);
  expect(new Set(odooIds).size).toBe(odooIds.length);
  for (const id of apnIds) expect(id).toMatch(/^O\d{7}$/);
  for (const id of odooIds) expect(id).toMatch(/^__export__\.crm_lead_\d+_[0-9a-f]{8}$/);

  const apnSet = new Set(apnIds);
  const odooSet = new Set(odooIds);
  for (const g of data.gold) {
    expect(apnSet.has(g.apnExternalId)).toBe(true);
    expect(odooSet.has(g.odooExternalId)).toBe(true);
  }
  expect(new Set(data.gold.map((g) => g.apnExternalId)).size).toBe(data.gold.length);
  expect(new Set(data.gold.map((g) => g.odooExternalId)).size).toBe(data.gold.length);

  const goldRows = rows(data.goldCsv);
  expect(goldRows[0]).toEqual(["apn_external_id", "odoo_external_id"]);
  expect(goldRows.slice(1)).toEqual(data.gold.map((g) => [g.apnExternalId, g.odooExternalId]));
}

describe("generateMatchingDataset", () => {
  it("is deterministic: the same options give the same bytes, another seed other bytes", () => {
    const again = generateMatchingDataset({ seed: 42 });
    expect(again.apnCsv.equals(full.apnCsv)).toBe(true);
    expect(again.odooCsv.equals(full.odooCsv)).toBe(true);
    expect(again.goldCsv).toBe(full.goldCsv);
    expect(again.aliasesCsv).toBe(full.aliasesCsv);
    expect(again.stats).toEqual(full.stats);

    const small = { odooCount: 60, apnCount: 90 };
    expect(generateMatchingDataset(small).apnCsv.equals(generateMatchingDataset(small).apnCsv)).toBe(true);
    expect(generateMatchingDataset({ ...small, seed: 7 }).apnCsv.equals(generateMatchingDataset(small).apnCsv)).toBe(false);
  });

  it("has the seed-scale counts, a one-to-one gold list whose ids exist, and is fast", () => {
    checkShape(full, 3121, 4816);
    expect(full.gold.length).toBeGreaterThanOrEqual(2400);
    expect(full.gold.length).toBeLessThanOrEqual(2800);
    expect(full.stats.truePairs).toBe(full.gold.length);
    expect(full.stats.odooRows).toBe(3121);
    expect(full.stats.apnRows).toBe(4816);
  });

  it("scales down to small sets", () => {
    for (const seed of [1, 2, 3]) {
      const data = generateMatchingDataset({ seed, odooCount: 60, apnCount: 90 });
      checkShape(data, 60, 90);
      expect(data.gold.length).toBe(50);
    }
    const exact = generateMatchingDataset({ odooCount: 10, apnCount: 12, truePairs: 10 });
    checkShape(exact, 10, 12);
    expect(exact.gold.length).toBe(10);
    const none = generateMatchingDataset({ odooCount: 0, apnCount: 3, truePairs: 0 });
    checkShape(none, 0, 3);
    expect(() => generateMatchingDataset({ odooCount: 5, apnCount: 5, truePairs: 6 })).toThrow(/truePairs/);
  });

  it("writes APN as windows-1252 with CRLF and Odoo as UTF-8 with a BOM and LF", () => {
    expect(full.stats.accentedCompanies).toBeGreaterThan(0);
    expect(full.stats.cp1252Unencodable).toBe(0);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(full.apnCsv)).toThrow();
    expect([...full.apnCsv.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const apn = apnText(full);
    expect(apn).toMatch(/[éüñøåö]/);
    expect(apn.startsWith(`${APN_HEADER.join(",")}\r\n`)).toBe(true);
    expect(apn.endsWith("\r\n")).toBe(true);
    // An accented name is one byte in windows-1252: "ü" is 0xFC.
    const i = apn.indexOf("ü");
    expect(i).toBeGreaterThan(0);
    expect(full.apnCsv[i]).toBe(0xfc);

    expect([...full.odooCsv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const odoo = new TextDecoder("utf-8", { fatal: true }).decode(full.odooCsv.subarray(3));
    expect(odoo.startsWith(`${ODOO_HEADER.map((h) => `"${h}"`).join(",")}\n`)).toBe(true);
    expect(odoo.includes("\r")).toBe(false);
    expect(odoo).toMatch(/[éüñøåö]/);
  });

  it("round-trips RFC 4180 quoting, with commas, quotes and newlines inside fields", () => {
    const apn = apnText(full);
    const apnRows = rows(apn);
    expect(serialize(apnRows, "\r\n", false)).toBe(apn);
    const odoo = odooText(full);
    const odooRows = rows(odoo);
    expect(serialize(odooRows, "\n", true)).toBe(odoo);

    const fields = [...apnRows.slice(1), ...odooRows.slice(1)].flat();
    expect(fields.some((f) => f.includes(","))).toBe(true);
    expect(fields.some((f) => f.includes('"'))).toBe(true);
    expect(fields.some((f) => f.includes("\n"))).toBe(true);
  });

  it("writes values in each system's formats", () => {
    const apn = rows(apnText(full)).slice(1);
    const odoo = rows(odooText(full)).slice(1);
    const col = (header: string[], name: string) => header.indexOf(name);
    const apnStages = new Set(["Prospect", "Qualified", "Technical Validation", "Business Validation", "Committed", "Launched", "Closed Lost"]);
    for (const r of apn) {
      expect(r[col(APN_HEADER, "Target Close Date")]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(r[col(APN_HEADER, "Expected Monthly AWS Revenue")]).toMatch(/^(\$\d{1,3}(,\d{3})*\.\d{2})?$/);
      expect(apnStages.has(r[col(APN_HEADER, "Stage")]!)).toBe(true);
      expect(r[col(APN_HEADER, "Customer Company Name")]).not.toBe("");
    }
    const odooStages = new Set(["New", "Qualified", "Proposition", "Won", "Lost"]);
    for (const r of odoo) {
      expect(r[col(ODOO_HEADER, "date_deadline")]).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(r[col(ODOO_HEADER, "expected_revenue")]).toMatch(/^\d+\.\d+$/);
      expect(odooStages.has(r[col(ODOO_HEADER, "stage_id")]!)).toBe(true);
      expect(r[col(ODOO_HEADER, "state_id")]).toMatch(/^(.+ \([A-Z]{2}\))?$/);
    }
    const descriptions = odoo.map((r) => r[col(ODOO_HEADER, "description")]!);
    expect(descriptions.some((d) => d.startsWith("<p>"))).toBe(true);
    expect(descriptions.some((d) => d !== "" && !d.startsWith("<"))).toBe(true);
    const countries = new Set(odoo.map((r) => r[col(ODOO_HEADER, "country_id")]));
    expect(countries.has("United States")).toBe(true);
    expect(countries.has("USA") || countries.has("Deutschland") || countries.has("UK")).toBe(true);
  });

  it("reports every noise kind at least once", () => {
    expect([...NOISE_STATS].sort()).toEqual([...NOISE_KINDS].sort());
    const missing = NOISE_KINDS.filter((kind) => !((full.stats[kind] ?? 0) > 0));
    expect(missing).toEqual([]);
    expect(full.stats.multiDealCompanies).toBeGreaterThan(0);
    expect(full.stats.lookalikeCompanies).toBeGreaterThan(0);
    expect(full.stats.apnOnlyDeals).toBe(4816 - full.gold.length);
    expect(full.stats.odooOnlyDeals).toBe(3121 - full.gold.length);
  });

  it("keeps about half of the used aliases, each of a known kind; company names are not placeholders", () => {
    // Plain names: no field needs quoting, so even a naive comma split reads the table.
    expect(full.aliasesCsv).not.toMatch(/"/);
    const aliases = rows(full.aliasesCsv);
    expect(aliases[0]).toEqual(["alias", "canonical", "kind"]);
    const body = aliases.slice(1);
    for (const [alias, canonical, kind] of body) {
      expect(["rebrand", "acquisition", "abbreviation"]).toContain(kind);
      expect(alias).not.toBe("");
      expect(canonical).not.toBe("");
      expect(alias).not.toBe(canonical);
    }
    expect(new Set(body.map((r) => r[2])).size).toBe(3);
    const kept = body.length - full.stats.aliasRowsStale!;
    expect(kept).toBeGreaterThan(full.stats.aliasesUsed! * 0.3);
    expect(kept).toBeLessThan(full.stats.aliasesUsed! * 0.7);
    const names = rows(apnText(full)).slice(1).map((r) => r[2]!);
    expect(names.some((n) => /^Company \d+/.test(n))).toBe(false);
  });

  it("writeMatchingDataset writes the four files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "matchgraph-gen-"));
    try {
      const options = { seed: 5, odooCount: 60, apnCount: 90 };
      const { files, stats } = await writeMatchingDataset(dir, options);
      expect(files.map((f) => f.slice(dir.length + 1))).toEqual(["apn.csv", "odoo.csv", "gold.csv", "aliases.csv"]);
      const data = generateMatchingDataset(options);
      expect((await readFile(join(dir, "apn.csv"))).equals(data.apnCsv)).toBe(true);
      expect((await readFile(join(dir, "odoo.csv"))).equals(data.odooCsv)).toBe(true);
      expect(await readFile(join(dir, "gold.csv"), "utf8")).toBe(data.goldCsv);
      expect(await readFile(join(dir, "aliases.csv"), "utf8")).toBe(data.aliasesCsv);
      expect(stats).toEqual(data.stats);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
