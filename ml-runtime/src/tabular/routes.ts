import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { readJsonBody } from "../server/body.js";
import { HttpError, badRequest, notFound, sendJson } from "../server/errors.js";
import { requestIdOf } from "../server/request-id.js";
import { TabularModelError, type ServedModel, type TabularModels } from "./manager.js";
import { ModelVersionError, listModelVersions, activationHistory, checkModelName } from "./store.js";
import { applyLink } from "./trees.js";
import type { Database } from "@matchgraph/db";

/**
 * HTTP routes of the tabular models, under /v1/models/{name} (404 `no_database` on a runtime without a database):
 *   POST predict   rows → scores (ONNX), KServe v2 request/response shape
 *   POST explain   rows → TreeSHAP contributions + base value + raw score
 *   GET  (the model)  metadata of the serving version (KServe v2 model metadata + features)
 *   GET  versions  every stored version with metrics and the activation history
 *   POST activate  {version, by?, reason?}   (admin)
 *   POST rollback  {by?, reason?}            (admin)
 */

export interface TabularRouteDeps {
  /** Undefined when the runtime has no database (no tabular models). */
  models: TabularModels | undefined;
  db: Database | undefined;
  /** When set, activate and rollback need `authorization: Bearer <token>`. */
  adminToken?: string;
  maxRows: number;
  maxBodyBytes: number;
}

const ROUTE = /^\/v1\/models\/([^/]+)(?:\/(predict|explain|versions|activate|rollback))?\/?$/;

/** The metrics label of a tabular path, or undefined when the path is not one. */
export function tabularRouteLabel(path: string): string | undefined {
  const match = ROUTE.exec(path);
  if (!match) return undefined;
  return match[2] ? `/v1/models/{name}/${match[2]}` : "/v1/models/{name}";
}

