import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, Prisma, type TestDatabase } from "../src/index.js";
import { DB_KINDS } from "./helpers/kinds.js";

describe.each(DB_KINDS)("CRUD through the generated client on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("round-trips an opportunity's Decimal amount and date-only close date", async () => {
    const created = await db.prisma.opportunity.create({
      data: {
        source: "apn",
        externalId: "O7654321",
        companyName: "Nordwind Logistics GmbH",
        website: "https://www.nordwindlogistics.de",
        title: "Migration of SAP workloads to AWS",
        amount: new Prisma.Decimal("123456789012.34"),
        closeDate: new Date("2026-03-31T00:00:00Z"),
      },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const found = await db.prisma.opportunity.findUniqueOrThrow({ where: { source_externalId: { source: "apn", externalId: "O7654321" } } });
    expect(found.amount).toBeInstanceOf(Prisma.Decimal);
    expect(found.amount!.toFixed(2)).toBe("123456789012.34");
    expect(found.closeDate!.toISOString()).toBe("2026-03-31T00:00:00.000Z");
    expect(found.createdAt).toBeInstanceOf(Date);

    const updated = await db.prisma.opportunity.update({ where: { id: created.id }, data: { amount: { increment: 0.66 }, stage: "Qualified" } });
    expect(updated.amount!.toString()).toBe("123456789013");
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    const raw = await db.prisma.$queryRaw<{ amount: Prisma.Decimal; close_date: Date }[]>`
      SELECT amount, close_date FROM opportunities.opportunity WHERE id = ${created.id}::uuid`;
    expect(raw[0]!.amount).toBeInstanceOf(Prisma.Decimal);
    expect(raw[0]!.close_date).toBeInstanceOf(Date);
  });

  it("enforces the (source, external_id) unique key and the source CHECK constraint", async () => {
    const base = { externalId: "crm.lead,1", companyName: "Atlas Freight B.V.", title: "Odoo CRM and Sales rollout" };
    await db.prisma.opportunity.create({ data: { ...base, source: "odoo" } });
    await expect(db.prisma.opportunity.create({ data: { ...base, source: "odoo" } })).rejects.toMatchObject({ code: "P2002" });
    await expect(db.prisma.opportunity.create({ data: { ...base, source: "salesforce" } })).rejects.toThrow(/opportunity_source_check/);
    expect(await db.prisma.opportunity.count({ where: { externalId: base.externalId } })).toBe(1);
  });

  it("stores and filters text[] skills", async () => {
    await db.prisma.talent.createMany({
      data: [
        { fullName: "Anna Müller", headline: "Senior Data Engineer", skills: ["Python", "Apache Spark", "SQL"], yearsExperience: 8 },
        { fullName: "Haruto Sato", headline: "Frontend Engineer", skills: ["TypeScript", "React"], yearsExperience: 4 },
        { fullName: "Ines Costa", headline: "Product Manager", yearsExperience: 6 },
      ],
    });
    const python = await db.prisma.talent.findMany({ where: { skills: { has: "Python" } } });
    expect(python.map((t) => t.fullName)).toEqual(["Anna Müller"]);
    const either = await db.prisma.talent.findMany({ where: { skills: { hasSome: ["React", "SQL"] } }, orderBy: { fullName: "asc" } });
    expect(either.map((t) => t.fullName)).toEqual(["Anna Müller", "Haruto Sato"]);
    const ines = await db.prisma.talent.findFirstOrThrow({ where: { fullName: "Ines Costa" } });
    expect(ines.skills).toEqual([]);
    const pushed = await db.prisma.talent.update({ where: { id: ines.id }, data: { skills: { push: ["Roadmapping", "SQL, \"quoted\" {braces}"] } } });
    expect(pushed.skills).toEqual(["Roadmapping", "SQL, \"quoted\" {braces}"]);
  });

  it("creates a knowledge source with nested chunks and cascades the delete", async () => {
    const source = await db.prisma.knowledgeSource.create({
      data: {
        title: "Security Whitepaper",
        mimeType: "application/pdf",
        contentHash: "abc123",
        tags: ["security"],
        chunks: {
          create: [
            { ordinal: 0, text: "All data is encrypted at rest.", page: 1, headingPath: ["Security Whitepaper", "Encryption"], charStart: 0, charEnd: 30 },
            { ordinal: 1, text: "TLS 1.2 or newer.", charStart: 32, charEnd: 49 },
          ],
        },
      },
      include: { chunks: { orderBy: { ordinal: "asc" } } },
    });
    expect(source.chunks.map((c) => [c.ordinal, c.page, c.headingPath])).toEqual([
      [0, 1, ["Security Whitepaper", "Encryption"]],
      [1, null, []],
    ]);
    await expect(
      db.prisma.knowledgeChunk.create({ data: { sourceId: source.id, ordinal: 1, text: "dup", charStart: 0, charEnd: 3 } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await db.prisma.knowledgeSource.delete({ where: { id: source.id } });
    expect(await db.prisma.knowledgeChunk.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it("pages feedback by (createdAt, id) and rejects an unknown signal", async () => {
    const item = await db.prisma.recommendationItem.create({ data: { kind: "playbook", title: "Co-sell with AWS", body: "Steps…", tags: ["aws"] } });
    const at = new Date("2025-06-01T12:00:00Z");
    await db.prisma.recommendationFeedback.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({ itemId: item.id, userId: `user-${i}`, signal: "click", createdAt: at })),
    });
    const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
    const all = await db.prisma.recommendationFeedback.findMany({ where: { itemId: item.id }, orderBy: order });
    const page1 = await db.prisma.recommendationFeedback.findMany({ where: { itemId: item.id }, orderBy: order, take: 2 });
    const page2 = await db.prisma.recommendationFeedback.findMany({ where: { itemId: item.id }, orderBy: order, take: 2, skip: 1, cursor: { id: page1[1]!.id } });
    expect([...page1, ...page2].map((f) => f.id)).toEqual(all.slice(0, 4).map((f) => f.id));
    await expect(db.prisma.recommendationFeedback.create({ data: { itemId: item.id, userId: "u", signal: "love" } })).rejects.toThrow(/feedback_signal_check/);
    await db.prisma.recommendationItem.delete({ where: { id: item.id } });
    expect(await db.prisma.recommendationFeedback.count({ where: { itemId: item.id } })).toBe(0);
  });

  it("returns bigint for count(*) and int8 in raw queries", async () => {
    const [row] = await db.prisma.$queryRaw<{ n: bigint; m: number }[]>`SELECT count(*) AS n, count(*)::int AS m FROM talent.talent`;
    expect(typeof row!.n).toBe("bigint");
    expect(typeof row!.m).toBe("number");
  });
});
