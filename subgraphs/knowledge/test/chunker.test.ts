import { describe, expect, it } from "vitest";
import { chunkText, CHUNK_DEFAULTS, type Chunk } from "../src/service/chunker.js";

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
