import { describe, expect, it } from "vitest";
import { sentences } from "../src/service/analysis/text.js";
import { candidates, cite, pick, scoreCandidates, type Draft } from "../src/service/generation/compose.js";
import { applyGuardrails, isProfane } from "../src/service/generation/guardrails.js";
import { render } from "../src/service/generation/render.js";
import { parseLlmSentences } from "../src/service/generation/generate.js";
import { verifyDraft } from "../src/service/generation/verify.js";
import type { Passage } from "../src/service/knowledge.js";

const passage = (chunkId: string, text: string, charStart = 100, headingPath = ["Encryption"]): Passage => ({
  chunkId,
  text,
  score: 1,
  sourceId: "s1",
  sourceTitle: "Security Overview",
  sourceUri: null,
  page: null,
  headingPath,
  charStart,
  charEnd: charStart + text.length,
});

const ENC = passage("c1", "## Encryption\n\nCustomer data is encrypted at rest with AES-256 in every storage layer, including backups and\nsnapshots. Encryption keys are managed in a hardware security module and rotated every 90 days.");
const PRICE = passage("c2", "Multi-year contracts get 10% off for two years and 18% off for three years.", 500, ["Discounts"]);

function draftFrom(quotes: Array<{ p: Passage; i: number }>): Draft {
  const draft: Draft = { title: "T", opening: "Hello Ann,", closing: "Thanks.", paragraphs: [{ heading: "Security", sentences: [] }], citations: [] };
  for (const { p, i } of quotes) {
    const c = candidates([p])[i]!;
    const n = cite(draft.citations, c);
    draft.paragraphs[0]!.sentences.push({ text: `${c.text.replace(/\s+/g, " ")} [${n}]`, citations: [n] });
  }
  return draft;
}

describe("extractive composition", () => {
  it("keeps a wrapped paragraph line as one sentence, exactly as in the source", () => {
    const s = sentences(ENC.text);
    expect(s.map((x) => x.text)).toEqual([
      "## Encryption",
      "Customer data is encrypted at rest with AES-256 in every storage layer, including backups and\nsnapshots.",
      "Encryption keys are managed in a hardware security module and rotated every 90 days.",
    ]);
  });

  it("offers claim sentences only (no headings), with offsets into the chunk", () => {
    const list = candidates([ENC, ENC]);
    expect(list.map((c) => c.text.slice(0, 20))).toEqual(["Customer data is enc", "Encryption keys are "]);
    for (const c of list) expect(ENC.text.slice(c.start, c.end)).toBe(c.text);
  });

  it("ranks by word overlap (and cosine when given) and leaves weak sentences out", () => {
    const list = candidates([ENC, PRICE]);
    const scored = scoreCandidates("who manages the encryption keys and how often are they rotated", list, null);
    expect(scored[0]!.text).toMatch(/^Encryption keys/);
    expect(pick(scored, 3).map((c) => c.text.slice(0, 10))).toEqual(["Encryption"]);
    const withCosines = scoreCandidates("discount for a three year contract", list, [0.1, 0.1, 0.9]);
    expect(withCosines[0]!.passage.chunkId).toBe("c2");
  });

  it("numbers one citation per distinct quote, with the quote's offsets in the source", () => {
    const d = draftFrom([{ p: ENC, i: 1 }, { p: ENC, i: 1 }, { p: PRICE, i: 0 }]);
    expect(d.citations.map((c) => [c.n, c.chunkId, c.charStart, c.charEnd])).toEqual([
      [1, "c1", 100 + ENC.text.indexOf("Encryption keys"), 100 + ENC.text.length],
      [2, "c2", 500, 500 + PRICE.text.length],
    ]);
  });
});

