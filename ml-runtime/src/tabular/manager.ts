import type { Database } from "@matchgraph/db";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Logger } from "../logger.js";
import { TabularPool } from "./engine.js";
import type { LoadedTabularModel } from "./protocol.js";
import {
  activateModelVersion,
  activeVersions,
  loadModelVersion,
  recentVersionNumbers,
  rollbackTarget,
  verifyArtifacts,
  ModelVersionError,
  type FeatureDescription,
  type TabularKind,
} from "./store.js";

/** A model version loaded in the worker and answering requests. */
export interface ServedModel {
  name: string;
  version: number;
  kind: TabularKind;
  /** Worker key: `name@version`. */
  key: string;
  features: FeatureDescription[];
  featureIndex: Map<string, number>;
  info: LoadedTabularModel;
  loadedAt: Date;
}

/** One tabular model in /healthz. */
export interface TabularHealth {
  kind: "tabular";
  name: string;
  /** The version answering requests (null: none could be loaded). */
  version: number | null;
  /** The version the database marks active. */
  activeVersion: number | null;
  /** ok: serving the active version; stale: serving another version because the active one failed to load; error: serving nothing. */
  status: "ok" | "stale" | "error";
  modelKind: TabularKind | null;
  device: "cpu";
  features: number;
  trees: number;
  loadedAt: string | null;
  /** Why the active version is not the one serving. */
  error?: string;
}

export interface TabularModelsOptions {
  db: Database;
  logger: Logger;
  /** Where the runtime's metrics go. */
  registry?: Registry;
  /** How often the active versions are read from the database (ms; 0 = never). Default 5 000. */
  pollMs?: number;
  /** Intra-op threads per ONNX session (default 1: these models are small). */
  threads?: number;
  /** Tabular worker threads, each with every model (default 1); large requests are split across them. */
  workers?: number;
}

/** How long a version that failed to load is left alone before the periodic check tries it again. */
const RETRY_FAILED_MS = 60_000;

export class TabularModelError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "TabularModelError";
  }
}

/**
 * The runtime's tabular models: the active version of every name in `ml.model_version`, loaded
 * (artifact hashes checked, ONNX and trees compared) into the tabular worker. A version that fails
 * to load never replaces the one serving: the previous version goes on answering and /healthz says
 * "stale" with the reason; with nothing serving yet, the newest loadable older version is used.
 * A periodic check of the active versions (one indexed query) lets several replicas converge on
 * activations made elsewhere; `activate` and `rollback` swap at once.
 */
export class TabularModels {
  private engine: TabularPool;
  private readonly served = new Map<string, ServedModel>();
  private readonly active = new Map<string, number>();
  private readonly errors = new Map<string, string>();
  /** name → the active version that failed to load and when: not tried again for a minute. */
  private readonly failed = new Map<string, { version: number; at: number }>();
  /** Per-name chain: loads and swaps of one name happen one at a time. */
  private readonly locks = new Map<string, Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private closed = false;
  private lastPollError: string | undefined;
  private readonly log: Logger;
  private readonly metrics: {
    rows: Counter<"model" | "op">;
    seconds: Histogram<"model" | "op">;
    version: Gauge<"model">;
    loadFailures: Counter<"model">;
  };

  constructor(private readonly options: TabularModelsOptions) {
    this.engine = TabularPool.start(options.workers ?? 1);
    this.log = options.logger.child({ component: "tabular" });
    const registers = options.registry ? [options.registry] : [];
    this.metrics = {
      rows: new Counter({ name: "ml_runtime_tabular_rows_total", help: "Rows scored (predict) or explained (explain).", labelNames: ["model", "op"], registers }),
      seconds: new Histogram({
        name: "ml_runtime_tabular_duration_seconds",
        help: "Time of one predict or explain request in the tabular worker.",
        labelNames: ["model", "op"],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers,
      }),
      version: new Gauge({ name: "ml_runtime_tabular_model_version", help: "Version of each tabular model answering requests.", labelNames: ["model"], registers }),
      loadFailures: new Counter({ name: "ml_runtime_tabular_load_failures_total", help: "Model versions that failed to load.", labelNames: ["model"], registers }),
    };
  }

