// Entry point of the inference worker thread. The worker is TypeScript; a Worker does not
// always inherit a TypeScript loader (vitest's runner, for one, does not pass one on), so this
// plain ESM file loads it through tsx's scoped importer.
import { tsImport } from "tsx/esm/api";

await tsImport("./inference-worker.ts", import.meta.url);
