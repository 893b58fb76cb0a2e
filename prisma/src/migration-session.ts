import pg from "pg";
import type { EmbeddedPglite } from "./pglite.js";

/** What the migrator needs from a connection: plain queries and multi-statement scripts. */
export interface SqlExecutor {
  query<Row extends object>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script that may hold several statements (simple query protocol, no parameters). */
  exec(script: string): Promise<void>;
}

/** One connection, held for the whole migration run. */
export interface MigrationSession extends SqlExecutor {
  readonly kind: "pglite" | "postgres";
  /** Serialises migrators: a PostgreSQL advisory lock, an in-process queue for an embedded PGlite. */
  lock(): Promise<void>;
  unlock(): Promise<void>;
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// The key Prisma Migrate itself locks on, so this migrator and `prisma migrate` (if someone
// runs it elsewhere) never interleave on one database.
const ADVISORY_LOCK_KEY = 72707369;

export function openPostgresSession(url: string): Promise<MigrationSession> {
  return openClientSession(new pg.Client({ connectionString: url }), "postgres", {
    async lock(client) {
      await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    },
    async unlock(client) {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    },
  });
}

// Every connection to an embedded PGlite shares its one session, so an advisory lock would be
// granted to every migrator at once: migrators of one PGlite queue in this process instead (the
// process that started it is the only one that reaches it).
const pgliteQueues = new Map<string, Promise<void>>();

export function openPgliteSession(pglite: EmbeddedPglite): Promise<MigrationSession> {
  let release: (() => void) | undefined;
  return openClientSession(new pg.Client(pglite.connection), "pglite", {
    async lock() {
      const previous = pgliteQueues.get(pglite.url) ?? Promise.resolve();
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => mine);
      pgliteQueues.set(pglite.url, tail);
      void tail.then(() => pgliteQueues.get(pglite.url) === tail && pgliteQueues.delete(pglite.url));
      await previous;
    },
    async unlock() {
      release?.();
      release = undefined;
    },
  });
}

async function openClientSession(
  client: pg.Client,
  kind: MigrationSession["kind"],
  locking: { lock(client: pg.Client): Promise<void>; unlock(client: pg.Client): Promise<void> },
): Promise<MigrationSession> {
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
    kind,
    ...executor,
    lock: () => locking.lock(client),
    unlock: () => locking.unlock(client),
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
