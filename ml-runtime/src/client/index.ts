import { createHash } from "node:crypto";
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import type { HealthModel, HealthResponse } from "../api-types.js";
import type { CircuitBreakerOptions, CircuitSnapshot } from "./breaker.js";
import { Transport } from "./transport.js";
import { TabularClientImpl, type TabularClient, type TabularClientSettings } from "./tabular.js";

export { MlRuntimeRequestError, MlRuntimeUnavailableError } from "./errors.js";
export { CircuitBreaker, DEFAULT_COOLDOWN_MS, DEFAULT_FAILURE_THRESHOLD, MlRuntimeCircuitOpenError } from "./breaker.js";
export type { CircuitBreakerOptions, CircuitChange, CircuitSnapshot, CircuitState, FailureRatePolicy } from "./breaker.js";
export type { HealthModel, HealthResponse };
export type {
  TabularClient,
  TabularClientSettings,
  TabularRow,
  TabularPrediction,
  TabularExplanation,
  TabularCallOptions,
  ModelVersionsResponse,
  ModelVersionSummary,
  ActivationResponse,
} from "./tabular.js";
export type { TabularHealth } from "../api-types.js";

export type InputType = "query" | "passage";

export interface EmbedOptions {
  /** A loaded model id; default: the runtime's default model. */
  model?: string;
  /** Sent as x-request-id. */
  requestId?: string;
  /** "query" makes the runtime prepend the model's query prefix (BGE), if it has one. */
  inputType?: InputType;
}

export interface EmbeddingClient {
  /** The runtime's default model: as given, or learned from its first answer (empty until then). */
  readonly defaultModel: string;
  /** The circuit breaker's state, shared by every `forRequest` child (for metrics and logs). */
  readonly circuit: CircuitSnapshot;
  embed(texts: string[], opts?: EmbedOptions): Promise<number[][]>;
  embedOne(text: string, opts?: EmbedOptions): Promise<number[]>;
  health(): Promise<HealthResponse>;
  /** The default model, asking /healthz if it is not known yet. */
  resolveDefaultModel(): Promise<string>;
  /** A client for one request: its own DataLoader, the request id on every call, the shared cache. */
  forRequest(requestId: string): EmbeddingClient;
  /** The runtime's tabular models (predict, explain, versions, activate, rollback): same transport and breaker. */
  readonly tabular: TabularClient;
}

export interface EmbeddingClientOptions {
  /** e.g. http://127.0.0.1:4100 */
  baseUrl: string;
  defaultModel?: string;
  /** Per HTTP call; default 10 000 ms. */
  timeoutMs?: number;
  /** Vectors kept in the shared LRU cache; default 10 000 (0 disables it). */
  cacheSize?: number;
  /** Most texts in one HTTP call; default 256. */
  maxBatch?: number;
  /**
   * Circuit breaker over every HTTP call: opens after `failureThreshold` consecutive transport
   * failures (default 3), then fails fast for `cooldownMs` (default 5 000) before one probe.
   */
  breaker?: CircuitBreakerOptions;
  /** Tabular calls: most rows per HTTP call (default 4 096), their timeout, the admin token for activate/rollback. */
  tabular?: Partial<TabularClientSettings>;
}

interface Shared {
  transport: Transport;
  cache: LRUCache<string, Float32Array> | undefined;
  maxBatch: number;
  defaultModel: string | undefined;
  tabular: TabularClientSettings;
}

interface Key {
  /** undefined: the runtime's default, not yet known. */
  model: string | undefined;
  inputType: InputType | undefined;
  text: string;
}

const cacheKey = (model: string, inputType: InputType | undefined, text: string) =>
  `${model}\u0000${inputType ?? ""}\u0000${createHash("sha256").update(text).digest("base64")}`;

class Client implements EmbeddingClient {
  private readonly loader: DataLoader<Key, Float32Array, string>;
  readonly tabular: TabularClient;

  constructor(
    private readonly shared: Shared,
    private readonly requestId: string | undefined,
  ) {
    this.loader = new DataLoader((keys) => this.load(keys), {
      // The LRU cache is the cache; DataLoader only batches what one tick asks for.
      cache: false,
    });
    this.tabular = new TabularClientImpl(shared.transport, shared.tabular, requestId);
  }

