import type { Database } from "@matchgraph/db";
import { applyLink, parseLightGbmDump, rawScores, type TreeModel } from "../tabular/trees.js";
import {
  activateModelVersion,
  checkModelName,
  getActiveModelVersion,
  insertModelVersion,
  loadModelVersion,
  updateTrainingSummary,
  verifyArtifacts,
  type ModelVersionInfo,
  type TabularKind,
} from "../tabular/store.js";
import { DatasetError, prepareDataset, type PreparedDataset, type TabularDataset } from "./dataset.js";
import { fitLightGbm } from "./lightgbm.js";
import { computeMetrics, HIGHER_IS_BETTER, type MetricName, type Metrics } from "./metrics.js";
import type { TrainingPythonOptions } from "./python.js";
import type { TabularClient } from "../client/tabular.js";

export interface TrainOptions extends TrainingPythonOptions {
  db: Database;
  /** Activate even when the new version does not beat the active one. */
  force?: boolean;
  /**
   * The ml-runtime to tell (POST /v1/models/{name}/activate): it loads the version and swaps at
   * once. When it cannot be reached the version is activated in the database and every runtime
   * picks it up at its next check (ML_TABULAR_POLL_MS). Default: ML_RUNTIME_URL when set.
   */
  runtimeUrl?: string;
  /** Sent to the runtime's admin routes (default ML_ADMIN_TOKEN). */
  adminToken?: string;
  /**
   * Instead of `runtimeUrl`: a client to tell (e.g. a subgraph's `ctx.ml.tabular`, which has the
   * runtime's address, breaker and admin token). A 4xx answer is a refusal; an unreachable runtime
   * means activating in the database.
   */
  runtime?: Pick<TabularClient, "activate">;
  /** Who asked (kept with the version and its activation). */
  by?: string;
  reason?: string;
  signal?: AbortSignal;
  /** Progress lines. */
  log?: (message: string) => void;
}

export interface GateOutcome {
  metric: MetricName;
  higherIsBetter: boolean;
  candidate: number;
  /** The active version's value on the same held-out rows; null without an active version. */
  active: number | null;
  activeVersion: number | null;
  passed: boolean;
  forced: boolean;
  reason: string;
}

export interface TrainResult {
  version: ModelVersionInfo;
  activated: boolean;
  gate: GateOutcome;
  metrics: { candidate: Metrics; active: Metrics | null };
  /** How the activation reached the runtime: "swapped" (it answered), "database" (it could not be reached), or "not-activated". */
  runtime: "swapped" | "database" | "not-activated";
  /** Why the runtime refused the version, when it did (the version stays inactive). */
  runtimeError?: string;
  trainSeconds: number;
}

const kindOf = (objective: TabularDataset["objective"]): TabularKind => (objective === "binary" ? "lightgbm-binary" : "lightgbm-regression");

/** Predictions (link applied) of a model's trees on rows given in another column order (missing columns: NaN). */
function predictOn(model: TreeModel, featureNames: string[], x: Float64Array, rowIndexes: number[]): Float64Array {
  const f = featureNames.length;
  const columns = model.featureNames.map((name) => featureNames.indexOf(name));
  const m = model.numFeatures;
  const sub = new Float64Array(rowIndexes.length * m);
  rowIndexes.forEach((r, i) => {
    for (let j = 0; j < m; j++) sub[i * m + j] = columns[j]! >= 0 ? x[r * f + columns[j]!]! : NaN;
  });
  const raw = rawScores(model, sub, rowIndexes.length);
  return raw.map((v) => applyLink(model, v));
}

function gateMetricOf(dataset: TabularDataset): MetricName {
  if (dataset.gateMetric) return dataset.gateMetric;
  if (dataset.groups) return "ndcg";
  return dataset.objective === "binary" ? "log_loss" : "rmse";
}

/**
 * The training pipeline, the same for every domain: checks the dataset, splits it (seeded,
 * grouped when it has group keys), trains LightGBM on the training rows in the training venv,
 * converts to ONNX, measures the new version and the active one on the same held-out rows (each
 * from its own trees), stores the new version (inactive) with its artifacts, metrics and training
 * summary, and activates it when it beats the active one on the gate metric — or when forced —
 * through the runtime so that it swaps at once.
 */
