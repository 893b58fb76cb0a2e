import { describe, expect, it } from "vitest";
import { parseMapping } from "../../../subgraphs/opportunities/src/import/columns.js";
import { decodeCsv, parseCsv } from "./csv.js";
import { guessMapping, mappingJson, mappingProblems, mapRow } from "./mapping.js";

describe("import mapping", () => {
  it("guesses the APN map from an APN header, the field names for any other CSV", () => {
    const header = ["Opportunity ID", "Customer Company Name", "Project Description", "Use Case", "Stage"];
    expect(guessMapping(header)).toEqual({ builtin: "apn", mapping: { externalId: ["Opportunity ID"], companyName: ["Customer Company Name"], description: ["Project Description", "Use Case"], stage: ["Stage"] } });
    const any = guessMapping(["ref", "Company", "title", "notes"]);
    expect(any).toEqual({ builtin: null, mapping: { companyName: ["Company"], title: ["title"] } });
    expect(mappingProblems(any.mapping, ["ref", "Company", "title", "notes"])).toEqual(["External id needs a column"]);
  });

  it("knows the Odoo label map by the other headers the subgraph accepts", () => {
    expect(guessMapping(["External ID", "Opportunity", "Customer", "Internal Notes"])).toEqual({
      builtin: "odooLabels",
      mapping: { externalId: ["External ID"], title: ["Opportunity"], companyName: ["Customer"], description: ["Internal Notes"] },
    });
    expect(guessMapping(["id", "name", "partner_name"]).builtin).toBe("odoo");
  });

  it("previews rows as the import joins columns, and writes mapping JSON the subgraph accepts", () => {
    const { header, rows } = parseCsv('ref,Company,notes,more\r\n"A-1","Acme, Inc.","Says ""hi""",  x \n', 5);
    expect(header).toEqual(["ref", "Company", "notes", "more"]);
    const mapping = { externalId: ["ref"], companyName: ["Company"], description: ["notes", "more"] };
    expect(mapRow(mapping, header, rows[0]!)).toEqual({ externalId: "A-1", companyName: "Acme, Inc.", description: 'Says "hi" x' });
    const json = mappingJson(mapping);
    expect(JSON.parse(json)).toEqual({ externalId: "ref", companyName: "Company", description: ["notes", "more"] });
    expect(() => parseMapping(json)).not.toThrow();
  });

  it("decodes UTF-8 with a BOM and Windows-1252", () => {
    expect(parseCsv(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62]))).header).toEqual(["a"]);
    expect(decodeCsv(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe("Müller");
  });
});
