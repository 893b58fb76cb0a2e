/**
 * The leads intent model (issue 10) through the gateway, on PGlite and PostgreSQL, with the real
 * ml-runtime (lead vectors for exemplar ANN) and an OpenAI-compatible LLM on loopback (the
 * provider the shared LLM client talks to; a paid provider cannot be reached here).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";
import { leadsTrainableModels } from "@matchgraph/leads/training";
import { createIntentRuntime, intentRuntime, setIntentRuntime } from "../../subgraphs/leads/src/intent/runtime.js";

const kinds = await databaseKinds();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** The loopback LLM: judgements with a fixed likelihood and token usage, or HTTP 500 while `failing`. */
function fakeLlm() {
  const state = { failing: false, calls: 0, likelihood: 0.3 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      state.calls++;
      if (state.failing) {
        res.writeHead(500, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { message: "down" } }));
      }
      const request = JSON.parse(body) as { response_format?: { json_schema?: { name?: string } } };
      const name = request.response_format?.json_schema?.name;
      const content =
        name === "lead_query"
          ? { product: null, industries: [], excludedIndustries: [], countries: [], excludedCountries: [], employeeMin: null, employeeMax: null, technologies: [], excludedTechnologies: [], intentTopics: [] }
          : { likelihood: state.likelihood, reason: "hiring signals" };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ model: "fake", choices: [{ message: { content: JSON.stringify(content) }, finish_reason: "stop" }], usage: { prompt_tokens: 400, completion_tokens: 40, total_tokens: 440 } }));
    });
  });
  return { server, state };
}

const SEARCH = `query ($prompt: String!, $k: Int!) { findLeads(prompt: $prompt, k: $k) {
  queryId relaxedFilters candidates costUsd llmCalls cached
  query { language industries countries employeeMin excludedTechnologies intentTopics exemplars path }
  hits { score filtersMet filtersRelaxed lead { id companyName }
    explanation { fit filterFit exemplarSimilarity bm25 decay jobPostingBoost churnBoost intent weightFit weightIntent scorer llmLikelihood coldStartLikelihood costUsd }
    snippets { id source text minerId } } } }`;

interface Hit {
  score: number;
  filtersMet: string[];
  filtersRelaxed: string[];
  lead: { id: string; companyName: string };
  explanation: Record<string, number | string | null>;
  snippets: Array<{ id: string; source: string; text: string; minerId: string | null }>;
}
interface Search {
  queryId: string;
  relaxedFilters: string[];
  candidates: number;
  costUsd: number;
  llmCalls: number;
  cached: boolean;
  query: Record<string, unknown>;
  hits: Hit[];
}

