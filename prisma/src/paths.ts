import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));

/** The `prisma/` workspace folder. */
export const packageRoot = join(here, "..");
/** The monorepo root. */
export const repoRoot = join(packageRoot, "..");
export const migrationsDir = join(packageRoot, "migrations");
export const defaultPgliteDir = join(repoRoot, ".data", "pglite");
