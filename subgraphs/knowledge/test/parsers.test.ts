import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../src/service/chunker.js";
import { DOCX_MIME, DocumentError, parseDocument, type ParsedDocument } from "../src/service/parsers/index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

function expectExactBlocks(doc: ParsedDocument) {
  expect(doc.blocks.length).toBeGreaterThan(0);
  let last = -1;
  for (const b of doc.blocks) {
    expect(doc.text.slice(b.start, b.end)).toBe(b.text);
    expect(b.text.trim()).toBe(b.text);
    expect(b.text.length).toBeGreaterThan(0);
    expect(b.start).toBeGreaterThanOrEqual(last);
    last = b.end;
  }
}

async function expectDocumentError(promise: Promise<unknown>, codes: string[], name?: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  expect(codes).toContain((err as DocumentError).code);
  if (name) expect((err as DocumentError).message).toContain(name);
  return err as DocumentError;
}

async function twoPagePdf(title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (title) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const p1 = pdf.addPage([595, 842]);
  p1.drawText("Quarterly Results", { x: 50, y: 780, size: 24, font: bold });
  p1.drawText("Revenue grew strongly in the third quarter. The team shipped three products\nand hired twelve engineers across two offices in Europe.", {
    x: 50,
    y: 740,
    size: 11,
    font,
    lineHeight: 14,
  });
  p1.drawText("A second paragraph follows after a gap.", { x: 50, y: 690, size: 11, font });
  const p2 = pdf.addPage([595, 842]);
  p2.drawText("Outlook", { x: 50, y: 780, size: 18, font: bold });
  p2.drawText("Next year we expect continued growth in all regions.", { x: 50, y: 750, size: 11, font });
  return pdf.save();
}

describe("parseDocument: PDF", () => {
  it("extracts two pages with page numbers, headings by font size, metadata title and exact offsets", async () => {
    const doc = await parseDocument({ bytes: await twoPagePdf("Annual Report 2024"), filename: "report.pdf" });
    expect(doc.mimeType).toBe("application/pdf");
    expect(doc.pageCount).toBe(2);
    expect(doc.title).toBe("Annual Report 2024");
    expectExactBlocks(doc);
    expect(doc.blocks.map((b) => [b.kind, b.page, b.level])).toEqual([
      ["heading", 1, 1],
      ["paragraph", 1, undefined],
      ["paragraph", 1, undefined],
      ["heading", 2, 2],
      ["paragraph", 2, undefined],
    ]);
    expect(doc.blocks[0]!.text).toBe("Quarterly Results");
    // Wrapped lines join into one paragraph.
    expect(doc.blocks[1]!.text).toBe("Revenue grew strongly in the third quarter. The team shipped three products and hired twelve engineers across two offices in Europe.");

    const chunks = chunkDocument(doc, { maxTokens: 24, overlapTokens: 4 });
    for (const c of chunks) expect(c.text).toBe(doc.text.slice(c.charStart, c.charEnd));
    expect(chunks[0]!.page).toBe(1);
    expect(chunks[0]!.headingPath).toEqual(["Quarterly Results"]);
    const outlook = chunks.find((c) => c.text.includes("Next year"))!;
    expect(outlook.page).toBe(2);
    expect(outlook.headingPath).toEqual(["Quarterly Results", "Outlook"]);
  });

  it("takes the title from the first heading when the PDF has no Title metadata", async () => {
    const doc = await parseDocument({ bytes: await twoPagePdf() });
    expect(doc.title).toBe("Quarterly Results");
  });

  it("refuses a PDF whose bytes are corrupt, naming the file", async () => {
    const good = await twoPagePdf();
    const corrupt = new Uint8Array(good.slice(0, 40)); // header, then nothing usable
    await expectDocumentError(parseDocument({ bytes: corrupt, filename: "broken.pdf" }), ["UNREADABLE", "EMPTY"], "broken.pdf");
  });

  it("enforces maxPages", async () => {
    await expectDocumentError(parseDocument({ bytes: await twoPagePdf(), filename: "big.pdf" }, { maxPages: 1 }), ["TOO_LARGE"], "big.pdf");
  });
});

