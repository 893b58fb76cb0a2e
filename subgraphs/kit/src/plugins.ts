import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from "@apollo/server";
import type { DegradedMark } from "./context.js";
import { toGraphQLError } from "./errors.js";
import type { ServiceMetrics } from "./metrics.js";

type Log = { info: (o: object, m: string) => void; error: (o: object, m: string) => void };

/** Sets `extensions.degraded: true` on a response (single results; incremental delivery is not used). */
export function setDegradedExtension(response: GraphQLResponse): void {
  if (response.body.kind !== "single") return;
  response.body.singleResult.extensions = { ...response.body.singleResult.extensions, degraded: true };
}

/**
 * Counts and times every operation by name and type and logs it with the request's logger.
 * Errors without a known code are logged in full here, since clients only see them masked.
 * A request whose context holds degraded marks (`markDegraded`) answers with
 * `extensions.degraded: true` and counts once per marked operation in `degraded_responses_total`.
 */
export function operationMetricsPlugin<T extends BaseContext & { log?: Log; degraded?: DegradedMark[] }>(
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
        async willSendResponse({ operationName, operation, errors, response }) {
          const degraded = contextValue.degraded;
          if (degraded?.length) {
            setDegradedExtension(response);
            for (const mark of degraded) metrics.degraded.inc({ operation: mark.operation });
          }
          const name = operationName ?? "anonymous";
          const type = operation?.operation ?? "unknown";
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.operations.inc({ operation: name, type, outcome: errors?.length ? "error" : "ok" });
          metrics.duration.observe({ operation: name, type }, seconds);
          contextValue.log?.info(
            { operation: name, type, ms: Math.round(seconds * 1000), errors: errors?.length ?? 0, ...(degraded?.length ? { degraded: true } : {}) },
            "graphql operation",
          );
        },
      };
    },
  };
}
