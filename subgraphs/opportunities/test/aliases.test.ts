import { describe, expect, it } from "vitest";
import { aliasGroupArrays, aliasGroups } from "../src/db/matching.js";

describe("alias groups", () => {
  it("are transitive: a chain of aliases puts every name in one group", () => {
    const groups = aliasGroups([
      ["acme", "acme holdings"],
      ["acme holdings", "globex"],
      ["initech", "initrode"],
    ]);
    expect([...groups.get("acme")!].sort()).toEqual(["acme holdings", "globex"]);
    expect([...groups.get("globex")!].sort()).toEqual(["acme", "acme holdings"]);
    expect([...groups.get("initech")!]).toEqual(["initrode"]);
    expect(groups.get("acme")!.has("initech")).toBe(false);
    expect(groups.has("unknown")).toBe(false);
  });

  it("as SQL arrays: one group number per group, every name once", () => {
    const { names, groups } = aliasGroupArrays(aliasGroups([["a", "b"], ["b", "c"], ["x", "y"]]));
    expect(names.slice().sort()).toEqual(["a", "b", "c", "x", "y"]);
    const of = (n: string) => groups[names.indexOf(n)];
    expect(of("a")).toBe(of("b"));
    expect(of("b")).toBe(of("c"));
    expect(of("x")).toBe(of("y"));
    expect(of("a")).not.toBe(of("x"));
  });
});
