import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from "@apollo/gateway";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from "@apollo/query-planner";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from "@matchgraph/subgraph-kit";
import type { GatewayContext } from "./context.js";

/** The plan node that stands for "the event the owning subgraph just pushed". */
const EVENT_SERVICE = "__subscription_event__";

export interface SubscriptionRequest {
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName?: string | null;
  context: GatewayContext;
}

/**
 * Federated subscriptions. Apollo Gateway plans subscriptions but does not execute them, so we
 * use its query planner and executor directly: the plan's primary fetch is a subscription that
 * the owning subgraph serves over graphql-ws; for every event it pushes, the rest of the plan
 * (entity fetches to other subgraphs, @requires included) runs through Apollo's executeQueryPlan,
 * with the event standing in as the result of the primary fetch.
 */
export class SubscriptionRouter {
  private readonly supergraph: Supergraph;
  private readonly apiSchema: Schema;
  private readonly planner: QueryPlanner;
  readonly apiGraphQLSchema: GraphQLSchema;
  private readonly supergraphGraphQLSchema: GraphQLSchema;

  constructor(
    supergraphSdl: string,
    private readonly dataSources: Record<string, GraphQLDataSource>,
    private readonly wsUrls: Record<string, string>,
  ) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = this.supergraph.apiSchema();
    this.planner = new QueryPlanner(this.supergraph);
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphGraphQLSchema = this.supergraph.schema.toGraphQLJSSchema();
  }

  subscribe(request: SubscriptionRequest): Promise<AsyncIterableIterator<ExecutionResult>> | ExecutionResult {
    let plan: QueryPlan;
    try {
      const operation = operationFromDocument(this.apiSchema, request.document, { operationName: request.operationName ?? undefined });
      plan = this.planner.buildQueryPlan(operation);
    } catch (err) {
      return { errors: [err instanceof GraphQLError ? err : new GraphQLError((err as Error).message)] };
    }
    if (plan.node?.kind !== "Subscription") {
      return { errors: [new GraphQLError("Only subscription operations are served here", { extensions: { code: "BAD_USER_INPUT" } })] };
    }
    const { primary, rest } = plan.node;
    const wsUrl = this.wsUrls[primary.serviceName];
    if (!wsUrl) return { errors: [new GraphQLError(`No WebSocket endpoint for subgraph ${primary.serviceName}`)] };
    return this.run(request, primary, rest, wsUrl);
  }

  /**
   * Not an async generator: a generator's return() waits until its pending `await` settles, i.e.
   * until the next upstream event, so a client that leaves would keep the upstream subscription
   * open. This iterator's return() closes the upstream at once.
   */
  private async run(request: SubscriptionRequest, primary: FetchNode, rest: PlanNode | undefined, wsUrl: string): Promise<AsyncIterableIterator<ExecutionResult>> {
    const { context } = request;
    const client = await this.connect(wsUrl, context);
    const variables = Object.fromEntries((primary.variableUsages ?? []).filter((v) => v in request.variables).map((v) => [v, request.variables[v]]));
    const events = client.iterate({ query: primary.operation, variables, operationName: primary.operationName });
    const operationContext = buildOperationContext({
      schema: this.apiGraphQLSchema,
      operationDocument: request.document,
      operationName: request.operationName ?? undefined,
    });
    const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SERVICE };
    const plan: QueryPlan = { kind: "QueryPlan", node: rest ? { kind: "Sequence", nodes: [eventFetch, rest] } : eventFetch };

    const execute = (event: ExecutionResult): Promise<ExecutionResult> => {
      context.log.debug({ subgraph: primary.serviceName }, "subscription event");
      const serviceMap: ServiceMap = { ...this.dataSources, [EVENT_SERVICE]: { process: async () => ({ data: event.data ?? null, errors: event.errors }) } };
      const requestContext = {
        request: { query: primary.operation, variables: request.variables, operationName: request.operationName ?? undefined },
        context,
        logger: context.log,
        metrics: {},
        document: request.document,
        schema: this.apiGraphQLSchema,
      } as unknown as GatewayGraphQLRequestContext;
      return executeQueryPlan(plan, serviceMap, requestContext, operationContext, this.supergraphGraphQLSchema, this.apiSchema);
    };

    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await events.return?.();
      await client.dispose();
    };
    const done = { done: true, value: undefined } as const;
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => iterator,
      async next(): Promise<IteratorResult<ExecutionResult>> {
        if (closed) return done;
        try {
          const event = await events.next();
          if (event.done) {
            await close();
            return done;
          }
          return { done: false, value: await execute(event.value as ExecutionResult) };
        } catch (err) {
          context.log.warn({ err, subgraph: primary.serviceName }, "subscription upstream failed");
          await close();
          const message = `Subscription source ${primary.serviceName} is unavailable`;
          return { done: false, value: { errors: [new GraphQLError(message, { extensions: { code: "UNAVAILABLE" } })] } };
        }
      },
      async return(): Promise<IteratorResult<ExecutionResult>> {
        await close();
        return done;
      },
    };
    return iterator;
  }

  private async connect(url: string, context: GatewayContext): Promise<Client> {
    const identity = await context.identityToken();
    return createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      // Pings keep idle subscriptions alive through proxies and detect a dead subgraph.
      keepAlive: 15_000,
      connectionParams: { [REQUEST_ID_HEADER]: context.requestId, ...(identity ? { [IDENTITY_HEADER]: identity } : {}) },
    });
  }
}

