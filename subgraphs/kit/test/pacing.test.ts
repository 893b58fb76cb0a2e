import { describe, expect, it } from "vitest";
import { adaptivePacer, batchPacer, forEachPacedBatch } from "../src/jobs/pacing.js";

describe("batch pacing", () => {
  it("keeps PostgreSQL's fixed batch whatever a batch took", () => {
    const pacer = batchPacer({ kind: "postgres" }, { batch: 256 });
    expect(pacer.size).toBe(256);
    pacer.record(256, 60_000);
    expect(pacer.size).toBe(256);
  });

  it("on PGlite starts small and sizes batches to the target time", () => {
    const pacer = batchPacer({ kind: "pglite" }, { batch: 256, targetMs: 200 });
    expect(pacer.size).toBe(16);
    pacer.record(16, 160); // 10 ms an item: 20 fit in 200 ms
    expect(pacer.size).toBe(20);
    pacer.record(20, 2_000); // suddenly 100 ms an item (smoothed to 55): 3 fit
    expect(pacer.size).toBe(3);
  });

  it("grows at most twofold per batch and stays within its bounds", () => {
    const pacer = adaptivePacer({ max: 100, min: 2, initial: 4, targetMs: 1_000 });
    pacer.record(4, 4); // 1 ms an item: 1,000 would fit
    expect(pacer.size).toBe(8);
    pacer.record(8, 0);
    expect(pacer.size).toBe(16);
    for (let i = 0; i < 10; i++) pacer.record(pacer.size, 0);
    expect(pacer.size).toBe(100);
    pacer.record(100, 1e9);
    pacer.record(2, 1e9);
    expect(pacer.size).toBe(2);
    pacer.record(0, 5);
    pacer.record(3, Number.NaN);
    expect(pacer.size).toBe(2);
  });

  it("walks every item once, in order, in paced batches", async () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const seen: number[] = [];
    const sizes: number[] = [];
    const pacer = adaptivePacer({ max: 16, min: 1, initial: 2, targetMs: 1_000 });
    await forEachPacedBatch(items, pacer, async (batch, offset) => {
      expect(batch[0]).toBe(offset);
      sizes.push(batch.length);
      seen.push(...batch);
    });
    expect(seen).toEqual(items);
    expect(sizes[0]).toBe(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(16);
  });
});
