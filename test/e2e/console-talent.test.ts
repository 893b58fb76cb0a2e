import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkScreen, launchConsoleBrowser, openConsole, SCREENSHOTS } from "../src/console.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

describe("Console: talent matching — badges, factors, sub-scores, feedback, model versions", () => {
  let t: TestPlatform;
  let browser: Browser;
  const tok = {} as Record<"ada" | "acme" | "admin" | "writer", string>;
  const ids = {} as Record<"ada" | "bob" | "dataJob" | "frontJob", string>;

  async function create<T extends string>(mutation: T, input: Record<string, unknown>, token?: string): Promise<string> {
    const res = await t.gql<Record<string, { id: string }>>(`mutation ($input: ${mutation === "createJob" ? "CreateJobInput" : "CreateTalentInput"}!) { ${mutation}(input: $input) { id } }`, { input }, { token });
    expect(res.errors).toBeUndefined();
    return res.data![mutation]!.id;
  }
  const skill = (name: string, proficiency: number, years: number) => ({ name, proficiency, years });

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchConsoleBrowser(), startTestPlatform("pglite")]);
    tok.ada = await t.token(["talent"], "user-ada");
    tok.acme = await t.token(["recruiter", "company:Acme"], "recruiter-acme");
    tok.admin = await t.token(["admin"], "admin-1");
    tok.writer = await t.token(["writer"], "wendy");
    ids.ada = await create("createTalent", {
      fullName: "Ada Lovelace", headline: "Senior data engineer", summary: "Builds Spark and SQL pipelines in Python.", yearsExperience: 8,
      skillDetails: [skill("Python", 5, 8), skill("SQL", 4, 7), skill("Spark", 4, 4)], experienceLevel: "SENIOR", latitude: 52.52, longitude: 13.405,
      remotePreference: "HYBRID", timezoneOffset: 1, salaryMin: 80_000, salaryMax: 100_000, salaryCurrency: "EUR",
    }, tok.ada);
    ids.bob = await create("createTalent", {
      userId: "user-bob", fullName: "Bob Frontend", headline: "Frontend developer", summary: "React and TypeScript interfaces", yearsExperience: 4,
      skillDetails: [skill("TypeScript", 4, 4), skill("React", 4, 4)], experienceLevel: "MID", remotePreference: "REMOTE", timezoneOffset: -5, salaryMin: 90_000, salaryMax: 110_000, salaryCurrency: "USD",
    });
    ids.dataJob = await create("createJob", {
      title: "Senior data engineer", company: "Acme", description: "Spark pipelines in Python and SQL for our analytics platform",
      requiredSkills: [{ name: "python", minProficiency: 4 }, { name: "sql", minProficiency: 3 }], niceToHaveSkills: [{ name: "spark" }],
      experienceLevel: "SENIOR", minYears: 5, latitude: 52.52, longitude: 13.405, remotePolicy: "HYBRID", timezoneMin: 0, timezoneMax: 2, salaryMin: 90_000, salaryMax: 120_000, salaryCurrency: "EUR",
    }, tok.acme);
    ids.frontJob = await create("createJob", {
      title: "Frontend engineer", company: "Acme", description: "React and TypeScript for our customer app", requiredSkills: [{ name: "react" }, { name: "typescript" }],
      experienceLevel: "MID", minYears: 2, remotePolicy: "REMOTE", timezoneMin: -6, timezoneMax: -4, salaryMin: 85_000, salaryMax: 115_000, salaryCurrency: "USD",
    }, tok.acme);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checkCards(page: import("playwright-core").Page) {
    const cards = page.locator("li.match");
    await cards.first().waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
      await page.screenshot({ path: "../test-results/console/talent-failed.png", fullPage: true });
      throw err;
    });
    for (const card of await cards.all()) {
      const score = Number((await card.locator(".score").innerText()).replace(/\D/g, ""));
      expect(await card.locator(".badge").innerText()).toBe(score > 80 ? "Highly recommended" : score >= 60 ? "Recommended" : "Possible match");
      expect(await card.locator(".factors li").count()).toBeLessThanOrEqual(3);
      expect(await card.locator(".factors li").count()).toBeGreaterThan(0);
      expect(await card.locator(".explain [role=img]").count()).toBe(5);
      expect(await card.locator(".hint").first().innerText()).toMatch(/model version \d+|rule-based fallback/);
    }
  }

  it("a talent sees matching jobs and applies; the feedback is stored once", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "talent", token: tok.ada });
    try {
      await c.page.getByRole("heading", { name: "Jobs for a talent" }).waitFor();
      // Her own profile is listed (talents() gives a talent what they own), and only hers: no id to enter.
      const profile = c.page.getByLabel("Your profile", { exact: true });
      await expect.poll(() => profile.inputValue(), { timeout: 30_000 }).toBe(ids.ada);
      expect(await profile.locator("option").evaluateAll((options) => options.map((o) => [o.getAttribute("value"), o.textContent]))).toEqual([[ids.ada, "Ada Lovelace — Senior data engineer"]]);
      expect(await c.page.getByText("No profile yet? Create yours").count()).toBe(0);
      expect(await c.page.getByRole("heading", { name: "Talents for a job" }).count()).toBe(0);
      expect(await c.page.getByRole("heading", { name: /Model versions/ }).count()).toBe(0);
      await checkCards(c.page);
      const card = c.page.locator(`li.match[data-job-id="${ids.dataJob}"]`);
      expect(await card.getByRole("button").allInnerTexts()).toEqual(["Apply", "Dismiss"]);
      await card.getByRole("button", { name: "Apply" }).click();
      await expect.poll(() => card.getByRole("status").innerText()).toBe("Apply: recorded");
      await card.getByRole("button", { name: "Apply" }).click();
      await expect.poll(() => card.getByRole("status").innerText()).toBe("Apply: recorded before");
      expect(await t.db.prisma.matchFeedback.count({ where: { talentId: ids.ada, jobId: ids.dataJob, type: "APPLIED" } })).toBe(1);
      expect(await checkScreen(c.page, "talent-jobs")).toEqual([]);
      expect(c.pageErrors).toEqual([]);
      expect(await c.cspViolations()).toEqual([]);
    } finally {
      await c.context.close();
    }
  });

  it("a new talent creates their profile and sees matching jobs at once", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "talent", token: await t.token(["talent"], "user-carol") });
    try {
      await c.page.getByText("No profile yet? Create yours").click();
      await c.page.getByLabel("Full name").fill("Carol Frontend");
      await c.page.getByLabel("Headline").fill("Frontend developer");
      await c.page.getByLabel("Years of experience").fill("5");
      await c.page.getByLabel("Skills (separated by commas)").fill("React, TypeScript, CSS");
      expect(await checkScreen(c.page, "talent-create-profile")).toEqual([]);
      await c.page.keyboard.press("Enter");
      await c.page.locator(`li.match[data-job-id="${ids.frontJob}"]`).waitFor({ timeout: 30_000 });
      const created = await t.db.prisma.talent.findFirstOrThrow({ where: { fullName: "Carol Frontend" } });
      expect(created.userId).toBe("user-carol");
      expect(await c.page.getByLabel("Your profile", { exact: true }).inputValue()).toBe(created.id);
    } finally {
      await c.context.close();
    }
  });

  it("a recruiter sees a job's matching talents and contacts one; a writer is offered no matches", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "talent", token: tok.acme });
    try {
      await c.page.getByRole("heading", { name: "Talents for a job" }).waitFor();
      await c.page.getByLabel("Job", { exact: true }).selectOption(ids.frontJob);
      await c.page.locator(`li.match[data-talent-id="${ids.bob}"]`).waitFor({ timeout: 30_000 });
      await checkCards(c.page);
      const card = c.page.locator(`li.match[data-talent-id="${ids.bob}"]`);
      expect(await card.getByRole("button").allInnerTexts()).toEqual(["Contact", "Reject"]);
      await card.getByRole("button", { name: "Contact" }).click();
      await expect.poll(() => card.getByRole("status").innerText()).toBe("Contact: recorded");
      expect(await t.db.prisma.matchFeedback.count({ where: { talentId: ids.bob, jobId: ids.frontJob, type: "CONTACTED" } })).toBe(1);
      expect(await checkScreen(c.page, "talent-recruiter")).toEqual([]);
    } finally {
      await c.context.close();
    }
    const w = await openConsole(browser, t.platform.url, { path: "talent", token: tok.writer });
    try {
      await w.page.getByText("Matches are shown to talents").waitFor();
      expect(await w.page.locator("li.match").count()).toBe(0);
    } finally {
      await w.context.close();
    }
  });

  it("an admin sees model versions and retrains", async () => {
    const c = await openConsole(browser, t.platform.url, { path: "talent", token: tok.admin });
    try {
      const admin = c.page.locator("section[aria-labelledby=model-admin]");
      await admin.getByText("No version trained yet").waitFor({ timeout: 20_000 });
      await admin.getByRole("button", { name: "Retrain" }).click();
      await expect.poll(() => admin.locator(".training").getAttribute("data-status"), { timeout: 15_000 }).toMatch(/queued|running|done|failed/);
      expect(await checkScreen(c.page, "talent-admin")).toEqual([]);
      // The first version trains on the synthetic world (LightGBM in the project's venv).
      await expect.poll(() => admin.locator(".training").getAttribute("data-status"), { timeout: 240_000, interval: 1000 }).toMatch(/done|failed/);
      expect(await admin.locator(".training").innerText()).toMatch(/version 1 is now active/);
      await admin.locator("tbody tr").first().waitFor();
      expect(await admin.locator("tbody tr").first().innerText()).toMatch(/^1\s+active/);
      await c.page.screenshot({ path: join(SCREENSHOTS, "talent-admin-trained.png"), fullPage: true });
    } finally {
      await c.context.close();
    }
  }, 300_000);
});
