import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BudgetExceededError,
  ConfigError,
  LlmCircuitOpenError,
  LlmOutputError,
  LlmRequestError,
  LlmUnavailableError,
  createLlmClient,
  createLlmClientFromEnv,
  llmEnv,
  llmOptionsFromEnv,
  parseEnv,
  type LlmClient,
  type LlmClientOptions,
} from "../src/index.js";

/** What the fake provider got: the parsed body and when. */
interface Seen {
  body: Record<string, unknown>;
  at: number;
  headers: IncomingMessage["headers"];
}

type Answer = (res: ServerResponse, body: Record<string, unknown>, n: number) => void;

/** A small OpenAI-compatible provider on a real loopback port; `answer` decides each reply. */
class FakeProvider {
  seen: Seen[] = [];
  answer: Answer = (res) => completion(res, "hello");
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const body = JSON.parse(text || "{}") as Record<string, unknown>;
        this.seen.push({ body, at: performance.now(), headers: req.headers });
        this.answer(res, body, this.seen.length);
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

function completion(res: ServerResponse, content: string, usage = { prompt_tokens: 10, completion_tokens: 5 }, finish = "stop"): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "x",
      object: "chat.completion",
      model: "fake-model",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    }),
  );
}

function fail(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ error: { message: `fake ${status}`, type: "server_error", code: null } }));
}

function sse(res: ServerResponse, deltas: string[], usage = { prompt_tokens: 7, completion_tokens: 3 }): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (choices: unknown[], extra = {}) => `data: ${JSON.stringify({ id: "s", object: "chat.completion.chunk", model: "fake-model", choices, ...extra })}\n\n`;
  res.write(chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
  for (const d of deltas) res.write(chunk([{ index: 0, delta: { content: d }, finish_reason: null }]));
  res.write(chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
  res.write(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
  res.end("data: [DONE]\n\n");
}

const provider = new FakeProvider();
const silent = pino({ level: "silent" });
const clients: LlmClient[] = [];

function client(options: Partial<LlmClientOptions> = {}): LlmClient {
  const c = createLlmClient({ baseUrl: provider.url, model: "fake-model", logger: silent, registry: new Registry(), retryBaseMs: 5, retryMaxMs: 20, ...options });
  clients.push(c);
  return c;
}

async function metric(c: LlmClient, name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = c.metrics.registry.getSingleMetric(name);
  const values = (await m?.get())?.values ?? [];
  return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
}

const ask = (text = "Hi") => ({ messages: [{ role: "user" as const, content: text }], maxTokens: 50 });

beforeAll(() => provider.start());
afterAll(() => provider.stop());
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  provider.seen = [];
  provider.answer = (res) => completion(res, "hello");
});

describe("LLM client: answers, cost and tokens", () => {
  it("reports the path, usage and cost of an answer, and counts tokens and cost per model", async () => {
    const c = client({ prices: { "fake-model": { input: 2, output: 8 } } });
    const r = await c.chat(ask(), { requestId: "req-1" });
    expect(r).toMatchObject({ content: "hello", path: "provider", attempts: 1, finishReason: "stop", model: "fake-model", priced: true });
    expect(r.usage).toEqual({ promptTokens: 10, completionTokens: 5, totalTokens: 15 });
    expect(r.costUsd).toBeCloseTo((10 * 2 + 5 * 8) / 1e6, 12);
    expect(provider.seen[0]!.body).toMatchObject({ model: "fake-model", max_tokens: 50, messages: [{ role: "user", content: "Hi" }] });
    expect(provider.seen[0]!.headers["x-request-id"]).toBe("req-1");
    expect(await metric(c, "llm_tokens_total", { model: "fake-model", kind: "input" })).toBe(10);
    expect(await metric(c, "llm_tokens_total", { model: "fake-model", kind: "output" })).toBe(5);
    expect(await metric(c, "llm_cost_usd_total", { model: "fake-model" })).toBeCloseTo(60 / 1e6, 12);
    expect(await metric(c, "llm_requests_total", { outcome: "success" })).toBe(1);
  });

  it("counts local models (the ml-runtime) at $0 and a remote model without a price as unpriced", async () => {
    expect((await client({ local: true }).chat(ask())).costUsd).toBe(0);
    const remote = await client({ local: false }).chat(ask());
    expect(remote).toMatchObject({ costUsd: 0, priced: false });
  });

  it("sends the API key as a bearer token", async () => {
    await client({ apiKey: "sk-test" }).chat(ask());
    expect(provider.seen[0]!.headers.authorization).toBe("Bearer sk-test");
  });
});

