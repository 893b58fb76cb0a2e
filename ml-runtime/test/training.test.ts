import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@matchgraph/db";
import {
  auc,
  computeMetrics,
  DatasetError,
  ensureTrainingPython,
  exampleBinaryDataset,
  exampleRegressionDataset,
  logLoss,
  ndcgAtK,
  prepareDataset,
  TrainingEnvironmentError,
  trainModel,
  type TabularDataset,
} from "../src/training/index.js";
import { pythonTestsEnabled } from "./training-env.js";

const tmp = mkdtempSync(path.join(tmpdir(), "ml-training-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("held-out metrics", () => {
  it("AUC counts ties as half and needs both classes", () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(auc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it("log-loss clips probabilities, RMSE/MAE by objective, NDCG@k per group with linear gain", () => {
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-14);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
    expect(logLoss([1], [0.5])).toBeCloseTo(Math.LN2, 12);
    // Soft labels: cross-entropy, smallest when the prediction is the label.
    expect(logLoss([0.3], [0.3])).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 12);
    expect(logLoss([0.3], [0.5])).toBeGreaterThan(logLoss([0.3], [0.3]));
    expect(computeMetrics("regression", [1, 2, 3], [1, 2, 5])).toMatchObject({ rows: 3, rmse: Math.sqrt(4 / 3), mae: 2 / 3 });
    // Group a ranked perfectly, group b reversed; group c has no relevance and is left out.
    const ndcg = ndcgAtK([3, 1, 0, 0, 2, 0, 0], [0.9, 0.5, 0.1, 0.9, 0.2, 0.3, 0.4], ["a", "a", "a", "b", "b", "c", "c"], 10);
    expect(ndcg).toBeCloseTo((1 + 1 / Math.log2(3) / 1) / 2, 12);
  });
});

describe("datasets", () => {
  it("splits deterministically by seed, and by group when given", () => {
    const d = exampleBinaryDataset({ rows: 500 });
    const a = prepareDataset(d);
    expect(a.holdout).toEqual(prepareDataset(d).holdout);
    expect(a.holdout.length).toBe(100);
    expect(prepareDataset({ ...d, seed: 2 }).holdout).not.toEqual(a.holdout);
    const groups = Array.from({ length: 500 }, (_, i) => `g${i % 37}`);
    const grouped = prepareDataset({ ...d, groups });
    const held = new Set(grouped.holdout.map((r) => groups[r]));
    for (let r = 0; r < 500; r++) expect(grouped.split[r] === 1).toBe(held.has(groups[r]!));
    expect(grouped.summary.split).toMatchObject({ method: "grouped", groups: 37, holdoutGroups: 7 });
  });

  it("never holds out trainOnly rows, and draws the held-out rows or groups from the others", () => {
    const d = exampleBinaryDataset({ rows: 500 });
    const trainOnly = Array.from({ length: 500 }, (_, i) => i < 300);
    const random = prepareDataset({ ...d, trainOnly });
    expect(random.holdout.every((r) => r >= 300)).toBe(true);
    expect(random.holdout.length).toBe(40);
    const groups = Array.from({ length: 500 }, (_, i) => (i < 300 ? `s${i % 50}` : `f${i % 20}`));
    const grouped = prepareDataset({ ...d, groups, trainOnly });
    expect(grouped.holdout.every((r) => r >= 300)).toBe(true);
    expect(grouped.summary.split).toMatchObject({ method: "grouped", groups: 20, holdoutGroups: 4, trainOnlyRows: 300 });
    // Without trainOnly the split is what it always was.
    expect(prepareDataset({ ...d, trainOnly: new Array(500).fill(false) }).holdout).toEqual(prepareDataset(d).holdout);
  });

  it("keeps missing values missing: null, absent keys and NaN become NaN, never 0", () => {
    const d: TabularDataset = {
      ...exampleRegressionDataset({ rows: 100 }),
      features: [
        { name: "a", description: "a" },
        { name: "b", description: "b" },
      ],
      rows: Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? { a: i } : i % 3 === 1 ? [null, i] : [NaN, 0])),
    };
    const p = prepareDataset(d);
    expect(Array.from(p.x.subarray(0, 6))).toEqual([0, NaN, NaN, 1, NaN, 0]);
    expect((p.summary.missingRate as Record<string, number>).a).toBeCloseTo(66 / 100, 12);
  });

  it("refuses what it cannot train on, naming the problem", () => {
    const d = exampleBinaryDataset({ rows: 200 });
    expect(() => prepareDataset({ ...d, features: [...d.features, { name: "bad name", description: "x" }] })).toThrow(DatasetError);
    expect(() => prepareDataset({ ...d, features: d.features.map((f) => ({ ...f, description: "" })) })).toThrow(/needs a description/);
    expect(() => prepareDataset({ ...d, labels: Array.from(d.labels, () => 0.5) })).toThrow(/takes 0 or 1/);
    expect(() => prepareDataset({ ...d, rows: d.rows.map(() => ({ nope: 1 })) })).toThrow(/unknown feature "nope"/);
    expect(() => prepareDataset({ ...d, rows: d.rows.map(() => [Infinity]) })).toThrow(/not a finite number/);
    expect(() => prepareDataset({ ...d, rows: d.rows.slice(0, 20), labels: Array.from(d.labels).slice(0, 20) })).toThrow(/too few rows/);
  });

  it("refuses LightGBM parameters whose models the runtime could not serve exactly", async () => {
    const db = {} as never;
    await expect(trainModel({ ...exampleBinaryDataset({ rows: 100 }), params: { zero_as_missing: true } }, { db })).rejects.toThrow(/zero_as_missing is not allowed: onnxmltools/);
    await expect(trainModel({ ...exampleBinaryDataset({ rows: 100 }), model: "Bad Name" }, { db })).rejects.toThrow(/model name/);
  });
});

