import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_SCHEMA_PATH, apiSchemaSdl } from "../scripts/api-schema.js";
import { staleOperations } from "../scripts/operations.js";

describe("generated GraphQL code", () => {
  it("schema.graphql is the API schema of the committed supergraph, without federation internals", () => {
    const sdl = apiSchemaSdl();
    expect(readFileSync(API_SCHEMA_PATH, "utf8"), "run npm run codegen -w @matchgraph/console").toBe(sdl);
    expect(sdl).not.toMatch(/join__|link__|@inaccessible|_entities|_service/);
    expect(sdl).toMatch(/type Subscription/);
  });

  it("src/gql/ is what codegen writes for the operations under src/", async () => {
    expect(await staleOperations(), "run npm run codegen -w @matchgraph/console").toEqual([]);
  }, 60_000);
});
