import { describe, expect, it } from "vitest";
import { createInProcessPubSub } from "../src/pubsub.js";
import { ResultCache } from "../src/result-cache.js";
import { createLogger } from "../src/logger.js";

type Change = { table: string };
const byTable = (key: string, change: Change) => key.startsWith(`${change.table}:`);

describe("ResultCache", () => {
  it("serves an entry until its TTL, and the least recently used goes first when full", () => {
    let now = 50_000;
    const cache = new ResultCache<{ n: number }, Change>({ max: 2, ttlMs: 1000, topic: "t", affects: byTable, now: () => now });
    cache.set("a:1", { n: 1 });
    cache.set("a:2", { n: 2 });
    expect(cache.get("a:1")).toEqual({ n: 1 }); // a:1 used last: a:2 goes first
    cache.set("b:1", { n: 3 });
    expect(cache.get("a:2")).toBeUndefined();
    expect(cache.get("a:1")).toEqual({ n: 1 });
    now = 50_999;
    expect(cache.get("b:1")).toEqual({ n: 3 });
    now = 51_001;
    expect(cache.get("b:1")).toBeUndefined();
    expect(cache.get("a:1")).toBeUndefined();
  });

  it("drops what a change affects here, and in another replica that follows the topic", async () => {
    const pubSub = createInProcessPubSub();
    const log = createLogger("result-cache-test", "silent");
    const options = { max: 10, ttlMs: 60_000, topic: "things.changed", affects: byTable };
    const here = new ResultCache<{ n: number }, Change>(options);
    const there = new ResultCache<{ n: number }, Change>(options);
    const unfollow = there.follow(pubSub, log);
    for (const cache of [here, there]) {
      cache.set("a:1", { n: 1 });
      cache.set("b:1", { n: 2 });
    }
    here.changed(pubSub, { table: "a" });
    expect(here.get("a:1")).toBeUndefined();
    expect(here.get("b:1")).toEqual({ n: 2 });
    await new Promise((r) => setTimeout(r, 10));
    expect(there.get("a:1")).toBeUndefined();
    expect(there.get("b:1")).toEqual({ n: 2 });

    unfollow();
    await new Promise((r) => setTimeout(r, 10));
    there.set("a:1", { n: 1 });
    here.changed(pubSub, { table: "a" });
    await new Promise((r) => setTimeout(r, 10));
    expect(there.get("a:1")).toEqual({ n: 1 });
  });
});

describe("ResultCache generations", () => {
  it("keeps nothing computed across a change", () => {
    const pubSub = createInProcessPubSub();
    const cache = new ResultCache<{ n: number }, Change>({ max: 10, ttlMs: 60_000, topic: "g", affects: byTable });
    const before = cache.generation;
    cache.changed(pubSub, { table: "b" }); // a write lands while "a:1" is being computed
    cache.set("a:1", { n: 1 }, before);
    expect(cache.get("a:1")).toBeUndefined();
    const now = cache.generation;
    cache.set("a:1", { n: 2 }, now);
    expect(cache.get("a:1")).toEqual({ n: 2 });
  });
});
