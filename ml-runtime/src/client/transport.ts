import type { EmbeddingResponse, ErrorResponse, HealthResponse } from "../api-types.js";
import { CircuitBreaker, type CircuitBreakerOptions } from "./breaker.js";
import { MlRuntimeRequestError, MlRuntimeUnavailableError } from "./errors.js";

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  breaker?: CircuitBreakerOptions;
}

export interface EmbedCall {
  texts: string[];
  model?: string;
  inputType?: "query" | "passage";
  requestId?: string;
}

const isTransportFailure = (err: unknown) => err instanceof MlRuntimeUnavailableError;

/**
 * HTTP calls to the ml-runtime, with its failures turned into the client's two error types. Every
 * call goes through one circuit breaker: transport failures (unreachable, reset, timeout, 5xx, a
 * malformed answer) count against it, answers (2xx, 4xx) reset it.
 */
export class Transport {
  readonly breaker: CircuitBreaker;

  constructor(private readonly options: TransportOptions) {
    this.breaker = new CircuitBreaker(options.baseUrl, options.breaker);
  }

  embed(call: EmbedCall): Promise<{ model: string; vectors: Float32Array[] }> {
    return this.breaker.run(() => this.embedCall(call), isTransportFailure);
  }

  health(requestId?: string): Promise<HealthResponse> {
    return this.breaker.run(() => this.healthCall(requestId), isTransportFailure);
  }

  /**
   * Any other JSON call (the tabular routes), through the same breaker: 2xx → the parsed body,
   * 4xx → MlRuntimeRequestError, the rest → MlRuntimeUnavailableError. `timeoutMs` overrides the
   * transport's timeout for this call.
   */
  json<T>(path: string, init: { method: "GET" | "POST"; body?: unknown; requestId?: string; headers?: Record<string, string>; timeoutMs?: number }): Promise<T> {
    return this.breaker.run(async () => {
      const response = await this.request(
        path,
        {
          method: init.method,
          headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...(init.requestId ? { "x-request-id": init.requestId } : {}), ...init.headers },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        },
        init.timeoutMs,
      );
      const json = await this.readJson(response);
      if (!response.ok) throw this.statusError(response, json);
      return json as T;
    }, isTransportFailure);
  }

  private async embedCall(call: EmbedCall): Promise<{ model: string; vectors: Float32Array[] }> {
    const body = {
      input: call.texts,
      encoding_format: "base64",
      ...(call.model ? { model: call.model } : {}),
      ...(call.inputType ? { input_type: call.inputType } : {}),
    };
    const response = await this.request("/v1/embeddings", {
      method: "POST",
      headers: { "content-type": "application/json", ...(call.requestId ? { "x-request-id": call.requestId } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await this.readJson(response)) as EmbeddingResponse<string>;
    if (!response.ok) throw this.statusError(response, json);
    if (!Array.isArray(json.data) || json.data.length !== call.texts.length) {
      throw new MlRuntimeUnavailableError(`ml-runtime at ${this.options.baseUrl} answered with a malformed embeddings response`);
    }
    const vectors: Float32Array[] = [];
    for (const item of json.data) vectors[item.index] = decodeFloats(item.embedding);
    return { model: json.model, vectors };
  }

  private async healthCall(requestId?: string): Promise<HealthResponse> {
    const response = await this.request("/healthz", {
      method: "GET",
      headers: requestId ? { "x-request-id": requestId } : {},
    });
    const json = await this.readJson(response);
    // /healthz answers 503 while loading or failed; that body is still a health report.
    if (typeof json === "object" && json !== null && "status" in json && "models" in json) return json as HealthResponse;
    throw this.statusError(response, json);
  }

  private async request(path: string, init: RequestInit, timeoutMs = this.options.timeoutMs): Promise<Response> {
    const url = `${this.options.baseUrl}${path}`;
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw this.networkError(url, err);
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    const text = await response.text().catch((err: unknown) => {
      throw this.networkError(response.url, err);
    });
    try {
      return JSON.parse(text);
    } catch {
      if (response.ok) {
        throw new MlRuntimeUnavailableError(`ml-runtime at ${this.options.baseUrl} answered ${response.status} with a body that is not JSON`);
      }
      return { error: { message: text.slice(0, 200) || response.statusText } };
    }
  }

  private statusError(response: Response, body: unknown): Error {
    const error = (body as Partial<ErrorResponse>)?.error;
    const detail = error?.message ?? response.statusText;
    if (response.status >= 400 && response.status < 500) {
      return new MlRuntimeRequestError(detail, response.status, error?.param ?? null, error?.code ?? null);
    }
    return new MlRuntimeUnavailableError(
      `ml-runtime at ${this.options.baseUrl} answered ${response.status} ${response.statusText}: ${detail}`,
    );
  }

  private networkError(url: string, err: unknown): MlRuntimeUnavailableError {
    if (err instanceof MlRuntimeUnavailableError) return err;
    const name = (err as Error)?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      return new MlRuntimeUnavailableError(`ml-runtime at ${url} did not answer within ${this.options.timeoutMs} ms`, { cause: err });
    }
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    const reason = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
    return new MlRuntimeUnavailableError(
      `ml-runtime at ${url} is unreachable (${reason}); is it running? Start it with \`npm start\` or \`npm start -w @matchgraph/ml-runtime\`.`,
      { cause: err },
    );
  }
}

function decodeFloats(embedding: string | number[]): Float32Array {
  if (Array.isArray(embedding)) return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, "base64");
  // Copy into a fresh, aligned buffer: Buffer pools may start at an odd offset.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
