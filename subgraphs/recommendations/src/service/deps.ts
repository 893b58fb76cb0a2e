import { createGraphClient, type GraphClient, type SubgraphOptions } from "@matchgraph/subgraph-kit";
import { createLlmClientFromEnv, type LlmClient } from "@matchgraph/subgraph-kit";
import { unavailable } from "@matchgraph/subgraph-kit";
import { rankingConfig } from "./ranking.js";

/**
 * What this subgraph reaches beyond its database: the graph (for other domains' data, with a
 * signed service identity) and the LLM. Set once by createSubgraph from the options both
 * topologies pass; resolvers read them here (type-graphql resolvers are module classes).
 */
interface Deps {
  graph: GraphClient | null;
  llm: LlmClient | null;
  mlRuntimeUrl: string | null;
  ranking: ReturnType<typeof rankingConfig> | null;
}

const deps: Deps = { graph: null, llm: null, mlRuntimeUrl: null, ranking: null };

export function configureDeps(options: SubgraphOptions | undefined, environment: NodeJS.ProcessEnv = process.env): void {
  // Checked first: a bad weight stops the start with a message naming the variable.
  deps.ranking = rankingConfig(environment);
  deps.mlRuntimeUrl = options?.mlRuntimeUrl ?? environment.ML_RUNTIME_URL ?? null;
  deps.graph = options?.graph ? createGraphClient("recommendations", options.graph) : null;
  const env = options?.mlRuntimeUrl && !environment.LLM_BASE_URL ? { ...environment, ML_RUNTIME_URL: options.mlRuntimeUrl } : environment;
  void deps.llm?.close();
  deps.llm = createLlmClientFromEnv({}, env);
}

export function graph(): GraphClient {
  if (!deps.graph) throw unavailable("The recommendations subgraph was started without a link to the graph");
  return deps.graph;
}

export function llm(): LlmClient | null {
  return deps.llm;
}

export function rankingSettings(): ReturnType<typeof rankingConfig> {
  return (deps.ranking ??= rankingConfig());
}

export function mlRuntimeUrl(): string | null {
  return deps.mlRuntimeUrl;
}
