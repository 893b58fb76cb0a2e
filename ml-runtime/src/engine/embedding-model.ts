import { performance } from "node:perf_hooks";
import { Tensor, type InferenceSession } from "onnxruntime-node";
import type { ResolvedModel } from "../registry.js";
import { planBatches, type BatchLimits } from "./batching.js";
import { createSession, type SessionSettings } from "./execution-provider.js";
import { l2Normalize, pool } from "./pooling.js";
import type { EmbedResult, LoadedModel } from "./protocol.js";
import { TextTokenizer } from "./tokenizer.js";

const feedableInputs = new Set(["input_ids", "attention_mask", "token_type_ids"]);

/** One ONNX session and its tokenizer; lives in the inference worker. */
export class EmbeddingModel {
  private constructor(
    readonly spec: ResolvedModel,
    readonly info: LoadedModel,
    private readonly session: InferenceSession,
    private readonly tokenizer: TextTokenizer,
  ) {}

  static async load(spec: ResolvedModel, settings: SessionSettings): Promise<EmbeddingModel> {
    const tokenizer = TextTokenizer.fromFiles(spec.tokenizerPath, spec.tokenizerConfigPath, spec);
    const created = await createSession(spec.onnxPath, settings);
    const { session } = created;
    const unfeedable = session.inputNames.filter((name) => !feedableInputs.has(name));
    if (!session.inputNames.includes("input_ids") || unfeedable.length > 0) {
      await session.release();
      throw new Error(
        `Model "${spec.id}" (${spec.onnxPath}) declares inputs [${session.inputNames.join(", ")}]; ` +
          `the runtime feeds only ${[...feedableInputs].join(", ")} and needs input_ids`,
      );
    }
    if (!session.outputNames.includes(spec.output)) {
      await session.release();
      throw new Error(
        `Model "${spec.id}" has no output "${spec.output}" (it has ${session.outputNames.join(", ")}); fix models.json`,
      );
    }
    const info: LoadedModel = {
      id: spec.id,
      executionProvider: created.executionProvider,
      fallbackReason: created.fallbackReason,
      inputNames: [...session.inputNames],
    };
    return new EmbeddingModel(spec, info, session, tokenizer);
  }

  async embed(texts: readonly string[], limits: BatchLimits): Promise<EmbedResult> {
    const { dimension } = this.spec;
    const ids = texts.map((text) => this.tokenizer.encode(text));
    const vectors = new Float32Array(texts.length * dimension);
    const batches: EmbedResult["batches"] = [];
    for (const batch of planBatches(ids.map((row) => row.length), limits)) {
      const started = performance.now();
      const rows = await this.runBatch(batch.map((i) => ids[i]));
      rows.forEach((row, r) => vectors.set(row, batch[r] * dimension));
      const seqLength = Math.max(...batch.map((i) => ids[i].length));
      batches.push({ size: batch.length, seqLength, seconds: (performance.now() - started) / 1000 });
    }
    return { vectors, dimension, tokenCounts: ids.map((row) => row.length), batches };
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  /** Runs rows padded on the right to the longest of them. */
  private async runBatch(rows: number[][]): Promise<Float32Array[]> {
    const batch = rows.length;
    const seq = Math.max(...rows.map((r) => r.length));
    const inputIds = new BigInt64Array(batch * seq).fill(BigInt(this.tokenizer.padId));
    const attentionMask = new BigInt64Array(batch * seq);
    rows.forEach((row, b) => {
      row.forEach((id, t) => {
        inputIds[b * seq + t] = BigInt(id);
        attentionMask[b * seq + t] = 1n;
      });
    });
    const dims = [batch, seq];
    const available: Record<string, Tensor> = {
      input_ids: new Tensor("int64", inputIds, dims),
      attention_mask: new Tensor("int64", attentionMask, dims),
      token_type_ids: new Tensor("int64", new BigInt64Array(batch * seq), dims),
    };
    const feeds = Object.fromEntries(this.session.inputNames.map((name) => [name, available[name]]));
    const outputs = await this.session.run(feeds, [this.spec.output]);
    const output = outputs[this.spec.output];
    if (output.type !== "float32") throw new Error(`Model "${this.spec.id}" output is ${output.type}, expected float32`);
    const lastDim = output.dims[output.dims.length - 1];
    if (lastDim !== this.spec.dimension) {
      throw new Error(`Model "${this.spec.id}" produces ${lastDim}-d vectors but models.json says ${this.spec.dimension}`);
    }
    const pooled = pool({ data: output.data as Float32Array, dims: output.dims }, attentionMask, this.spec.pooling);
    return this.spec.normalize ? pooled.map(l2Normalize) : pooled;
  }
}
