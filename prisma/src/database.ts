import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/client.js";
import { readDbEnv, redactUrl } from "./config.js";
import { migrate, type MigrateOptions } from "./migrate.js";
import { defaultPgliteDir } from "./paths.js";
import { IN_MEMORY, startPglite, type EmbeddedPglite } from "./pglite.js";

export type DbKind = "pglite" | "postgres";

export interface Database {
  prisma: PrismaClient;
  kind: DbKind;
  /** The embedded PGlite (kind "pglite"): its worker and socket; pass it to another openDatabase to share it. */
  pglite?: EmbeddedPglite;
  /** The connection URL (kind "postgres"; for "pglite" the worker's socket). */
  url?: string;
  /** One line naming the database, password redacted, for start-up logs. */
  describe(): string;
  /** Disconnects Prisma and its pool, then closes what this Database opened (not a PGlite passed in). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; wins over DATABASE_URL. */
  databaseUrl?: string;
  /** PGlite data directory (`memory://` for in-memory); wins over DATABASE_URL. */
  dataDir?: string;
  /** A running embedded PGlite to share (another pool on the same worker); closing this Database leaves it running. */
  pglite?: EmbeddedPglite;
  /** Apply pending migrations before returning. Default false. */
  migrate?: boolean;
  migrateOptions?: MigrateOptions;
  /** Errors from idle pool connections (default: written to stderr). */
  onPoolError?: (error: Error) => void;
  /** Notices such as an old PGlite data directory moved aside (default: stderr). */
  log?: (message: string) => void;
}

/**
 * Connections of one Database to the embedded PGlite. PGlite runs one statement at a time
 * whatever the pool size; a few connections let a request queue behind one statement instead of
 * behind a whole transaction's connection wait (and keep a transaction from starving the rest).
 */
const PGLITE_POOL_SIZE = 8;

/**
 * Opens the database: `pglite` > `databaseUrl` > `dataDir` > DATABASE_URL > PGlite under
 * PGLITE_DATA_DIR or `<repo>/.data/pglite`.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const db = await connect(opts);
  if (opts.migrate) {
    try {
      await migrate(db, opts.migrateOptions);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function connect(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.pglite) return pgliteDatabase(opts.pglite, `${pgliteLabel(opts.pglite.dataDir)} (shared instance)`, false, opts.onPoolError);
  if (opts.databaseUrl) return postgresDatabase(opts.databaseUrl, opts.onPoolError);
  if (opts.dataDir) return embeddedDatabase(opts.dataDir, opts);
  const env = readDbEnv();
  if (env.DATABASE_URL) return postgresDatabase(env.DATABASE_URL, opts.onPoolError);
  return embeddedDatabase(env.PGLITE_DATA_DIR ?? defaultPgliteDir, opts);
}

async function embeddedDatabase(dataDir: string, opts: OpenDatabaseOptions): Promise<Database> {
  return pgliteDatabase(await startPglite(dataDir, { log: opts.log }), pgliteLabel(dataDir), true, opts.onPoolError);
}

function pgliteLabel(dataDir: string | undefined): string {
  return dataDir === undefined || dataDir.startsWith(IN_MEMORY) ? "in memory" : `at ${dataDir}`;
}

/** One code path for both kinds: a pg.Pool and @prisma/adapter-pg; for PGlite the pool reaches its worker's socket. */
function pgliteDatabase(pglite: EmbeddedPglite, where: string, owned: boolean, onPoolError?: (error: Error) => void): Database {
  const { prisma, pool } = pooledClient({ ...pglite.connection, max: PGLITE_POOL_SIZE }, "PGlite", onPoolError);
  return {
    prisma,
    kind: "pglite",
    pglite,
    url: pglite.url,
    describe: () => `PGlite (embedded PostgreSQL + pgvector, own thread) ${where}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
      if (owned && !pglite.closed) await pglite.close();
    },
  };
}

function postgresDatabase(url: string, onPoolError?: (error: Error) => void): Database {
  const { prisma, pool } = pooledClient({ connectionString: url }, "PostgreSQL", onPoolError);
  return {
    prisma,
    kind: "postgres",
    url,
    describe: () => `PostgreSQL ${redactUrl(url)}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function pooledClient(config: pg.PoolConfig, label: string, onPoolError?: (error: Error) => void): { prisma: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool(config);
  pool.on("error", onPoolError ?? ((error: Error) => process.stderr.write(`[db] idle ${label} connection error: ${error.message}\n`)));
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) }), pool };
}
