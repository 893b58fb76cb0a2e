import { z } from "zod";
import type { EmbeddingRequest, EmbeddingResponse } from "../api-types.js";
import { EngineUnavailableError } from "../engine/engine.js";
import { withInputPrefix } from "../registry.js";
import { HttpError, badRequest, notFound, unavailable } from "./errors.js";
import { currentStatus, type RuntimeState } from "./state.js";

export interface EmbeddingLimits {
  maxInputs: number;
  maxInputChars: number;
}

const requestSchema = z.object({
  input: z.unknown(),
  model: z.string().min(1).optional(),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().positive().optional(),
  input_type: z.enum(["query", "passage", "document"]).optional(),
  user: z.string().optional(),
});

/** Checks `input`: a non-empty string or a non-empty array of them, within the limits. */
function validateInput(input: unknown, limits: EmbeddingLimits): string[] {
  if (input === undefined) throw badRequest("'input' is required.", "input", "missing_required_parameter");
  const texts = typeof input === "string" ? [input] : input;
  if (!Array.isArray(texts)) throw badRequest("'input' must be a string or an array of strings.", "input", "invalid_type");
  if (texts.length === 0) throw badRequest("'input' must not be an empty array.", "input");
  if (texts.length > limits.maxInputs) {
    throw badRequest(`'input' has ${texts.length} items; at most ${limits.maxInputs} are allowed per request.`, "input", "too_many_inputs");
  }
  texts.forEach((text: unknown, i) => {
    const param = typeof input === "string" ? "input" : `input[${i}]`;
    if (typeof text !== "string") {
      throw badRequest(`'${param}' must be a string (token arrays are not supported).`, param, "invalid_type");
    }
    if (text.length === 0) throw badRequest(`'${param}' must not be an empty string.`, param);
    if (text.length > limits.maxInputChars) {
      throw badRequest(`'${param}' has ${text.length} characters; at most ${limits.maxInputChars} are allowed.`, param, "input_too_long");
    }
  });
  return texts as string[];
}

export function parseEmbeddingRequest(body: unknown, limits: EmbeddingLimits): EmbeddingRequest & { texts: string[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("The request body must be a JSON object.", null, "invalid_type");
  }
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue.path.map(String).join(".");
    throw badRequest(`'${param}': ${issue.message}`, param);
  }
  const texts = validateInput(parsed.data.input, limits);
  const inputType = parsed.data.input_type === "document" ? "passage" : parsed.data.input_type;
  return { ...parsed.data, input: texts, input_type: inputType, texts };
}

function floatsToBase64(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64");
}

/** POST /v1/embeddings, OpenAI-compatible. */
export async function handleEmbeddings(
  body: unknown,
  state: RuntimeState,
  limits: EmbeddingLimits,
): Promise<EmbeddingResponse<number[] | string>> {
  const status = currentStatus(state);
  if (status === "loading") throw unavailable("The ml-runtime is still loading its models; retry shortly.", "model_not_ready");
  if (status === "error" || !state.engine) {
    const reason = state.engine?.error?.message ?? state.error?.message ?? "no models loaded";
    throw unavailable(`The ml-runtime is not serving: ${reason}`);
  }
  const request = parseEmbeddingRequest(body, limits);
  const modelId = request.model ?? state.defaultModel;
  const model = state.engine.models.get(modelId);
  if (!model) {
    const loaded = [...state.engine.models.keys()].join(", ");
    const why = state.registryIds.includes(modelId)
      ? `is in the registry but not loaded (add it to ML_MODELS); loaded: ${loaded}`
      : `does not exist; loaded: ${loaded}`;
    throw notFound(`The model '${modelId}' ${why}.`, "model_not_found", "model");
  }
  if (request.dimensions !== undefined && request.dimensions !== model.dimension) {
    throw badRequest(
      `'${modelId}' makes ${model.dimension}-dimensional embeddings and cannot shorten them; omit 'dimensions' or send ${model.dimension}.`,
      "dimensions",
    );
  }
  const texts = withInputPrefix(model, request.input_type, request.texts);
  let result;
  try {
    result = await state.engine.embed(modelId, texts);
  } catch (err) {
    if (err instanceof EngineUnavailableError) throw unavailable(err.message);
    throw new HttpError(500, `Embedding failed: ${(err as Error).message}`, "server_error", "inference_failed");
  }
  const base64 = request.encoding_format === "base64";
  const tokens = result.tokenCounts.reduce((a, b) => a + b, 0);
  return {
    object: "list",
    data: result.vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: base64 ? floatsToBase64(vector) : Array.from(vector),
    })),
    model: modelId,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
