import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, vectorLiteral, type DbKind, type TestDatabase } from "@matchgraph/db";
import { candidatePairs, markMatched } from "../src/db/matching.js";

/**
 * Candidate generation on both databases: the vector blocking keys find the other source's
 * nearest records even when the query record's own source crowds the neighbourhood (pgvector's
 * iterative scan, switched on inside the one statement), and nothing is searched while the other
 * source is empty.
 */

const MODEL = "all-minilm-l6-v2";
const DIM = 384;

/** A unit vector near axis `axis` (index 0 or 1), with a small deterministic wobble. */
function near(axis: number, i: number): string {
  const v = Array.from({ length: DIM }, (_, d) => (d === axis ? 1 : d === 2 + (i % (DIM - 2)) ? 0.05 + (i % 7) * 0.01 : 0));
  const norm = Math.hypot(...v);
  return vectorLiteral(v.map((x) => x / norm));
}

const OPTIONS = { model: MODEL, perRecord: 8, dateWindowDays: null, sameRegionOnly: false, excludeStages: [] as string[] };

describe.each<DbKind>(["pglite", "postgres"])("candidate generation on %s", (kind) => {
  let db: TestDatabase;
  let query: string;

  async function insert(source: "apn" | "odoo", externalId: string, name: string, vector: string): Promise<string> {
    const [row] = await db.prisma.$queryRaw<[{ id: string }]>`
      INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, embedding_model, identity_embedding, embedding)
      VALUES (${source}, ${externalId}, ${name}, 'deal', ${name}, ${MODEL}, ${vector}::vector, ${vector}::vector)
      RETURNING id::text`;
    return row.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    query = await insert("apn", "q", "zzqx", near(0, 0));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("finds nothing, quickly, while the other source is empty", async () => {
    // The record's own source around it: nothing of the other source exists yet.
    for (let i = 1; i <= 20; i++) await insert("apn", `a${i}`, `apn company ${i}`, near(0, i));
    expect(await candidatePairs(db, [query], OPTIONS)).toEqual([]);
  });

  it("finds the other source's nearest records past a crowd of the record's own source", async () => {
    // 300 APN records closer to the query than any Odoo record: a plain HNSW scan (ef_search 40)
    // would see only APN records and, filtered to the other source, return none.
    const apnIds: string[] = [];
    for (let start = 21; start <= 300; start += 40) {
      const values = Array.from({ length: Math.min(40, 301 - start) }, (_, k) => start + k);
      const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
        INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, embedding_model, identity_embedding, embedding)
        SELECT 'apn', 'a' || i, 'apn company ' || i, 'deal', 'apn company ' || i, ${MODEL}, v::vector, v::vector
        FROM unnest(${values}::int[], ${values.map((i) => near(0, i))}::text[]) AS t(i, v)
        RETURNING id::text`;
      apnIds.push(...rows.map((r) => r.id));
    }
    const odooIds = new Set<string>();
    for (let i = 0; i < 12; i++) odooIds.add(await insert("odoo", `o${i}`, `odoo firm ${i}`, near(1, i)));

    const pairs = await candidatePairs(db, [query], OPTIONS);
    expect(pairs.length).toBeGreaterThanOrEqual(OPTIONS.perRecord);
    for (const p of pairs) {
      expect(p.apnId).toBe(query);
      expect(odooIds.has(p.odooId)).toBe(true);
    }
    // The settings were the statement's own: the session keeps pgvector's defaults.
    const [settings] = await db.prisma.$queryRaw<[{ scan: string }]>`SELECT current_setting('hnsw.iterative_scan', true) AS scan`;
    expect(settings.scan === null || settings.scan === "" || settings.scan === "off").toBe(true);
    expect(apnIds).toHaveLength(280);
  });

  it("writes name trigrams straight into the index, with no pending list for every probe to read", async () => {
    const [index] = await db.prisma.$queryRaw<[{ options: string[] | null }]>`
      SELECT reloptions AS options FROM pg_class WHERE oid = 'opportunities.opportunity_name_norm_trgm_idx'::regclass`;
    expect(index.options).toContain("fastupdate=off");
  });

  it("marks only records still waiting for matching", async () => {
    const at = new Date(Date.now() - 60_000);
    await markMatched(db.prisma, [query], at);
    const [first] = await db.prisma.$queryRaw<[{ matched: Date }]>`SELECT matched_at AS matched FROM opportunities.opportunity WHERE id = ${query}::uuid`;
    // matched_at (a minute ago) is before updated_at: still waiting, so a later mark writes it again.
    expect(first.matched.getTime()).toBe(at.getTime());
    await db.prisma.$executeRaw`UPDATE opportunities.opportunity SET matched_at = now() + interval '1 hour' WHERE id = ${query}::uuid`;
    await markMatched(db.prisma, [query], new Date());
    const [second] = await db.prisma.$queryRaw<[{ later: boolean }]>`SELECT matched_at > now() AS later FROM opportunities.opportunity WHERE id = ${query}::uuid`;
    expect(second.later).toBe(true);
  });
});
