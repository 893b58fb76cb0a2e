import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from "urql";
import type { Viewer } from "./auth.js";

export const GRAPHQL_PATH = "/graphql";

/** One urql client per signed-in viewer: queries and mutations over HTTP POST, subscriptions over graphql-ws, both to this origin. */
export interface GraphClient {
  client: Client;
  /** Calls `listener` each time the WebSocket connects again after a drop (events in between were missed); returns an unsubscribe. */
  onReconnected(listener: () => void): () => void;
  dispose(): void;
}

export function createGraphClient(viewer: Viewer, onUnauthenticated: () => void): GraphClient {
  const reconnected = new Set<() => void>();
  let connections = 0;
  const authorization = viewer.token ? `Bearer ${viewer.token}` : undefined;
  const wsUrl = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${GRAPHQL_PATH}`;
  const ws: WsClient = createWsClient({
    url: wsUrl,
    lazy: true,
    retryAttempts: 5,
    connectionParams: authorization ? { authorization } : {},
    on: {
      connected: () => {
        if (connections++ > 0) for (const listener of reconnected) listener();
      },
      closed: (event) => {
        // 4401: the token expired (gateway WS_TOKEN_EXPIRED).
        if ((event as CloseEvent | undefined)?.code === 4401) onUnauthenticated();
      },
    },
  });
  const client = new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({ headers: authorization ? { authorization } : {} }),
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (res.status === 401) onUnauthenticated();
      return res;
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    onReconnected: (listener) => {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
    dispose: () => void ws.dispose(),
  };
}
