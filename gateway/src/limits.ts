import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import depthLimit from "graphql-depth-limit";
import { createRequire } from "node:module";
import { RateLimiterMemory } from "rate-limiter-flexible";

// The package's ESM build imports graphql's .mjs files, a second copy of graphql beside the CJS one
// Apollo uses ("Cannot use GraphQLObjectType from another module or realm"): require its CJS build.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as typeof import("graphql-query-complexity");

export interface Limits {
  maxDepth: number;
  maxCost: number;
  /** Requests per client per minute (user id when authenticated, else remote address). */
  ratePerMinute: number;
}

export const depthRule = (limits: Limits): ValidationRule => depthLimit(limits.maxDepth);

/**
 * Cost limit: every field costs 1, and list fields with a `first` or `k` argument multiply their
 * subtree by it (a search for 100 hits each with nested data costs what it really does).
 */
export function checkCost(schema: GraphQLSchema, limits: Limits, request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string | null }): void {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: request.document,
      variables: request.variables ?? {},
      operationName: request.operationName ?? undefined,
      estimators: [multiplier, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    // Variables that do not fit their types fail here first (before execution would say so).
    if (err instanceof GraphQLError) throw new GraphQLError(err.message, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
    throw err;
  }
  if (cost > limits.maxCost) {
    throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${limits.maxCost}`, {
      extensions: { code: "BAD_USER_INPUT", cost, maxCost: limits.maxCost, http: { status: 400 } },
    });
  }
}

const multiplier = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) => {
  const n = [args.first, args.k].find((v): v is number => typeof v === "number");
  return n === undefined ? undefined : 1 + n * Math.max(childComplexity, 1);
};

export function costPlugin<T extends object>(schema: () => GraphQLSchema, limits: Limits): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          checkCost(schema(), limits, { document, variables: request.variables, operationName: request.operationName });
        },
      };
    },
  };
}

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded; retry after ${retryAfterSeconds}s`);
  }
}

export function createRateLimiter(limits: Limits) {
  const limiter = new RateLimiterMemory({ points: limits.ratePerMinute, duration: 60 });
  return async (key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (res) {
      const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? 1000;
      throw new RateLimitedError(Math.ceil(ms / 1000));
    }
  };
}
