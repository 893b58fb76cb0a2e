import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { IDE_ASSET_PREFIX, ideContentSecurityPolicy, renderIdePage } from "./page.js";

export { IDE_ASSET_PREFIX, ideContentSecurityPolicy } from "./page.js";

/*
 * GraphiQL, served by the gateway itself: the page at the GraphQL path for browsers, and every
 * file it loads from installed packages (the UMD builds of graphiql 3, React 18 and graphql-ws)
 * or from this folder, so the IDE works without internet and without a build step.
 */

export interface IdeOptions {
  /** The path the page answers on, and the page's endpoint (HTTP and graphql-ws). */
  graphqlPath: string;
  /** The gateway verifies bearer tokens (AUTH_MODE=jwt): the page offers the Authorization header. */
  bearerTokens: boolean;
}

/** Answers the request when it is the IDE's (true), or leaves it alone (false). */
export type IdeHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  contentType: string;
  etag: string;
  /** First 12 hex digits of the content's SHA-256: the page links `name?v=<version>`. */
  version: string;
}

const require = createRequire(import.meta.url);
/** A file inside an installed package (the files served are not in the packages' "exports"). */
const fromPackage = (pkg: string, file: string) => () => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const ownFile = (name: string) => () => fileURLToPath(new URL(`./${name}`, import.meta.url));

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** Every file the IDE serves, by the name under IDE_ASSET_PREFIX. Nothing else is served from disk. */
const ASSET_FILES: Record<string, { path: () => string; contentType: string }> = {
  "react.production.min.js": { path: fromPackage("react", "umd/react.production.min.js"), contentType: JS },
  "react-dom.production.min.js": { path: fromPackage("react-dom", "umd/react-dom.production.min.js"), contentType: JS },
  "graphiql.min.js": { path: fromPackage("graphiql", "graphiql.min.js"), contentType: JS },
  "graphiql.min.css": { path: fromPackage("graphiql", "graphiql.min.css"), contentType: CSS },
  // graphiql.min.js ends with `sourceMappingURL=index.umd.js.map`; developer tools ask for it.
  "index.umd.js.map": { path: fromPackage("graphiql", "graphiql.min.js.map"), contentType: "application/json; charset=utf-8" },
  "graphql-ws.min.js": { path: fromPackage("graphql-ws", "umd/graphql-ws.min.js"), contentType: JS },
  "app.js": { path: ownFile("app.js"), contentType: JS },
  "app.css": { path: ownFile("app.css"), contentType: CSS },
  "favicon.svg": { path: ownFile("favicon.svg"), contentType: "image/svg+xml" },
};

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";
const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

export function createIdeHandler(options: IdeOptions): IdeHandler {
  // Each file is read when first asked for (the page asks for its links' versions) and kept in
  // memory: about 1.6 MB for what the page loads, plus graphiql's source map if developer tools ask.
  const assets = new Map<string, Asset>();
  const loadAsset = (name: string): Asset | undefined => {
    const cached = assets.get(name);
    if (cached) return cached;
    const file = Object.hasOwn(ASSET_FILES, name) ? ASSET_FILES[name] : undefined;
    if (!file) return undefined;
    const body = readFileSync(file.path());
    const version = createHash("sha256").update(body).digest("hex").slice(0, 12);
    const asset = { body, contentType: file.contentType, version, etag: `"${version}"` };
    assets.set(name, asset);
    return asset;
  };

  const renderPage = (styleNonce: string): Buffer => {
    const asset = (name: string) => {
      const file = loadAsset(name);
      if (!file) throw new Error(`The IDE page links an unknown asset ${name}`);
      return `${IDE_ASSET_PREFIX.slice(1)}${name}?v=${file.version}`;
    };
    return Buffer.from(renderIdePage({ bearerTokens: options.bearerTokens, styleNonce, asset }), "utf8");
  };

  const handle: IdeHandler = (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const readOnly = req.method === "GET" || req.method === "HEAD";
    if (url.pathname.startsWith(IDE_ASSET_PREFIX)) {
      if (!readOnly) return sendText(res, 405, "Method not allowed", { allow: "GET, HEAD" });
      const asset = loadAsset(url.pathname.slice(IDE_ASSET_PREFIX.length));
      if (!asset) return sendText(res, 404, "Not found");
      // A link with the current content's version may be cached for good; any other asks again.
      const cacheControl = url.searchParams.get("v") === asset.version ? IMMUTABLE : REVALIDATE;
      return sendBody(req, res, asset, { "content-type": asset.contentType, "cache-control": cacheControl, "cross-origin-resource-policy": "same-origin" });
    }
    if (url.pathname !== options.graphqlPath || !readOnly) return false;
    // A GET with an operation is GraphQL over HTTP, whatever its Accept header says.
    if (url.searchParams.has("query") || url.searchParams.has("extensions")) return false;
    if (!prefersHtml(req.headers.accept)) return false;
    // A fresh nonce for every response, so the page itself is never cached.
    const styleNonce = randomBytes(16).toString("base64");
    return sendBody(req, res, { body: renderPage(styleNonce) }, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": ideContentSecurityPolicy(styleNonce),
      "cross-origin-opener-policy": "same-origin",
      "x-frame-options": "DENY",
      vary: "accept",
    });
  };
  return (req, res) => {
    try {
      return handle(req, res);
    } catch {
      // A missing package file must not take the gateway down: the IDE answers 500, GraphQL goes on.
      if (res.headersSent) res.end();
      else sendText(res, 500, "The IDE cannot be served: its files are missing on this server");
      return true;
    }
  };
}

/**
 * True when the Accept header ranks text/html above JSON (a browser's navigation), as Apollo
 * Server decided for its landing page; `application/json, text/html` stays a JSON client.
 */
export function prefersHtml(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(",") : (accept ?? "");
  let html: { q: number; index: number } | undefined;
  let json: { q: number; index: number } | undefined;
  header.split(",").forEach((part, index) => {
    const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) return;
    if (type === "text/html") html = { q, index };
    else if ((type === "application/json" || type === "application/graphql-response+json") && (!json || q > json.q)) json = { q, index };
  });
  if (!html || html.q <= 0) return false;
  if (!json || json.q <= 0) return true;
  return html.q > json.q || (html.q === json.q && html.index < json.index);
}

export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  entity: { body: Buffer; etag?: string; gzipped?: Buffer },
  headers: Record<string, string>,
): true {
  const compressible = entity.body.length > 1024 && !headers["content-type"]?.startsWith("image/");
  for (const [name, value] of Object.entries({ ...COMMON_HEADERS, ...headers })) res.setHeader(name, value);
  if (entity.etag) res.setHeader("etag", entity.etag);
  if (compressible) res.setHeader("vary", [headers.vary, "accept-encoding"].filter(Boolean).join(", "));
  if (entity.etag && etagMatches(req.headers["if-none-match"], entity.etag)) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  let body = entity.body;
  if (compressible && /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""))) {
    entity.gzipped ??= gzipSync(entity.body);
    body = entity.gzipped;
    res.setHeader("content-encoding", "gzip");
  }
  res.statusCode = 200;
  res.setHeader("content-length", String(body.length));
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): true {
  res.statusCode = status;
  for (const [name, value] of Object.entries({ ...COMMON_HEADERS, ...headers, "content-type": "text/plain; charset=utf-8" })) res.setHeader(name, value);
  res.end(text);
  return true;
}
