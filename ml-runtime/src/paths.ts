import path from "node:path";
import { fileURLToPath } from "node:url";

/** `ml-runtime/` — the workspace folder. */
export const packageRoot = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The monorepo root (the folder that holds `ml-runtime/`). */
export const repoRoot = path.dirname(packageRoot);

/** Where `npm run models:fetch` puts downloaded models; always last on the search path. */
export const defaultModelCacheDir = path.join(repoRoot, ".cache", "models");

export const defaultRegistryFile = path.join(packageRoot, "models.json");
