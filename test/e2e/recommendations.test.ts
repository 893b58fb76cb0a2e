import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, REPO_ROOT } from "../src/env.js";
import { startTestPlatform, subscribe, until, type TestPlatform } from "../src/harness.js";
import { runRecommendationsCli } from "../../subgraphs/recommendations/src/cli.js";

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

/** The shipped sample knowledge base (Markdown and HTML: text formats, quick to ingest). */
const SAMPLE_DOCS = ["security-overview.md", "pricing-and-plans.md", "implementation-guide.md", "product-overview.html"];

async function ingestSamples(t: TestPlatform): Promise<void> {
  const ids: string[] = [];
  for (const file of SAMPLE_DOCS) {
    const text = await readFile(join(REPO_ROOT, "examples", "knowledge", file), "utf8");
    const res = await t.gql<{ ingestDocument: { id: string } }>(`mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }`, {
      input: { text, filename: file, tags: ["sample"] },
    });
    expect(res.errors).toBeUndefined();
    ids.push(res.data!.ingestDocument.id);
  }
  for (const id of ids) {
    let status = "";
    await until(
      () => status === "DONE" || status === "FAILED",
      async () => (status = (await t.gql<{ ingestionJob: { status: string } }>(`query ($id: ID!) { ingestionJob(id: $id) { status } }`, { id })).data!.ingestionJob.status),
      60_000,
      200,
    );
    expect(status).toBe("DONE");
  }
}

