import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { startMlRuntime, type MlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, toGraphQLError, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { graphql, type GraphQLSchema } from "graphql";
import { createSubgraph } from "../src/index.js";
import { ingestText } from "../src/service/knowledge.js";
import { searchChunks } from "../src/service/search.js";

const MODEL_DIR = process.env.ML_MODEL_DIR || "/work/shared/models";
const MODEL = "universal-sentence-encoder-lite";
const hasModel = existsSync(join(MODEL_DIR.split(":")[0]!, MODEL, "model.onnx"));
const KINDS: DbKind[] = ["pglite", "postgres"];

const DOCS = [
  {
    title: "Security whitepaper",
    tags: ["security"],
    text: "# Security whitepaper\n\n## Encryption\n\nAll customer data is encrypted at rest with AES-256 and in transit with TLS 1.3.\n\n## Data residency\n\nCustomers choose the region where their data is stored: Frankfurt, Dublin or Virginia.",
  },
  {
    title: "Onboarding guide",
    tags: ["hr"],
    text: "# Onboarding guide\n\n## First day\n\nNew employees receive a laptop and meet their mentor. Bring your ID <badge> for the front desk.",
  },
  {
    title: "Pricing",
    tags: ["sales"],
    text: "Our plans are billed monthly. The enterprise plan adds single sign-on and a dedicated account manager.",
  },
];

describe.skipIf(!hasModel).each(KINDS)("searchChunks on %s with USE-Lite", (kind) => {
  let db: TestDatabase;
  let runtime: MlRuntime;
  let ctx: SubgraphContext;
  const sourceIds: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    runtime = await startMlRuntime({ host: "127.0.0.1", port: 0, models: [MODEL], defaultModel: MODEL, modelDirs: MODEL_DIR.split(":"), logLevel: "error", readEnv: false });
    const ml = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: MODEL });
    ctx = {
      requestId: "test",
      identity: null,
      log: createLogger("knowledge-test", "error"),
      db,
      ml,
      pubSub: createInProcessPubSub(),
      loader: createLoaderRegistry().loader,
    };
    for (const doc of DOCS) sourceIds[doc.title] = (await ingestText(ctx, { ...doc, mimeType: "text/markdown" })).id;
    // A source in another collection must never show up in default searches.
    const other = await ingestText(ctx, { title: "Eval doc", text: "Customer data encryption in Frankfurt, evaluation copy.", mimeType: "text/plain" });
    await db.prisma.knowledgeSource.update({ where: { id: other.id }, data: { collection: "beir-test" } });
    sourceIds["Eval doc"] = other.id;
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
  });

  it("lexical mode finds the exact words, ranks by ts_rank_cd and highlights them", async () => {
    const hits = await searchChunks(ctx, { query: "AES-256 encryption", k: 5, mode: "lexical" });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.chunk.headingPath).toContain("Encryption");
    expect(hits[0]!.lexicalRank).toBe(1);
    expect(hits[0]!.vectorRank).toBeNull();
    expect(hits[0]!.highlight).toContain("<mark>encrypted</mark>");
    expect(hits.every((h) => h.source.collection === "default")).toBe(true);
  });

  it("lexical mode with websearch syntax requires every word and honours exclusions", async () => {
    expect(await searchChunks(ctx, { query: '"single sign-on" -laptop', k: 5, mode: "lexical" })).toHaveLength(1);
    expect(await searchChunks(ctx, { query: "encrypted -AES", k: 5, mode: "lexical" })).toHaveLength(0);
  });

  it("vector mode finds a paraphrase without shared words", async () => {
    const hits = await searchChunks(ctx, { query: "which country keeps my files?", k: 3, mode: "vector" });
    expect(hits[0]!.chunk.headingPath).toContain("Data residency");
    expect(hits[0]!.vectorRank).toBe(1);
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
  });

  it("hybrid mode (default) fuses both rankings with RRF and cites the passage", async () => {
    const hits = await searchChunks(ctx, { query: "in which region is my data stored?", k: 3 });
    const top = hits[0]!;
    expect(top.source.title).toBe("Security whitepaper");
    expect(top.chunk.headingPath).toContain("Data residency");
    expect(top.lexicalRank).not.toBeNull();
    expect(top.vectorRank).not.toBeNull();
    expect(top.score).toBeCloseTo(1 / (60 + top.lexicalRank!) + 1 / (60 + top.vectorRank!), 10);
    const text = DOCS[0]!.text;
    expect(text.slice(top.chunk.charStart, top.chunk.charEnd)).toContain("Frankfurt");
    expect(top.snippet).toContain("Frankfurt");
    expect(top.highlight).toMatch(/<mark>data<\/mark>/i);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it("filters by source, tags, dates and collection", async () => {
    const q = { query: "customer data", k: 10 };
    const bySource = await searchChunks(ctx, { ...q, filters: { sourceIds: [sourceIds["Pricing"]!] } });
    expect(new Set(bySource.map((h) => h.source.title))).toEqual(new Set(["Pricing"]));
    const byTag = await searchChunks(ctx, { ...q, filters: { tags: ["hr", "sales"] } });
    expect(new Set(byTag.map((h) => h.source.title))).toEqual(new Set(["Onboarding guide", "Pricing"]));
    expect(await searchChunks(ctx, { ...q, filters: { createdAfter: new Date(Date.now() + 60_000) } })).toEqual([]);
    expect((await searchChunks(ctx, { ...q, filters: { createdBefore: new Date(Date.now() + 60_000).toISOString() } })).length).toBeGreaterThan(0);
    const evalHits = await searchChunks(ctx, { ...q, filters: { collection: "beir-test" } });
    expect(evalHits.map((h) => h.source.title)).toEqual(["Eval doc"]);
    const all = await searchChunks(ctx, { ...q, mode: "vector" });
    expect(all.some((h) => h.source.title === "Eval doc")).toBe(false);
  });

  it("diversity (MMR) returns k distinct hits from the fused candidates", async () => {
    const plain = await searchChunks(ctx, { query: "data", k: 3 });
    const diverse = await searchChunks(ctx, { query: "data", k: 3, diversity: 0.3 });
    expect(diverse).toHaveLength(plain.length);
    expect(new Set(diverse.map((h) => h.chunk.id)).size).toBe(diverse.length);
    expect(diverse[0]!.chunk.id).toBe(plain[0]!.chunk.id);
  });

  it("serves searchKnowledge in GraphQL with mode, filters, ranks, citation and highlight", async () => {
    const { schema } = (await createSubgraph(ctx.pubSub)) as { schema: GraphQLSchema };
    const res = await graphql({
      schema,
      contextValue: ctx,
      source: `query ($f: KnowledgeSearchFilters) {
        lexical: searchKnowledge(query: "Frankfurt", k: 2, mode: LEXICAL, filters: $f) { score lexicalRank vectorRank highlight citation { sourceTitle headingPath } }
        hybrid: searchKnowledge(query: "where is my data stored", diversity: 0.7) { score lexicalRank vectorRank snippet chunk { id } citation { sourceId sourceUri page charStart charEnd } }
      }`,
      variableValues: { f: { tags: ["security"], createdAfter: "2000-01-01T00:00:00Z" } },
    });
    expect(res.errors).toBeUndefined();
    const data = res.data as { lexical: Array<Record<string, unknown>>; hybrid: Array<Record<string, unknown>> };
    expect(data.lexical).toHaveLength(1);
    expect(data.lexical[0]).toMatchObject({ lexicalRank: 1, vectorRank: null, citation: { sourceTitle: "Security whitepaper", headingPath: ["Security whitepaper", "Data residency"] } });
    expect(data.lexical[0]!.highlight).toContain("<mark>Frankfurt</mark>");
    expect(data.hybrid.length).toBeGreaterThan(0);
    const bad = await graphql({ schema, contextValue: ctx, source: `{ searchKnowledge(query: "x", k: 500) { score } }` });
    expect(bad.errors?.[0]?.message).toMatch(/k must be at most 100/);
  });

  it("refuses bad input with BAD_USER_INPUT before SQL or the model", async () => {
    const bad: unknown[] = [
      { query: "  ", k: 3 },
      { query: "x", k: 0 },
      { query: "x", k: 101 },
      { query: "x", k: 3, mode: "fuzzy" },
      { query: "x", k: 3, diversity: 1.5 },
      { query: "x", k: 3, filters: { sourceIds: ["not-a-uuid"] } },
      { query: "x", k: 3, filters: { createdAfter: "yesterday" } },
      { query: "x", k: 3, filters: { collection: "a'; DROP TABLE x; --" } },
      { query: "x", k: 3, filters: { unknown: 1 } },
      { query: "x".repeat(1001), k: 3 },
    ];
    for (const input of bad) {
      const err = await searchChunks(ctx, input as Parameters<typeof searchChunks>[1]).catch((e: unknown) => e);
      expect(toGraphQLError(err)?.extensions.code, JSON.stringify(input).slice(0, 80)).toBe("BAD_USER_INPUT");
    }
  });
});
