import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/client.js";
import { readDbEnv, redactUrl } from "./config.js";
import { migrate, type MigrateOptions } from "./migrate.js";
import { defaultPgliteDir } from "./paths.js";
import { createPglite, IN_MEMORY } from "./pglite.js";

export type DbKind = "pglite" | "postgres";

export interface Database {
  prisma: PrismaClient;
  kind: DbKind;
  /** The PGlite instance (kind "pglite"); pass it to another openDatabase to share it. */
  pglite?: PGlite;
  /** The connection URL (kind "postgres"). */
  url?: string;
  /** One line naming the database, password redacted, for start-up logs. */
  describe(): string;
  /** Disconnects Prisma, then closes what this Database opened (not a PGlite passed in). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; wins over DATABASE_URL. */
  databaseUrl?: string;
  /** PGlite data directory (`memory://` for in-memory); wins over DATABASE_URL. */
  dataDir?: string;
  /** An open PGlite (with the vector extension) to share between callers in one process. */
  pglite?: PGlite;
  /** Apply pending migrations before returning. Default false. */
  migrate?: boolean;
  migrateOptions?: MigrateOptions;
  /** Errors from idle PostgreSQL pool connections (default: written to stderr). */
  onPoolError?: (error: Error) => void;
}

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
  if (opts.pglite) return pgliteDatabase(opts.pglite, `${pgliteLabel(opts.pglite.dataDir)} (shared instance)`, false);
  if (opts.databaseUrl) return postgresDatabase(opts.databaseUrl, opts.onPoolError);
  if (opts.dataDir) return pgliteDatabase(await createPglite(opts.dataDir), pgliteLabel(opts.dataDir), true);
  const env = readDbEnv();
  if (env.DATABASE_URL) return postgresDatabase(env.DATABASE_URL, opts.onPoolError);
  const dataDir = env.PGLITE_DATA_DIR ?? defaultPgliteDir;
  return pgliteDatabase(await createPglite(dataDir), pgliteLabel(dataDir), true);
}

function pgliteLabel(dataDir: string | undefined): string {
  return dataDir === undefined || dataDir.startsWith(IN_MEMORY) ? "in memory" : `at ${dataDir}`;
}

function pgliteDatabase(pglite: PGlite, where: string, owned: boolean): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "pglite",
    pglite,
    describe: () => `PGlite (embedded PostgreSQL + pgvector) ${where}`,
    async close() {
      await prisma.$disconnect();
      if (owned && !pglite.closed) await pglite.close();
    },
  };
}

function postgresDatabase(url: string, onPoolError?: (error: Error) => void): Database {
  const pool = new pg.Pool({ connectionString: url });
  const reportPoolError = onPoolError ?? ((error: Error) => process.stderr.write(`[db] idle PostgreSQL connection error: ${error.message}\n`));
  pool.on("error", reportPoolError);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) });
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
