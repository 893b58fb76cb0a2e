import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, parseVector, Prisma, vectorLiteral, vectorType, type TestDatabase } from "../src/index.js";
import { DB_KINDS } from "./helpers/kinds.js";

const MODEL = "universal-sentence-encoder-lite";
const DIM = 512;

function basis(i: number, dim = DIM): number[] {
  return Array.from({ length: dim }, (_, j) => (j === i ? 1 : 0));
}
function normalize(v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe("vector helpers", () => {
  it("vectorLiteral writes pgvector's text form and rejects non-finite components", () => {
    expect(vectorLiteral([1, -0.5, 2e-3])).toBe("[1,-0.5,0.002]");
    expect(() => vectorLiteral([])).toThrow(RangeError);
    expect(() => vectorLiteral([1, Number.NaN])).toThrow(/component 1/);
    expect(() => vectorLiteral([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it("vectorType accepts integer dimensions 1..16000 only", () => {
    expect(vectorType(384).sql).toBe("vector(384)");
    expect(vectorType(384).values).toEqual([]);
    for (const bad of [0, -1, 16001, 1.5, Number.NaN]) expect(() => vectorType(bad)).toThrow(RangeError);
    expect(() => vectorType("384); DROP TABLE x; --" as unknown as number)).toThrow(RangeError);
  });

  it("parseVector reads pgvector's text output", () => {
    expect(parseVector("[1,-0.5,0.002]")).toEqual([1, -0.5, 0.002]);
    expect(parseVector("[]")).toEqual([]);
    expect(() => parseVector("{1,2}")).toThrow(SyntaxError);
    expect(() => parseVector("[1,abc]")).toThrow(SyntaxError);
  });
});

describe.each(DB_KINDS)("raw pgvector SQL through the Prisma adapter on %s", (kind) => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const items = { same: "same", diagonal: "diagonal", orthogonal: "orthogonal", opposite: "opposite", otherModel: "other model", unembedded: "unembedded" };
    for (const [key, title] of Object.entries(items)) {
      ids[key] = (await db.prisma.recommendationItem.create({ data: { kind: "content", title, body: `${title} body`, tags: ["vector-test"] } })).id;
    }
    const vectors: [string, number[]][] = [
      ["same", basis(0)],
      ["diagonal", normalize(basis(0).map((x, j) => x + (j === 1 ? 1 : 0)))],
      ["orthogonal", basis(1)],
      ["opposite", basis(0).map((x) => -x)],
    ];
    // Every write inside one interactive transaction, as a subgraph would do it.
    await db.prisma.$transaction(async (tx) => {
      for (const [key, v] of vectors) {
        const n = await tx.$executeRaw`
          UPDATE recommendations.item SET embedding = ${vectorLiteral(v)}::${vectorType(DIM)}, embedding_model = ${MODEL}
          WHERE id = ${ids[key]}::uuid`;
        expect(n).toBe(1);
      }
      await tx.$executeRaw`
        UPDATE recommendations.item SET embedding = ${vectorLiteral(basis(0, 384))}::${vectorType(384)}, embedding_model = ${"all-minilm-l6-v2"}
        WHERE id = ${ids.otherModel}::uuid`;
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const search = (client: Pick<Prisma.TransactionClient, "$queryRaw">, query: number[], k: number) => client.$queryRaw<{ id: string; score: number }[]>`
    SELECT id, 1 - (embedding::${vectorType(DIM)} <=> ${vectorLiteral(query)}::${vectorType(DIM)}) AS score
    FROM recommendations.item
    WHERE embedding_model = ${MODEL}
    ORDER BY embedding::${vectorType(DIM)} <=> ${vectorLiteral(query)}::${vectorType(DIM)}
    LIMIT ${k}`;

  it("orders by cosine similarity and returns 1 - distance as the score", async () => {
    const rows = await search(db.prisma, basis(0), 10);
    expect(rows.map((r) => r.id)).toEqual([ids.same, ids.diagonal, ids.orthogonal, ids.opposite]);
    const scores = rows.map((r) => r.score);
    expect(typeof scores[0]).toBe("number");
    expect(scores[0]).toBeCloseTo(1, 5);
    expect(scores[1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(scores[2]).toBeCloseTo(0, 5);
    expect(scores[3]).toBeCloseTo(-1, 5);
  });

  it("honours LIMIT as a bind parameter", async () => {
    expect((await search(db.prisma, basis(0), 2)).map((r) => r.id)).toEqual([ids.same, ids.diagonal]);
  });

  it("returns stored vectors as text that parseVector reads back", async () => {
    const [row] = await db.prisma.$queryRaw<{ embedding: string }[]>`SELECT embedding FROM recommendations.item WHERE id = ${ids.diagonal}::uuid`;
    expect(typeof row!.embedding).toBe("string");
    const v = parseVector(row!.embedding);
    expect(v).toHaveLength(DIM);
    expect(v[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(v[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it("rolls back a vector UPDATE when the interactive transaction throws", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE recommendations.item SET embedding = ${vectorLiteral(basis(5))}::${vectorType(DIM)} WHERE id = ${ids.same}::uuid`;
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const rows = await search(db.prisma, basis(0), 1);
    expect(rows[0]!.id).toBe(ids.same);
    expect(rows[0]!.score).toBeCloseTo(1, 5);
  });

  it("rejects a vector whose length does not match the cast dimension", async () => {
    await expect(
      db.prisma.$executeRaw`UPDATE recommendations.item SET embedding = ${vectorLiteral([1, 2, 3])}::${vectorType(DIM)} WHERE id = ${ids.unembedded}::uuid`,
    ).rejects.toThrow(/expected 512 dimensions/);
  });

  it("can use the model's partial HNSW index for the same query shape", async () => {
    const plan = await db.prisma.$transaction(async (tx) => {
      // Tiny table: forbid the sequential scan only to prove the index matches the query.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const lines = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT id FROM recommendations.item
        WHERE embedding_model = ${MODEL}
        ORDER BY embedding::${vectorType(DIM)} <=> ${vectorLiteral(basis(0))}::${vectorType(DIM)}
        LIMIT ${5}`;
      const rows = await search(tx, basis(0), 10);
      return { text: lines.map((l) => l["QUERY PLAN"]).join("\n"), rows };
    });
    expect(plan.text).toMatch(/Index Scan using item_embedding_use_lite_hnsw_idx/);
    expect(plan.rows.map((r) => r.id)).toEqual([ids.same, ids.diagonal, ids.orthogonal, ids.opposite]);
  });
});
