import pg from "pg";
import type { PGlite, Transaction } from "@electric-sql/pglite";

/** What the migrator needs from a connection: plain queries and multi-statement scripts. */
export interface SqlExecutor {
  query<Row extends object>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script that may hold several statements (simple query protocol, no parameters). */
  exec(script: string): Promise<void>;
}

/** One connection, held for the whole migration run. */
export interface MigrationSession extends SqlExecutor {
  readonly kind: "pglite" | "postgres";
  /** Serialises migrators: a PostgreSQL advisory lock, an in-process queue for PGlite. */
  lock(): Promise<void>;
  unlock(): Promise<void>;
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// The key Prisma Migrate itself locks on, so this migrator and `prisma migrate` (if someone
// runs it elsewhere) never interleave on one database.
const ADVISORY_LOCK_KEY = 72707369;

export async function openPostgresSession(url: string): Promise<MigrationSession> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const executor: SqlExecutor = {
    async query<Row extends object>(sql: string, params: unknown[] = []) {
      return (await client.query<Row>(sql, params)).rows;
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
  return {
    kind: "postgres",
    ...executor,
    async lock() {
      await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    },
    async unlock() {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      await client.query("BEGIN");
      try {
        const result = await fn(executor);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}

// PGlite is a single connection inside this process, so a per-instance promise chain is the lock.
const pgliteQueues = new WeakMap<PGlite, Promise<void>>();

function pgliteExecutor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row extends object>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

export function openPgliteSession(db: PGlite): MigrationSession {
  let release: (() => void) | undefined;
  return {
    kind: "pglite",
    ...pgliteExecutor(db),
    async lock() {
      const previous = pgliteQueues.get(db) ?? Promise.resolve();
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      pgliteQueues.set(db, previous.then(() => mine));
      await previous;
    },
    async unlock() {
      release?.();
      release = undefined;
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      return db.transaction((tx) => fn(pgliteExecutor(tx)));
    },
    async close() {
      // The PGlite instance belongs to the caller.
    },
  };
}
