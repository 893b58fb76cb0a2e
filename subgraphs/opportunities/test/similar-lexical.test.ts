import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, lexicalSearchSql, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { lexicalOpportunityIds, OPPORTUNITY_LEXICAL } from "../src/db/opportunities.js";
import { normalizeCompanyName } from "../src/matching/normalize.js";
import { similarOpportunities } from "../src/service/opportunities.js";

const KINDS: DbKind[] = ["pglite", "postgres"];

/** A loopback URL nothing listens on: connections are refused, as with a stopped ml-runtime. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const ROWS = [
  { source: "apn", externalId: "A-1", companyName: "Globex GmbH", title: "Kubernetes platform migration", description: "Move the build farm to EKS" },
  { source: "apn", externalId: "A-2", companyName: "Initech Inc.", title: "SAP migration to AWS", description: "Lift and shift of the ERP landscape" },
  { source: "odoo", externalId: "O-1", companyName: "Initech", title: "SAP on AWS", description: "ERP migration, phase two" },
  { source: "odoo", externalId: "O-2", companyName: "Umbrella Corporation", title: "Data lake", description: "Analytics platform for clinical trials" },
  { source: "odoo", externalId: "O-3", companyName: "Hooli", title: "Cloud migration assessment", description: null },
];

function expectRanked(hits: Array<{ score: number }>): void {
  for (const h of hits) {
    expect(h.score).toBeGreaterThanOrEqual(0);
    expect(h.score).toBeLessThanOrEqual(1);
  }
  for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
}

describe.each(KINDS)("similarOpportunities by lexical retrieval on %s", (kind) => {
  let db: TestDatabase;
  let ctx: SubgraphContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const row of ROWS) ids[row.externalId] = (await db.prisma.opportunity.create({ data: { ...row, nameNorm: normalizeCompanyName(row.companyName) } })).id;
    const ml = createEmbeddingClient({ baseUrl: await closedUrl(), defaultModel: "all-minilm-l6-v2" });
    ctx = { requestId: "t", identity: null, log: createLogger("opportunities-test", "silent"), db, ml, pubSub: createInProcessPubSub(), loader: createLoaderRegistry().loader, degraded: [] };
  });
  afterAll(async () => {
    await db?.drop();
  });

  const lexical = (text: string, k: number, source?: string) => lexicalOpportunityIds(db, text, normalizeCompanyName(text), k, source);

  it("ranks the opportunity whose distinctive words the text names first, scores in [0, 1]", async () => {
    const hits = await lexical("clinical trials analytics", 5);
    expect(hits[0]).toEqual({ id: ids["O-2"], score: 1 });
    const sap = await lexical("SAP ERP migration for Initech", 5);
    expect(sap.slice(0, 2).map((h) => h.id).sort()).toEqual([ids["A-2"], ids["O-1"]].sort());
    expectRanked(sap);
  });

  it("keeps to one source when asked", async () => {
    expect((await lexical("SAP migration", 5, "odoo")).map((h) => h.id)).toEqual([ids["O-1"], ids["O-3"]]);
  });

  it("finds a company by its normalised name despite a typo and a legal form", async () => {
    expect((await lexical("Umbrela Corp.", 3))[0]!.id).toBe(ids["O-2"]);
  });

  it("uses the GIN indexes (document and name_norm trigrams)", async () => {
    const plan = await db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`;
      const sql = lexicalSearchSql(OPPORTUNITY_LEXICAL, "Globex migration", 5, { nameQuery: normalizeCompanyName("Globex migration") });
      const rows = await tx.$queryRaw<Array<{ "QUERY PLAN": string }>>`EXPLAIN ${sql}`;
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("opportunity_document_idx");
    expect(plan).toContain("opportunity_name_norm_trgm_idx");
  });

  it("similarOpportunities answers lexically while the ml-runtime is unreachable, marked degraded", async () => {
    ctx.degraded = [];
    const hits = await similarOpportunities(ctx, { text: "Kubernetes platform for Globex", k: 3 });
    expect(hits[0]!.opportunity.id).toBe(ids["A-1"]);
    expectRanked(hits);
    expect(ctx.degraded).toEqual([{ operation: "similarOpportunities", reason: expect.any(String) }]);
  });
});
