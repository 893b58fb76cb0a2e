// `npm run codegen -w @matchgraph/console`: the API schema from the committed supergraph, then the
// typed operations (src/gql/) from every graphql() call under src/. `--check` writes nothing and
// fails when either is out of date (a unit test runs the same check).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { API_SCHEMA_PATH, apiSchemaSdl } from "./api-schema.js";
import { generateOperations, staleOperations } from "./operations.js";

const check = process.argv.includes("--check");
const sdl = apiSchemaSdl();
const schemaPath = fileURLToPath(API_SCHEMA_PATH);
const stale: string[] = [];
if (readFileSync(schemaPath, { encoding: "utf8", flag: "a+" }) !== sdl) {
  if (check) stale.push("console/schema.graphql");
  else writeFileSync(schemaPath, sdl);
}
if (check) {
  stale.push(...(await staleOperations()));
  if (stale.length) {
    process.stderr.write(`Out of date (run npm run codegen -w @matchgraph/console): ${stale.join(", ")}\n`);
    process.exit(1);
  }
} else {
  const written = await generateOperations();
  process.stdout.write(`schema.graphql and ${written.length} files under src/gql/ are current\n`);
}