export async function trainModel(dataset: TabularDataset, options: TrainOptions): Promise<TrainResult> {
  const log = options.log ?? (() => {});
  const name = checkModelName(dataset.model);
  checkParams(dataset.params ?? {});
  const prepared = prepareDataset(dataset);
  const started = performance.now();
  log(`${name}: ${prepared.rows} rows (${prepared.rows - prepared.holdout.length} train, ${prepared.holdout.length} held out), ${prepared.featureNames.length} features; training LightGBM ...`);
  const seed = dataset.seed ?? 1;
  const numBoostRound = dataset.numBoostRound ?? 200;
  const params = { num_leaves: 31, learning_rate: 0.05, min_data_in_leaf: 20, ...dataset.params };
  const fit = await fitLightGbm({ ...trainingRows(prepared, Boolean(dataset.softLabels)), featureNames: prepared.featureNames, objective: dataset.objective, params, numBoostRound, seed }, options);
  const trainSeconds = (performance.now() - started) / 1000;
  const candidateTrees = parseLightGbmDump(fit.treeDump);

  const heldLabels = prepared.holdout.map((r) => prepared.labels[r]!);
  const heldGroups = prepared.groups ? prepared.holdout.map((r) => prepared.groups![r]!) : undefined;
  const k = dataset.ndcgAt ?? 10;
  const candidateMetrics = computeMetrics(dataset.objective, heldLabels, predictOn(candidateTrees, prepared.featureNames, prepared.x, prepared.holdout), heldGroups, k);

  const activeInfo = await getActiveModelVersion(options.db, name);
  let activeMetrics: Metrics | null = null;
  if (activeInfo) {
    const stored = await loadModelVersion(options.db, name, activeInfo.version);
    if (stored) {
      verifyArtifacts(stored);
      const activeTrees = parseLightGbmDump(stored.treeDump);
      activeMetrics = computeMetrics(dataset.objective, heldLabels, predictOn(activeTrees, prepared.featureNames, prepared.x, prepared.holdout), heldGroups, k);
    }
  }

  const metric = gateMetricOf(dataset);
  const higherIsBetter = HIGHER_IS_BETTER[metric];
  const candidateValue = candidateMetrics[metric];
  if (candidateValue === undefined) throw new Error(`gate metric "${metric}" does not apply to a ${dataset.objective} dataset${metric === "ndcg" ? " without groups" : ""}`);
  const activeValue = activeMetrics?.[metric] ?? null;
  const beats = activeValue === null || Number.isNaN(activeValue) ? true : higherIsBetter ? candidateValue > activeValue : candidateValue < activeValue;
  const forced = Boolean(options.force);
  const gate: GateOutcome = {
    metric,
    higherIsBetter,
    candidate: candidateValue,
    active: activeValue,
    activeVersion: activeInfo?.version ?? null,
    passed: beats,
    forced: forced && !beats,
    reason: !activeInfo
      ? "no active version"
      : beats
        ? `${metric} ${fmt(candidateValue)} beats v${activeInfo.version}'s ${fmt(activeValue)}`
        : `${metric} ${fmt(candidateValue)} does not beat v${activeInfo.version}'s ${fmt(activeValue)}${forced ? " (forced)" : ""}`,
  };

  const training = {
    ...prepared.summary,
    objective: dataset.objective,
    params: { ...params, seed },
    numBoostRound,
    trees: fit.info.trees,
    lightgbm: fit.info.lightgbm,
    onnxmltools: fit.info.onnxmltools,
    trainSeconds: Math.round(trainSeconds * 1000) / 1000,
    gate,
    ...(dataset.notes ? { notes: dataset.notes } : {}),
  };
  const version = await insertModelVersion(options.db, {
    name,
    kind: kindOf(dataset.objective),
    features: dataset.features.map((f) => ({ name: f.name, description: f.description })),
    training,
    metrics: { holdout: candidateMetrics, ...(activeMetrics ? { activeOnSameHoldout: { version: activeInfo!.version, ...activeMetrics } } : {}) },
    onnx: fit.onnx,
    treeDump: fit.treeDump,
    lightgbmModel: fit.lightgbmModel,
    createdBy: options.by ?? "training-pipeline",
    reason: options.reason ?? null,
  });
  log(`${name}: stored v${version.version}; gate: ${gate.reason}`);

  const result: TrainResult = { version, activated: false, gate, metrics: { candidate: candidateMetrics, active: activeMetrics }, runtime: "not-activated", trainSeconds };
  if (!beats && !forced) return result;

  const by = options.by ?? "training-pipeline";
  const reason = options.reason ?? (gate.forced ? `forced: ${gate.reason}` : gate.reason);
  const runtimeUrl = options.runtimeUrl ?? process.env.ML_RUNTIME_URL;
  if (options.runtime || runtimeUrl) {
    const told = options.runtime
      ? await tellClient(options.runtime, name, version.version, by, reason)
      : await tellRuntime(runtimeUrl!, name, version.version, by, reason, options.adminToken ?? process.env.ML_ADMIN_TOKEN);
    if (told.ok) {
      result.activated = true;
      result.runtime = "swapped";
    } else if (told.refused) {
      result.runtimeError = told.message;
      await updateTrainingSummary(options.db, name, version.version, { ...training, activationRefused: told.message });
      log(`${name}: the runtime refused v${version.version}: ${told.message}`);
      return result;
    } else {
      log(`${name}: the runtime${runtimeUrl ? ` at ${runtimeUrl}` : ""} could not be told (${told.message}); activating in the database`);
    }
  }
  if (!result.activated) {
    await activateModelVersion(options.db, { name, version: version.version, by, reason });
    result.activated = true;
    result.runtime = "database";
  }
  result.version = { ...version, active: true };
  log(`${name}: v${version.version} is active (${result.runtime === "swapped" ? "the runtime swapped" : "runtimes pick it up at their next check"})`);
  return result;
}

