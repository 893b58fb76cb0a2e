import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddingResponse, ErrorResponse, HealthResponse } from "../src/api-types.js";
import { startMlRuntime, type MlRuntime } from "../src/index.js";
import { USE, captureLogs, dot, maxAbsDiff, metricValue, modelDirs, postJson } from "./helpers.js";

let runtime: MlRuntime;
const { logger, lines } = captureLogs("debug");

beforeAll(async () => {
  runtime = await startMlRuntime({
    port: 0,
    models: [USE],
    modelDirs,
    logger,
    readEnv: false,
    maxInputs: 5,
    maxInputChars: 200,
  });
});
afterAll(() => runtime?.close());

const embeddings = (body: unknown, headers?: Record<string, string>) => postJson(`${runtime.url}/v1/embeddings`, body, headers);

async function expectError(res: Response, status: number, param?: string | null): Promise<ErrorResponse["error"]> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorResponse;
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

describe("POST /v1/embeddings", () => {
  it("answers in OpenAI's shape", async () => {
    const res = await embeddings({ input: ["A man is eating food.", "A man is eating a piece of bread."] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as EmbeddingResponse;
    expect(body.object).toBe("list");
    expect(body.model).toBe(USE);
    expect(body.usage).toEqual({ prompt_tokens: 15, total_tokens: 15 });
    expect(body.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
      ["embedding", 0, 512],
      ["embedding", 1, 512],
    ]);
    expect(Math.abs(dot(body.data[0].embedding, body.data[1].embedding) - 0.7628)).toBeLessThan(0.002);
  });

  it("takes a single string and an explicit model", async () => {
    const res = await embeddings({ input: "I love dogs", model: USE, dimensions: 512 });
    const body = (await res.json()) as EmbeddingResponse;
    expect(body.data).toHaveLength(1);
    expect(body.data[0].index).toBe(0);
  });

  it("encodes base64 as little-endian float32, equal to the float form", async () => {
    const input = ["I adore puppies"];
    const floats = ((await (await embeddings({ input })).json()) as EmbeddingResponse).data[0].embedding;
    const encoded = ((await (await embeddings({ input, encoding_format: "base64" })).json()) as EmbeddingResponse<string>).data[0].embedding;
    const bytes = Buffer.from(encoded, "base64");
    const decoded = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(decoded).toHaveLength(512);
    expect(maxAbsDiff(decoded, floats)).toBe(0);
  });

  it("refuses bad input with 400 and the offending param", async () => {
    await expectError(await embeddings({}), 400, "input");
    await expectError(await embeddings({ input: [] }), 400, "input");
    await expectError(await embeddings({ input: "" }), 400, "input");
    await expectError(await embeddings({ input: ["ok", ""] }), 400, "input[1]");
    await expectError(await embeddings({ input: ["ok", 42] }), 400, "input[1]");
    await expectError(await embeddings({ input: [[1, 2, 3]] }), 400, "input[0]");
    await expectError(await embeddings({ input: 7 }), 400, "input");
    await expectError(await embeddings({ input: ["a", "b", "c", "d", "e", "f"] }), 400, "input");
    await expectError(await embeddings({ input: "x".repeat(201) }), 400, "input");
    await expectError(await embeddings({ input: "x", encoding_format: "int8" }), 400, "encoding_format");
    await expectError(await embeddings({ input: "x", dimensions: 256 }), 400, "dimensions");
    await expectError(await embeddings("{not json"), 400, null);
    await expectError(await embeddings([1, 2]), 400, null);
    const error = await expectError(await embeddings({ input: ["a", "b", "c", "d", "e", "f"] }), 400);
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toMatch(/at most 5/);
  });

  it("answers 404 for a model that is not loaded", async () => {
    const unknown = await expectError(await embeddings({ input: "x", model: "no-such-model" }), 404, "model");
    expect(unknown.code).toBe("model_not_found");
    const notLoaded = await expectError(await embeddings({ input: "x", model: "bge-m3" }), 404, "model");
    expect(notLoaded.message).toMatch(/not loaded/);
  });
});

describe("other routes", () => {
  it("GET /healthz says ok, the models, their provider and the default", async () => {
    const res = await fetch(`${runtime.url}/healthz`);
    expect(res.status).toBe(200);
    const { generation, defaultGenerationModel, ...body } = (await res.json()) as HealthResponse;
    expect(body).toEqual({
      status: "ok",
      defaultModel: USE,
      models: [{ id: USE, dimension: 512, executionProvider: "cpu", maxLength: 128, path: expect.stringMatching(/universal-sentence-encoder-lite$/) }],
    });
    // Generation models are listed apart, with kind and status (none loads until asked for).
    expect(generation!.every((m) => m.kind === "generation" && m.status !== "ready")).toBe(true);
    expect(defaultGenerationModel === null || generation!.some((m) => m.id === defaultGenerationModel)).toBe(true);
  });

  it("GET /v1/models lists the loaded models", async () => {
    const body = (await (await fetch(`${runtime.url}/v1/models`)).json()) as { data: Array<{ id: string; kind: string }> };
    expect(body.data.filter((m) => m.kind === "embedding").map((m) => m.id)).toEqual([USE]);
    expect(body.data.filter((m) => m.kind !== "embedding").every((m) => m.kind === "generation")).toBe(true);
  });

  it("GET /metrics serves Prometheus text with the runtime's counters", async () => {
    await embeddings({ input: ["metrics one", "metrics two"] });
    const res = await fetch(`${runtime.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(metricValue(text, 'ml_runtime_http_requests_total{route="/v1/embeddings",method="POST",status="200"}')).toBeGreaterThan(0);
    expect(metricValue(text, 'ml_runtime_http_requests_total{route="/v1/embeddings",method="POST",status="400"}')).toBeGreaterThan(0);
    expect(metricValue(text, `ml_runtime_texts_embedded_total{model="${USE}"}`)).toBeGreaterThanOrEqual(2);
    expect(metricValue(text, `ml_runtime_embedding_duration_seconds_count{model="${USE}"}`)).toBeGreaterThan(0);
    expect(metricValue(text, `ml_runtime_batch_size_count{model="${USE}"}`)).toBeGreaterThan(0);
    expect(text).toContain(`ml_runtime_queue_depth{model="${USE}"} 0`);
    expect(text).toContain("ml_runtime_process_cpu_seconds_total");
  });

  it("answers unknown routes with 404 and wrong methods with 405, in the error shape", async () => {
    await expectError(await fetch(`${runtime.url}/nope`), 404);
    const res = await fetch(`${runtime.url}/v1/embeddings`);
    await expectError(res, 405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("request ids", () => {
  it("echoes x-request-id and logs it as reqId", async () => {
    const res = await embeddings({ input: "traced" }, { "x-request-id": "req-abc-123" });
    expect(res.headers.get("x-request-id")).toBe("req-abc-123");
    const line = lines.find((l) => l.reqId === "req-abc-123" && l.msg === "request completed");
    expect(line).toMatchObject({ status: 200, route: "/v1/embeddings", method: "POST", service: "ml-runtime" });
  });

  it("makes one up when the caller sends none (or an unusable one)", async () => {
    const res = await fetch(`${runtime.url}/healthz`);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.reqId === id)).toBe(true);
    const odd = await fetch(`${runtime.url}/healthz`, { headers: { "x-request-id": "has spaces\tand tabs" } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("in-process embed", () => {
  it("embeds through the same queue as HTTP", async () => {
    const result = await runtime.embed(["I love dogs", "I adore puppies"]);
    expect(result.model).toBe(USE);
    expect(Math.abs(dot(result.embeddings[0], result.embeddings[1]) - 0.7047)).toBeLessThan(0.002);
  });
});
