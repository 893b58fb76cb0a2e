import { createHash } from "node:crypto";
import type { Database } from "@matchgraph/db";

/**
 * Model versions in the `ml` schema (prisma/migrations/*_ml_models): what the training pipeline
 * writes and the runtime serves. Every statement is a tagged `$queryRaw` with bind parameters.
 */

export type TabularKind = "lightgbm-regression" | "lightgbm-binary";
export const TABULAR_KINDS: readonly TabularKind[] = ["lightgbm-regression", "lightgbm-binary"];

/** Model names: lowercase letters, digits, `.`, `_`, `-`; at most 64 characters (also a CHECK in SQL). */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface FeatureDescription {
  name: string;
  description: string;
}

/** A version without its artifacts (what lists show). */
export interface ModelVersionInfo {
  id: string;
  name: string;
  version: number;
  kind: TabularKind;
  features: FeatureDescription[];
  training: Record<string, unknown>;
  metrics: Record<string, unknown>;
  onnxSha256: string;
  treeDumpSha256: string;
  lightgbmModelSha256: string | null;
  createdAt: Date;
  createdBy: string;
  reason: string | null;
  active: boolean;
  activatedAt: Date | null;
  activatedBy: string | null;
  activationReason: string | null;
}

export interface ModelArtifacts {
  onnx: Uint8Array;
  treeDump: Uint8Array;
  lightgbmModel: Uint8Array | null;
}

export type ModelVersionWithArtifacts = ModelVersionInfo & ModelArtifacts;

export interface NewModelVersion {
  name: string;
  kind: TabularKind;
  features: FeatureDescription[];
  training: Record<string, unknown>;
  metrics: Record<string, unknown>;
  onnx: Uint8Array;
  treeDump: Uint8Array;
  lightgbmModel?: Uint8Array | null;
  createdBy: string;
  reason?: string | null;
}

export interface ActivationRecord {
  name: string;
  version: number;
  previousVersion: number | null;
  action: "activate" | "rollback";
  activatedBy: string;
  reason: string | null;
  createdAt: Date;
}

/** The request cannot be carried out as asked (unknown version, nothing to roll back to): a 404/409 at the HTTP layer. */
export class ModelVersionError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "no_previous_version" | "invalid",
  ) {
    super(message);
    this.name = "ModelVersionError";
  }
}

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

interface VersionRow {
  id: string;
  name: string;
  version: number;
  kind: TabularKind;
  features: FeatureDescription[];
  training: Record<string, unknown>;
  metrics: Record<string, unknown>;
  onnx_sha256: string;
  tree_dump_sha256: string;
  lightgbm_model_sha256: string | null;
  created_at: Date;
  created_by: string;
  reason: string | null;
  active: boolean;
  activated_at: Date | null;
  activated_by: string | null;
  activation_reason: string | null;
}

const toInfo = (row: VersionRow): ModelVersionInfo => ({
  id: row.id,
  name: row.name,
  version: Number(row.version),
  kind: row.kind,
  features: row.features,
  training: row.training,
  metrics: row.metrics,
  onnxSha256: row.onnx_sha256,
  treeDumpSha256: row.tree_dump_sha256,
  lightgbmModelSha256: row.lightgbm_model_sha256,
  createdAt: row.created_at,
  createdBy: row.created_by,
  reason: row.reason,
  active: row.active,
  activatedAt: row.activated_at,
  activatedBy: row.activated_by,
  activationReason: row.activation_reason,
});

const bytes = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : Buffer.from(value as ArrayBuffer));

export function checkModelName(name: string): string {
  if (!MODEL_NAME_PATTERN.test(name)) {
    throw new ModelVersionError(`model name ${JSON.stringify(name).slice(0, 80)} must match ${MODEL_NAME_PATTERN} (lowercase letters, digits, . _ -)`, "invalid");
  }
  return name;
}

/** Every version of a name, newest first, without artifacts. */
export async function listModelVersions(db: Database, name: string): Promise<ModelVersionInfo[]> {
  const rows = await db.prisma.$queryRaw<VersionRow[]>`
    SELECT id::text, name, version, kind, features, training, metrics, onnx_sha256, tree_dump_sha256, lightgbm_model_sha256,
           created_at, created_by, reason, active, activated_at, activated_by, activation_reason
    FROM ml.model_version WHERE name = ${name} ORDER BY version DESC`;
  return rows.map(toInfo);
}

