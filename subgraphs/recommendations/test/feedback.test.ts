import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { feedbackScores, insertFeedback } from "../src/db/recommendations.js";

const KINDS: DbKind[] = ["pglite", "postgres"];

describe.each(KINDS)("feedback on %s", (kind) => {
  let db: TestDatabase;
  let itemId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    itemId = (await db.prisma.recommendationItem.create({ data: { kind: "content", title: "Pricing one-pager", body: "Plans and prices." } })).id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("keeps one vote per user and item: a second vote replaces the first, votes of two users both count", async () => {
    await insertFeedback(db, { itemId, userId: "ann", signal: "up", context: "a" });
    await insertFeedback(db, { itemId, userId: "ann", signal: "up", context: "b" });
    expect((await feedbackScores(db, [itemId])).get(itemId)).toBe(1);
    await insertFeedback(db, { itemId, userId: "ann", signal: "down", context: "c", features: { similarity: 0.5, diligence: 0.2, engagement: 0.1 } });
    await insertFeedback(db, { itemId, userId: "bob", signal: "up", context: null });
    const votes = await db.prisma.recommendationFeedback.findMany({ where: { itemId, signal: { in: ["up", "down"] } }, orderBy: { userId: "asc" } });
    expect(votes.map((v) => [v.userId, v.signal, v.context])).toEqual([
      ["ann", "down", "c"],
      ["bob", "up", null],
    ]);
    expect(votes[0]!.features).toEqual({ similarity: 0.5, diligence: 0.2, engagement: 0.1 });
    expect((await feedbackScores(db, [itemId])).get(itemId)).toBe(0);
  });

  it("keeps every click and dismissal (events, not votes)", async () => {
    await insertFeedback(db, { itemId, userId: "ann", signal: "click", context: null });
    await insertFeedback(db, { itemId, userId: "ann", signal: "click", context: null });
    expect(await db.prisma.recommendationFeedback.count({ where: { itemId, userId: "ann", signal: "click" } })).toBe(2);
  });

  it("refuses a second stacked vote written around the upsert (the partial unique index holds)", async () => {
    await expect(db.prisma.recommendationFeedback.create({ data: { itemId, userId: "bob", signal: "down" } })).rejects.toThrow();
  });
});
