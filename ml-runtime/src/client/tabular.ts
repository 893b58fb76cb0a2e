import DataLoader from "dataloader";
import type { TabularHealth } from "../api-types.js";
import type { Transport } from "./transport.js";

/** One row of named features; a feature left out, null or undefined is missing (routed as LightGBM routes NaN). */
export type TabularRow = Readonly<Record<string, number | boolean | null | undefined>>;

export interface TabularPrediction {
  /** Probability of class 1 (binary) or the predicted value (regression), from the model's ONNX graph. */
  score: number;
  model: string;
  /** The version that answered (a swap between two batches may change it). */
  version: number;
}

export interface TabularExplanation {
  model: string;
  version: number;
  /** The link applied to rawScore (probability for binary); computed from the same trees as the contributions. */
  score: number;
  /** Raw score (log-odds for binary): baseValue + the sum of the contributions. */
  rawScore: number;
  baseValue: number;
  /** identity (regression) or logistic (binary: score = 1 / (1 + exp(-sigmoid * rawScore))). */
  link: "identity" | "logistic" | "exp";
  /** Exact TreeSHAP contribution of every feature, in raw-score space, by feature name. */
  contributions: Record<string, number>;
}

export interface ModelVersionSummary {
  name: string;
  version: number;
  kind: string;
  features: Array<{ name: string; description: string }>;
  training: Record<string, unknown>;
  metrics: Record<string, unknown>;
  active: boolean;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  onnxSha256: string;
  treeDumpSha256: string;
}

export interface ModelVersionsResponse {
  name: string;
  /** The version this runtime serves (null: none loads). */
  serving: number | null;
  versions: ModelVersionSummary[];
  history: Array<{ name: string; version: number; previousVersion: number | null; action: "activate" | "rollback"; activatedBy: string; reason: string | null; createdAt: string }>;
}

export interface ActivationResponse {
  name: string;
  version: number;
  previous_version: number | null;
  changed: boolean;
  serving: number | null;
}

export interface TabularCallOptions {
  /** Sent as x-request-id. */
  requestId?: string;
}

export interface TabularClient {
  /**
   * Scores rows with the model's active version. Calls made in the same tick for the same model
   * go to the runtime as one request (at most `maxRows` rows each).
   */
  predict(model: string, rows: readonly TabularRow[], opts?: TabularCallOptions): Promise<TabularPrediction[]>;
  /** Exact TreeSHAP per row (contributions + base value = raw score); batched like predict. */
  explain(model: string, rows: readonly TabularRow[], opts?: TabularCallOptions): Promise<TabularExplanation[]>;
  /** Every stored version of a model (metrics, training summary) and its activation history. */
  versions(model: string, opts?: TabularCallOptions): Promise<ModelVersionsResponse>;
  /** Makes `version` active: the runtime loads it (hashes checked) first and swaps at once; refused (409) when it cannot load. */
  activate(model: string, version: number, opts?: TabularCallOptions & { by?: string; reason?: string }): Promise<ActivationResponse>;
  /** Reactivates the version that was active before the current one. */
  rollback(model: string, opts?: TabularCallOptions & { by?: string; reason?: string }): Promise<ActivationResponse>;
  /** The tabular models of the runtime's /healthz (version serving, version active, status). */
  health(opts?: TabularCallOptions): Promise<TabularHealth[]>;
}

export interface TabularClientSettings {
  /** Most rows in one HTTP call (default 4 096; the runtime's ML_MAX_TABULAR_ROWS must allow it). */
  maxRows: number;
  /** Per predict/explain call (default: the client's timeoutMs). */
  timeoutMs?: number;
  /** Bearer token for activate and rollback (the runtime's ML_ADMIN_TOKEN). */
  adminToken?: string;
}

interface Key {
  model: string;
  row: TabularRow;
}

interface V2Output {
  name: string;
  shape: number[];
  data: number[];
}
interface V2Response {
  model_name: string;
  model_version: string;
  parameters?: { feature_names?: string[]; link?: TabularExplanation["link"] };
  outputs: V2Output[];
}

const output = (response: V2Response, name: string): V2Output => {
  const found = response.outputs.find((o) => o.name === name);
  if (!found) throw new Error(`ml-runtime answered without the "${name}" output`);
  return found;
};

/**
 * The tabular part of the ml-runtime client: shares the embedding client's transport (and so its
 * circuit breaker, timeouts and request ids). One DataLoader per (client, operation) batches the
 * rows asked for in the same tick, per model.
 */
export class TabularClientImpl implements TabularClient {
  private readonly predictLoader: DataLoader<Key, TabularPrediction, Key>;
  private readonly explainLoader: DataLoader<Key, TabularExplanation, Key>;

