import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { LRUCache } from "lru-cache";
import { operationCost, type CostTable } from "./cost.js";

/** Limits applied to every operation before it is planned, over HTTP and WebSocket alike. */
export interface QueryLimits {
  /** Longest query document, in bytes. */
  maxBytes: number;
  /** Most lexical tokens in a document (graphql-js stops parsing past it). */
  maxTokens: number;
  /** Deepest field nesting; fragments add no depth of their own. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Most cost units one operation may declare (see cost.ts). */
  maxCost: number;
}

/** The error codes a refused document gets (Apollo Router's names where it has one). */
export const REFUSAL_CODES = {
  size: "MAX_QUERY_SIZE_LIMIT",
  tokens: "MAX_TOKENS_LIMIT",
  parse: "GRAPHQL_PARSE_FAILED",
  validation: "GRAPHQL_VALIDATION_FAILED",
  depth: "MAX_DEPTH_LIMIT",
  aliases: "MAX_ALIASES_LIMIT",
  directives: "MAX_DIRECTIVES_LIMIT",
  operation: "OPERATION_RESOLUTION_FAILURE",
  cost: "COST_ESTIMATED_TOO_EXPENSIVE",
  request: "BAD_REQUEST",
} as const;

const refusal = (message: string, code: string, extensions: Record<string, unknown> = {}) => new GraphQLError(message, { extensions: { ...extensions, code } });

/** Thrown with every reason a request is refused (each error with its code); over HTTP it is a 400. */
export class RequestRefused extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((e) => e.message).join("; "));
  }
}

/** Armor's rules throw by default; here they report, with their own code, like any validation rule. */
function reporting(rule: (options: Record<string, unknown>) => ValidationRule, n: number, code: string, extra: Record<string, unknown> = {}): ValidationRule {
  return (context: ValidationContext) =>
    rule({
      n,
      ...extra,
      propagateOnRejection: false,
      onReject: [(ctx: ValidationContext, err: GraphQLError) => ctx.reportError(refusal(err.message.replace(/^Syntax Error: /, ""), code, { limit: n }))],
    })(context);
}

interface Analysed {
  document?: DocumentNode;
  errors?: GraphQLError[];
  /** Costs of operations that take no variables (so cannot change), by operation name. */
  fixedCosts?: Map<string | undefined, number>;
}

export interface AdmittedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  cost: number;
}

/**
 * Admission control for GraphQL documents, in order of cost to check: size, tokens (while
 * parsing), validation with the depth, alias and directive limits (fragment cycles are refused by
 * graphql-js's own rule, never recursed into), the operation to run, and its cost. Parsing and
 * validation are cached by document text, so a repeated document costs one map lookup and the
 * cost walk.
 */
export function createAdmission(schema: GraphQLSchema, costs: CostTable, limits: QueryLimits) {
  const rules: ValidationRule[] = [
    ...specifiedRules,
    reporting(maxDepthRule as never, limits.maxDepth, REFUSAL_CODES.depth, { flattenFragments: true }),
    reporting(maxAliasesRule as never, limits.maxAliases, REFUSAL_CODES.aliases),
    reporting(maxDirectivesRule as never, limits.maxDirectives, REFUSAL_CODES.directives),
  ];
  const documents = new LRUCache<string, Analysed>({ max: 2000 });

  const analyse = (query: string): Analysed => {
    if (Buffer.byteLength(query) > limits.maxBytes) {
      return { errors: [refusal(`The query document is larger than ${limits.maxBytes} bytes; send large values as variables`, REFUSAL_CODES.size, { limit: limits.maxBytes })] };
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (err) {
      const message = (err as Error).message;
      const tooMany = /more tha[nt] \d+ tokens/.test(message);
      return { errors: [refusal(tooMany ? `The query document has more than ${limits.maxTokens} tokens` : message, tooMany ? REFUSAL_CODES.tokens : REFUSAL_CODES.parse)] };
    }
    const errors = validate(schema, document, rules).map((e) =>
      e.extensions.code ? e : refusal(e.message, REFUSAL_CODES.validation, { locations: e.locations }),
    );
    return errors.length ? { errors } : { document };
  };

  return {
    /** Throws RequestRefused, or returns the operation to run. */
    admit(request: { query?: unknown; variables?: unknown; operationName?: unknown }, transport: "http" | "ws"): AdmittedOperation {
      if (typeof request.query !== "string" || request.query.length === 0) throw new RequestRefused([refusal("A GraphQL request needs a query string", REFUSAL_CODES.request)]);
      if (request.operationName != null && typeof request.operationName !== "string") throw new RequestRefused([refusal("operationName must be a string", REFUSAL_CODES.request)]);
      let analysed = documents.get(request.query);
      if (!analysed) {
        analysed = analyse(request.query);
        documents.set(request.query, analysed);
      }
      if (analysed.errors) throw new RequestRefused(analysed.errors);
      const document = analysed.document!;
      const operationName = (request.operationName as string | null | undefined) ?? undefined;
      const operation = getOperationAST(document, operationName);
      if (!operation) {
        const message = operationName ? `Unknown operation named "${operationName}"` : "The document has several operations: name the one to run with operationName";
        throw new RequestRefused([refusal(message, REFUSAL_CODES.operation)]);
      }
      if (transport === "http" && operation.operation === "subscription") {
        throw new RequestRefused([refusal("Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP", REFUSAL_CODES.request)]);
      }
      let cost = analysed.fixedCosts?.get(operationName);
      if (cost === undefined) {
        const variables = request.variables && typeof request.variables === "object" ? (request.variables as Record<string, unknown>) : {};
        cost = operationCost(schema, costs, document, operation, variables);
        if (!operation.variableDefinitions?.length) (analysed.fixedCosts ??= new Map()).set(operationName, cost);
      }
      if (!(cost <= limits.maxCost)) {
        throw new RequestRefused([
          refusal(`Query cost ${Number.isFinite(cost) ? Math.round(cost) : "∞"} exceeds the limit of ${limits.maxCost}`, REFUSAL_CODES.cost, { cost: Number.isFinite(cost) ? cost : null, maxCost: limits.maxCost }),
        ]);
      }
      return { document, operation, cost };
    },
  };
}