describe("LLM client: retries", () => {
  it("retries 429 and 5xx with back-off, waiting the provider's retry-after", async () => {
    provider.answer = (res, _b, n) => (n === 1 ? fail(res, 429, { "retry-after-ms": "120" }) : n === 2 ? fail(res, 503) : completion(res, "third time"));
    const r = await client({ maxRetries: 2 }).chat(ask());
    expect(r).toMatchObject({ content: "third time", attempts: 3 });
    expect(provider.seen).toHaveLength(3);
    // The second attempt waited for retry-after-ms (a lower bound set by a timer, not a speed claim).
    expect(provider.seen[1]!.at - provider.seen[0]!.at).toBeGreaterThanOrEqual(110);
  });

  it("gives up after maxRetries with LlmUnavailableError, and does not retry a 400", async () => {
    provider.answer = (res) => fail(res, 502);
    const c = client({ maxRetries: 1 });
    const err = await c.chat(ask()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmUnavailableError);
    expect((err as LlmUnavailableError).status).toBe(502);
    expect(provider.seen).toHaveLength(2);
    expect(await metric(c, "llm_requests_total", { outcome: "error" })).toBe(1);

    provider.seen = [];
    provider.answer = (res) => fail(res, 400);
    await expect(c.chat(ask())).rejects.toBeInstanceOf(LlmRequestError);
    expect(provider.seen).toHaveLength(1);
  });

  it("treats a timeout and an unreachable provider as unavailable, retried", async () => {
    provider.answer = () => undefined; // never answers
    const c = client({ maxRetries: 1, timeoutMs: 150 });
    await expect(c.chat(ask())).rejects.toThrow(/did not answer within 150 ms/);
    expect(provider.seen).toHaveLength(2);

    const gone = client({ baseUrl: "http://127.0.0.1:9/v1", maxRetries: 1 });
    await expect(gone.chat(ask())).rejects.toThrow(/unreachable/);
  });

  it("does not wait for a retry-after longer than allowed", async () => {
    provider.answer = (res) => fail(res, 429, { "retry-after": "120" });
    await expect(client({ maxRetries: 3, maxRetryAfterMs: 1000 }).chat(ask())).rejects.toBeInstanceOf(LlmUnavailableError);
    expect(provider.seen).toHaveLength(1);
  });
});

