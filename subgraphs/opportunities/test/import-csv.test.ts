import { describe, expect, it } from "vitest";
import { ImportFileError, parseOpportunityCsv, type ParsedImport, type ParseOptions } from "../src/import/index.js";

/** windows-1252 bytes of a string (Latin-1 plus the € and curly quotes a CRM export holds). */
function cp1252(text: string): Uint8Array {
  const extra: Record<string, number> = { "€": 0x80, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };
  return Uint8Array.from([...text].map((ch) => {
    const code = extra[ch] ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`${ch} has no windows-1252 byte`);
    return code;
  }));
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf8Bom = (text: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

function fileError(bytes: Uint8Array, options: ParseOptions): ImportFileError {
  try {
    parseOpportunityCsv(bytes, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFileError);
    return err as ImportFileError;
  }
  throw new Error("the file was accepted");
}

const APN_HEADER = [
  "Opportunity ID",
  "Partner Project Title",
  "Customer Company Name",
  "Customer Website",
  "Customer Email",
  "Project Description",
  "Use Case",
  "Stage",
  "Country",
  "State/Province",
  "Target Close Date",
  "Expected Monthly AWS Revenue",
  "Partner CRM Unique Identifier",
  "Opportunity Owner Name",
].join(",");

describe("APN export (windows-1252, CRLF)", () => {
  const text = [
    APN_HEADER,
    'O1234567,Data lake migration,Société Générale,https://www.societegenerale.com,dsi@socgen.com,"Move Hadoop to S3, Glue and Athena",Migration,Qualified,France,Île-de-France,03/15/2025,"$1,250.00",CRM-1,Zoë Müller',
    "O1234568,  Contact   centre ,Crédit Agricole,,,Amazon Connect rollout,,Launched,France,,12/04/2025,15000.0,CRM-2,José",
    "O1234569,,Bäckerei Öztürk GmbH,www.oeztuerk.de,,,,Prospect,Germany,Bayern,,,CRM-3,",
  ].join("\r\n") + "\r\n";
  const parsed = parseOpportunityCsv(cp1252(text), { source: "apn" });

  it("decodes windows-1252 and reports encoding, delimiter and header", () => {
    expect(parsed.encoding).toBe("windows-1252");
    expect(parsed.delimiter).toBe(",");
    expect(parsed.columns).toEqual(APN_HEADER.split(","));
    expect(parsed.rows).toBe(3);
    expect(parsed.errors).toEqual([]);
  });

  it("maps the APN columns", () => {
    expect(parsed.records).toEqual([
      {
        line: 2,
        externalId: "O1234567",
        companyName: "Société Générale",
        website: "https://www.societegenerale.com",
        email: "dsi@socgen.com",
        title: "Data lake migration",
        description: "Move Hadoop to S3, Glue and Athena Migration",
        stage: "Qualified",
        country: "France",
        region: "Île-de-France",
        closeDate: "2025-03-15",
        amount: 1250,
      },
      {
        line: 3,
        externalId: "O1234568",
        companyName: "Crédit Agricole",
        website: null,
        email: null,
        title: "Contact centre",
        description: "Amazon Connect rollout",
        stage: "Launched",
        country: "France",
        region: null,
        closeDate: "2025-12-04",
        amount: 15000,
      },
      {
        line: 4,
        externalId: "O1234569",
        companyName: "Bäckerei Öztürk GmbH",
        website: "www.oeztuerk.de",
        email: null,
        title: "",
        description: null,
        stage: "Prospect",
        country: "Germany",
        region: "Bayern",
        closeDate: null,
        amount: null,
      },
    ]);
  });

  it("reads ambiguous dates day first when asked", () => {
    const dayFirst = parseOpportunityCsv(cp1252(text), { source: "apn", dayFirst: true });
    expect(dayFirst.records.map((r) => r.closeDate)).toEqual(["2025-03-15", "2025-04-12", null]);
  });
});

describe("Odoo export (technical names, UTF-8 BOM, semicolons, HTML notes)", () => {
  const text = [
    "id;name;partner_name;website;email_from;description;stage_id;country_id;state_id;date_deadline;expected_revenue;user_id",
    '__export__.crm_lead_12;Wärmepumpen-Portal;Müller & Söhne GmbH;https://mueller-soehne.de;Anna Müller <anna@mueller-soehne.de>;"<p>Kunde möchte ""Self-Service"";',
    "Termin am Montag.</p>",
    '<ul><li>SAP-Anbindung</li></ul>";Qualified;Germany;Baden-Württemberg;2025-06-30;1.250,50 €;Mitchell Admin',
    "",
    '__export__.crm_lead_13;ERP rollout;Café Crème SARL;;;"";New;France;;2025-07-01 00:00:00;12500.0;Marc Demo',
  ].join("\r\n");
  const parsed = parseOpportunityCsv(utf8Bom(text), { source: "odoo" });

  it("detects BOM and ; and keeps line breaks and quotes in notes", () => {
    expect(parsed.encoding).toBe("utf-8-bom");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.columns[0]).toBe("id");
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toBe(2);
    expect(parsed.records[0]).toEqual({
      line: 2,
      externalId: "__export__.crm_lead_12",
      companyName: "Müller & Söhne GmbH",
      website: "https://mueller-soehne.de",
      email: "anna@mueller-soehne.de",
      title: "Wärmepumpen-Portal",
      description: '<p>Kunde möchte "Self-Service";\nTermin am Montag.</p>\n<ul><li>SAP-Anbindung</li></ul>',
      stage: "Qualified",
      country: "Germany",
      region: "Baden-Württemberg",
      closeDate: "2025-06-30",
      amount: 1250.5,
    });
  });

  it("numbers the row after the multi-line notes by its physical line", () => {
    expect(parsed.records[1]).toMatchObject({
      line: 6,
      externalId: "__export__.crm_lead_13",
      companyName: "Café Crème SARL",
      description: null,
      closeDate: "2025-07-01",
      amount: 12500,
    });
  });
});

