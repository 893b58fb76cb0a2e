import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { loader } from "./service/opportunities.js";
import { OpportunityResolver, toOpportunity } from "./schema/resolver.js";
import { MatchResolver } from "./schema/matching.js";
import { startJobWorker } from "./service/jobs.js";
import { registerMatchingMetrics } from "./service/monitoring-metrics.js";

export const name = "opportunities";

export async function createSubgraph(pubSub: PubSub): Promise<SubgraphDefinition> {
  const schema = await buildFederatedSchema({
    resolvers: [OpportunityResolver, MatchResolver],
    pubSub,
    referenceResolvers: {
      Opportunity: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await loader(ctx).load(ref.id);
          return row ? toOpportunity(row) : null;
        },
      },
    },
  });
  return { name, schema, start: startJobWorker, registerMetrics: registerMatchingMetrics };
}
