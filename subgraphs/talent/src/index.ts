import { buildFederatedSchema, type PubSub, type SubgraphContext, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { jobLoader, talentLoader } from "./service/talent.js";
import { JobResolver, TalentResolver, toJob, toTalent } from "./schema/resolver.js";
import { startTalentWorker } from "./service/training.js";

export const name = "talent";

export async function createSubgraph(pubSub: PubSub): Promise<SubgraphDefinition> {
  const schema = await buildFederatedSchema({
    resolvers: [TalentResolver, JobResolver],
    pubSub,
    referenceResolvers: {
      Talent: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await talentLoader(ctx).load(ref.id);
          return row ? toTalent(row) : null;
        },
      },
      Job: {
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const row = await jobLoader(ctx).load(ref.id);
          return row ? toJob(row) : null;
        },
      },
    },
  });
  return { name, schema, start: startTalentWorker };
}
