import type { GraphQLFormattedError } from "graphql";

type Format = (formatted: GraphQLFormattedError, err: unknown) => GraphQLFormattedError;

/** What a subgraph's HTTP status means to the client (Apollo Gateway reports it as `extensions.response.status`). */
export function codeForSubgraphStatus(status: number): string {
  if (status === 400 || status === 413 || status === 422) return "BAD_USER_INPUT";
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  return "UNAVAILABLE";
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

function networkFailure(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; name?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
    if (e.name === "FetchError" || e.name === "AbortError") return true;
  }
  return false;
}

/**
 * The gateway's formatError: a subgraph that could not be reached or answered a server error is
 * reported as UNAVAILABLE (never INTERNAL_SERVER_ERROR, never the subgraph's URL); errors the
 * data source made from a subgraph's HTTP refusal keep their code; everything else goes through
 * the kit's formatError.
 */
export function gatewayFormatError(formatted: GraphQLFormattedError, err: unknown, format: Format): GraphQLFormattedError {
  const original = (err as { originalError?: unknown })?.originalError ?? err;
  const base = { locations: formatted.locations, path: formatted.path };
  const status = (formatted.extensions?.response as { status?: unknown } | undefined)?.status;
  if (typeof status === "number") {
    const { response: _response, ...extensions } = formatted.extensions ?? {};
    return { ...base, message: formatted.message, extensions: { ...extensions, code: codeForSubgraphStatus(status) } };
  }
  if (networkFailure(original)) return { ...base, message: "A service behind the gateway is unreachable; try again shortly", extensions: { code: "UNAVAILABLE" } };
  return format(formatted, err);
}
