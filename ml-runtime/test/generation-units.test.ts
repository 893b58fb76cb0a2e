import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UnsupportedSchemaError, toGrammarSchema } from "../src/generation/json-schema.js";
import { GenerationQueue, QueueFullError } from "../src/generation/queue.js";
import { ConfigError, configFromEnv, resolveConfig } from "../src/config.js";
import { parseChatRequest } from "../src/server/chat-route.js";
import { HttpError } from "../src/server/errors.js";

describe("JSON schema → grammar schema", () => {
  it("keeps what the grammar enforces and drops annotations", () => {
    expect(
      toGrammarSchema({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        title: "Person",
        type: "object",
        properties: { name: { type: "string", maxLength: 20, pattern: "^[A-Z]" }, age: { type: "integer", minimum: 0 } },
        required: ["name"],
      }),
    ).toEqual({ type: "object", properties: { name: { type: "string", maxLength: 20 }, age: { type: "integer" } } });
  });

  it("turns anyOf into oneOf, nullable types into type lists, definitions refs into $defs refs, draft-7 tuples into prefixItems", () => {
    expect(toGrammarSchema({ anyOf: [{ type: "string" }, { type: "null" }] })).toEqual({ oneOf: [{ type: "string" }, { type: "null" }] });
    expect(toGrammarSchema({ type: ["string", "null"] })).toEqual({ type: ["string", "null"] });
    expect(toGrammarSchema({ type: "number", nullable: true })).toEqual({ type: ["number", "null"] });
    expect(toGrammarSchema({ type: ["object", "null"], properties: { a: { type: "boolean" } } })).toEqual({
      oneOf: [{ type: "null" }, { type: "object", properties: { a: { type: "boolean" } } }],
    });
    expect(toGrammarSchema({ type: "object", properties: { p: { $ref: "#/definitions/P" } }, definitions: { P: { type: "string", format: "date" } } })).toEqual({
      type: "object",
      properties: { p: { $ref: "#/$defs/P" } },
      $defs: { P: { type: "string", format: "date" } },
    });
    expect(toGrammarSchema({ type: "array", items: [{ type: "string" }, { type: "number" }] })).toEqual({ type: "array", prefixItems: [{ type: "string" }, { type: "number" }] });
  });

  it("lets an object without listed properties hold any, and one with properties hold only those unless told otherwise", () => {
    expect(toGrammarSchema({ type: "object" })).toEqual({ type: "object", properties: {}, additionalProperties: true });
    expect(toGrammarSchema({ type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "number" } })).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: { type: "number" },
    });
    expect(toGrammarSchema(true)).toHaveProperty("oneOf");
    expect(toGrammarSchema({ description: "anything" })).toHaveProperty("oneOf");
  });

  it("takes zod's JSON schema as it is written", () => {
    const schema = z.toJSONSchema(z.object({ tags: z.array(z.enum(["a", "b"])).max(2), score: z.number().nullable(), note: z.string().optional() }));
    expect(toGrammarSchema(schema)).toEqual({
      type: "object",
      properties: {
        tags: { type: "array", items: { enum: ["a", "b"] }, maxItems: 2 },
        score: { type: ["number", "null"] },
        note: { type: "string" },
      },
    });
  });

  it("refuses what a grammar cannot follow, naming where", () => {
    const refused = (schema: unknown) => {
      try {
        toGrammarSchema(schema);
      } catch (err) {
        expect(err).toBeInstanceOf(UnsupportedSchemaError);
        return (err as Error).message;
      }
      return "accepted";
    };
    expect(refused({ type: "object", properties: { a: { not: { type: "string" } } } })).toMatch(/"not".*#\/properties\/a/);
    expect(refused({ allOf: [{ type: "string" }, { maxLength: 3 }] })).toMatch(/allOf/);
    expect(refused({ $ref: "https://example.com/s.json" })).toMatch(/\$ref/);
    expect(refused({ type: "object", patternProperties: { "^x": {} } })).toMatch(/patternProperties/);
    expect(refused({ enum: [{ a: 1 }] })).toMatch(/enum/);
    expect(refused(false)).toMatch(/allows nothing/);
  });
});

