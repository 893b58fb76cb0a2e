import { createHash } from "node:crypto";

/** Where the IDE's files are served; the page links them relative to itself (`ide/...`). */
export const IDE_ASSET_PREFIX = "/ide/";

/** The style attributes in CodeMirror 5's jump-to-line dialog (graphiql 3 bundles it). */
const CODEMIRROR_DIALOG_STYLES = ["width: 10em", "color: #888"];
const sha256Source = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The page's Content-Security-Policy: everything from the gateway's own origin, no inline script,
 * nothing from anywhere else. Each exception is one that graphiql 3 itself needs.
 */
export function ideContentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'none'",
    // Scripts only from the gateway: the page has no inline script, its settings are data attributes.
    "script-src 'self'",
    // Style sheets from the gateway, plus the <style> elements that GraphiQL's dialogs add at run
    // time (react-remove-scroll-bar hides the page's scroll bar with a computed rule). That code
    // puts `__webpack_nonce__` on its elements; app.js sets it to this response's nonce.
    `style-src 'self' 'nonce-${styleNonce}'`,
    // CodeMirror's jump-to-line dialog (Alt-G) is markup with two style="" attributes: those two
    // values, by hash, and no other inline style attribute.
    `style-src-attr 'unsafe-hashes' ${CODEMIRROR_DIALOG_STYLES.map(sha256Source).join(" ")}`,
    // graphiql.min.css embeds its fonts (Roboto, Fira Code) as data: URIs instead of fetching them.
    "font-src 'self' data:",
    // graphiql.min.css draws a few icons as data: PNGs.
    "img-src 'self' data:",
    // Queries by fetch, subscriptions by graphql-ws, both to this origin ('self' covers ws: and
    // wss: to the page's own host in CSP Level 3 browsers).
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export interface IdePageConfig {
  bearerTokens: boolean;
  /** This response's CSP nonce for the <style> elements GraphiQL creates. */
  styleNonce: string;
  /** The page-relative URL of an asset by name, with its content version. */
  asset(name: string): string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The HTML of the GraphiQL page. Settings reach app.js as data attributes (no inline script). */
export function renderIdePage(config: IdePageConfig): string {
  const href = (name: string) => escapeHtml(config.asset(name));
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>matchgraph · GraphiQL</title>
    <link rel="icon" type="image/svg+xml" href="${href("favicon.svg")}">
    <link rel="stylesheet" href="${href("graphiql.min.css")}">
    <link rel="stylesheet" href="${href("app.css")}">
  </head>
  <body>
    <div id="graphiql" data-bearer-tokens="${config.bearerTokens ? "true" : "false"}" data-style-nonce="${escapeHtml(config.styleNonce)}">
      <noscript>GraphiQL needs JavaScript. The GraphQL endpoint itself answers POST requests on this URL.</noscript>
    </div>
    <script src="${href("react.production.min.js")}"></script>
    <script src="${href("react-dom.production.min.js")}"></script>
    <script src="${href("graphiql.min.js")}"></script>
    <script src="${href("graphql-ws.min.js")}"></script>
    <script src="${href("app.js")}"></script>
  </body>
</html>
`;
}
