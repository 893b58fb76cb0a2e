import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { parse, print, specifiedRules, validate, GraphQLError, type ExecutionResult } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import {
  createMetrics,
  formatError,
  handleGraphQL,
  headerValue,
  HttpError,
  MAX_BODY_BYTES,
  operationMetricsPlugin,
  REQUEST_ID_HEADER,
  sendJson,
  sendMetrics,
  type Identity,
  type Logger,
} from "@matchgraph/subgraph-kit";
import { AuthError, createAuthenticator, type AuthConfig } from "./auth.js";
import { createGatewayContext, type GatewayContext } from "./context.js";
import { SubgraphDataSource } from "./datasource.js";
import { checkCost, costPlugin, createRateLimiter, depthRule, RateLimitedError, type Limits } from "./limits.js";
import { checkReadiness } from "./readiness.js";
import { SubscriptionRouter } from "./subscriptions.js";

export interface SubgraphEndpoint {
  name: string;
  url: string;
  wsUrl: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  subgraphs: SubgraphEndpoint[];
  mlRuntimeUrl: string;
  identitySecret: string;
  auth: AuthConfig;
  limits: Limits;
  port: number;
  host: string;
  log: Logger;
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { log } = options;
  const endpoints = Object.fromEntries(options.subgraphs.map((s) => [s.name, s]));
  const dataSource = (name: string) => {
    const endpoint = endpoints[name];
    if (!endpoint) throw new Error(`The supergraph names subgraph "${name}", but no URL is configured for it`);
    return new SubgraphDataSource({ url: endpoint.url });
  };
  const dataSources = Object.fromEntries(options.subgraphs.map((s) => [s.name, dataSource(s.name)]));
  const router = new SubscriptionRouter(options.supergraphSdl, dataSources, Object.fromEntries(options.subgraphs.map((s) => [s.name, s.wsUrl])));
  const authenticator = createAuthenticator(options.auth);
  const rateLimit = createRateLimiter(options.limits);
  const metrics = createMetrics("gateway");

  const gateway = new ApolloGateway({ supergraphSdl: options.supergraphSdl, buildService: ({ name }) => dataSource(name) });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthRule(options.limits)],
    plugins: [costPlugin(() => router.apiGraphQLSchema, options.limits), operationMetricsPlugin(metrics)],
  });
  await apollo.start();

  /** Authenticates and rate-limits one caller; throws HttpError with the right status. */
  const admit = async (authorization: string | undefined, remote: string | undefined): Promise<Identity | null> => {
    let identity: Identity | null;
    try {
      identity = await authenticator.authenticate(authorization);
    } catch (err) {
      throw new HttpError(401, (err as AuthError).message);
    }
    if (!identity && !authenticator.anonymousRead) throw new HttpError(401, "Authentication required");
    try {
      await rateLimit(identity?.userId ?? remote ?? "unknown");
    } catch (err) {
      if (err instanceof RateLimitedError) throw Object.assign(new HttpError(429, err.message), { retryAfter: err.retryAfterSeconds });
      throw err;
    }
    return identity;
  };

  const httpServer: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const fail = (err: unknown) => {
      if (err instanceof HttpError) {
        const retryAfter = (err as HttpError & { retryAfter?: number }).retryAfter;
        if (retryAfter) res.setHeader("retry-after", String(retryAfter));
        const code = err.status === 401 ? "UNAUTHENTICATED" : err.status === 429 ? "RATE_LIMITED" : "BAD_REQUEST";
        return sendJson(res, err.status, graphqlError(err.message, code));
      }
      log.error({ err }, "gateway request failed");
      if (!res.headersSent) sendJson(res, 500, graphqlError("Internal server error", "INTERNAL_SERVER_ERROR"));
      else res.end();
    };
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (path === "/readyz") {
      checkReadiness(options.subgraphs, options.mlRuntimeUrl)
        .then((report) => sendJson(res, report.ready ? 200 : 503, report))
        .catch(fail);
      return;
    }
    if (path === "/metrics") return void sendMetrics(res, metrics.registry).catch(fail);
    if (path !== "/graphql") return sendJson(res, 404, { error: "not found" });
    // Only a GET without an operation (no query, no persisted-query extension) may skip
    // authentication: that is the Sandbox page.
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const isLandingPage = req.method === "GET" && !params.has("query") && !params.has("extensions");
    (async () => {
      const identity = isLandingPage ? null : await admit(headerValue(req.headers.authorization), remoteAddress(req));
      const context = createGatewayContext(headerValue(req.headers[REQUEST_ID_HEADER]), identity, log, options.identitySecret);
      res.setHeader(REQUEST_ID_HEADER, context.requestId);
      await handleGraphQL(apollo, req, res, async () => context);
    })().catch(fail);
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>, { identity?: Identity | null; request: IncomingMessage }>(
    {
      schema: router.apiGraphQLSchema,
      validate: (schema, document) => validate(schema, document, [...specifiedRules, depthRule(options.limits)]),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === "string" ? params.authorization : headerValue(ctx.extra.request.headers.authorization);
        try {
          (ctx.extra as { identity?: Identity | null }).identity = await admit(authorization, remoteAddress(ctx.extra.request));
          return true;
        } catch (err) {
          log.info({ reason: (err as Error).message }, "websocket connection refused");
          return false;
        }
      },
      // Every operation on the socket is rate-limited and cost-checked like an HTTP request.
      onSubscribe: async (ctx, _id, payload) => {
        const identity = (ctx.extra as { identity?: Identity | null }).identity ?? null;
        try {
          await rateLimit(identity?.userId ?? remoteAddress(ctx.extra.request) ?? "unknown");
          checkCost(router.apiGraphQLSchema, options.limits, { document: parse(payload.query), variables: payload.variables ?? {}, operationName: payload.operationName });
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          if (err instanceof RateLimitedError) return [new GraphQLError(err.message, { extensions: { code: "RATE_LIMITED" } })];
          throw err;
        }
        return undefined;
      },
      context: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const requestId = typeof params[REQUEST_ID_HEADER] === "string" ? (params[REQUEST_ID_HEADER] as string) : undefined;
        return createGatewayContext(requestId, (ctx.extra as { identity?: Identity | null }).identity ?? null, log, options.identitySecret) as unknown as Record<string, unknown>;
      },
      subscribe: (args) =>
        router.subscribe({
          document: args.document,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          operationName: args.operationName,
          context: args.contextValue as GatewayContext,
        }),
      // Queries and mutations sent over the socket take the same path as HTTP ones.
      execute: async (args): Promise<ExecutionResult> => {
        const response = await apollo.executeOperation(
          { query: print(args.document), variables: (args.variableValues ?? {}) as Record<string, unknown>, operationName: args.operationName ?? undefined },
          { contextValue: args.contextValue as GatewayContext },
        );
        if (response.body.kind !== "single") return { errors: [new GraphQLError("Incremental delivery is not supported over WebSocket")] };
        return response.body.singleResult as ExecutionResult;
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const base = `${options.host === "0.0.0.0" ? "localhost" : options.host}:${port}`;
  return {
    url: `http://${base}/graphql`,
    wsUrl: `ws://${base}/graphql`,
    async close() {
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
    },
  };
}

function remoteAddress(req: IncomingMessage): string | undefined {
  return req.socket.remoteAddress;
}