  /** Loads every active version (a failure is reported in health, not thrown), then starts the periodic check. */
  async start(): Promise<void> {
    await this.refresh();
    const pollMs = this.options.pollMs ?? 5_000;
    if (pollMs > 0) {
      const tick = () => {
        this.timer = setTimeout(() => {
          void this.refresh().finally(() => {
            if (!this.closed) tick();
          });
        }, pollMs);
        this.timer.unref?.();
      };
      tick();
    }
  }

  get(name: string): ServedModel | undefined {
    return this.served.get(name);
  }

  names(): string[] {
    return [...new Set([...this.served.keys(), ...this.active.keys()])].sort();
  }

  health(): TabularHealth[] {
    return this.names().map((name) => {
      const served = this.served.get(name);
      const activeVersion = this.active.get(name) ?? null;
      const error = this.errors.get(name);
      const status: TabularHealth["status"] = !served ? "error" : served.version === activeVersion || activeVersion === null ? "ok" : "stale";
      return {
        kind: "tabular",
        name,
        version: served?.version ?? null,
        activeVersion,
        status,
        modelKind: served?.kind ?? null,
        device: "cpu",
        features: served?.features.length ?? 0,
        trees: served?.info.numTrees ?? 0,
        loadedAt: served?.loadedAt.toISOString() ?? null,
        ...(error ? { error } : {}),
      };
    });
  }

  /** Scores rows (row-major, NaN = missing; the array is handed over to the worker). */
  async predict(model: ServedModel, x: Float64Array, rows: number): Promise<Float64Array> {
    const started = performance.now();
    const scores = await this.engine.predict(model.key, x, rows);
    this.observe(model.name, "predict", rows, started);
    return scores;
  }

  async explain(model: ServedModel, x: Float64Array, rows: number): Promise<{ contributions: Float64Array; raw: Float64Array }> {
    const started = performance.now();
    const result = await this.engine.explain(model.key, x, rows);
    this.observe(model.name, "explain", rows, started);
    return result;
  }

  /**
   * Loads `version` (hashes checked, ONNX and trees compared), then marks it active in the
   * database and swaps to it. A version that cannot load is refused with nothing changed.
   */
  async activate(name: string, version: number, by: string, reason: string | null, action: "activate" | "rollback" = "activate"): Promise<{ name: string; version: number; previousVersion: number | null; changed: boolean }> {
    return this.locked(name, async () => {
      const loaded = this.served.get(name)?.version === version ? this.served.get(name)! : await this.loadVersion(name, version);
      let outcome;
      try {
        outcome = await activateModelVersion(this.options.db, { name, version, by, reason, action });
      } catch (err) {
        if (loaded !== this.served.get(name)) await this.engine.unload(loaded.key).catch(() => undefined);
        throw err;
      }
      this.active.set(name, version);
      this.swap(name, loaded);
      this.log.info({ model: name, version, previousVersion: outcome.previousVersion, by, reason, action }, `tabular model ${action === "rollback" ? "rolled back" : "activated"}`);
      return { name, ...outcome };
    });
  }

  /** Reactivates the version that was active before the current one. */
  async rollback(name: string, by: string, reason: string | null): Promise<{ name: string; version: number; previousVersion: number | null; changed: boolean }> {
    const { target } = await rollbackTarget(this.options.db, name);
    return this.activate(name, target, by, reason, "rollback");
  }

