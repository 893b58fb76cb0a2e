import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddingEngine } from "../src/engine/engine.js";
import { RuntimeMetrics } from "../src/metrics.js";
import { loadRegistry, modelSearchPath, resolveModel } from "../src/registry.js";
import { USE, dot, maxAbsDiff, metricValue, modelDirs } from "./helpers.js";

let engine: EmbeddingEngine;
const metrics = new RuntimeMetrics({ processMetrics: false });

beforeAll(async () => {
  const spec = resolveModel(loadRegistry(), USE, modelSearchPath(modelDirs));
  engine = await EmbeddingEngine.start({
    models: [spec],
    session: { executionProvider: "cpu", threads: 2 },
    limits: { maxBatch: 64, maxBatchTokens: 8192 },
    batchWindowMs: 2,
    metrics,
  });
});
afterAll(() => engine?.close());

const embed = async (texts: string[]) => (await engine.embed(USE, texts)).vectors;

describe("USE-Lite through the inference worker", () => {
  it("loads on the CPU provider with the inputs the model declares", () => {
    expect(engine.models.get(USE)).toMatchObject({ dimension: 512, maxLength: 128, executionProvider: "cpu" });
  });

  it("reproduces the cosines measured in SOURCE.md", async () => {
    const [food, bread, horse, dogs, puppies, stocks] = await embed([
      "A man is eating food.",
      "A man is eating a piece of bread.",
      "A man is riding a horse.",
      "I love dogs",
      "I adore puppies",
      "Stock markets fell sharply on Tuesday.",
    ]);
    // Vectors come out L2-normalised by the graph, so the dot product is the cosine.
    expect(dot(food, food)).toBeCloseTo(1, 5);
    expect(dot(food, bread)).toBeCloseTo(0.7628, 2);
    expect(Math.abs(dot(food, bread) - 0.7628)).toBeLessThan(0.002);
    expect(Math.abs(dot(food, horse) - 0.4671)).toBeLessThan(0.002);
    expect(Math.abs(dot(bread, horse) - 0.4962)).toBeLessThan(0.002);
    expect(Math.abs(dot(dogs, puppies) - 0.7047)).toBeLessThan(0.002);
    expect(Math.abs(dot(dogs, stocks) - 0.0242)).toBeLessThan(0.002);
  });

  it("gives the same vectors batched as one by one (padding changes nothing)", async () => {
    const texts = ["short", "a somewhat longer sentence about eating bread", "mid length text here", "x"];
    const batched = await embed(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embed([text]);
      expect(maxAbsDiff(alone, batched[i])).toBeLessThan(1e-5);
    }
  });

  it("answers in the caller's order when lengths are mixed and requests are coalesced", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `${"word ".repeat((i * 7) % 23)}item ${i}`);
    const expected = await Promise.all(texts.map(async (t) => (await embed([t]))[0]));
    const batchesBefore = metricValue(await metrics.registry.metrics(), `ml_runtime_batch_size_count{model="${USE}"}`);
    // Three requests in one tick: one job, sorted by length inside the worker.
    const [a, b, c] = await Promise.all([embed(texts.slice(0, 15)), embed(texts.slice(15, 16)), embed(texts.slice(16))]);
    const batchesAfter = metricValue(await metrics.registry.metrics(), `ml_runtime_batch_size_count{model="${USE}"}`);
    [...a, ...b, ...c].forEach((vector, i) => expect(maxAbsDiff(vector, expected[i])).toBeLessThan(1e-5));
    expect(batchesAfter - batchesBefore).toBe(1);
  });

  it("truncates at 128 tokens and counts tokens", async () => {
    const long = "the quick brown fox jumps over the lazy dog ".repeat(40);
    const result = await engine.embed(USE, [long, `${long} with a different ending`, "A man is eating food."]);
    expect(result.tokenCounts).toEqual([128, 128, 6]);
    expect(maxAbsDiff(result.vectors[0], result.vectors[1])).toBe(0);
  });

  it("refuses a model it has not loaded", async () => {
    await expect(engine.embed("all-minilm-l6-v2", ["x"])).rejects.toThrow(/not loaded/);
  });
});
