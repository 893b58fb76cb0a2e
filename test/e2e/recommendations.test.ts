import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();

const CUSTOMER_FIELDS = `id company companyKey stage version
  contacts { name email personality { style confidence scores { D I S C } evidence { style sentence cues } } }
  decisionFactors { factor weight mentions concern evidence { sentence concern } }
  objections(status: OPEN) { id text factor status }`;

type Customer = {
  id: string;
  company: string;
  companyKey: string;
  stage: string;
  version: number;
  contacts: Array<{ name: string; email: string | null; personality: { style: string; confidence: number; scores: Record<string, number>; evidence: Array<{ style: string; sentence: string; cues: string[] }> } | null }>;
  decisionFactors: Array<{ factor: string; weight: number; mentions: number; concern: number; evidence: Array<{ sentence: string; concern: boolean }> }>;
  objections: Array<{ id: string; text: string; factor: string; status: string }>;
};

describe.each(kinds)("customer intelligence through the gateway on %s", (kind) => {
  let t: TestPlatform;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    admin = await t.token(["admin"], "admin-1");
    reader = await t.token(["reader"], "reader-1");
  });
  afterAll(async () => t?.close());

  it("seeds the four personas (admin only) with a personality, decision factors and objections each, from their own sentences", async () => {
    const refused = await t.gql(`mutation { seedCustomerPersonas { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const res = await t.gql<{ seedCustomerPersonas: Customer[] }>(`mutation { seedCustomerPersonas { ${CUSTOMER_FIELDS} } }`, {}, { token: admin });
    expect(res.errors).toBeUndefined();
    const byCompany = new Map(res.data!.seedCustomerPersonas.map((c) => [c.company, c]));
    expect([...byCompany.keys()].sort()).toEqual(["Brightside Media GmbH", "Harbor Health Partners", "Ironclad Logistics Inc.", "Quantix Analytics Ltd"]);
    const styles = Object.fromEntries([...byCompany.values()].map((c) => [c.company, c.contacts[0]!.personality?.style]));
    expect(styles).toEqual({ "Ironclad Logistics Inc.": "D", "Brightside Media GmbH": "I", "Harbor Health Partners": "S", "Quantix Analytics Ltd": "C" });

    const quantix = byCompany.get("Quantix Analytics Ltd")!;
    const p = quantix.contacts[0]!.personality!;
    expect(p.scores.C).toBeGreaterThan(p.scores.D);
    expect(p.scores.D + p.scores.I + p.scores.S + p.scores.C).toBeCloseTo(1, 6);
    expect(p.evidence[0]!.style).toBe("C");
    expect(p.evidence[0]!.sentence).toMatch(/documentation|evidence|verify/);
    expect(quantix.companyKey).toBe("quantix analytics");
    expect(quantix.decisionFactors.map((f) => f.factor)).toEqual(expect.arrayContaining(["security", "compliance"]));
    expect(quantix.decisionFactors.reduce((n, f) => n + f.weight, 0)).toBeCloseTo(1, 6);

    const ironclad = byCompany.get("Ironclad Logistics Inc.")!;
    expect(ironclad.objections.map((o) => [o.factor, o.text])).toContainEqual(["price", "The price is too high compared with what we pay today."]);
    const price = ironclad.decisionFactors.find((f) => f.factor === "price")!;
    expect(price.concern).toBe(1);
    expect(price.evidence[0]).toEqual({ sentence: "The price is too high compared with what we pay today.", concern: true });

    // Seeding twice keeps one of each.
    await t.gql(`mutation { seedCustomerPersonas { id } }`, {}, { token: admin });
    expect(await t.db.prisma.customer.count()).toBe(4);
  });

  it("creates a customer, logs interactions, analyses them and summarises the account", async () => {
    const created = await t.gql<{ createCustomer: Customer }>(
      `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`,
      { input: { company: "Globex GmbH & Co. KG", industry: "Manufacturing", size: "201-1000", region: "Europe", contacts: [{ name: "Mara Klein", email: "mara@globex.example" }] } },
    );
    expect(created.errors).toBeUndefined();
    const c = created.data!.createCustomer;
    expect(c).toMatchObject({ companyKey: "globex", stage: "PROSPECT", version: 1, decisionFactors: [], objections: [] });
    expect(c.contacts[0]!.personality).toBeNull();
    const row = await t.db.prisma.$queryRaw<Array<{ model: string; v: number }>>`SELECT embedding_model AS model, embedded_version AS v FROM recommendations.customer WHERE id = ${c.id}::uuid`;
    expect(row[0]).toEqual({ model: t.model, v: 1 });

    const contactId = (await t.db.prisma.customerContact.findFirstOrThrow({ where: { customerId: c.id } })).id;
    const log = `mutation ($id: ID!, $input: InteractionInput!) { logInteraction(customerId: $id, input: $input) { id kind embeddingModel } }`;
    const first = await t.gql<{ logInteraction: { kind: string; embeddingModel: string } }>(log, {
      id: c.id,
      input: { kind: "CALL", contactId, body: "We need the numbers and the detailed documentation of the SAP integration. I am worried the connectors will not scale to our volumes.", occurredAt: "2026-10-05T10:00:00Z" },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.logInteraction).toMatchObject({ kind: "CALL", embeddingModel: t.model });
    await t.gql(log, { id: c.id, input: { kind: "EMAIL", body: "Budget is approved for this quarter.", occurredAt: "2026-11-12T09:00:00Z" } });

    const after = await t.gql<{ customer: Customer & { analytics: Record<string, unknown> } }>(
      `query ($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS}
         analytics { stage contacts interactions openObjections openObjectionsByFactor { factor count } topFactors personalities { style count } interactionsByMonth { month kind count } } } }`,
      { id: c.id },
    );
    expect(after.errors).toBeUndefined();
    const a = after.data!.customer;
    expect(a.version).toBe(3);
    expect(a.contacts[0]!.personality!.style).toBe("C");
    expect(a.objections.map((o) => [o.factor, o.text])).toEqual([["scalability", "I am worried the connectors will not scale to our volumes."]]);
    expect(a.decisionFactors.map((f) => f.factor).sort()).toEqual(["integration", "price", "scalability"]);
    expect(a.analytics).toEqual({
      stage: "PROSPECT",
      contacts: 1,
      interactions: 2,
      openObjections: 1,
      openObjectionsByFactor: [{ factor: "scalability", count: 1 }],
      topFactors: ["integration", "scalability", "price"],
      personalities: [{ style: "C", count: 1 }],
      interactionsByMonth: [
        { month: "2026-10", kind: "CALL", count: 1 },
        { month: "2026-11", kind: "EMAIL", count: 1 },
      ],
    });

    const resolved = await t.gql<{ resolveObjection: { status: string } }>(`mutation ($id: ID!) { resolveObjection(id: $id) { status } }`, { id: a.objections[0]!.id });
    expect(resolved.data!.resolveObjection.status).toBe("RESOLVED");
    // Analysing again keeps the resolved objection resolved.
    await t.gql(`mutation ($id: ID!) { analyseCustomer(id: $id) { id } }`, { id: c.id });
    expect(await t.db.prisma.customerObjection.count({ where: { customerId: c.id, status: "open" } })).toBe(0);
  });

  it("drops the cached profile embedding on update and makes the version follow every change", async () => {
    const c = (await t.db.prisma.customer.findFirstOrThrow({ where: { companyKey: "globex" } }));
    const res = await t.gql<{ updateCustomer: { version: number; stage: string; industry: string } }>(
      `mutation ($id: ID!) { updateCustomer(id: $id, input: { stage: PROPOSAL, notes: "Wants a pilot in the Hamburg plant" }) { version stage industry } }`,
      { id: c.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCustomer).toEqual({ version: c.version + 1, stage: "PROPOSAL", industry: "Manufacturing" });
    const row = await t.db.prisma.$queryRaw<Array<{ model: string | null; v: number | null }>>`SELECT embedding_model AS model, embedded_version AS v FROM recommendations.customer WHERE id = ${c.id}::uuid`;
    expect(row[0]).toEqual({ model: null, v: null });
  });

  it("lists customers with filters and cursor pagination", async () => {
    const q = `query ($f: CustomerFilterInput, $after: String) { customers(first: 2, after: $after, filter: $f) { nodes { company } pageInfo { endCursor hasNextPage } } }`;
    type Page = { customers: { nodes: Array<{ company: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof t.gql<Page>>> = await t.gql<Page>(q, { after }, { token: reader });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data!.customers.nodes.map((n) => n.company));
      if (!page.data!.customers.pageInfo.hasNextPage) break;
      after = page.data!.customers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const europe = await t.gql<Page>(q, { f: { region: "europe", stage: "QUALIFIED" } }, { token: reader });
    expect(europe.data!.customers.nodes.map((n) => n.company)).toEqual(["Brightside Media GmbH"]);
    const words = await t.gql<Page>(q, { f: { query: "hospital patient" } }, { token: reader });
    expect(words.data!.customers.nodes.map((n) => n.company)).toEqual(["Harbor Health Partners"]);
    const typo = await t.gql<Page>(q, { f: { query: "Quantics Analytics" } }, { token: reader });
    expect(typo.data!.customers.nodes.map((n) => n.company)).toEqual(["Quantix Analytics Ltd"]);
  });

  it("refuses anonymous readers, readers that write, and bad input before SQL", async () => {
    const anon = await t.gql(`query { customers { nodes { id } } }`, {}, { token: null });
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const write = await t.gql(`mutation { createCustomer(input: { company: "Nope" }) { id } }`, {}, { token: reader });
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const before = await t.db.prisma.customer.count();
    for (const input of [{ company: "  " }, { company: "Acme", size: "huge" }, { company: "Acme", contacts: [{ name: "X", email: "not-an-email" }] }, { company: "x".repeat(301) }]) {
      const res = await t.gql(`mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, { input });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 80)).toBe("BAD_USER_INPUT");
    }
    const c = await t.db.prisma.customer.findFirstOrThrow({ where: { companyKey: "globex" } });
    const longBody = await t.gql(`mutation ($id: ID!) { logInteraction(customerId: $id, input: { kind: NOTE, body: "${"a".repeat(8001)}" }) { id } }`, { id: c.id });
    expect(longBody.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const other = await t.db.prisma.customerContact.findFirstOrThrow({ where: { customerId: { not: c.id } } });
    const foreign = await t.gql(`mutation ($id: ID!, $contact: ID!) { logInteraction(customerId: $id, input: { kind: NOTE, body: "hello", contactId: $contact }) { id } }`, { id: c.id, contact: other.id });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const missing = await t.gql(`query { customer(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, { token: reader });
    expect(missing.data).toEqual({ customer: null });
    expect(await t.db.prisma.customer.count()).toBe(before);
  });
});
