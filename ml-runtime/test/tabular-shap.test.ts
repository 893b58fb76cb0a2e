import { describe, expect, it, vi } from "vitest";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { fitLightGbm, lightGbmReference } from "../src/training/lightgbm.js";
import { applyLink, parseLightGbmDump, rawScores, treeShap, UnsupportedModelError } from "../src/tabular/trees.js";
import { mixedLabel, mixedRows, pythonTestsEnabled } from "./training-env.js";

// Python trains in these tests: on a busy two-core machine one LightGBM run can take most of a minute.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

/**
 * TreeSHAP in TypeScript against LightGBM's own predict(pred_contrib=True), run fresh in the
 * training venv on each test run (no committed fixture: the reference is always the pinned
 * LightGBM's, and the same venv is needed by the pipeline tests anyway). Three models cover
 * LightGBM's missing-value routing: NaN and None missing types (default), Zero
 * (zero_as_missing), and None everywhere (use_missing=false: NaN read as 0). The 1,500 reference
 * rows are new to the models and have NaN in every feature, including one that had none in training.
 */

const FEATURES = ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"];
const F = FEATURES.length;
const TRAIN_ROWS = 3_000;
const REF_ROWS = 1_500;

const cases = [
  { label: "binary, NaN/None missing types", objective: "binary" as const, params: {} },
  { label: "regression, zero_as_missing (Zero missing type)", objective: "regression" as const, params: { zero_as_missing: true } },
  { label: "regression, use_missing=false (NaN read as 0)", objective: "regression" as const, params: { use_missing: false } },
];

describe.runIf(pythonTestsEnabled())("TreeSHAP against LightGBM's pred_contrib", () => {
  const train = mixedRows(TRAIN_ROWS, 1, { noNan: [6] });
  const reference = mixedRows(REF_ROWS, 99, { nanIn: [0, 1, 2, 3, 4, 5, 6, 7], noNan: [] });
  let rowsWithMissing = 0;
  for (let r = 0; r < REF_ROWS; r++) if (Array.from(reference.subarray(r * F, (r + 1) * F)).some(Number.isNaN)) rowsWithMissing++;

  it("has at least 1,000 reference rows with missing values", () => {
    expect(rowsWithMissing).toBeGreaterThanOrEqual(1_000);
  });

  it.each(cases)("$label: contributions within 1e-6, contributions + base = raw score, ONNX within float32 precision", async ({ objective, params }) => {
    let seed = 5;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.6;
    const labels = Float64Array.from({ length: TRAIN_ROWS }, (_, r) => mixedLabel(train, r, objective, noise()));
    const fit = await fitLightGbm({
      featureNames: FEATURES,
      objective,
      x: train,
      labels,
      split: new Uint8Array(TRAIN_ROWS),
      params: { num_leaves: 31, learning_rate: 0.1, min_data_in_leaf: 10, ...params },
      numBoostRound: 60,
      seed: 3,
    });
    const model = parseLightGbmDump(fit.treeDump);
    const dump = fit.treeDump.toString("utf8");
    const has = (text: string) => dump.includes(text);
    // The routing each case is meant to cover is really in the trees (booleans: a failure must not print a 1 MB dump).
    if (params.zero_as_missing) expect(has('"missing_type": "Zero"'), "a Zero missing type").toBe(true);
    else if (params.use_missing === false) expect(has('"missing_type": "NaN"') || has('"missing_type": "Zero"'), "only None missing types").toBe(false);
    else expect(has('"missing_type": "NaN"') && has('"missing_type": "None"'), "NaN and None missing types").toBe(true);
    if (params.use_missing !== false) expect(has('"default_left": false') && has('"default_left": true'), "both default directions").toBe(true);

    const lgb = await lightGbmReference(fit.lightgbmModel, reference, REF_ROWS, F);
    const contributions = treeShap(model, reference, REF_ROWS);
    const raw = rawScores(model, reference, REF_ROWS);

    let contribDiff = 0;
    let sumVsRaw = 0;
    let rawDiff = 0;
    for (let r = 0; r < REF_ROWS; r++) {
      let sum = 0;
      for (let j = 0; j <= F; j++) {
        const i = r * (F + 1) + j;
        contribDiff = Math.max(contribDiff, Math.abs(contributions[i]! - lgb.contributions[i]!));
        sum += contributions[i]!;
      }
      sumVsRaw = Math.max(sumVsRaw, Math.abs(sum - raw[r]!));
      rawDiff = Math.max(rawDiff, Math.abs(raw[r]! - lgb.raw[r]!));
    }
    expect(contribDiff).toBeLessThanOrEqual(1e-6);
    expect(sumVsRaw).toBeLessThanOrEqual(1e-9);
    expect(rawDiff).toBeLessThanOrEqual(1e-9);
    for (let r = 0; r < REF_ROWS; r++) expect(contributions[r * (F + 1) + F]).toBe(model.baseValue);

    // The ONNX graph (float32 inputs, thresholds and sums) against LightGBM's predictions, relative
    // to the output's size (float32 has ~7 digits). onnxmltools 1.16 converts no Zero missing type:
    // the pipeline refuses zero_as_missing and the runtime's load check refuses such a graph.
    const session = await InferenceSession.create(fit.onnx);
    const out = await session.run({ input: new Tensor("float32", Float32Array.from(reference), [REF_ROWS, F]) });
    const tensor = out[objective === "binary" ? "probabilities" : session.outputNames[0]!]!;
    const width = tensor.dims.length > 1 ? Number(tensor.dims[1]) : 1;
    let onnxDiff = 0;
    for (let r = 0; r < REF_ROWS; r++) {
      const value = (tensor.data as Float32Array)[r * width + (objective === "binary" ? 1 : 0)]!;
      const scale = Math.max(1, Math.abs(lgb.predictions[r]!));
      onnxDiff = Math.max(onnxDiff, Math.abs(value - lgb.predictions[r]!) / scale, Math.abs(value - applyLink(model, raw[r]!)) / scale);
    }
    await session.release();
    if (params.zero_as_missing) expect(onnxDiff).toBeGreaterThan(1e-3);
    else expect(onnxDiff).toBeLessThanOrEqual(2e-6);
    console.log(JSON.stringify({ case: objective, params, rows: REF_ROWS, trees: model.numTrees, maxDepth: model.maxDepth, contribDiff, sumVsRaw, rawDiff, onnxDiff }));
  });
});

