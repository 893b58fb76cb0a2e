import type { ApolloServerPlugin } from "@apollo/server";
import { setDegradedExtension, type ServiceMetrics } from "@matchgraph/subgraph-kit";
import type { GatewayContext } from "./context.js";

/**
 * Passes degraded answers on: when any subgraph fetch of a request answered with
 * `extensions.degraded: true` (noted on the context by SubgraphDataSource), the client's response
 * says `extensions.degraded: true` too, counts in `degraded_responses_total{service="gateway",
 * operation=<the client's operation name>}` and is logged.
 */
export function degradedPlugin(metrics: ServiceMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          if (!contextValue.degradedSubgraphs?.size) return;
          setDegradedExtension(response);
          const operation = operationName ?? "anonymous";
          metrics.degraded.inc({ operation });
          contextValue.log.info({ operation, subgraphs: [...contextValue.degradedSubgraphs] }, "degraded response");
        },
      };
    },
  };
}