  /** Reads the active versions and loads those that changed (the periodic check). */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.refreshing?.catch(() => undefined);
    await this.engine.close();
  }

  private async doRefresh(): Promise<void> {
    if (this.closed) return;
    if (this.engine.error) {
      // The worker died: start another and load what was serving again.
      this.log.error({ err: this.engine.error }, "a tabular worker failed; starting new ones");
      void this.engine.close().catch(() => undefined);
      this.engine = TabularPool.start(this.options.workers ?? 1);
      this.served.clear();
    }
    let active: Map<string, number>;
    try {
      active = await activeVersions(this.options.db);
      if (this.lastPollError) this.log.info("tabular model versions readable again");
      this.lastPollError = undefined;
    } catch (err) {
      const message = (err as Error).message;
      if (message !== this.lastPollError) this.log.warn({ err }, "cannot read the active tabular model versions (is the database migrated?)");
      this.lastPollError = message;
      return;
    }
    for (const [name, version] of active) this.active.set(name, version);
    await Promise.all(
      [...active].map(([name, version]) =>
        this.locked(name, async () => {
          if (this.closed || this.served.get(name)?.version === version || this.active.get(name) !== version) return;
          const failure = this.failed.get(name);
          if (failure?.version === version && Date.now() - failure.at < RETRY_FAILED_MS) return;
          try {
            this.swap(name, await this.loadVersion(name, version));
          } catch (err) {
            await this.fallBack(name, version, err as Error);
          }
        }),
      ),
    );
  }

  /** The active version failed to load: keep what serves, or find the newest older version that loads. */
  private async fallBack(name: string, version: number, error: Error): Promise<void> {
    const serving = this.served.get(name);
    this.failed.set(name, { version, at: Date.now() });
    this.errors.set(name, `v${version} failed to load: ${error.message}`);
    this.log.error({ err: error, model: name, version, serving: serving?.version ?? null }, `tabular model ${name} v${version} failed to load; ${serving ? `v${serving.version} keeps serving` : "looking for an older version"}`);
    if (serving) return;
    for (const older of await recentVersionNumbers(this.options.db, name, version).catch(() => [])) {
      try {
        this.swap(name, await this.loadVersion(name, older), `v${version} failed to load: ${error.message}`);
        this.log.warn({ model: name, version: older, activeVersion: version }, `tabular model ${name}: serving v${older} while the active v${version} cannot load`);
        return;
      } catch (err) {
        this.log.error({ err, model: name, version: older }, `tabular model ${name} v${older} failed to load too`);
      }
    }
  }

  private async loadVersion(name: string, version: number): Promise<ServedModel> {
    try {
      const stored = await loadModelVersion(this.options.db, name, version);
      if (!stored) throw new ModelVersionError(`model "${name}" has no version ${version}`, "not_found");
      verifyArtifacts(stored);
      const key = `${name}@${version}`;
      const info = await this.engine.load(key, stored.onnx, stored.treeDump, this.options.threads ?? 1);
      const names = stored.features.map((f) => f.name);
      if (names.length !== info.featureNames.length || names.some((n, i) => n !== info.featureNames[i])) {
        await this.engine.unload(key);
        throw new Error(`the stored feature names (${names.join(", ")}) are not the model's (${info.featureNames.join(", ")})`);
      }
      return { name, version, kind: stored.kind, key, features: stored.features, featureIndex: new Map(names.map((n, i) => [n, i])), info, loadedAt: new Date() };
    } catch (err) {
      this.metrics.loadFailures.inc({ model: name });
      if (err instanceof ModelVersionError) throw err;
      throw new TabularModelError(`${name} v${version} cannot be loaded: ${(err as Error).message}`, 409, "model_load_failed");
    }
  }

  private swap(name: string, model: ServedModel, error?: string): void {
    const previous = this.served.get(name);
    this.served.set(name, model);
    if (error) this.errors.set(name, error);
    else if (this.active.get(name) === model.version) {
      this.errors.delete(name);
      this.failed.delete(name);
    }
    this.metrics.version.set({ model: name }, model.version);
    // Requests already sent to the worker for the previous version run before this unload (one queue, in order).
    if (previous && previous.key !== model.key) void this.engine.unload(previous.key).catch(() => undefined);
    if (!previous || previous.version !== model.version) this.log.info({ model: name, version: model.version, previous: previous?.version ?? null }, "tabular model serving");
  }

  private locked<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(name) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.locks.set(name, run);
    return run;
  }

  private observe(model: string, op: "predict" | "explain", rows: number, started: number): void {
    this.metrics.rows.inc({ model, op }, rows);
    this.metrics.seconds.observe({ model, op }, (performance.now() - started) / 1000);
  }
}
