// Entry point of the tabular worker thread (see ../engine/worker-bootstrap.mjs for why tsx is loaded here).
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
