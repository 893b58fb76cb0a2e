import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkScreen, launchConsoleBrowser, openConsole } from "../src/console.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

const PROMPT = "We sell managed Kubernetes to software companies in Germany";

// Embedded mode, as `npm start` runs: demo rows, AUTH_MODE=none with the default local roles.
describe("Console: local sign-in, home, and lead search with editable chips (demo leads, embedded mode)", () => {
  let t: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchConsoleBrowser(), startTestPlatform("pglite", { seed: true, auth: { mode: "none", localRoles: ["reader", "writer"] } })]);
    // The seeded signals are indexed in the background: wait until intent counts (as leads-demo does).
    for (let i = 0; i < 50; i++) {
      const res = await t.gql<{ findLeads: { hits: Array<{ explanation: { bm25: number } }> } }>(`query ($p: String!) { findLeads(prompt: $p, k: 5) { hits { explanation { bm25 } } } }`, { p: `${PROMPT}${" ".repeat(i + 1)}` });
      if (res.data?.findLeads.hits.some((h) => h.explanation.bm25 > 0)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("signs in locally with the roles the gateway gives, narrowed to a reader's; the home screen offers no writes", async () => {
    expect(await (await fetch(new URL("/app/session.json", t.platform.url))).json()).toEqual({ authMode: "none", userId: "local", roles: ["reader", "writer"] });
    const c = await openConsole(browser, t.platform.url);
    try {
      await c.page.getByRole("heading", { name: "Sign in to the matchgraph Console" }).waitFor();
      expect(await c.page.getByLabel("Your access token (JWT)").count()).toBe(0);
      expect(await c.page.getByRole("checkbox").count()).toBe(2);
      expect(await checkScreen(c.page, "sign-in-local")).toEqual([]);
      // Keyboard only: untick writer, sign in.
      await c.page.getByRole("checkbox", { name: "writer" }).focus();
      await c.page.keyboard.press("Space");
      await c.page.getByRole("button", { name: "Sign in" }).focus();
      await c.page.keyboard.press("Enter");
      await c.page.getByRole("heading", { name: "Welcome, local" }).waitFor();
      expect(await c.page.locator(".who").innerText()).toMatch(/local \(reader\)/);
      await c.page.getByText("You can read; changes need the writer or admin role.").waitFor();
      expect(await checkScreen(c.page, "home")).toEqual([]);
      // The review queue offers no decisions to this reader, though the local user could write.
      await c.page.getByRole("link", { name: "Review queue" }).first().click();
      await c.page.getByText("Deciding needs the writer or admin role.").waitFor();
      expect(await c.page.getByRole("button", { name: /Confirm/ }).count()).toBe(0);
      // Signing out forgets the session.
      await c.page.getByRole("button", { name: "Sign out" }).click();
      await c.page.getByRole("heading", { name: "Sign in to the matchgraph Console" }).waitFor();
      expect(await c.page.evaluate("sessionStorage.length")).toBe(0);
      expect(c.pageErrors).toEqual([]);
    } finally {
      await c.context.close();
    }
  });

  it("searches, shows the parsed query as chips and every score's parts; a NOT chip re-runs the search", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "leads", locale: "de-DE" });
    const { page } = c;
    try {
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("Describe what you sell and to whom").fill(PROMPT);
      await page.keyboard.press("Enter");
      await page.locator("li.hit").first().waitFor({ timeout: 30_000 });
      expect(await page.locator("li.chip").evaluateAll((els) => els.map((e) => e.getAttribute("data-chip")))).toEqual(["industry:software", "country:DE"]);
      const first = await page.locator("li.hit").evaluateAll((els) => els.map((e) => e.getAttribute("data-lead-id")));
      expect(first.length).toBeGreaterThan(3);
      const hasGerman = async () => (await page.locator("li.hit .hint").allInnerTexts()).some((line) => line.split(" · ").includes("DE"));
      expect(await hasGerman()).toBe(true);
      // Fit, intent, decay, boosts, scorer, snippets and the cost, numbers in the reader's locale (de-DE).
      const hit = page.locator("li.hit").first();
      for (const term of ["Fit", "Intent", "Decay", "Boosts", "Scorer", "Filters"]) await hit.getByText(term, { exact: true }).waitFor();
      expect(await page.locator("[data-cost]").innerText()).toMatch(/\$/);
      expect(await page.locator("li.hit .score").first().innerText()).toMatch(/^\d+,\d+$|^\d$/);
      expect(await checkScreen(page, "leads")).toEqual([]);

      // A NOT chip typed in, keyboard only: Germany excluded.
      await page.getByLabel("Add a filter").fill("not Germany");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("li.chip").evaluateAll((els) => els.map((e) => e.getAttribute("data-chip"))), { timeout: 30_000 }).toEqual(["industry:software", "not country:DE"]);
      await page.locator("li.hit").first().waitFor({ timeout: 30_000 });
      const after = await page.locator("li.hit").evaluateAll((els) => els.map((e) => e.getAttribute("data-lead-id")));
      expect(after).not.toEqual(first);
      expect(await hasGerman()).toBe(false);
      // The prompt box shows what ran.
      expect(await page.getByLabel("Describe what you sell and to whom").inputValue()).toMatch(/Not in Germany\./);

      // The chip's own button turns a clause back: software excluded too.
      await page.getByRole("button", { name: "Exclude software" }).click();
      await expect.poll(() => page.locator("li.chip").evaluateAll((els) => els.map((e) => e.getAttribute("data-chip"))), { timeout: 30_000 }).toEqual(["not industry:software", "not country:DE"]);
      await page.locator("li.hit").first().waitFor({ timeout: 30_000 });
      expect((await page.locator("li.hit .hint").allInnerTexts()).some((line) => line.startsWith("software"))).toBe(false);
      expect(await checkScreen(page, "leads-not-chips")).toEqual([]);

      // An unknown chip is refused with the reason, nothing re-runs.
      await page.getByLabel("Add a filter").fill("purple");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByRole("alert").innerText()).toMatch(/not an industry, country or technology/);
      expect(c.pageErrors).toEqual([]);
      expect(c.outside).toEqual([]);
      expect(await c.cspViolations()).toEqual([]);
    } finally {
      await c.context.close();
    }
  });
});
