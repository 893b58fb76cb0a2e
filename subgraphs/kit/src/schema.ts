import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import type { PubSub } from "./pubsub.js";
import type { SubgraphContext } from "./context.js";

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires", "@shareable", "@cost", "@listSize"])`;

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions["resolvers"];
  orphanedTypes?: BuildSchemaOptions["orphanedTypes"];
  pubSub: PubSub;
  /** `__resolveReference` per entity type. */
  referenceResolvers?: Record<string, { __resolveReference: (ref: never, ctx: SubgraphContext) => unknown }>;
}

/**
 * type-graphql builds the schema from decorated classes; @apollo/subgraph turns its printed SDL
 * (directives included) plus the same resolvers into a federation 2 subgraph schema.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    pubSub: options.pubSub,
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers });
}
