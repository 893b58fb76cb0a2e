import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { escapeLike, findConcepts, linkConcepts, topConceptsOfSource, topConceptsOfSources } from "../src/db/concepts.js";
import { STOP_WORDS, extractConcepts, normaliseConcept } from "../src/service/concepts.js";

const TEXT = `Customer data is encrypted at rest with AES-256. The encryption keys are rotated every 90 days by the
key management service, and customer data never leaves the EU region. Access to customer data is logged;
the key management service keeps an audit trail of every key rotation.`;

describe("extractConcepts (RAKE)", () => {
  it("finds multi-word phrases and ranks longer co-occurring phrases first", () => {
    const concepts = extractConcepts(TEXT);
    const names = concepts.map((c) => c.name);
    expect(names).toContain("customer data");
    expect(names).toContain("key management service");
    expect(names).toContain("audit trail");
    expect(names[0]).toBe("key management service");
    expect(concepts[0]!.weight).toBe(1);
    for (const c of concepts) {
      expect(c.weight).toBeGreaterThan(0);
      expect(c.weight).toBeLessThanOrEqual(1);
    }
    expect(concepts.find((c) => c.name === "key management service")?.display).toBe("key management service");
    expect(extractConcepts("Customer Data matters.").map((c) => c.display)).toEqual(["Customer Data matters"]);
  });

  it("drops stop words, numbers and one-letter words", () => {
    const names = extractConcepts(TEXT, { max: 50 }).flatMap((c) => c.name.split(" "));
    expect(names.filter((w) => STOP_WORDS.has(w))).toEqual([]);
    expect(names).not.toContain("90");
    expect(extractConcepts("the and of it is 42 a b c")).toEqual([]);
    expect(extractConcepts("")).toEqual([]);
  });

  it("keeps phrases of at most maxWords words and at most max phrases", () => {
    const long = "Quarterly enterprise revenue forecast accuracy improved. Pricing tiers matter.";
    const names = extractConcepts(long).map((c) => c.name);
    expect(names).not.toContain("quarterly enterprise revenue forecast accuracy improved");
    expect(names).toContain("pricing tiers matter");
    expect(extractConcepts(TEXT, { max: 3 })).toHaveLength(3);
    expect(extractConcepts(long, { maxWords: 6 }).map((c) => c.name)).toContain("quarterly enterprise revenue forecast accuracy improved");
  });

  it("is deterministic and normalises names", () => {
    expect(extractConcepts(TEXT)).toEqual(extractConcepts(TEXT));
    expect(normaliseConcept("  Key   Management\tService ")).toBe("key management service");
    expect(extractConcepts("Node.js and e-mail servers; C++ compilers.").map((c) => c.name)).toEqual(
      expect.arrayContaining(["node.js", "e-mail servers"]),
    );
  });

  it("escapes LIKE wildcards", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});

describe.each<DbKind>(["pglite", "postgres"])("concept SQL on %s", (kind) => {
  let db: TestDatabase;
  let sourceA: string;
  let sourceB: string;
  let chunks: string[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.prisma.$executeRaw`DELETE FROM knowledge.source`;
    await db.prisma.$executeRaw`DELETE FROM knowledge.concept`;
    const sources = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO knowledge.source (title, mime_type, content_hash)
      VALUES ('A', 'text/plain', 'a'), ('B', 'text/plain', 'b') RETURNING id`;
    [sourceA, sourceB] = [sources[0]!.id, sources[1]!.id];
    const rows = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO knowledge.chunk (source_id, ordinal, text, char_start, char_end)
      VALUES (${sourceA}::uuid, 0, 'x', 0, 1), (${sourceA}::uuid, 1, 'y', 1, 2), (${sourceB}::uuid, 0, 'z', 0, 1)
      RETURNING id`;
    chunks = rows.map((r) => r.id);
    const [a0, a1, b0] = chunks as [string, string, string];
    await db.prisma.$transaction(async (tx) => {
      await linkConcepts(tx, [
        { chunkId: a0, concepts: [{ name: "customer data", display: "Customer data", weight: 1 }, { name: "encryption keys", display: "encryption keys", weight: 0.5 }] },
        { chunkId: a1, concepts: [{ name: "customer data", display: "customer data", weight: 0.4 }, { name: "audit trail", display: "audit trail", weight: 1 }] },
        { chunkId: b0, concepts: [{ name: "customer data", display: "x", weight: 1 }, { name: "a_b", display: "a_b", weight: 0.1 }, { name: "axb", display: "axb", weight: 0.2 }] },
      ]);
    });
  });

  it("creates concepts once and counts the chunks they are linked to", async () => {
    const rows = await db.prisma.$queryRaw<{ name: string; display: string; doc_freq: number }[]>`
      SELECT name, display, doc_freq FROM knowledge.concept ORDER BY name`;
    expect(rows).toEqual([
      { name: "a_b", display: "a_b", doc_freq: 1 },
      { name: "audit trail", display: "audit trail", doc_freq: 1 },
      { name: "axb", display: "axb", doc_freq: 1 },
      { name: "customer data", display: "Customer data", doc_freq: 3 },
      { name: "encryption keys", display: "encryption keys", doc_freq: 1 },
    ]);
  });

  it("re-linking a chunk updates the weight without counting it twice", async () => {
    await linkConcepts(db.prisma, [{ chunkId: chunks[0]!, concepts: [{ name: "customer data", display: "?", weight: 0.25 }, { name: "new phrase", display: "new phrase", weight: 1 }] }]);
    const rows = await db.prisma.$queryRaw<{ name: string; doc_freq: number }[]>`
      SELECT name, doc_freq FROM knowledge.concept WHERE name IN ('customer data', 'new phrase') ORDER BY name`;
    expect(rows).toEqual([{ name: "customer data", doc_freq: 3 }, { name: "new phrase", doc_freq: 1 }]);
    const [link] = await db.prisma.$queryRaw<{ weight: number }[]>`
      SELECT cc.weight FROM knowledge.chunk_concept cc JOIN knowledge.concept c ON c.id = cc.concept_id
      WHERE cc.chunk_id = ${chunks[0]!}::uuid AND c.name = 'customer data'`;
    expect(link!.weight).toBe(0.25);
  });

  it("searches by name prefix and word prefix, exact match first, then by doc_freq", async () => {
    expect((await findConcepts(db, "customer data", 10)).map((c) => c.name)).toEqual(["customer data"]);
    expect((await findConcepts(db, "a", 10)).map((c) => c.name)).toEqual(["a_b", "audit trail", "axb"]);
    expect((await findConcepts(db, "dat", 10)).map((c) => c.name)).toEqual(["customer data"]);
    expect((await findConcepts(db, "tr", 10)).map((c) => c.name)).toEqual(["audit trail"]);
    const [hit] = await findConcepts(db, "cust", 1);
    expect(hit).toEqual({ id: expect.any(String), name: "customer data", display: "Customer data", docFreq: 3 });
  });

  it("treats LIKE wildcards in the query literally", async () => {
    expect((await findConcepts(db, "a_", 10)).map((c) => c.name)).toEqual(["a_b"]);
    expect(await findConcepts(db, "%", 10)).toEqual([]);
    expect(await findConcepts(db, "\\", 10)).toEqual([]);
  });

  it("ranks a source's concepts by their summed chunk weights", async () => {
    const top = await topConceptsOfSource(db, sourceA, 2);
    expect(top.map((c) => [c.name, c.score])).toEqual([
      ["customer data", 1.4],
      ["audit trail", 1],
    ]);
    const both = await topConceptsOfSources(db, [sourceA, sourceB], 10);
    expect(both.get(sourceA)?.map((c) => c.name)).toEqual(["customer data", "audit trail", "encryption keys"]);
    expect(both.get(sourceB)?.map((c) => c.name)).toEqual(["customer data", "axb", "a_b"]);
  });

  it("deleting a source unlinks its chunks' concepts and hides concepts no chunk links any more", async () => {
    await db.prisma.$executeRaw`DELETE FROM knowledge.source WHERE id = ${sourceB}::uuid`;
    const [row] = await db.prisma.$queryRaw<{ doc_freq: number }[]>`SELECT doc_freq FROM knowledge.concept WHERE name = 'customer data'`;
    expect(row!.doc_freq).toBe(2);
    expect((await findConcepts(db, "a", 10)).map((c) => c.name)).toEqual(["audit trail"]);
    expect(await topConceptsOfSource(db, sourceB, 5)).toEqual([]);
  });
});
