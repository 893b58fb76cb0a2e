import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import { lexicographicSortSchema, printSchema } from "graphql";

export const SUPERGRAPH_PATH = new URL("../../gateway/supergraph.graphql", import.meta.url);
export const API_SCHEMA_PATH = new URL("../schema.graphql", import.meta.url);

/**
 * The schema clients see through the gateway: the committed supergraph without its federation
 * internals (join__*, link__*, @inaccessible elements), the same API schema the gateway serves.
 */
export function apiSchemaSdl(supergraphSdl = readFileSync(SUPERGRAPH_PATH, "utf8")): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `# Generated from gateway/supergraph.graphql by console/scripts/codegen.ts; do not edit.\n${printSchema(lexicographicSortSchema(api))}\n`;
}
