import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { print, GraphQLError, type ExecutionResult, type GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import {
  createCallerSigner,
  createMetrics,
  executeGraphQL,
  formatError,
  graphQLParams,
  headerValue,
  HttpError,
  MAX_BODY_BYTES,
  operationMetricsPlugin,
  readGraphQLRequest,
  REQUEST_ID_HEADER,
  sendJson,
  sendMetrics,
  type Identity,
  type Logger,
} from "@matchgraph/subgraph-kit";
import { createAdmission, RequestRefused } from "./admission.js";
import { AuthError, createAuthenticator, type AuthConfig, type AuthenticatedIdentity } from "./auth.js";
import { createGatewayContext, type GatewayContext } from "./context.js";
import { costTableFromSupergraph } from "./cost.js";
import { SubgraphDataSource } from "./datasource.js";
import { degradedPlugin } from "./degraded.js";
import { createAppHandler, DEFAULT_APP_DIR } from "./app/index.js";
import { createIdeHandler } from "./ide/index.js";
import { gatewayFormatError } from "./errors.js";
import { createRateLimiter, RateLimitedError, type Limits } from "./limits.js";
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
  /** The Console's build output, served at /app (default console/dist). */
  appDir?: string;
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });
const refusedBody = (refused: RequestRefused) => ({ errors: refused.errors.map((e) => e.toJSON()) });

/** graphql-ws close code for a connection whose token expired (the 44xx range mirrors HTTP 401). */
export const WS_TOKEN_EXPIRED = 4401;

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { log } = options;
  const dataSources = Object.fromEntries(options.subgraphs.map((s) => [s.name, new SubgraphDataSource(s.url)]));
  const router = new SubscriptionRouter(options.supergraphSdl, dataSources, Object.fromEntries(options.subgraphs.map((s) => [s.name, s.wsUrl])));
  const authenticator = createAuthenticator(options.auth);
  const rateLimit = createRateLimiter(options.limits);
  const admission = createAdmission(router.apiGraphQLSchema, costTableFromSupergraph(options.supergraphSdl), options.limits);
  const signCaller = createCallerSigner(options.identitySecret);
  const metrics = createMetrics("gateway");

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const source = dataSources[name];
      if (!source) throw new Error(`The supergraph names subgraph "${name}", but no URL is configured for it`);
      return source;
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: (formatted: GraphQLFormattedError, err: unknown) => gatewayFormatError(formatted, err, formatError),
    includeStacktraceInErrorResponses: false,
    // GraphiQL (./ide) answers browsers; Apollo's own landing page would load from a CDN.
    plugins: [operationMetricsPlugin(metrics), ApolloServerPluginLandingPageDisabled(), degradedPlugin(metrics)],
  });
  await apollo.start();

  /** Authenticates and rate-limits one caller; throws HttpError with the right status. */
  const admit = async (authorization: string | undefined, remote: string | undefined): Promise<AuthenticatedIdentity | null> => {
    let identity: AuthenticatedIdentity | null;
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

  const serveIde = createIdeHandler({ graphqlPath: "/graphql", bearerTokens: options.auth.mode === "jwt" });
  const serveApp = createAppHandler({
    dir: options.appDir ?? DEFAULT_APP_DIR,
    session: options.auth.mode === "none" ? { authMode: "none", userId: "local", roles: options.auth.localRoles } : { authMode: "jwt", anonymousRead: options.auth.anonymousRead },
  });

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
      signCaller({ kind: "service" })
        .then((token) => checkReadiness(options.subgraphs, options.mlRuntimeUrl, token))
        .then((report) => sendJson(res, report.ready ? 200 : 503, report))
        .catch(fail);
      return;
    }
    if (path === "/metrics") return void sendMetrics(res, metrics.registry).catch(fail);
    if (serveIde(req, res)) return;
    if (serveApp(req, res)) return;
    if (path !== "/graphql") return sendJson(res, 404, { error: "not found" });
    // Only the IDE's and the Console's pages and files (answered above) skip authentication.
    (async () => {
      const identity = await admit(headerValue(req.headers.authorization), remoteAddress(req));
      const request = await readGraphQLRequest(req);
      try {
        admission.admit(graphQLParams(request), "http");
      } catch (err) {
        if (err instanceof RequestRefused) return sendJson(res, 400, refusedBody(err));
        throw err;
      }
      const context = createGatewayContext(headerValue(req.headers[REQUEST_ID_HEADER]), identity, log, signCaller);
      res.setHeader(REQUEST_ID_HEADER, context.requestId);
      await executeGraphQL(apollo, request, res, async () => context);
    })().catch(fail);
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  type WsExtra = { identity: Identity | null; expiry: NodeJS.Timeout };
  const wsCleanup = useServer<Record<string, unknown>, WsExtra>(
    {
      schema: router.apiGraphQLSchema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === "string" ? params.authorization : headerValue(ctx.extra.request.headers.authorization);
        let identity: AuthenticatedIdentity | null;
        try {
          identity = await admit(authorization, remoteAddress(ctx.extra.request));
        } catch (err) {
          log.info({ reason: (err as Error).message }, "websocket connection refused");
          return false;
        }
        ctx.extra.identity = identity;
        // A socket lives no longer than the token that opened it.
        if (identity?.expiresAt !== undefined) {
          ctx.extra.expiry = setTimeout(() => ctx.extra.socket.close(WS_TOKEN_EXPIRED, "Token expired"), Math.max(0, identity.expiresAt - Date.now()));
          ctx.extra.expiry.unref();
        }
        return true;
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      // Every operation on the socket is rate-limited and admitted like an HTTP request.
      onSubscribe: async (ctx, _id, payload) => {
        const identity = ctx.extra.identity ?? null;
        try {
          await rateLimit(identity?.userId ?? remoteAddress(ctx.extra.request) ?? "unknown");
          admission.admit(payload, "ws");
        } catch (err) {
          if (err instanceof RequestRefused) return err.errors;
          if (err instanceof RateLimitedError) return [new GraphQLError(err.message, { extensions: { code: "RATE_LIMITED" } })];
          throw err;
        }
        return undefined;
      },
      context: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const requestId = typeof params[REQUEST_ID_HEADER] === "string" ? (params[REQUEST_ID_HEADER] as string) : undefined;
        return createGatewayContext(requestId, ctx.extra.identity ?? null, log, signCaller) as unknown as Record<string, unknown>;
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
      for (const source of Object.values(dataSources)) source.close();
    },
  };
}

function remoteAddress(req: IncomingMessage): string | undefined {
  return req.socket.remoteAddress;
}