  get defaultModel(): string {
    return this.shared.defaultModel ?? "";
  }

  get circuit(): CircuitSnapshot {
    return this.shared.transport.breaker.snapshot();
  }

  async embed(texts: string[], opts: EmbedOptions = {}): Promise<number[][]> {
    if (opts.requestId !== undefined && opts.requestId !== this.requestId) {
      return this.forRequest(opts.requestId).embed(texts, { ...opts, requestId: undefined });
    }
    const vectors = await Promise.all(texts.map((text) => this.vectorFor(text, opts)));
    return vectors.map((v) => Array.from(v));
  }

  async embedOne(text: string, opts: EmbedOptions = {}): Promise<number[]> {
    const [vector] = await this.embed([text], opts);
    return vector;
  }

  async health(): Promise<HealthResponse> {
    const health = await this.shared.transport.health(this.requestId);
    this.shared.defaultModel ??= health.defaultModel;
    return health;
  }

  async resolveDefaultModel(): Promise<string> {
    return this.shared.defaultModel ?? (await this.health()).defaultModel;
  }

  forRequest(requestId: string): EmbeddingClient {
    return new Client(this.shared, requestId);
  }

  private vectorFor(text: string, opts: EmbedOptions): Promise<Float32Array> {
    const model = opts.model ?? this.shared.defaultModel;
    const cached = model === undefined ? undefined : this.shared.cache?.get(cacheKey(model, opts.inputType, text));
    if (cached) return Promise.resolve(cached);
    return this.loader.load({ model, inputType: opts.inputType, text });
  }

  /** One HTTP call per (model, input type) and per maxBatch texts; duplicate texts sent once. */
  private async load(keys: readonly Key[]): Promise<Array<Float32Array | Error>> {
    const groups = new Map<string, { model: string | undefined; inputType: InputType | undefined; texts: Set<string> }>();
    for (const key of keys) {
      const id = `${key.model ?? ""}\u0000${key.inputType ?? ""}`;
      const group = groups.get(id) ?? { model: key.model, inputType: key.inputType, texts: new Set<string>() };
      group.texts.add(key.text);
      groups.set(id, group);
    }
    const results = new Map<string, Float32Array | Error>();
    await Promise.all(
      [...groups.entries()].flatMap(([id, group]) =>
        chunk([...group.texts], this.shared.maxBatch).map(async (texts) => {
          try {
            const { model, vectors } = await this.shared.transport.embed({
              texts,
              model: group.model,
              inputType: group.inputType,
              requestId: this.requestId,
            });
            if (group.model === undefined) this.shared.defaultModel ??= model;
            texts.forEach((text, i) => {
              this.shared.cache?.set(cacheKey(model, group.inputType, text), vectors[i]);
              results.set(`${id}\u0000${text}`, vectors[i]);
            });
          } catch (err) {
            for (const text of texts) results.set(`${id}\u0000${text}`, err as Error);
          }
        }),
      ),
    );
    return keys.map((key) => {
      const result = results.get(`${key.model ?? ""}\u0000${key.inputType ?? ""}\u0000${key.text}`);
      return result ?? new Error("ml-runtime client: no result for a text (this is a bug)");
    });
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function createEmbeddingClient(options: EmbeddingClientOptions): EmbeddingClient {
  const cacheSize = options.cacheSize ?? 10_000;
  const shared: Shared = {
    transport: new Transport({ baseUrl: options.baseUrl.replace(/\/+$/, ""), timeoutMs: options.timeoutMs ?? 10_000, breaker: options.breaker }),
    cache: cacheSize > 0 ? new LRUCache<string, Float32Array>({ max: cacheSize }) : undefined,
    maxBatch: Math.max(1, options.maxBatch ?? 256),
    defaultModel: options.defaultModel,
    tabular: { maxRows: options.tabular?.maxRows ?? 4_096, timeoutMs: options.tabular?.timeoutMs, adminToken: options.tabular?.adminToken },
  };
  return new Client(shared, undefined);
}

/** A client of the runtime's tabular models alone (the embedding client's `tabular`). */
export function createTabularClient(options: Omit<EmbeddingClientOptions, "defaultModel" | "cacheSize" | "maxBatch">): TabularClient {
  return createEmbeddingClient({ ...options, cacheSize: 0 }).tabular;
}
