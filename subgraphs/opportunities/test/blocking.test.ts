import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, vectorLiteral, type DbKind, type TestDatabase } from "@matchgraph/db";
import { aliasGroupArrays, aliasGroups, candidatePairs, matchingRecords, type MatchingRecord } from "../src/db/matching.js";
import { cosine, MatchingIndex, nearestBothWays } from "../src/matching/blocking.js";

/**
 * In-memory blocking (full runs, big batches) against the SQL blocking statement it stands in
 * for: on records without vectors only the lexical keys apply, and both must find the same pairs
 * (similar names by pg_trgm's `%`, the same domain, alias groups, with the prefilters).
 */

const MODEL = "all-minilm-l6-v2";
const OPTIONS = { model: MODEL, perRecord: 8, dateWindowDays: null as number | null, sameRegionOnly: false, excludeStages: ["lost"] };

const RECORDS: Array<{ source: "apn" | "odoo"; name: string; domain?: string; stage?: string; close?: string }> = [
  { source: "apn", name: "acme cloud services", domain: "acme.com", close: "2025-01-10" },
  { source: "apn", name: "globex", close: "2025-03-01" },
  { source: "apn", name: "initech software", domain: "initech.io" },
  { source: "apn", name: "umbrella", stage: "lost" },
  { source: "apn", name: "big blue" },
  { source: "apn", name: "zzq unrelated" },
  { source: "odoo", name: "acme cloud", close: "2025-01-12" },
  { source: "odoo", name: "acme clouds services", domain: "acme.com", close: "2026-06-01" },
  { source: "odoo", name: "globex corp", close: "2025-03-05" },
  { source: "odoo", name: "globexx", stage: "lost" },
  { source: "odoo", name: "initech", domain: "initech.io" },
  { source: "odoo", name: "initech softwares" },
  { source: "odoo", name: "umbrella" },
  { source: "odoo", name: "international business machines" },
  { source: "odoo", name: "nothing alike" },
];
const ALIASES = aliasGroups([["big blue", "international business machines"]]);

describe.each<DbKind>(["pglite", "postgres"])("in-memory blocking on %s", (kind) => {
  let db: TestDatabase;
  const ids: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const [i, r] of RECORDS.entries()) {
      const [row] = await db.prisma.$queryRaw<[{ id: string }]>`
        INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, domain, stage, close_date)
        VALUES (${r.source}, ${`r${i}`}, ${r.name}, 'deal', ${r.name}, ${r.domain ?? null}, ${r.stage ?? null}, ${r.close ?? null}::date)
        RETURNING id::text`;
      ids.push(row.id);
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  const key = (p: { apnId: string; odooId: string }) => `${p.apnId}:${p.odooId}`;

  async function inMemory(options: typeof OPTIONS): Promise<string[]> {
    const index = new MatchingIndex(await matchingRecords(db, MODEL), { ...options, aliases: ALIASES });
    const pairs = new Set<string>();
    for (const id of ids) {
      const q = index.byId.get(id)!;
      for (const t of index.lexicalCandidates(q)) pairs.add(q.source === "apn" ? `${q.id}:${t.id}` : `${t.id}:${q.id}`);
    }
    return [...pairs].sort();
  }

  it.each([
    ["no prefilter", OPTIONS],
    ["a close-date window", { ...OPTIONS, dateWindowDays: 30 }],
  ])("finds the pairs the SQL statement finds (%s)", async (_label, options) => {
    const sql = (await candidatePairs(db, ids, { ...options, aliasGroups: aliasGroupArrays(ALIASES) })).map(key).sort();
    const memory = await inMemory(options);
    expect(memory).toEqual(sql);
    // Not vacuous: names alike, a shared domain and an alias pair are all among them, an excluded stage is not.
    expect(memory.length).toBeGreaterThanOrEqual(options.dateWindowDays === null ? 6 : 4);
    const umbrella = `${ids[3]}:${ids[12]}`;
    const alias = `${ids[4]}:${ids[13]}`;
    expect(memory).not.toContain(umbrella);
    expect(memory).toContain(alias);
  });

  it("counts a company's deals by name or domain in its own source, and reads vectors in binary form exactly", async () => {
    const v = Array.from({ length: 384 }, (_, i) => Math.sin(i) / 10);
    await db.prisma.$executeRaw`
      UPDATE opportunities.opportunity SET embedding_model = ${MODEL}, identity_embedding = ${vectorLiteral(v)}::vector, embedding = ${vectorLiteral(v)}::vector
      WHERE id = ${ids[0]}::uuid`;
    const records = await matchingRecords(db, MODEL);
    const index = new MatchingIndex(records, { ...OPTIONS, aliases: ALIASES });
    const acme = index.byId.get(ids[0]!)!;
    expect(Array.from(acme.identity!)).toEqual(v.map((x) => Math.fround(x)));
    expect(cosine(acme.identity, acme.context)).toBeCloseTo(1, 6);
    expect(index.byId.get(ids[1]!)!.identity).toBeNull();
    // "acme.com" has one APN deal; two Odoo records share it.
    expect(index.companyDeals(acme)).toBe(1);
    expect(index.companyDeals(index.byId.get(ids[7]!)!)).toBe(1);
    await db.prisma.$executeRaw`UPDATE opportunities.opportunity SET domain = 'acme.com' WHERE id = ${ids[6]}::uuid`;
    const again = new MatchingIndex(await matchingRecords(db, MODEL), { ...OPTIONS, aliases: ALIASES });
    expect(again.companyDeals(again.byId.get(ids[7]!)!)).toBe(2);
  });
});

