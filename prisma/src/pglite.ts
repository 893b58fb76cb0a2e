import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { PgliteWorkerData, PgliteWorkerMessage } from "./pglite-worker.js";

export const IN_MEMORY = "memory://";

/** The PostgreSQL major version of the PGlite this package runs (0.5.x is PostgreSQL 18). */
export const PGLITE_PG_MAJOR = "18";

/** How node-postgres reaches an embedded PGlite: a unix socket folder (`host`) and port, or loopback TCP. */
export interface PgliteConnection {
  host: string;
  port: number;
  user: string;
  database: string;
}

/**
 * PGlite running in its own worker thread, served on the Postgres wire protocol: every caller
 * reaches it through `pg` (and `@prisma/adapter-pg`) exactly as it reaches PostgreSQL, and its
 * WASM never runs on the caller's event loop.
 */
export interface EmbeddedPglite {
  /** The data directory, or `memory://`. */
  readonly dataDir: string;
  /** Connection settings for `pg.Pool` / `pg.Client`. */
  readonly connection: PgliteConnection;
  /** The same as a URL (`postgresql://postgres@localhost:5432/postgres?host=<socket folder>`). */
  readonly url: string;
  readonly closed: boolean;
  /** Stops serving, closes PGlite (written to its data directory) and ends the worker. */
  close(): Promise<void>;
}

export interface StartPgliteOptions {
  /** Where notices go, e.g. an old data directory moved aside (default: stderr). */
  log?: (message: string) => void;
  /** Connections the socket accepts at once (default 64). */
  maxConnections?: number;
}

const POSTGRES_PORT = 5432;

// Socket folders of instances still open: removed when the process exits without closing them
// (a CLI that calls process.exit, a test runner tearing its worker down).
const openSocketDirs = new Set<string>();
let exitHookInstalled = false;
function trackSocketDir(dir: string): void {
  openSocketDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const d of openSocketDirs) rmSync(d, { recursive: true, force: true });
  });
}

/**
 * PGlite 0.5 runs PostgreSQL 18 and cannot open a data directory written by an older PGlite
 * (0.3: PostgreSQL 17). Such a directory is moved aside — to `<dataDir>-pg<version>-backup`
 * (with a time suffix if that exists) — so that a fresh database is created in its place, and
 * the move is logged with the way back to its data. Returns the backup path, or null when
 * nothing was moved.
 */
export function moveAsideIncompatibleDataDir(dataDir: string, log: (message: string) => void = defaultLog): string | null {
  if (dataDir.startsWith(IN_MEMORY)) return null;
  const versionFile = join(dataDir, "PG_VERSION");
  if (!existsSync(versionFile)) return null;
  const version = readFileSync(versionFile, "utf8").trim();
  if (version === PGLITE_PG_MAJOR) return null;
  let backup = join(dirname(dataDir), `${basename(dataDir)}-pg${version}-backup`);
  if (existsSync(backup)) backup = `${backup}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(dataDir, backup);
  log(
    `The PGlite data directory ${dataDir} was written by an older PGlite (PostgreSQL ${version}); this one runs PostgreSQL ${PGLITE_PG_MAJOR} ` +
      `and cannot open it. Moved it to ${backup} and starting with a fresh database (migrated and, with SEED=true, seeded again). ` +
      `Imported or edited data is in the backup: re-import the files, or dump it with PGlite 0.3 and restore it. Delete the backup when it is no longer needed.`,
  );
  return backup;
}

function defaultLog(message: string): void {
  process.stderr.write(`[db] ${message}\n`);
}

/**
 * Starts PGlite (pgvector and pg_trgm loaded) in a worker thread on `dataDir` (created if
 * missing; `memory://` for in-memory) and serves it on a unix socket in a private temporary
 * folder (loopback TCP on a free port where unix sockets are unavailable).
 */
export async function startPglite(dataDir: string, options: StartPgliteOptions = {}): Promise<EmbeddedPglite> {
  const log = options.log ?? defaultLog;
  if (!dataDir.includes("://")) {
    moveAsideIncompatibleDataDir(dataDir, log);
    mkdirSync(dataDir, { recursive: true });
  }
  // mkdtemp makes the folder 0700: only this user can reach the socket (PGlite checks no password).
  const socketDir = process.platform === "win32" ? null : await mkdtemp(join(tmpdir(), "mg-pglite-"));
  if (socketDir) trackSocketDir(socketDir);
  const listen: PgliteWorkerData["listen"] = socketDir ? { path: join(socketDir, `.s.PGSQL.${POSTGRES_PORT}`) } : { host: "127.0.0.1", port: 0 };
  const worker = new Worker(new URL("./pglite-worker-bootstrap.mjs", import.meta.url), {
    workerData: { dataDir, listen, maxConnections: options.maxConnections ?? 64 } satisfies PgliteWorkerData,
  });
  const cleanup = async () => {
    if (!socketDir) return;
    await rm(socketDir, { recursive: true, force: true });
    openSocketDirs.delete(socketDir);
  };

  let address: { path: string } | { host: string; port: number };
  try {
    address = await new Promise((resolve, reject) => {
      const onMessage = (m: PgliteWorkerMessage) => {
        if (m.type === "ready") resolve(m.address);
        else if (m.type === "failed") reject(new Error(`PGlite could not open ${dataDir}: ${m.message}`));
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the PGlite worker exited with code ${code} while starting`)));
    });
  } catch (err) {
    await worker.terminate();
    await cleanup();
    throw err;
  } finally {
    worker.removeAllListeners("exit");
    worker.removeAllListeners("error");
  }
  let closing: Promise<void> | undefined;
  let closed = false;
  worker.on("error", (err) => log(`PGlite worker failed: ${err.message}`));
  worker.on("exit", (code) => {
    if (!closing) log(`PGlite worker exited unexpectedly (code ${code}); the embedded database is gone until a restart`);
  });
  // Like an in-process PGlite, the worker alone does not keep the process alive (close() holds it while closing).
  worker.unref();

  const connection: PgliteConnection =
    "path" in address
      ? { host: socketDir!, port: POSTGRES_PORT, user: "postgres", database: "postgres" }
      : { host: address.host, port: address.port, user: "postgres", database: "postgres" };
  const url =
    "path" in address
      ? `postgresql://postgres@localhost:${POSTGRES_PORT}/postgres?host=${encodeURIComponent(socketDir!)}`
      : `postgresql://postgres@${address.host}:${address.port}/postgres`;

  return {
    dataDir,
    connection,
    url,
    get closed() {
      return closed;
    },
    close() {
      closing ??= (async () => {
        worker.ref();
        try {
          await new Promise<void>((resolve) => {
            const done = () => resolve();
            worker.on("message", (m: PgliteWorkerMessage) => m.type === "closed" && done());
            worker.once("exit", done);
            worker.postMessage({ type: "close" });
          });
        } finally {
          await worker.terminate();
          await cleanup();
          closed = true;
        }
      })();
      return closing;
    },
  };
}
