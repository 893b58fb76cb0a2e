import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { itemLoader } from "./service/recommendations.js";
import { OpportunityRecommendationsResolver, RecommendationItemResolver, toItem } from "./schema/resolver.js";
import { Opportunity } from "./schema/types.js";

export const name = "recommendations";

export async function createSubgraph(pubSub: PubSub): Promise<SubgraphDefinition> {
  const schema = await buildFederatedSchema({
    resolvers: [RecommendationItemResolver, OpportunityRecommendationsResolver],
    // Opportunity is reached only through _entities, which federation adds after type-graphql.
    orphanedTypes: [Opportunity],
    pubSub,
    referenceResolvers: {
      RecommendationItem: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await itemLoader(ctx).load(ref.id);
          return row ? toItem(row) : null;
        },
      },
      // The representation carries the @requires fields: it is the whole object this subgraph needs.
      Opportunity: { __resolveReference: (ref: Opportunity) => ref },
    },
  });
  return { name, schema };
}
