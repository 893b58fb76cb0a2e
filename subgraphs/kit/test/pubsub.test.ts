import pg from "pg";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createInProcessPubSub, createPostgresPubSub, type PubSub } from "../src/pubsub.js";

const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const reachable = await new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  .connect()
  .then(() => true)
  .catch(() => false);
if (!reachable && (process.env.CI || process.env.TEST_DATABASE_URL)) throw new Error(`PostgreSQL required at ${url}`);

/** Subscribes and returns the promise of the first event. */
function firstEvent(pubSub: PubSub, topic: string): { next: Promise<IteratorResult<unknown>> } {
  return { next: pubSub.subscribe(topic)[Symbol.asyncIterator]().next() };
}

describe("in-process pub/sub", () => {
  it("delivers a published event to a subscriber", async () => {
    const pubSub = createInProcessPubSub();
    const { next } = firstEvent(pubSub, "t");
    pubSub.publish("t", { id: "1" });
    expect((await next).value).toEqual({ id: "1" });
  });
});

describe.skipIf(!reachable)("PostgreSQL LISTEN/NOTIFY pub/sub", () => {
  const log = pino({ level: "silent" });
  const open: PubSub[] = [];
  afterAll(async () => Promise.all(open.map((p) => p.close())));

  it("delivers an event published by one replica to a subscriber on another", async () => {
    const a = await createPostgresPubSub(url, log);
    const b = await createPostgresPubSub(url, log);
    open.push(a, b);
    const { next } = firstEvent(b, "opportunities.upserted");
    await new Promise((r) => setTimeout(r, 50));
    a.publish("opportunities.upserted", { id: "42", source: "apn" });
    expect((await next).value).toEqual({ id: "42", source: "apn" });
  });

  it("does not deliver other topics", async () => {
    const a = await createPostgresPubSub(url, log);
    open.push(a);
    const { next } = firstEvent(a, "wanted");
    a.publish("unwanted", { n: 1 });
    a.publish("wanted", { n: 2 });
    expect((await next).value).toEqual({ n: 2 });
  });
});
