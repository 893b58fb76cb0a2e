import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { HealthResponse } from "../api-types.js";
import type { Logger } from "../logger.js";
import type { RuntimeMetrics } from "../metrics.js";
import { readJsonBody } from "./body.js";
import { handleEmbeddings, type EmbeddingLimits } from "./embeddings-route.js";
import { handleChatCompletions } from "./chat-route.js";
import { HttpError, sendError, sendJson, unavailable } from "./errors.js";
import { requestIdHeader, requestIdOf } from "./request-id.js";
import { currentStatus, type RuntimeState } from "./state.js";
import { handleTabularRoute, tabularRouteLabel, type TabularRouteDeps } from "../tabular/routes.js";

export interface HttpDeps {
  state: RuntimeState;
  metrics: RuntimeMetrics;
  logger: Logger;
  limits: EmbeddingLimits & { maxBodyBytes: number };
  /** Tabular models (/v1/models/{name}/…); absent: those routes answer 503. */
  tabular?: TabularRouteDeps;
}

type Handler = (req: IncomingMessage, res: ServerResponse, deps: HttpDeps) => Promise<void>;

const routes: Record<string, Partial<Record<string, Handler>>> = {
  "/v1/embeddings": {
    POST: async (req, res, deps) => {
      const body = await readJsonBody(req, deps.limits.maxBodyBytes);
      sendJson(res, 200, await handleEmbeddings(body, deps.state, deps.limits));
    },
  },
  "/v1/chat/completions": {
    POST: async (req, res, deps) => {
      const body = await readJsonBody(req, deps.limits.maxBodyBytes);
      await handleChatCompletions(req, res, body, deps.state);
    },
  },
  "/v1/models": {
    GET: async (_req, res, { state }) => {
      const ids = state.engine ? [...state.engine.models.keys()] : [];
      const generation = [...(state.generation?.engine.models.values() ?? [])];
      sendJson(res, 200, {
        object: "list",
        data: [
          ...ids.map((id) => ({ id, object: "model", created: 0, owned_by: "matchgraph", kind: "embedding" })),
          ...generation.map((m) => ({ id: m.id, object: "model", created: 0, owned_by: "matchgraph", kind: "generation", status: m.status })),
          ...(state.tabular?.health() ?? []).map((m) => ({ id: m.name, object: "model", created: 0, owned_by: "matchgraph", kind: "tabular", version: m.version, status: m.status })),
        ],
      });
    },
  },
  "/healthz": {
    GET: async (_req, res, { state }) => {
      const status = currentStatus(state);
      const error = state.engine?.error ?? state.error;
      const body: HealthResponse = {
        status,
        models: [...(state.engine?.models.values() ?? [])].map((m) => ({
          id: m.id,
          dimension: m.dimension,
          executionProvider: m.executionProvider,
          maxLength: m.maxLength,
          path: m.path,
        })),
        defaultModel: state.defaultModel,
        ...(error ? { error: error.message } : {}),
        ...(state.generation
          ? {
              generation: [...state.generation.engine.models.values()].map((m) => ({
                id: m.id,
                kind: "generation" as const,
                status: m.status,
                device: m.device,
                contextSize: m.contextSize,
                path: m.path,
                ...(m.error ? { error: m.error } : {}),
              })),
              defaultGenerationModel: state.generation.defaultModel ?? null,
            }
          : {}),
        ...(state.tabular ? { tabular: state.tabular.health() } : {}),
      };
      sendJson(res, status === "ok" ? 200 : 503, body);
    },
  },
  "/metrics": {
    GET: async (_req, res, { metrics }) => {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { "content-type": metrics.registry.contentType });
      res.end(text);
    },
  },
};

/** Routes that are polled; logged at debug so they do not drown the request log. */
const quietRoutes = new Set(["/healthz", "/metrics"]);

/** Tracks responses in progress so that close() can let them finish. */
export class InFlight {
  private readonly responses = new Set<ServerResponse>();
  private waiters: Array<() => void> = [];

  track(res: ServerResponse): void {
    this.responses.add(res);
    // "close" comes after the response is fully written, or when the client goes away.
    res.once("close", () => {
      this.responses.delete(res);
      if (this.responses.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
    });
  }

  /** Asks every unfinished response to close its connection once sent. */
  closeConnectionsAfterResponse(): void {
    for (const res of this.responses) if (!res.headersSent) res.setHeader("connection", "close");
  }

  idle(): Promise<void> {
    return this.responses.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

export function createHttpServer(deps: HttpDeps, inFlight: InFlight, isClosing: () => boolean): Server {
  return createServer((req, res) => {
    inFlight.track(res);
    void handle(req, res, deps, isClosing);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpDeps, isClosing: () => boolean): Promise<void> {
  const started = performance.now();
  const reqId = requestIdOf(req);
  res.setHeader(requestIdHeader, reqId);
  const path = (req.url ?? "/").split("?")[0];
  const method = req.method ?? "GET";
  const route = routes[path] ? path : (tabularRouteLabel(path) ?? "unmatched");
  const log = deps.logger.child({ reqId });
  let errorMessage: string | undefined;
  try {
    if (isClosing()) {
      res.setHeader("connection", "close");
      throw unavailable("The ml-runtime is shutting down.", "shutting_down");
    }
    const handler = routes[path]?.[method];
    if (!routes[path] && (await handleTabularRoute(req, res, path, method, deps.tabular))) return;
    if (!routes[path]) throw new HttpError(404, `No route ${method} ${path}.`, "invalid_request_error", "not_found");
    if (!handler) {
      res.setHeader("allow", Object.keys(routes[path]).join(", "));
      throw new HttpError(405, `${method} is not allowed on ${path}.`, "invalid_request_error", "method_not_allowed");
    }
    await handler(req, res, deps);
  } catch (err) {
    const httpError = err instanceof HttpError ? err : new HttpError(500, "Internal server error.", "server_error", "internal_error");
    if (!(err instanceof HttpError)) log.error({ err }, "request failed");
    errorMessage = httpError.message;
    if (!res.headersSent) sendError(res, httpError);
    else res.destroy();
  } finally {
    const status = res.statusCode;
    deps.metrics.httpRequests.inc({ route, method, status: String(status) });
    const level = quietRoutes.has(path) && status < 400 ? "debug" : status >= 500 ? "error" : "info";
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    log[level]({ method, url: req.url, route, status, durationMs, error: errorMessage }, "request completed");
  }
}
