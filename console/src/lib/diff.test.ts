import { describe, expect, it } from "vitest";
import { diffWords, sameValue } from "./diff.js";

const marked = (parts: Array<{ text: string; differs: boolean }>) => parts.filter((p) => p.differs).map((p) => p.text.trim());

describe("diff highlighting", () => {
  it("marks the words each side does not share", () => {
    const { left, right } = diffWords("Acme Data GmbH", "ACME data Ltd");
    expect(marked(left)).toEqual(["GmbH"]);
    expect(marked(right)).toEqual(["Ltd"]);
    expect(left.map((p) => p.text).join("")).toBe("Acme Data GmbH");
  });

  it("ignores accents and punctuation-only words", () => {
    expect(marked(diffWords("Zürich – office", "Zurich office").left)).toEqual([]);
    expect(sameValue("Müller AG.", "muller ag")).toBe(true);
    expect(sameValue("Müller AG", "Miller AG")).toBe(false);
    expect(sameValue(null, "")).toBe(true);
  });

  it("keeps order: an inserted word is the only difference", () => {
    const { left, right } = diffWords("data platform migration", "data warehouse platform migration");
    expect(marked(left)).toEqual([]);
    expect(marked(right)).toEqual(["warehouse"]);
  });
});

describe("diff runs", () => {
  it("marks a run of differing words as one part", () => {
    const { left } = diffWords("Enterprise data lake build-out", "Thornbury's opportunity");
    expect(left).toEqual([{ text: "Enterprise data lake build-out", differs: true }]);
  });
});
