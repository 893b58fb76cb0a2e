/* global window, document, location, URL, React, ReactDOM, GraphiQL, graphqlWs */
// Starts GraphiQL (the UMD builds of graphiql 3 and graphql-ws, loaded before this file) against
// the GraphQL endpoint this page came from: queries and mutations by HTTP POST, subscriptions by
// graphql-ws on the same path. The headers editor's headers go with both: as HTTP headers, and as the
// WebSocket's connectionParams (where the gateway reads `authorization`).
(function () {
  "use strict";

  var container = document.getElementById("graphiql");
  var bearerTokens = container.getAttribute("data-bearer-tokens") === "true";
  // GraphiQL's dialogs add <style> elements (react-remove-scroll-bar) and give them this global's
  // value as their nonce: the page's Content-Security-Policy allows styles with this response's nonce.
  window.__webpack_nonce__ = container.getAttribute("data-style-nonce");

  var endpoint = new URL(location.pathname, location.href);
  var socket = new URL(endpoint.href);
  socket.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";

  var TOKEN_TEMPLATE = "Bearer ";

  /**
   * Header names in lower case (the gateway reads connectionParams.authorization, and HTTP does
   * not care); an Authorization header without a token (the template) is left out, so anonymous
   * reads work where the gateway allows them.
   */
  function normaliseHeaders(headers) {
    var out = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      if (value === undefined || value === null) return;
      out[name.toLowerCase()] = String(value);
    });
    if (out.authorization !== undefined && /^\s*(bearer)?\s*$/i.test(out.authorization)) delete out.authorization;
    return out;
  }

  // Queries and mutations: GraphiQL's own HTTP fetcher (POST, JSON).
  var httpFetcher = GraphiQL.createFetcher({ url: endpoint.href });

  // Subscriptions: a graphql-ws client (graphql-ws's UMD build) whose connectionParams are the
  // headers. A new set of headers gets a new client; the old one is closed.
  var socketClient = null;
  function clientFor(headers) {
    var key = JSON.stringify(headers);
    if (socketClient && socketClient.key === key) return socketClient.client;
    if (socketClient) socketClient.client.dispose();
    var client = graphqlWs.createClient({
      url: socket.href,
      connectionParams: headers,
      retryAttempts: 3,
      // 4403: the gateway refused the connection (a bad or missing token); asking again won't help.
      shouldRetry: function (event) {
        return !(event && typeof event.code === "number" && event.code === 4403);
      },
    });
    socketClient = { key: key, client: client };
    return client;
  }

  /**
   * Whether the operation to run is a subscription, read from the query text itself: the editor's
   * parsed document (options.documentAST) can lag behind the text by a keystroke or two.
   */
  function isSubscription(params, options) {
    var graphql = GraphiQL.GraphQL;
    var document = options && options.documentAST;
    try {
      document = graphql.parse(params.query);
    } catch {
      // Not valid GraphQL: the server will say why.
    }
    var operation = document ? graphql.getOperationAST(document, params.operationName || undefined) : null;
    return Boolean(operation) && operation.operation === "subscription";
  }

  function socketError(error) {
    if (error && typeof error.code === "number") {
      var hint = error.code === 4403 || error.code === 4401 ? " (check the Authorization header)" : "";
      return new Error(("Socket closed with event " + error.code + " " + (error.reason || "")).trim() + hint);
    }
    if (error && error.type === "error") return new Error("Could not connect to " + socket.href);
    return error; // GraphQL errors from the server: GraphiQL shows them as they are
  }

  function fetcher(params, options) {
    var headers = normaliseHeaders(options && options.headers);
    if (!isSubscription(params, options)) {
      return httpFetcher(params, Object.assign({}, options, { headers: headers }));
    }
    var client = clientFor(headers);
    // An observable: GraphiQL subscribes, shows each result, and unsubscribes on Stop.
    return {
      subscribe: function (sink) {
        var stop = client.subscribe(params, {
          next: function (result) {
            sink.next(result);
          },
          error: function (error) {
            sink.error(socketError(error));
          },
          complete: function () {
            sink.complete();
          },
        });
        return { unsubscribe: stop };
      },
    };
  }

  var defaultQuery = [
    "# matchgraph GraphQL: Ctrl-Enter runs the operation,",
    "# the Docs pane (top left) lists the schema.",
    bearerTokens ? '# This gateway checks JWTs: put yours after "Bearer "' : null,
    bearerTokens ? "# in the Headers tab below." : null,
    "",
    "query {",
    "  opportunities(first: 5) {",
    "    nodes { companyName title amount closeDate }",
    "  }",
    "}",
    "",
    "# Subscriptions run over graphql-ws on this same URL:",
    "# subscription { opportunityUpserted { id companyName } }",
    "",
  ]
    .filter(function (line) {
      return line !== null;
    })
    .join("\n");

  // GraphiQL keeps tabs, history and favourites in localStorage, and its history keeps each run's
  // headers even with shouldPersistHeaders off. This storage drops every "headers" value before
  // writing, so a token never lands on disk; the page's other state persists as usual.
  function withoutHeaders(value) {
    if (Array.isArray(value)) return value.map(withoutHeaders);
    if (value === null || typeof value !== "object") return value;
    var out = {};
    Object.keys(value).forEach(function (key) {
      out[key] = key === "headers" ? null : withoutHeaders(value[key]);
    });
    return out;
  }
  var NAMESPACE = "graphiql:";
  var storage = {
    getItem: function (key) {
      return window.localStorage.getItem(key);
    },
    setItem: function (key, value) {
      if (key === NAMESPACE + "headers") return;
      var stored = value;
      try {
        stored = JSON.stringify(withoutHeaders(JSON.parse(value)));
      } catch {
        // Not JSON (a pane width, a theme name): kept as it is.
      }
      window.localStorage.setItem(key, stored);
    },
    removeItem: function (key) {
      window.localStorage.removeItem(key);
    },
    get length() {
      return Object.keys(window.localStorage).filter(function (key) {
        return key.indexOf(NAMESPACE) === 0;
      }).length;
    },
    clear: function () {
      Object.keys(window.localStorage).forEach(function (key) {
        if (key.indexOf(NAMESPACE) === 0) window.localStorage.removeItem(key);
      });
    },
  };

  var props = {
    fetcher: fetcher,
    defaultQuery: defaultQuery,
    isHeadersEditorEnabled: true,
    // Tokens typed into the headers editor stay in this tab's memory, never in localStorage.
    shouldPersistHeaders: false,
    storage: storage,
  };
  if (bearerTokens) {
    props.defaultHeaders = JSON.stringify({ authorization: TOKEN_TEMPLATE }, null, 2);
    props.defaultEditorToolsVisibility = "headers";
  }

  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, props));
})();
