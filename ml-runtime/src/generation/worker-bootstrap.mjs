// Entry point of the generation worker thread: loads the TypeScript worker through tsx's scoped
// importer (a Worker does not always inherit a TypeScript loader; vitest's runner does not).
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
