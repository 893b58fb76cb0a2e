import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/env.js";
import { signToken, startTestPlatform, type TestPlatform } from "../src/harness.js";

/** Debian's Chromium (Playwright's browser download does not work here); CI installs it in .ci/run. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const RESULTS = join(REPO_ROOT, "test-results");
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

const CREATE_OPPORTUNITY = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`;
const opportunity = (companyName: string) => ({
  source: "APN",
  externalId: `IDE-${Math.random().toString(36).slice(2, 10)}`,
  companyName,
  title: "Data platform migration",
  description: "Moves the warehouse to a managed service",
});

/** A browser page on the IDE that can reach nothing but the gateway, with what it tried and broke. */
interface IdePage {
  page: Page;
  context: BrowserContext;
  /** Every request (HTTP or WebSocket) the page attempted to anywhere but the gateway's origin. */
  outside: string[];
  /** Same-origin URLs the page loaded. */
  loaded: string[];
  pageErrors: string[];
  cspViolations(): Promise<string[]>;
}

describe("GraphiQL served by the gateway", () => {
  let t: TestPlatform;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    // No silent skip: without a browser this suite fails.
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    t = await startTestPlatform("pglite");
    origin = new URL(t.platform.url).origin;
    mkdirSync(RESULTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openIde(): Promise<IdePage> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const outside: string[] = [];
    const loaded: string[] = [];
    const pageErrors: string[] = [];
    // The browser is offline: only the gateway's own origin answers, anything else is refused and recorded.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        loaded.push(url);
        return route.continue();
      }
      outside.push(url);
      return route.abort("internetdisconnected");
    });
    await context.routeWebSocket(
      () => true,
      (ws) => {
        if (new URL(ws.url()).host === new URL(origin).host) return void ws.connectToServer();
        outside.push(ws.url());
        return void ws.close();
      },
    );
    await context.addInitScript({
      content: `window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample));`,
    });
    const page = await context.newPage();
    page.on("pageerror", (err) => pageErrors.push(err.message));
    return { page, context, outside, loaded, pageErrors, cspViolations: async () => (await page.evaluate("window.__cspViolations")) as string[] };
  }

  /** Replaces an editor's text by typing into it (CodeMirror 5 in graphiql 3). */
  async function setEditor(page: Page, editor: string, text: string) {
    await page.locator(`${editor} .CodeMirror`).click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(text);
  }
  const QUERY_EDITOR = ".graphiql-query-editor";
  const HEADERS_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden)";
  const response = (page: Page) => page.locator(".graphiql-response").innerText();
  const execute = (page: Page) => page.locator(".graphiql-execute-button").click();
  const STOP_BUTTON = '.graphiql-execute-button[aria-label^="Stop"]';

  it("serves the page to browsers only, and its files from installed packages with a strict CSP", async () => {
    const res = await fetch(t.platform.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<style>|\bstyle=/);
    const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&"), t.platform.url));
    expect(links.map((u) => u.pathname).sort()).toEqual(
      [
        "/ide/app.css",
        "/ide/app.js",
        "/ide/favicon.svg",
        "/ide/graphiql.min.css",
        "/ide/graphiql.min.js",
        "/ide/graphql-ws.min.js",
        "/ide/react-dom.production.min.js",
        "/ide/react.production.min.js",
      ],
    );
    for (const url of links) {
      expect(url.origin).toBe(origin);
      const asset = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      expect(asset.status, url.pathname).toBe(200);
      const type = url.pathname.endsWith(".js") ? "text/javascript" : url.pathname.endsWith(".css") ? "text/css" : "image/svg+xml";
      expect(asset.headers.get("content-type")).toContain(type);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
      const etag = asset.headers.get("etag")!;
      expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    }
    // An unversioned link revalidates; nothing outside the list of files is served.
    expect((await fetch(`${origin}/ide/app.js`)).headers.get("cache-control")).toBe("no-cache");
    for (const path of ["/ide/package.json", "/ide/../package.json", "/ide/%2e%2e/gateway/package.json", "/ide/"]) {
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    }
    // JSON clients and GET operations still reach GraphQL, authenticated.
    const json = await fetch(t.platform.url, { headers: { accept: "application/json, text/html" } });
    expect(json.headers.get("content-type")).not.toContain("text/html");
    const forged = await fetch(`${t.platform.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: BROWSER_ACCEPT, authorization: "Bearer forged", "apollo-require-preflight": "1" },
    });
    expect(forged.status).toBe(401);
  });

  it("runs a query and a subscription in a browser without internet, with the token from the headers editor", async () => {
    const marker = `Initech IDE ${Date.now()}`;
    const created = await t.gql<{ createOpportunity: { id: string } }>(CREATE_OPPORTUNITY, { input: opportunity(marker) });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createOpportunity.id;

    const ide = await openIde();
    const { page } = ide;
    try {
      await page.goto(t.platform.url);
      await page.locator(".graphiql-container").waitFor();
      // The schema arrived by introspection: the docs explorer lists the root types.
      await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
      await expect.poll(() => page.locator(".graphiql-doc-explorer").innerText(), { timeout: 20_000 }).toContain("Subscription");

      // 1. A query, anonymous (the gateway allows anonymous reads here; the headers editor's
      //    "Bearer " template without a token is not sent).
      await setEditor(page, QUERY_EDITOR, `{ opportunity(id: "${id}") { companyName title } }`);
      await execute(page);
      await expect.poll(() => response(page), { timeout: 20_000 }).toContain(marker);

      // 2. A forged token in the headers editor goes with HTTP requests and the WebSocket alike.
      await setEditor(page, HEADERS_EDITOR, `{ "Authorization": "Bearer forged.token.value" }`);
      await execute(page);
      await expect.poll(() => response(page), { timeout: 20_000 }).toContain("UNAUTHENTICATED");
      await setEditor(page, QUERY_EDITOR, `subscription { opportunityUpserted { id companyName } }`);
      await execute(page);
      await expect.poll(() => response(page), { timeout: 20_000 }).toMatch(/Socket closed with event 4403/);

      // 3. A valid token: the subscription runs over graphql-ws and shows an event that a mutation
      //    through the harness triggers.
      const writer = await signToken(["writer"], "ide-user");
      await setEditor(page, HEADERS_EDITOR, `{ "Authorization": "Bearer ${writer}" }`);
      await execute(page);
      await page.locator(STOP_BUTTON).waitFor();
      const eventName = `Globex IDE ${Date.now()}`;
      // graphql-ws does not say when a subscription is live: mutate until the event shows.
      const deadline = Date.now() + 30_000;
      let shown = "";
      while (!shown.includes(eventName) && Date.now() < deadline) {
        const res = await t.gql(CREATE_OPPORTUNITY, { input: opportunity(eventName) });
        expect(res.errors).toBeUndefined();
        await page.waitForTimeout(500);
        shown = await response(page);
      }
      expect(shown).toContain(eventName);
      expect(shown).toContain("opportunityUpserted");
      await page.screenshot({ path: join(RESULTS, "ide.png") });
      await page.locator(STOP_BUTTON).click();

      // Tokens stay out of localStorage (GraphiQL's history would keep them).
      const stored = String(await page.evaluate("JSON.stringify(Object.assign({}, localStorage))"));
      expect(stored).toContain("opportunityUpserted");
      expect(stored).not.toContain(writer);
      expect(stored).not.toContain("forged.token.value");

      expect(ide.outside, "requests that left the gateway's origin").toEqual([]);
      expect(await ide.cspViolations()).toEqual([]);
      expect(ide.pageErrors).toEqual([]);
      for (const file of ["/ide/graphiql.min.js", "/ide/graphql-ws.min.js", "/ide/react.production.min.js", "/ide/react-dom.production.min.js", "/ide/graphiql.min.css", "/ide/app.js"]) {
        expect(ide.loaded.some((url) => new URL(url).pathname === file), file).toBe(true);
      }
    } catch (err) {
      await page.screenshot({ path: join(RESULTS, "ide-failure.png") }).catch(() => undefined);
      throw err;
    } finally {
      await ide.context.close();
    }
  });
});