describe("parseDocument: DOCX", () => {
  it("maps Word headings, a bulleted list and a table into blocks with heading paths", async () => {
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Employee Handbook", heading: HeadingLevel.HEADING_1 }),
            new Paragraph("Welcome to the company."),
            new Paragraph({ text: "Benefits", heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: "Health insurance", bullet: { level: 0 } }),
            new Paragraph({ text: "Pension plan", bullet: { level: 0 } }),
            new Table({
              rows: [
                ["Plan", "Price"],
                ["Basic", "$10 | month"],
                ["Premium", "$25"],
              ].map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
            }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(word));
    const doc = await parseDocument({ bytes, filename: "handbook.docx" });
    expect(doc.mimeType).toBe(DOCX_MIME);
    expect(doc.title).toBe("Employee Handbook");
    expect(doc.pageCount).toBeNull();
    expectExactBlocks(doc);
    expect(doc.blocks.map((b) => [b.kind, b.level])).toEqual([
      ["heading", 1],
      ["paragraph", undefined],
      ["heading", 2],
      ["list", undefined],
      ["table", undefined],
    ]);
    const list = doc.blocks[3]!.text;
    expect(list).toMatch(/^-\s+Health insurance\n-\s+Pension plan$/);
    expect(doc.blocks[4]!.text.split("\n")).toEqual(["| Plan | Price |", "| --- | --- |", "| Basic | $10 \\| month |", "| Premium | $25 |"]);

    const chunks = chunkDocument(doc);
    const tableChunk = chunks.find((c) => c.text.includes("| Premium | $25 |"))!;
    expect(tableChunk.headingPath).toEqual(["Employee Handbook", "Benefits"]);
    expect(tableChunk.page).toBeNull();
  });

  it("refuses a ZIP that is not a Word document", async () => {
    const zipHeader = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("content.xml, nothing else")]);
    await expectDocumentError(parseDocument({ bytes: zipHeader, filename: "fake.docx" }), ["UNREADABLE"], "fake.docx");
    await expectDocumentError(parseDocument({ bytes: zipHeader, filename: "archive.zip" }), ["UNSUPPORTED_TYPE"], "archive.zip");
  });
});

describe("parseDocument: HTML", () => {
  it("takes <title>, drops nav/script/style and keeps headings, lists and tables", async () => {
    const html = `<!DOCTYPE html><html><head><title>Release &amp; Notes</title><style>body { color: red }</style>
      <script>var tracking = "secret";</script></head><body>
      <nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
      <h1>Version 2</h1><p>The new <b>release</b> adds search.</p>
      <h2>Changes</h2><ul><li>Faster ingestion</li><li>Hybrid ranking</li></ul>
      <table><thead><tr><th>Area</th><th>Status</th></tr></thead><tbody><tr><td>Search</td><td>Done</td></tr></tbody></table>
      <script>console.log("also gone")</script></body></html>`;
    const doc = await parseDocument({ bytes: utf8(html), filename: "notes.html" });
    expect(doc.mimeType).toBe("text/html");
    expect(doc.title).toBe("Release & Notes");
    expectExactBlocks(doc);
    for (const gone of ["tracking", "secret", "Home", "About us", "color", "also gone", "Release"]) expect(doc.text).not.toContain(gone);
    expect(doc.blocks.map((b) => [b.kind, b.level])).toEqual([
      ["heading", 1],
      ["paragraph", undefined],
      ["heading", 2],
      ["list", undefined],
      ["table", undefined],
    ]);
    expect(doc.blocks[0]!.text).toBe("Version 2");
    expect(doc.blocks[4]!.text).toBe("| Area | Status |\n| --- | --- |\n| Search | Done |");
  });

  it("falls back to the first h1 without a <title>, and sniffs HTML without a name", async () => {
    const doc = await parseDocument({ bytes: utf8("<html><body><h1>Only <i>heading</i></h1><p>Body.</p></body></html>") });
    expect(doc.mimeType).toBe("text/html");
    expect(doc.title).toBe("Only heading");
  });
});

describe("parseDocument: Markdown", () => {
  const md = [
    "# User Guide",
    "",
    "Intro paragraph with *emphasis*.",
    "",
    "## Install",
    "",
    "- step one",
    "- step two",
    "  - nested step",
    "",
    "### On Linux",
    "",
    "```sh",
    "# not a heading",
    "apt install thing",
    "```",
    "",
    "## Reference",
    "",
    "| Option | Meaning |",
    "|--------|---------|",
    "| -v | verbose |",
    "",
    "Closing words.",
    "",
  ].join("\n");

  it("gives heading, list, code and table blocks with offsets into the Markdown", async () => {
    const doc = await parseDocument({ text: md, filename: "guide.md" });
    expect(doc.mimeType).toBe("text/markdown");
    expect(doc.title).toBe("User Guide");
    expect(doc.text).toBe(md);
    expectExactBlocks(doc);
    expect(doc.blocks.map((b) => [b.kind, b.level ?? null, b.text.split("\n")[0]])).toEqual([
      ["heading", 1, "User Guide"],
      ["paragraph", null, "Intro paragraph with *emphasis*."],
      ["heading", 2, "Install"],
      ["list", null, "- step one"],
      ["heading", 3, "On Linux"],
      ["code", null, "```sh"],
      ["heading", 2, "Reference"],
      ["table", null, "| Option | Meaning |"],
      ["paragraph", null, "Closing words."],
    ]);
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.headingPath)).toEqual([["User Guide"], ["User Guide", "Install"], ["User Guide", "Install", "On Linux"], ["User Guide", "Reference"]]);
    for (const c of chunks) expect(c.text).toBe(doc.text.slice(c.charStart, c.charEnd));
  });

  it("reads CRLF text, a BOM and YAML front matter", async () => {
    const bytes = utf8(`\uFEFF---\r\ntitle: "From Front Matter"\r\n---\r\n# Heading\r\n\r\nBody text.\r\n`);
    const doc = await parseDocument({ bytes, filename: "notes.markdown" });
    expect(doc.title).toBe("From Front Matter");
    expect(doc.text.startsWith("---\ntitle")).toBe(true);
    expectExactBlocks(doc);
    expect(doc.blocks.map((b) => b.text)).toEqual(["Heading", "Body text."]);
  });
});