describe("exact identity neighbours", () => {
  const record = (id: string, source: "apn" | "odoo", name: string, v: number[], stage: string | null = null): MatchingRecord => ({
    id,
    source,
    nameNorm: name,
    title: "deal",
    domain: null,
    countryCode: null,
    geoRegion: null,
    stage,
    closeDate: null,
    amount: null,
    identity: Float32Array.from(v),
    context: Float32Array.from(v),
  });

  it("ranks the other source's records by the cosine of their names' vectors, all records of a name, prefilters applied", async () => {
    const records = [
      record("a1", "apn", "acme", [1, 0, 0]),
      record("a2", "apn", "acme", [1, 0, 0]),
      record("o1", "odoo", "acme corp", [0.9, 0.1, 0]),
      record("o2", "odoo", "acme corp", [0.9, 0.1, 0]),
      record("o3", "odoo", "acne", [0.7, 0.7, 0], "lost"),
      record("o4", "odoo", "zeta", [0, 0, 1]),
      record("o5", "odoo", "amce", [0.8, 0.5, 0.1]),
    ];
    const index = new MatchingIndex(records, { perRecord: 3, dateWindowDays: null, sameRegionOnly: false, excludeStages: ["lost"], aliases: new Map() });
    expect(index.exactIdentity(1)).toBe(true);
    await index.prepareIdentity();
    const near = (id: string) => index.identityNeighbours(index.byId.get(id)!).map((r) => r.id);
    expect(near("a1")).toEqual(["o1", "o2", "o5"]);
    expect(near("a2")).toEqual(["o1", "o2", "o5"]);
    expect(near("o4")).toEqual(["a1", "a2"]);
    // A date window makes neighbours depend on the record: left to the database's HNSW probes.
    expect(new MatchingIndex(records, { perRecord: 3, dateWindowDays: 30, sameRegionOnly: false, excludeStages: [], aliases: new Map() }).exactIdentity(1)).toBe(false);
  });

  it("finds no neighbours, and does not fail, while only one source has records", async () => {
    for (const source of ["apn", "odoo"] as const) {
      const index = new MatchingIndex([record("x1", source, "acme", [1, 0, 0]), record("x2", source, "acme corp", [0.9, 0.1, 0])], {
        perRecord: 3,
        dateWindowDays: null,
        sameRegionOnly: false,
        excludeStages: [],
        aliases: new Map(),
      });
      await index.prepareIdentity();
      expect(index.identityNeighbours(index.byId.get("x1")!)).toEqual([]);
    }
  });

  it("finds context neighbours exactly here when one source is small, by record, excluded stages left out", async () => {
    const odoo = Array.from({ length: 12 }, (_, i) => record(`o${i}`, "odoo", `paper ${i}`, [Math.cos(i / 4), Math.sin(i / 4), 0]));
    const records = [record("a1", "apn", "first", [1, 0, 0]), record("a2", "apn", "second", [0, 1, 0]), ...odoo, record("lost", "odoo", "gone", [1, 0, 0], "lost")];
    const options = { perRecord: 2, dateWindowDays: null, sameRegionOnly: false, excludeStages: ["lost"], aliases: new Map() };
    const index = new MatchingIndex(records, options);
    // 2 of 14 records with a context vector are APN's: lopsided.
    expect(index.exactContext(14)).toBe(true);
    // Exact passes cost every pair, probes cost per query: with no query, probing is cheaper.
    expect(index.exactContext(0)).toBe(false);
    expect(index.exactIdentity(14)).toBe(true);
    await index.prepareContext();
    const near = (id: string) => index.contextNeighbours(index.byId.get(id)!).map((r) => r.id);
    expect(near("a1")).toEqual(["o0", "o1"]);
    expect(near("a2")).toEqual(["o6", "o7"]);
    expect(near("o0")).toEqual(["a1", "a2"]);
    expect(near("o11")).toEqual(["a2", "a1"]);
    expect(near("lost")).toEqual([]);
    // Balanced sources, or a prefilter that depends on the record: the database's HNSW probes.
    expect(new MatchingIndex([...records, ...odoo.map((r) => ({ ...r, id: `a-${r.id}`, source: "apn" as const }))], options).exactContext(26)).toBe(false);
    expect(new MatchingIndex(records, { ...options, sameRegionOnly: true }).exactContext(14)).toBe(false);
  });
});

describe("nearestBothWays", () => {
  it("gives every row's k nearest rows of the other set, both ways, as a full table would", async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const dim = 5;
    const [rowsA, rowsB, k] = [9, 23, 4];
    const a = Float32Array.from({ length: rowsA * dim }, random);
    const b = Float32Array.from({ length: rowsB * dim }, random);
    const dot = (i: number, j: number) => a.subarray(i * dim, (i + 1) * dim).reduce((s, x, d) => s + x * b[j * dim + d]!, 0);
    const reported: number[] = [];
    const { ofA, ofB } = await nearestBothWays(a, rowsA, b, rowsB, k, (done, rows) => reported.push(done / rows));
    expect(reported.at(-1)).toBe(1);
    for (let i = 0; i < rowsA; i++) {
      const expected = Array.from({ length: rowsB }, (_, j) => j).sort((x, y) => dot(i, y) - dot(i, x)).slice(0, k);
      expect([...ofA.subarray(i * k, (i + 1) * k)]).toEqual(expected);
    }
    for (let j = 0; j < rowsB; j++) {
      const expected = Array.from({ length: rowsA }, (_, i) => i).sort((x, y) => dot(y, j) - dot(x, j)).slice(0, k);
      expect([...ofB.subarray(j * k, (j + 1) * k)]).toEqual(expected);
    }
    // Fewer rows than k: the rest is -1.
    const few = await nearestBothWays(a.subarray(0, 2 * dim), 2, b, rowsB, 3);
    expect([...few.ofB.subarray(0, 3)].filter((x) => x === -1)).toHaveLength(1);
  });
});