describe.each(kinds)("customer intelligence and grounded content through the gateway on %s", (kind) => {
  let t: TestPlatform;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    admin = await t.token(["admin"], "admin-1");
    reader = await t.token(["reader"], "reader-1");
    await ingestSamples(t);
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
    // The next use embeds the profile again and keeps the vector for this version.
    const similar = await t.gql<{ customer: { similarCustomers: Array<{ score: number; customer: { company: string } }> } }>(
      `query ($id: ID!) { customer(id: $id) { similarCustomers(k: 2) { score customer { company } } } }`,
      { id: c.id },
    );
    expect(similar.errors).toBeUndefined();
    expect(similar.data!.customer.similarCustomers).toHaveLength(2);
    expect(similar.data!.customer.similarCustomers.map((h) => h.customer.company)).not.toContain("Globex GmbH & Co. KG");
    const again = await t.db.prisma.$queryRaw<Array<{ model: string | null; v: number | null }>>`SELECT embedding_model AS model, embedded_version AS v FROM recommendations.customer WHERE id = ${c.id}::uuid`;
    expect(again[0]).toEqual({ model: t.model, v: c.version + 1 });
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
  const CONTENT_FIELDS = `id kind format mode fallbackReason personality model title content cached knowledgeVersion latencyMs
    paragraphs { heading sentences { text citations verified support } }
    citations { n chunk { id } sourceTitle headingPath page charStart charEnd quote }
    verification { sentences cited verified dropped citedShare verbatim guardrails }
    usage { promptTokens completionTokens costUsd }`;
  type Content = {
    id: string;
    kind: string;
    format: string;
    mode: string;
    fallbackReason: string | null;
    personality: string | null;
    model: string | null;
    title: string | null;
    content: string;
    cached: boolean;
    knowledgeVersion: string;
    paragraphs: Array<{ heading: string | null; sentences: Array<{ text: string; citations: number[]; verified: boolean; support: number }> }>;
    citations: Array<{ n: number; chunk: { id: string }; sourceTitle: string; headingPath: string[]; page: number | null; charStart: number; charEnd: number; quote: string }>;
    verification: { sentences: number; cited: number; verified: number; dropped: string[]; citedShare: number; verbatim: boolean; guardrails: string[] };
    usage: { promptTokens: number; completionTokens: number; costUsd: number };
  };
  const customerId = async (key: string) => (await t.db.prisma.customer.findFirstOrThrow({ where: { companyKey: key } })).id;

  /** Every claim sentence carries a citation that resolves, and each quote is the chunk's text at the cited offsets. */
  async function expectGrounded(c: Content): Promise<void> {
    expect(c.verification.sentences).toBeGreaterThan(0);
    expect(c.verification.citedShare).toBe(1);
    const numbers = new Set(c.citations.map((x) => x.n));
    for (const p of c.paragraphs) {
      for (const s of p.sentences) {
        expect(s.citations.length, s.text).toBeGreaterThan(0);
        for (const n of s.citations) expect(numbers.has(n), `[${n}] resolves`).toBe(true);
        expect(s.verified).toBe(true);
      }
    }
    for (const cit of c.citations) {
      const chunk = await t.db.prisma.knowledgeChunk.findUniqueOrThrow({ where: { id: cit.chunk.id } });
      expect(chunk.text.slice(cit.charStart - chunk.charStart, cit.charEnd - chunk.charStart)).toBe(cit.quote);
    }
  }

  it("answers an objection extractively: verbatim quotes, each cited, in the contact's tone", async () => {
    const id = await customerId("quantix analytics");
    const res = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!, $o: String!) { handleObjection(customerId: $id, objection: $o) { ${CONTENT_FIELDS} } }`, {
      id,
      o: "How is our data encrypted at rest, and who manages the encryption keys?",
    });
    expect(res.errors).toBeUndefined();
    const c = res.data!.handleObjection;
    expect(c).toMatchObject({ kind: "OBJECTION_RESPONSE", format: "MARKDOWN", mode: "EXTRACTIVE", fallbackReason: null, personality: "C", cached: false, usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 } });
    await expectGrounded(c);
    expect(c.verification.verbatim).toBe(true);
    // A C-style contact gets up to three sourced statements, the best from the Encryption section.
    expect(c.paragraphs[0]!.sentences.length).toBeGreaterThanOrEqual(2);
    expect(c.citations[0]!.headingPath).toContain("Encryption");
    expect(c.citations[0]!.sourceTitle).toMatch(/Security Overview/);
    expect(c.content).toContain("the documented facts are these");
    expect(c.content).toContain("**Sources**");
    for (const cit of c.citations) expect(c.content).toContain(`${cit.quote.replace(/\s+/g, " ")} [${cit.n}]`);

    // The same request again comes from the cache; a change to the customer invalidates it.
    const again = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!, $o: String!) { handleObjection(customerId: $id, objection: $o) { id cached } }`, {
      id,
      o: "How is our data encrypted at rest, and who manages the encryption keys?",
    });
    expect(again.data!.handleObjection).toEqual({ id: c.id, cached: true });
    await t.gql(`mutation ($id: ID!) { updateCustomer(id: $id, input: { notes: "Asked for the SOC 2 report" }) { id } }`, { id });
    const changed = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!, $o: String!) { handleObjection(customerId: $id, objection: $o) { id cached knowledgeVersion } }`, {
      id,
      o: "How is our data encrypted at rest, and who manages the encryption keys?",
    });
    expect(changed.data!.handleObjection.cached).toBe(false);
    expect(changed.data!.handleObjection.id).not.toBe(c.id);
    expect(changed.data!.handleObjection.knowledgeVersion).toBe(c.knowledgeVersion);
  });

  it("writes sales content per kind and format from the account's decision factors, tone by personality", async () => {
    const id = await customerId("ironclad logistics");
    const email = await t.gql<{ generateSalesContent: Content }>(`mutation ($id: ID!) { generateSalesContent(customerId: $id, kind: EMAIL, format: HTML) { ${CONTENT_FIELDS} } }`, { id });
    expect(email.errors).toBeUndefined();
    const e = email.data!.generateSalesContent;
    expect(e).toMatchObject({ kind: "EMAIL", format: "HTML", mode: "EXTRACTIVE", personality: "D" });
    await expectGrounded(e);
    // D: one statement per topic, topics in the order of the account's decision factors.
    const factors = await t.db.prisma.customerDecisionFactor.findMany({ where: { customerId: id }, orderBy: [{ weight: "desc" }, { factor: "asc" }] });
    expect(e.paragraphs.every((p) => p.sentences.length === 1)).toBe(true);
    expect(e.paragraphs[0]!.heading).toBe({ price: "Pricing", implementation: "Implementation", roi: "Return on investment" }[factors[0]!.factor as "price"]);
    expect(e.content).toMatch(/^<h1>Follow-up for Ironclad Logistics Inc\.<\/h1>\n<p>Dana, here is the short version\.<\/p>/);
    expect(e.content).toContain('<ol class="sources">');

    const json = await t.gql<{ generateSalesContent: Content }>(`mutation ($id: ID!) { generateSalesContent(customerId: $id, kind: TALKING_POINTS, format: JSON) { ${CONTENT_FIELDS} } }`, { id });
    const parsed = JSON.parse(json.data!.generateSalesContent.content) as { citations: Array<{ n: number }>; paragraphs: unknown[] };
    expect(parsed.citations.map((c) => c.n)).toEqual(json.data!.generateSalesContent.citations.map((c) => c.n));
    const script = await t.gql<{ generateSalesContent: Content }>(`mutation ($id: ID!) { generateSalesContent(customerId: $id, kind: CALL_SCRIPT, format: TEXT) { content } }`, { id });
    expect(script.data!.generateSalesContent.content).toMatch(/^Call script: Ironclad Logistics Inc\.\n/);
    expect(script.data!.generateSalesContent.content).toMatch(/\n- .+ \[1\]\n/);

    const usage = await t.gql<{ customer: { contentUsage: { answers: number; costUsd: number } } }>(`query ($id: ID!) { customer(id: $id) { contentUsage { answers costUsd } } }`, { id });
    expect(usage.data!.customer.contentUsage).toEqual({ answers: 3, costUsd: 0 });
  });

  it("refuses bad generation input and unauthorised callers", async () => {
    const id = await customerId("ironclad logistics");
    const q = `mutation ($id: ID!, $o: String!) { handleObjection(customerId: $id, objection: $o) { id } }`;
    expect((await t.gql(q, { id, o: "   " })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await t.gql(q, { id, o: "x".repeat(2001) })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await t.gql(q, { id: "00000000-0000-4000-8000-000000000000", o: "price" })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await t.gql(q, { id, o: "price" }, { token: reader })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(q, { id, o: "price" }, { token: null })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("counts one vote per user per answer, and scores effectiveness from use, votes and outcomes", async () => {
    const id = await customerId("harbor health partners");
    const res = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!) { handleObjection(customerId: $id, objection: "We are worried about HIPAA compliance for patient records.") { ${CONTENT_FIELDS} } }`, { id });
    expect(res.errors).toBeUndefined();
    const c = res.data!.handleObjection;
    expect(c.personality).toBe("S");
    await expectGrounded(c);
    expect(c.citations.some((x) => x.quote.includes("HIPAA"))).toBe(true);

    const vote = `mutation ($c: ID!, $v: Vote!) { rateSalesContent(contentId: $c, vote: $v) { feedbackScore } }`;
    await t.gql(vote, { c: c.id, v: "UP" }, { token: reader });
    const twice = await t.gql<{ rateSalesContent: { feedbackScore: number } }>(vote, { c: c.id, v: "UP" }, { token: reader });
    expect(twice.data!.rateSalesContent.feedbackScore).toBe(1);
    const other = await t.gql<{ rateSalesContent: { feedbackScore: number } }>(vote, { c: c.id, v: "UP" }, { token: await t.token(["reader"], "reader-2") });
    expect(other.data!.rateSalesContent.feedbackScore).toBe(2);
    const changed = await t.gql<{ rateSalesContent: { feedbackScore: number } }>(vote, { c: c.id, v: "DOWN" }, { token: reader });
    expect(changed.data!.rateSalesContent.feedbackScore).toBe(0);
    expect(await t.db.prisma.salesContentFeedback.count({ where: { contentId: c.id } })).toBe(2);

    await t.gql(`mutation ($c: ID!) { markSalesContentUsed(contentId: $c) { usedAt } }`, { c: c.id });
    await t.gql(`mutation ($c: ID!) { recordSalesContentOutcome(contentId: $c, outcome: WON) { outcome } }`, { c: c.id });
    const eff = await t.gql<{ contentEffectiveness: Array<{ group: string; generated: number; useRate: number; up: number; down: number; winRate: number | null; score: number }> }>(
      `query { contentEffectiveness(by: PERSONALITY) { group generated useRate up down winRate score } }`,
      {},
      { token: reader },
    );
    const s = eff.data!.contentEffectiveness.find((r) => r.group === "S")!;
    expect(s).toEqual({ group: "S", generated: 1, useRate: 1, up: 1, down: 1, winRate: 1, score: (1 + 0.5 + 1) / 3 });
  });

  it("streams a generation through a subscription: text first, the stored answer last", async () => {
    const id = await customerId("brightside media");
    const client = t.ws();
    const sub = subscribe<{ data: { salesContentStream: { delta: string | null; content: { id: string; mode: string; personality: string; cached: boolean } | null } } }>(
      client,
      `subscription ($id: ID!) { salesContentStream(customerId: $id, kind: ONE_PAGER, fresh: true) { delta content { id mode personality cached } } }`,
      { id },
    );
    await until(() => sub.events.some((e) => e.data.salesContentStream.content) || sub.errors.length > 0, async () => undefined, 30_000, 100);
    sub.dispose();
    expect(sub.errors).toEqual([]);
    const events = sub.events.map((e) => e.data.salesContentStream);
    expect(events.length).toBeGreaterThan(2);
    expect(events[0]!.delta).toMatch(/^Hi Lena, it was great talking with you and the team!/);
    expect(events.at(-1)!.content).toMatchObject({ mode: "EXTRACTIVE", personality: "I", cached: false });
    expect(await t.db.prisma.salesContent.count({ where: { id: events.at(-1)!.content!.id } })).toBe(1);
  });

  it("uses the local LLM when asked, keeping only verified sentences, or says why it fell back", async () => {
    const id = await customerId("quantix analytics");
    const res = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!) { handleObjection(customerId: $id, objection: "Where is our data stored, and can it stay in the UK?", mode: LLM) { ${CONTENT_FIELDS} } }`, { id });
    expect(res.errors).toBeUndefined();
    const c = res.data!.handleObjection;
    if (c.mode === "LLM") {
      expect(c.model).toBeTruthy();
      expect(c.usage.completionTokens).toBeGreaterThan(0);
      for (const p of c.paragraphs) for (const s of p.sentences) expect(s.verified && s.support >= 0.6, s.text).toBe(true);
      expect(c.verification.citedShare).toBe(1);
    } else {
      expect(["unavailable", "circuit_open", "output", "disabled"]).toContain(c.fallbackReason);
      await expectGrounded(c);
    }
  }, 120_000);

  it("answers opportunity → customer → leads → cited passages for open objections in one request", async () => {
    const opp = await t.gql<{ createOpportunity: { id: string } }>(
      `mutation { createOpportunity(input: { source: APN, externalId: "APN-QX-1", companyName: "Quantix Analytics Limited", title: "Managed data platform", amount: 90000, closeDate: "2027-03-31" }) { id } }`,
    );
    expect(opp.errors).toBeUndefined();
    const lead = await t.gql<{ createLead: { id: string } }>(`mutation { createLead(input: { companyName: "Quantix Analytics", industry: "Financial services", country: "GB" }) { id } }`);
    expect(lead.errors).toBeUndefined();
    await t.gql(`mutation ($id: ID!) { addIntentSnippet(leadId: $id, input: { text: "Quantix is hiring a data platform engineer for a cloud migration" }) { id } }`, { id: lead.data!.createLead.id });
    await t.gql(`mutation { createLead(input: { companyName: "Quantum Analytics Group", industry: "Research" }) { id } }`);

    const id = await customerId("quantix analytics");
    const linked = await t.gql<{ linkCustomerRecords: { opportunitiesLinked: number; leadsLinked: number } }>(`mutation ($id: ID!) { linkCustomerRecords(customerId: $id) { opportunitiesLinked leadsLinked } }`, { id });
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkCustomerRecords).toEqual({ opportunitiesLinked: 1, leadsLinked: 1 });

    const res = await t.gql<{
      opportunity: {
        title: string;
        customer: {
          company: string;
          leads: Array<{ companyName: string; intents: Array<{ text: string }> }>;
          opportunities: Array<{ id: string; title: string }>;
          objections: Array<{ factor: string; text: string; passages: Array<{ citation: { quote: string; sourceTitle: string; headingPath: string[]; chunk: { id: string; text: string } } }> }>;
        };
      };
    }>(
      `query ($id: ID!) { opportunity(id: $id) { title customer { company
          leads { companyName intents { text } }
          opportunities { id title }
          objections(status: OPEN) { factor text passages(k: 1) { citation { quote sourceTitle headingPath chunk { id text } } } } } } }`,
      { id: opp.data!.createOpportunity.id },
      { token: reader },
    );
    expect(res.errors).toBeUndefined();
    const o = res.data!.opportunity;
    expect(o.title).toBe("Managed data platform");
    expect(o.customer.company).toBe("Quantix Analytics Ltd");
    expect(o.customer.leads).toEqual([{ companyName: "Quantix Analytics", intents: [{ text: "Quantix is hiring a data platform engineer for a cloud migration" }] }]);
    expect(o.customer.opportunities).toEqual([{ id: opp.data!.createOpportunity.id, title: "Managed data platform" }]);
    const residency = o.customer.objections.find((x) => x.text.includes("data residency"))!;
    expect(residency.passages).toHaveLength(1);
    const cit = residency.passages[0]!.citation;
    expect(cit.chunk.text).toContain(cit.quote);
    expect(cit.headingPath).toContain("Data residency");

    // Content for the opportunity: framed by its title; another company's opportunity is refused.
    const forOpp = await t.gql<{ generateSalesContent: { id: string; title: string } }>(`mutation ($id: ID!, $opp: ID!) { generateSalesContent(customerId: $id, kind: ONE_PAGER, opportunityId: $opp) { id title } }`, {
      id,
      opp: opp.data!.createOpportunity.id,
    });
    expect(forOpp.errors).toBeUndefined();
    expect(forOpp.data!.generateSalesContent.title).toBe("Quantix Analytics Ltd: what matters to you — Managed data platform");
    const wrong = await t.gql(`mutation ($id: ID!, $opp: ID!) { generateSalesContent(customerId: $id, kind: ONE_PAGER, opportunityId: $opp) { title } }`, {
      id: await customerId("ironclad logistics"),
      opp: opp.data!.createOpportunity.id,
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    // The content is used, and the deal is won in the opportunities subgraph: the learning job reads the outcome (later test).
    await t.gql(`mutation ($c: ID!) { markSalesContentUsed(contentId: $c) { usedAt } }`, { c: forOpp.data!.generateSalesContent.id });
    const won = await t.gql(`mutation ($id: ID!) { updateOpportunity(id: $id, input: { stage: "Closed Won" }) { stage } }`, { id: opp.data!.createOpportunity.id });
    expect(won.errors).toBeUndefined();
  });
  it("re-ranks by similarity, diligence and engagement, learns bounded weights from votes, and rolls back", async () => {
    const items: string[] = [];
    for (const [title, body] of [
      ["Security review pack", "Everything a security team asks for: encryption, certifications and the penetration test summary."],
      ["Security questionnaire answers", "Answers to the standard security questionnaire."],
      ["Pricing one-pager", "Plans, discounts and migration credits on one page."],
    ]) {
      const res = await t.gql<{ createRecommendationItem: { id: string } }>(`mutation ($input: CreateRecommendationItemInput!) { createRecommendationItem(input: $input) { id } }`, { input: { kind: "CONTENT", title, body } });
      items.push(res.data!.createRecommendationItem.id);
    }
    await t.db.prisma.recommendationItem.update({ where: { id: items[1] }, data: { verified: true, sourceUri: "https://example.com/questionnaire" } });
    type Hit = { score: number; features: { similarity: number; diligence: number; engagement: number }; item: { id: string } };
    const rec = await t.gql<{ recommend: Hit[] }>(`query { recommend(forText: "security questionnaire", k: 3) { score features { similarity diligence engagement } item { id } } }`);
    expect(rec.errors).toBeUndefined();
    for (const h of rec.data!.recommend) expect(h.score).toBeCloseTo(0.7 * h.features.similarity + 0.15 * h.features.diligence + 0.15 * h.features.engagement, 9);
    expect(rec.data!.recommend[0]!.item.id).toBe(items[1]);
    expect(rec.data!.recommend.find((h) => h.item.id === items[1])!.features.diligence).toBeGreaterThan(0.6);

    // Too few votes: CONFLICT. Then votes where users liked diligent items that were less similar.
    const learn = `mutation { learnRankingWeights { version similarity diligence engagement source active heldOutAuc previousHeldOutAuc } }`;
    const admin = await t.token(["admin"], "admin-1");
    expect((await t.gql(learn, {}, { token: admin })).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await t.gql(learn)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    for (let i = 0; i < 60; i++) {
      const up = i % 2 === 0;
      const features = up ? { similarity: 0.2 + (i % 5) * 0.02, diligence: 0.9, engagement: 0.5 } : { similarity: 0.6 + (i % 5) * 0.02, diligence: 0.1, engagement: 0.5 };
      const res = await t.gql(`mutation ($id: ID!, $s: FeedbackSignal!, $f: RankingFeaturesInput) { recordFeedback(itemId: $id, signal: $s, features: $f) }`, { id: items[i % 3], s: up ? "UP" : "DOWN", f: features }, { token: await t.token(["reader"], `voter-${i}`) });
      expect(res.errors).toBeUndefined();
    }
    const badFeatures = await t.gql(`mutation ($id: ID!) { recordFeedback(itemId: $id, signal: UP, features: { similarity: 2, diligence: 0, engagement: 0 }) }`, { id: items[0] });
    expect(badFeatures.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const learned = await t.gql<{ learnRankingWeights: { version: number; similarity: number; diligence: number; engagement: number; source: string; active: boolean; heldOutAuc: number; previousHeldOutAuc: number } }>(learn, {}, { token: admin });
    expect(learned.errors).toBeUndefined();
    const v = learned.data!.learnRankingWeights;
    // Weight moves to diligence, by at most 0.2 per weight, and the weights still sum to 1.
    expect(v).toMatchObject({ version: 2, source: "learned", active: true });
    expect(v.diligence).toBeGreaterThan(0.15);
    expect(v.similarity).toBeLessThan(0.7);
    expect(Math.max(Math.abs(v.similarity - 0.7), Math.abs(v.diligence - 0.15), Math.abs(v.engagement - 0.15))).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(v.similarity + v.diligence + v.engagement).toBeCloseTo(1, 9);
    expect(v.heldOutAuc).toBeGreaterThan(v.previousHeldOutAuc);
    const active = await t.gql<{ activeRankingWeights: { similarity: number; diligence: number; engagement: number } }>(`query { activeRankingWeights { similarity diligence engagement } }`);
    expect(active.data!.activeRankingWeights).toEqual({ similarity: v.similarity, diligence: v.diligence, engagement: v.engagement });
    const rerank = await t.gql<{ recommend: Hit[] }>(`query { recommend(forText: "security questionnaire", k: 1) { score features { similarity diligence engagement } } }`);
    const h = rerank.data!.recommend[0]!;
    expect(h.score).toBeCloseTo(v.similarity * h.features.similarity + v.diligence * h.features.diligence + v.engagement * h.features.engagement, 9);

    const rolled = await t.gql<{ rollbackRankingWeights: { version: number; source: string; similarity: number; active: boolean } }>(`mutation { rollbackRankingWeights { version source similarity active } }`, {}, { token: admin });
    expect(rolled.data!.rollbackRankingWeights).toEqual({ version: 3, source: "rollback", similarity: 0.7, active: true });
    const history = await t.gql<{ rankingWeights: Array<{ version: number; source: string; active: boolean }> }>(`query { rankingWeights { version source active } }`, {}, { token: reader });
    expect(history.data!.rankingWeights).toEqual([
      { version: 3, source: "rollback", active: true },
      { version: 2, source: "learned", active: false },
      { version: 1, source: "config", active: false },
    ]);
  });

  it("serves batch embeddings, similarities and rankings, and the ml-runtime's health", async () => {
    const emb = await t.gql<{ embedTexts: { model: string; dimension: number; vectors: number[][] } }>(`query { embedTexts(texts: ["encryption at rest", "pricing plans"]) { model dimension vectors } }`, {}, { token: reader });
    expect(emb.errors).toBeUndefined();
    expect(emb.data!.embedTexts.model).toBe(t.model);
    expect(emb.data!.embedTexts.vectors.map((v) => v.length)).toEqual([emb.data!.embedTexts.dimension, emb.data!.embedTexts.dimension]);
    const sim = await t.gql<{ similarities: number[] }>(`query { similarities(pairs: [{ a: "data is encrypted", b: "data is encrypted" }, { a: "data is encrypted", b: "the weather is sunny" }]) }`, {}, { token: reader });
    expect(sim.data!.similarities[0]).toBeCloseTo(1, 5);
    expect(sim.data!.similarities[1]).toBeLessThan(0.6);
    const batch = await t.gql<{ rankBatch: Array<Array<{ item: { title: string } }>> }>(`query { rankBatch(queries: ["security questionnaire", "pricing and discounts"], k: 1) { item { title } } }`);
    expect(batch.data!.rankBatch.map((l) => l[0]!.item.title)).toEqual(["Security questionnaire answers", "Pricing one-pager"]);
    const tooMany = await t.gql(`query ($t: [String!]!) { embedTexts(texts: $t) { model } }`, { t: Array.from({ length: 65 }, (_, i) => `text ${i}`) }, { token: reader });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const health = await t.gql<{ mlHealth: { enabled: boolean; status: string; model: string; device: string; dimension: number } }>(`query { mlHealth { enabled status model device dimension } }`);
    expect(health.data!.mlHealth).toMatchObject({ enabled: true, model: t.model, device: "cpu", dimension: emb.data!.embedTexts.dimension });
    expect(["ready", "degraded"]).toContain(health.data!.mlHealth.status);
  });
  it("records learning metrics on demand (admin) and writes the HTML report from the running platform", async () => {
    const admin = await t.token(["admin"], "admin-1");
    expect((await t.gql(`mutation { refreshLearningMetrics { votesWithFeatures } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const m = await t.gql<{ refreshLearningMetrics: { votesWithFeatures: number; outcomesRecorded: number; activeWeightsAuc: number; similarityWeight: number; contentByKind: Array<{ group: string; generated: number }> } }>(
      `mutation { refreshLearningMetrics { votesWithFeatures outcomesRecorded activeWeightsAuc similarityWeight contentByKind { group generated } } }`,
      {},
      { token: admin },
    );
    expect(m.errors).toBeUndefined();
    // The 60 votes liked diligent, less similar items: the rolled-back (similarity-heavy) weights order them badly.
    expect(m.data!.refreshLearningMetrics).toMatchObject({ votesWithFeatures: 60, similarityWeight: 0.7, outcomesRecorded: 1 });
    const withOutcome = await t.db.prisma.salesContent.findMany({ where: { outcome: { not: null }, opportunityId: { not: null } }, select: { outcome: true } });
    expect(withOutcome.map((r) => r.outcome)).toEqual(["won"]);
    expect(m.data!.refreshLearningMetrics.activeWeightsAuc).toBeLessThan(0.5);
    expect(m.data!.refreshLearningMetrics.contentByKind.map((r) => r.group)).toContain("objection_response");
    expect(await t.db.prisma.recommendationJob.count({ where: { kind: "learning-metrics", status: "done" } })).toBe(1);

    const out = join(await mkdtemp(join(tmpdir(), "mg-report-")), "report.html");
    const lines: string[] = [];
    const code = await runRecommendationsCli(["report", "--url", t.platform.url, "--token", reader, "--out", out], { print: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(code, lines.join("\n")).toBe(0);
    const html = await readFile(out, "utf8");
    expect(html).toContain("<h1>Recommendations report</h1>");
    expect(html).toContain('aria-label="By kind: effectiveness score"');
    expect(html).toContain("<td>3</td><td>rollback (active)</td>");
    expect(html).toContain("60 votes with ranking features");
    expect(await runRecommendationsCli(["report", "--url", t.platform.url, "--out", out], { print: () => undefined, error: () => undefined })).toBe(1);
    expect(await runRecommendationsCli(["nonsense"], { print: () => undefined, error: () => undefined })).toBe(2);
  });
  it("still answers, extractively and marked degraded, while the ml-runtime is down; LLM mode says it fell back", async () => {
    const id = await customerId("quantix analytics");
    await t.platform.stopMlRuntime();
    try {
      const res = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!) { handleObjection(customerId: $id, objection: "How long do you keep audit logs?", fresh: true) { ${CONTENT_FIELDS} } }`, { id });
      expect(res.errors).toBeUndefined();
      expect((res as unknown as { extensions?: { degraded?: boolean } }).extensions?.degraded).toBe(true);
      const c = res.data!.handleObjection;
      expect(c.mode).toBe("EXTRACTIVE");
      await expectGrounded(c);
      expect(c.citations[0]!.headingPath).toContain("Audit logging");
      const llm = await t.gql<{ handleObjection: Content }>(`mutation ($id: ID!) { handleObjection(customerId: $id, objection: "How long do you keep audit logs?", mode: LLM, fresh: true) { mode fallbackReason } }`, { id });
      expect(llm.data!.handleObjection).toEqual({ mode: "EXTRACTIVE", fallbackReason: expect.stringMatching(/^(unavailable|circuit_open)$/) });
      const health = await t.gql<{ mlHealth: { status: string; enabled: boolean } }>(`query { mlHealth { enabled status } }`);
      expect(health.data!.mlHealth).toEqual({ enabled: true, status: "unavailable" });
    } finally {
      await t.platform.startMlRuntime();
    }
  }, 120_000);
});
