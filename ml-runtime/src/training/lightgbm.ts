import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runTrainingScript, type TrainingPythonOptions } from "./python.js";

/** LightGBM parameters the pipeline passes on (anything LightGBM accepts; these are the usual ones). */
export interface LightGbmParams {
  num_leaves?: number;
  learning_rate?: number;
  min_data_in_leaf?: number;
  feature_fraction?: number;
  bagging_fraction?: number;
  bagging_freq?: number;
  lambda_l1?: number;
  lambda_l2?: number;
  max_depth?: number;
  [name: string]: number | string | boolean | undefined;
}

export interface FitInput {
  featureNames: string[];
  objective: "binary" | "regression";
  /** rows × features, row-major, NaN = missing. */
  x: Float64Array;
  labels: Float64Array;
  /** Per row: 0 = train, 1 = held out. */
  split: Uint8Array;
  /** Optional LightGBM sample weights, one per row. */
  weights?: Float64Array;
  params: LightGbmParams;
  numBoostRound: number;
  seed: number;
}

export interface FitOutput {
  onnx: Buffer;
  treeDump: Buffer;
  lightgbmModel: Buffer;
  info: { lightgbm: string; onnxmltools: string; numpy: string; trees: number; train_rows: number; train_seconds: number; convert_seconds: number };
}

const f64 = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const readF64 = async (file: string) => {
  const b = await readFile(file);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

async function inWorkDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mg-train-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Trains with LightGBM in the training venv (scripts/train_lightgbm.py) on the rows marked train,
 * converts to ONNX with onnxmltools, and returns the three artifacts. Deterministic for a seed.
 */
export function fitLightGbm(input: FitInput, options: TrainingPythonOptions & { signal?: AbortSignal } = {}): Promise<FitOutput> {
  const rows = input.labels.length;
  return inWorkDir(async (dir) => {
    const params = { seed: input.seed, deterministic: true, force_row_wise: true, num_threads: 2, verbose: -1, ...input.params };
    await writeFile(
      path.join(dir, "dataset.json"),
      JSON.stringify({ features: input.featureNames, rows, objective: input.objective, params, num_boost_round: input.numBoostRound, target_opset: 15 }),
    );
    await writeFile(path.join(dir, "features.f64"), f64(input.x));
    await writeFile(path.join(dir, "labels.f64"), f64(input.labels));
    await writeFile(path.join(dir, "split.u8"), input.split);
    if (input.weights) await writeFile(path.join(dir, "weights.f64"), f64(input.weights));
    await runTrainingScript("train_lightgbm.py", [dir], options);
    const [onnx, treeDump, lightgbmModel, result] = await Promise.all(
      ["model.onnx", "model.json", "model.txt", "result.json"].map((f) => readFile(path.join(dir, f))),
    );
    return { onnx: onnx!, treeDump: treeDump!, lightgbmModel: lightgbmModel!, info: JSON.parse(result!.toString("utf8")) as FitOutput["info"] };
  });
}

export interface LightGbmReference {
  /** rows × (features + 1): pred_contrib, the last column the base value. */
  contributions: Float64Array;
  raw: Float64Array;
  predictions: Float64Array;
  /** Best of `repeat` single-threaded pred_contrib runs. */
  predContribSeconds: number;
  lightgbm: string;
}

/** LightGBM's own pred_contrib, raw scores and predictions for rows (scripts/lightgbm_reference.py). */
export function lightGbmReference(
  lightgbmModel: Uint8Array,
  x: Float64Array,
  rows: number,
  features: number,
  options: TrainingPythonOptions & { repeat?: number } = {},
): Promise<LightGbmReference> {
  return inWorkDir(async (dir) => {
    await writeFile(path.join(dir, "model.txt"), lightgbmModel);
    await writeFile(path.join(dir, "rows.json"), JSON.stringify({ rows, features, repeat: options.repeat ?? 1 }));
    await writeFile(path.join(dir, "rows.f64"), f64(x));
    await runTrainingScript("lightgbm_reference.py", [dir], options);
    const timing = JSON.parse(await readFile(path.join(dir, "timing.json"), "utf8")) as { pred_contrib_seconds: number; lightgbm: string };
    return {
      contributions: await readF64(path.join(dir, "contrib.f64")),
      raw: await readF64(path.join(dir, "raw.f64")),
      predictions: await readF64(path.join(dir, "pred.f64")),
      predContribSeconds: timing.pred_contrib_seconds,
      lightgbm: timing.lightgbm,
    };
  });
}
