import { describe, expect, it } from "vitest";
import { documentText, highlightParts, passageParts } from "./highlight.js";

describe("knowledge highlights and passages", () => {
  it("reads marks and entities as text, never as markup", () => {
    expect(highlightParts("a &lt;b&gt; <mark>kafka</mark> &amp; <mark>spark</mark>")).toEqual([
      { text: "a <b> ", marked: false },
      { text: "kafka", marked: true },
      { text: " & ", marked: false },
      { text: "spark", marked: true },
    ]);
    expect(highlightParts("<img src=x onerror=alert(1)>")).toEqual([{ text: "<img src=x onerror=alert(1)>", marked: false }]);
  });

  it("rebuilds a document from overlapping chunks and cuts out the cited passage", () => {
    const text = "Alpha beta gamma delta epsilon";
    const chunks = [
      { charStart: 11, charEnd: 30, text: text.slice(11, 30) },
      { charStart: 0, charEnd: 16, text: text.slice(0, 16) },
    ];
    expect(documentText(chunks)).toBe(text);
    expect(passageParts(text, 6, 10)).toEqual(["Alpha ", "beta", " gamma delta epsilon"]);
    expect(passageParts(text, 23, 99)).toEqual(["Alpha beta gamma delta ", "epsilon", ""]);
  });
});
