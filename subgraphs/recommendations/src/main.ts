import { runStandalone } from "@matchgraph/subgraph-kit/standalone";
import { createSubgraph, name } from "./index.js";

await runStandalone(name, createSubgraph, 4005);
