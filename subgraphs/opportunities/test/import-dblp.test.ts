import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseMapping, parseOpportunityCsv } from "../src/import/index.js";

/** The Leipzig DBLP–Scholar benchmark, mapped generically (columns id,title,authors,venue,year). */
const DIR = "/work/shared/datasets/leipzig-dblp-scholar";
const DBLP = `${DIR}/DBLP1.csv`;
const SCHOLAR = `${DIR}/Scholar.csv`;
const mapping = parseMapping({ externalId: "id", companyName: "title", description: ["authors", "venue"] });

/** Data records in a file by an independent count: csv-parse on its own, less the header. */
function recordCount(bytes: Uint8Array): number {
  return (parse(Buffer.from(bytes), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown[]).length - 1;
}

describe.skipIf(!existsSync(DBLP))("DBLP1.csv (latin-1)", () => {
  const bytes = readFileSync(DBLP);
  const parsed = parseOpportunityCsv(bytes, { source: "odoo", mapping });

  it("reads every record, without row errors", () => {
    expect(parsed.encoding).toBe("windows-1252");
    expect(parsed.delimiter).toBe(",");
    expect(parsed.columns).toEqual(["id", "title", "authors", "venue", "year"]);
    expect(parsed.rows).toBe(recordCount(bytes));
    expect(parsed.rows).toBe(2616);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toHaveLength(2616);
    expect(parsed.records.at(-1)!.line).toBe(2617);
  });

  it("decodes latin-1 names and joins authors with venue", () => {
    expect(parsed.records[0]).toEqual({
      line: 2,
      externalId: "conf/vldb/RusinkiewiczKTWM95",
      companyName: "Towards a Cooperative Transaction Model - The Cooperative Activity Model",
      website: null,
      email: null,
      title: "",
      description: "M Rusinkiewicz, W Klas, T Tesch, J Wäsch, P Muth VLDB",
      stage: null,
      country: null,
      region: null,
      closeDate: null,
      amount: null,
    });
  });
});

describe.skipIf(!existsSync(SCHOLAR))("Scholar.csv (64k rows)", () => {
  it("parses every row; only over-long ids are row errors", () => {
    const bytes = readFileSync(SCHOLAR);
    const parsed = parseOpportunityCsv(bytes, { source: "odoo", mapping });
    expect(parsed.encoding).toBe("utf-8-bom");
    expect(parsed.rows).toBe(recordCount(bytes));
    expect(parsed.rows).toBe(64_263);
    expect(parsed.records.length + parsed.errors.length).toBe(parsed.rows);
    // Some Scholar ids are whole URLs of 201–255 characters; externalId stops at 200.
    expect(parsed.errors.length).toBeLessThan(parsed.rows / 100);
    for (const error of parsed.errors) expect(error.reason).toMatch(/^externalId is longer than 200 characters \(\d+\)$/);
    expect(parsed.records.at(-1)!.line).toBe(64_264);
  });
});
