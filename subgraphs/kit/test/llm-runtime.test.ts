/**
 * The kit's LLM client against the real ml-runtime serving SmolLM2-135M-Instruct (CI fetches it,
 * .ci/run; elsewhere skipped, saying how to get it): the first call finds the model still loading
 * (503 with retry-after) and retries until it answers; chat, streaming, JSON-schema answers parsed
 * and checked by zod, the cache, $0 for a local model.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadGenerationRegistry, modelSearchPath, resolveGenerationModel, startMlRuntime, type MlRuntime } from "@matchgraph/ml-runtime";
import { createLlmClient, type LlmClient } from "../src/index.js";

const SMOL = "smollm2-135m-instruct";
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const modelDirs = [process.env.ML_MODEL_DIR ?? path.join(repoRoot, "..", "shared", "models")].flatMap((d) => d.split(path.delimiter)).filter(Boolean);
const present = (() => {
  try {
    return !!resolveGenerationModel(loadGenerationRegistry(), SMOL, modelSearchPath(modelDirs));
  } catch {
    return false;
  }
})();
const skipReason = `no ${SMOL}; run npm run models:fetch -- ${SMOL}`;
if (!present && process.env.CI) throw new Error(`CI must fetch the test model first: ${skipReason}`);
const embedder = modelDirs.some((d) => existsSync(path.join(d, "universal-sentence-encoder-lite", "model.onnx"))) ? "universal-sentence-encoder-lite" : "all-minilm-l6-v2";

let runtime: MlRuntime | undefined;
let llm: LlmClient;

beforeAll(async () => {
  if (!present) return;
  runtime = await startMlRuntime({
    port: 0,
    models: [embedder],
    modelDirs,
    defaultGenerationModel: SMOL,
    generationThreads: 1,
    logLevel: "silent",
    readEnv: false,
  });
  llm = createLlmClient({ baseUrl: `${runtime.url}/v1`, local: true, maxRetries: 4, maxRetryAfterMs: 10_000, logger: pino({ level: "silent" }), registry: new Registry() });
}, 120_000);

afterAll(async () => {
  await llm?.close();
  await runtime?.close();
});

describe("the LLM client with the ml-runtime", () => {
  it("waits out the model's first load (503 model loading, retry-after) and answers at $0", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const r = await llm.chat({ messages: [{ role: "user", content: "Say hi." }], maxTokens: 8, temperature: 0 });
    expect(r).toMatchObject({ path: "provider", model: SMOL, costUsd: 0, priced: true });
    expect(r.attempts).toBeGreaterThan(1);
    expect(r.usage.totalTokens).toBe(r.usage.promptTokens + r.usage.completionTokens);
    expect(r.usage.completionTokens).toBeGreaterThan(0);
    const again = await llm.chat({ messages: [{ role: "user", content: "Say hi." }], maxTokens: 8, temperature: 0 });
    expect(again).toMatchObject({ path: "cache", content: r.content });
  }, 120_000);

  it("streams deltas whose text is the answer, with the usage the runtime reported", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const stream = llm.stream({ messages: [{ role: "user", content: "Name two animals." }], maxTokens: 16, temperature: 0 });
    let text = "";
    for await (const delta of stream) text += delta;
    const result = await stream.result;
    expect(result.content).toBe(text);
    expect(result.usageEstimated).toBeUndefined();
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  }, 60_000);

  it("returns a JSON answer parsed and checked against a zod schema", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const Lead = z.object({ company: z.string().max(30), interested: z.boolean(), score: z.number() });
    const r = await llm.json({ messages: [{ role: "user", content: "Is ACME interested in a CRM?" }], schema: Lead, maxTokens: 120, temperature: 0.7, seed: 1 });
    expect(Lead.safeParse(r.data).success).toBe(true);
    expect(typeof r.data.interested).toBe("boolean");
  }, 60_000);
});
