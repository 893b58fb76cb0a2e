import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { indexPendingIntentSnippets, intentSourceOf } from "../src/intent/indexing.js";

describe("intent source of a recorded signal", () => {
  it("keeps the intent model's own sources and maps common free-text ones", () => {
    expect(intentSourceOf("job_posting")).toBe("job_posting");
    expect(intentSourceOf("Job Post")).toBe("job_posting");
    expect(intentSourceOf("review-site")).toBe("review");
    expect(intentSourceOf("tender")).toBe("news");
    expect(intentSourceOf("webinar")).toBe("web_visit");
    expect(intentSourceOf("linkedin")).toBe("web_visit");
    expect(intentSourceOf(null)).toBe("web_visit");
  });
});

describe.each<DbKind>(["pglite", "postgres"])("indexing recorded intent signals on %s", (kind) => {
  let db: TestDatabase;
  const lead: Record<string, string> = {};
  const signal: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const companyName of ["Alpha", "Beta"]) lead[companyName] = (await db.prisma.lead.create({ data: { companyName, country: "DE", industry: "software" } })).id;
    const now = Date.now();
    for (const [key, company, text, source, daysAgo] of [
      ["first", "Alpha", "Hiring a platform engineer to run managed Kubernetes clusters in Berlin", "job_posting", 3],
      ["copy", "Alpha", "Hiring a platform engineer to run managed Kubernetes clusters in Berlin!", "job_posting", 1],
      ["other", "Alpha", "Downloaded the cloud cost allocation template", "content_download", 2],
      ["beta", "Beta", "Compared three vendors of zero-trust security on a review site", "review_site", 40],
    ] as const) {
      signal[key] = (await db.prisma.intentSnippet.create({ data: { leadId: lead[company]!, text, source, observedAt: new Date(now - daysAgo * 86_400_000) } })).id;
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("stores every signal as a snippet under its own id, a near-copy unscored, postings for the rest", async () => {
    expect(await indexPendingIntentSnippets(db, 3)).toBe(4);
    const rows = await db.prisma.$queryRaw<Array<{ id: string; source: string; duplicate_of: string | null; postings: number }>>`
      SELECT s.id::text AS id, s.source, s.duplicate_of::text AS duplicate_of, (SELECT count(*)::int FROM leads.snippet_term t WHERE t.snippet_id = s.id) AS postings
      FROM leads.snippet s ORDER BY s.observed_at`;
    expect(rows.map((r) => [r.id, r.source, r.duplicate_of])).toEqual([
      [signal.beta, "review", null],
      [signal.first, "job_posting", null],
      [signal.other, "web_visit", null],
      [signal.copy, "job_posting", signal.first],
    ]);
    expect(rows.map((r) => r.postings)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 0]);
    expect(rows.slice(0, 3).every((r) => r.postings > 3)).toBe(true);
    const [corpus] = await db.prisma.$queryRaw<Array<{ documents: bigint }>>`SELECT documents FROM leads.corpus_stat`;
    expect(Number(corpus!.documents)).toBe(3);
    const [kube] = await db.prisma.$queryRaw<Array<{ df: number }>>`SELECT df FROM leads.term_stat WHERE term = 'kubernete'`;
    expect(kube?.df).toBe(1);
  });

  it("indexes nothing twice", async () => {
    expect(await indexPendingIntentSnippets(db)).toBe(0);
    const [{ n }] = await db.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM leads.snippet`;
    expect(n).toBe(4);
  });
});
