/**
 * Text generation through the runtime's HTTP API with the real SmolLM2-135M-Instruct (GGUF,
 * node-llama-cpp in its worker): chat completions, streaming, JSON-schema output, usage, the
 * bounded queue's 429, lazy loading's 503. The model comes from ML_MODEL_DIR or .cache/models;
 * CI fetches it first (.ci/run: `npm run models:fetch -- smollm2-135m-instruct`), so these never
 * skip there (with CI set they fail instead); elsewhere they are skipped, saying how to get it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { HealthResponse } from "../src/api-types.js";
import { startMlRuntime, type MlRuntime } from "../src/index.js";
import { defaultRegistryFile } from "../src/paths.js";
import { loadGenerationRegistry, modelSearchPath, resolveGenerationModel, type ResolvedGenerationModel } from "../src/registry.js";
import { USE, captureLogs, metricValue, modelDirs } from "./helpers.js";

const SMOL = "smollm2-135m-instruct";

function findSmol(): ResolvedGenerationModel | undefined {
  try {
    return resolveGenerationModel(loadGenerationRegistry(), SMOL, modelSearchPath(modelDirs));
  } catch {
    return undefined;
  }
}
const smol = findSmol();
const skipReason = `no ${SMOL} in ${modelSearchPath(modelDirs).join(", ")}; run npm run models:fetch -- ${SMOL}`;
if (!smol && process.env.CI) throw new Error(`CI must fetch the test model first: ${skipReason}`);

const tmp = mkdtempSync(path.join(tmpdir(), "ml-generation-"));
let runtime: MlRuntime | undefined;

interface Completion {
  object: string;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}
interface Chunk {
  object: string;
  choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: Completion["usage"];
}
interface ErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

beforeAll(async () => {
  if (!smol) return;
  // The registry, plus the same GGUF under two more ids: one loaded only on first request, one missing.
  const registry = JSON.parse(readFileSync(defaultRegistryFile, "utf8")) as Record<string, Record<string, unknown>>;
  registry["smol-lazy"] = { ...registry[SMOL], contextSize: 1024 };
  registry["smol-missing"] = { ...registry[SMOL], dir: "no-such-folder" };
  const registryFile = path.join(tmp, "models.json");
  writeFileSync(registryFile, JSON.stringify(registry));
  runtime = await startMlRuntime({
    port: 0,
    models: [USE],
    modelDirs,
    registryFile,
    generationModels: [SMOL],
    // One completion at a time and one waiting: the third is refused.
    generationParallel: 1,
    generationQueue: 1,
    generationThreads: 1,
    logger: captureLogs("silent").logger,
    readEnv: false,
  });
  await runtime.generation!.load(SMOL);
});

afterAll(async () => {
  await runtime?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const chat = (body: Record<string, unknown>, init: RequestInit = {}) =>
  fetch(`${runtime!.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...init });

async function complete(body: Record<string, unknown>): Promise<Completion> {
  const res = await chat(body);
  const json = (await res.json()) as Completion | ErrorBody;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json as Completion;
}

/** Reads an SSE body: the parsed chunks and the raw data lines. */
async function readStream(res: Response): Promise<{ chunks: Chunk[]; data: string[] }> {
  const text = await res.text();
  const data = text
    .split("\n\n")
    .filter((e) => e.startsWith("data: "))
    .map((e) => e.slice("data: ".length));
  return { data, chunks: data.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as Chunk) };
}

function expectUsage(usage: Completion["usage"] | undefined, maxCompletion: number): void {
  expect(usage).toBeDefined();
  expect(usage!.prompt_tokens).toBeGreaterThan(5);
  expect(usage!.completion_tokens).toBeGreaterThan(0);
  expect(usage!.completion_tokens).toBeLessThanOrEqual(maxCompletion);
  expect(usage!.total_tokens).toBe(usage!.prompt_tokens + usage!.completion_tokens);
}

const user = (content: string) => [{ role: "user", content }];

