import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { FEATURE_NAMES } from "../src/matching/features.js";
import { feedbackPairs, insertFeedback } from "../src/db/matching.js";
import { feedbackWeight, MIN_HELD_OUT_FEEDBACK, talentMatchDataset } from "../src/service/training.js";

/** The training dataset on a real (PGlite) database: synthetic rows, feedback rows, labels, weights and the split flags. */
describe("talent-match dataset", () => {
  let db: TestDatabase;
  const talents: string[] = [];
  const jobs: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    for (let i = 0; i < 12; i++) {
      const t = await db.prisma.talent.create({
        data: { fullName: `T${i}`, headline: "Engineer", yearsExperience: 4, skills: ["python"], skillDetails: [{ name: "python", proficiency: 3, years: 4 }], timezoneOffset: i - 6, remotePreference: "remote" },
      });
      talents.push(t.id);
    }
    for (let i = 0; i < 5; i++) {
      const j = await db.prisma.job.create({ data: { title: `J${i}`, company: "Acme", description: "d", skills: ["python"], requiredSkills: [{ name: "python", minProficiency: 3 }], remotePolicy: "remote", timezoneMin: i - 2, timezoneMax: i } });
      jobs.push(j.id);
    }
  });
  afterAll(async () => db?.drop());

  it("builds the first version's dataset from the synthetic world alone, split by talent", async () => {
    const d = await talentMatchDataset(db, () => {}, { talents: 60, jobs: 20 });
    expect(d.model).toBe("talent-match");
    expect(d.objective).toBe("regression");
    expect(d.features.map((f) => f.name)).toEqual(FEATURE_NAMES);
    expect(d.rows).toHaveLength(360);
    expect(Array.from(d.trainOnly!).some(Boolean)).toBe(false);
    expect(new Set(Array.from(d.groups!)).size).toBe(60);
  });

  it("adds feedback pairs with their labels and weights; with enough of them the synthetic rows are train-only", async () => {
    // A few pairs: feedback rows join, synthetic rows can still be held out.
    await insertFeedback(db, { talentId: talents[0]!, jobId: jobs[0]!, type: "APPLIED", userId: "u" });
    await insertFeedback(db, { talentId: talents[0]!, jobId: jobs[0]!, type: "CONTACTED", userId: "r" });
    await insertFeedback(db, { talentId: talents[1]!, jobId: jobs[0]!, type: "REJECTED", userId: "r" });
    const few = await talentMatchDataset(db, () => {}, { talents: 60, jobs: 20 });
    expect(few.rows).toHaveLength(362);
    expect(Array.from(few.labels).slice(360).sort()).toEqual([5, 90]);
    expect(Array.from(few.trainOnly!).some(Boolean)).toBe(false);
    expect(Array.from(few.weights!)[361]).toBe(feedbackWeight(360, 2));

    for (const t of talents) for (const j of jobs) await insertFeedback(db, { talentId: t, jobId: j, type: "DISMISSED", userId: "u" });
    const pairs = await feedbackPairs(db);
    expect(pairs.length).toBeGreaterThanOrEqual(MIN_HELD_OUT_FEEDBACK);
    const many = await talentMatchDataset(db, () => {}, { talents: 60, jobs: 20 });
    const flags = Array.from(many.trainOnly!);
    expect(flags.slice(0, 360).every(Boolean)).toBe(true);
    expect(flags.slice(360).some(Boolean)).toBe(false);
    expect(many.rows).toHaveLength(360 + 60);
    // Feedback rows carry their features, e.g. the time-zone overlap of each pair (nothing silently 0).
    const tz = FEATURE_NAMES.indexOf("timezone_overlap_hours");
    const values = (many.rows as Array<Array<number | null>>).slice(360).map((r) => r[tz]);
    expect(values.every((v) => typeof v === "number" && v >= 0 && v <= 8)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(3);
  });
});
