import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_GGUF_MODELS, GGUF_MODELS, planGgufFetch } from "../src/fetch-gguf.js";
import {
  GenerationModelNotFoundError,
  loadGenerationRegistry,
  loadRegistry,
  parseRegistryKinds,
  resolveGenerationModel,
  type GenerationRegistry,
} from "../src/registry.js";

const tmp = mkdtempSync(path.join(tmpdir(), "ml-gen-registry-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("generation entries in models.json", () => {
  const generation = loadGenerationRegistry();

  it("lists the three GGUF models, each with the size models:fetch pins", () => {
    expect(Object.keys(generation).sort()).toEqual(["qwen2.5-coder-0.5b-instruct", "qwen2.5-coder-1.5b-instruct", "smollm2-135m-instruct"]);
    for (const [id, entry] of Object.entries(generation)) {
      expect(entry.kind).toBe("generation");
      expect(entry.file.endsWith(".gguf")).toBe(true);
      expect(entry.bytes).toBe(GGUF_MODELS[id]!.bytes);
    }
  });

  it("keeps them out of the embedding registry", () => {
    expect(Object.keys(loadRegistry())).not.toContain("smollm2-135m-instruct");
  });

  it("checks a generation entry, naming the field", () => {
    expect(() => parseRegistryKinds({ g: { kind: "generation", dir: "g", file: "model.bin", contextSize: 2048 } }, "t.json")).toThrow(/t\.json[\s\S]*g\.file/);
    expect(() => parseRegistryKinds({ g: { kind: "generation", dir: "g", file: "m.gguf", contextSize: 10 } })).toThrow(/g\.contextSize/);
  });
});

describe("generation model resolution", () => {
  const registry: GenerationRegistry = { tiny: { kind: "generation", dir: "tiny", file: "tiny.gguf", contextSize: 512, bytes: 8 } };

  it("never takes a file of the wrong size (a partial copy), and says where it looked", () => {
    const a = path.join(tmp, "a");
    const b = path.join(tmp, "b");
    mkdirSync(path.join(a, "tiny"), { recursive: true });
    writeFileSync(path.join(a, "tiny", "tiny.gguf"), "GGUF");
    let error: unknown;
    try {
      resolveGenerationModel(registry, "tiny", [a, b]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GenerationModelNotFoundError);
    expect((error as Error).message).toMatch(/4 bytes, expected 8: incomplete/);
    expect((error as Error).message).toContain(path.join(b, "tiny", "tiny.gguf"));
    expect((error as Error).message).toContain("npm run models:fetch -- tiny");

    mkdirSync(path.join(b, "tiny"), { recursive: true });
    writeFileSync(path.join(b, "tiny", "tiny.gguf"), "GGUF1234");
    expect(resolveGenerationModel(registry, "tiny", [a, b]).ggufPath).toBe(path.join(b, "tiny", "tiny.gguf"));
  });
});

describe("models:fetch arguments", () => {
  it("fetches the test model and the default one when no model is named, the 1.5B one only by name or --all", () => {
    expect(DEFAULT_GGUF_MODELS).toEqual(["smollm2-135m-instruct", "qwen2.5-coder-0.5b-instruct"]);
    expect(planGgufFetch([]).only).toBe(false);
    expect(planGgufFetch(["smollm2-135m-instruct"])).toMatchObject({ only: true, rest: [] });
    expect(planGgufFetch(["all-minilm-l6-v2", "smollm2-135m-instruct", "--force"])).toMatchObject({
      only: false,
      rest: ["all-minilm-l6-v2", "--force"],
    });
    expect(planGgufFetch(["--cache-dir", "/x", "qwen2.5-coder-1.5b-instruct"])).toMatchObject({ only: true, rest: ["--cache-dir", "/x"] });
  });
});