describe("the training venv", () => {
  it("says clearly when Python cannot be run", async () => {
    const err = await ensureTrainingPython({ basePython: path.join(tmp, "no-such-python3"), venvDir: path.join(tmp, "venv-a") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingEnvironmentError);
    expect((err as Error).message).toMatch(/Training needs Python 3 with venv, and ".*no-such-python3" cannot be run.*Install Python 3\.10\+.*ML_TRAINING_PYTHON/);
  });

  it("says clearly when the venv cannot be made", async () => {
    // A "python" that answers the version check but whose `-m venv` fails, as on a Debian without python3-venv.
    const fake = path.join(tmp, "python-without-venv");
    writeFileSync(fake, '#!/bin/sh\nif [ "$1" = "-c" ]; then echo 3.11; exit 0; fi\necho "ensurepip is not available" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const err = await ensureTrainingPython({ basePython: fake, venvDir: path.join(tmp, "venv-b") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingEnvironmentError);
    expect((err as Error).message).toMatch(/-m venv .*venv-b" failed: ensurepip is not available\. On Debian install python3-venv; or set ML_TRAINING_PYTHON/);
  });

  it("says clearly when a given ML_TRAINING_PYTHON cannot be used", async () => {
    const missing = await ensureTrainingPython({ python: path.join(tmp, "nothing") }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TrainingEnvironmentError);
    expect((missing as Error).message).toMatch(/ML_TRAINING_PYTHON=.*nothing cannot train: it cannot be run/);
  });
});

describe.runIf(pythonTestsEnabled())("soft labels (distillation)", () => {
  vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

  it("trains a binary model on probabilities: cross-entropy as the held-out log-loss, predictions near the labels", async () => {
    const db = await createTestDatabase("pglite");
    try {
      const base = exampleBinaryDataset({ rows: 1_200, seed: 21 });
      // A teacher's probabilities: a smooth function of two features (missing: 0.5).
      const teacher = base.rows.map((row) => {
        const [tenure, , tickets] = row as Array<number | null>;
        if (tenure == null || tickets == null) return 0.5;
        return 1 / (1 + Math.exp(-(0.8 * tickets - 0.04 * tenure)));
      });
      const result = await trainModel(
        { ...base, model: "example-soft", labels: teacher, softLabels: true, numBoostRound: 60, params: { num_leaves: 7 }, source: "teacher probabilities" },
        { db, runtimeUrl: "" },
      );
      expect(result.activated).toBe(true);
      const m = result.metrics.candidate;
      expect(m.auc).toBeGreaterThan(0.9);
      // The teacher's own entropy is the floor of the cross-entropy; the student gets close to it.
      const prepared = prepareDataset({ ...base, labels: teacher, softLabels: true });
      const held = prepared.holdout.map((r) => teacher[r]!);
      const floor = logLoss(held, held);
      expect(m.log_loss!).toBeGreaterThanOrEqual(floor - 1e-12);
      expect(m.log_loss! - floor).toBeLessThan(0.02);
      expect(result.version.training).toMatchObject({ softLabels: true });
      expect(() => prepareDataset({ ...base, labels: teacher.map((p) => p * 2), softLabels: true })).toThrow(/probabilities in \[0, 1\]/);
    } finally {
      await db.drop();
    }
  });
});
