import { describe, expect, it } from "vitest";
import { queryTerms, snippet, SNIPPET_MAX_CHARS } from "../src/service/snippet.js";

const filler = (n: number, word = "lorem") => Array.from({ length: n }, () => word).join(" ");

describe("snippet", () => {
  it("returns short text whole, whitespace collapsed", () => {
    expect(snippet("Pricing is\n\nper seat.", "pricing")).toBe("Pricing is per seat.");
  });

  it("centres on the densest run of distinct query words, within the limit", () => {
    const text = `${filler(100)} refund once. ${filler(100)} Our refund policy allows a full refund within 30 days. ${filler(100)}`;
    const s = snippet(text, "what is the refund policy?");
    expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
    expect(s).toContain("Our refund policy allows a full refund within 30 days.");
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).not.toMatch(/…\S*lore(?!m)/); // cut at word boundaries
  });

  it("matches word prefixes and falls back to the start of the text", () => {
    expect(snippet(`${filler(80)} deployment guide ${filler(80)}`, "deploy")).toContain("deployment guide");
    const start = snippet(`Alpha beta ${filler(100)}`, "zebra");
    expect(start.startsWith("Alpha beta")).toBe(true);
    expect(start.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
  });

  it("drops stop words unless nothing else is left", () => {
    expect(queryTerms("What is the Refund policy")).toEqual(["refund", "policy"]);
    expect(queryTerms("what is it")).toEqual(["what", "is", "it"]);
  });

  it("stays within the limit for text without spaces", () => {
    expect(snippet("z".repeat(5_000), "zz").length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
  });
});
