// `npm run supergraph`: rewrites gateway/supergraph.graphql from the subgraphs' code.
import { writeFileSync } from "node:fs";
import { composeFromCode, SUPERGRAPH_PATH } from "./supergraph.js";

const sdl = await composeFromCode();
writeFileSync(SUPERGRAPH_PATH, sdl);
console.log(`wrote ${SUPERGRAPH_PATH} (${sdl.length} bytes)`);
