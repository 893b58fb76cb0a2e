import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdeHandler, prefersHtml } from "../src/ide/index.js";

describe("prefersHtml", () => {
  it.each([
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true],
    ["text/html", true],
    ["application/json, text/html", false],
    ["text/html, application/json", true],
    ["application/json;q=0.5, text/html;q=0.9", true],
    ["text/html;q=0", false],
    ["application/graphql-response+json, text/html;q=0.9", false],
    ["*/*", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});

describe("IDE handler", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const serveIde = createIdeHandler({ graphqlPath: "/graphql", bearerTokens: true });
    server = createServer((req, res) => {
      if (serveIde(req, res)) return;
      res.statusCode = 418; // what the gateway's GraphQL handler would answer
      res.end("graphql");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const page = () => fetch(`${base}/graphql`, { headers: { accept: "text/html" } });

  it("answers browsers on the GraphQL path and leaves operations and JSON clients to GraphQL", async () => {
    const res = await page();
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-bearer-tokens="true"');
    expect((await fetch(`${base}/graphql?query={__typename}`, { headers: { accept: "text/html" } })).status).toBe(418);
    expect((await fetch(`${base}/graphql?extensions={}`, { headers: { accept: "text/html" } })).status).toBe(418);
    expect((await fetch(`${base}/graphql`, { headers: { accept: "application/json" } })).status).toBe(418);
    expect((await fetch(`${base}/graphql`, { method: "POST", headers: { accept: "text/html" } })).status).toBe(418);
    expect((await fetch(`${base}/other`, { headers: { accept: "text/html" } })).status).toBe(418);
  });

  it("gives every page a fresh style nonce, matched by its CSP, and no inline script", async () => {
    const [a, b] = await Promise.all([page(), page()]);
    const nonce = async (res: Response) => {
      const html = await res.text();
      const inPage = /data-style-nonce="([^"]+)"/.exec(html)?.[1];
      expect(res.headers.get("content-security-policy")).toContain(`style-src 'self' 'nonce-${inPage}'`);
      expect(html).not.toMatch(/<script>|<style|\sstyle=/);
      return inPage;
    };
    expect(await nonce(a)).not.toBe(await nonce(b));
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'; /);
    expect(csp).toContain("style-src-attr 'unsafe-hashes' 'sha256-");
    expect(csp).not.toContain("unsafe-inline");
    expect(a.headers.get("cache-control")).toBe("no-store");
    expect(a.headers.get("x-frame-options")).toBe("DENY");
  });

  it("serves only its listed files, with versions, ETags, gzip and HEAD", async () => {
    const html = await (await page()).text();
    const src = /src="(ide\/graphiql\.min\.js\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const js = await fetch(`${base}/${src}`, { headers: { "accept-encoding": "gzip" } });
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(js.headers.get("vary")).toContain("accept-encoding");
    const body = await js.text(); // fetch decodes gzip
    expect(body).toContain("GraphiQL");
    expect((await fetch(`${base}/${src}`, { headers: { "if-none-match": js.headers.get("etag")! } })).status).toBe(304);
    expect((await fetch(`${base}/ide/graphiql.min.js?v=old`)).headers.get("cache-control")).toBe("no-cache");

    const head = await fetch(`${base}/ide/app.js`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");

    for (const path of ["/ide/", "/ide/package.json", "/ide/index.ts", "/ide/..%2fpackage.json", "/ide/app.js/", "/ide/constructor", "/ide/__proto__", "/ide/hasOwnProperty"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/ide/app.js`, { method: "POST" })).status).toBe(405);
  });

  it("compresses with gzip only when asked", async () => {
    const res = await fetch(`${base}/ide/graphiql.min.css`, { headers: { "accept-encoding": "identity" } });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const { request } = await import("node:http");
    const gz = await new Promise<Buffer>((resolve, reject) => {
      request(`${base}/ide/graphiql.min.css`, { headers: { "accept-encoding": "gzip" } }, (r) => {
        expect(r.headers["content-encoding"]).toBe("gzip");
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
      })
        .on("error", reject)
        .end();
    });
    expect(gunzipSync(gz).toString("utf8")).toBe(await res.text());
  });
});
