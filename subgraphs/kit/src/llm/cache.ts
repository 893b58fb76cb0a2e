import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { ChatRequest, Usage } from "./types.js";

/** What the cache keeps of an answer. */
export interface CachedAnswer {
  content: string;
  finishReason: string;
  model: string;
  usage: Usage;
}

export interface LlmCache {
  get(key: string): Promise<{ answer: CachedAnswer; layer: "memory" | "redis" } | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The cache key: SHA-256 over the provider's base URL, the model, every message (role and
 * content) and every parameter that changes the answer (max tokens, temperature, top-p, stop,
 * seed, response format). Anything else (request id, timeouts) does not take part.
 */
export function cacheKey(baseUrl: string, model: string, request: ChatRequest, maxTokens: number, responseFormat: unknown): string {
  const parts = [
    "llm-cache-v1",
    baseUrl,
    model,
    request.messages.map((m) => [m.role, m.content]),
    maxTokens,
    request.temperature ?? null,
    request.topP ?? null,
    request.stop ?? null,
    request.seed ?? null,
    responseFormat ?? null,
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

export class MemoryLlmCache implements LlmCache {
  private readonly lru: LRUCache<string, CachedAnswer>;

  constructor(options: { max: number; ttlMs: number }) {
    this.lru = new LRUCache<string, CachedAnswer>({ max: Math.max(1, options.max), ttl: Math.max(1, options.ttlMs) });
  }

  async get(key: string) {
    const answer = this.lru.get(key);
    return answer && { answer, layer: "memory" as const };
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    this.lru.set(key, answer);
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}

/** The few Redis commands the cache and the budget use (ioredis' signatures). */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "EX", seconds: number): Promise<unknown>;
  del(key: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hincrbyfloat(key: string, field: string, increment: number): Promise<string>;
  expire(key: string, seconds: number): Promise<number>;
  quit(): Promise<unknown>;
}

/**
 * Answers shared by every process through Redis (JSON under `matchgraph:llm:cache:<key>`, expiring after
 * the TTL). A Redis failure is a miss, never a failed call: it is reported to `onError`.
 */
export class RedisLlmCache implements LlmCache {
  constructor(
    private readonly redis: RedisLike,
    private readonly ttlSeconds: number,
    private readonly onError: (err: unknown) => void,
    private readonly prefix = "matchgraph:llm:cache:",
  ) {}

  async get(key: string) {
    try {
      const text = await this.redis.get(this.prefix + key);
      return text === null ? undefined : { answer: JSON.parse(text) as CachedAnswer, layer: "redis" as const };
    } catch (err) {
      this.onError(err);
      return undefined;
    }
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    try {
      await this.redis.set(this.prefix + key, JSON.stringify(answer), "EX", Math.max(1, Math.round(this.ttlSeconds)));
    } catch (err) {
      this.onError(err);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.redis.del(this.prefix + key);
    } catch (err) {
      this.onError(err);
    }
  }

  async close(): Promise<void> {
    // The Redis connection belongs to whoever made it (the LLM client closes its own).
  }
}

/** The in-process LRU in front of Redis: a Redis hit is kept in memory too. */
export class TieredLlmCache implements LlmCache {
  constructor(
    private readonly memory: LlmCache,
    private readonly shared: LlmCache,
  ) {}

  async get(key: string) {
    const local = await this.memory.get(key);
    if (local) return local;
    const remote = await this.shared.get(key);
    if (remote) await this.memory.set(key, remote.answer);
    return remote;
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    await Promise.all([this.memory.set(key, answer), this.shared.set(key, answer)]);
  }

  async delete(key: string): Promise<void> {
    await Promise.all([this.memory.delete(key), this.shared.delete(key)]);
  }

  async close(): Promise<void> {
    await Promise.all([this.memory.close(), this.shared.close()]);
  }
}