describe("LLM client: circuit breaker", () => {
  it("opens at 20% failures over the window (with its minimum of calls), fails fast, and recovers through a half-open probe", async () => {
    const changes: string[] = [];
    const c = client({ maxRetries: 0, cacheSize: 0, breaker: { failureRate: 0.2, minimumCalls: 10, windowSize: 10, cooldownMs: 300 } });
    provider.answer = (res, _b, n) => (n === 9 || n === 10 ? fail(res, 500) : completion(res, "ok"));
    for (let i = 1; i <= 9; i++) await c.chat(ask(`q${i}`)).catch(() => undefined);
    // 1 failure in 9 calls: below the minimum number of calls and below 20%.
    expect(c.circuit).toMatchObject({ state: "closed", windowCalls: 9, windowFailures: 1 });
    await c.chat(ask("q10")).catch(() => undefined);
    // 2 failures in 10 calls = 20%: open.
    expect(c.circuit.state).toBe("open");
    expect(await metric(c, "llm_circuit_state")).toBe(2);
    changes.push(c.circuit.state);

    const refused = await c.chat(ask("q11")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LlmCircuitOpenError);
    expect(provider.seen).toHaveLength(10); // not sent
    expect(await metric(c, "llm_requests_total", { outcome: "circuit_open" })).toBe(1);

    // The caller may fall back instead.
    expect(await c.chat(ask("q12"), { fallback: (_e, reason) => `fallback (${reason})` })).toBe("fallback (unavailable)");

    // After the cool-down one probe goes through; its success closes the circuit.
    await new Promise((r) => setTimeout(r, 350));
    expect(await c.chat(ask("probe"))).toMatchObject({ content: "ok" });
    expect(c.circuit.state).toBe("closed");
    expect(await metric(c, "llm_circuit_state")).toBe(0);
  });

  it("stays closed at 10% failures", async () => {
    const c = client({ maxRetries: 0, cacheSize: 0, breaker: { failureRate: 0.2, minimumCalls: 10, windowSize: 10 } });
    provider.answer = (res, _b, n) => (n === 5 ? fail(res, 500) : completion(res, "ok"));
    for (let i = 1; i <= 15; i++) await c.chat(ask(`q${i}`)).catch(() => undefined);
    expect(c.circuit.state).toBe("closed");
  });

  it("counts each retried attempt in the window, so a flapping provider opens it", async () => {
    const c = client({ maxRetries: 2, cacheSize: 0, breaker: { failureRate: 0.2, minimumCalls: 5, windowSize: 10, cooldownMs: 60_000 } });
    provider.answer = (res, _b, n) => (n % 3 === 0 ? completion(res, "ok") : fail(res, 503));
    await c.chat(ask("a")); // 2 failures, 1 success
    await c.chat(ask("b")).catch(() => undefined); // fails twice more: 4 of 5 attempts failed
    expect(c.circuit.state).toBe("open");
  });
});

