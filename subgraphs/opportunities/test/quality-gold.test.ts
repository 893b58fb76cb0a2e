import { describe, expect, it } from "vitest";
import { parseGoldCsv } from "../src/quality/index.js";

describe("parseGoldCsv", () => {
  it("reads the two id columns", () => {
    expect(parseGoldCsv("apn_external_id,odoo_external_id\nA-1,O-1\nA-2,O-2\n")).toEqual([
      { apnExternalId: "A-1", odooExternalId: "O-1" },
      { apnExternalId: "A-2", odooExternalId: "O-2" },
    ]);
  });

  it("tolerates a BOM, CRLF, any column order and case, extra columns, blank lines and padding", () => {
    const text = "\uFEFFnote,ODOO_External_Id, Apn_External_Id ,reviewer\r\nfirst,O-1,A-1,ann\r\n\r\n\"second, quoted\", O-2 ,A-2,bob\r\n";
    expect(parseGoldCsv(text)).toEqual([
      { apnExternalId: "A-1", odooExternalId: "O-1" },
      { apnExternalId: "A-2", odooExternalId: "O-2" },
    ]);
  });

  it("handles quoted ids with commas, doubled quotes and newlines", () => {
    const text = 'apn_external_id,odoo_external_id,comment\n"A,1","O ""1""","multi\nline"\nA-2,O-2,x\n';
    expect(parseGoldCsv(text)).toEqual([
      { apnExternalId: "A,1", odooExternalId: 'O "1"' },
      { apnExternalId: "A-2", odooExternalId: "O-2" },
    ]);
  });

  it("reads semicolon- or tab-separated files", () => {
    expect(parseGoldCsv("apn_external_id;odoo_external_id\nA;O\n")).toEqual([{ apnExternalId: "A", odooExternalId: "O" }]);
    expect(parseGoldCsv("apn_external_id\todoo_external_id\nA\tO\n")).toEqual([{ apnExternalId: "A", odooExternalId: "O" }]);
  });

  it("removes duplicates, keeping the first occurrence's position", () => {
    const text = "apn_external_id,odoo_external_id\nA,O\nB,P\nA,O\n A , O \nA,P\n";
    expect(parseGoldCsv(text)).toEqual([
      { apnExternalId: "A", odooExternalId: "O" },
      { apnExternalId: "B", odooExternalId: "P" },
      { apnExternalId: "A", odooExternalId: "P" },
    ]);
  });

  it("throws with the line number for a row missing an id", () => {
    const text = "apn_external_id,odoo_external_id\nA,O\n\nB\nC,Q\n";
    expect(() => parseGoldCsv(text)).toThrow(/line 4\b.*odoo_external_id/);
    expect(() => parseGoldCsv("apn_external_id,odoo_external_id\r\nA,O\r\n,P\r\n")).toThrow(/line 3\b.*apn_external_id/);
  });

  it("counts lines inside quoted fields when reporting a later bad row", () => {
    const text = 'apn_external_id,odoo_external_id,c\nA,O,"two\nlines"\nB,,x\n';
    // header 1, the quoted row spans lines 2–3, the bad row is line 4.
    expect(() => parseGoldCsv(text)).toThrow(/line 4\b.*odoo_external_id/);
  });

  it("throws for an unterminated quote with the line it started on", () => {
    expect(() => parseGoldCsv('apn_external_id,odoo_external_id\nA,"O\n')).toThrow(/line 2\b.*unterminated/);
  });

  it("throws for a header lacking a required column, and for empty input", () => {
    expect(() => parseGoldCsv("apn_id,odoo_external_id\nA,O\n")).toThrow(/line 1\b.*apn_external_id/);
    expect(() => parseGoldCsv("\uFEFF")).toThrow(/empty/);
    expect(() => parseGoldCsv("\n\n")).toThrow(/empty/);
  });

  it("returns no pairs for a header alone", () => {
    expect(parseGoldCsv("apn_external_id,odoo_external_id")).toEqual([]);
  });
});
