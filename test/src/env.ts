import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { DbKind } from "@matchgraph/db";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The model the end-to-end tests run on: USE-Lite for speed when it is found (ML_MODEL_DIR, or the
 * shared folder beside the checkout), else all-MiniLM-L6-v2 from the models:fetch cache.
 */
export function testModel(): { modelDir: string; model: string } {
  const candidates = [process.env.ML_MODEL_DIR, join(REPO_ROOT, "..", "shared", "models"), join(REPO_ROOT, ".cache", "models")].filter(
    (d): d is string => Boolean(d),
  );
  for (const dir of candidates) {
    if (existsSync(join(dir, "universal-sentence-encoder-lite", "model.onnx"))) return { modelDir: dir, model: "universal-sentence-encoder-lite" };
  }
  for (const dir of candidates) {
    if (existsSync(join(dir, "all-minilm-l6-v2"))) return { modelDir: dir, model: "all-minilm-l6-v2" };
  }
  throw new Error(`No embedding model for tests: looked in ${candidates.join(", ")}. Set ML_MODEL_DIR or run npm run models:fetch.`);
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Databases the suites run on: PGlite always; PostgreSQL when reachable. In CI (or when
 * TEST_DATABASE_URL is set) PostgreSQL is required, so a missing server fails loudly instead of
 * skipping.
 */
export async function databaseKinds(): Promise<DbKind[]> {
  if (await postgresReachable()) return ["pglite", "postgres"];
  if (process.env.CI || process.env.TEST_DATABASE_URL) throw new Error(`PostgreSQL is required for the tests but ${TEST_DATABASE_URL} is not reachable`);
  console.warn(`\n!! PostgreSQL not reachable at ${TEST_DATABASE_URL}: running the PGlite suites only\n`);
  return ["pglite"];
}