/** One version without artifacts; null when there is none. */
export async function getModelVersion(db: Database, name: string, version: number): Promise<ModelVersionInfo | null> {
  const rows = await db.prisma.$queryRaw<VersionRow[]>`
    SELECT id::text, name, version, kind, features, training, metrics, onnx_sha256, tree_dump_sha256, lightgbm_model_sha256,
           created_at, created_by, reason, active, activated_at, activated_by, activation_reason
    FROM ml.model_version WHERE name = ${name} AND version = ${version}`;
  return rows[0] ? toInfo(rows[0]) : null;
}

/** The active version of a name without artifacts; null when none is active. */
export async function getActiveModelVersion(db: Database, name: string): Promise<ModelVersionInfo | null> {
  const rows = await db.prisma.$queryRaw<VersionRow[]>`
    SELECT id::text, name, version, kind, features, training, metrics, onnx_sha256, tree_dump_sha256, lightgbm_model_sha256,
           created_at, created_by, reason, active, activated_at, activated_by, activation_reason
    FROM ml.model_version WHERE name = ${name} AND active`;
  return rows[0] ? toInfo(rows[0]) : null;
}

/** One version with its artifacts (the bytes as stored; check them with {@link verifyArtifacts}). */
export async function loadModelVersion(db: Database, name: string, version: number): Promise<ModelVersionWithArtifacts | null> {
  const rows = await db.prisma.$queryRaw<Array<VersionRow & { onnx: Uint8Array; tree_dump: Uint8Array; lightgbm_model: Uint8Array | null }>>`
    SELECT id::text, name, version, kind, features, training, metrics, onnx_sha256, tree_dump_sha256, lightgbm_model_sha256,
           created_at, created_by, reason, active, activated_at, activated_by, activation_reason, onnx, tree_dump, lightgbm_model
    FROM ml.model_version WHERE name = ${name} AND version = ${version}`;
  const row = rows[0];
  if (!row) return null;
  return { ...toInfo(row), onnx: bytes(row.onnx), treeDump: bytes(row.tree_dump), lightgbmModel: row.lightgbm_model == null ? null : bytes(row.lightgbm_model) };
}

/** Throws when an artifact's bytes do not hash to the sha256 recorded with them. */
export function verifyArtifacts(version: ModelVersionWithArtifacts): void {
  const checks: Array<[string, Uint8Array | null, string | null]> = [
    ["onnx", version.onnx, version.onnxSha256],
    ["tree_dump", version.treeDump, version.treeDumpSha256],
    ["lightgbm_model", version.lightgbmModel, version.lightgbmModelSha256],
  ];
  for (const [label, data, expected] of checks) {
    if (data === null) continue;
    const actual = sha256Hex(data);
    if (actual !== expected) throw new Error(`${version.name} v${version.version}: ${label} sha256 is ${actual}, recorded ${expected}`);
  }
}

/** (name, version) of every active version: the runtime's cheap periodic check. */
export async function activeVersions(db: Database): Promise<Map<string, number>> {
  const rows = await db.prisma.$queryRaw<Array<{ name: string; version: number }>>`SELECT name, version FROM ml.model_version WHERE active`;
  return new Map(rows.map((r) => [r.name, Number(r.version)]));
}

/** The newest versions of a name, newest first, with artifacts: candidates when the active one cannot load. */
export async function recentVersionNumbers(db: Database, name: string, below: number, limit = 5): Promise<number[]> {
  const rows = await db.prisma.$queryRaw<Array<{ version: number }>>`
    SELECT version FROM ml.model_version WHERE name = ${name} AND version < ${below} ORDER BY version DESC LIMIT ${limit}`;
  return rows.map((r) => Number(r.version));
}

/**
 * Stores a new, inactive version numbered one past the name's highest (retried if a concurrent
 * writer took that number). Hashes are computed here from the bytes.
 */
export async function insertModelVersion(db: Database, input: NewModelVersion): Promise<ModelVersionInfo> {
  checkModelName(input.name);
  const onnxSha = sha256Hex(input.onnx);
  const dumpSha = sha256Hex(input.treeDump);
  const lgb = input.lightgbmModel ?? null;
  const lgbSha = lgb ? sha256Hex(lgb) : null;
  const features = JSON.stringify(input.features);
  const training = JSON.stringify(input.training);
  const metrics = JSON.stringify(input.metrics);
  for (let attempt = 0; ; attempt++) {
    try {
      const rows = await db.prisma.$queryRaw<VersionRow[]>`
        INSERT INTO ml.model_version (name, version, kind, features, training, metrics, onnx, onnx_sha256, tree_dump, tree_dump_sha256,
                                      lightgbm_model, lightgbm_model_sha256, created_by, reason)
        SELECT ${input.name}, COALESCE(MAX(version), 0) + 1, ${input.kind}, ${features}::jsonb, ${training}::jsonb, ${metrics}::jsonb,
               ${Buffer.from(input.onnx)}, ${onnxSha}, ${Buffer.from(input.treeDump)}, ${dumpSha}, ${lgb ? Buffer.from(lgb) : null}, ${lgbSha},
               ${input.createdBy}, ${input.reason ?? null}
        FROM ml.model_version WHERE name = ${input.name}
        RETURNING id::text, name, version, kind, features, training, metrics, onnx_sha256, tree_dump_sha256, lightgbm_model_sha256,
                  created_at, created_by, reason, active, activated_at, activated_by, activation_reason`;
      return toInfo(rows[0]!);
    } catch (err) {
      if (attempt < 4 && /model_version_name_version_key|unique/i.test(String((err as Error).message))) continue;
      throw err;
    }
  }
}

