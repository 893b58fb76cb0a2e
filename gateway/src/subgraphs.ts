/** The five subgraphs in composition order, with their ports in the distributed topology. */
export const SUBGRAPH_PORTS = {
  opportunities: 4001,
  leads: 4002,
  talent: 4003,
  knowledge: 4004,
  recommendations: 4005,
} as const;

export type SubgraphName = keyof typeof SUBGRAPH_PORTS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPH_PORTS) as SubgraphName[];
export const defaultUrl = (name: SubgraphName) => `http://127.0.0.1:${SUBGRAPH_PORTS[name]}/graphql`;
