import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { migrationsDir as defaultMigrationsDir } from "./paths.js";
import { openPgliteSession, openPostgresSession, type MigrationSession } from "./migration-session.js";
import type { EmbeddedPglite } from "./pglite.js";

export interface MigrationFile {
  /** Folder name, `<14-digit timestamp>_<name>`; also the `migration_name` recorded. */
  name: string;
  sql: string;
  /** sha256 hex of the migration.sql bytes, as Prisma Migrate records it. */
  checksum: string;
}

export type MigrationTarget =
  | { pglite: EmbeddedPglite }
  | { databaseUrl: string }
  | { kind: "pglite" | "postgres"; pglite?: EmbeddedPglite; url?: string };

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (message: string) => void;
}

export type MigrationErrorCode = "CHECKSUM_MISMATCH" | "MIGRATION_FAILED" | "PREVIOUSLY_FAILED" | "BAD_MIGRATIONS_DIR";

export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly code: MigrationErrorCode,
    readonly migration: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MIGRATION_NAME = /^\d{14}_[A-Za-z0-9_]+$/;

// Exactly the table Prisma Migrate creates, so `prisma migrate status` could read our history.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS public._prisma_migrations (
    id                  VARCHAR(36)  PRIMARY KEY NOT NULL,
    checksum            VARCHAR(64)  NOT NULL,
    finished_at         TIMESTAMPTZ,
    migration_name      VARCHAR(255) NOT NULL,
    logs                TEXT,
    rolled_back_at      TIMESTAMPTZ,
    started_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    applied_steps_count INTEGER      NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export function migrationChecksum(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The migration folders under `dir`, in the order they apply (by name, i.e. timestamp). */
export async function readMigrations(dir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const files: MigrationFile[] = [];
  for (const name of folders) {
    if (!MIGRATION_NAME.test(name)) {
      throw new MigrationError("BAD_MIGRATIONS_DIR", name, `Migration folder "${name}" in ${dir} is not named <14-digit timestamp>_<name>`);
    }
    const bytes = await readFile(join(dir, name, "migration.sql")).catch((cause: unknown) => {
      throw new MigrationError("BAD_MIGRATIONS_DIR", name, `Migration "${name}" has no readable migration.sql`, { cause });
    });
    files.push({ name, sql: bytes.toString("utf8"), checksum: migrationChecksum(bytes) });
  }
  return files;
}

async function openSession(target: MigrationTarget): Promise<MigrationSession> {
  if ("databaseUrl" in target) return openPostgresSession(target.databaseUrl);
  if (target.pglite) return openPgliteSession(target.pglite);
  if ("url" in target && target.url) return openPostgresSession(target.url);
  throw new TypeError("migrate: target has neither a PGlite instance nor a PostgreSQL URL");
}

/**
 * Applies pending migrations in order, each in its own transaction together with its
 * `_prisma_migrations` row. Stops before applying anything if an applied migration's file has
 * changed; a failing migration rolls back whole and nothing is recorded for it.
 */
export async function migrate(target: MigrationTarget, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => undefined);
  const files = await readMigrations(opts.migrationsDir ?? defaultMigrationsDir);
  const session = await openSession(target);
  try {
    await session.lock();
    try {
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const pending = await pendingMigrations(session, files, log);
      const applied: string[] = [];
      for (const file of pending) {
        const started = Date.now();
        await applyOne(session, file);
        applied.push(file.name);
        log(`applied ${file.name} (${Date.now() - started} ms)`);
      }
      log(applied.length === 0 ? `no pending migrations (${files.length} applied)` : `applied ${applied.length} migration(s)`);
      return { applied };
    } finally {
      await session.unlock();
    }
  } finally {
    await session.close();
  }
}

async function pendingMigrations(session: MigrationSession, files: MigrationFile[], log: (m: string) => void): Promise<MigrationFile[]> {
  const rows = await session.query<AppliedRow>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at FROM public._prisma_migrations ORDER BY started_at",
  );
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new MigrationError(
      "PREVIOUSLY_FAILED",
      failed.migration_name,
      `Migration "${failed.migration_name}" is recorded as started but never finished in _prisma_migrations. ` +
        "Inspect the database, then set its rolled_back_at (or delete the row) before migrating again.",
    );
  }
  const applied = new Map(live.map((r) => [r.migration_name, r.checksum]));
  for (const file of files) {
    const recorded = applied.get(file.name);
    if (recorded !== undefined && recorded !== file.checksum) {
      throw new MigrationError(
        "CHECKSUM_MISMATCH",
        file.name,
        `Migration "${file.name}" was modified after it was applied: recorded checksum ${recorded}, ` +
          `file checksum ${file.checksum}. Restore the original file and put the change in a new migration.`,
      );
    }
  }
  const known = new Set(files.map((f) => f.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) log(`warning: ${name} is recorded in _prisma_migrations but has no folder here`);
  }
  return files.filter((f) => !applied.has(f.name));
}

async function applyOne(session: MigrationSession, file: MigrationFile): Promise<void> {
  try {
    await session.transaction(async (tx) => {
      await tx.exec(file.sql);
      await tx.query(
        `INSERT INTO public._prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
        [randomUUID(), file.checksum, file.name],
      );
    });
  } catch (cause) {
    throw new MigrationError("MIGRATION_FAILED", file.name, `Migration "${file.name}" failed and was rolled back: ${describeSqlError(cause, file.sql)}`, {
      cause,
    });
  }
}

function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & { code?: unknown; position?: unknown; detail?: unknown; hint?: unknown };
  const parts = [error.message];
  if (typeof fields.code === "string") parts.push(`(SQLSTATE ${fields.code})`);
  const position = Number(fields.position);
  if (Number.isInteger(position) && position > 0) parts.push(`at line ${sql.slice(0, position - 1).split("\n").length}`);
  if (typeof fields.detail === "string" && fields.detail) parts.push(`detail: ${fields.detail}`);
  if (typeof fields.hint === "string" && fields.hint) parts.push(`hint: ${fields.hint}`);
  return parts.join(" ");
}