describe(`chat completions with ${SMOL}`, () => {
  it("answers a chat completion with usage, within max_tokens", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const r = await complete({ messages: [{ role: "system", content: "You are brief." }, ...user("What is the capital of France?")], max_tokens: 24, temperature: 0 });
    expect(r.object).toBe("chat.completion");
    expect(r.model).toBe(SMOL);
    expect(r.choices).toHaveLength(1);
    expect(r.choices[0]!.message.role).toBe("assistant");
    expect(r.choices[0]!.message.content.length).toBeGreaterThan(0);
    expect(["stop", "length"]).toContain(r.choices[0]!.finish_reason);
    expectUsage(r.usage, 24);

    const short = await complete({ messages: user("Write a long poem about the sea."), max_tokens: 3, temperature: 0 });
    expect(short.usage.completion_tokens).toBeLessThanOrEqual(3);
    expect(short.choices[0]!.finish_reason).toBe("length");
  });

  it("stops at a stop sequence (the same greedy answer, cut before it)", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const body = { messages: user("List five fruits, one per line."), max_tokens: 40, temperature: 0 };
    const full = (await complete(body)).choices[0]!.message.content;
    expect(full.length).toBeGreaterThan(12);
    const stopAt = full.slice(8, 12);
    const cut = await complete({ ...body, stop: [stopAt] });
    expect(cut.choices[0]!.finish_reason).toBe("stop");
    expect(full.startsWith(cut.choices[0]!.message.content)).toBe(true);
    expect(cut.choices[0]!.message.content).not.toContain(stopAt);
  });

  it("streams server-sent events: role first, deltas, finish reason, usage, [DONE]; the text equals the non-streamed one", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const body = { messages: user("Name three colours."), max_tokens: 30, temperature: 0 };
    const res = await chat({ ...body, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const { chunks, data } = await readStream(res);
    expect(data.at(-1)).toBe("[DONE]");
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(["stop", "length"]).toContain(finish!.choices[0]!.finish_reason);
    const usageChunk = chunks.at(-1)!;
    expect(usageChunk.choices).toEqual([]);
    expectUsage(usageChunk.usage, 30);
    const streamed = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed).toBe((await complete(body)).choices[0]!.message.content);
  });

  const schemas: Record<string, { schema: Record<string, unknown>; check: (v: unknown) => void }> = {
    "an object of typed, bounded fields": {
      schema: {
        type: "object",
        properties: {
          name: { type: "string", maxLength: 24 },
          age: { type: "integer" },
          member: { type: "boolean" },
          tier: { type: "string", enum: ["gold", "silver", "bronze"] },
        },
        required: ["name", "age", "member", "tier"],
        additionalProperties: false,
      },
      check: (v) => {
        const o = v as Record<string, unknown>;
        expect(Object.keys(o)).toEqual(["name", "age", "member", "tier"]);
        expect(typeof o.name).toBe("string");
        expect(Number.isInteger(o.age)).toBe(true);
        expect(typeof o.member).toBe("boolean");
        expect(["gold", "silver", "bronze"]).toContain(o.tier);
      },
    },
    "an array of objects (zod's JSON schema, nullable and optional fields)": {
      schema: z.toJSONSchema(
        z
          .array(z.object({ city: z.string().max(20), population: z.number().nullable(), country: z.enum(["DE", "FR", "ES"]).optional() }))
          .min(1)
          .max(3),
      ) as Record<string, unknown>,
      check: (v) => {
        expect(Array.isArray(v)).toBe(true);
        const list = v as Record<string, unknown>[];
        expect(list.length).toBeGreaterThanOrEqual(1);
        expect(list.length).toBeLessThanOrEqual(3);
        for (const item of list) {
          expect(typeof item.city).toBe("string");
          expect(item.population === null || typeof item.population === "number").toBe(true);
        }
      },
    },
    "nested objects, anyOf and $defs": {
      schema: {
        type: "object",
        properties: {
          intent: { anyOf: [{ $ref: "#/$defs/signal" }, { type: "null" }] },
          languages: { type: "array", items: { type: "string", maxLength: 8 }, maxItems: 3 },
        },
        $defs: { signal: { type: "object", properties: { topic: { type: "string", maxLength: 30 }, strength: { type: "number" } } } },
      },
      check: (v) => {
        const o = v as { intent: { topic: string; strength: number } | null; languages: string[] };
        expect(o.intent === null || (typeof o.intent.topic === "string" && typeof o.intent.strength === "number")).toBe(true);
        expect(Array.isArray(o.languages)).toBe(true);
      },
    },
  };

  for (const [name, { schema, check }] of Object.entries(schemas)) {
    it(`always answers parseable JSON for ${name}`, async (ctx) => {
      if (!runtime) return ctx.skip(skipReason);
      for (const [i, temperature] of [0, 0.8, 1.2].entries()) {
        const r = await complete({
          messages: user("Make up an example."),
          max_tokens: 400,
          temperature,
          seed: 7 + i,
          response_format: { type: "json_schema", json_schema: { name: "example", schema, strict: true } },
        });
        expect(r.choices[0]!.finish_reason).toBe("stop");
        check(JSON.parse(r.choices[0]!.message.content));
        expectUsage(r.usage, 400);
      }
    });
  }

  it("answers parseable JSON for response_format json_object", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const r = await complete({ messages: user("Describe a cat as JSON."), max_tokens: 200, temperature: 0.7, seed: 3, response_format: { type: "json_object" } });
    if (r.choices[0]!.finish_reason === "stop") expect(() => JSON.parse(r.choices[0]!.message.content)).not.toThrow();
    expect(r.choices[0]!.message.content.trimStart().startsWith("{")).toBe(true);
  });

  it("refuses what it cannot serve with OpenAI-shaped errors", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ messages: [] }, 400, "invalid_value"],
      [{ messages: user("x"), n: 2 }, 400, "invalid_value"],
      [{ messages: user("x"), response_format: { type: "json_schema", json_schema: { schema: { not: { type: "string" } } } } }, 400, "invalid_schema"],
      [{ messages: user("x"), model: "no-such-model" }, 404, "model_not_found"],
      [{ messages: user("x"), model: USE }, 404, "model_not_found"],
      [{ messages: user("x"), model: "smol-missing" }, 503, "model_missing"],
    ];
    for (const [body, status, code] of cases) {
      const res = await chat(body);
      const json = (await res.json()) as ErrorBody;
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(json.error.code).toBe(code);
    }
  });

  it("loads a model on its first request: 503 model loading with retry-after, then answers", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const first = await chat({ messages: user("Hello"), model: "smol-lazy", max_tokens: 4 });
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await first.json()) as ErrorBody).error).toMatchObject({ code: "model_loading" });
    await runtime.generation!.load("smol-lazy");
    const r = await complete({ messages: user("Hello"), model: "smol-lazy", max_tokens: 4 });
    expect(r.model).toBe("smol-lazy");
  });

  it("lists generation models with kind, device and status in /healthz and /v1/models", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const health = (await (await fetch(`${runtime.url}/healthz`)).json()) as HealthResponse;
    expect(health.defaultGenerationModel).toBe(SMOL);
    const entry = health.generation!.find((m) => m.id === SMOL);
    expect(entry).toMatchObject({ kind: "generation", status: "ready", device: "cpu", path: smol!.ggufPath });
    expect(health.generation!.find((m) => m.id === "smol-missing")).toMatchObject({ status: "missing", path: null });
    const models = (await (await fetch(`${runtime.url}/v1/models`)).json()) as { data: { id: string; kind: string; status?: string }[] };
    expect(models.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: SMOL, kind: "generation", status: "ready" }), expect.objectContaining({ id: USE, kind: "embedding" })]));
  });

  it("queues one completion while one runs, refuses the next with 429 and retry-after, and frees the slot of a client that goes away", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const metrics = async () => (await fetch(`${runtime!.url}/metrics`)).text();
    // A: a long completion (the grammar makes it write 300 numbers), streamed; wait for its first token.
    const aborter = new AbortController();
    const long = await chat(
      {
        messages: user("Numbers."),
        stream: true,
        max_tokens: 1500,
        response_format: { type: "json_schema", json_schema: { schema: { type: "array", items: { type: "integer" }, minItems: 300 } } },
      },
      { signal: aborter.signal },
    );
    expect(long.status).toBe(200);
    const reader = long.body!.getReader();
    await reader.read();
    // The server keeps answering while it generates (generation runs in its worker).
    expect((await fetch(`${runtime.url}/healthz`)).status).toBe(200);
    // B waits for A's sequence.
    const queued = complete({ messages: user("Hi"), max_tokens: 4 });
    while (metricValue(await metrics(), "ml_runtime_generation_queue_depth") < 1) await new Promise((r) => setTimeout(r, 20));
    // C finds the line full.
    const refused = await chat({ messages: user("Hi"), max_tokens: 4 });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ code: "queue_full", type: "rate_limit_error" });
    // A's client goes away: generation stops and B gets the sequence.
    aborter.abort();
    await reader.cancel().catch(() => undefined);
    const b = await queued;
    expectUsage(b.usage, 4);
    const text = await metrics();
    expect(metricValue(text, `ml_runtime_generation_requests_total{model="${SMOL}",outcome="queue_full"}`)).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, `ml_runtime_generation_requests_total{model="${SMOL}",outcome="cancelled"}`)).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, `ml_runtime_generation_first_token_seconds_count{model="${SMOL}"}`)).toBeGreaterThan(0);
    expect(metricValue(text, `ml_runtime_generation_tokens_per_second_count{model="${SMOL}"}`)).toBeGreaterThan(0);
    expect(metricValue(text, "ml_runtime_generation_queue_depth")).toBe(0);
  });
});
