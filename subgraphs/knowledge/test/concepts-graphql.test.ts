import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { buildFederatedSchema, createInProcessPubSub, createLoaderRegistry, createLogger, type PubSub, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { KnowledgeChunkResolver, KnowledgeSourceResolver } from "../src/schema/resolver.js";
import { ConceptResolver, KnowledgeSourceConceptsResolver } from "../src/schema/concepts.js";
import { linkConcepts } from "../src/db/concepts.js";
import { extractConcepts } from "../src/service/concepts.js";

const log = createLogger("concepts-graphql-test", "silent");

describe("concept GraphQL on pglite", () => {
  let db: TestDatabase;
  let pubSub: PubSub;
  let schema: GraphQLSchema;
  let sourceId: string;
  const run = (query: string, variables: Record<string, unknown> = {}) =>
    execute({
      schema,
      document: parse(query),
      variableValues: variables,
      contextValue: { requestId: "t", identity: null, log, db, ml: undefined as never, pubSub, loader: createLoaderRegistry().loader } satisfies SubgraphContext,
    });

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    pubSub = createInProcessPubSub();
    schema = await buildFederatedSchema({ resolvers: [KnowledgeSourceResolver, KnowledgeChunkResolver, ConceptResolver, KnowledgeSourceConceptsResolver], pubSub });
    const texts = [
      "Customer data is encrypted at rest. The key management service rotates keys.",
      "Customer data never leaves the EU region; access to customer data is logged in an audit trail.",
    ];
    const [source] = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO knowledge.source (title, mime_type, content_hash) VALUES ('Security', 'text/plain', 'h') RETURNING id`;
    sourceId = source!.id;
    const chunkIds: string[] = [];
    for (const [i, text] of texts.entries()) {
      const [chunk] = await db.prisma.$queryRaw<{ id: string }[]>`
        INSERT INTO knowledge.chunk (source_id, ordinal, text, char_start, char_end) VALUES (${sourceId}::uuid, ${i}, ${text}, 0, ${text.length}) RETURNING id`;
      chunkIds.push(chunk!.id);
    }
    await db.prisma.$transaction((tx) => linkConcepts(tx, texts.map((t, i) => ({ chunkId: chunkIds[i]!, concepts: extractConcepts(t) }))));
  });
  afterAll(async () => {
    await pubSub?.close();
    await db?.drop();
  });

  it("concepts(query) finds concepts by prefix, most frequent first", async () => {
    const result = await run(`{ concepts(query: "Cust") { id name display docFreq } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.concepts).toEqual([{ id: expect.any(String), name: "customer data", display: "Customer data", docFreq: 2 }]);
    const bad = await run(`{ concepts(query: "  ", first: 500) { id } }`);
    expect(bad.errors?.[0]?.message).toMatch(/empty|at most/);
  });

  it("KnowledgeSource.topConcepts ranks the source's concepts", async () => {
    const result = await run(`query ($id: ID!) { knowledgeSource(id: $id) { title topConcepts(first: 2) { name } } }`, { id: sourceId });
    expect(result.errors).toBeUndefined();
    const top = (result.data!.knowledgeSource as { topConcepts: { name: string }[] }).topConcepts;
    expect(top).toHaveLength(2);
    expect(top.map((c) => c.name)).toContain("customer data");
  });
});
