import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, signCaller } from "@matchgraph/subgraph-kit";
import { composeFromCode, readCommittedSupergraph } from "@matchgraph/gateway/supergraph";
import { signToken, startTestPlatform, subscribe, until, type TestPlatform } from "../src/harness.js";

const CREATE_OPPORTUNITY = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`;
const opportunity = (n: number) => ({
  source: "ODOO",
  externalId: `S-${n}-${Math.random().toString(36).slice(2, 8)}`,
  companyName: "Globex Corporation",
  title: "Security assessment and AWS landing zone",
  description: "The customer worries about compliance and the cost of migration",
});

describe("gateway on pglite", () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform("pglite", { rateLimitPerMinute: 100_000 });
    console.log(`[e2e] gateway suite database: ${t.db.describe()} (model ${t.model})`);
    for (const [kind, title, body] of [
      ["OBJECTION_RESPONSE", "Answering migration cost concerns", "When the customer worries about the cost of migration, show the TCO study and credits."],
      ["CASE_STUDY", "Retail company moves storefront to containers", "A retailer moved its e-commerce shop to Kubernetes."],
      ["PLAYBOOK", "Compliance and security assessment playbook", "Steps for a security assessment and landing zone with compliance controls."],
    ]) {
      const res = await t.gql(`mutation ($input: CreateRecommendationItemInput!) { createRecommendationItem(input: $input) { id } }`, {
        input: { kind, title, body, tags: ["test"] },
      });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => t?.close());

  it("keeps the committed supergraph.graphql in step with the subgraphs' code", async () => {
    expect(await composeFromCode(), "gateway/supergraph.graphql is stale: run `npm run supergraph`").toBe(readCommittedSupergraph());
  });

  it("is alive and ready when every subgraph and the ml-runtime answer", async () => {
    const base = new URL(t.platform.url).origin;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(["knowledge", "leads", "ml-runtime", "opportunities", "recommendations", "talent"]);
    for (const url of [`${base}/metrics`, new URL("/metrics", t.platform.subgraphs[0]!.url).toString()]) {
      const metrics = await fetch(url);
      expect(metrics.headers.get("content-type")).toMatch(/text\/plain/);
      expect(await metrics.text()).toMatch(/graphql_operations_total/);
    }
  });

  it("delivers a subscription event through the gateway with a field another subgraph resolves", async () => {
    const sub = subscribe<{ data: { opportunityUpserted: { id: string; companyName: string; recommendations: Array<{ score: number; item: { title: string } }> } } }>(
      t.ws(),
      `subscription { opportunityUpserted { id companyName recommendations(k: 2) { score item { title } } } }`,
    );
    const created: string[] = [];
    let n = 0;
    await until(
      () => sub.events.length > 0 || sub.errors.length > 0,
      async () => {
        const res = await t.gql<{ createOpportunity: { id: string } }>(CREATE_OPPORTUNITY, { input: opportunity(n++) });
        created.push(res.data!.createOpportunity.id);
      },
    );
    sub.dispose();
    expect(sub.errors).toEqual([]);
    const event = sub.events[0]!.data.opportunityUpserted;
    expect(created).toContain(event.id);
    expect(event.companyName).toBe("Globex Corporation");
    expect(event.recommendations).toHaveLength(2);
    expect(event.recommendations[0]!.score).toBeGreaterThanOrEqual(event.recommendations[1]!.score);
  });

  it("lets two clients see the same event", async () => {
    const a = subscribe<{ data: { opportunityUpserted: { id: string } } }>(t.ws(), `subscription { opportunityUpserted(source: ODOO) { id } }`);
    const b = subscribe<{ data: { opportunityUpserted: { id: string } } }>(t.ws(), `subscription { opportunityUpserted { id title } }`);
    let n = 100;
    await until(() => a.events.length > 0 && b.events.length > 0, () => t.gql(CREATE_OPPORTUNITY, { input: opportunity(n++) }));
    a.dispose();
    b.dispose();
    const common = a.events.map((e) => e.data.opportunityUpserted.id).filter((id) => b.events.some((e) => e.data.opportunityUpserted.id === id));
    expect(common.length).toBeGreaterThan(0);
  });

  it("carries one request id through the logs of gateway, subgraph and ml-runtime", async () => {
    const requestId = `req-${Date.now()}`;
    const res = await t.gql(`query { similarOpportunities(text: "landing zone", k: 1) { score } }`, {}, { requestId });
    expect(res.errors).toBeUndefined();
    expect(res.headers.get("x-request-id")).toBe(requestId);
    const services = new Set(t.logs.filter((l) => l.reqId === requestId).map((l) => l.service));
    expect([...services].sort()).toEqual(["gateway", "ml-runtime", "opportunities"]);
  });

  describe("auth", () => {
    it("lets anonymous callers read but not write", async () => {
      const read = await t.gql(`query { opportunities(first: 1) { nodes { id } } }`, {}, { token: null });
      expect(read.errors).toBeUndefined();
      const write = await t.gql(CREATE_OPPORTUNITY, { input: opportunity(900) }, { token: null });
      expect(write.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });

    it("refuses writes from a reader with FORBIDDEN", async () => {
      const reader = await signToken(["reader"], "reader-1");
      const n = await t.db.prisma.opportunity.count();
      const res = await t.gql(CREATE_OPPORTUNITY, { input: opportunity(901) }, { token: reader });
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await t.db.prisma.opportunity.count()).toBe(n);
    });

    it("answers 401 UNAUTHENTICATED for a forged or malformed token", async () => {
      const forged = await signToken(["admin"], "mallory", "some-other-secret-that-is-long-enough-000");
      for (const token of [forged, "not-a-jwt"]) {
        const res = await t.gql(`query { opportunities(first: 1) { nodes { id } } }`, {}, { token });
        expect(res.status).toBe(401);
        expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      }
    });

    it("authenticates GET operations whatever their Accept header says", async () => {
      const url = `${t.platform.url}?query=${encodeURIComponent("{ __typename }")}`;
      const res = await fetch(url, { headers: { accept: "application/json, text/html", authorization: "Bearer forged", "apollo-require-preflight": "1" } });
      expect(res.status).toBe(401);
      const page = await fetch(t.platform.url, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
    });

    it("makes subgraphs ignore identity headers that the gateway did not sign", async () => {
      const opportunities = t.platform.subgraphs.find((s) => s.name === "opportunities")!;
      const forged = await signCaller({ kind: "user", identity: { userId: "mallory", roles: ["admin"] } }, "x".repeat(64));
      const res = await fetch(opportunities.url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: forged },
        body: JSON.stringify({ query: CREATE_OPPORTUNITY, variables: { input: opportunity(902) } }),
      });
      const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(res.status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("limits", () => {
    it("refuses queries deeper than the depth limit", async () => {
      const nested = (levels: number) => `query { searchKnowledge(query: "x", k: 1) { chunk { ${"source { chunks(first: 1) { nodes { ".repeat(levels)}id${" } } }".repeat(levels)} } } }`;
      expect((await t.gql(nested(1))).errors).toBeUndefined(); // depth 6, the leaf counted
      const res = await t.gql(nested(2)); // depth 9
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe("MAX_DEPTH_LIMIT");
      expect(res.errors?.[0]?.message).toMatch(/depth limit of 8 exceeded, found 9/);
    });

    it("refuses queries whose cost exceeds the limit, over HTTP and WebSocket", async () => {
      const expensive = `query { similarOpportunities(text: "x", k: 100) { opportunity { recommendations(k: 100) { item { title } } } } }`;
      const res = await t.gql(expensive);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe("COST_ESTIMATED_TOO_EXPENSIVE");
      const overWs = subscribe(t.ws(), expensive);
      await until(() => overWs.errors.length > 0, async () => undefined, 10_000);
      expect(JSON.stringify(overWs.errors)).toMatch(/exceeds the limit/);
      expect(res.errors?.[0]?.message).toMatch(/cost/);
    });
  });

  it("answers UNAVAILABLE and writes nothing when the ml-runtime is down, and is then not ready", async () => {
    await t.platform.stopMlRuntime();
    const n = await t.db.prisma.opportunity.count();
    // A text never embedded before, so the client's cache cannot answer for the runtime.
    const res = await t.gql(CREATE_OPPORTUNITY, { input: { ...opportunity(999), description: `never seen ${Date.now()}` } });
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAVAILABLE");
    expect(await t.db.prisma.opportunity.count()).toBe(n);
    const ready = await fetch(`${new URL(t.platform.url).origin}/readyz`);
    expect(ready.status).toBe(503);
  });
});