/** Handles a tabular route; false when `path` is not one. */
export async function handleTabularRoute(req: IncomingMessage, res: ServerResponse, path: string, method: string, deps: TabularRouteDeps | undefined): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (!match) return false;
  const name = decodeURIComponent(match[1]!);
  const action = match[2] ?? "metadata";
  const allowed = action === "metadata" || action === "versions" ? "GET" : "POST";
  if (method !== allowed) {
    res.setHeader("allow", allowed);
    throw new HttpError(405, `${method} is not allowed on ${path}.`, "invalid_request_error", "method_not_allowed");
  }
  if (!deps?.models || !deps.db) {
    // 404, not 503: a runtime started without a database stays so; it must not open callers' circuit breakers.
    throw notFound(`No tabular model "${name}" is serving: this ml-runtime has no database (start it with ML_DATABASE_URL or DATABASE_URL, or give startMlRuntime a db).`, "no_database", "name");
  }
  const { models, db } = deps;
  try {
    switch (action) {
      case "predict":
      case "explain": {
        const model = models.get(name);
        if (!model) throw notLoaded(name, models);
        const body = await readJsonBody(req, deps.maxBodyBytes);
        const { x, rows, id } = parseRows(body, model, deps.maxRows);
        if (action === "predict") {
          const scores = await models.predict(model, x, rows);
          sendJson(res, 200, {
            model_name: model.name,
            model_version: String(model.version),
            id: id ?? requestIdOf(req),
            parameters: { kind: model.kind, output: model.info.link === "logistic" ? "probability" : "value" },
            outputs: [{ name: "score", datatype: "FP64", shape: [rows], data: Array.from(scores) }],
          });
        } else {
          const { contributions, raw } = await models.explain(model, x, rows);
          const f = model.features.length;
          const flat = new Array<number>(rows * f);
          const score = new Array<number>(rows);
          for (let r = 0; r < rows; r++) {
            for (let j = 0; j < f; j++) flat[r * f + j] = contributions[r * (f + 1) + j]!;
            score[r] = applyLink(model.info, raw[r]!);
          }
          sendJson(res, 200, {
            model_name: model.name,
            model_version: String(model.version),
            id: id ?? requestIdOf(req),
            parameters: {
              kind: model.kind,
              feature_names: model.features.map((feat) => feat.name),
              space: "raw",
              link: model.info.link,
              ...(model.info.link === "logistic" ? { sigmoid: model.info.sigmoid } : {}),
            },
            outputs: [
              { name: "contributions", datatype: "FP64", shape: [rows, f], data: flat },
              { name: "base_value", datatype: "FP64", shape: [1], data: [model.info.baseValue] },
              { name: "raw_score", datatype: "FP64", shape: [rows], data: Array.from(raw) },
              { name: "score", datatype: "FP64", shape: [rows], data: score },
            ],
          });
        }
        return true;
      }
      case "metadata": {
        const model = models.get(name);
        if (!model) throw notLoaded(name, models);
        sendJson(res, 200, metadata(model));
        return true;
      }
      case "versions": {
        checkModelName(name);
        const [versions, history] = await Promise.all([listModelVersions(db, name), activationHistory(db, name)]);
        if (versions.length === 0) throw notFound(`No tabular model "${name}" is stored.`, "model_not_found");
        sendJson(res, 200, {
          name,
          serving: models.get(name)?.version ?? null,
          versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), activatedAt: v.activatedAt?.toISOString() ?? null })),
          history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
        });
        return true;
      }
      case "activate":
      case "rollback": {
        checkAdmin(req, deps.adminToken);
        const body = (await readJsonBody(req, 64 * 1024)) as Record<string, unknown>;
        if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("The body must be a JSON object.");
        const by = optionalText(body.by, "by") ?? "ml-runtime-api";
        const reason = optionalText(body.reason, "reason") ?? null;
        checkModelName(name);
        let outcome;
        if (action === "activate") {
          const version = body.version;
          if (!Number.isInteger(version) || (version as number) < 1) throw badRequest("`version` must be a positive integer.", "version");
          outcome = await models.activate(name, version as number, by, reason);
        } else {
          outcome = await models.rollback(name, by, reason);
        }
        sendJson(res, 200, { name, version: outcome.version, previous_version: outcome.previousVersion, changed: outcome.changed, serving: models.get(name)?.version ?? null });
        return true;
      }
    }
  } catch (err) {
    if (err instanceof ModelVersionError) {
      if (err.code === "invalid") throw badRequest(err.message, "name");
      throw new HttpError(err.code === "not_found" ? 404 : 409, err.message, "invalid_request_error", err.code);
    }
    if (err instanceof TabularModelError) throw new HttpError(err.status, err.message, "invalid_request_error", err.code);
    throw err;
  }
  return false;
}

function metadata(model: ServedModel) {
  return {
    name: model.name,
    versions: [String(model.version)],
    platform: "onnxruntime_onnx",
    kind: model.kind,
    inputs: model.features.map((f) => ({ name: f.name, datatype: "FP64", shape: [-1], description: f.description })),
    outputs: [{ name: "score", datatype: "FP64", shape: [-1] }],
    link: model.info.link,
    base_value: model.info.baseValue,
    trees: model.info.numTrees,
    max_depth: model.info.maxDepth,
    loaded_at: model.loadedAt.toISOString(),
  };
}

function notLoaded(name: string, models: TabularModels): HttpError {
  const known = models.names();
  return notFound(`No tabular model "${name}" is serving${known.length ? `; serving: ${known.join(", ")}` : " (no model has an active version)"}.`, "model_not_found", "name");
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > 500) throw badRequest(`\`${field}\` must be a string of at most 500 characters.`, field);
  return value;
}

function checkAdmin(req: IncomingMessage, token: string | undefined): void {
  if (!token) return;
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new HttpError(401, "This admin route needs `authorization: Bearer <ML_ADMIN_TOKEN>`.", "invalid_request_error", "unauthorized");
}

