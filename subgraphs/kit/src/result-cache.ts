import { LRUCache } from "lru-cache";
import type { Logger } from "./logger.js";
import type { PubSub } from "./pubsub.js";

export interface ResultCacheOptions<Change> {
  /** Entries kept at most; the least recently used goes first. */
  max: number;
  /** An entry is served this long at most, changes or not. */
  ttlMs: number;
  /** Pub/sub topic that carries changes to the other replicas. */
  topic: string;
  /** Whether the entry under `key` can hold a result that `change` makes stale. */
  affects(key: string, change: Change): boolean;
  /** Clock for the TTL (tests). */
  now?: () => number;
}

/**
 * Results computed by a subgraph, kept in its process until the data behind them changes: a write
 * calls `changed`, which drops the affected entries here and publishes the change, and `follow`
 * drops them in every other replica. Least recently used first out, and a TTL bounds what a lost
 * message can leave stale. A result computed while a change arrived may predate it: take
 * `generation` before computing and pass it to `set`, which then keeps nothing.
 */
export class ResultCache<V extends object, Change> {
  private readonly entries: LRUCache<string, V>;
  private changes = 0;

  constructor(private readonly options: ResultCacheOptions<Change>) {
    const now = options.now;
    this.entries = new LRUCache<string, V>({
      max: Math.max(1, options.max),
      ttl: Math.max(1, options.ttlMs),
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Counts the changes seen so far. */
  get generation(): number {
    return this.changes;
  }

  /** Keeps a result; one computed from `generation` `since` is dropped when a change came in between. */
  set(key: string, value: V, since?: number): void {
    if (since !== undefined && since !== this.changes) return;
    this.entries.set(key, value);
  }

  /** Drops the entries `change` affects in this process only. */
  drop(change: Change): void {
    this.changes++;
    for (const key of [...this.entries.keys()]) if (this.options.affects(key, change)) this.entries.delete(key);
  }

  /** A write happened: drops what it affects here and tells the other replicas. */
  changed(pubSub: PubSub, change: Change): void {
    this.drop(change);
    pubSub.publish(this.options.topic, change);
  }

  /** Applies the changes other replicas publish, until the returned function is called. */
  follow(pubSub: PubSub, log: Pick<Logger, "error">): () => void {
    const changes = pubSub.subscribe(this.options.topic);
    void (async () => {
      for await (const change of changes) this.drop(change as Change);
    })().catch((err: unknown) => log.error({ err, topic: this.options.topic }, "result cache invalidation subscription failed; entries expire by their TTL"));
    return () => void changes.return?.(undefined);
  }
}