describe("chat request parsing", () => {
  it("maps OpenAI's fields to generation parameters", () => {
    const parsed = parseChatRequest(
      {
        model: "m",
        messages: [
          { role: "developer", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "Hel" }, { type: "text", text: "lo" }] },
        ],
        max_completion_tokens: 9,
        temperature: 0.2,
        top_p: 0.9,
        stop: "END",
        seed: 4,
        stream: true,
        response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object", properties: { a: { type: "string" } } } } },
      },
      { defaultMaxTokens: 512 },
    );
    expect(parsed).toMatchObject({
      model: "m",
      stream: true,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello" },
      ],
      params: { maxTokens: 9, temperature: 0.2, topP: 0.9, stop: ["END"], seed: 4, grammar: { kind: "json_schema", schema: { type: "object", properties: { a: { type: "string" } } } } },
    });
    expect(parseChatRequest({ messages: [{ role: "user", content: "x" }] }, { defaultMaxTokens: 77 }).params).toMatchObject({ maxTokens: 77, temperature: 1 });
  });

  it("answers 400 naming the field", () => {
    const status = (body: unknown) => {
      try {
        parseChatRequest(body, { defaultMaxTokens: 1 });
        return "ok";
      } catch (err) {
        return `${(err as HttpError).status} ${(err as HttpError).param}`;
      }
    };
    expect(status({ messages: [{ role: "tool", content: "x" }] })).toBe("400 messages.0.role");
    expect(status({ messages: [{ role: "user", content: "x" }], temperature: 3 })).toBe("400 temperature");
    expect(status({ messages: [{ role: "user", content: "x" }], tools: [{ type: "function" }] })).toBe("400 tools");
    expect(status([])).toBe("400 null");
  });
});

describe("generation queue", () => {
  it("runs up to the slots of a model, queues up to the limit, refuses the rest with a retry-after", async () => {
    const depths: number[] = [];
    const queue = new GenerationQueue(2, () => 1, (waiting) => depths.push(waiting));
    const first = await queue.acquire("m");
    const second = queue.acquire("m");
    const third = queue.acquire("m");
    expect(queue.depth).toBe(2);
    expect(() => queue.acquire("m")).toThrow(QueueFullError);
    try {
      void queue.acquire("m");
    } catch (err) {
      expect((err as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    first.release();
    const s2 = await second;
    expect(queue.depth).toBe(1);
    s2.release();
    (await third).release();
    expect(queue.depth).toBe(0);
    expect(queue.active).toBe(0);
    expect(depths.at(-1)).toBe(0);
  });

  it("does not hold a job for a free model behind one for a busy model, and drops a waiter whose client left", async () => {
    const queue = new GenerationQueue(5, () => 1);
    const a = await queue.acquire("a");
    const waitingA = queue.acquire("a");
    const b = await queue.acquire("b");
    expect(queue.active).toBe(2);
    const gone = new AbortController();
    const left = queue.acquire("a", gone.signal);
    expect(queue.depth).toBe(2);
    gone.abort(new Error("client left"));
    await expect(left).rejects.toThrow("client left");
    expect(queue.depth).toBe(1);
    a.release();
    (await waitingA).release();
    b.release();
    expect(queue.active).toBe(0);
  });
});

describe("generation configuration", () => {
  it("reads the ML_GENERATION_* variables", () => {
    expect(
      configFromEnv({
        ML_GENERATION_MODELS: "smollm2-135m-instruct, qwen2.5-coder-0.5b-instruct",
        ML_DEFAULT_GENERATION_MODEL: "smollm2-135m-instruct",
        ML_GENERATION_GPU: "auto",
        ML_GENERATION_THREADS: "3",
        ML_GENERATION_PARALLEL: "4",
        ML_GENERATION_QUEUE: "0",
        ML_GENERATION_MAX_TOKENS: "256",
        ML_GENERATION_FETCH: "true",
      }),
    ).toMatchObject({
      generationModels: ["smollm2-135m-instruct", "qwen2.5-coder-0.5b-instruct"],
      defaultGenerationModel: "smollm2-135m-instruct",
      generationGpu: "auto",
      generationThreads: 3,
      generationParallel: 4,
      generationQueue: 0,
      generationMaxTokens: 256,
      generationFetch: true,
    });
    expect(configFromEnv({ ML_GENERATION_MODELS: "none", ML_GENERATION_GPU: "false" })).toMatchObject({ generationModels: "none", generationGpu: false });
  });

  it("defaults: models on first request, CPU unless the execution provider says cuda or auto, half the cores", () => {
    const config = resolveConfig({});
    expect(config).toMatchObject({ generationModels: "auto", generationGpu: false, generationParallel: 2, generationQueue: 8, generationMaxTokens: 512, generationFetch: false });
    expect(config.generationThreads).toBeGreaterThanOrEqual(1);
    expect(resolveConfig({ executionProvider: "cuda" }).generationGpu).toBe("cuda");
    expect(resolveConfig({ executionProvider: "auto" }).generationGpu).toBe("auto");
    expect(resolveConfig({ executionProvider: "auto", generationGpu: false }).generationGpu).toBe(false);
  });

  it("stops on a bad value, naming the variable", () => {
    expect(() => configFromEnv({ ML_GENERATION_GPU: "rocm" })).toThrow(ConfigError);
    expect(() => configFromEnv({ ML_GENERATION_PARALLEL: "0" })).toThrow(/ML_GENERATION_PARALLEL/);
    expect(() => configFromEnv({ ML_GENERATION_FETCH: "maybe" })).toThrow(/ML_GENERATION_FETCH/);
  });
});