describe.each(kinds)("leads intent model through the gateway on %s", (kind) => {
  let t: TestPlatform;
  const llm = fakeLlm();
  const ids: Record<string, string> = {};
  let miner1: string;
  let miner2: string;
  let admin: string;
  let seller: string;

  const search = async (prompt: string, k: number, token?: string) => {
    const res = await t.gql<{ findLeads: Search }>(SEARCH, { prompt, k }, token ? { token } : {});
    expect(res.errors).toBeUndefined();
    return res.data!.findLeads;
  };
  const submit = (token: string, snippets: unknown[]) =>
    t.gql<{ submitIntentSnippets: Array<{ id: string; simhash: string; duplicateOf: string | null; plagiarism: boolean }> }>(
      `mutation ($s: [IntentSnippetInput!]!) { submitIntentSnippets(snippets: $s) { id simhash duplicateOf plagiarism } }`,
      { s: snippets },
      { token },
    );

  beforeAll(async () => {
    await new Promise<void>((resolve) => llm.server.listen(0, "127.0.0.1", resolve));
    const port = (llm.server.address() as AddressInfo).port;
    Object.assign(process.env, {
      LEADS_LLM: "on",
      LEADS_COLD_START: "prior",
      LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
      LLM_MAX_RETRIES: "0",
      LLM_TIMEOUT_MS: "3000",
      LEADS_WEAK_INTENT_BM25: "0.5",
    });
    t = await startTestPlatform(kind);
    miner1 = await t.token(["miner"], "miner-1");
    miner2 = await t.token(["miner"], "miner-2");
    admin = await t.token(["admin"], "admin-1");
    seller = await t.token(["reader"], "seller-1");

    const leads = [
      ["Alpha Bank AG", "alphabank.de", "banking", "DE", 800, "Retail bank in Germany"],
      ["Alpha Bank Holding", "alphabank-holding.de", "banking", "DE", 900, "Holding of the Alpha Bank group"],
      ["Beta Versicherung AG", "beta-versicherung.de", "insurance", "DE", 1200, "Insurer in Germany"],
      ["Gamma Banque SA", "gamma.fr", "banking", "FR", 600, "Regional bank in France"],
      ["Delta Bank GmbH", "deltabank.at", "banking", "AT", 300, "Private bank in Austria"],
      ["Epsilon Retail GmbH", "epsilon.de", "retail", "DE", 5000, "Retail chain in Germany"],
    ] as const;
    for (const [companyName, domain, industry, country, employeeCount, description] of leads) {
      const res = await t.gql<{ createLead: { id: string } }>(`mutation ($i: CreateLeadInput!) { createLead(input: $i) { id } }`, {
        i: { companyName, domain, industry, country, employeeCount, description },
      });
      expect(res.errors).toBeUndefined();
      ids[companyName] = res.data!.createLead.id;
    }
    const tech = async (name: string, technologies: unknown[]) => {
      const res = await t.gql(`mutation ($id: ID!, $t: [LeadTechnologyInput!]!) { recordLeadTechnologies(leadId: $id, technologies: $t) }`, { id: ids[name], t: technologies });
      expect(res.errors).toBeUndefined();
    };
    await tech("Alpha Bank AG", [{ technology: "salesforce", firstSeen: ago(20) }]); // added recently: churn
    await tech("Beta Versicherung AG", [{ technology: "hubspot", firstSeen: ago(700) }]);
    await tech("Delta Bank GmbH", [{ technology: "salesforce", firstSeen: ago(900) }]);

    const res = await submit(miner1, [
      { leadId: ids["Alpha Bank AG"], source: "JOB_POSTING", text: "Alpha Bank is hiring a CRM manager to lead the CRM pipeline and sales forecasting initiative", observedAt: ago(5) },
      { leadId: ids["Alpha Bank Holding"], source: "NEWS", text: "Alpha Bank Holding reviews its CRM and sales pipeline tooling", observedAt: ago(10) },
      { leadId: ids["Beta Versicherung AG"], source: "NEWS", text: "Beta Versicherung evaluates a new CRM for its sales pipeline and account executives", observedAt: ago(8) },
      { leadId: ids["Gamma Banque SA"], source: "REVIEW", text: "Gamma Banque compared CRM vendors for sales pipeline forecasting", observedAt: ago(400) },
      { leadId: ids["Epsilon Retail GmbH"], source: "WEB_VISIT", text: "Visited CRM pricing pages and sales pipeline comparison pages", observedAt: ago(3) },
      { leadId: ids["Delta Bank GmbH"], source: "NEWS", text: "Delta Bank sponsors a football club", observedAt: ago(30) },
    ]);
    expect(res.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => llm.server.close(resolve));
  });

  it("F-1 parses a prompt in each language, with regions, NOT clauses, bounds and exemplars", async () => {
    const res = await t.gql<{ parseLeadPrompt: Record<string, unknown> }>(
      `query { parseLeadPrompt(prompt: "Wir verkaufen ein CRM an Banken in der DACH-Region mit mehr als 500 Mitarbeitern, die HubSpot nicht nutzen, wie Alpha Bank AG") {
        language product industries excludedIndustries countries excludedCountries employeeMin employeeMax technologies excludedTechnologies exemplars intentTopics path confidence } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.parseLeadPrompt).toMatchObject({
      language: "de",
      industries: ["banking"],
      countries: ["DE", "AT", "CH"],
      employeeMin: 501,
      employeeMax: null,
      technologies: [],
      excludedTechnologies: ["hubspot"],
      exemplars: ["alpha bank ag"],
      intentTopics: ["crm"],
      path: "RULES",
    });
    for (const [prompt, language] of [
      ["Nous vendons un CRM aux banques en France sauf celles qui utilisent Salesforce", "fr"],
      ["Vendemos un CRM a bancos en España que no usan Salesforce", "es"],
      ["Vendemos um CRM para bancos no Brasil que não usam Salesforce", "pt"],
      ["Vendiamo un CRM a banche in Italia che non usano Salesforce", "it"],
    ] as const) {
      const r = await t.gql<{ parseLeadPrompt: { language: string; excludedTechnologies: string[]; industries: string[] } }>(
        `query ($p: String!) { parseLeadPrompt(prompt: $p) { language excludedTechnologies industries } }`,
        { p: prompt },
      );
      expect(r.data!.parseLeadPrompt).toEqual({ language, excludedTechnologies: ["salesforce"], industries: ["banking"] });
    }
    const empty = await t.gql(`query { parseLeadPrompt(prompt: "   ") { language } }`);
    expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("F-2 filters in SQL first, relaxes in the documented order to 4×K, never relaxes a NOT clause, and says what each hit met", async () => {
    const r = await search("We sell a CRM to banks in Germany with more than 500 employees, not using HubSpot", 2);
    expect(r.query).toMatchObject({ industries: ["banking"], countries: ["DE"], employeeMin: 501, excludedTechnologies: ["hubspot"] });
    // Strict: the two Alpha Bank leads; then employees, countries, industries are relaxed (technologies were not set).
    expect(r.relaxedFilters).toEqual(["employees", "countries", "industries"]);
    const names = r.hits.map((h) => h.lead.companyName);
    expect(names).not.toContain("Beta Versicherung AG"); // uses HubSpot: NOT is never relaxed
    expect(r.hits).toHaveLength(2);
    const alpha = r.hits.find((h) => h.lead.companyName.startsWith("Alpha Bank"))!;
    expect(alpha.filtersMet).toEqual(["employees", "countries", "industries"]);
    expect(alpha.filtersRelaxed).toEqual([]);
    const all = await search("We sell a CRM to banks in Germany with more than 500 employees, not using HubSpot", 25);
    const epsilon = all.hits.find((h) => h.lead.companyName === "Epsilon Retail GmbH")!;
    expect(epsilon.filtersMet).toEqual(["employees", "countries"]);
    expect(epsilon.filtersRelaxed).toEqual(["industries"]);
    expect(all.hits.map((h) => h.lead.companyName)).not.toContain("Beta Versicherung AG");
  });

  it("F-3 collapses a company to its best-fitting lead and F-4 trims to K", async () => {
    const r = await search("We sell a CRM to banks in Germany with more than 850 employees", 25);
    const alphas = r.hits.filter((h) => h.lead.companyName.startsWith("Alpha Bank"));
    expect(alphas).toHaveLength(1);
    expect(alphas[0]!.lead.companyName).toBe("Alpha Bank Holding"); // 900 employees meets the bound, the AG (800) does not
    expect((await search("We sell a CRM to banks", 3)).hits).toHaveLength(3);
  });

  it("F-5…F-7 scores BM25 intent with decay, job-posting and churn boosts, and explains every score", async () => {
    const r = await search("We sell a CRM to banks", 25);
    const by = (name: string) => r.hits.find((h) => h.lead.companyName === name)!;
    const alpha = by("Alpha Bank AG").explanation;
    const gamma = by("Gamma Banque SA").explanation;
    expect(alpha.scorer).toBe("BM25");
    expect(alpha.bm25 as number).toBeGreaterThan(0);
    expect(alpha.jobPostingBoost as number).toBeGreaterThan(1);
    expect(alpha.churnBoost as number).toBeGreaterThan(1); // Salesforce added 20 days ago
    expect(gamma.decay as number).toBeLessThan(0.01); // 400 days old at a 45-day half-life
    expect(alpha.weightFit as number + (alpha.weightIntent as number)).toBeCloseTo(1, 9);
    for (const h of r.hits) {
      const e = h.explanation as Record<string, number>;
      expect(h.score).toBeCloseTo(e.weightFit! * e.fit! + e.weightIntent! * e.intent!, 9);
    }
    expect(r.hits.map((h) => h.score)).toEqual([...r.hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(by("Alpha Bank AG").snippets[0]).toMatchObject({ source: "JOB_POSTING", text: expect.stringMatching(/CRM manager/) });
    // Fresh strong evidence outranks old evidence at the same fit.
    expect(r.hits.findIndex((h) => h.lead.companyName === "Alpha Bank AG")).toBeLessThan(r.hits.findIndex((h) => h.lead.companyName === "Gamma Banque SA"));
  });

  it("keeps BM25 statistics current as snippets arrive (a lead with no evidence gains it)", async () => {
    const delta = (r: Search) => r.hits.find((h) => h.lead.companyName === "Delta Bank GmbH")!;
    const before = await search("We sell a CRM to banks in Austria", 5);
    expect(delta(before).explanation.bm25).toBe(0);
    const docs = async () => Number((await t.db.prisma.$queryRaw<Array<{ documents: bigint }>>`SELECT documents FROM leads.corpus_stat`)[0]!.documents);
    const n = await docs();
    const res = await submit(miner2, [{ leadId: ids["Delta Bank GmbH"], source: "JOB_POSTING", text: "Delta Bank hiring a Salesforce administrator for the CRM rollout", observedAt: ago(1) }]);
    expect(res.errors).toBeUndefined();
    expect(await docs()).toBe(n + 1);
    // Snippets are partitioned by month on PostgreSQL (the row lands in its month's partition), a plain table on PGlite.
    const id = res.data!.submitIntentSnippets[0]!.id;
    const [table] = await t.db.prisma.$queryRaw<Array<{ relkind: string; part: string }>>`
      SELECT c.relkind::text AS relkind, (SELECT s.tableoid::regclass::text FROM leads.snippet s WHERE s.id = ${id}::uuid) AS part
      FROM pg_class c WHERE c.oid = 'leads.snippet'::regclass`;
    if (kind === "postgres") {
      expect(table!.relkind).toBe("p");
      const month = new Date(Date.now() - DAY).toISOString().slice(0, 7).replace("-", "_");
      expect(table!.part).toBe(`leads_snippet_partitions.snippet_${month}`);
    } else expect(table).toEqual({ relkind: "r", part: "leads.snippet" });
    const after = await search("We sell a CRM to banks in Austria", 5);
    expect(after.cached).toBe(false); // the write bumped the data version
    expect(delta(after).explanation.bm25 as number).toBeGreaterThan(0);
    expect(delta(after).snippets[0]).toMatchObject({ source: "JOB_POSTING", text: expect.stringMatching(/Salesforce administrator/) });
  });

  it("answers a prompt whose cached result expired with that result while one search refreshes it", async () => {
    const saved = intentRuntime();
    const runtime = createIntentRuntime({ config: { ...saved.config, resultCacheTtlMs: 300 } });
    setIntentRuntime(runtime);
    try {
      const prompt = "We sell an ERP system to manufacturers in Germany";
      expect((await search(prompt, 5)).cached).toBe(false);
      await new Promise((r) => setTimeout(r, 350));
      const stale = await search(prompt, 5);
      expect(stale.cached).toBe(true); // expired, nothing written since: answered at once
      // …and replaced by a fresh result in the background.
      await vi.waitFor(() => expect([...runtime.resultCache.keys()].some((key) => runtime.resultCache.getRemainingTTL(key) > 0)).toBe(true), { timeout: 5000, interval: 20 });
    } finally {
      setIntentRuntime(saved);
    }
  });

  it("F-2b finds exemplars' neighbours by HNSW and leaves the exemplar itself out", async () => {
    const r = await search("We sell a CRM to companies like Alpha Bank AG", 5);
    expect(r.query.exemplars).toEqual(["alpha bank ag"]);
    expect(r.hits.map((h) => h.lead.companyName)).not.toContain("Alpha Bank AG");
    expect(r.hits.every((h) => typeof h.explanation.exemplarSimilarity === "number")).toBe(true);
    const holding = r.hits.find((h) => h.lead.companyName === "Alpha Bank Holding")!;
    expect(holding.explanation.exemplarSimilarity as number).toBeGreaterThan(0.5);
  });

  it("F-5 LLM judges weak evidence for at most 30% of K, costs tokens at configured prices; F-10 cold start answers when the LLM is down", async () => {
    llm.state.failing = false;
    const r = await search("We sell payroll software to companies in Germany", 10);
    const weak = r.hits.filter((h) => h.explanation.scorer !== "BM25");
    expect(r.llmCalls).toBeGreaterThan(0);
    expect(r.llmCalls).toBeLessThanOrEqual(3); // 30% of 10
    const judged = r.hits.filter((h) => h.explanation.scorer === "LLM");
    expect(judged).toHaveLength(r.llmCalls);
    expect(judged[0]!.explanation.llmLikelihood).toBe(0.3);
    expect(judged[0]!.explanation.costUsd as number).toBeCloseTo((400 / 1000) * 0.00015 + (40 / 1000) * 0.0006, 12);
    expect(r.costUsd).toBeCloseTo(judged.reduce((s, h) => s + (h.explanation.costUsd as number), 0), 12);
    expect(weak.length).toBeGreaterThanOrEqual(judged.length);
    const again = await search("We sell payroll software to companies in Germany", 10);
    expect(again.cached).toBe(true);
    expect(again.costUsd).toBe(0);

    llm.state.failing = true;
    const down = await search("We sell marketing automation to companies in Germany", 10);
    const scorers = new Set(down.hits.map((h) => h.explanation.scorer));
    expect(scorers.has("LLM")).toBe(false);
    expect(scorers.has("COLD_START")).toBe(true);
    expect(down.costUsd).toBe(0);
    const cold = down.hits.find((h) => h.explanation.scorer === "COLD_START")!;
    expect(cold.explanation.coldStartLikelihood as number).toBeGreaterThan(0);
    llm.state.failing = false;
  });

  it("F-9 stores near-duplicates without scoring them, flags plagiarism, and alerts", async () => {
    const text = "Epsilon Retail is hiring a CRM manager for its sales pipeline and account executives";
    const first = await submit(miner1, [{ leadId: ids["Epsilon Retail GmbH"], source: "JOB_POSTING", text, observedAt: ago(2) }]);
    expect(first.data!.submitIntentSnippets[0]!.duplicateOf).toBeNull();
    expect(first.data!.submitIntentSnippets[0]!.simhash).toMatch(/^-?\d+$/);
    const copy = await submit(miner2, [{ leadId: ids["Epsilon Retail GmbH"], source: "JOB_POSTING", text: text.replace("hiring", "Hiring"), observedAt: ago(1) }]);
    expect(copy.data!.submitIntentSnippets[0]).toMatchObject({ duplicateOf: first.data!.submitIntentSnippets[0]!.id, plagiarism: true });
    const postings = await t.db.prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM leads.snippet_term WHERE snippet_id = ${copy.data!.submitIntentSnippets[0]!.id}::uuid`;
    expect(Number(postings[0]!.n)).toBe(0);
    const alerts = await t.gql<{ leadQualityAlerts: Array<{ kind: string; subject: string }> }>(`query { leadQualityAlerts { kind subject } }`, {}, { token: admin });
    expect(alerts.data!.leadQualityAlerts).toContainEqual({ kind: "miner_plagiarism", subject: "miner-2" });
    expect((await submit(seller, [{ leadId: ids["Epsilon Retail GmbH"], source: "NEWS", text: "x" }])).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await submit(miner1, [{ leadId: ids["Epsilon Retail GmbH"], source: "NEWS", text: "" }])).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const many = Array.from({ length: 501 }, () => ({ leadId: ids["Epsilon Retail GmbH"], source: "NEWS", text: "x" }));
    expect((await submit(miner1, many)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await t.gql(`query { leadQualityAlerts { kind } }`, {}, { token: seller })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("F-9 records outcomes of returned leads and derives miners' quality factors and shares", async () => {
    const r = await search("We sell a CRM to banks in Germany", 5, seller);
    const alpha = r.hits.find((h) => h.snippets.some((s) => s.minerId))!;
    const outcome = (kind: string, token = seller, leadId = alpha.lead.id) =>
      t.gql<{ recordLeadOutcome: boolean }>(`mutation ($q: ID!, $l: ID!, $k: LeadOutcomeKind!) { recordLeadOutcome(queryId: $q, leadId: $l, kind: $k) }`, { q: r.queryId, l: leadId, k: kind }, { token });
    expect((await outcome("IMPRESSION")).data!.recordLeadOutcome).toBe(true);
    expect((await outcome("CLICK")).data!.recordLeadOutcome).toBe(true);
    expect((await outcome("CLICK")).data!.recordLeadOutcome).toBe(false);
    expect((await outcome("CLICK", miner1)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await outcome("CLICK", seller, "00000000-0000-4000-8000-000000000000")).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const q = await t.gql<{ minerQuality: Array<{ userId: string; impressions: number; clicks: number; snippetsFlagged: number; qualityFactor: number; emissionShare: number }> }>(
      `query { minerQuality { userId impressions clicks snippetsFlagged qualityFactor emissionShare } }`,
      {},
      { token: admin },
    );
    const m = q.data!.minerQuality;
    expect(m.reduce((s, x) => s + x.emissionShare, 0)).toBeCloseTo(1, 9);
    const one = m.find((x) => x.userId === "miner-1")!;
    const two = m.find((x) => x.userId === "miner-2")!;
    expect(one.impressions).toBeGreaterThanOrEqual(1);
    expect(one.clicks).toBeGreaterThanOrEqual(1);
    expect(two.snippetsFlagged).toBe(1);
    expect(one.qualityFactor).toBeGreaterThan(two.qualityFactor);

    // F-10: returned hits keep their features; outcomes and LLM judgements label them for the cold-start model.
    const data = await leadsTrainableModels[0]!.dataset({ db: t.db, log: () => undefined });
    expect(data.model).toBe("leads-cold-start");
    expect(data.features.map((f) => f.name)).toEqual(["bm25", "decayed", "snippets", "hasJobPosting", "churn", "fit", "employeeLog"]);
    const labels = Array.from(data.labels);
    expect(labels).toContain(1); // the click
    expect(labels).toContain(0.3); // an LLM judgement, distilled
    expect(labels.every((l) => l >= 0 && l <= 1)).toBe(true);
    expect(data.rows.every((r) => Array.isArray(r) && r.length === 7)).toBe(true);
  });

  it("F-9 lowers the reputation of a submitter of junk prompts, alerts, and tightens their rate limit", async () => {
    const junk = await t.token(["reader"], "junk-1");
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await t.gql(`query ($p: String!) { findLeads(prompt: $p, k: 3) { queryId } }`, { p: ["zorp blik quux", "blik zorp", "quux quux zorp"][i % 3] }, { token: junk });
      if (res.errors?.[0]?.extensions?.code === "RATE_LIMITED") limited = true;
      else expect(res.errors).toBeUndefined();
    }
    expect(limited).toBe(true);
    const alerts = await t.gql<{ leadQualityAlerts: Array<{ kind: string; subject: string; value: number }> }>(`query { leadQualityAlerts { kind subject value } }`, {}, { token: admin });
    const alert = alerts.data!.leadQualityAlerts.find((a) => a.kind === "low_reputation" && a.subject === "junk-1")!;
    expect(alert.value).toBeLessThan(0.35);
    const rep = await t.gql<{ myLeadReputation: { score: number } }>(`query { myLeadReputation { score queries } }`, {}, { token: seller });
    expect(rep.data!.myLeadReputation.score).toBeGreaterThan(0.35);
  });

  it("serves stage histograms, cost, scorer counters and reputation gauges on the leads subgraph's /metrics", async () => {
    const leads = t.platform.subgraphs.find((s) => s.name === "leads")!;
    const text = await (await fetch(new URL("/metrics", leads.url))).text();
    for (const stage of ["parse", "retrieve", "relax", "exemplar_ann", "bm25", "llm", "cold_start", "trim"]) expect(text).toMatch(new RegExp(`leads_stage_duration_seconds_count\\{[^}]*stage="${stage}"`));
    expect(text).toMatch(/lead_cost_usd_count\{service="leads"\} [1-9]/);
    expect(text).toMatch(/llm_hit\{[^}]*scorer="LLM"[^}]*\} [1-9]/);
    expect(text).toMatch(/leads_submitter_reputation\{[^}]*submitter="junk-1"/);
  });
});
