import { createPubSub } from "@graphql-yoga/subscription";
import pg from "pg";
import type { Logger } from "./logger.js";

/** The pub/sub type-graphql's @Subscription resolvers consume. */
export type PubSub = ReturnType<typeof createPubSub<Record<string, [unknown]>>> & { close(): Promise<void> };

/** Embedded topology: every subgraph lives in one process, so events stay in memory. */
export function createInProcessPubSub(): PubSub {
  return Object.assign(createPubSub<Record<string, [unknown]>>(), { close: async () => {} });
}

const CHANNEL = "matchgraph_events";
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: publish ids, not documents.
const MAX_PAYLOAD_BYTES = 7900;

/**
 * Distributed topology: a mutation may run on one replica and the subscriber sit on another, so
 * events travel through PostgreSQL LISTEN/NOTIFY on one channel (payload = topic + detail).
 * Implemented as the EventTarget that @graphql-yoga/subscription accepts for distributed set-ups.
 */
export async function createPostgresPubSub(databaseUrl: string, log: Logger): Promise<PubSub> {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  const local = new EventTarget();
  listener.on("notification", (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    try {
      const { topic, detail } = JSON.parse(msg.payload) as { topic: string; detail: unknown };
      local.dispatchEvent(new CustomEvent(topic, { detail }));
    } catch (err) {
      log.warn({ err }, "dropped malformed pub/sub notification");
    }
  });
  listener.on("error", (err) => log.error({ err }, "pub/sub listener connection failed"));

  const eventTarget = {
    addEventListener: local.addEventListener.bind(local),
    removeEventListener: local.removeEventListener.bind(local),
    dispatchEvent(event: Event) {
      const payload = JSON.stringify({ topic: event.type, detail: (event as CustomEvent).detail });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        log.error({ topic: event.type }, "pub/sub payload too large for NOTIFY; event dropped");
        return false;
      }
      publisher.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]).catch((err: unknown) => log.error({ err }, "NOTIFY failed"));
      return true;
    },
  };
  const pubSub = createPubSub<Record<string, [unknown]>>({ eventTarget });
  return Object.assign(pubSub, {
    async close() {
      await listener.end();
      await publisher.end();
    },
  });
}