describe("Odoo export (list view, column labels)", () => {
  it("maps the label header set, with External ID and Internal Notes", () => {
    const text =
      '"External ID","Opportunity","Customer","Salesperson","Website","Email","Internal Notes","Stage","Country","State","Expected Closing","Expected Revenue"\n' +
      '"__export__.crm_lead_7","Office 365 migration","Deco Addict","Mitchell Admin","http://www.deco-addict.com","deco@example.com","Needs ""quick"" turnaround","Proposition","Belgium","","2025-05-20","24,000.00"\n';
    const parsed = parseOpportunityCsv(utf8(text), { source: "odoo" });
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      {
        line: 2,
        externalId: "__export__.crm_lead_7",
        companyName: "Deco Addict",
        website: "http://www.deco-addict.com",
        email: "deco@example.com",
        title: "Office 365 migration",
        description: 'Needs "quick" turnaround',
        stage: "Proposition",
        country: "Belgium",
        region: null,
        closeDate: "2025-05-20",
        amount: 24000,
      },
    ]);
  });

  it("maps the label header set with ID and Notes, in any case", () => {
    const text = "id,OPPORTUNITY,customer,website,email,notes,stage,country,state,expected closing,expected revenue\n42,Deal,Acme,,,,Won,US,CA,,\n";
    const parsed = parseOpportunityCsv(utf8(text), { source: "odoo" });
    expect(parsed.records).toMatchObject([{ line: 2, externalId: "42", title: "Deal", companyName: "Acme", region: "CA" }]);
  });
});

describe("custom mapping", () => {
  it("joins a list of columns with single spaces and skips empty parts", () => {
    const text = "id\tname\turl\ttitle\tnotes\textra\n" + "a1\tAcme\thttps://acme.test\tCTO\t  likes  tea \tx\n" + "a2\tGlobex\t\t\tonly notes\t\n" + "a3\tInitech\t\t\t\t\n";
    const parsed = parseOpportunityCsv(utf8(text), {
      source: "odoo",
      mapping: { externalId: "id", companyName: "name", website: "url", description: ["title", "notes"] },
    });
    expect(parsed.delimiter).toBe("\t");
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => [r.externalId, r.companyName, r.website, r.description, r.title, r.email, r.stage])).toEqual([
      ["a1", "Acme", "https://acme.test", "CTO likes  tea", "", null, null],
      ["a2", "Globex", null, "only notes", "", null, null],
      ["a3", "Initech", null, null, "", null, null],
    ]);
  });

  it("names the mapped columns in a missing-value error", () => {
    const parsed = parseOpportunityCsv(utf8("id,first,last\n1,,\n"), {
      source: "apn",
      mapping: { externalId: "id", companyName: ["first", "last"] },
    });
    expect(parsed.errors).toEqual([{ line: 2, externalId: "1", reason: 'missing companyName (columns "first" + "last") and no website or e-mail domain to take it from' }]);
  });
});

