import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Registry } from "prom-client";
import type { Database } from "@matchgraph/db";
import type { EmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createContext, type LoaderRegistry, type SubgraphContext } from "./context.js";
import { formatError } from "./errors.js";
import { handleGraphQL, headerValue, HttpError, MAX_BODY_BYTES, sendJson } from "./http.js";
import { createCallerVerifier, IDENTITY_HEADER, identityOf, type Caller } from "./identity.js";
import { inputHygienePlugin } from "./input-hygiene.js";
import type { Logger } from "./logger.js";
import { createMetrics, sendMetrics } from "./metrics.js";
import { operationMetricsPlugin } from "./plugins.js";
import type { PubSub } from "./pubsub.js";

/** What a subgraph's factory returns. */
export interface SubgraphDefinition {
  name: string;
  schema: GraphQLSchema;
  /** Background work (e.g. a job worker) started with the server; the returned function stops it. */
  start?(services: SubgraphServices): Promise<() => Promise<void>>;
  /** Adds the subgraph's own series (e.g. gauges computed at scrape time) to its /metrics registry. */
  registerMetrics?(registry: Registry, services: SubgraphServices): void;
}

/** Shared services a subgraph runs with; the same objects in both topologies. */
export interface SubgraphServices {
  db: Database;
  ml: EmbeddingClient;
  pubSub: PubSub;
  log: Logger;
  /** Secret shared with the gateway, used to verify forwarded identities. */
  identitySecret: string;
}

export interface RunningService {
  name: string;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * Serves a subgraph: GraphQL over HTTP (Apollo Server) and graphql-ws on the same /graphql path,
 * plus /healthz and /metrics. Every operation (queries, mutations, `_entities`, `_service`,
 * subscriptions) needs a caller token the gateway signed; without one it is refused with 401
 * before it is parsed. Each request's context carries the gateway's request id and the identity.
 */
export async function serveSubgraph(
  def: SubgraphDefinition,
  services: SubgraphServices,
  listen: { port: number; host: string },
): Promise<RunningService> {
  const log = services.log;
  const metrics = createMetrics(def.name, false);
  def.registerMetrics?.(metrics.registry, services);

  // A subscription keeps one context for its lifetime; its loaders are cleared after every
  // event so that each event reads fresh rows.
  const subscriptionLoaders = new WeakMap<SubgraphContext, LoaderRegistry>();
  const verifyCaller = createCallerVerifier(services.identitySecret);
  const buildContext = (requestId: string | undefined, caller: Caller): SubgraphContext => {
    const id = requestId && requestId.length <= 128 ? requestId : randomUUID();
    const { ctx, loaders } = createContext({ ...services, log }, id, identityOf(caller));
    subscriptionLoaders.set(ctx, loaders);
    return ctx;
  };

  const apollo = new ApolloServer<SubgraphContext>({
    schema: def.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Inline tracing only feeds Apollo Studio, which this platform does not use. Cache control
    // (no schema sets hints) would wrap every field resolver to compute a policy nobody reads.
    plugins: [
      operationMetricsPlugin(metrics),
      inputHygienePlugin(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const httpServer: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const done = (err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) log.error({ err }, "request failed");
      const code = status === 401 ? "UNAUTHENTICATED" : status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: err instanceof HttpError ? err.message : "Internal server error", extensions: { code } }] });
      else res.end();
    };
    if (path === "/healthz") return sendJson(res, 200, { status: "ok", service: def.name });
    if (path === "/metrics") return void sendMetrics(res, metrics.registry).catch(done);
    if (path !== "/graphql") return sendJson(res, 404, { error: "not found" });
    (async () => {
      const caller = await verifyCaller(headerValue(req.headers[IDENTITY_HEADER]));
      if (!caller) throw new HttpError(401, "Subgraphs answer only requests the gateway signed");
      const ctx = buildContext(headerValue(req.headers[REQUEST_ID_HEADER]), caller);
      await handleGraphQL(apollo, req, res, async () => ctx);
    })().catch(done);
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>, { caller: Caller }>(
    {
      schema: def.schema,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[IDENTITY_HEADER];
        const caller = await verifyCaller(typeof token === "string" ? token : undefined);
        if (!caller) return false;
        ctx.extra.caller = caller;
        return true;
      },
      context: (ctx) => {
        const requestId = ctx.connectionParams?.[REQUEST_ID_HEADER];
        return buildContext(typeof requestId === "string" ? requestId : undefined, ctx.extra.caller!);
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        subscriptionLoaders.get(args.contextValue as SubgraphContext)?.clear();
        // Same error masking as HTTP responses.
        if (!("errors" in result) || !result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => formatError(e instanceof GraphQLError ? e.toJSON() : e, e)) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.warn({ errors: errors.map((e) => e.message) }, "subscription error");
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
  const stopBackground = def.start ? await def.start({ ...services, log }) : undefined;
  const { port } = httpServer.address() as AddressInfo;
  const base = `${listen.host}:${port}`;
  log.info({ url: `http://${base}/graphql` }, "subgraph listening");

  return {
    name: def.name,
    url: `http://${base}/graphql`,
    wsUrl: `ws://${base}/graphql`,
    async close() {
      await stopBackground?.();
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
    },
  };
}