describe("LLM client: response cache", () => {
  it("answers a repeated request from the in-process LRU, keyed by model, messages and parameters", async () => {
    const c = client({ prices: { "fake-model": { input: 1, output: 1 } } });
    const first = await c.chat({ ...ask("same"), temperature: 0 });
    const again = await c.chat({ ...ask("same"), temperature: 0 });
    expect(first.path).toBe("provider");
    expect(again).toMatchObject({ path: "cache", cache: "memory", content: "hello", costUsd: 0, attempts: 0, usage: first.usage });
    expect(provider.seen).toHaveLength(1);
    // Any parameter or message changes the key; cache: false skips it.
    await c.chat({ ...ask("same"), temperature: 0.5 });
    await c.chat({ ...ask("same"), temperature: 0, maxTokens: 51 });
    await c.chat({ ...ask("other"), temperature: 0 });
    await c.chat({ ...ask("same"), model: "other-model", temperature: 0 });
    await c.chat({ ...ask("same"), temperature: 0 }, { cache: false });
    expect(provider.seen).toHaveLength(6);
    expect(await metric(c, "llm_requests_total", { outcome: "cache_hit" })).toBe(1);
    // Six answers from the provider (the fake names its model "fake-model" in each), none for the hit.
    expect(await metric(c, "llm_cost_usd_total", { model: "fake-model" })).toBeCloseTo((15 * 6) / 1e6, 12);
  });

  it("shares answers between processes through Redis when REDIS_URL is set", async () => {
    const prefix = `matchgraph-test:${randomUUID()}:`;
    const redis = new Redis("redis://127.0.0.1:6379");
    try {
      const one = client({ redisUrl: "redis://127.0.0.1:6379", redisPrefix: prefix });
      const two = client({ redisUrl: "redis://127.0.0.1:6379", redisPrefix: prefix });
      const a = await one.chat(ask("shared question"));
      const b = await two.chat(ask("shared question"));
      expect(a.path).toBe("provider");
      expect(b).toMatchObject({ path: "cache", cache: "redis", content: "hello" });
      // ... and then from its own memory.
      expect(await two.chat(ask("shared question"))).toMatchObject({ path: "cache", cache: "memory" });
      expect(provider.seen).toHaveLength(1);
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.some((k) => k.startsWith(`${prefix}cache:`))).toBe(true);
      // The period's spend is shared too.
      expect(keys.some((k) => k.startsWith(`${prefix}spend:`))).toBe(true);
      expect((await one.budget.spent()).tokens).toBe(15);
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  it("keeps working as a plain client when Redis is unreachable", async () => {
    const c = client({ redisUrl: "redis://127.0.0.1:9/0" });
    expect(await c.chat(ask("no redis"))).toMatchObject({ path: "provider" });
    expect(await c.chat(ask("no redis"))).toMatchObject({ path: "cache", cache: "memory" });
  });
});

describe("LLM client: budgets", () => {
  it("refuses a call whose estimate passes the per-request budget before sending it, or lets the caller fall back", async () => {
    const c = client({ budget: { requestTokens: 100 } });
    const err = await c.chat({ ...ask(), maxTokens: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect(err).toMatchObject({ scope: "request", unit: "tokens", limit: 100, code: "BUDGET_EXCEEDED" });
    expect(provider.seen).toHaveLength(0);
    expect(await metric(c, "llm_requests_total", { outcome: "budget_exceeded" })).toBe(1);
    const fallback = await c.chat({ ...ask(), maxTokens: 200 }, { fallback: (_e, reason) => ({ heuristic: true, reason }) });
    expect(fallback).toEqual({ heuristic: true, reason: "budget" });
    // A per-call budget replaces the client's.
    expect((await c.chat({ ...ask(), maxTokens: 200 }, { budget: { tokens: 500 } })).path).toBe("provider");
  });

  it("refuses calls once the period's spend plus the call's estimate would pass the period budget", async () => {
    provider.answer = (res) => completion(res, "x", { prompt_tokens: 40, completion_tokens: 60 });
    const c = client({ budget: { periodTokens: 250, period: "day" }, cacheSize: 0 });
    await c.chat(ask("1")); // estimate ~110 → spent 100
    await c.chat(ask("2")); // 100 + ~110 <= 250 → spent 200
    const refused = await c.chat(ask("3")).catch((e: unknown) => e); // 200 + ~110 > 250
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect(refused).toMatchObject({ scope: "period", unit: "tokens" });
    expect(await c.budget.spent()).toMatchObject({ tokens: 200 });
    expect(provider.seen).toHaveLength(2);
  });

  it("refuses by USD with the configured prices", async () => {
    const c = client({ prices: { "fake-model": { input: 1000, output: 1000 } }, budget: { requestUsd: 0.01 } });
    // ~ (6 + 50) tokens x $0.001 = $0.056 > $0.01
    await expect(c.chat(ask())).rejects.toMatchObject({ scope: "request", unit: "usd" });
    expect((await c.chat({ ...ask(), maxTokens: 2 })).costUsd).toBeCloseTo(0.015, 9);
  });
});

describe("LLM client: streaming and JSON", () => {
  it("streams deltas as an async iterator, then reports usage, cost and path; a repeat comes from the cache", async () => {
    provider.answer = (res, body) => (body.stream ? sse(res, ["Hel", "lo ", "world"]) : completion(res, "no"));
    const c = client({ prices: { "fake-model": { input: 1, output: 1 } } });
    const stream = c.stream(ask("stream me"));
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    expect(deltas).toEqual(["Hel", "lo ", "world"]);
    expect(await stream.result).toMatchObject({ content: "Hello world", path: "provider", usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } });
    expect((await stream.result).costUsd).toBeCloseTo(10 / 1e6, 12);
    expect(provider.seen[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const again = c.stream(ask("stream me"));
    const cached: string[] = [];
    for await (const d of again) cached.push(d);
    expect(cached).toEqual(["Hello world"]);
    expect((await again.result).path).toBe("cache");
  });

  it("fails a stream the provider cuts off, and accounts nothing for it", async () => {
    provider.answer = (res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "partial" } }] })}\n\n`);
      setTimeout(() => res.destroy(), 50);
    };
    const c = client({ budget: { periodTokens: 10_000 } });
    const stream = c.stream(ask("cut"));
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const d of stream) got.push(d);
      })(),
    ).rejects.toBeInstanceOf(LlmUnavailableError);
    expect(got).toEqual(["partial"]);
    await expect(stream.result).rejects.toBeInstanceOf(LlmUnavailableError);
    expect((await c.budget.spent()).tokens).toBe(0);
  });

  it("asks for a JSON schema and returns the parsed object, checked by zod", async () => {
    const Person = z.object({ name: z.string(), age: z.number().int() });
    provider.answer = (res) => completion(res, JSON.stringify({ name: "Ada", age: 36 }));
    const c = client();
    const r = await c.json({ ...ask("a person"), schema: Person, name: "person" });
    expect(r.data).toEqual({ name: "Ada", age: 36 });
    const format = provider.seen[0]!.body.response_format as { type: string; json_schema: { name: string; schema: { properties: object } } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("person");
    expect(Object.keys(format.json_schema.schema.properties)).toEqual(["name", "age"]);
  });

  it("refuses an answer that is not the JSON asked for (LlmOutputError, or the caller's fallback) and does not cache it", async () => {
    const schema = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] };
    provider.answer = (res) => completion(res, "not json");
    const c = client();
    await expect(c.json({ ...ask("j"), schema })).rejects.toBeInstanceOf(LlmOutputError);
    expect(await c.json({ ...ask("j"), schema }, { fallback: (_e, reason) => reason })).toBe("output");
    expect(provider.seen).toHaveLength(2); // the bad answer was not served from the cache
    provider.answer = (res) => completion(res, '{"ok": tr', undefined, "length");
    await expect(c.json({ ...ask("k"), schema })).rejects.toThrow(/cut off/);
  });
});

describe("LLM configuration", () => {
  it("defaults to the ml-runtime (local, $0) and reads prices, budgets and the breaker from the environment", () => {
    const local = llmOptionsFromEnv(parseEnv(llmEnv, { ML_RUNTIME_URL: "http://10.0.0.5:4100" }));
    expect(local).toMatchObject({ baseUrl: "http://10.0.0.5:4100/v1", local: true, maxRetries: 2, breaker: { failureRate: 0.2 } });
    const remote = llmOptionsFromEnv(
      parseEnv(llmEnv, {
        LLM_BASE_URL: "https://llm.example/v1",
        LLM_API_KEY: "k",
        LLM_MODEL: "m",
        LLM_PRICES: '{"m": {"input": 0.15, "output": 0.6}}',
        LLM_BUDGET_PERIOD_USD: "5",
        LLM_BUDGET_PERIOD: "month",
        REDIS_URL: "redis://127.0.0.1:6379",
      }),
    );
    expect(remote).toMatchObject({ local: false, model: "m", prices: { m: { input: 0.15, output: 0.6 } }, budget: { periodUsd: 5, period: "month" } });
  });

  it("stops at start-up with a message naming a bad variable", () => {
    expect(() => createLlmClientFromEnv({}, { LLM_PRICES: "{not json" })).toThrow(ConfigError);
    expect(() => createLlmClientFromEnv({}, { LLM_PRICES: "{not json" })).toThrow(/LLM_PRICES/);
    expect(() => createLlmClientFromEnv({}, { LLM_PRICES: '{"m": {"input": -1, "output": 1}}' })).toThrow(/LLM_PRICES/);
    expect(() => createLlmClientFromEnv({}, { LLM_BREAKER_FAILURE_RATE: "1.5" })).toThrow(/LLM_BREAKER_FAILURE_RATE/);
    expect(() => createLlmClientFromEnv({}, { REDIS_URL: "http://x" })).toThrow(/REDIS_URL/);
  });
});