describe("row errors", () => {
  const long = "X".repeat(301);
  const lines = [
    /*  1 */ APN_HEADER,
    /*  2 */ "O-1,Good one,Acme Corp,,,,,,,,,,,",
    /*  3 */ 'O-2,Multi-line,Globex,,,"first line',
    /*  4 */ "second line",
    /*  5 */ 'third line",,,,,,,,',
    /*  6 */ ",No id,Initech,,,,,,,,,,,",
    /*  7 */ "O-3,No company,,,,,,,,,,,,",
    /*  8 */ "",
    /*  9 */ "O-4,Short row,Umbrella,,,,,,,,",
    /* 10 */ "O-5,Bad date,Hooli,,,,,,,,next week,,,",
    /* 11 */ "O-6,Impossible date,Hooli,,,,,,,,02/30/2025,,,",
    /* 12 */ "O-7,Negative,Hooli,,,,,,,,,(100),,",
    /* 13 */ "O-8,Not a number,Hooli,,,,,,,,,lots,,",
    /* 14 */ "O-9,Bad email,Hooli,,not-an-address,,,,,,,,,",
    /* 15 */ `O-10,Too long,${long},,,,,,,,,,,`,
    /* 16 */ "O-1,Duplicate,Acme Corp,,,,,,,,,,,",
    /* 17 */ 'O-11,CRLF inside,Vandelay,,,"one',
    /* 18 */ 'two",,,,,,,,',
    /* 19 */ "O-12,Several problems,,,bad@,,,,,,2025-13-01,-5,,",
    /* 20 */ ",,,,,,,,,,,,,",
    /* 21 */ "O-13,Last good,Stark,,,,,,,,,,,",
    /* 22 */ 'O-14,Open quote,Wayne,,,"never closed,,,,,,,,',
    /* 23 */ "O-15,After the open quote,Wayne,,,,,,,,,,,",
  ];
  const parsed: ParsedImport = parseOpportunityCsv(utf8(lines.join("\r\n")), { source: "apn" });

  it("keeps the good rows, with the physical line where each starts", () => {
    expect(parsed.records.map((r) => [r.line, r.externalId])).toEqual([
      [2, "O-1"],
      [3, "O-2"],
      [17, "O-11"],
      [21, "O-13"],
      [23, "O-15"],
    ]);
    expect(parsed.records[1]!.description).toBe("first line\nsecond line\nthird line");
    expect(parsed.records[2]!.description).toBe("one\ntwo");
  });

  it("reports every bad row with its line, externalId and reason", () => {
    expect(parsed.errors).toEqual([
      { line: 6, externalId: null, reason: 'missing externalId (column "Opportunity ID")' },
      { line: 7, externalId: "O-3", reason: 'missing companyName (column "Customer Company Name") and no website or e-mail domain to take it from' },
      { line: 9, externalId: "O-4", reason: "expected 14 columns, found 11" },
      { line: 10, externalId: "O-5", reason: 'closeDate "next week" is not a recognised date (use YYYY-MM-DD)' },
      { line: 11, externalId: "O-6", reason: 'closeDate "02/30/2025" is not a valid date' },
      { line: 12, externalId: "O-7", reason: 'amount "(100)" must not be negative' },
      { line: 13, externalId: "O-8", reason: 'amount "lots" is not a number' },
      { line: 14, externalId: "O-9", reason: 'email "not-an-address" is not an e-mail address' },
      { line: 15, externalId: "O-10", reason: "companyName is longer than 300 characters (301)" },
      { line: 16, externalId: "O-1", reason: "duplicate externalId O-1, first seen on line 2" },
      {
        line: 19,
        externalId: "O-12",
        reason:
          'missing companyName (column "Customer Company Name") and no website or e-mail domain to take it from; email "bad@" is not an e-mail address; closeDate "2025-13-01" is not a valid date; amount "-5" must not be negative',
      },
      { line: 22, externalId: "O-14", reason: 'unterminated quoted field: the " opening column "Project Description" is never closed' },
    ]);
  });

  it("counts data rows, not blank lines or rows of empty cells", () => {
    expect(parsed.rows).toBe(parsed.records.length + parsed.errors.length);
    expect(parsed.rows).toBe(17);
  });

  it("accepts extra empty cells but not extra values", () => {
    const text = "id,name\n1,A,,\n2,B,x\n";
    const result = parseOpportunityCsv(utf8(text), { source: "apn", mapping: { externalId: "id", companyName: "name" } });
    expect(result.records.map((r) => r.externalId)).toEqual(["1"]);
    expect(result.errors).toEqual([{ line: 3, externalId: "2", reason: "expected 2 columns, found 3" }]);
  });

  it("checks the other length limits", () => {
    const header = "id,name,stage,notes";
    const text = [header, `${"i".repeat(201)},A,,`, `2,B,${"s".repeat(101)},`, `3,C,,"${"d".repeat(20_001)}"`, `4,D,${"s".repeat(100)},${"d".repeat(20_000)}`].join("\n");
    const result = parseOpportunityCsv(utf8(text), {
      source: "apn",
      mapping: { externalId: "id", companyName: "name", stage: "stage", description: "notes" },
    });
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
      [2, "externalId is longer than 200 characters (201)"],
      [3, "stage is longer than 100 characters (101)"],
      [4, "description is longer than 20,000 characters (20,001)"],
    ]);
    expect(result.records.map((r) => r.line)).toEqual([5]);
  });
});