const DATATYPES = new Set(["FP64", "FP32", "FP16", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8", "BOOL"]);

/**
 * Rows from a request, as row-major doubles in the model's feature order with NaN for missing.
 * Two shapes:
 * - KServe v2: `{"inputs": [{"name": "<feature>", "shape": [N] | [N, 1], "datatype": "FP64", "data": [...]}, …]}`,
 *   one input per feature (a feature left out is missing in every row; `null` in data is missing — an extension);
 * - rows: `{"rows": [{"<feature>": number | null, …}, …]}` (a feature left out or null is missing).
 */
export function parseRows(body: unknown, model: Pick<ServedModel, "features" | "featureIndex">, maxRows: number): { x: Float64Array; rows: number; id?: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("The body must be a JSON object with `inputs` (KServe v2) or `rows`.");
  const b = body as { inputs?: unknown; rows?: unknown; id?: unknown };
  const id = typeof b.id === "string" ? b.id.slice(0, 200) : undefined;
  const f = model.features.length;
  const index = model.featureIndex;
  const unknownFeature = (name: string, param: string) =>
    badRequest(`Unknown feature ${JSON.stringify(name).slice(0, 100)}; the model's features are: ${model.features.map((x) => x.name).join(", ")}.`, param, "unknown_feature");
  const value = (v: unknown, param: string): number => {
    if (v === null || v === undefined) return NaN;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    throw badRequest(`${param} must be a finite number, a boolean or null (missing).`, param);
  };
  if (b.inputs !== undefined && b.rows !== undefined) throw badRequest("Send either `inputs` or `rows`, not both.");
  if (Array.isArray(b.rows)) {
    const rows = b.rows.length;
    if (rows === 0) throw badRequest("`rows` is empty.", "rows");
    if (rows > maxRows) throw badRequest(`At most ${maxRows} rows per request (got ${rows}).`, "rows");
    const x = new Float64Array(rows * f).fill(NaN);
    for (let r = 0; r < rows; r++) {
      const row = b.rows[r];
      if (typeof row !== "object" || row === null || Array.isArray(row)) throw badRequest(`rows[${r}] must be an object of feature values.`, `rows[${r}]`);
      for (const [name, v] of Object.entries(row)) {
        const j = index.get(name);
        if (j === undefined) throw unknownFeature(name, `rows[${r}]`);
        x[r * f + j] = value(v, `rows[${r}].${name}`);
      }
    }
    return { x, rows, id };
  }
  if (Array.isArray(b.inputs)) {
    if (b.inputs.length === 0) throw badRequest("`inputs` is empty.", "inputs");
    let rows = -1;
    const columns: Array<[number, unknown[]]> = [];
    for (const [k, input] of b.inputs.entries()) {
      const param = `inputs[${k}]`;
      if (typeof input !== "object" || input === null) throw badRequest(`${param} must be an object with name, shape, datatype and data.`, param);
      const { name, shape, datatype, data } = input as { name?: unknown; shape?: unknown; datatype?: unknown; data?: unknown };
      if (typeof name !== "string") throw badRequest(`${param}.name must be a feature name.`, param);
      const j = index.get(name);
      if (j === undefined) throw unknownFeature(name, param);
      if (datatype !== undefined && !DATATYPES.has(String(datatype))) throw badRequest(`${param}.datatype ${JSON.stringify(datatype)} is not a numeric KServe v2 type.`, param);
      if (!Array.isArray(data)) throw badRequest(`${param}.data must be an array.`, param);
      const n = data.length;
      if (Array.isArray(shape) && !((shape.length === 1 && shape[0] === n) || (shape.length === 2 && shape[0] === n && shape[1] === 1))) {
        throw badRequest(`${param}.shape ${JSON.stringify(shape)} does not match its ${n} values (use [N] or [N, 1]).`, param);
      }
      if (rows === -1) rows = n;
      else if (n !== rows) throw badRequest(`${param} has ${n} values; the other inputs have ${rows}.`, param);
      columns.push([j, data]);
    }
    if (rows === 0) throw badRequest("The inputs hold no rows.", "inputs");
    if (rows > maxRows) throw badRequest(`At most ${maxRows} rows per request (got ${rows}).`, "inputs");
    const x = new Float64Array(rows * f).fill(NaN);
    for (const [j, data] of columns) for (let r = 0; r < rows; r++) x[r * f + j] = value(data[r], `inputs(${model.features[j]!.name})[${r}]`);
    return { x, rows, id };
  }
  throw badRequest("The body needs `inputs` (KServe v2, one input per feature) or `rows` (objects of feature values).");
}
