import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { chunkLoader, sourceLoader } from "./service/knowledge.js";
import { KnowledgeChunkResolver, KnowledgeSourceResolver } from "./schema/resolver.js";

export const name = "knowledge";

export async function createSubgraph(pubSub: PubSub): Promise<SubgraphDefinition> {
  const schema = await buildFederatedSchema({
    resolvers: [KnowledgeSourceResolver, KnowledgeChunkResolver],
    pubSub,
    referenceResolvers: {
      KnowledgeSource: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => sourceLoader(ctx).load(ref.id),
      },
      KnowledgeChunk: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => chunkLoader(ctx).load(ref.id),
      },
    },
  });
  return { name, schema };
}