describe("broken quoting", () => {
  const mapping = { externalId: "id", companyName: "name", description: "notes", stage: "stage" };
  const parse = (lines: string[], eol = "\n") => parseOpportunityCsv(utf8(lines.join(eol) + eol), { source: "odoo", mapping });
  /** Physical lines (1-based) of the data rows: not the header, not blank. */
  const dataLines = (lines: string[]) => lines.flatMap((l, i) => (i > 0 && l.trim() !== "" ? [i + 1] : []));
  /** Every row's line, once: good rows and refused rows together. */
  const accounted = (p: ParsedImport) => [...p.records.map((r) => r.line), ...p.errors.map((e) => e.line)].sort((a, b) => a - b);

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("an unterminated quote fails its own line and keeps the next valid row (%s)", (_name, eol) => {
    const lines = [
      /* 1 */ "id,name,notes,stage",
      /* 2 */ "1,Acme,plain,New",
      /* 3 */ '2,Globex,"never closed,New',
      /* 4 */ "3,Initech,after it,Won",
    ];
    const parsed = parse(lines, eol);
    expect(parsed.records.map((r) => [r.line, r.externalId, r.description, r.stage])).toEqual([
      [2, "1", "plain", "New"],
      [4, "3", "after it", "Won"],
    ]);
    expect(parsed.errors).toEqual([{ line: 3, externalId: "2", reason: 'unterminated quoted field: the " opening column "notes" is never closed' }]);
    expect(parsed.rows).toBe(3);
    expect(accounted(parsed)).toEqual(dataLines(lines));
  });

  it("a quote that runs into the next records' quotes stops there; every later line is read", () => {
    const lines = [
      /* 1 */ "id,name,notes,stage",
      /* 2 */ '1,Acme,"never closed,New',
      /* 3 */ "2,Globex,plain,New",
      /* 4 */ '3,Initech,"Quoted, with a comma",Won',
      /* 5 */ '4,Hooli,"two',
      /* 6 */ 'lines",Lost',
      /* 7 */ "5,Umbrella,last,New",
    ];
    const parsed = parse(lines);
    expect(parsed.errors).toEqual([
      { line: 2, externalId: "1", reason: 'unterminated quoted field: the " opening column "notes" is not closed on its line (the next " is on line 4, followed by "Q")' },
    ]);
    expect(parsed.records.map((r) => [r.line, r.externalId, r.description])).toEqual([
      [3, "2", "plain"],
      [4, "3", "Quoted, with a comma"],
      [5, "4", "two\nlines"],
      [7, "5", "last"],
    ]);
    expect(parsed.rows).toBe(5);
  });

  it("a quote that closes on a later line but leaves the row the wrong width was never closed on its own", () => {
    const lines = [
      /* 1 */ "id,name,notes,stage",
      /* 2 */ '1,Acme,"never closed,New',
      /* 3 */ '2,Globex,fine,Won"',
      /* 4 */ "3,Initech,x,New",
    ];
    const parsed = parse(lines);
    expect(parsed.errors).toEqual([
      { line: 2, externalId: "1", reason: 'unterminated quoted field: the " opening column "notes" is not closed on its line (closing it on line 3 leaves 3 columns; the header has 4)' },
    ]);
    // Line 3 read on its own: the stray quote is part of an unquoted value.
    expect(parsed.records.map((r) => [r.line, r.externalId, r.stage])).toEqual([
      [3, "2", 'Won"'],
      [4, "3", "New"],
    ]);
    expect(accounted(parsed)).toEqual(dataLines(lines));
  });

  it("text after a closing quote fails that row only", () => {
    const lines = ["id,name,notes,stage", '1,"Acme" Inc,x,New', "2,Globex,y,New"];
    const parsed = parse(lines);
    expect(parsed.errors).toEqual([
      { line: 2, externalId: "1", reason: 'malformed quoted field: the " closing column "name" is followed by " " instead of the delimiter or a line break' },
    ]);
    expect(parsed.records.map((r) => r.line)).toEqual([3]);
    expect(parsed.rows).toBe(2);
  });

  it("keeps legitimate multi-line fields, even with lines that look like rows, and numbers rows by physical line", () => {
    const lines = [
      /*  1 */ "id,name,notes,stage",
      /*  2 */ '1,Acme,"first, with commas',
      /*  3 */ "2,Looks,Like a row,New",
      /*  4 */ 'last line",Won',
      /*  5 */ '2,"Globex',
      /*  6 */ 'Corp","multi',
      /*  7 */ "",
      /*  8 */ 'with a blank line and ""quotes""",New',
      /*  9 */ '3,Initech,"ends the file',
      /* 10 */ 'without a line break",Lost',
    ];
    for (const eol of ["\n", "\r\n"]) {
      const parsed = parseOpportunityCsv(utf8(lines.join(eol)), { source: "odoo", mapping });
      expect(parsed.errors).toEqual([]);
      expect(parsed.records.map((r) => [r.line, r.externalId, r.companyName, r.description, r.stage])).toEqual([
        [2, "1", "Acme", "first, with commas\n2,Looks,Like a row,New\nlast line", "Won"],
        [5, "2", "Globex Corp", 'multi\n\nwith a blank line and "quotes"', "New"],
        [9, "3", "Initech", "ends the file\nwithout a line break", "Lost"],
      ]);
      expect(parsed.rows).toBe(3);
    }
  });

  it("counts every data line of a file with broken rows as a row", () => {
    const lines = ["id,name,notes,stage"];
    for (let i = 1; i <= 40; i++) lines.push(i % 7 === 3 ? `${i},Co ${i},"open ${i},New` : i % 11 === 5 ? `${i},"Co ${i}" x,n,New` : `${i},Co ${i},"n, ${i}",New`);
    const parsed = parse(lines);
    expect(parsed.rows).toBe(40);
    expect(accounted(parsed)).toEqual(dataLines(lines));
    expect(parsed.errors.map((e) => e.externalId)).toEqual(["3", "5", "10", "16", "17", "24", "27", "31", "38"]);
    expect(parsed.records).toHaveLength(31);
  });
});

