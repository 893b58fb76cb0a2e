import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { chunkLoader, sourceLoader } from "./service/knowledge.js";
import { startIngestionWorker } from "./service/ingestion-jobs.js";
import { ConceptResolver, KnowledgeSourceConceptsResolver } from "./schema/concepts.js";
import { IngestDocumentResolver } from "./schema/ingest.js";
import { IngestionJobResolver } from "./schema/jobs.js";
import { KnowledgeChunkResolver, KnowledgeSourceResolver } from "./schema/resolver.js";
import { KnowledgeSearchResolver } from "./schema/search.js";

export const name = "knowledge";

export async function createSubgraph(pubSub: PubSub): Promise<SubgraphDefinition> {
  const schema = await buildFederatedSchema({
    resolvers: [
      KnowledgeSourceResolver,
      KnowledgeChunkResolver,
      KnowledgeSearchResolver,
      IngestDocumentResolver,
      IngestionJobResolver,
      ConceptResolver,
      KnowledgeSourceConceptsResolver,
    ],
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
  return { name, schema, start: startIngestionWorker };
}
