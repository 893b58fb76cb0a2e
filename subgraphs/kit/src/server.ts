import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Database } from "@matchgraph/db";
import type { EmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createContext, type LoaderRegistry, type SubgraphContext } from "./context.js";
import { formatError } from "./errors.js";
import { handleGraphQL, headerValue, HttpError, MAX_BODY_BYTES, sendJson } from "./http.js";
import { IDENTITY_HEADER, verifyIdentity } from "./identity.js";
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
 * plus /healthz and /metrics. Each request's context carries the gateway's request id and the
 * identity the gateway signed.
 */
export async function serveSubgraph(
  def: SubgraphDefinition,
  services: SubgraphServices,
  listen: { port: number; host: string },
): Promise<RunningService> {
  const log = services.log;
  const metrics = createMetrics(def.name, false);

  // A subscription keeps one context for its lifetime; its loaders are cleared after every
  // event so that each event reads fresh rows.
  const subscriptionLoaders = new WeakMap<SubgraphContext, LoaderRegistry>();
  const buildContext = async (requestId: string | undefined, identityToken: string | undefined): Promise<SubgraphContext> => {
    const id = requestId && requestId.length <= 128 ? requestId : randomUUID();
    const { ctx, loaders } = createContext({ ...services, log }, id, await verifyIdentity(identityToken, services.identitySecret));
    subscriptionLoaders.set(ctx, loaders);
    return ctx;
  };

  const apollo = new ApolloServer<SubgraphContext>({
    schema: def.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Inline tracing only feeds Apollo Studio, which this platform does not use.
    plugins: [operationMetricsPlugin(metrics), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const httpServer: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const done = (err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) log.error({ err }, "request failed");
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: err instanceof HttpError ? err.message : "Internal server error" }] });
      else res.end();
    };
    if (path === "/healthz") return sendJson(res, 200, { status: "ok", service: def.name });
    if (path === "/metrics") return void sendMetrics(res, metrics.registry).catch(done);
    if (path !== "/graphql") return sendJson(res, 404, { error: "not found" });
    handleGraphQL(apollo, req, res, () =>
      buildContext(headerValue(req.headers[REQUEST_ID_HEADER]), headerValue(req.headers[IDENTITY_HEADER])),
    ).catch(done);
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema: def.schema,
      context: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const str = (v: unknown) => (typeof v === "string" ? v : undefined);
        return buildContext(str(params[REQUEST_ID_HEADER]), str(params[IDENTITY_HEADER]));
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
