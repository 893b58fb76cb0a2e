import { readFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ensureConsoleBuild } from "@matchgraph/console/build";
import { REPO_ROOT } from "./env.js";

/*
 * What the Console's browser suites share: Debian's Chromium (playwright-core, no browser download),
 * a page that can reach nothing but the gateway, sign-in, axe-core, screenshots.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const SCREENSHOTS = join(REPO_ROOT, "test-results", "console");
export const WIDE = { width: 1400, height: 900 };
export const NARROW = { width: 390, height: 844 };

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Builds the Console when stale and starts Chromium (no silent skip: without a browser the suite fails). */
export async function launchConsoleBrowser(): Promise<Browser> {
  await ensureConsoleBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Requests the page tried outside the gateway's origin (refused). */
  outside: string[];
  pageErrors: string[];
  cspViolations(): Promise<string[]>;
}

/** A fresh browser context on the Console, signed in with `token` (AUTH_MODE=jwt) or anonymous. */
export async function openConsole(browser: Browser, gatewayUrl: string, options: { token?: string; viewport?: { width: number; height: number }; path?: string; locale?: string } = {}): Promise<ConsolePage> {
  const origin = new URL(gatewayUrl).origin;
  const context = await browser.newContext({ viewport: options.viewport ?? WIDE, locale: options.locale ?? "en-US" });
  const outside: string[] = [];
  const pageErrors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort("internetdisconnected");
  });
  await context.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample));`,
  });
  const page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await page.goto(`${origin}/app/${options.path ?? ""}`);
  if (options.token) await signInWithToken(page, options.token);
  return { page, context, outside, pageErrors, cspViolations: async () => (await page.evaluate("window.__cspViolations")) as string[] };
}

export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByLabel("Your access token (JWT)").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical violations on the page as it is now (evaluated outside the page's CSP). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/** Screenshots the page wide and narrow under test-results/console/, checking axe at both widths. */
export async function checkScreen(page: Page, name: string): Promise<AxeViolation[]> {
  const violations: AxeViolation[] = [];
  const original = page.viewportSize() ?? WIDE;
  for (const [label, size] of [["wide", WIDE], ["narrow", NARROW]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
    violations.push(...(await seriousAxeViolations(page)).map((v) => ({ ...v, help: `${label}: ${v.help}` })));
  }
  await page.setViewportSize(original);
  return violations;
}
