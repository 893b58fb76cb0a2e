import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

// What a new user meets after `npm start`: the demo leads answer `findLeads` with filters met and
// intent evidence, and a signal recorded with `addIntentSnippet` counts at once.
const SEARCH = `query ($prompt: String!) { findLeads(prompt: $prompt, k: 10) {
  query { industries countries technologies }
  hits { score filtersMet filtersRelaxed lead { id companyName country industry }
    explanation { fit bm25 decay intent scorer } snippets { id source text } } } }`;

interface Hit {
  score: number;
  filtersMet: string[];
  filtersRelaxed: string[];
  lead: { id: string; companyName: string; country: string; industry: string };
  explanation: { fit: number; bm25: number; decay: number; intent: number; scorer: string };
  snippets: Array<{ id: string; source: string; text: string }>;
}
interface Search {
  query: { industries: string[]; countries: string[]; technologies: string[] };
  hits: Hit[];
}

describe("leads on the demo data (pglite, as npm start)", () => {
  let t: TestPlatform;
  const search = async (prompt: string): Promise<Search> => {
    const res = await t.gql<{ findLeads: Search }>(SEARCH, { prompt });
    expect(res.errors).toBeUndefined();
    return res.data!.findLeads;
  };

  beforeAll(async () => {
    t = await startTestPlatform("pglite", { seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("indexes the seeded signals in the background and ranks leads by filters met and intent", async () => {
    const prompt = "We sell managed Kubernetes to software companies in Germany";
    let found = await search(prompt);
    for (let i = 0; i < 50 && !found.hits.some((h) => h.explanation.bm25 > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      found = await search(prompt + " ".repeat(i + 1)); // a new text each time: past the result cache
    }
    expect(found.query).toMatchObject({ industries: ["software"], countries: ["DE"] });
    expect(found.hits).toHaveLength(10);
    // 300 demo leads hold few German software companies: filters are relaxed, and every hit says
    // truly which ones it meets (the seed writes ISO codes and taxonomy ids the filters compare with).
    for (const h of found.hits) {
      expect([...h.filtersMet, ...h.filtersRelaxed].sort()).toEqual(["countries", "industries"]);
      expect(h.lead.country === "DE").toBe(h.filtersMet.includes("countries"));
      expect(h.lead.industry === "software").toBe(h.filtersMet.includes("industries"));
    }
    expect(found.hits.filter((h) => h.filtersMet.length > 0).length).toBeGreaterThanOrEqual(3);
    const [top] = found.hits;
    expect(top!.filtersMet.length).toBeGreaterThan(0);
    expect(top!.explanation.bm25).toBeGreaterThan(0);
    expect(top!.explanation.decay).toBeGreaterThan(0.2); // signals dated relative to the seed's day, not its 2025 epoch
    expect(top!.snippets.some((s) => /kubernetes/i.test(s.text))).toBe(true);
    for (let i = 1; i < found.hits.length; i++) expect(found.hits[i]!.score).toBeLessThanOrEqual(found.hits[i - 1]!.score);
    const [{ n }] = await t.db.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM leads.intent_snippet i WHERE NOT EXISTS (SELECT 1 FROM leads.snippet s WHERE s.id = i.id)`;
    expect(n).toBe(0);
  });

  it("scores a signal recorded with addIntentSnippet in the next search", async () => {
    const before = await search("quantum zeppelin telemetry");
    expect(before.hits.every((h) => h.explanation.bm25 === 0)).toBe(true);
    const lead = before.hits[0]?.lead ?? (await search("software companies")).hits[0]!.lead;
    const added = await t.gql<{ addIntentSnippet: { id: string } }>(
      `mutation ($leadId: ID!) { addIntentSnippet(leadId: $leadId, input: { text: "Evaluating quantum zeppelin telemetry vendors this quarter", source: "webinar" }) { id } }`,
      { leadId: lead.id },
    );
    expect(added.errors).toBeUndefined();
    const after = await search("quantum zeppelin telemetry");
    expect(after.hits[0]!.lead.id).toBe(lead.id);
    expect(after.hits[0]!.explanation.bm25).toBeGreaterThan(0);
    expect(after.hits[0]!.snippets).toEqual([expect.objectContaining({ id: added.data!.addIntentSnippet.id, source: "WEB_VISIT" })]);
  });
});
