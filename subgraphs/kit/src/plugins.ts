import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { toGraphQLError } from "./errors.js";
import type { ServiceMetrics } from "./metrics.js";

type Log = { info: (o: object, m: string) => void; error: (o: object, m: string) => void };

/**
 * Counts and times every operation by name and type and logs it with the request's logger.
 * Errors without a known code are logged in full here, since clients only see them masked.
 */
export function operationMetricsPlugin<T extends BaseContext & { log?: Log }>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = error.originalError ?? error;
            if (!toGraphQLError(original) && !error.extensions?.code) contextValue.log?.error({ err: original, path: error.path }, "unexpected error");
          }
        },
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
