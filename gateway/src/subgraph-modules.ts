import type { PubSub, SubgraphDefinition, SubgraphOptions } from "@matchgraph/subgraph-kit";
import * as opportunities from "@matchgraph/opportunities";
import * as leads from "@matchgraph/leads";
import * as talent from "@matchgraph/talent";
import * as knowledge from "@matchgraph/knowledge";
import * as recommendations from "@matchgraph/recommendations";
import type { SubgraphName } from "./subgraphs.js";

/** Subgraph factories, for the embedded topology and for composing the supergraph from code (options: the graph, the ml-runtime). */
export const SUBGRAPH_FACTORIES: Record<SubgraphName, (pubSub: PubSub, options?: SubgraphOptions) => Promise<SubgraphDefinition>> = {
  opportunities: opportunities.createSubgraph,
  leads: leads.createSubgraph,
  talent: talent.createSubgraph,
  knowledge: knowledge.createSubgraph,
  recommendations: recommendations.createSubgraph,
};
