import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const IN_MEMORY = "memory://";

/** Opens PGlite with pgvector and pg_trgm loaded; a filesystem dataDir is created if missing. */
export async function createPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { vector, pg_trgm } });
}
