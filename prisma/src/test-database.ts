import { randomBytes } from "node:crypto";
import pg from "pg";
import { readDbEnv } from "./config.js";
import { openDatabase, type Database, type DbKind } from "./database.js";
import type { MigrateOptions } from "./migrate.js";
import { IN_MEMORY, startPglite } from "./pglite.js";

export type TestDatabase = Database & { drop(): Promise<void> };

/**
 * A fresh, migrated database for one test file. pglite: in memory, in its own worker. postgres: a new database
 * `mg_test_<random>` created through TEST_DATABASE_URL (default
 * postgresql://postgres@127.0.0.1:5432/postgres). `drop()` closes it and deletes it.
 */
export async function createTestDatabase(kind: DbKind, opts: { migrate?: boolean; migrateOptions?: MigrateOptions } = {}): Promise<TestDatabase> {
  const shouldMigrate = opts.migrate ?? true;
  if (kind === "pglite") {
    const pglite = await startPglite(IN_MEMORY);
    let db: Database;
    try {
      db = await openDatabase({ pglite, migrate: shouldMigrate, migrateOptions: opts.migrateOptions });
    } catch (error) {
      await pglite.close();
      throw error;
    }
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      await db.close();
      await pglite.close();
    };
    return { ...db, describe: () => "PGlite (embedded PostgreSQL + pgvector) in memory, test database", close: drop, drop };
  }

  const adminUrl = readDbEnv().TEST_DATABASE_URL;
  const name = `mg_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: url.toString(), migrate: shouldMigrate, migrateOptions: opts.migrateOptions });
  } catch (error) {
    await dropDatabase(adminUrl, name);
    throw error;
  }
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.close();
    await dropDatabase(adminUrl, name);
  };
  return { ...db, close: drop, drop };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
