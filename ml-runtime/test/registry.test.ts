import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../src/config.js";
import { defaultModelCacheDir } from "../src/paths.js";
import {
  ModelNotFoundError,
  UnknownModelError,
  loadRegistry,
  modelSearchPath,
  parseRegistry,
  resolveModel,
  type ModelRegistry,
} from "../src/registry.js";
import { USE, modelDirs } from "./helpers.js";

const tmp = mkdtempSync(path.join(tmpdir(), "ml-registry-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function touch(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "");
}

describe("models.json", () => {
  const registry = loadRegistry();

  it("holds the four models with the settings their models need", () => {
    expect(Object.keys(registry)).toEqual(expect.arrayContaining(["all-minilm-l6-v2", "bge-m3", "bge-small-en-v1.5", USE]));
    expect(registry[USE]).toMatchObject({
      output: "sentence_embedding",
      pooling: "none",
      normalize: false,
      maxLength: 128,
      dimension: 512,
      addSpecialTokens: false,
    });
    expect(registry["all-minilm-l6-v2"]).toMatchObject({ pooling: "mean", normalize: true, maxLength: 256, dimension: 384, output: "last_hidden_state" });
    expect(registry["all-minilm-l6-v2"].onnx).toEqual(["onnx/model.onnx", "model.onnx", "onnx/model_quantized.onnx"]);
    expect(registry["bge-small-en-v1.5"]).toMatchObject({
      pooling: "cls",
      normalize: true,
      maxLength: 512,
      dimension: 384,
      queryPrefix: "Represent this sentence for searching relevant passages: ",
    });
    expect(registry["bge-m3"]).toMatchObject({ pooling: "cls", normalize: true, dimension: 1024 });
  });

  it("rejects a bad entry, naming the field", () => {
    const bad = { m: { ...registry[USE], pooling: "max" } };
    expect(() => parseRegistry(bad, "test.json")).toThrow(/test\.json[\s\S]*m\.pooling/);
    expect(() => parseRegistry({ m: { ...registry[USE], dir: "../escape" } })).toThrow(/m\.dir/);
  });
});

describe("model resolution", () => {
  const entry = { ...loadRegistry()["all-minilm-l6-v2"], dir: "fake-model" };
  const registry: ModelRegistry = { fake: entry };

  it("searches ML_MODEL_DIR entries in order, then <repo>/.cache/models", () => {
    const dirs = configFromEnv({ ML_MODEL_DIR: `/first${path.delimiter}/second` }).modelDirs;
    expect(modelSearchPath(dirs)).toEqual(["/first", "/second", defaultModelCacheDir]);
  });

  it("takes the first ONNX candidate that exists", () => {
    const base = path.join(tmp, "candidates");
    touch(path.join(base, "fake-model", "model.onnx"));
    touch(path.join(base, "fake-model", "onnx", "model_quantized.onnx"));
    touch(path.join(base, "fake-model", "tokenizer.json"));
    touch(path.join(base, "fake-model", "tokenizer_config.json"));
    const resolved = resolveModel(registry, "fake", [path.join(tmp, "empty"), base]);
    expect(resolved.onnxPath).toBe(path.join(base, "fake-model", "model.onnx"));
    expect(resolved.path).toBe(path.join(base, "fake-model"));
    expect(resolved.tokenizerConfigPath).toBe(path.join(base, "fake-model", "tokenizer_config.json"));
  });

  it("finds the real USE-Lite model in the shared folder", () => {
    const resolved = resolveModel(loadRegistry(), USE, modelSearchPath(modelDirs));
    expect(resolved.onnxPath).toMatch(/universal-sentence-encoder-lite[/\\]model\.onnx$/);
  });

  it("says every path it looked at, and how to fetch, when a model is missing", () => {
    const searchPath = [path.join(tmp, "a"), path.join(tmp, "b")];
    let error: unknown;
    try {
      resolveModel(registry, "fake", searchPath);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ModelNotFoundError);
    const message = (error as Error).message;
    for (const dir of searchPath) {
      for (const candidate of entry.onnx) expect(message).toContain(path.join(dir, "fake-model", candidate));
    }
    expect((error as ModelNotFoundError).searched).toHaveLength(6);
    expect(message).toContain("npm run models:fetch");
  });

  it("names the missing tokenizer when only the ONNX file is there", () => {
    const base = path.join(tmp, "no-tokenizer");
    touch(path.join(base, "fake-model", "onnx", "model.onnx"));
    expect(() => resolveModel(registry, "fake", [base])).toThrow(/no tokenizer at .*fake-model[/\\]tokenizer\.json/);
  });

  it("lists the registry's ids for an unknown id", () => {
    expect(() => resolveModel(registry, "nope", [tmp])).toThrow(UnknownModelError);
    expect(() => resolveModel(registry, "nope", [tmp])).toThrow(/registry has: fake/);
  });
});