function fmt(v: number | null): string {
  return v === null ? "none" : Number(v.toPrecision(6)).toString();
}

/** POST /v1/models/{name}/activate; refused = the runtime answered with an error (e.g. the version cannot load). */
async function tellRuntime(baseUrl: string, name: string, version: number, by: string, reason: string, token?: string): Promise<{ ok: boolean; refused: boolean; message: string }> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/v1/models/${encodeURIComponent(name)}/activate`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ version, by, reason }),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    if (res.ok) return { ok: true, refused: false, message: "" };
    const error = (() => {
      try {
        return (JSON.parse(text) as { error?: { message?: string; code?: string } }).error ?? { message: text };
      } catch {
        return { message: text, code: undefined };
      }
    })();
    // A runtime without a database (404 no_database) or shutting down (503): activate in the database instead.
    const refused = res.status !== 503 && error.code !== "no_database";
    return { ok: false, refused, message: `${res.status}: ${(error.message ?? "").slice(0, 500)}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, refused: false, message: cause ?? (err as Error).message };
  }
}

/** Parameters whose models the runtime could not serve exactly. */
function checkParams(params: Record<string, unknown>): void {
  const refused: Array<[string, string]> = [
    ["zero_as_missing", "onnxmltools 1.16 does not convert LightGBM's Zero missing type (the ONNX graph would score zeros differently); send missing values as null instead"],
    ["linear_tree", "linear trees are not supported by the ONNX converter or the TreeSHAP here"],
    ["categorical_feature", "categorical splits are not supported: encode categories as numbers (one-hot or ordinal)"],
    ["num_class", "only regression and binary models are supported"],
  ];
  for (const [name, why] of refused) {
    if (params[name] !== undefined && params[name] !== false) throw new DatasetError(`LightGBM parameter ${name} is not allowed: ${why}`);
  }
}

async function tellClient(client: Pick<TabularClient, "activate">, name: string, version: number, by: string, reason: string): Promise<{ ok: boolean; refused: boolean; message: string }> {
  try {
    await client.activate(name, version, { by, reason });
    return { ok: true, refused: false, message: "" };
  } catch (err) {
    const { status, errorCode } = err as { status?: number; errorCode?: string | null };
    // MlRuntimeRequestError (4xx): the runtime refused the version — unless it has no database; anything else: it could not be reached.
    const refused = typeof status === "number" && status >= 400 && status < 500 && errorCode !== "no_database";
    return { ok: false, refused, message: (err as Error).message };
  }
}

/**
 * What LightGBM trains on: the rows as they are, or — with soft labels — the training rows twice,
 * label 1 weighted p and label 0 weighted 1 − p (binary log-loss of that = cross-entropy against p).
 */
function trainingRows(prepared: PreparedDataset, soft: boolean): { x: Float64Array; labels: Float64Array; split: Uint8Array; weights?: Float64Array } {
  if (!soft) return { x: prepared.x, labels: prepared.labels, split: prepared.split, weights: prepared.weights };
  const f = prepared.featureNames.length;
  const rows: number[] = [];
  for (let r = 0; r < prepared.rows; r++) if (prepared.split[r] === 0) rows.push(r);
  const x = new Float64Array(rows.length * 2 * f);
  const labels = new Float64Array(rows.length * 2);
  const weights = new Float64Array(rows.length * 2);
  rows.forEach((r, i) => {
    const p = prepared.labels[r]!;
    const w = prepared.weights?.[r] ?? 1;
    for (const [k, label, weight] of [[2 * i, 1, w * p], [2 * i + 1, 0, w * (1 - p)]] as const) {
      x.set(prepared.x.subarray(r * f, (r + 1) * f), k * f);
      labels[k] = label;
      // LightGBM takes no zero weights gracefully: a sure label's other copy weighs next to nothing.
      weights[k] = Math.max(weight, 1e-12);
    }
  });
  return { x, labels, split: new Uint8Array(rows.length * 2), weights };
}