/** Updates the training summary of a stored version (the pipeline records its gate's outcome). */
export async function updateTrainingSummary(db: Database, name: string, version: number, training: Record<string, unknown>): Promise<void> {
  await db.prisma.$executeRaw`UPDATE ml.model_version SET training = ${JSON.stringify(training)}::jsonb WHERE name = ${name} AND version = ${version}`;
}

export interface ActivationInput {
  name: string;
  version: number;
  by: string;
  reason?: string | null;
  action?: "activate" | "rollback";
}

/**
 * Makes `version` the name's only active version and records it in the activation history, in
 * one transaction (the name's rows are locked, so concurrent activations queue). Activating the
 * version that is already active changes nothing and records nothing.
 */
export async function activateModelVersion(db: Database, input: ActivationInput): Promise<{ version: number; previousVersion: number | null; changed: boolean }> {
  checkModelName(input.name);
  const action = input.action ?? "activate";
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ version: number; active: boolean }>>`
      SELECT version, active FROM ml.model_version WHERE name = ${input.name} ORDER BY version FOR UPDATE`;
    if (!rows.some((r) => Number(r.version) === input.version)) {
      throw new ModelVersionError(`model "${input.name}" has no version ${input.version}`, "not_found");
    }
    const current = rows.find((r) => r.active);
    const previousVersion = current ? Number(current.version) : null;
    if (previousVersion === input.version) return { version: input.version, previousVersion, changed: false };
    await tx.$executeRaw`UPDATE ml.model_version SET active = false WHERE name = ${input.name} AND active`;
    await tx.$executeRaw`
      UPDATE ml.model_version SET active = true, activated_at = now(), activated_by = ${input.by}, activation_reason = ${input.reason ?? null}
      WHERE name = ${input.name} AND version = ${input.version}`;
    await tx.$executeRaw`
      INSERT INTO ml.model_activation (name, version, previous_version, action, activated_by, reason)
      VALUES (${input.name}, ${input.version}, ${previousVersion}, ${action}, ${input.by}, ${input.reason ?? null})`;
    return { version: input.version, previousVersion, changed: true };
  });
}

/**
 * The version a rollback goes back to: the one that was active before the current version was
 * last activated (not by a rollback). Rolling back twice goes two steps back.
 */
export async function rollbackTarget(db: Database, name: string): Promise<{ current: number; target: number }> {
  const active = await db.prisma.$queryRaw<Array<{ version: number }>>`SELECT version FROM ml.model_version WHERE name = ${name} AND active`;
  if (!active[0]) throw new ModelVersionError(`model "${name}" has no active version to roll back`, "no_previous_version");
  const current = Number(active[0].version);
  const history = await db.prisma.$queryRaw<Array<{ previous_version: number | null }>>`
    SELECT previous_version FROM ml.model_activation
    WHERE name = ${name} AND version = ${current} AND action = 'activate' ORDER BY id DESC LIMIT 1`;
  const target = history[0]?.previous_version;
  if (target == null) throw new ModelVersionError(`model "${name}" v${current} was activated with no version before it: nothing to roll back to`, "no_previous_version");
  return { current, target: Number(target) };
}

/** The activation history of a name, newest first. */
export async function activationHistory(db: Database, name: string, limit = 50): Promise<ActivationRecord[]> {
  const rows = await db.prisma.$queryRaw<
    Array<{ name: string; version: number; previous_version: number | null; action: "activate" | "rollback"; activated_by: string; reason: string | null; created_at: Date }>
  >`SELECT name, version, previous_version, action, activated_by, reason, created_at FROM ml.model_activation WHERE name = ${name} ORDER BY id DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    name: r.name,
    version: Number(r.version),
    previousVersion: r.previous_version == null ? null : Number(r.previous_version),
    action: r.action,
    activatedBy: r.activated_by,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
