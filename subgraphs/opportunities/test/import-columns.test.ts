import { describe, expect, it } from "vitest";
import { BUILTIN_MAPPINGS, ImportFileError, mappingCandidates, parseMapping, resolveColumns } from "../src/import/index.js";

function mappingError(json: unknown): ImportFileError {
  try {
    parseMapping(json);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as ImportFileError).code).toBe("BAD_MAPPING");
    return err as ImportFileError;
  }
  throw new Error("parseMapping accepted a bad mapping");
}

describe("parseMapping", () => {
  it("accepts columns and lists of columns, trims names and drops null fields", () => {
    expect(
      parseMapping({ externalId: " id ", companyName: "name", website: "url", description: ["title", "notes"], stage: null }),
    ).toEqual({ externalId: "id", companyName: "name", website: "url", description: ["title", "notes"] });
  });

  it("accepts the mapping as JSON text", () => {
    expect(parseMapping('{"externalId":"id","companyName":"title"}')).toEqual({ externalId: "id", companyName: "title" });
  });

  it("names an unknown field", () => {
    expect(mappingError({ externalId: "id", companyName: "name", compnay: "x" }).message).toMatch(/unknown field "compnay"/);
  });

  it("names a field of the wrong type", () => {
    const message = mappingError({ externalId: "id", companyName: "name", amount: 3 }).message;
    expect(message).toMatch(/"amount" must be a column name or a non-empty list of column names/);
    expect(mappingError({ externalId: "id", companyName: "name", website: ["a", 1] }).message).toMatch(/"website" must be/);
    expect(mappingError({ externalId: "id", companyName: "  " }).message).toMatch(/"companyName" must be/);
  });

  it("names an empty list", () => {
    expect(mappingError({ externalId: "id", companyName: "name", description: [] }).message).toMatch(
      /"description" is an empty list of columns/,
    );
  });

  it("names missing required fields", () => {
    const message = mappingError({ website: "url" }).message;
    expect(message).toMatch(/"externalId" is required/);
    expect(message).toMatch(/"companyName" is required/);
    expect(mappingError({ externalId: "id" }).message).toMatch(/"companyName" is required/);
  });

  it("refuses what is not an object", () => {
    expect(mappingError(["id"]).message).toMatch(/must be a JSON object/);
    expect(mappingError(null).message).toMatch(/must be a JSON object/);
    expect(mappingError("{not json").message).toMatch(/not valid JSON/);
  });
});

describe("resolveColumns", () => {
  it("matches header names case-insensitively after trimming", () => {
    const columns = resolveColumns([" OPPORTUNITY id", "customer company name "], [
      { name: "m", mapping: { externalId: "Opportunity ID", companyName: "Customer Company Name" } },
    ]);
    expect(columns.externalId).toEqual({ columns: ["OPPORTUNITY id"], indexes: [0] });
    expect(columns.companyName).toEqual({ columns: ["customer company name"], indexes: [1] });
    expect(columns.website).toBeNull();
  });

  it("lists every missing column and the header found", () => {
    let error: ImportFileError | undefined;
    try {
      resolveColumns(["Opportunity ID", "Stage"], mappingCandidates("apn"));
    } catch (err) {
      error = err as ImportFileError;
    }
    expect(error?.code).toBe("MISSING_COLUMNS");
    expect(error?.missingColumns).toEqual([
      '"Customer Company Name"',
      '"Customer Website"',
      '"Customer Email"',
      '"Partner Project Title"',
      '"Project Description"',
      '"Use Case"',
      '"Country"',
      '"State/Province"',
      '"Target Close Date"',
      '"Expected Monthly AWS Revenue"',
    ]);
    expect(error?.header).toEqual(["Opportunity ID", "Stage"]);
    expect(error?.message).toContain('the header has "Opportunity ID", "Stage"');
    expect(error?.message).toContain("the apn mapping");
  });

  it("uses whichever Odoo header set the file has, and reports the closer one", () => {
    const technical = Object.values(BUILTIN_MAPPINGS.odoo) as string[];
    expect(resolveColumns(technical, mappingCandidates("odoo")).externalId?.columns).toEqual(["id"]);
    const labels = ["External ID", "Opportunity", "Customer", "Website", "Email", "Internal Notes", "Stage", "Country", "State", "Expected Closing", "Expected Revenue"];
    const resolved = resolveColumns(labels, mappingCandidates("odoo"));
    expect(resolved.externalId?.columns).toEqual(["External ID"]);
    expect(resolved.description?.columns).toEqual(["Internal Notes"]);
    try {
      resolveColumns(labels.filter((l) => l !== "Stage" && l !== "Customer"), mappingCandidates("odoo"));
      expect.unreachable();
    } catch (err) {
      expect((err as ImportFileError).code).toBe("MISSING_COLUMNS");
      expect((err as ImportFileError).missingColumns).toEqual(['"Customer"', '"Stage"']);
      expect((err as ImportFileError).message).toContain("column labels");
    }
  });
});