describe("parseDocument: plain text", () => {
  it("decodes latin-1 / windows-1252 bytes that are not UTF-8", async () => {
    const text = "Caf\xe9 cr\xe8me \x80 5\n\nNa\xefve \x93quotes\x94.";
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const doc = await parseDocument({ bytes, filename: "menu.txt" });
    expect(doc.mimeType).toBe("text/plain");
    expect(doc.text).toBe("Café crème € 5\n\nNaïve “quotes”.");
    expect(doc.title).toBeNull();
    expectExactBlocks(doc);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "Café crème € 5"],
      ["paragraph", "Naïve “quotes”."],
    ]);
  });

  it("decodes UTF-8 with a BOM and splits paragraphs on blank lines only", async () => {
    const doc = await parseDocument({ bytes: utf8("\uFEFFZürich line one\nline two\n\n \n# not a heading\n"), filename: "a.txt" });
    expect(doc.text.startsWith("Zürich")).toBe(true);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "Zürich line one\nline two"],
      ["paragraph", "# not a heading"],
    ]);
  });

  it("treats text without a name or type as plain text", async () => {
    const doc = await parseDocument({ text: "Just words." });
    expect(doc.mimeType).toBe("text/plain");
  });
});

describe("parseDocument: errors", () => {
  it("refuses random bytes named report.pdf, naming the file", async () => {
    const random = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 251);
    const err = await expectDocumentError(parseDocument({ bytes: random, filename: "report.pdf" }), ["UNREADABLE", "UNSUPPORTED_TYPE"], "report.pdf");
    expect(err.message).toMatch(/report\.pdf is not a readable PDF/);
  });

  it("refuses text declared as PDF and a PDF declared as text", async () => {
    await expectDocumentError(parseDocument({ bytes: utf8("hello"), filename: "report.pdf" }), ["UNREADABLE"], "report.pdf");
    await expectDocumentError(parseDocument({ bytes: await twoPagePdf(), filename: "notes.txt", mimeType: "text/plain" }), ["UNSUPPORTED_TYPE"], "notes.txt");
  });

  it("refuses unsupported types", async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    await expectDocumentError(parseDocument({ bytes: exe, filename: "setup.exe" }), ["UNSUPPORTED_TYPE"], "setup.exe");
    await expectDocumentError(parseDocument({ bytes: exe }), ["UNSUPPORTED_TYPE"]);
    await expectDocumentError(parseDocument({ bytes: utf8("x"), filename: "photo.png", mimeType: "image/png" }), ["UNSUPPORTED_TYPE"], "photo.png");
  });

  it("refuses empty files", async () => {
    await expectDocumentError(parseDocument({ bytes: new Uint8Array(0), filename: "empty.txt" }), ["EMPTY"], "empty.txt");
    await expectDocumentError(parseDocument({ bytes: utf8("  \n\n \t"), filename: "blank.md" }), ["EMPTY"], "blank.md");
    await expectDocumentError(parseDocument({ text: "<html><body><script>x()</script></body></html>", filename: "nothing.html" }), ["EMPTY"], "nothing.html");
  });

  it("refuses input over the limits", async () => {
    await expectDocumentError(parseDocument({ bytes: utf8("a".repeat(2000)), filename: "big.txt" }, { maxBytes: 1000 }), ["TOO_LARGE"], "big.txt");
    await expectDocumentError(parseDocument({ text: "b".repeat(2000), filename: "big.md" }, { maxBytes: 1000 }), ["TOO_LARGE"], "big.md");
    await expectDocumentError(parseDocument({ text: "word ".repeat(500), filename: "long.txt" }, { maxChars: 1000 }), ["TOO_LARGE"], "long.txt");
  });
});

describe("pdfjs and the rest of the process", () => {
  it("leaves the native JSON.parse in place after parsing a PDF", async () => {
    // Node 20's own JSON.parse passes no source context to a reviver; pdfjs's core-js polyfill does.
    const sourceContext = () => JSON.parse("1", (_key, value, context?: unknown) => context ?? value) as unknown;
    expect(sourceContext()).toBe(1);
    const native = JSON.parse;
    const bytes = await readFile(new URL("../../../examples/knowledge/data-processing-agreement.pdf", import.meta.url));
    const doc = await parseDocument({ bytes, filename: "dpa.pdf" } as never);
    expect(doc.text).toMatch(/within 48 hours/);
    expect(JSON.parse).toBe(native);
    expect(sourceContext()).toBe(1);
  });
});
