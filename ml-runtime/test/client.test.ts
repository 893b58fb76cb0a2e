import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MlRuntimeRequestError,
  MlRuntimeUnavailableError,
  createEmbeddingClient,
} from "../src/client/index.js";
import { startMlRuntime, type MlRuntime } from "../src/index.js";
import { USE, captureLogs, dot, maxAbsDiff, metricValue, modelDirs } from "./helpers.js";

let runtime: MlRuntime;
const { logger, lines } = captureLogs("info");

beforeAll(async () => {
  runtime = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false, maxInputChars: 200 });
});
afterAll(() => runtime?.close());

/** Successful POST /v1/embeddings calls the runtime has answered so far. */
async function embeddingCalls(): Promise<number> {
  return metricValue(await runtime.metricsRegistry.metrics(), 'ml_runtime_http_requests_total{route="/v1/embeddings",method="POST",status="200"}');
}

/** A real HTTP server on loopback for the failure cases the runtime itself does not produce. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("EmbeddingClient against the runtime", () => {
  it("embeds in order and matches the server's vectors", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: USE });
    const [food, bread, food2] = await client.embed(["A man is eating food.", "A man is eating a piece of bread.", "A man is eating food."]);
    expect(food).toHaveLength(512);
    expect(food2).toEqual(food);
    expect(Math.abs(dot(food, bread) - 0.7628)).toBeLessThan(0.002);
    const direct = await runtime.embed(["A man is eating a piece of bread."]);
    expect(maxAbsDiff(bread, direct.embeddings[0])).toBeLessThan(1e-5);
    expect(await client.embed([])).toEqual([]);
  });

  it("batches one tick's calls into one HTTP request, and answers repeats from the cache", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: USE });
    const before = await embeddingCalls();
    const [a, b, c] = await Promise.all([client.embed(["tick one", "tick two"]), client.embedOne("tick three"), client.embedOne("tick one")]);
    expect(await embeddingCalls()).toBe(before + 1);
    expect(c).toEqual(a[0]);
    expect(b).toHaveLength(512);
    const again = await client.embed(["tick two", "tick three"]);
    expect(await embeddingCalls()).toBe(before + 1);
    expect(again).toEqual([a[1], b]);
  });

  it("shares the cache with forRequest children and sends their request id", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: USE });
    const child = client.forRequest("req-client-1");
    const before = await embeddingCalls();
    const vector = await child.embedOne("shared cache text");
    expect(await embeddingCalls()).toBe(before + 1);
    expect(lines.some((l) => l.reqId === "req-client-1" && l.route === "/v1/embeddings" && l.status === 200)).toBe(true);
    expect(await client.embedOne("shared cache text")).toEqual(vector);
    expect(await client.forRequest("req-client-2").embedOne("shared cache text")).toEqual(vector);
    expect(await embeddingCalls()).toBe(before + 1);
    await client.embedOne("per-call request id", { requestId: "req-client-3" });
    expect(lines.some((l) => l.reqId === "req-client-3")).toBe(true);
  });

  it("splits a large call by maxBatch", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: USE, maxBatch: 2 });
    const before = await embeddingCalls();
    const vectors = await client.embed(["mb 1", "mb 2", "mb 3", "mb 4", "mb 5"]);
    expect(vectors).toHaveLength(5);
    expect(await embeddingCalls()).toBe(before + 3);
  });

  it("learns the default model from the runtime", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url });
    expect(client.defaultModel).toBe("");
    await client.embedOne("learn the default");
    expect(client.defaultModel).toBe(USE);
    const fresh = createEmbeddingClient({ baseUrl: runtime.url });
    expect(await fresh.resolveDefaultModel()).toBe(USE);
    const health = await fresh.health();
    expect(health).toMatchObject({ status: "ok", defaultModel: USE, models: [{ id: USE, dimension: 512, executionProvider: "cpu" }] });
  });

  it("turns 4xx answers into MlRuntimeRequestError", async () => {
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: USE });
    const unknown = await client.embed(["x"], { model: "no-such-model" }).catch((err: unknown) => err);
    expect(unknown).toBeInstanceOf(MlRuntimeRequestError);
    expect(unknown).toMatchObject({ code: "BAD_USER_INPUT", status: 404 });
    const tooLong = await client.embedOne("y".repeat(201)).catch((err: unknown) => err);
    expect(tooLong).toBeInstanceOf(MlRuntimeRequestError);
    expect(tooLong).toMatchObject({ status: 400, message: expect.stringMatching(/at most 200/) });
  });
});

describe("EmbeddingClient when the runtime is not there", () => {
  it("gives MlRuntimeUnavailableError naming the URL for a closed port", async () => {
    const { url, server } = await listen(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const client = createEmbeddingClient({ baseUrl: url, defaultModel: USE });
    const err = await client.embedOne("anyone there?").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlRuntimeUnavailableError);
    expect(err).toMatchObject({ code: "UNAVAILABLE" });
    expect((err as Error).message).toContain(url);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    await expect(client.health()).rejects.toBeInstanceOf(MlRuntimeUnavailableError);
  });

  it("gives MlRuntimeUnavailableError on a timeout", async () => {
    const { url, server } = await listen(() => undefined); // never answers
    try {
      const client = createEmbeddingClient({ baseUrl: url, defaultModel: USE, timeoutMs: 200 });
      const err = await client.embedOne("slow").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MlRuntimeUnavailableError);
      expect((err as Error).message).toMatch(/did not answer within 200 ms/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("gives MlRuntimeUnavailableError on a 5xx answer", async () => {
    const { url, server } = await listen((_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "still loading", type: "server_error", param: null, code: "model_not_ready" } }));
    });
    try {
      const client = createEmbeddingClient({ baseUrl: url, defaultModel: USE });
      const err = await client.embedOne("x").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MlRuntimeUnavailableError);
      expect((err as Error).message).toMatch(/503.*still loading/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
