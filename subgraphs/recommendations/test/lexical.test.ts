import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient, MlRuntimeUnavailableError } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, lexicalSearchSql, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { ITEM_LEXICAL, lexicalItemIds } from "../src/db/recommendations.js";
import { createItem, recommend, recommendForOpportunity } from "../src/service/recommendations.js";

const KINDS: DbKind[] = ["pglite", "postgres"];

/** A loopback URL nothing listens on: connections are refused, as with a stopped ml-runtime. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const ITEMS = [
  { kind: "objection_response", title: "Answering migration cost concerns", body: "When the customer worries about the cost of migration, show the TCO study and credits.", tags: ["pricing"] },
  { kind: "case_study", title: "Retail company moves storefront to containers", body: "A retailer moved its e-commerce shop to Kubernetes.", tags: ["retail", "kubernetes"] },
  { kind: "playbook", title: "Compliance and security assessment playbook", body: "Steps for a security assessment and landing zone with compliance controls.", tags: ["security"] },
  { kind: "content", title: "Data lake primer", body: "What a data lake is and how analytics teams query it.", tags: ["analytics"] },
];

function expectRanked(hits: Array<{ score: number }>): void {
  for (const h of hits) {
    expect(h.score).toBeGreaterThanOrEqual(0);
    expect(h.score).toBeLessThanOrEqual(1);
  }
  for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
}

describe.each(KINDS)("lexical recommendations on %s", (kind) => {
  let db: TestDatabase;
  let ctx: SubgraphContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const item of ITEMS) ids[item.kind] = (await db.prisma.recommendationItem.create({ data: item })).id;
    const ml = createEmbeddingClient({ baseUrl: await closedUrl(), defaultModel: "all-minilm-l6-v2" });
    ctx = { requestId: "t", identity: null, log: createLogger("recommendations-test", "silent"), db, ml, pubSub: createInProcessPubSub(), loader: createLoaderRegistry().loader, degraded: [] };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("ranks the item whose distinctive words the text names first, scores in [0, 1]", async () => {
    const hits = await lexicalItemIds(db, "security assessment for a bank", 10);
    expect(hits[0]!.id).toBe(ids.playbook);
    expectRanked(hits);
    expect((await lexicalItemIds(db, "kubernetes storefront", 10))[0]).toEqual({ id: ids.case_study, score: 1 });
  });

  it("matches tags and filters by kind", async () => {
    expect((await lexicalItemIds(db, "analytics", 10)).map((h) => h.id)).toEqual([ids.content]);
    expect(await lexicalItemIds(db, "kubernetes", 10, "playbook")).toEqual([]);
    expect((await lexicalItemIds(db, "kubernetes", 10, "case_study")).map((h) => h.id)).toEqual([ids.case_study]);
  });

  it("finds a title by trigram similarity despite a typo", async () => {
    expect((await lexicalItemIds(db, "Data lak primr", 3))[0]!.id).toBe(ids.content);
  });

  it("uses the GIN indexes of migration lexical_fallback", async () => {
    const plan = await db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`;
      const rows = await tx.$queryRaw<Array<{ "QUERY PLAN": string }>>`EXPLAIN ${lexicalSearchSql(ITEM_LEXICAL, "migration cost", 10)}`;
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("item_document_idx");
    expect(plan).toContain("item_title_trgm_idx");
  });

  it("recommend and Opportunity.recommendations answer lexically while the ml-runtime is unreachable, marked degraded", async () => {
    ctx.degraded = [];
    const hits = await recommend(ctx, { text: "customer worried about migration cost", k: 2 });
    expect(hits[0]!.item.id).toBe(ids.objection_response);
    expectRanked(hits);
    expect(await recommend(ctx, { text: "migration cost", k: 5, kind: "playbook" })).toEqual([]);

    const forOpportunity = await recommendForOpportunity(ctx, { companyName: "Shopco", title: "Storefront on containers", description: "Kubernetes for the e-commerce shop" }, 1);
    expect(forOpportunity.map((h) => h.item.id)).toEqual([ids.case_study]);
    expect(ctx.degraded.map((m) => m.operation)).toEqual(["recommend", "Opportunity.recommendations"]);
  });

  it("createItem still needs the runtime: UNAVAILABLE and nothing written", async () => {
    const before = await db.prisma.recommendationItem.count();
    await expect(createItem(ctx, { kind: "content", title: "Not written", body: "Nothing" })).rejects.toBeInstanceOf(MlRuntimeUnavailableError);
    expect(await db.prisma.recommendationItem.count()).toBe(before);
  });
});
