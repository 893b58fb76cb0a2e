import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { intentLoader, leadLoader } from "./service/leads.js";
import { IntentSnippetResolver, LeadResolver, toIntentSnippet, toLead } from "./schema/resolver.js";

export const name = "leads";

export async function createSubgraph(pubSub: PubSub): Promise<SubgraphDefinition> {
  const schema = await buildFederatedSchema({
    resolvers: [LeadResolver, IntentSnippetResolver],
    pubSub,
    referenceResolvers: {
      Lead: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await leadLoader(ctx).load(ref.id);
          return row ? toLead(row) : null;
        },
      },
      IntentSnippet: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await intentLoader(ctx).load(ref.id);
          return row ? toIntentSnippet(row) : null;
        },
      },
    },
  });
  return { name, schema };
}
