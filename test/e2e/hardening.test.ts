import { SignJWT, UnsecuredJWT } from "jose";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, signCaller } from "@matchgraph/subgraph-kit";
import { JWT_SECRET, signToken, startTestPlatform, subscribe, TEST_LIMITS, until, type TestPlatform } from "../src/harness.js";

const key = new TextEncoder().encode(JWT_SECRET);
const fragmentBomb = (n: number) =>
  `query { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { __typename ${i < n - 1 ? `...F${i + 1} ...F${i + 1}` : ""} }`).join(" ")}`;
const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

describe("hardening on pglite", () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform("pglite");
  });
  afterAll(async () => t?.close());

  describe("hostile documents are refused before planning, with 400 and a code", () => {
    it("a fragment bomb (30 fragments, each spreading the next twice) by its cost", async () => {
      const res = await t.gql(fragmentBomb(30));
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe("COST_ESTIMATED_TOO_EXPENSIVE");
      expect(res.errors![0]!.message).toMatch(/exceeds the limit of 5000/);
    });

    it("a fragment cycle by validation, without a stack overflow", async () => {
      const res = await t.gql(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(res.errors![0]!.message).toMatch(/Cannot spread fragment "A" within itself/);
    });

    it("an oversized document by size, and a long one by its tokens", async () => {
      const huge = await t.gql(`{ ${"__typename ".repeat(300_000)} }`);
      expect(huge.status).toBe(400);
      expect(codeOf(huge)).toBe("MAX_QUERY_SIZE_LIMIT");
      const long = await t.gql(`{ ${"__typename ".repeat(TEST_LIMITS.maxTokens)} }`);
      expect(long.status).toBe(400);
      expect(codeOf(long)).toBe("MAX_TOKENS_LIMIT");
    });

    it("too many aliases, and aliased searches whose declared cost adds up", async () => {
      const aliased = (n: number, k: number, sel: string) => `query { ${Array.from({ length: n }, (_, i) => `s${i}: searchLeads(prompt: "crm ${i}", k: ${k}) { ${sel} }`).join(" ")} }`;
      const many = await t.gql(aliased(40, 1, "score"));
      expect(many.status).toBe(400);
      expect(codeOf(many)).toBe("MAX_ALIASES_LIMIT");
      const hundreds = await t.gql(aliased(400, 1, "score"));
      expect(hundreds.status).toBe(400);
      expect(["MAX_ALIASES_LIMIT", "MAX_TOKENS_LIMIT"]).toContain(codeOf(hundreds));
      // Under the alias limit, the searches' declared weight still counts: 20 × (100 + 100 × 3) > 5000.
      const costly = await t.gql(aliased(20, 100, "score lead { companyName }"));
      expect(costly.status).toBe(400);
      expect(codeOf(costly)).toBe("COST_ESTIMATED_TOO_EXPENSIVE");
      const ordinary = await t.gql(aliased(3, 5, "score lead { companyName }"));
      expect(ordinary.status).toBe(200);
      expect(ordinary.errors).toBeUndefined();
    });

    it("depth counted through fragments, and too many directives", async () => {
      const chain = (levels: number) => `source { chunks(first: 1) { nodes { `.repeat(levels) + "id" + " } } }".repeat(levels);
      const deep = await t.gql(`query { searchKnowledge(query: "x", k: 1) { ...C } } fragment C on KnowledgeHit { chunk { ${chain(3)} } }`);
      expect(deep.status).toBe(400);
      expect(codeOf(deep)).toBe("MAX_DEPTH_LIMIT");
      const directives = await t.gql(`{ ${Array.from({ length: 25 }, (_, i) => `a${i % 5}: __typename @include(if: true)`).join(" ")} }`);
      expect(directives.status).toBe(400);
      expect(codeOf(directives)).toBe("MAX_DIRECTIVES_LIMIT");
    });

    it("a subscription sent over HTTP, an unknown operation name and a request without a query", async () => {
      const sub = await t.gql(`subscription { opportunityUpserted { id } }`);
      expect(sub.status).toBe(400);
      expect(codeOf(sub)).toBe("BAD_REQUEST");
      expect(sub.errors![0]!.message).toMatch(/WebSocket/);
      const res = await fetch(t.platform.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t.writer}` },
        body: JSON.stringify({ query: "query A { __typename } query B { __typename }", operationName: "C" }),
      });
      expect(res.status).toBe(400);
      expect(codeOf((await res.json()) as never)).toBe("OPERATION_RESOLUTION_FAILURE");
      const empty = await fetch(t.platform.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${t.writer}` }, body: "{}" });
      expect(empty.status).toBe(400);
    });

    it("the same limits over GET and over WebSocket", async () => {
      const get = await fetch(`${t.platform.url}?query=${encodeURIComponent(fragmentBomb(30))}`, { headers: { authorization: `Bearer ${t.writer}`, "apollo-require-preflight": "1" } });
      expect(get.status).toBe(400);
      const sub = subscribe(t.ws(), fragmentBomb(30));
      await until(() => sub.errors.length > 0, async () => undefined, 10_000);
      expect(JSON.stringify(sub.errors)).toMatch(/COST_ESTIMATED_TOO_EXPENSIVE/);
    });
  });

  describe("input hygiene", () => {
    it("refuses NUL and unpaired surrogates in every kind of argument with BAD_USER_INPUT and writes nothing", async () => {
      const before = { opportunities: await t.db.prisma.opportunity.count(), leads: await t.db.prisma.lead.count(), sources: await t.db.prisma.knowledgeSource.count() };
      const cases: Array<[string, Record<string, unknown>]> = [
        [`query ($q: String!) { searchKnowledge(query: $q, k: 1) { score } }`, { q: "nul\u0000byte" }],
        [`query ($q: String!) { concepts(query: $q) { name } }`, { q: "\u0000" }],
        [`query ($q: String!) { searchLeads(prompt: $q, k: 1) { score } }`, { q: "lone \ud800 surrogate" }],
        [`mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, { input: { source: "APN", externalId: "NUL-1", companyName: "Ac\u0000me", title: "t" } }],
        [`mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }`, { input: { companyName: "Lead\u0000Co" } }],
        [`mutation ($input: IngestTextInput!) { ingestText(input: $input) { id } }`, { input: { title: "t", text: "body\u0000text" } }],
        [`mutation { createLead(input: { companyName: "inline \\u0000 nul" }) { id } }`, {}],
      ];
      for (const [query, variables] of cases) {
        const res = await t.gql(query, variables);
        expect(codeOf(res), query).toBe("BAD_USER_INPUT");
      }
      expect(await t.db.prisma.opportunity.count()).toBe(before.opportunities);
      expect(await t.db.prisma.lead.count()).toBe(before.leads);
      expect(await t.db.prisma.knowledgeSource.count()).toBe(before.sources);
    });

    it("answers a bad date with BAD_USER_INPUT, in a variable and inline", async () => {
      const inline = await t.gql(`query { searchKnowledge(query: "x", k: 1, filters: { createdAfter: "not-a-date" }) { score } }`);
      expect(codeOf(inline)).toBe("BAD_USER_INPUT");
      expect(inline.errors![0]!.message).toMatch(/not-a-date/);
      const lead = await t.gql<{ createLead: { id: string } }>(`mutation { createLead(input: { companyName: "Dated Co" }) { id } }`);
      const variable = await t.gql(`mutation ($leadId: ID!, $input: AddIntentSnippetInput!) { addIntentSnippet(leadId: $leadId, input: $input) { id } }`, {
        leadId: lead.data!.createLead.id,
        input: { text: "We evaluate a CRM", observedAt: "not a date" },
      });
      expect(codeOf(variable)).toBe("BAD_USER_INPUT");
      expect(variable.errors![0]!.message).toMatch(/observedAt/);
      expect(t.logs.filter((l) => l.msg === "unexpected error")).toEqual([]);
    });
  });

  describe("tokens", () => {
    const read = `query { opportunities(first: 1) { nodes { id } } }`;

    it("refuses a token without exp, one that lives longer than the maximum, and an unsigned one", async () => {
      const noExp = await new SignJWT({ roles: ["reader"] }).setProtectedHeader({ alg: "HS256" }).setSubject("u").setIssuedAt().sign(key);
      const tooLong = await new SignJWT({ roles: ["reader"] }).setProtectedHeader({ alg: "HS256" }).setSubject("u").setIssuedAt().setExpirationTime("10d").sign(key);
      const unsigned = new UnsecuredJWT({ roles: ["admin"] }).setSubject("u").setExpirationTime("1h").encode();
      for (const token of [noExp, tooLong, unsigned]) {
        const res = await t.gql(read, {}, { token });
        expect(res.status).toBe(401);
        expect(codeOf(res)).toBe("UNAUTHENTICATED");
      }
    });

    it("reads roles given as one space-separated string", async () => {
      const token = await new SignJWT({ roles: "reader writer" }).setProtectedHeader({ alg: "HS256" }).setSubject("u-str").setIssuedAt().setExpirationTime("1h").sign(key);
      const res = await t.gql<{ createLead: { id: string } }>(`mutation { createLead(input: { companyName: "Roles As String Ltd" }) { id } }`, {}, { token });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createLead.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("closes a WebSocket when its token expires", async () => {
      const token = await new SignJWT({ roles: ["reader"] }).setProtectedHeader({ alg: "HS256" }).setSubject("short").setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + 2).sign(key);
      const closed = new Promise<number>((resolve) => {
        const client = createClient({ url: t.platform.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` }, on: { closed: (e) => resolve((e as { code: number }).code) } });
        client.subscribe({ query: "subscription { opportunityUpserted { id } }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      });
      expect(await closed).toBe(4401);
    });
  });

  describe("subgraphs trust only the gateway", () => {
    const operations = {
      read: `{ __typename }`,
      entities: `query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
      service: `{ _service { sdl } }`,
      mutation: `mutation { __typename }`,
    };

    it("refuses direct reads, entity fetches, _service and mutations without a gateway-signed caller", async () => {
      const clientJwt = await signToken(["admin"], "mallory");
      const forged = await signCaller({ kind: "user", identity: { userId: "mallory", roles: ["admin"] } }, "x".repeat(64));
      const headerSets: Array<Record<string, string>> = [{}, { [IDENTITY_HEADER]: forged }, { [IDENTITY_HEADER]: clientJwt }, { authorization: `Bearer ${clientJwt}` }];
      for (const subgraph of t.platform.subgraphs) {
        for (const [name, query] of Object.entries(operations)) {
          for (const headers of headerSets) {
            const res = await fetch(subgraph.url, {
              method: "POST",
              headers: { "content-type": "application/json", ...headers },
              body: JSON.stringify({ query, variables: { r: [{ __typename: "Opportunity", id: "00000000-0000-0000-0000-000000000000" }] } }),
            });
            expect(res.status, `${subgraph.name} ${name} ${Object.keys(headers).join()}`).toBe(401);
            expect(codeOf((await res.json()) as never)).toBe("UNAUTHENTICATED");
          }
        }
        const page = await fetch(subgraph.url, { headers: { accept: "text/html" } });
        expect(page.status).toBe(401);
      }
    });

    it("accepts the same operations with a caller the gateway signed (here: the test knows no secret, so through the gateway)", async () => {
      const res = await t.gql(`query { opportunities(first: 1) { nodes { id recommendations(k: 1) { score } } } }`);
      expect(res.errors).toBeUndefined();
    });

    it("refuses a subgraph WebSocket without a signed caller", async () => {
      const subgraph = t.platform.subgraphs[0]!;
      const code = await new Promise<number>((resolve) => {
        const client = createClient({ url: subgraph.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, on: { closed: (e) => resolve((e as { code: number }).code) } });
        client.subscribe({ query: "subscription { opportunityUpserted { id } }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      });
      expect(code).toBe(4403);
    });
  });
});
