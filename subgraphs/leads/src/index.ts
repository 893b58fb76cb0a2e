import type { Metric } from "prom-client";
import { buildFederatedSchema, createLlmClientFromEnv, type PubSub, type SubgraphContext, type SubgraphDefinition, type SubgraphOptions } from "@matchgraph/subgraph-kit";
import { intentLoader, leadLoader } from "./service/leads.js";
import { IntentSnippetResolver, LeadResolver, toIntentSnippet, toLead } from "./schema/resolver.js";
import { IntentResolver } from "./schema/intent-resolver.js";
import { bumpDataVersion, createIntentRuntime, followDataChanges, setIntentRuntime, type IntentRuntimeOptions } from "./intent/runtime.js";
import { intentConfigFromEnv } from "./intent/config.js";
import { PRIOR_COLD_START, runtimeColdStart } from "./intent/scorers.js";
import { indexPendingIntentSnippets } from "./intent/indexing.js";

export { createIntentRuntime, setIntentRuntime, intentRuntime, bumpDataVersion } from "./intent/runtime.js";
export { parseRules } from "./parser/rules.js";
export { leadsTrainableModels, LEADS_COLD_START_MODEL } from "./intent/training.js";

export const name = "leads";

export async function createSubgraph(pubSub: PubSub, options: SubgraphOptions & IntentRuntimeOptions = {}): Promise<SubgraphDefinition> {
  // The intent model's configuration is validated here, at start-up: a bad value stops the subgraph.
  const config = intentConfigFromEnv();
  const mlRuntimeUrl = options.mlRuntimeUrl ?? process.env.ML_RUNTIME_URL ?? "http://127.0.0.1:4100";
  const llm = options.llm !== undefined ? options.llm : config.llm ? createLlmClientFromEnv({}, { ...process.env, ML_RUNTIME_URL: mlRuntimeUrl }) : null;
  const coldStart =
    options.coldStart !== undefined ? options.coldStart : config.coldStart === "prior" ? PRIOR_COLD_START : config.coldStart === "model" ? runtimeColdStart(config.coldStartModel) : null;
  const runtime = createIntentRuntime({ config, ...options, llm, coldStart, pubSub });
  setIntentRuntime(runtime);
  const schema = await buildFederatedSchema({
    resolvers: [LeadResolver, IntentSnippetResolver, IntentResolver],
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
  return {
    name,
    schema,
    async start({ db, log }) {
      const unfollow = followDataChanges(runtime, pubSub, log);
      // Signals written straight to the database (the demo seed) reach the intent model in the background.
      const catchUp = indexPendingIntentSnippets(db).then(
        (n) => {
          if (n > 0) {
            bumpDataVersion(runtime);
            log.info({ indexed: n }, "intent signals indexed for the intent model");
          }
        },
        (err: unknown) => log.warn({ err }, "indexing recorded intent signals failed; it is tried again on the next start"),
      );
      return async () => {
        unfollow();
        await catchUp;
      };
    },
    registerMetrics(registry) {
      const { registry: _own, ...series } = runtime.metrics;
      for (const metric of Object.values(series) as Metric[]) registry.registerMetric(metric);
    },
  };
}
