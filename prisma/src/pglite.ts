import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";

export const IN_MEMORY = "memory://";

/** Opens PGlite with pgvector loaded; a filesystem dataDir is created if missing. */
export async function createPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { vector } });
}
