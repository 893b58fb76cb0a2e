import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDataset, seed, type SeedResult } from "../../src/seed/index.js";
import { parseVector, createTestDatabase, type DbKind, type TestDatabase } from "../../src/index.js";
import { TEST_ONLY_HASH_EMBEDDING_DIMENSION as DIM, TEST_ONLY_HASH_EMBEDDING_MODEL as MODEL, testOnlyHashEmbedder, testOnlyHashEmbedding } from "./fake-embedding.js";

const TABLES = [
  "opportunities.opportunity",
  "leads.lead",
  "leads.intent_snippet",
  "leads.lead_technology",
  "talent.talent",
  "talent.job",
  "knowledge.source",
  "knowledge.chunk",
  "recommendations.item",
  "recommendations.feedback",
] as const;

async function counts(db: TestDatabase): Promise<Record<string, number>> {
  const [row] = await db.prisma.$queryRaw<Record<string, number>[]>`
    SELECT
      (SELECT count(*)::int FROM opportunities.opportunity) AS "opportunities.opportunity",
      (SELECT count(*)::int FROM leads.lead) AS "leads.lead",
      (SELECT count(*)::int FROM leads.intent_snippet) AS "leads.intent_snippet",
      (SELECT count(*)::int FROM leads.lead_technology) AS "leads.lead_technology",
      (SELECT count(*)::int FROM talent.talent) AS "talent.talent",
      (SELECT count(*)::int FROM talent.job) AS "talent.job",
      (SELECT count(*)::int FROM knowledge.source) AS "knowledge.source",
      (SELECT count(*)::int FROM knowledge.chunk) AS "knowledge.chunk",
      (SELECT count(*)::int FROM recommendations.item) AS "recommendations.item",
      (SELECT count(*)::int FROM recommendations.feedback) AS "recommendations.feedback",
      (SELECT count(*)::int FROM talent.talent WHERE embedding_model IS DISTINCT FROM ${MODEL}) AS "unembedded talents"`;
  return row!;
}

async function firstRows(db: TestDatabase) {
  const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  return {
    opportunities: await db.prisma.opportunity.findMany({ orderBy: order, take: 3 }),
    leads: await db.prisma.lead.findMany({ orderBy: order, take: 3, include: { intentSnippets: { orderBy: { id: "asc" } } } }),
    talents: await db.prisma.talent.findMany({ orderBy: order, take: 3 }),
    jobs: await db.prisma.job.findMany({ orderBy: order, take: 3 }),
    chunks: await db.prisma.knowledgeChunk.findMany({ orderBy: order, take: 3 }),
    items: await db.prisma.recommendationItem.findMany({ orderBy: order, take: 3 }),
    feedback: await db.prisma.recommendationFeedback.findMany({ orderBy: order, take: 3 }),
  };
}

/**
 * The seed against a real database. One file per database kind (seed-on-*.test.ts) so the two
 * slowest suites run in parallel workers.
 */
