/**
 * The generation worker: owns node-llama-cpp, every GGUF model and its context. Token generation
 * runs here (node-llama-cpp's native calls and its JavaScript sampling loop), never on the HTTP
 * server's event loop. Each model has one context with `parallel` sequences; the main thread's
 * queue sends at most that many jobs per model at once, and they are evaluated in shared batches.
 */
import { parentPort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import {
  LlamaChat,
  LlamaLogLevel,
  getLlama,
  type ChatHistoryItem,
  type GbnfJsonSchema,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
} from "node-llama-cpp";
import type { GenerateParams, GenerationDevice, GrammarSpec, WireMessage, WorkerRequest, WorkerResponse } from "./protocol.js";

if (!parentPort) throw new Error("the generation worker must run in a worker thread");
const port = parentPort;

interface Lane {
  sequence: LlamaContextSequence;
  chat: LlamaChat;
}

interface Loaded {
  model: LlamaModel;
  context: LlamaContext;
  lanes: Lane[];
}

let llama: Llama | undefined;
let threads = 0;
const models = new Map<string, Loaded>();
const jobs = new Map<number, AbortController>();
/** Compiled grammars by schema text (compiling one takes a while; callers reuse schemas). */
const grammars = new Map<string, Promise<LlamaGrammar>>();
const maxGrammars = 64;

function reply(message: WorkerResponse): void {
  port.postMessage(message);
}

class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function init(gpu: false | "auto" | "cuda" | "vulkan", threadCount: number): Promise<void> {
  threads = threadCount;
  try {
    // build: "never": only the prebuilt binaries from the @node-llama-cpp/* platform packages are
    // used, nothing is downloaded or compiled. gpu: false takes @node-llama-cpp/linux-x64 (CPU).
    // gpu: "auto" (ML_GENERATION_GPU=auto, or ML_EXECUTION_PROVIDER=auto) lets node-llama-cpp
    // detect the machine's compute layers and try, in order, the CUDA binaries of
    // @node-llama-cpp/linux-x64-cuda (+ -cuda-ext), then Vulkan, then the CPU ones: on a GPU
    // machine where the CUDA package is installed (README: "GPU") the model runs on the GPU. This
    // checkout's npm ci installs stand-ins for the CUDA/Vulkan packages, so "auto" falls back to CPU.
    llama = await getLlama({
      gpu,
      build: "never",
      progressLogs: false,
      logLevel: LlamaLogLevel.warn,
      logger: (level, message) => {
        const text = message.trim();
        if (!text) return;
        reply({ type: "log", level: level === LlamaLogLevel.error || level === LlamaLogLevel.fatal ? "error" : level === LlamaLogLevel.warn ? "warn" : "debug", message: text });
      },
    });
    const device: GenerationDevice = llama.gpu === false ? "cpu" : llama.gpu;
    reply({ type: "ready", device, gpuSetting: gpu });
  } catch (err) {
    reply({ type: "init-failed", message: (err as Error).message });
  }
}

async function load(id: string, modelPath: string, contextSize: number, parallel: number): Promise<void> {
  const started = performance.now();
  try {
    if (!llama) throw new Error("node-llama-cpp is not initialised");
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize, sequences: parallel, ...(threads > 0 ? { threads } : {}) });
    const lanes: Lane[] = [];
    for (let i = 0; i < parallel; i++) {
      const sequence = context.getSequence();
      // "auto": the chat template comes from the GGUF's metadata (Qwen's ChatML, SmolLM2's template).
      lanes.push({ sequence, chat: new LlamaChat({ contextSequence: sequence, chatWrapper: "auto" }) });
    }
    models.set(id, { model, context, lanes });
    reply({ type: "loaded", id, contextSize: context.contextSize, chatWrapper: lanes[0]!.chat.chatWrapper.wrapperName, seconds: (performance.now() - started) / 1000 });
  } catch (err) {
    reply({ type: "load-failed", id, message: (err as Error).message });
  }
}

function grammarFor(spec: GrammarSpec): Promise<LlamaGrammar> {
  if (!llama) throw new Error("node-llama-cpp is not initialised");
  const key = spec.kind === "json" ? "json" : JSON.stringify(spec.schema);
  let grammar = grammars.get(key);
  if (!grammar) {
    const l = llama;
    // The schema comes from toGrammarSchema (json-schema.ts), checked again by node-llama-cpp as it
    // builds the grammar; its generic parameters cannot be inferred from a schema known at run time only.
    grammar = spec.kind === "json" ? l.getGrammarFor("json") : l.createGrammarForJsonSchema(spec.schema as Readonly<GbnfJsonSchema> as never);
    grammars.set(key, grammar);
    grammar.catch(() => grammars.delete(key));
    if (grammars.size > maxGrammars) grammars.delete(grammars.keys().next().value!);
  }
  return grammar;
}

