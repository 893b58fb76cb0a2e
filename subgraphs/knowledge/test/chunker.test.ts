import { describe, expect, it } from "vitest";
import { chunkDocument, chunkText, CHUNK_DEFAULTS, estimateTokens, type Chunk, type DocumentChunk } from "../src/service/chunker.js";
import { parseDocument, type ParsedDocument } from "../src/service/parsers/index.js";

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const numbered = (n: number, from = 0, prefix = "w") => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`).join(" ");

function expectExactSlices(text: string, chunks: Chunk[]) {
  chunks.forEach((c, i) => {
    expect(c.ordinal).toBe(i);
    expect(c.text).toBe(text.slice(c.charStart, c.charEnd));
    expect(c.charStart).toBeGreaterThanOrEqual(0);
    expect(c.charEnd).toBeLessThanOrEqual(text.length);
    expect(c.text).toBe(c.text.trim());
    expect(c.text.length).toBeGreaterThan(0);
  });
}

/** Every non-whitespace character of the text lies in some chunk. */
function expectCovered(text: string, chunks: Chunk[]) {
  const covered = new Uint8Array(text.length);
  for (const c of chunks) covered.fill(1, c.charStart, c.charEnd);
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) expect(covered[i], `char ${i} ${JSON.stringify(text[i])}`).toBe(1);
}

describe("chunkText", () => {
  it("returns no chunks for blank text", () => {
    expect(chunkText("", "text/plain")).toEqual([]);
    expect(chunkText(" \n\n\t ", "text/markdown")).toEqual([]);
  });

  it("keeps a short plain text as one chunk with exact offsets and no page or headings", () => {
    const text = "  \n\nFirst paragraph here.\n\nSecond one.  \n";
    const chunks = chunkText(text, "text/plain");
    expect(chunks).toHaveLength(1);
    expectExactSlices(text, chunks);
    expect(chunks[0]).toMatchObject({ text: "First paragraph here.\n\nSecond one.", page: null, headingPath: [] });
  });

  it("tracks Markdown heading paths and never spans two sections", () => {
    const text = [
      "Preamble before any heading.",
      "# Guide",
      "Intro to the guide.",
      "## Install",
      "Run the installer.",
      "### On Linux ###",
      "Use the package.",
      "## Configure",
      "Edit the file.",
      "# Appendix",
      "Extra notes.",
    ].join("\n\n");
    const chunks = chunkText(text, "text/markdown");
    expectExactSlices(text, chunks);
    expectCovered(text, chunks);
    expect(chunks.map((c) => c.headingPath)).toEqual([[], ["Guide"], ["Guide", "Install"], ["Guide", "Install", "On Linux"], ["Guide", "Configure"], ["Appendix"]]);
    expect(chunks[2]!.text).toBe("## Install\n\nRun the installer.");
    expect(chunks[3]!.text).toBe("### On Linux ###\n\nUse the package.");
  });

  it("carries a heading with no body of its own into the next section", () => {
    const text = "# Handbook\n\n## Pricing\n\nWe charge per seat.\n";
    const chunks = chunkText(text, "text/markdown");
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.headingPath).toEqual(["Handbook", "Pricing"]);
    expect(chunks[0]!.text).toBe("# Handbook\n\n## Pricing\n\nWe charge per seat.");
  });

  it("ignores headings inside code fences and in plain text", () => {
    const text = "# Real\n\n```sh\n# not a heading\n\necho hi\n```\n\nAfter the fence.";
    const md = chunkText(text, "text/markdown");
    expectExactSlices(text, md);
    expect(md.every((c) => c.headingPath.join("/") === "Real")).toBe(true);
    expect(md[0]!.text).toContain("```sh\n# not a heading\n\necho hi\n```");

    const plain = chunkText(text, "text/plain");
    expect(plain.every((c) => c.headingPath.length === 0)).toBe(true);
  });

  it("handles CRLF line endings", () => {
    const text = "# Title\r\n\r\nLine one.\r\nLine two.\r\n\r\n## Next\r\n\r\nMore.\r\n";
    const chunks = chunkText(text, "text/markdown");
    expectExactSlices(text, chunks);
    expect(chunks.map((c) => c.headingPath)).toEqual([["Title"], ["Title", "Next"]]);
    expect(chunks[0]!.text).toBe("# Title\r\n\r\nLine one.\r\nLine two.");
  });

  it("splits long text into chunks of at most maxWords that overlap by overlapWords", () => {
    const text = numbered(500);
    const chunks = chunkText(text, "text/plain");
    expectExactSlices(text, chunks);
    expectCovered(text, chunks);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(words(c.text).length).toBeLessThanOrEqual(CHUNK_DEFAULTS.maxWords);
    for (let i = 1; i < chunks.length; i++) {
      const prev = words(chunks[i - 1]!.text);
      const next = words(chunks[i]!.text);
      expect(next.slice(0, CHUNK_DEFAULTS.overlapWords)).toEqual(prev.slice(-CHUNK_DEFAULTS.overlapWords));
      expect(chunks[i]!.charStart).toBeLessThan(chunks[i - 1]!.charEnd);
    }
    expect(words(chunks[0]!.text)).toHaveLength(CHUNK_DEFAULTS.maxWords);
    expect(words(chunks.at(-1)!.text).at(-1)).toBe("w499");
  });

  it("packs whole paragraphs and ends chunks at paragraph breaks", () => {
    const paragraphs = Array.from({ length: 8 }, (_, p) => `${numbered(60, 0, `p${p}w`)}.`);
    const text = paragraphs.join("\n\n");
    const chunks = chunkText(text, "text/plain");
    expectExactSlices(text, chunks);
    expectCovered(text, chunks);
    for (const c of chunks) {
      expect(words(c.text).length).toBeLessThanOrEqual(CHUNK_DEFAULTS.maxWords);
      expect(c.charEnd === text.length || text.slice(c.charEnd, c.charEnd + 2) === "\n\n").toBe(true);
    }
    // 60-word paragraphs: three fit in the first chunk (180 words).
    expect(chunks[0]!.text).toBe(paragraphs.slice(0, 3).join("\n\n"));
  });

  it("honours custom limits and keeps overlap within the section", () => {
    const text = `# A\n\n${numbered(50)}\n\n# B\n\n${numbered(50, 100)}`;
    const chunks = chunkText(text, "text/markdown", { maxWords: 20, overlapWords: 5 });
    expectExactSlices(text, chunks);
    expectCovered(text, chunks);
    for (const c of chunks) expect(words(c.text).length).toBeLessThanOrEqual(20);
    const firstOfB = chunks.findIndex((c) => c.headingPath[0] === "B");
    expect(chunks[firstOfB]!.text.startsWith("# B")).toBe(true);
    expect(chunks[firstOfB - 1]!.charEnd).toBeLessThan(chunks[firstOfB]!.charStart);
  });

  it("caps chunk size in characters for text with few spaces", () => {
    const text = `${"x".repeat(10_000)} tail ${"y".repeat(3_000)}`;
    const chunks = chunkText(text, "text/plain");
    expectExactSlices(text, chunks);
    expectCovered(text, chunks);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(CHUNK_DEFAULTS.maxChars);
    expect(chunks.length).toBeLessThan(20);
  });

  it("rejects inconsistent options", () => {
    expect(() => chunkText("a b c", "text/plain", { maxWords: 10, overlapWords: 10 })).toThrow(RangeError);
    expect(() => chunkText("a b c", "text/plain", { maxWords: 0 })).toThrow(RangeError);
  });
});

