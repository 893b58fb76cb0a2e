import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/env.js";
import { checkScreen, launchConsoleBrowser, openConsole } from "../src/console.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

const SAMPLES = ["security-overview.md", "pricing-and-plans.md", "implementation-guide.md", "data-processing-agreement.pdf"];

/** Drops files on the page's drop zone as a person dragging them from the desktop would. */
async function dropFiles(page: Page, files: Array<{ name: string; base64: string; type: string }>): Promise<void> {
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  })()`);
  await page.dispatchEvent("[data-testid=dropzone]", "dragover", { dataTransfer });
  await page.dispatchEvent("[data-testid=dropzone]", "drop", { dataTransfer });
}

describe("Console: knowledge upload and cited search, sales content streamed with citations", () => {
  let t: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchConsoleBrowser(), startTestPlatform("pglite")]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("uploads documents by drag and drop with per-file progress and refusals, then finds a cited passage", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "knowledge", token: await t.token(["writer"], "kim") });
    const { page } = c;
    try {
      const files = await Promise.all(
        SAMPLES.map(async (name) => ({ name, base64: (await readFile(join(REPO_ROOT, "examples", "knowledge", name))).toString("base64"), type: name.endsWith(".pdf") ? "application/pdf" : "text/markdown" })),
      );
      const broken = { name: "broken.pdf", base64: Buffer.from("not really a pdf").toString("base64"), type: "application/pdf" };
      const unsupported = { name: "setup.exe", base64: Buffer.from("MZ").toString("base64"), type: "application/octet-stream" };
      await dropFiles(page, [...files, broken, unsupported]);
      const row = (name: string) => page.locator(`.uploads li[data-file="${name}"]`);
      for (const f of files) await expect.poll(() => row(f.name).getAttribute("data-state"), { timeout: 60_000 }).toBe("DONE");
      expect(await row("broken.pdf").getAttribute("data-state")).toBe("refused");
      expect(await row("broken.pdf").innerText()).toMatch(/Refused: .*broken\.pdf/);
      expect(await row("setup.exe").innerText()).toMatch(/Refused: not a PDF, DOCX, HTML, Markdown or text file/);
      expect(await t.db.prisma.knowledgeSource.count()).toBe(SAMPLES.length);
      expect(await checkScreen(page, "knowledge-upload")).toEqual([]);

      await page.getByLabel("Search the knowledge base").fill("where is customer data stored");
      await page.keyboard.press("Enter");
      const hit = page.locator(".knowledge-hits > li").first();
      await hit.waitFor({ timeout: 30_000 });
      expect(await page.locator(".knowledge-hits mark").count()).toBeGreaterThan(0);
      const citation = page.locator(".knowledge-hits .citation", { hasText: "Security" }).first();
      await citation.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog");
      await dialog.locator("mark.cited").waitFor({ timeout: 20_000 });
      expect(await dialog.locator("mark.cited").innerText()).toMatch(/\S/);
      expect(await dialog.getByRole("heading").first().innerText()).toMatch(/Security/);
      expect(await checkScreen(page, "knowledge-passage")).toEqual([]);
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog.count()).toBe(0);
      expect(c.pageErrors).toEqual([]);
      expect(await c.cspViolations()).toEqual([]);
    } finally {
      await c.context.close();
    }
    // A reader is offered search, not upload.
    const r = await openConsole(browser, t.platform.url, { path: "knowledge", token: await t.token(["reader"], "rae") });
    try {
      await r.page.getByText("Uploading documents needs the writer or admin role").waitFor();
      expect(await r.page.locator("[data-testid=dropzone]").count()).toBe(0);
    } finally {
      await r.context.close();
    }
  });

  it("shows a customer page and streams an objection answer whose citation markers open their passages; thumbs up counts", async () => {
    const admin = await t.token(["admin"], "ana");
    const c = await openConsole(browser, t.platform.url, { path: "sales", token: admin });
    const { page } = c;
    try {
      // No customer yet: the admin is offered the demo personas.
      await page.getByRole("button", { name: "Add the four demo personas" }).click();
      await page.getByLabel("Customer", { exact: true }).waitFor({ timeout: 30_000 });
      const quantix = (await t.db.prisma.customer.findFirstOrThrow({ where: { companyKey: "quantix analytics" } })).id;
      await page.getByLabel("Customer", { exact: true }).selectOption(quantix);
      await page.getByRole("heading", { name: "Quantix Analytics Ltd" }).waitFor();
      for (const h of ["Contacts", "Decision factors", "Interactions"]) await page.getByRole("heading", { name: h }).waitFor();
      await page.getByText("Conscientiousness", { exact: true }).first().waitFor();
      expect(await checkScreen(page, "sales-customer")).toEqual([]);

      await page.getByLabel("Answer this objection").fill("Where is our data stored, and can it stay in the UK?");
      // The streamed text's lengths as the page shows them: it grows in pieces before the stored answer replaces it.
      await page.evaluate(`window.__streamed = [];
        new MutationObserver(() => {
          const s = document.querySelector(".generated .stream");
          if (s && s.textContent && window.__streamed.at(-1) !== s.textContent.length) window.__streamed.push(s.textContent.length);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });`);
      await page.keyboard.press("Enter");
      await page.locator(".generated[data-state=done] .marker").first().waitFor({ timeout: 60_000 });
      const lengths = (await page.evaluate("window.__streamed")) as number[];
      expect(lengths.length, `stream lengths ${lengths.join(",")}`).toBeGreaterThan(1);
      const stored = await t.db.prisma.salesContent.findFirstOrThrow({ where: { customerId: quantix, kind: "objection_response" }, orderBy: { createdAt: "desc" } }).catch(async () =>
        t.db.prisma.salesContent.findFirstOrThrow({ where: { customerId: quantix }, orderBy: { createdAt: "desc" } }),
      );
      expect(stored.id).toBeTruthy();
      expect(await page.locator("[data-cost]").innerText()).toMatch(/cost \$/);
      await page.locator(".generated .marker").first().click();
      const dialog = page.getByRole("dialog");
      await dialog.locator("mark.cited").waitFor({ timeout: 20_000 });
      expect(await checkScreen(page, "sales-citation")).toEqual([]);
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Useful", exact: true }).click();
      await expect.poll(() => page.locator("[data-feedback-score]").innerText()).toBe("score +1");
      expect(await checkScreen(page, "sales-answer")).toEqual([]);
      // The other kinds stream the same way.
      await page.getByRole("button", { name: "Write an e-mail" }).click();
      await page.locator(".generated[data-state=done] [data-cost]").waitFor({ timeout: 60_000 });
      expect(await page.locator(".generated h4").innerText()).toBe("Follow-up for Quantix Analytics Ltd");
      expect(c.pageErrors).toEqual([]);
      expect(await c.cspViolations()).toEqual([]);
    } finally {
      await c.context.close();
    }
  });
});
