import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, type GraphQLResponse, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();

type Hit = { score: number };
type Searches = {
  similarOpportunities: Array<Hit & { opportunity: { id: string } }>;
  searchLeads: Array<Hit & { lead: { id: string }; matchedIntent: { id: string } | null }>;
  searchKnowledge: Array<Hit & { lexicalRank: number | null; vectorRank: number | null; citation: { sourceId: string; headingPath: string[] } }>;
  recommend: Array<Hit & { item: { id: string } }>;
  opportunity: { recommendations: Array<Hit & { item: { id: string } }> };
};

/** Scores within [0, 1], best first. */
function expectRanked(hits: Hit[]): void {
  expect(hits.length).toBeGreaterThan(0);
  for (const h of hits) {
    expect(h.score).toBeGreaterThanOrEqual(0);
    expect(h.score).toBeLessThanOrEqual(1);
  }
  for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
}

describe.each(kinds)("degraded answers while the ml-runtime is down, on %s", (kind) => {
  let t: TestPlatform;
  const ids = { opportunity: "", lead: "", intent: "", item: "", playbook: "", source: "" };
  /** Each query text is new, so the embedding client's cache cannot answer for the runtime. */
  let round = 0;
  const searches = () => {
    const n = ++round;
    return {
      similarOpportunities: `query ($id: ID!) { similarOpportunities(text: "zeppelin hangar telemetry ${n}", k: 3) { score opportunity { id } } opportunity(id: $id) { id } }`,
      searchLeads: `{ searchLeads(prompt: "who asked about beekeeping sensors? ${n}", k: 3) { score lead { id } matchedIntent { id } } }`,
      searchKnowledge: `{ searchKnowledge(query: "how often are the lighthouse lenses polished ${n}", k: 3) { score lexicalRank vectorRank citation { sourceId headingPath } } }`,
      recommend: `{ recommend(forText: "objection about glacier hiking insurance ${n}", k: 3) { score item { id } } }`,
      recommendations: `query ($id: ID!) { opportunity(id: $id) { recommendations(k: 2) { score item { id } } } }`,
    };
  };

  const gql = <T>(query: string) => t.gql<T>(query, query.includes("$id") ? { id: ids.opportunity } : {});
  const mutation = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await t.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    // Distinctive records, each with an ordinary neighbour that shares only common words.
    for (const [companyName, title, description] of [
      ["Quixote Airships AG", "Zeppelin hangar telemetry", "Sensors and telemetry for the airship hangar"],
      ["Plain Freight GmbH", "Warehouse telemetry", "Temperature sensors for a warehouse"],
    ]) {
      const data = await mutation<{ createOpportunity: { id: string } }>(`mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { source: "APN", externalId: `DG-${companyName!.split(" ")[0]}`, companyName, title, description },
      });
      if (!ids.opportunity) ids.opportunity = data.createOpportunity.id;
    }
    for (const [companyName, description, intent] of [
      ["Honeycomb Apiaries", "Apiary cooperative in the Alps", "Asked about beekeeping sensors for their hives"],
      ["Generic Retail", "Retail chain", "Asked about sensors for shop doors"],
    ]) {
      const lead = await mutation<{ createLead: { id: string } }>(`mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }`, { input: { companyName, description } });
      const snippet = await mutation<{ addIntentSnippet: { id: string } }>(
        `mutation ($leadId: ID!, $text: String!) { addIntentSnippet(leadId: $leadId, input: { text: $text }) { id } }`,
        { leadId: lead.createLead.id, text: intent },
      );
      if (!ids.lead) [ids.lead, ids.intent] = [lead.createLead.id, snippet.addIntentSnippet.id];
    }
    for (const [kindName, title, body] of [
      ["OBJECTION_RESPONSE", "Glacier hiking insurance objection", "When the customer doubts the glacier hiking insurance, show the claims record."],
      ["PLAYBOOK", "Airship hangar telemetry playbook", "Steps to sell telemetry for zeppelin hangars."],
      ["CONTENT", "Insurance basics", "What an insurance policy covers."],
    ]) {
      const data = await mutation<{ createRecommendationItem: { id: string } }>(
        `mutation ($input: CreateRecommendationItemInput!) { createRecommendationItem(input: $input) { id } }`,
        { input: { kind: kindName, title, body } },
      );
      if (kindName === "OBJECTION_RESPONSE") ids.item = data.createRecommendationItem.id;
      if (kindName === "PLAYBOOK") ids.playbook = data.createRecommendationItem.id;
    }
    const doc = ["# Lighthouse manual", "", "## Lenses", "", "The Fresnel lenses are polished every week.", "", "## Fuel", "", "The lamp burns paraffin oil."].join("\n");
    const source = await mutation<{ ingestText: { id: string } }>(`mutation ($input: IngestTextInput!) { ingestText(input: $input) { id } }`, {
      input: { title: "Lighthouse manual", text: doc, mimeType: "text/markdown" },
    });
    ids.source = source.ingestText.id;
  });
  afterAll(async () => t?.close());

  it("answers with vectors and without the flag while the ml-runtime is up", async () => {
    const res = await gql<Searches>(searches().recommend);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recommend.length).toBeGreaterThan(0);
    expect((res as { extensions?: unknown }).extensions).toBeUndefined();
  });

  it("answers every search from lexical retrieval with extensions.degraded while the ml-runtime is down", async () => {
    await t.platform.stopMlRuntime();
    const q = searches();
    const results: Record<string, GraphQLResponse<Searches> & { extensions?: { degraded?: boolean } }> = {};
    for (const [name, query] of Object.entries(q)) results[name] = await gql<Searches>(query);
    for (const [name, res] of Object.entries(results)) {
      expect(res.errors, name).toBeUndefined();
      expect(res.status, name).toBe(200);
      expect(res.extensions?.degraded, name).toBe(true);
    }
    const opportunities = results.similarOpportunities!.data!.similarOpportunities;
    expect(opportunities[0]!.opportunity.id).toBe(ids.opportunity);
    expectRanked(opportunities);

    const leads = results.searchLeads!.data!.searchLeads;
    expect(leads[0]!.lead.id).toBe(ids.lead);
    expect(leads[0]!.matchedIntent?.id).toBe(ids.intent);
    expectRanked(leads);

    const knowledge = results.searchKnowledge!.data!.searchKnowledge;
    expect(knowledge[0]!.citation).toMatchObject({ sourceId: ids.source, headingPath: expect.arrayContaining(["Lenses"]) });
    expect(knowledge.every((h, i) => h.lexicalRank === i + 1 && h.vectorRank === null)).toBe(true);
    expectRanked(knowledge);

    const items = results.recommend!.data!.recommend;
    expect(items[0]!.item.id).toBe(ids.item);
    expectRanked(items);

    // Opportunity.recommendations: the recommendations subgraph answers the gateway's _entities fetch degraded.
    const forOpportunity = results.recommendations!.data!.opportunity.recommendations;
    expect(forOpportunity[0]!.item.id).toBe(ids.playbook);
    expectRanked(forOpportunity);

    // All in one request: the flag comes through when any subgraph fetch was degraded.
    const all = await gql<Searches>(`query ($id: ID!) {
      similarOpportunities(text: "zeppelin", k: 1) { score }
      searchLeads(prompt: "beekeeping", k: 1) { score }
      opportunity(id: $id) { title recommendations(k: 1) { score } }
    }`);
    expect(all.errors).toBeUndefined();
    expect((all as { extensions?: { degraded?: boolean } }).extensions?.degraded).toBe(true);
  });

  it("counts and logs degraded answers, and the breaker opens", async () => {
    const gatewayMetrics = await (await fetch(new URL("/metrics", t.platform.url))).text();
    expect(gatewayMetrics).toMatch(/degraded_responses_total\{operation="anonymous",service="gateway"\} [1-9]/);
    const leads = t.platform.subgraphs.find((s) => s.name === "leads")!;
    const leadsMetrics = await (await fetch(new URL("/metrics", leads.url))).text();
    expect(leadsMetrics).toMatch(/degraded_responses_total\{operation="searchLeads",service="leads"\} [1-9]/);
    const warnings = t.logs.filter((l) => l.level === 40 && l.msg === "degraded answer: ml-runtime unavailable, answered from lexical retrieval");
    expect(new Set(warnings.map((l) => l.operation))).toEqual(new Set(["similarOpportunities", "searchLeads", "searchKnowledge", "recommend", "Opportunity.recommendations"]));
    expect(t.logs.some((l) => l.msg === "ml-runtime circuit open")).toBe(true);
  });

  it("refuses writes that need a vector with UNAVAILABLE and writes nothing", async () => {
    const leads = await t.db.prisma.lead.count();
    const items = await t.db.prisma.recommendationItem.count();
    const lead = await t.gql(`mutation { createLead(input: { companyName: "Never Written Ltd" }) { id } }`);
    expect(lead.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
    const item = await t.gql(`mutation { createRecommendationItem(input: { kind: CONTENT, title: "Never written", body: "Nothing" }) { id } }`);
    expect(item.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
    expect(await t.db.prisma.lead.count()).toBe(leads);
    expect(await t.db.prisma.recommendationItem.count()).toBe(items);
  });

  it("recovers by itself once the ml-runtime is back on its port", async () => {
    await t.platform.startMlRuntime();
    // The breaker lets a probe through after its cool-down; until then searches stay degraded.
    let res: GraphQLResponse<Searches> & { extensions?: { degraded?: boolean } };
    const deadline = Date.now() + 60_000;
    do {
      res = await gql<Searches>(searches().recommend);
      expect(res.errors).toBeUndefined();
      if (!res.extensions?.degraded) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } while (Date.now() < deadline);
    expect(res.extensions?.degraded).toBeUndefined();
    expect(res.data!.recommend.length).toBeGreaterThan(0);
    expect(t.logs.some((l) => l.msg === "ml-runtime circuit closed")).toBe(true);
    const created = await t.gql(`mutation { createLead(input: { companyName: "Written Again Ltd" }) { id } }`);
    expect(created.errors).toBeUndefined();
  });
});
