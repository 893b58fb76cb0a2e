import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, Prisma, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient, MlRuntimeUnavailableError } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, lexicalSearchSql, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { INTENT_LEXICAL, LEAD_LEXICAL, lexicalIntentIds, lexicalLeadIds } from "../src/db/leads.js";
import { createLead, searchLeads } from "../src/service/leads.js";

const KINDS: DbKind[] = ["pglite", "postgres"];

/** A loopback URL nothing listens on: connections are refused, as with a stopped ml-runtime. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const LEADS = [
  { companyName: "Globex Corporation", domain: "globex.com", industry: "Manufacturing", country: "Germany", description: "Evaluating a new CRM for the sales team" },
  { companyName: "Initech", domain: "initech.io", industry: "Software", country: "USA", description: "Moving the data warehouse to the cloud" },
  { companyName: "Umbrella Health", domain: null, industry: "Healthcare", country: "UK", description: "Cloud migration of patient records" },
  { companyName: "Hooli", domain: "hooli.xyz", industry: "Software", country: "USA", description: "Cloud cost review" },
  { companyName: "Vandelay Industries", domain: null, industry: "Logistics", country: "USA", description: "Zanzibar shipping cloud platform" },
];

/** Scores within [0, 1] and best first. */
function expectRanked(hits: Array<{ score: number }>): void {
  for (const h of hits) {
    expect(h.score).toBeGreaterThanOrEqual(0);
    expect(h.score).toBeLessThanOrEqual(1);
  }
  for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
}

describe.each(KINDS)("lexical lead search on %s", (kind) => {
  let db: TestDatabase;
  let ctx: SubgraphContext;
  const ids: Record<string, string> = {};
  const intents: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const lead of LEADS) ids[lead.companyName] = (await db.prisma.lead.create({ data: lead })).id;
    for (const [company, text] of [
      ["Initech", "Asked about single sign-on for the payroll portal"],
      ["Hooli", "Downloaded the whitepaper on Kubernetes cost control"],
      ["Hooli", "Visited the pricing page twice"],
    ] as const) {
      intents[text] = (await db.prisma.intentSnippet.create({ data: { leadId: ids[company]!, text, observedAt: new Date() } })).id;
    }
    const ml = createEmbeddingClient({ baseUrl: await closedUrl(), defaultModel: "all-minilm-l6-v2" });
    ctx = { requestId: "t", identity: null, log: createLogger("leads-test", "silent"), db, ml, pubSub: createInProcessPubSub(), loader: createLoaderRegistry().loader, degraded: [] };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("ranks the lead whose distinctive words the prompt names first, with a full match scoring 1", async () => {
    const hits = await lexicalLeadIds(db, "a Zanzibar shipping company on the cloud", 10);
    expect(hits[0]!.id).toBe(ids["Vandelay Industries"]);
    expect(hits[0]!.score).toBeLessThan(1); // "company" is in no lead
    expectRanked(hits);
    expect(await lexicalLeadIds(db, "the Zanzibar shipping", 10)).toEqual([{ id: ids["Vandelay Industries"], score: 1 }]);
  });

  it("weighs a rare word above common ones (IDF) and lets any word match", async () => {
    // "cloud" is in three descriptions, "warehouse" in one: Initech has both, then the rare word beats the common one.
    const hits = await lexicalLeadIds(db, "cloud warehouse", 10);
    expect(hits[0]!.id).toBe(ids.Initech);
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([ids["Umbrella Health"], ids.Hooli, ids["Vandelay Industries"]]));
    expectRanked(hits);
    const [rare] = await lexicalLeadIds(db, "warehouse", 10);
    const common = (await lexicalLeadIds(db, "cloud", 10)).find((h) => h.id === ids.Hooli)!;
    expect(rare!.score).toBe(1);
    expect(common.score).toBe(1);
    const mixed = await lexicalLeadIds(db, "warehouse patient", 10);
    expect(mixed).toHaveLength(2);
  });

  it("finds a misspelt company name by trigram similarity", async () => {
    const hits = await lexicalLeadIds(db, "Globex Corporaton", 3);
    expect(hits[0]!.id).toBe(ids["Globex Corporation"]);
    expectRanked(hits);
    const typo = await lexicalLeadIds(db, "Globx Corporation", 3);
    expect(typo[0]!.id).toBe(ids["Globex Corporation"]);
  });

  it("matches intent snippets by their words, stems included", async () => {
    const hits = await lexicalIntentIds(db, "kubernetes costs", 10);
    expect(hits[0]).toEqual({ id: intents["Downloaded the whitepaper on Kubernetes cost control"], score: 1 });
    expectRanked(hits);
  });

  it("answers nothing (and no error) for a prompt of stop words only", async () => {
    expect(await lexicalLeadIds(db, "the and of", 10)).toEqual([]);
    expect(await lexicalIntentIds(db, "", 10)).toEqual([]);
  });

  it("uses the GIN indexes of migration lexical_fallback", async () => {
    const plan = async (sql: Prisma.Sql) =>
      db.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`;
        const rows = await tx.$queryRaw<Array<{ "QUERY PLAN": string }>>`EXPLAIN ${sql}`;
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    const leadPlan = await plan(lexicalSearchSql(LEAD_LEXICAL, "Globex CRM", 10));
    expect(leadPlan).toContain("lead_document_idx");
    expect(leadPlan).toContain("lead_company_name_trgm_idx");
    expect(await plan(lexicalSearchSql(INTENT_LEXICAL, "pricing", 10))).toContain("intent_snippet_document_idx");
  });

  it("searchLeads answers from lexical retrieval while the ml-runtime is unreachable, and marks the request degraded", async () => {
    ctx.degraded = [];
    const hits = await searchLeads(ctx, { prompt: "Kubernetes cost whitepaper", k: 3 });
    expect(hits[0]!.lead.id).toBe(ids.Hooli);
    expect(hits[0]!.matchedIntent?.id).toBe(intents["Downloaded the whitepaper on Kubernetes cost control"]);
    expectRanked(hits);
    expect(ctx.degraded).toEqual([{ operation: "searchLeads", reason: expect.stringMatching(/ECONNREFUSED|circuit/) }]);
    // A lead matched by its own words carries no snippet unless one of its snippets matched too.
    const own = await searchLeads(ctx, { prompt: "Globex CRM", k: 1 });
    expect(own).toEqual([{ lead: expect.objectContaining({ id: ids["Globex Corporation"] }), score: 1, matchedIntent: null }]);
  });

  it("createLead still needs the runtime: UNAVAILABLE and nothing written", async () => {
    const before = await db.prisma.lead.count();
    await expect(createLead(ctx, { companyName: "Nowrite Ltd" })).rejects.toBeInstanceOf(MlRuntimeUnavailableError);
    expect(await db.prisma.lead.count()).toBe(before);
  });
});