describe("tree dumps the runtime refuses", () => {
  const leaf = (v: number) => ({ leaf_value: v, leaf_count: 5 });
  const dump = (node: object, extra: object = {}) => ({
    objective: "regression",
    num_class: 1,
    num_tree_per_iteration: 1,
    feature_names: ["a", "b"],
    tree_info: [{ num_leaves: 2, tree_structure: node }],
    ...extra,
  });
  const split = (decision: string) => ({
    split_feature: 0,
    threshold: decision === "==" ? "1||3" : 0.5,
    decision_type: decision,
    default_left: true,
    missing_type: "NaN",
    internal_count: 10,
    left_child: leaf(1),
    right_child: leaf(2),
  });

  it("reads a plain numeric split, its base value and raw score", () => {
    const model = parseLightGbmDump(dump(split("<=")));
    expect(model.baseValue).toBe(1.5);
    expect(Array.from(rawScores(model, Float64Array.from([0, 0, 1, 0, NaN, 0]), 3))).toEqual([1, 2, 1]);
    expect(Array.from(treeShap(model, Float64Array.from([0, 0]), 1))).toEqual([-0.5, 0, 1.5]);
  });

  it("refuses categorical splits, multi-class, linear trees and unknown objectives with a reason", () => {
    expect(() => parseLightGbmDump(dump(split("==")))).toThrow(UnsupportedModelError);
    expect(() => parseLightGbmDump(dump(split("==")))).toThrow(/categorical/);
    expect(() => parseLightGbmDump(dump(split("<="), { num_class: 3, num_tree_per_iteration: 3 }))).toThrow(/multi-class/);
    expect(() => parseLightGbmDump({ ...dump(split("<=")), tree_info: [{ is_linear: true, tree_structure: split("<=") }] })).toThrow(/linear/);
    expect(() => parseLightGbmDump(dump(split("<="), { objective: "lambdarank" }))).toThrow(/not supported/);
  });
});
