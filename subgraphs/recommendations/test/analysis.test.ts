import { describe, expect, it } from "vitest";
import { analyseInteractions, assessDisc, isConcern, primaryFactor } from "../src/service/analysis/profile.js";
import { companyKey, overlap, sentences } from "../src/service/analysis/text.js";

describe("text tools", () => {
  it("cuts sentences with their offsets, lines too", () => {
    const text = "Prices are per month. Monthly billing costs 15% more!\n- Multi-year contracts get 10% off";
    const s = sentences(text);
    expect(s.map((x) => x.text)).toEqual(["Prices are per month.", "Monthly billing costs 15% more!", "- Multi-year contracts get 10% off"]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it("normalises company names: legal forms, ampersands, accents, case", () => {
    expect(companyKey("Globex GmbH & Co. KG")).toBe("globex");
    expect(companyKey("GLOBEX")).toBe("globex");
    expect(companyKey("Société Générale S.A.")).toBe("societe generale");
    expect(companyKey("Procter & Gamble Co.")).toBe("procter and gamble");
    expect(companyKey("The Home Depot, Inc.")).toBe("home depot");
  });

  it("measures word overlap with a light stemmer", () => {
    expect(overlap("data is encrypted", "Customer data is encrypted at rest")).toBe(1);
    expect(overlap("keys rotate", "Encryption keys are rotated every 90 days")).toBe(1);
    expect(overlap("pricing discounts", "Backups are tested")).toBe(0);
  });
});

describe("personality and decision factors", () => {
  it("assesses the DISC style from cue words, with the sentences as evidence", () => {
    const d = assessDisc([{ sourceId: "i1", text: "Give me the bottom line. We need results now and I decide fast." }]);
    expect(d!.style).toBe("D");
    expect(d!.evidence[0]).toMatchObject({ style: "D", interactionId: "i1" });
    expect(d!.scores.D + d!.scores.I + d!.scores.S + d!.scores.C).toBeCloseTo(1, 10);
    const c = assessDisc([{ sourceId: "i2", text: "Please send the detailed documentation and the audit report. We need evidence." }]);
    expect(c!.style).toBe("C");
    expect(c!.confidence).toBeGreaterThan(0.5);
    expect(assessDisc([{ sourceId: "i3", text: "Hello." }])).toBeNull();
  });

  it("weighs factors by mentions, concerns counting more, and finds objections", () => {
    const { factors, objections } = analyseInteractions([
      { sourceId: "a", text: "The price is too high. We also asked about SSO." },
      { sourceId: "b", text: "What does the price include?" },
    ]);
    expect(factors.map((f) => [f.factor, f.mentions, f.concern])).toEqual([
      ["price", 2, 0.5],
      ["security", 1, 0],
    ]);
    expect(factors[0]!.weight).toBeCloseTo(2.5 / 3.5, 10);
    expect(objections).toEqual([{ interactionId: "a", sentenceIndex: 0, text: "The price is too high.", factor: "price" }]);
  });

  it("reads a reservation after 'but' as a concern, a neutral question not", () => {
    expect(isConcern("The demo was good, but the SAP integration looked thin.")).toBe(true);
    expect(isConcern("Which connectors do you offer?")).toBe(false);
    expect(primaryFactor("Is customer data encrypted and is the platform SOC 2 compliant with GDPR?")).toBe("compliance");
    expect(primaryFactor("Nice weather")).toBe("other");
  });
});
