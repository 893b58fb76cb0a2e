import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { checkScreen, launchConsoleBrowser, openConsole } from "../src/console.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

// A small generated pair of exports (APN windows-1252, Odoo UTF-8 with BOM), quick to embed.
const data = generateMatchingDataset({ odooCount: 20, apnCount: 30, truePairs: 16 });

describe("Console: opportunities (gateway at /app, review queue live between reviewers)", () => {
  let t: TestPlatform;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchConsoleBrowser(), startTestPlatform("pglite")]);
    origin = new URL(t.platform.url).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("serves the app at /app: one page for every screen, hashed files cached for good, a strict CSP", async () => {
    const page = await fetch(`${origin}/app/review`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe");
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<style>|\bstyle=/);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${origin}${script}`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${origin}${script}`, { headers: { "if-none-match": asset.headers.get("etag")! } })).status).toBe(304);
    expect((await fetch(`${origin}/app/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/app/../package.json`)).status).toBe(404);
    expect(await (await fetch(`${origin}/app/session.json`)).json()).toEqual({ authMode: "jwt", anonymousRead: true });
    // GraphQL still needs its token: the app's files are the only thing served without one.
    expect((await fetch(t.platform.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer forged" }, body: '{"query":"{ __typename }"}' })).status).toBe(401);
  });

  it("refuses an expired or unreadable token at sign-in, and offers a reader no decisions", async () => {
    const reader = await t.token(["reader"], "rita");
    const c = await openConsole(browser, t.platform.url, { path: "review" });
    try {
      await c.page.getByLabel("Your access token (JWT)").waitFor();
      expect(await checkScreen(c.page, "sign-in-jwt")).toEqual([]);
      await c.page.getByLabel("Your access token (JWT)").fill("not-a-token");
      await c.page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => c.page.getByRole("alert").innerText()).toMatch(/not a JWT/);
      await c.page.getByLabel("Your access token (JWT)").fill(reader);
      await c.page.getByRole("button", { name: "Sign in" }).click();
      await c.page.getByText("rita").waitFor();
      await c.page.getByRole("heading", { name: "Review queue" }).waitFor();
      expect(await c.page.getByRole("button", { name: /Confirm/ }).count()).toBe(0);
      await expect.poll(() => c.page.locator(".hint").first().innerText()).toMatch(/needs the writer or admin role/);
      // The token stays in the tab's sessionStorage, never localStorage or a cookie.
      expect(await c.page.evaluate("localStorage.length")).toBe(0);
      expect((await c.context.cookies()).length).toBe(0);
      expect(await c.page.evaluate("Object.keys(sessionStorage)")).toEqual(["matchgraph.console.session"]);
    } finally {
      await c.context.close();
    }
    // And the graph refuses what the screen does not offer.
    const forbidden = await t.gql(`mutation { runMatching { id } }`, {}, { token: reader });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("imports an Odoo and an APN export with progress, and any CSV through the mapping editor; statistics and the quality report follow", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "import", token: await t.token(["writer"], "ivan") });
    const { page } = c;
    try {
      const upload = (name: string, buffer: Buffer) => page.getByLabel("APN or Odoo export, or any CSV").setInputFiles({ name, mimeType: "text/csv", buffer });
      const job = page.locator(".job");
      for (const [name, buffer, side, rows] of [["odoo-leads.csv", data.odooCsv, "Odoo", 20], ["apn-opportunities.csv", data.apnCsv, "APN", 30]] as const) {
        await upload(name, buffer);
        await page.getByText(`fits the built-in ${side} map`).waitFor();
        expect(await page.getByLabel(side === "APN" ? "APN opportunities" : "Odoo leads").isChecked()).toBe(true);
        // The preview shows the mapped columns of the first rows.
        expect(await page.locator("table.preview tbody tr").count()).toBe(5);
        await page.getByRole("button", { name: `Import ${name}` }).click();
        await expect.poll(() => job.getAttribute("data-status"), { timeout: 120_000 }).toBe("done");
        expect(await job.locator(".report").innerText()).toMatch(new RegExp(`^${rows} rows .* ${rows} new`));
      }
      expect(await checkScreen(page, "import-done")).toEqual([]);

      // Any CSV: the mapping editor, with a preview of the mapped values.
      const csv = "Ref,Account,Deal,Notes,More notes\nCRM-1,Initech GmbH,Data lake,Moves the warehouse,to a managed service\nCRM-2,Globex Ltd,CRM migration,Salesforce to HubSpot,\n";
      await upload("crm-extract.csv", Buffer.from(csv));
      await page.getByText("External id needs a column").waitFor();
      expect(await page.getByRole("button", { name: "Import crm-extract.csv" }).isDisabled()).toBe(true);
      await page.getByLabel("External id column", { exact: true }).selectOption("Ref");
      await page.getByLabel("Company column", { exact: true }).selectOption("Account");
      await page.getByLabel("Title column", { exact: true }).selectOption("Deal");
      await page.getByLabel("Description column", { exact: true }).selectOption("Notes");
      await page.getByLabel("Description column 2", { exact: true }).selectOption("More notes");
      expect(await page.locator("table.preview tbody tr").first().innerText()).toMatch(/CRM-1\s+Initech GmbH\s+Data lake\s+Moves the warehouse to a managed service/);
      await page.getByLabel("APN opportunities").check();
      expect(await checkScreen(page, "import-mapping")).toEqual([]);
      await page.getByRole("button", { name: "Import crm-extract.csv" }).click();
      await expect.poll(() => job.getAttribute("data-status"), { timeout: 120_000 }).toBe("done");
      expect(await job.locator(".report").innerText()).toMatch(/^2 rows .* 2 new/);
      expect(await t.db.prisma.opportunity.count({ where: { source: "apn", externalId: { in: ["CRM-1", "CRM-2"] } } })).toBe(2);

      // Statistics follow the imports; the quality report measures against the known pairs.
      await expect.poll(() => page.locator(".stats").innerText(), { timeout: 20_000 }).toMatch(/APN: 32 records/);
      await page.getByLabel("Known true pairs (CSV: apn_external_id, odoo_external_id)").setInputFiles({ name: "gold.csv", mimeType: "text/csv", buffer: Buffer.from(data.goldCsv) });
      await page.locator("table.quality tbody tr").first().waitFor({ timeout: 30_000 });
      expect(await page.getByText(/16 true pairs/).count()).toBe(1);
      await page.getByRole("heading", { name: "Monitoring" }).waitFor();
      expect(await checkScreen(page, "import-statistics")).toEqual([]);
      expect(c.pageErrors).toEqual([]);
      expect(await c.cspViolations()).toEqual([]);
    } finally {
      await c.context.close();
    }
  }, 300_000);

  it("shows a decision by one reviewer to another within 1 s", async () => {
    // Thresholds that put pairs in the review queue whatever the test model scores.
    const cfg = await t.gql(`mutation { updateMatchingConfig(input: { autoConfirmThreshold: 0.9999, reviewThreshold: 0.01 }) { version } }`);
    expect(cfg.errors).toBeUndefined();
    const queue = await t.gql<{ matchReviewQueue: { nodes: Array<{ id: string }> } }>(`query { matchReviewQueue(first: 50) { nodes { id } } }`);
    expect(queue.data!.matchReviewQueue.nodes.length).toBeGreaterThan(3);

    const [alice, bob] = await Promise.all([
      openConsole(browser, t.platform.url, { path: "review", token: await t.token(["writer"], "alice") }),
      openConsole(browser, t.platform.url, { path: "review", token: await t.token(["writer"], "bob") }),
    ]);
    try {
      for (const c of [alice, bob]) await c.page.locator("article.pair").waitFor({ timeout: 20_000 });
      // graphql-ws says nothing when a subscription is live: a first decision, made through the
      // graph, shows in both pages before the timed one.
      const warmUp = queue.data!.matchReviewQueue.nodes.at(-1)!.id;
      await t.gql(`mutation ($id: ID!) { rejectMatch(id: $id) { id } }`, { id: warmUp });
      for (const c of [alice, bob]) await c.page.locator(`.decided li[data-match-id="${warmUp}"]`).waitFor({ timeout: 20_000 });

      const current = await alice.page.locator("article.pair").getAttribute("data-match-id");
      expect(await bob.page.locator("article.pair").getAttribute("data-match-id")).toBe(current);
      // Differences are highlighted and every signal's contribution is listed.
      expect(await alice.page.locator("table.signals tbody tr").count()).toBeGreaterThan(2);
      expect(await checkScreen(alice.page, "review")).toEqual([]);

      const started = Date.now();
      await alice.page.keyboard.press("c");
      await bob.page.locator(`.decided li[data-match-id="${current}"]`).waitFor({ timeout: 5_000 });
      const elapsed = Date.now() - started;
      process.stdout.write(`bob saw alice's decision ${elapsed} ms after her key press\n`);
      expect(await bob.page.locator(`.decided li[data-match-id="${current}"]`).innerText()).toMatch(/confirmed.*alice/i);
      expect(await bob.page.locator("article.pair").getAttribute("data-match-id")).not.toBe(current);
      expect(elapsed, `bob saw alice's decision after ${elapsed} ms`).toBeLessThan(1000);

      // Reject with R, skip with S: keyboard only.
      const next = await bob.page.locator("article.pair").getAttribute("data-match-id");
      await bob.page.keyboard.press("s");
      await expect.poll(() => bob.page.locator("article.pair").getAttribute("data-match-id")).not.toBe(next);
      const skippedTo = await bob.page.locator("article.pair").getAttribute("data-match-id");
      await bob.page.keyboard.press("r");
      await alice.page.locator(`.decided li[data-match-id="${skippedTo}"]`).waitFor({ timeout: 5_000 });
      expect(await alice.page.locator(`.decided li[data-match-id="${skippedTo}"]`).innerText()).toMatch(/rejected.*bob/i);
      const stored = await t.gql<{ match: { status: string; reviewer: string } }>(`query ($id: ID!) { match(id: $id) { status reviewer } }`, { id: skippedTo });
      expect(stored.data!.match).toEqual({ status: "REJECTED", reviewer: "bob" });
      for (const c of [alice, bob]) {
        expect(c.pageErrors).toEqual([]);
        expect(c.outside).toEqual([]);
        expect(await c.cspViolations()).toEqual([]);
      }
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });
});
