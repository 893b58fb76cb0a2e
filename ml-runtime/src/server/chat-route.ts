import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { GenerationError, type GenerateResult } from "../generation/engine.js";
import { UnsupportedSchemaError, toGrammarSchema } from "../generation/json-schema.js";
import type { GenerateParams, GrammarSpec, WireMessage } from "../generation/protocol.js";
import { QueueFullError } from "../generation/queue.js";
import { HttpError, badRequest, notFound, sendJson } from "./errors.js";
import type { RuntimeState } from "./state.js";

export interface ChatLimits {
  /** max_tokens when a request gives none. */
  defaultMaxTokens: number;
}

const textPart = z.object({ type: z.literal("text"), text: z.string() });
const messageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string(), z.array(textPart)]).nullable(),
  name: z.string().optional(),
});

const responseFormatSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string().optional(),
      description: z.string().optional(),
      schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const requestSchema = z.object({
  model: z.string().min(1).optional(),
  messages: z.array(messageSchema).min(1, "must hold at least one message"),
  max_tokens: z.number().int().min(1).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().gt(0).max(1).nullable().optional(),
  n: z.literal(1, "only n=1 is supported").nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  stop: z.union([z.string(), z.array(z.string().min(1)).max(4)]).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  response_format: responseFormatSchema.nullable().optional(),
  tools: z.array(z.unknown()).max(0, "tools are not supported by this runtime").nullable().optional(),
  user: z.string().optional(),
});

export type ChatCompletionRequest = z.infer<typeof requestSchema>;

interface ParsedChat {
  model: string | undefined;
  messages: WireMessage[];
  params: GenerateParams;
  stream: boolean;
}

export function parseChatRequest(body: unknown, limits: ChatLimits): ParsedChat {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("The request body must be a JSON object.", null, "invalid_type");
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.map(String).join(".");
    throw badRequest(`'${param}': ${issue.message}`, param);
  }
  const r = parsed.data;
  const messages: WireMessage[] = r.messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: typeof m.content === "string" ? m.content : (m.content ?? []).map((p) => p.text).join(""),
  }));
  let grammar: GrammarSpec | undefined;
  const format = r.response_format;
  if (format?.type === "json_object") grammar = { kind: "json" };
  else if (format?.type === "json_schema") {
    try {
      grammar = { kind: "json_schema", schema: toGrammarSchema(format.json_schema.schema) };
    } catch (err) {
      if (err instanceof UnsupportedSchemaError) throw badRequest(`'response_format.json_schema.schema': ${err.message}`, "response_format.json_schema.schema", "invalid_schema");
      throw err;
    }
  }
  const stop = typeof r.stop === "string" ? [r.stop] : (r.stop ?? undefined);
  return {
    model: r.model,
    messages,
    stream: r.stream === true,
    params: {
      maxTokens: r.max_completion_tokens ?? r.max_tokens ?? limits.defaultMaxTokens,
      // OpenAI's default.
      temperature: r.temperature ?? 1,
      ...(r.top_p != null ? { topP: r.top_p } : {}),
      ...(r.seed != null ? { seed: r.seed } : {}),
      ...(stop?.length ? { stop } : {}),
      ...(r.presence_penalty ? { presencePenalty: r.presence_penalty } : {}),
      ...(r.frequency_penalty ? { frequencyPenalty: r.frequency_penalty } : {}),
      ...(grammar ? { grammar } : {}),
    },
  };
}

function usageOf(result: Pick<GenerateResult, "promptTokens" | "completionTokens">) {
  return { prompt_tokens: result.promptTokens, completion_tokens: result.completionTokens, total_tokens: result.promptTokens + result.completionTokens };
}

/** GenerationError / QueueFullError → an OpenAI-shaped HTTP error (retry-after set on 429 and 503-loading). */
function httpErrorOf(err: unknown, res: ServerResponse): HttpError {
  if (err instanceof QueueFullError) {
    res.setHeader("retry-after", String(err.retryAfterSeconds));
    return new HttpError(429, err.message, "rate_limit_error", "queue_full");
  }
  if (err instanceof GenerationError) {
    if (err.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(err.retryAfterSeconds));
    const status = { not_found: 404, not_ready: 503, unavailable: 503, bad_request: 400, failed: 500 }[err.kind];
    const type = status === 400 || status === 404 ? "invalid_request_error" : "server_error";
    return new HttpError(status, err.message, type, err.code, err.kind === "not_found" ? "model" : null);
  }
  if (err instanceof HttpError) return err;
  return new HttpError(500, `Generation failed: ${(err as Error).message}`, "server_error", "generation_failed");
}

/** POST /v1/chat/completions, OpenAI-compatible, JSON or server-sent events (`stream: true`). */
export async function handleChatCompletions(_req: IncomingMessage, res: ServerResponse, body: unknown, state: RuntimeState): Promise<void> {
  const generation = state.generation;
  if (!generation) throw new HttpError(503, "Generation is turned off on this runtime (ML_GENERATION_MODELS=none).", "server_error", "generation_disabled");
  const chat = parseChatRequest(body, { defaultMaxTokens: generation.defaultMaxTokens });
  const model = chat.model ?? generation.defaultModel;
  if (!model) {
    throw new HttpError(503, "No generation model is on disk; run `npm run models:fetch` (SmolLM2-135M and Qwen2.5-Coder-0.5B).", "server_error", "model_missing");
  }
  if (!generation.engine.models.has(model)) {
    const known = [...generation.engine.models.keys()].join(", ");
    throw notFound(`The model '${model}' is not a generation model; generation models: ${known}.`, "model_not_found", "model");
  }
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const abort = new AbortController();
  // The client went away before the answer was complete: stop generating.
  res.once("close", () => {
    if (!res.writableFinished) abort.abort(new Error("client closed the connection"));
  });

  if (!chat.stream) {
    let result: GenerateResult;
    try {
      result = await generation.engine.generate({ model, messages: chat.messages, params: chat.params, signal: abort.signal });
    } catch (err) {
      throw httpErrorOf(err, res);
    }
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: result.text }, logprobs: null, finish_reason: result.finishReason }],
      usage: usageOf(result),
    });
    return;
  }

  // Streaming: headers go out once generation starts, so that a full queue or a loading model
  // still answers with a plain HTTP error.
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
  const start = () => {
    if (res.headersSent) return;
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write(chunk([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]));
  };
  let result: GenerateResult;
  try {
    result = await generation.engine.generate({
      model,
      messages: chat.messages,
      params: chat.params,
      signal: abort.signal,
      onStart: start,
      onDelta: (text) => {
        start();
        res.write(chunk([{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }]));
      },
    });
  } catch (err) {
    const httpError = httpErrorOf(err, res);
    if (!res.headersSent) throw httpError;
    res.end(`data: ${JSON.stringify(httpError.toBody())}\n\ndata: [DONE]\n\n`);
    return;
  }
  start();
  res.write(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: result.finishReason }]));
  // Usage in every answer: a last chunk with no choices, as OpenAI sends with stream_options.include_usage.
  res.write(chunk([], { usage: usageOf(result) }));
  res.end("data: [DONE]\n\n");
}
