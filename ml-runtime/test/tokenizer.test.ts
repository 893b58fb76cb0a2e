import path from "node:path";
import { describe, expect, it } from "vitest";
import { TextTokenizer } from "../src/engine/tokenizer.js";
import { MINILM, USE, miniLmDir, miniLmPresent, sharedModelDir } from "./helpers.js";

const useDir = path.join(sharedModelDir.split(path.delimiter)[0], USE);

describe("USE-Lite tokenizer", () => {
  const tokenizer = TextTokenizer.fromFiles(path.join(useDir, "tokenizer.json"), path.join(useDir, "tokenizer_config.json"), {
    maxLength: 128,
    addSpecialTokens: false,
  });

  it("encodes without special tokens and pads with 0", () => {
    expect(tokenizer.encode("A man is eating food.")).toEqual([74, 337, 18, 2326, 568, 6]);
    expect(tokenizer.padId).toBe(0);
  });

  it("truncates to maxLength", () => {
    const long = "word ".repeat(500);
    expect(tokenizer.encode(long)).toHaveLength(128);
    expect(tokenizer.encode(long)).toEqual(tokenizer.encode(`${long} and more`));
  });
});

describe(`${MINILM} tokenizer`, () => {
  it("keeps [CLS] and [SEP] when it truncates", (ctx) => {
    if (!miniLmPresent) ctx.skip(`no ${MINILM} at ${miniLmDir}; run npm run models:fetch`);
    const tokenizer = TextTokenizer.fromFiles(
      path.join(miniLmDir, "tokenizer.json"),
      path.join(miniLmDir, "tokenizer_config.json"),
      { maxLength: 16, addSpecialTokens: true },
    );
    const cls = 101;
    const sep = 102;
    expect(tokenizer.encode("hello world")).toEqual([cls, 7592, 2088, sep]);
    const ids = tokenizer.encode("one two three ".repeat(20));
    expect(ids).toHaveLength(16);
    expect(ids[0]).toBe(cls);
    expect(ids[15]).toBe(sep);
    expect(tokenizer.padId).toBe(0);
  });
});