  constructor(
    private readonly transport: Transport,
    private readonly settings: TabularClientSettings,
    private readonly requestId: string | undefined,
  ) {
    const options = { cache: false, maxBatchSize: Math.max(1, settings.maxRows) };
    this.predictLoader = new DataLoader((keys) => this.batch(keys, "predict", (r, i) => this.toPrediction(r, i)), options);
    this.explainLoader = new DataLoader((keys) => this.batch(keys, "explain", (r, i) => this.toExplanation(r, i)), options);
  }

  predict(model: string, rows: readonly TabularRow[], opts: TabularCallOptions = {}): Promise<TabularPrediction[]> {
    if (opts.requestId !== undefined && opts.requestId !== this.requestId) return new TabularClientImpl(this.transport, this.settings, opts.requestId).predict(model, rows);
    return Promise.all(rows.map((row) => this.predictLoader.load({ model, row })));
  }

  explain(model: string, rows: readonly TabularRow[], opts: TabularCallOptions = {}): Promise<TabularExplanation[]> {
    if (opts.requestId !== undefined && opts.requestId !== this.requestId) return new TabularClientImpl(this.transport, this.settings, opts.requestId).explain(model, rows);
    return Promise.all(rows.map((row) => this.explainLoader.load({ model, row })));
  }

  versions(model: string, opts: TabularCallOptions = {}): Promise<ModelVersionsResponse> {
    return this.transport.json(`/v1/models/${encodeURIComponent(model)}/versions`, { method: "GET", requestId: opts.requestId ?? this.requestId });
  }

  activate(model: string, version: number, opts: TabularCallOptions & { by?: string; reason?: string } = {}): Promise<ActivationResponse> {
    return this.admin(model, "activate", { version, by: opts.by, reason: opts.reason }, opts.requestId);
  }

  rollback(model: string, opts: TabularCallOptions & { by?: string; reason?: string } = {}): Promise<ActivationResponse> {
    return this.admin(model, "rollback", { by: opts.by, reason: opts.reason }, opts.requestId);
  }

  async health(opts: TabularCallOptions = {}): Promise<TabularHealth[]> {
    const health = await this.transport.health(opts.requestId ?? this.requestId);
    return health.tabular ?? [];
  }

  private admin(model: string, action: "activate" | "rollback", body: Record<string, unknown>, requestId?: string): Promise<ActivationResponse> {
    return this.transport.json(`/v1/models/${encodeURIComponent(model)}/${action}`, {
      method: "POST",
      body,
      requestId: requestId ?? this.requestId,
      headers: this.settings.adminToken ? { authorization: `Bearer ${this.settings.adminToken}` } : {},
      // Activation loads the version first: allow for a large model.
      timeoutMs: Math.max(this.settings.timeoutMs ?? 0, 60_000),
    });
  }

  /** One HTTP call per model in the batch; each row gets its own result or the call's error. */
  private async batch<T>(keys: readonly Key[], op: "predict" | "explain", pick: (response: V2Response, row: number) => T): Promise<Array<T | Error>> {
    const byModel = new Map<string, number[]>();
    keys.forEach((key, i) => byModel.set(key.model, [...(byModel.get(key.model) ?? []), i]));
    const results = new Array<T | Error>(keys.length);
    await Promise.all(
      [...byModel].map(async ([model, indexes]) => {
        try {
          const response = await this.transport.json<V2Response>(`/v1/models/${encodeURIComponent(model)}/${op}`, {
            method: "POST",
            body: { rows: indexes.map((i) => keys[i]!.row) },
            requestId: this.requestId,
            timeoutMs: this.settings.timeoutMs,
          });
          indexes.forEach((keyIndex, row) => (results[keyIndex] = pick(response, row)));
        } catch (err) {
          for (const i of indexes) results[i] = err as Error;
        }
      }),
    );
    return results;
  }

  private toPrediction(response: V2Response, row: number): TabularPrediction {
    return { score: output(response, "score").data[row]!, model: response.model_name, version: Number(response.model_version) };
  }

  private toExplanation(response: V2Response, row: number): TabularExplanation {
    const names = response.parameters?.feature_names ?? [];
    const contributions = output(response, "contributions").data;
    const f = names.length;
    return {
      model: response.model_name,
      version: Number(response.model_version),
      score: output(response, "score").data[row]!,
      rawScore: output(response, "raw_score").data[row]!,
      baseValue: output(response, "base_value").data[0]!,
      link: response.parameters?.link ?? "identity",
      contributions: Object.fromEntries(names.map((name, j) => [name, contributions[row * f + j]!])),
    };
  }
}
