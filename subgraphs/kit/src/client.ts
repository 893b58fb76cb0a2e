/** A minimal GraphQL-over-HTTP client for command lines: errors come back as thrown Errors with their codes. */
export type GraphQLCall = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface GraphQLCallErrorDetails {
  /** The HTTP status, when an answer came. */
  status?: number;
  /** Worth trying again: the server was unreachable, reset the connection, timed out, or said it is busy. */
  transient?: boolean;
  /** What a Retry-After header asked for, in milliseconds. */
  retryAfterMs?: number;
  /** Set by {@link retryTransient} when it stopped trying. */
  gaveUpAfterMs?: number;
  cause?: unknown;
}

export class GraphQLCallError extends Error {
  readonly status: number | undefined;
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;
  readonly gaveUpAfterMs: number | undefined;

  constructor(
    message: string,
    readonly codes: string[],
    details: GraphQLCallErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "GraphQLCallError";
    this.status = details.status;
    this.transient = details.transient ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.gaveUpAfterMs = details.gaveUpAfterMs;
  }
}

/** Socket-level failures that a later try may not meet (undici and Node error codes). */
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
/** Answers of a proxy or a busy server: bad gateway, unavailable, gateway timeout, too many requests. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** GraphQL error codes that say "later": a busy database or ml-runtime, a rate limit. */
const TRANSIENT_GRAPHQL_CODES = new Set(["UNAVAILABLE", "RATE_LIMITED"]);

/** The first error code found along an error's cause chain (fetch wraps the socket's error). */
function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if ((e as { name?: unknown }).name === "TimeoutError" || (e as { name?: unknown }).name === "AbortError") return "ETIMEDOUT";
  }
  return undefined;
}

function retryAfter(res: Response): number | undefined {
  const value = res.headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * A client for one endpoint. Every failure is a {@link GraphQLCallError}: GraphQL errors with
 * their `extensions.code`s, non-GraphQL answers with their HTTP status, and network failures
 * (refused, reset, timed out after `timeoutMs`) with `transient` set, as are HTTP 429/502/503/504
 * and UNAVAILABLE / RATE_LIMITED errors. Nothing is retried here: see {@link retryTransient}.
 */
export function createGraphQLClient(options: { url: string; token?: string; timeoutMs?: number }): GraphQLCall {
  const networkError = (err: unknown): GraphQLCallError => {
    const code = networkCode(err);
    const reason = code ?? (err instanceof Error ? err.message : String(err));
    return new GraphQLCallError(`${options.url} could not be reached (${reason})`, [], { transient: code !== undefined && TRANSIENT_NETWORK_CODES.has(code), cause: err });
  };
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    let res: Response;
    let text: string;
    try {
      res = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
      });
      text = await res.text();
    } catch (err) {
      throw networkError(err);
    }
    const httpTransient = TRANSIENT_STATUSES.has(res.status);
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GraphQLCallError(`${options.url} answered HTTP ${res.status}: ${text.slice(0, 200)}`, [], { status: res.status, transient: httpTransient, retryAfterMs: retryAfter(res) });
    }
    if (body.errors?.length) {
      const codes = body.errors.map((e) => e.extensions?.code ?? "INTERNAL_SERVER_ERROR");
      throw new GraphQLCallError(body.errors.map((e) => e.message).join("; "), codes, {
        status: res.status,
        transient: httpTransient || codes.every((c) => TRANSIENT_GRAPHQL_CODES.has(c)),
        retryAfterMs: retryAfter(res),
      });
    }
    if (!res.ok || body.data == null) {
      throw new GraphQLCallError(`${options.url} answered HTTP ${res.status} without data`, [], { status: res.status, transient: httpTransient, retryAfterMs: retryAfter(res) });
    }
    return body.data;
  };
}

export interface RetryOptions {
  /** Keep trying for this long after the first failure of a run of failures. */
  forMs: number;
  /** First pause; each further one doubles, up to maxDelayMs (default 500 ms and 10 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Told before each pause. */
  onRetry?: (err: GraphQLCallError, attempt: number, delayMs: number) => void;
  /** Random in [0, 1) for the jitter (each pause is 50–100 % of its nominal length). */
  random?: () => number;
}

/**
 * Runs `call`, trying again after transient failures ({@link GraphQLCallError.transient}) with
 * exponential back-off and jitter (a Retry-After is honoured when longer), until it succeeds or
 * `forMs` have passed since the first failure; then throws the last error with `gaveUpAfterMs`.
 * Other errors are thrown at once. Only for calls that are safe to repeat (queries, polls).
 */
export async function retryTransient<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  let firstFailure: number | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof GraphQLCallError) || !err.transient) throw err;
      firstFailure ??= Date.now();
      const elapsed = Date.now() - firstFailure;
      const nominal = Math.min(max, initial * 2 ** (attempt - 1));
      const delay = Math.max(nominal * (0.5 + random() / 2), Math.min(max, err.retryAfterMs ?? 0));
      if (elapsed + delay > options.forMs) {
        throw new GraphQLCallError(`${err.message} (still failing after ${Math.round(elapsed / 100) / 10} s and ${attempt} attempts)`, err.codes, {
          status: err.status,
          transient: true,
          gaveUpAfterMs: elapsed,
          cause: err,
        });
      }
      options.onRetry?.(err, attempt, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
