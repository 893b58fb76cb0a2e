import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppHandler } from "../src/app/index.js";

describe("Console handler (/app)", () => {
  let server: Server;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mg-app-"));
    const serveApp = createAppHandler({ dir, session: { authMode: "none", userId: "local", roles: ["reader"] } });
    server = createServer((req, res) => {
      if (serveApp(req, res)) return;
      res.statusCode = 418;
      res.end("not the app");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 with what to do until the Console is built, and the session at once", async () => {
    const res = await fetch(`${base}/app/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build -w @matchgraph\/console/);
    expect(await (await fetch(`${base}/app/session.json`)).json()).toEqual({ authMode: "none", userId: "local", roles: ["reader"] });
    expect((await fetch(`${base}/graphql`)).status).toBe(418);
    expect((await fetch(`${base}/application`)).status).toBe(418);
  });

  it("serves the page for every screen with its CSP, hashed assets for good, nothing else from disk", async () => {
    mkdirSync(join(dir, "assets"), { recursive: true });
    writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
    writeFileSync(join(dir, "secret.txt"), "no");
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>v1</title>");
    const page = await fetch(`${base}/app/review`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain("v1");
    expect((await fetch(`${base}/app`, { redirect: "manual" })).headers.get("location")).toBe("/app/");
    const asset = await fetch(`${base}/app/assets/index-abc123.js`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect((await fetch(`${base}/app/assets/index-abc123.js`, { headers: { "if-none-match": asset.headers.get("etag")! } })).status).toBe(304);
    expect((await fetch(`${base}/app/assets/other.js`)).status).toBe(404);
    // .txt is not a type the build makes: the path is a screen, answered with the page.
    expect(await (await fetch(`${base}/app/secret.txt`)).text()).toContain("v1");
    expect((await fetch(`${base}/app/review`, { method: "POST" })).status).toBe(405);
    // A rebuild while the gateway runs is picked up.
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>v2</title>");
    utimesSync(join(dir, "index.html"), new Date(), new Date(Date.now() + 5000));
    expect(await (await fetch(`${base}/app/`)).text()).toContain("v2");
  });
});
