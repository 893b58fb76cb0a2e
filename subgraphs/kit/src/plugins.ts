import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { ServiceMetrics } from "./metrics.js";

/** Counts and times every operation by name and type; logs failures with the request's logger. */
export function operationMetricsPlugin<T extends BaseContext & { log?: { info: (o: object, m: string) => void } }>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          const name = operationName ?? "anonymous";
          const type = operation?.operation ?? "unknown";
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.operations.inc({ operation: name, type, outcome: errors?.length ? "error" : "ok" });
          metrics.duration.observe({ operation: name, type }, seconds);
          contextValue.log?.info({ operation: name, type, ms: Math.round(seconds * 1000), errors: errors?.length ?? 0 }, "graphql operation");
        },
      };
    },
  };
}