describe("verifier", () => {
  const byId = new Map([ENC, PRICE].map((p) => [p.chunkId, p]));

  it("accepts verbatim quotes at their offsets and drops sentences whose citation does not hold", () => {
    const d = draftFrom([{ p: ENC, i: 0 }, { p: PRICE, i: 0 }]);
    d.paragraphs[0]!.sentences.push({ text: "We are the cheapest vendor [2]", citations: [2] }, { text: "An uncited claim.", citations: [] }, { text: "A dangling one [7]", citations: [7] });
    const v = verifyDraft(d, byId, { extractive: true, drop: true });
    expect(v).toMatchObject({ sentences: 2, cited: 2, verified: 2, citedShare: 1, verbatim: false });
    expect(v.dropped).toEqual(["We are the cheapest vendor [2]", "An uncited claim.", "A dangling one [7]"]);
    expect(d.paragraphs[0]!.sentences.every((s) => s.verified && s.support === 1)).toBe(true);
  });

  it("flags a quote that was altered even when its words match", () => {
    const d = draftFrom([{ p: PRICE, i: 0 }]);
    d.paragraphs[0]!.sentences[0]!.text = "Multi-year contracts get 20% off for two years and 18% off for three years. [1]";
    const v = verifyDraft(d, byId, { extractive: true, drop: false });
    expect(v).toMatchObject({ sentences: 1, verified: 0, verbatim: false });
  });

  it("checks rewritten (LLM) sentences by word support in the cited chunk and removes citations nothing refers to", () => {
    const d = draftFrom([{ p: ENC, i: 1 }, { p: PRICE, i: 0 }]);
    d.paragraphs = [{ heading: null, sentences: parseLlmSentences("Your keys sit in a hardware security module and are rotated every 90 days [1]. Also we offer free pizza [1].") }];
    const v = verifyDraft(d, byId, { extractive: false, drop: true });
    expect(v.verified).toBe(1);
    expect(v.dropped).toEqual(["Also we offer free pizza [1]."]);
    expect(d.citations.map((c) => c.n)).toEqual([1]);
  });

  it("re-cites a rewritten sentence to the quote that supports it best", () => {
    const d = draftFrom([{ p: ENC, i: 1 }, { p: PRICE, i: 0 }]);
    d.paragraphs = [{ heading: null, sentences: parseLlmSentences("Multi-year contracts get 18% off for three years [1]. Keys are rotated every 90 days in a hardware security module.") }];
    const v = verifyDraft(d, byId, { extractive: false, drop: true });
    expect(d.paragraphs[0]!.sentences.map((s) => [s.text, s.citations])).toEqual([
      ["Multi-year contracts get 18% off for three years. [2]", [2]],
      ["Keys are rotated every 90 days in a hardware security module. [1]", [1]],
    ]);
    expect(v).toMatchObject({ sentences: 2, cited: 2, verified: 2, dropped: [] });
  });
});

describe("guardrails and rendering", () => {
  it("drops profanity (obfuscated too) and redacts other customers' personal data and invented contacts", () => {
    expect(isProfane("this is sh1t")).toBe(true);
    expect(isProfane("Encryption keys are rotated")).toBe(false);
    const d = draftFrom([{ p: PRICE, i: 0 }]);
    d.paragraphs[0]!.sentences.push(
      { text: "What a fucking deal [1]", citations: [1] },
      { text: "Ask Dana Brooks at dana@ironclad.example or call +1 312 555 0141 [1]", citations: [1] },
      { text: "Write to security@northwind.example [1]", citations: [1] },
    );
    const notes = applyGuardrails(d, { otherCustomersData: ["Dana Brooks"], allowed: ["security@northwind.example"], courtesy: { opening: "Hello,", closing: "Thanks." } });
    expect(d.paragraphs[0]!.sentences.map((s) => s.text)).toEqual([
      "Multi-year contracts get 10% off for two years and 18% off for three years. [1]",
      "Ask [redacted] at [redacted] or call [redacted] [1]",
      "Write to security@northwind.example [1]",
    ]);
    expect(notes.sort()).toEqual(["personal data of another customer redacted", "profane sentence dropped", "unknown e-mail address redacted", "unknown phone number redacted"]);
  });

  it("renders every format with the [n] markers and the sources", () => {
    const d = draftFrom([{ p: PRICE, i: 0 }]);
    const md = render(d, "one_pager", "markdown");
    expect(md).toBe("# T\n\nHello Ann,\n\n## Security\n\nMulti-year contracts get 10% off for two years and 18% off for three years. [1]\n\nThanks.\n\n**Sources**\n\n[1] Security Overview — Discounts");
    expect(render(d, "talking_points", "text")).toContain("\n- Multi-year contracts get 10% off");
    expect(render(d, "email", "html")).toBe(
      '<h1>T</h1>\n<p>Hello Ann,</p>\n<p>Multi-year contracts get 10% off for two years and 18% off for three years. [1]</p>\n<p>Thanks.</p>\n<ol class="sources"><li value="1">Security Overview — Discounts</li></ol>',
    );
    expect(JSON.parse(render(d, "email", "json")).citations[0].quote).toBe(PRICE.text);
  });
});

describe("outcomes", () => {
  it("reads an opportunity's stage as won, lost or still open", async () => {
    const { outcomeOfStage } = await import("../src/service/content-feedback.js");
    expect(["Closed Won", "won", "Launched", "Closed Lost", "Lost", "Rejected", "Qualified", "Negotiation", null].map(outcomeOfStage)).toEqual([
      "won", "won", "won", "lost", "lost", "lost", null, null, null,
    ]);
  });
});
