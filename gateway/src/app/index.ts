import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sendBody, sendText } from "../ide/index.js";

/*
 * The Console (console/, React + Vite), served by the gateway at APP_PATH from its build output:
 * index.html for every page path (the app routes in the browser), hashed files under assets/
 * cached for good. The build is made by `npm start` (console/build) when missing or stale.
 */

export const APP_PATH = "/app";
export const DEFAULT_APP_DIR = fileURLToPath(new URL("../../../console/dist", import.meta.url));

export interface AppOptions {
  /** The Vite build output (index.html, assets/). */
  dir: string;
  /** What the sign-in screen needs to know before any token exists. */
  session: AppSession;
}

/** `none`: every caller is the local user with these roles (embedded demo); `jwt`: bearer tokens. */
export type AppSession = { authMode: "none"; userId: string; roles: string[] } | { authMode: "jwt"; anonymousRead: boolean };

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

interface File { body: Buffer; etag: string; contentType: string }

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
  ".png": "image/png",
};

/** Everything from the gateway's own origin; no inline script or style, nothing from elsewhere. */
export function appContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Queries by fetch, subscriptions by graphql-ws, both to this origin.
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function readBuild(dir: string): Map<string, File> {
  const files = new Map<string, File>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && TYPES[extname(entry.name)]) {
        const body = readFileSync(path);
        const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
        files.set(relative(dir, path).split(sep).join("/"), { body, etag, contentType: TYPES[extname(entry.name)]! });
      }
    }
  };
  walk(dir);
  return files;
}

export function createAppHandler(options: AppOptions): AppHandler {
  // The build is read once and again whenever index.html changes (a rebuild while the gateway runs).
  let cache: { stamp: number; files: Map<string, File> } | undefined;
  const build = (): Map<string, File> | undefined => {
    let stamp: number;
    try {
      stamp = statSync(join(options.dir, "index.html")).mtimeMs;
    } catch {
      return undefined;
    }
    if (cache?.stamp !== stamp) cache = { stamp, files: readBuild(options.dir) };
    return cache.files;
  };
  const sessionBody = Buffer.from(JSON.stringify(options.session));
  const headers = { "cross-origin-resource-policy": "same-origin" };

  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== APP_PATH && !url.pathname.startsWith(`${APP_PATH}/`)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed", { allow: "GET, HEAD" });
    if (url.pathname === APP_PATH) {
      res.statusCode = 308;
      res.setHeader("location", `${APP_PATH}/`);
      res.end();
      return true;
    }
    const name = url.pathname.slice(APP_PATH.length + 1);
    if (name === "session.json") {
      return sendBody(req, res, { body: sessionBody }, { "content-type": TYPES[".json"]!, "cache-control": "no-store" });
    }
    const files = build();
    if (!files) return sendText(res, 503, "The Console is not built: `npm start` builds it, or run `npm run build -w @matchgraph/console`.");
    const asset = name.startsWith("assets/") ? files.get(name) : undefined;
    if (name.startsWith("assets/")) {
      if (!asset) return sendText(res, 404, "Not found");
      // Vite names every asset by its content hash.
      return sendBody(req, res, asset, { ...headers, "content-type": asset.contentType, "cache-control": "public, max-age=31536000, immutable" });
    }
    const file = files.get(name);
    if (file && name !== "index.html") return sendBody(req, res, file, { ...headers, "content-type": file.contentType, "cache-control": "no-cache" });
    // Any other path is a screen of the app: its page.
    const page = files.get("index.html")!;
    return sendBody(req, res, page, {
      "content-type": page.contentType,
      "cache-control": "no-cache",
      "content-security-policy": appContentSecurityPolicy(),
      "cross-origin-opener-policy": "same-origin",
      "x-frame-options": "DENY",
    });
  };
}
