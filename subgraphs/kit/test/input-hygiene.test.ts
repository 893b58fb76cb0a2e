import { parse } from "graphql";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findInvalidString, inputHygienePlugin, invalidStringReason } from "../src/input-hygiene.js";

describe("input hygiene", () => {
  it("accepts ordinary text, emoji (paired surrogates) and accents", () => {
    for (const s of ["", "plain", "Grüße, naïve café", "🚀 launch", "日本語", "tab\tnewline\n"]) expect(invalidStringReason(s)).toBeNull();
  });

  it("refuses NUL and unpaired surrogates, wherever they sit", () => {
    expect(invalidStringReason("a\u0000b")).toMatch(/NUL/);
    expect(invalidStringReason("\ud800")).toMatch(/surrogate/);
    expect(invalidStringReason("x\udc00")).toMatch(/surrogate/);
    expect(invalidStringReason("\ud83d\ude80\ud83d")).toMatch(/surrogate/);
  });

  it("agrees with TextEncoder on every string: refused exactly when UTF-8 cannot encode it or it holds NUL", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const wellFormed = Buffer.from(s, "utf8").toString("utf8") === s;
        expect(invalidStringReason(s) === null).toBe(wellFormed && !s.includes("\u0000"));
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the first bad string in nested variables, keys included, with its path", () => {
    expect(findInvalidString({ input: { tags: ["ok", "b\u0000d"] } }, ["variables"])).toEqual({ path: "variables.input.tags.1", reason: "contains a NUL character" });
    expect(findInvalidString({ ["k\ud800"]: 1 })?.path).toBe("k\ud800");
    expect(findInvalidString({ n: 1, list: [null, true, { s: "fine" }] })).toBeNull();
  });

  it("refuses an operation with a bad variable or inline argument before it resolves", async () => {
    const hooks = await inputHygienePlugin().requestDidStart!({} as never);
    const run = (query: string, variables?: Record<string, unknown>) => hooks!.didResolveOperation!({ request: { variables }, document: parse(query) } as never);
    await expect(run(`query ($q: String!) { search(q: $q) }`, { q: "nul\u0000" })).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "variables.q" } });
    await expect(run(`{ search(q: "bad \\u0000") }`)).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    await expect(run(`{ search(q: "fine") }`, { other: "ok" })).resolves.toBeUndefined();
  });
});
