import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition, type SubgraphOptions } from "@matchgraph/subgraph-kit";
import { CustomerContentResolver, LearningMetricsResolver, ObjectionPassagesResolver, SalesContentResolver } from "./schema/content.js";
import { startLearningSchedule } from "./service/learning.js";
import { CustomerResolver, OpportunityCustomerResolver, toCustomer } from "./schema/customers.js";
import { customerLoader } from "./service/customers.js";
import { configureDeps } from "./service/deps.js";
import { itemLoader } from "./service/recommendations.js";
import { OpportunityRecommendationsResolver, RecommendationItemResolver, toItem } from "./schema/resolver.js";
import { Opportunity } from "./schema/types.js";

export const name = "recommendations";

export async function createSubgraph(pubSub: PubSub, options?: SubgraphOptions): Promise<SubgraphDefinition> {
  configureDeps(options);
  const schema = await buildFederatedSchema({
    resolvers: [RecommendationItemResolver, OpportunityRecommendationsResolver, CustomerResolver, OpportunityCustomerResolver, SalesContentResolver, CustomerContentResolver, ObjectionPassagesResolver, LearningMetricsResolver],
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
      Customer: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await customerLoader(ctx).load(ref.id);
          return row ? toCustomer(row) : null;
        },
      },
      // The representation carries the @requires fields: it is the whole object this subgraph needs.
      Opportunity: { __resolveReference: (ref: Opportunity) => ref },
    },
  });
  return { name, schema, start: startLearningSchedule };
}