/** OpenAI messages → node-llama-cpp's chat history, ending with the model's turn to fill. */
function toHistory(messages: WireMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === "system" ? { type: "system", text: m.content } : m.role === "user" ? { type: "user", text: m.content } : { type: "model", response: [m.content] },
  );
  // A last assistant message is a prefix the answer continues; otherwise the answer starts empty.
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}

async function generate(jobId: number, modelId: string, messages: WireMessage[], params: GenerateParams): Promise<void> {
  const loaded = models.get(modelId);
  const lane = loaded?.lanes.pop();
  const abort = new AbortController();
  jobs.set(jobId, abort);
  try {
    if (!loaded) throw new Error(`model "${modelId}" is not loaded in the generation worker`);
    if (!lane) throw new Error(`model "${modelId}" has no free sequence (the queue should have held this job)`);
    const grammar = params.grammar ? await grammarFor(params.grammar).catch((err: unknown) => {
      throw new RequestError(`response_format: the JSON schema cannot be turned into a grammar: ${(err as Error).message}`, "invalid_schema");
    }) : undefined;
    const history = toHistory(messages);
    const promptTokens = lane.chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(loaded.model.tokenizer).length;
    const room = loaded.context.contextSize - promptTokens;
    if (room < 1) {
      throw new RequestError(`The prompt is ${promptTokens} tokens; ${modelId}'s context holds ${loaded.context.contextSize}.`, "context_length_exceeded");
    }
    reply({ type: "started", jobId, promptTokens });
    const outputBefore = lane.sequence.tokenMeter.usedOutputTokens;
    let streamed = 0;
    const sampling =
      params.temperature > 0
        ? // llama.cpp server's defaults when the caller leaves them open: keep the tail of the distribution out.
          { temperature: params.temperature, topP: params.topP ?? 0.95, topK: 40, minP: 0.05, ...(params.seed !== undefined ? { seed: params.seed } : {}) }
        : { temperature: 0 };
    const penalties =
      params.presencePenalty || params.frequencyPenalty
        ? { repeatPenalty: { presencePenalty: params.presencePenalty, frequencyPenalty: params.frequencyPenalty } }
        : {};
    const result = await lane.chat.generateResponse(history, {
      ...sampling,
      ...penalties,
      maxTokens: Math.min(params.maxTokens, room),
      ...(grammar ? { grammar } : {}),
      ...(params.stop?.length ? { customStopTriggers: params.stop } : {}),
      signal: abort.signal,
      stopOnAbortSignal: true,
      onToken: (tokens) => (streamed += tokens.length),
      onTextChunk: (text) => {
        if (text) reply({ type: "delta", jobId, text });
      },
    });
    const generated = lane.sequence.tokenMeter.usedOutputTokens - outputBefore;
    const stop = result.metadata.stopReason;
    reply({
      type: "done",
      jobId,
      text: result.response,
      finishReason: stop === "maxTokens" ? "length" : "stop",
      promptTokens,
      completionTokens: Math.max(generated, streamed),
      cancelled: stop === "abort",
    });
  } catch (err) {
    // Cancelled before the first token (node-llama-cpp throws then instead of returning).
    if (abort.signal.aborted && !(err instanceof RequestError)) {
      reply({ type: "done", jobId, text: "", finishReason: "stop", promptTokens: 0, completionTokens: 0, cancelled: true });
      return;
    }
    if (err instanceof RequestError) reply({ type: "failed", jobId, message: err.message, status: 400, code: err.code });
    else reply({ type: "failed", jobId, message: (err as Error).message, status: 500, code: "generation_failed" });
  } finally {
    jobs.delete(jobId);
    if (lane) loaded?.lanes.push(lane);
  }
}

async function close(): Promise<void> {
  for (const abort of jobs.values()) abort.abort(new Error("shutting down"));
  for (const loaded of models.values()) {
    await loaded.context.dispose().catch(() => undefined);
    await loaded.model.dispose().catch(() => undefined);
  }
  models.clear();
  await llama?.dispose().catch(() => undefined);
  reply({ type: "closed" });
}

/** Loads run one after another; generation jobs run concurrently (up to each model's sequences). */
let loading: Promise<void> = Promise.resolve();

port.on("message", (request: WorkerRequest) => {
  switch (request.type) {
    case "init":
      loading = loading.then(() => init(request.gpu, request.threads));
      return;
    case "load":
      loading = loading.then(() => load(request.id, request.path, request.contextSize, request.parallel));
      return;
    case "generate":
      void generate(request.jobId, request.model, request.messages, request.params);
      return;
    case "cancel":
      jobs.get(request.jobId)?.abort(new Error("cancelled"));
      return;
    case "close":
      void loading.then(close);
      return;
  }
});
