// Entry point of the PGlite worker thread. The worker is TypeScript; a Worker does not always
// inherit a TypeScript loader (vitest's runner, for one, does not pass one on), so this plain ESM
// file loads it through tsx's scoped importer (as the ml-runtime's inference worker does).
import { tsImport } from "tsx/esm/api";

await tsImport("./pglite-worker.ts", import.meta.url);
