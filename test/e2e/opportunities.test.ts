import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOpportunityInput!) {
    createOpportunity(input: $input) { id source externalId companyName title amount closeDate embeddingModel }
  }`;

const deals = [
  { externalId: "A-1", companyName: "Northwind Traders GmbH", title: "Migrate SAP ERP to AWS", description: "Lift and shift of SAP S/4HANA workloads to EC2 with backup to S3" },
  { externalId: "A-2", companyName: "Contoso Pharma Inc", title: "Genomics data lake", description: "Analytics platform for sequencing data on S3 and Athena" },
  { externalId: "A-3", companyName: "Fabrikam Retail Ltd", title: "E-commerce storefront modernisation", description: "Move the online shop to containers on EKS with autoscaling" },
];

describe.each(kinds)("opportunities through the gateway on %s", (kind) => {
  let t: TestPlatform;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    console.log(`[e2e] opportunities suite database: ${t.db.describe()} (model ${t.model})`);
  });
  afterAll(async () => t?.close());

  it("creates opportunities with their embedding in one write", async () => {
    for (const deal of deals) {
      const res = await t.gql<{ createOpportunity: { id: string; embeddingModel: string; amount: number; closeDate: string } }>(CREATE, {
        input: { source: "APN", amount: 125000.5, closeDate: "2026-03-31", ...deal },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createOpportunity).toMatchObject({ embeddingModel: t.model, amount: 125000.5, closeDate: "2026-03-31" });
      ids.push(res.data!.createOpportunity.id);
    }
    const rows = await t.db.prisma.$queryRaw<Array<{ n: bigint | number; dims: number }>>`
      SELECT count(*) AS n, max(vector_dims(embedding)) AS dims FROM opportunities.opportunity WHERE embedding IS NOT NULL`;
    expect(Number(rows[0]!.n)).toBe(3);
    expect(Number(rows[0]!.dims)).toBeGreaterThanOrEqual(384);
  });

  it("pages through the list with cursors, newest first", async () => {
    const query = `query ($after: String) { opportunities(first: 2, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
    const first = await t.gql<{ opportunities: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(query);
    expect(first.data!.opportunities.nodes.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    expect(first.data!.opportunities.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql<typeof first.data>(query, { after: first.data!.opportunities.pageInfo.endCursor });
    expect(second.data!.opportunities.nodes.map((n) => n.id)).toEqual([ids[0]]);
    expect(second.data!.opportunities.pageInfo.hasNextPage).toBe(false);
  });

  it("finds the most similar opportunity by pgvector similarity", async () => {
    const res = await t.gql<{ similarOpportunities: Array<{ score: number; opportunity: { externalId: string } }> }>(
      `query { similarOpportunities(text: "sequencing data analytics for a pharma company", k: 3) { score opportunity { externalId } } }`,
    );
    expect(res.errors).toBeUndefined();
    const hits = res.data!.similarOpportunities;
    expect(hits).toHaveLength(3);
    expect(hits[0]!.opportunity.externalId).toBe("A-2");
    expect(hits[0]!.score).toBeGreaterThan(hits[2]!.score);
  });

  it("updates a record and re-embeds it when its text changes", async () => {
    const before = await t.db.prisma.$queryRaw<Array<{ e: string }>>`SELECT embedding::text AS e FROM opportunities.opportunity WHERE id = ${ids[0]}::uuid`;
    const res = await t.gql<{ updateOpportunity: { title: string } }>(
      `mutation ($id: ID!) { updateOpportunity(id: $id, input: { title: "Genomics pipeline on AWS Batch" }) { title } }`,
      { id: ids[0] },
    );
    expect(res.data!.updateOpportunity.title).toBe("Genomics pipeline on AWS Batch");
    const after = await t.db.prisma.$queryRaw<Array<{ e: string }>>`SELECT embedding::text AS e FROM opportunities.opportunity WHERE id = ${ids[0]}::uuid`;
    expect(after[0]!.e).not.toBe(before[0]!.e);
  });

  it("refuses bad input with BAD_USER_INPUT and writes nothing", async () => {
    const count = () => t.db.prisma.opportunity.count();
    const n = await count();
    const cases = [
      { source: "APN", externalId: "X", companyName: "  ", title: "t" },
      { source: "APN", externalId: "X", companyName: "c", title: "t", closeDate: "31/03/2026" },
      { source: "APN", externalId: "X", companyName: "c", title: "t", amount: -5 },
      { source: "APN", externalId: "X", companyName: "c", title: "x".repeat(301) },
    ];
    for (const input of cases) {
      const res = await t.gql(CREATE, { input });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe("BAD_USER_INPUT");
    }
    const search = await t.gql(`query { similarOpportunities(text: "x", k: 0) { score } }`);
    expect(search.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const empty = await t.gql(`query { similarOpportunities(text: "   ", k: 5) { score } }`);
    expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const cursor = await t.gql(`query { opportunities(first: 2, after: "garbage") { nodes { id } } }`);
    expect(cursor.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await count()).toBe(n);
  });

  it("answers NOT_FOUND for an unknown id and CONFLICT for a duplicate external id", async () => {
    const missing = await t.gql(`mutation { updateOpportunity(id: "00000000-0000-4000-8000-000000000000", input: { title: "x" }) { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const dup = await t.gql(CREATE, { input: { source: "APN", ...deals[1] } });
    expect(dup.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});