describe("encodings and delimiters", () => {
  const mapping = { externalId: "id", companyName: "name" };

  it("reads UTF-16LE with a BOM", () => {
    const text = "id;name\r\n1;Ärzte ohne Grenzen\r\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    const parsed = parseOpportunityCsv(bytes, { source: "odoo", mapping });
    expect(parsed.encoding).toBe("utf-16le");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.records).toMatchObject([{ line: 2, externalId: "1", companyName: "Ärzte ohne Grenzen" }]);
  });

  it("honours Excel's sep= line and counts it as line 1", () => {
    const parsed = parseOpportunityCsv(utf8("sep=;\nid;name\n1;A, B and C\n"), { source: "odoo", mapping });
    expect(parsed.delimiter).toBe(";");
    expect(parsed.columns).toEqual(["id", "name"]);
    expect(parsed.records).toMatchObject([{ line: 3, companyName: "A, B and C" }]);
  });

  it("detects the delimiter outside quotes, and skips leading blank lines", () => {
    const parsed = parseOpportunityCsv(utf8('\n\n"id;x";"name";"a,b,c"\n1;Acme;z\n'), {
      source: "odoo",
      mapping: { externalId: "id;x", companyName: "name" },
    });
    expect(parsed.delimiter).toBe(";");
    expect(parsed.records).toMatchObject([{ line: 4, externalId: "1", companyName: "Acme" }]);
  });

  it("takes a quote inside an unquoted value literally, and reads lone-CR files", () => {
    const parsed = parseOpportunityCsv(utf8('id,name\r1,Joe "The Boss" Inc\r2,"Quoted ""inner"""\r'), { source: "odoo", mapping });
    expect(parsed.records.map((r) => [r.line, r.companyName])).toEqual([
      [2, 'Joe "The Boss" Inc'],
      [3, 'Quoted "inner"'],
    ]);
  });
});