describe("chunkDocument", () => {
  const sentence = (i: number) => `Sentence ${i} explains one more detail about the topic at hand.`;
  const md = (s: string) => parseDocument({ text: s, filename: "doc.md" });

  function expectDocSlices(doc: ParsedDocument, chunks: DocumentChunk[], maxTokens: number) {
    chunks.forEach((c, i) => {
      expect(c.ordinal).toBe(i);
      expect(c.text).toBe(doc.text.slice(c.charStart, c.charEnd));
      expect(c.text.length).toBeGreaterThan(0);
      expect(estimateTokens(c.text) + (c.tableHeader ? estimateTokens(c.tableHeader) : 0)).toBeLessThanOrEqual(maxTokens);
    });
  }

  it("estimates about 1.3 tokens a word and a token per 4 characters for long runs", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("one two three four five six seven eight nine ten")).toBe(13);
    expect(estimateTokens("x".repeat(400))).toBe(100);
  });

  it("keeps chunks within the token bound, overlapping inside a section and not across sections", async () => {
    const a = Array.from({ length: 40 }, (_, i) => sentence(i)).join(" ");
    const b = Array.from({ length: 40 }, (_, i) => sentence(100 + i)).join(" ");
    const doc = await md(`# A\n\n${a}\n\n# B\n\n${b}\n`);
    const chunks = chunkDocument(doc, { maxTokens: 96, overlapTokens: 30 });
    expectDocSlices(doc, chunks, 96);
    const inA = chunks.filter((c) => c.headingPath[0] === "A");
    const inB = chunks.filter((c) => c.headingPath[0] === "B");
    expect(inA.length).toBeGreaterThan(3);
    expect(inB.length).toBeGreaterThan(3);
    for (const group of [inA, inB]) {
      for (let i = 1; i < group.length; i++) {
        const overlap = doc.text.slice(group[i]!.charStart, group[i - 1]!.charEnd);
        expect(group[i]!.charStart).toBeLessThan(group[i - 1]!.charEnd);
        expect(estimateTokens(overlap)).toBeLessThanOrEqual(30);
        // The overlap starts at a sentence.
        expect(overlap).toMatch(/^Sentence \d+/);
      }
    }
    expect(inA.at(-1)!.charEnd).toBeLessThan(inB[0]!.charStart);
    expect(inB[0]!.text.startsWith("B\n\nSentence 100")).toBe(true);
    // Every sentence is covered.
    for (let i = 0; i < 40; i++) expect(chunks.some((c) => c.text.includes(sentence(i)))).toBe(true);
  });

  it("packs paragraphs and list items whole and never crosses a heading", async () => {
    const paras = Array.from({ length: 6 }, (_, p) => `Paragraph ${p} ` + "word ".repeat(20).trim() + ".");
    const items = Array.from({ length: 12 }, (_, i) => `- item ${i} ` + "thing ".repeat(6).trim());
    const doc = await md(`# Top\n\n${paras.join("\n\n")}\n\n## Sub\n\n${items.join("\n")}\n\n## Other\n\nShort.`);
    const chunks = chunkDocument(doc, { maxTokens: 80, overlapTokens: 15 });
    expectDocSlices(doc, chunks, 80);
    for (const c of chunks) {
      const path = c.headingPath.join(" > ");
      if (path === "Top") {
        // Ends at a paragraph end.
        expect(c.text.endsWith(".")).toBe(true);
      }
      if (path === "Top > Sub") {
        // Ends at an item end; starts at an item or at the heading.
        expect(c.text).toMatch(/(thing)$/);
        expect(c.text).toMatch(/^(Sub|- item)/);
      }
      expect(c.text).not.toMatch(/\n#{1,6} /);
    }
    expect(chunks.map((c) => c.headingPath.join(" > "))).toContain("Top > Other");
    expect(chunks.at(-1)!.text).toBe("Other\n\nShort.");
  });

  it("splits an over-long sentence at words and a run without spaces within the bound", async () => {
    const doc = await parseDocument({ text: `${"lorem ".repeat(300)}\n\n${"z".repeat(3000)}`, filename: "x.txt" });
    const chunks = chunkDocument(doc, { maxTokens: 50, overlapTokens: 5 });
    expectDocSlices(doc, chunks, 50);
    expect(chunks.every((c) => c.page === null && c.headingPath.length === 0)).toBe(true);
    const covered = new Uint8Array(doc.text.length);
    for (const c of chunks) covered.fill(1, c.charStart, c.charEnd);
    for (let i = 0; i < doc.text.length; i++) if (!/\s/.test(doc.text[i]!)) expect(covered[i]).toBe(1);
  });

  it("splits a long table by rows and repeats the header row", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| r${i} | value ${i} | note about row ${i} |`);
    const header = "| Key | Value | Note |\n|-----|-------|------|";
    const doc = await md(`# Data\n\nThe table:\n\n${header}\n${rows.join("\n")}\n`);
    const chunks = chunkDocument(doc, { maxTokens: 60, overlapTokens: 8 });
    expectDocSlices(doc, chunks, 60);
    const tableChunks = chunks.filter((c) => c.text.includes("| r"));
    expect(tableChunks.length).toBeGreaterThan(3);
    expect(tableChunks[0]!.text).toContain(header);
    expect(tableChunks[0]!.tableHeader).toBeUndefined();
    for (const c of tableChunks.slice(1)) {
      expect(c.tableHeader).toBe(header);
      expect(c.text.startsWith("| r")).toBe(true);
      expect(c.text.endsWith("|")).toBe(true);
      for (const line of c.text.split("\n")) expect(line).toMatch(/^\| r\d+ \| value \d+ \| note about row \d+ \|$/);
    }
    for (const row of rows) expect(tableChunks.some((c) => c.text.split("\n").includes(row))).toBe(true);
  });

  it("rejects inconsistent options", async () => {
    const doc = await md("# A\n\nText.");
    expect(() => chunkDocument(doc, { maxTokens: 4 })).toThrow(RangeError);
    expect(() => chunkDocument(doc, { maxTokens: 64, overlapTokens: 40 })).toThrow(RangeError);
  });
});
