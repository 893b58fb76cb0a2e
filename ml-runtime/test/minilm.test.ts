import path from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TextTokenizer } from "../src/engine/tokenizer.js";
import { startMlRuntime, type MlRuntime } from "../src/index.js";
import { MINILM, captureLogs, dot, maxAbsDiff, miniLmDir, miniLmPresent, modelDirs } from "./helpers.js";

const skipReason = `no ${MINILM} at ${miniLmDir}; run npm run models:fetch`;
let runtime: MlRuntime | undefined;

beforeAll(async () => {
  if (!miniLmPresent) return;
  runtime = await startMlRuntime({ port: 0, models: [MINILM], modelDirs, logger: captureLogs("silent").logger, readEnv: false });
});
afterAll(() => runtime?.close());

/** The ONNX file the runtime loaded: the fp32 export, or the int8 one that `npm start` fetches. */
const onnxPath = () => runtime!.models[0]!.onnxPath;
const isInt8 = () => onnxPath().endsWith("model_quantized.onnx");

/** Mean pooling done by hand from the raw last_hidden_state, for comparison. */
async function referenceEmbedding(text: string): Promise<Float32Array> {
  const tokenizer = TextTokenizer.fromFiles(path.join(miniLmDir, "tokenizer.json"), path.join(miniLmDir, "tokenizer_config.json"), {
    maxLength: 256,
    addSpecialTokens: true,
  });
  const ids = tokenizer.encode(text);
  const session = await InferenceSession.create(onnxPath());
  const dims = [1, ids.length];
  const feeds: Record<string, Tensor> = {
    input_ids: new Tensor("int64", BigInt64Array.from(ids.map(BigInt)), dims),
    attention_mask: new Tensor("int64", new BigInt64Array(ids.length).fill(1n), dims),
    token_type_ids: new Tensor("int64", new BigInt64Array(ids.length), dims),
  };
  const output = (await session.run(Object.fromEntries(session.inputNames.map((n) => [n, feeds[n]]))))["last_hidden_state"];
  await session.release();
  const data = output.data as Float32Array;
  const dim = output.dims[2];
  const mean = new Float32Array(dim);
  for (let t = 0; t < ids.length; t++) for (let d = 0; d < dim; d++) mean[d] += data[t * dim + d] / ids.length;
  const norm = Math.sqrt(dot(mean, mean));
  return mean.map((v) => v / norm);
}

describe(`${MINILM} (mean pooling, normalised)`, () => {
  it("matches sentence-transformers' published values for 'This is an example sentence'", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const { embeddings, tokenCounts } = await runtime.embed(["This is an example sentence"]);
    expect(embeddings[0]).toHaveLength(384);
    expect(tokenCounts).toEqual([7]);
    // From the model card / sentence-transformers: [0.0677, 0.0635, 0.0487, 0.0793, ...]
    const expected = [0.067657, 0.063496, 0.048713, 0.079305];
    // The int8 export differs from fp32 by at most 0.020 per value (measured over 48 sentences by
    // ml-runtime/scripts/verify_onnx.py); the fp32 export matches to float precision.
    expect(maxAbsDiff(embeddings[0].slice(0, 4), expected)).toBeLessThan(isInt8() ? 0.02 : 1e-4);
    expect(dot(embeddings[0], embeddings[0])).toBeCloseTo(1, 5);
  });

  it("equals masked mean pooling computed by hand, in a padded batch", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const texts = ["A man is eating food.", "A man is eating a piece of bread while sitting on a bench in the park."];
    const { embeddings } = await runtime.embed(texts);
    for (const [i, text] of texts.entries()) {
      expect(maxAbsDiff(embeddings[i], await referenceEmbedding(text))).toBeLessThan(1e-5);
    }
    expect(dot(embeddings[0], embeddings[1])).toBeGreaterThan(0.5);
  });

  it("feeds token_type_ids because the model declares it", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const session = await InferenceSession.create(onnxPath());
    expect(session.inputNames).toContain("token_type_ids");
    await session.release();
  });
});
