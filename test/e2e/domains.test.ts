import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, subscribe, until, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();

describe.each(kinds)("leads, talent, knowledge and recommendations through the gateway on %s", (kind) => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    console.log(`[e2e] domains suite database: ${t.db.describe()} (model ${t.model})`);
  });
  afterAll(async () => t?.close());

  describe("leads", () => {
    const leadIds: Record<string, string> = {};

    it("creates leads and intent snippets, and lists them", async () => {
      for (const [name, industry, description] of [
        ["Acme Logistics", "Logistics", "Freight forwarding across Europe"],
        ["Bakery Bros", "Food", "Regional chain of artisan bakeries"],
        ["Cyberdyne Health", "Healthcare", "Hospital group with 12 clinics"],
      ]) {
        const res = await t.gql<{ createLead: { id: string } }>(
          `mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }`,
          { input: { companyName: name, industry, description, domain: `https://www.${name.split(" ")[0]!.toLowerCase()}.com/` } },
        );
        expect(res.errors).toBeUndefined();
        leadIds[name!] = res.data!.createLead.id;
      }
      const intent = await t.gql<{ addIntentSnippet: { id: string; lead: { companyName: string } } }>(
        `mutation ($leadId: ID!) { addIntentSnippet(leadId: $leadId, input: { text: "We are evaluating a new CRM for our sales team", source: "linkedin" }) { id lead { companyName } } }`,
        { leadId: leadIds["Bakery Bros"] },
      );
      expect(intent.data!.addIntentSnippet.lead.companyName).toBe("Bakery Bros");
      const list = await t.gql<{ leads: { nodes: Array<{ companyName: string; domain: string; intents: Array<{ text: string }> }> } }>(
        `query { leads(first: 10) { nodes { companyName domain intents { text } } } }`,
      );
      expect(list.data!.leads.nodes.map((n) => n.companyName)).toEqual(["Cyberdyne Health", "Bakery Bros", "Acme Logistics"]);
      expect(list.data!.leads.nodes[1]!.domain).toBe("bakery.com");
      expect(list.data!.leads.nodes[1]!.intents).toHaveLength(1);
    });

    it("searchLeads ranks the lead whose intent matches the prompt first", async () => {
      const res = await t.gql<{ searchLeads: Array<{ score: number; lead: { companyName: string }; matchedIntent: { text: string } | null }> }>(
        `query { searchLeads(prompt: "companies looking for a CRM for sales", k: 3) { score lead { companyName } matchedIntent { text } } }`,
      );
      expect(res.errors).toBeUndefined();
      const hits = res.data!.searchLeads;
      expect(hits[0]!.lead.companyName).toBe("Bakery Bros");
      expect(hits[0]!.matchedIntent?.text).toMatch(/CRM/);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    });

    it("refuses an intent for an unknown lead with NOT_FOUND", async () => {
      const res = await t.gql(`mutation { addIntentSnippet(leadId: "00000000-0000-4000-8000-000000000000", input: { text: "x" }) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });
  });

  describe("talent", () => {
    const ids: Record<string, string> = {};

    it("matches jobs to a talent and talents to a job, with shared skills", async () => {
      const talents = [
        ["Ada Lovelace", "Data engineer", ["Python", "Spark", "AWS"], 7],
        ["Grace Hopper", "Frontend developer", ["TypeScript", "React", "CSS"], 5],
      ] as const;
      for (const [fullName, headline, skills, yearsExperience] of talents) {
        const res = await t.gql<{ createTalent: { id: string } }>(`mutation ($input: CreateTalentInput!) { createTalent(input: $input) { id } }`, {
          input: { fullName, headline, skills, yearsExperience, summary: `${headline} with ${skills.join(", ")}` },
        });
        expect(res.errors).toBeUndefined();
        ids[fullName] = res.data!.createTalent.id;
      }
      for (const [title, skills] of [
        ["Senior data engineer for Spark pipelines", ["spark", "python", "airflow"]],
        ["React frontend engineer", ["react", "typescript"]],
      ] as const) {
        const res = await t.gql<{ createJob: { id: string } }>(`mutation ($input: CreateJobInput!) { createJob(input: $input) { id } }`, {
          input: { title, company: "Initech", description: `${title}. Skills: ${skills.join(", ")}`, skills },
        });
        expect(res.errors).toBeUndefined();
        ids[title] = res.data!.createJob.id;
      }
      // Matches are for the talent, the job's recruiters and admins (test/e2e/talent.test.ts checks each rule).
      const admin = { token: await t.token(["admin"]) };
      const jobs = await t.gql<{ matchJobs: Array<{ job: { title: string }; sharedSkills: string[]; score: number }> }>(
        `query ($id: ID!) { matchJobs(talentId: $id, k: 2) { score sharedSkills job { title } } }`,
        { id: ids["Ada Lovelace"] },
        admin,
      );
      expect(jobs.errors).toBeUndefined();
      expect(jobs.data!.matchJobs[0]!.job.title).toBe("Senior data engineer for Spark pipelines");
      expect(jobs.data!.matchJobs[0]!.sharedSkills.map((s) => s.toLowerCase()).sort()).toEqual(["python", "spark"]);
      const talentsForJob = await t.gql<{ matchTalents: Array<{ talent: { fullName: string } }> }>(
        `query ($id: ID!) { matchTalents(jobId: $id, k: 2) { talent { fullName } } }`,
        { id: ids["React frontend engineer"] },
        admin,
      );
      expect(talentsForJob.data!.matchTalents[0]!.talent.fullName).toBe("Grace Hopper");
      const list = await t.gql<{ talents: { nodes: unknown[] }; jobs: { nodes: unknown[] } }>(`query { talents(first: 5) { nodes { id } } jobs(first: 5) { nodes { id } } }`);
      expect(list.data!.talents.nodes).toHaveLength(2);
      expect(list.data!.jobs.nodes).toHaveLength(2);
    });

    it("refuses out-of-range experience with BAD_USER_INPUT", async () => {
      const res = await t.gql(`mutation { createTalent(input: { fullName: "X", headline: "Y", yearsExperience: 200 }) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(await t.db.prisma.talent.count()).toBe(2);
    });
  });

  describe("knowledge", () => {
    const doc = [
      "# Security whitepaper",
      "",
      "## Encryption",
      "",
      "All customer data is encrypted at rest with AES-256 and in transit with TLS 1.3.",
      "",
      "## Data residency",
      "",
      "Customers choose the region where their data is stored: Frankfurt, Dublin or Virginia.",
    ].join("\n");

    it("ingests a Markdown document and finds the passage with its citation", async () => {
      const ingest = await t.gql<{ ingestText: { id: string; chunkCount: number } }>(
        `mutation ($input: IngestTextInput!) { ingestText(input: $input) { id chunkCount } }`,
        { input: { title: "Security whitepaper", text: doc, mimeType: "text/markdown", tags: ["security"] } },
      );
      expect(ingest.errors).toBeUndefined();
      expect(ingest.data!.ingestText.chunkCount).toBeGreaterThanOrEqual(2);
      const res = await t.gql<{ searchKnowledge: Array<{ score: number; snippet: string; citation: { sourceTitle: string; headingPath: string[]; charStart: number; charEnd: number } }> }>(
        `query { searchKnowledge(query: "in which region is my data stored?", k: 2) { score snippet citation { sourceTitle headingPath charStart charEnd } } }`,
      );
      expect(res.errors).toBeUndefined();
      const top = res.data!.searchKnowledge[0]!;
      expect(top.citation.sourceTitle).toBe("Security whitepaper");
      expect(top.citation.headingPath).toContain("Data residency");
      expect(doc.slice(top.citation.charStart, top.citation.charEnd)).toContain("Frankfurt");
      const sources = await t.gql<{ knowledgeSources: { nodes: Array<{ title: string }> } }>(`query { knowledgeSources(first: 5, tag: "security") { nodes { title } } }`);
      expect(sources.data!.knowledgeSources.nodes.map((n) => n.title)).toEqual(["Security whitepaper"]);
    });

    it("refuses an unsupported type with BAD_USER_INPUT and stores nothing", async () => {
      const before = await t.db.prisma.knowledgeSource.count();
      const res = await t.gql(`mutation { ingestText(input: { title: "x", text: "y", mimeType: "application/x-msdownload" }) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(await t.db.prisma.knowledgeSource.count()).toBe(before);
    });

    it("delivers knowledgeSourceIngested through the gateway", async () => {
      const sub = subscribe<{ data: { knowledgeSourceIngested: { title: string; chunkCount: number } } }>(
        t.ws(),
        `subscription { knowledgeSourceIngested { title chunkCount } }`,
      );
      let n = 0;
      await until(
        () => sub.events.length > 0,
        () => t.gql(`mutation ($input: IngestTextInput!) { ingestText(input: $input) { id } }`, { input: { title: `Note ${n}`, text: `Pricing note number ${n++}`, mimeType: "text/plain" } }),
      );
      sub.dispose();
      expect(sub.events[0]!.data.knowledgeSourceIngested.title).toMatch(/^Note \d+$/);
      expect(sub.events[0]!.data.knowledgeSourceIngested.chunkCount).toBe(1);
    });
  });

  describe("recommendations", () => {
    it("recommends the item closest to a text and counts feedback", async () => {
      const ids: string[] = [];
      for (const [kind, title, body] of [
        ["OBJECTION_RESPONSE", "Price is too high", "When a prospect says the price is too high, walk through the ROI calculator and payback period."],
        ["CASE_STUDY", "Hospital cuts wait times", "A hospital group reduced patient wait times by 30% with scheduling analytics."],
      ]) {
        const res = await t.gql<{ createRecommendationItem: { id: string } }>(
          `mutation ($input: CreateRecommendationItemInput!) { createRecommendationItem(input: $input) { id } }`,
          { input: { kind, title, body } },
        );
        expect(res.errors).toBeUndefined();
        ids.push(res.data!.createRecommendationItem.id);
      }
      const res = await t.gql<{ recommend: Array<{ item: { title: string } }> }>(
        `query { recommend(forText: "the customer thinks our product is too expensive", k: 2) { score item { title } } }`,
      );
      expect(res.data!.recommend[0]!.item.title).toBe("Price is too high");
      const filtered = await t.gql<{ recommend: Array<{ item: { title: string } }> }>(
        `query { recommend(forText: "the customer thinks our product is too expensive", k: 2, kind: CASE_STUDY) { item { title } } }`,
      );
      expect(filtered.data!.recommend.map((h) => h.item.title)).toEqual(["Hospital cuts wait times"]);
      // One vote per user and item: user-1's last vote (DOWN) replaces the earlier ones; another user's UP counts too.
      for (const signal of ["UP", "UP", "DOWN"]) {
        expect((await t.gql(`mutation ($id: ID!, $s: FeedbackSignal!) { recordFeedback(itemId: $id, signal: $s) }`, { id: ids[0], s: signal })).errors).toBeUndefined();
      }
      const other = await t.token(["reader"], "user-2");
      expect((await t.gql(`mutation ($id: ID!) { recordFeedback(itemId: $id, signal: UP) }`, { id: ids[0] }, { token: other })).errors).toBeUndefined();
      const item = await t.gql<{ recommendationItem: { feedbackScore: number } }>(`query ($id: ID!) { recommendationItem(id: $id) { feedbackScore } }`, { id: ids[0] });
      expect(item.data!.recommendationItem.feedbackScore).toBe(0);
      const rows = await t.db.prisma.recommendationFeedback.findMany({ where: { itemId: ids[0] }, orderBy: { userId: "asc" } });
      expect(rows.map((r) => [r.userId, r.signal])).toEqual([["user-1", "down"], ["user-2", "up"]]);
    });
  });
});