export function describeSeedOn(kind: DbKind): void {
  describe(`seed on ${kind}`, () => {
    let first: TestDatabase;
    let second: TestDatabase;
    let firstResult: SeedResult;
    const firstEmbedder = testOnlyHashEmbedder();

    beforeAll(async () => {
      [first, second] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
      // Two independent runs of the seed, overlapped: the second database is only compared.
      [firstResult] = await Promise.all([
        seed(first, { embed: firstEmbedder.embed, model: MODEL, dimension: DIM }),
        seed(second, { embed: testOnlyHashEmbedder().embed, model: MODEL, dimension: DIM }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([first?.drop(), second?.drop()]);
    });

    it("writes every table and a vector for every embeddable row, 256 texts per call at most", async () => {
      const c = await counts(first);
      const d = buildDataset();
      expect(c).toEqual({
        "opportunities.opportunity": d.opportunities.length,
        "leads.lead": d.leads.length,
        "leads.intent_snippet": d.snippets.length,
        "leads.lead_technology": d.technologies.length,
        "talent.talent": d.talents.length,
        "talent.job": d.jobs.length,
        "knowledge.source": d.sources.length,
        "knowledge.chunk": d.chunks.length,
        "recommendations.item": d.items.length,
        "recommendations.feedback": d.feedback.length,
        "unembedded talents": 0,
      });
      expect(Object.values(firstResult.inserted).reduce((a, b) => a + b, 0)).toBe(TABLES.reduce((sum, t) => sum + c[t]!, 0));
      const embeddable = d.opportunities.length + d.leads.length + d.snippets.length + d.talents.length + d.jobs.length + d.chunks.length + d.items.length;
      expect(firstEmbedder.stats.texts).toBe(embeddable);
      expect(firstEmbedder.stats.calls).toBeGreaterThanOrEqual(Math.ceil(embeddable / 256));
      expect(firstEmbedder.stats.largestCall).toBe(256);

      const talent = d.talents[0]!;
      const [row] = await first.prisma.$queryRaw<{ embedding: string }[]>`SELECT embedding::text AS embedding FROM talent.talent WHERE id = ${talent.data.id}::uuid`;
      const stored = parseVector(row!.embedding);
      const expected = testOnlyHashEmbedding(talent.text);
      stored.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 5));
    });

    it("writes leads the intent model can filter and intent signals dated up to the seed's day", async () => {
      const [leads] = await first.prisma.$queryRaw<{ iso: number; taxonomy: number; total: number }[]>`
        SELECT count(*) FILTER (WHERE country ~ '^[A-Z]{2}$')::int AS iso,
               count(*) FILTER (WHERE industry IN ('manufacturing', 'logistics', 'retail', 'banking', 'insurance', 'healthcare', 'pharma', 'energy',
                                                   'telecom', 'media', 'public_sector', 'automotive', 'software', 'professional_services', 'education'))::int AS taxonomy,
               count(*)::int AS total
        FROM leads.lead`;
      expect(leads).toEqual({ iso: 300, taxonomy: 300, total: 300 });
      const [dates] = await first.prisma.$queryRaw<{ newest: Date; oldest: Date }[]>`SELECT max(observed_at) AS newest, min(observed_at) AS oldest FROM leads.intent_snippet`;
      const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
      expect(dates!.newest.getTime()).toBeLessThanOrEqual(today.getTime());
      expect(dates!.newest.getTime()).toBeGreaterThan(today.getTime() - 2 * 86_400_000);
      expect(dates!.oldest.getTime()).toBeGreaterThan(today.getTime() - 92 * 86_400_000);
      const [tech] = await first.prisma.$queryRaw<{ leads: number; dropped: number }[]>`
        SELECT count(DISTINCT lead_id)::int AS leads, count(*) FILTER (WHERE NOT active)::int AS dropped FROM leads.lead_technology`;
      expect(tech!.leads).toBe(300);
      expect(tech!.dropped).toBeGreaterThan(0);
    });

    it("produces the same rows in a second database", async () => {
      expect(await counts(second)).toEqual(await counts(first));
      expect(await firstRows(second)).toEqual(await firstRows(first));
    });

    it("inserts and embeds nothing when run again", async () => {
      const before = await counts(first);
      const again = testOnlyHashEmbedder();
      const logs: string[] = [];
      const result = await seed(first, { embed: again.embed, model: MODEL, dimension: DIM, log: (m) => logs.push(m) });
      expect(Object.values(result.inserted).every((n) => n === 0)).toBe(true);
      expect(Object.values(result.embedded).every((n) => n === 0)).toBe(true);
      expect(again.stats.calls).toBe(0);
      expect(await counts(first)).toEqual(before);
      expect(logs.join("\n")).toMatch(/already/);
    });

    it("puts back missing rows and vectors, and only those, when run again", async () => {
      const d = buildDataset();
      const talentIds = d.talents.slice(0, 5).map((t) => t.data.id);
      const jobIds = d.jobs.slice(0, 3).map((j) => j.data.id);
      await first.prisma.talent.deleteMany({ where: { id: { in: talentIds } } });
      await first.prisma.$executeRaw`UPDATE talent.job SET embedding = NULL, embedding_model = NULL WHERE id = ANY(${jobIds}::uuid[])`;
      const again = testOnlyHashEmbedder();
      const result = await seed(first, { embed: again.embed, model: MODEL, dimension: DIM });
      expect(result.inserted).toMatchObject({ talent: 5, job: 0, opportunity: 0 });
      expect(result.embedded).toMatchObject({ talent: 5, job: 3, opportunity: 0, chunk: 0 });
      expect(again.stats.texts).toBe(8);
      expect((await counts(first))["unembedded talents"]).toBe(0);
    });

    it("rejects vectors of the wrong dimension before writing them", async () => {
      const wrong = async (texts: string[]) => texts.map(() => [1, 0, 0]);
      await expect(seed(first, { embed: wrong, model: "another-model", dimension: DIM })).rejects.toThrow(/3 dimensions, expected 512/);
      const [row] = await first.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opportunities.opportunity WHERE embedding_model = ${"another-model"}`;
      expect(row!.n).toBe(0);
    });
  });
}