describe("file errors", () => {
  const mapping = { externalId: "id", companyName: "name" };

  it("BAD_MAPPING comes from parseMapping (see import-columns)", async () => {
    const { parseMapping } = await import("../src/import/index.js");
    expect(() => parseMapping({ externalId: "id" })).toThrow(expect.objectContaining({ code: "BAD_MAPPING" }));
  });

  it("MISSING_COLUMNS lists the missing columns and the header", () => {
    const error = fileError(utf8("Opportunity ID,Customer Name\n1,Acme\n"), { source: "apn" });
    expect(error.code).toBe("MISSING_COLUMNS");
    expect(error.missingColumns).toContain('"Customer Company Name"');
    expect(error.missingColumns).toHaveLength(11);
    expect(error.message).toContain('the header has "Opportunity ID", "Customer Name"');
  });

  it("UNREADABLE: binary, empty or blank input", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect(fileError(png, { source: "apn" }).code).toBe("UNREADABLE");
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]);
    expect(fileError(zip, { source: "odoo" }).code).toBe("UNREADABLE");
    const utf16WithoutBom = new Uint8Array(Buffer.from("id,name\r\n1,Acme\r\n", "utf16le"));
    expect(fileError(utf16WithoutBom, { source: "apn", mapping }).code).toBe("UNREADABLE");
    expect(parseOpportunityCsv(utf8('id,name\n"1,Acme\n'), { source: "apn", mapping }).errors).toEqual([
      { line: 2, externalId: null, reason: 'unterminated quoted field: the " opening column "id" is never closed' },
    ]);
    expect(fileError(utf8('"id,name\n1,Acme\n'), { source: "apn", mapping }).code).toBe("UNREADABLE");
    expect(fileError(new Uint8Array(), { source: "apn" }).code).toBe("UNREADABLE");
    expect(fileError(utf8("\r\n\r\n"), { source: "apn" }).code).toBe("UNREADABLE");
  });

  it("EMPTY: a header and no rows", () => {
    expect(fileError(utf8("id,name\r\n"), { source: "apn", mapping }).code).toBe("EMPTY");
    expect(fileError(utf8("id,name\n\n,\n  ,  \n"), { source: "apn", mapping }).code).toBe("EMPTY");
  });

  it("TOO_LARGE: more rows than maxRows", () => {
    const text = "id,name\n1,A\n2,B\n3,C\n";
    expect(parseOpportunityCsv(utf8(text), { source: "apn", mapping, maxRows: 3 }).rows).toBe(3);
    const error = fileError(utf8(text), { source: "apn", mapping, maxRows: 2 });
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("more than 2 rows");
  });
});

describe("company name from the domain", () => {
  it("takes a missing company name from the website, else a work e-mail, never a free-mail one", () => {
    const csv = [
      "id,name,partner_name,website,email_from,description,stage_id,country_id,state_id,date_deadline,expected_revenue",
      "L1,Deal one,,https://www.acme-corp.de/shop,,,New,Germany,,,",
      "L2,Deal two,,,jane@globex.co.uk,,New,United Kingdom,,,",
      "L3,Deal three,,,joe@gmail.com,,New,United States,,,",
    ].join("\n");
    const parsed = parseOpportunityCsv(Buffer.from(csv), { source: "odoo" });
    expect(parsed.records.map((r) => [r.externalId, r.companyName])).toEqual([
      ["L1", "acme-corp"],
      ["L2", "globex"],
    ]);
    expect(parsed.errors).toEqual([{ line: 4, externalId: "L3", reason: expect.stringMatching(/^missing companyName .* no website or e-mail domain/) }]);
  });
});
