/**
 * The tabular worker: owns the ONNX sessions and the flattened trees of every loaded model
 * version. Scoring (onnxruntime's session.run) and TreeSHAP are CPU work that would stall the
 * HTTP thread, so they run here, one message at a time in arrival order.
 */
import { parentPort } from "node:worker_threads";
import { InferenceSession, Tensor } from "onnxruntime-node";
import type { LoadedTabularModel, TabularRequest, TabularResponse } from "./protocol.js";
import { applyLink, parseLightGbmDump, rawScores, treeShap, UnsupportedModelError, type TreeModel } from "./trees.js";

if (!parentPort) throw new Error("the tabular worker must run in a worker thread");
const port = parentPort;

interface Loaded {
  trees: TreeModel;
  session: InferenceSession;
  input: string;
  output: string;
  /** Column of the output to read: 1 for a classifier's probabilities (P(class 1)), else 0. */
  column: number;
}

const models = new Map<string, Loaded>();
let queue: Promise<void> = Promise.resolve();

function reply(message: TabularResponse, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function modelOf(key: string): Loaded {
  const model = models.get(key);
  if (!model) throw new Error(`model version ${key} is not loaded`);
  return model;
}

async function score(model: Loaded, x: Float64Array, rows: number): Promise<Float64Array> {
  const f = model.trees.numFeatures;
  const input = new Float32Array(rows * f);
  for (let i = 0; i < input.length; i++) input[i] = x[i]!;
  const result = await model.session.run({ [model.input]: new Tensor("float32", input, [rows, f]) }, [model.output]);
  const tensor = result[model.output]!;
  const data = tensor.data as Float32Array;
  const width = tensor.dims.length > 1 ? Number(tensor.dims[1]) : 1;
  const scores = new Float64Array(rows);
  for (let r = 0; r < rows; r++) scores[r] = data[r * width + model.column]!;
  return scores;
}

/**
 * Rows that exercise the trees: all missing, all zero, and values spread like the thresholds.
 * Thresholds of ±1e300 (LightGBM's "infinite" threshold: a split of missing from present values)
 * are left out of the spread: beyond float32's range the ONNX graph cannot compare like the trees.
 */
function probeRows(trees: TreeModel): { x: Float64Array; rows: number } {
  const f = trees.numFeatures;
  const spread = new Float64Array(f).fill(1);
  const centre = new Float64Array(f);
  for (let j = 0; j < f; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let n = 0; n < trees.splitFeature.length; n++) {
      if (trees.splitFeature[n] !== j || Math.abs(trees.threshold[n]!) > 1e30) continue;
      lo = Math.min(lo, trees.threshold[n]!);
      hi = Math.max(hi, trees.threshold[n]!);
    }
    if (Number.isFinite(lo)) [centre[j], spread[j]] = [(lo + hi) / 2, Math.max((hi - lo) / 2, 1e-3) * 1.2];
  }
  const rows = 64;
  const x = new Float64Array(rows * f);
  let seed = 0x9e3779b9;
  const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < f; j++) {
      const v = r === 0 ? NaN : r === 1 ? 0 : random() < 0.15 ? NaN : centre[j]! + (random() * 2 - 1) * spread[j]!;
      x[r * f + j] = v;
    }
  }
  return { x, rows };
}

async function load(request: Extract<TabularRequest, { type: "load" }>): Promise<void> {
  const trees = parseLightGbmDump(request.treeDump);
  const session = await InferenceSession.create(request.onnx, {
    intraOpNumThreads: request.threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    logSeverityLevel: 3,
    executionProviders: ["cpu"],
  });
  try {
    if (session.inputNames.length !== 1) throw new Error(`the ONNX graph has ${session.inputNames.length} inputs; a tabular model has one [rows, features] input`);
    const classifier = session.outputNames.includes("probabilities");
    if (classifier !== (trees.link === "logistic")) {
      throw new Error(`the ONNX graph (${classifier ? "classifier" : "regressor"}) does not match the tree dump's objective "${trees.objective}"`);
    }
    const output = classifier ? "probabilities" : session.outputNames[0]!;
    const model: Loaded = { trees, session, input: session.inputNames[0]!, output, column: classifier ? 1 : 0 };
    // The ONNX graph and the tree dump must be the same model: compare them on probe rows.
    const probe = probeRows(trees);
    const onnx = await score(model, probe.x, probe.rows);
    const raw = rawScores(trees, probe.x, probe.rows);
    let maxDiff = 0;
    for (let r = 0; r < probe.rows; r++) maxDiff = Math.max(maxDiff, Math.abs(onnx[r]! - applyLink(trees, raw[r]!)));
    const scale = Math.max(1, ...Array.from(raw, (v) => Math.abs(applyLink(trees, v))));
    if (!(maxDiff <= 1e-3 * scale)) throw new Error(`the ONNX graph and the tree dump disagree (max |difference| ${maxDiff} on probe rows): they are not the same model`);
    const previous = models.get(request.key);
    models.set(request.key, model);
    await previous?.session.release();
    const info: LoadedTabularModel = {
      featureNames: trees.featureNames,
      numTrees: trees.numTrees,
      maxDepth: trees.maxDepth,
      baseValue: trees.baseValue,
      objective: trees.objective,
      link: trees.link,
      sigmoid: trees.sigmoid,
      onnxOutput: output,
      probeMaxAbsDiff: maxDiff,
    };
    reply({ type: "loaded", id: request.id, info });
  } catch (err) {
    await session.release();
    throw err;
  }
}

async function handle(request: TabularRequest): Promise<void> {
  try {
    switch (request.type) {
      case "load":
        return await load(request);
      case "unload": {
        const model = models.get(request.key);
        models.delete(request.key);
        await model?.session.release();
        return reply({ type: "done", id: request.id });
      }
      case "predict": {
        const scores = await score(modelOf(request.key), request.x, request.rows);
        return reply({ type: "predicted", id: request.id, scores }, [scores.buffer as ArrayBuffer]);
      }
      case "explain": {
        const { trees } = modelOf(request.key);
        const contributions = treeShap(trees, request.x, request.rows);
        const raw = rawScores(trees, request.x, request.rows);
        return reply({ type: "explained", id: request.id, contributions, raw }, [contributions.buffer as ArrayBuffer, raw.buffer as ArrayBuffer]);
      }
      case "close": {
        for (const model of models.values()) await model.session.release();
        models.clear();
        return reply({ type: "done", id: request.id });
      }
    }
  } catch (err) {
    reply({ type: "failed", id: request.id, message: (err as Error).message, unsupported: err instanceof UnsupportedModelError });
  }
}

port.on("message", (request: TabularRequest) => {
  queue = queue.then(() => handle(request));
});
