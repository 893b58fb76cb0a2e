import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";

/** Large enough for a document sent for ingestion; anything bigger is refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Reads a GraphQL-over-HTTP request (JSON body for POST, search params for GET) without executing it. */
export async function readGraphQLRequest(req: IncomingMessage): Promise<HTTPGraphQLRequest> {
  const url = new URL(req.url ?? "/", "http://localhost");
  let body: unknown = undefined;
  if (req.method === "POST") {
    const raw = await readBody(req);
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, "Request body is not valid JSON");
      }
    }
  }
  return { method: req.method ?? "GET", headers: toHeaderMap(req), search: url.search, body };
}

/** The operation fields of a request read by readGraphQLRequest (GET variables are JSON text). */
export function graphQLParams(request: HTTPGraphQLRequest): { query?: unknown; variables?: unknown; operationName?: unknown } {
  if (request.method !== "GET") {
    const body = request.body;
    return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }
  const params = new URLSearchParams(request.search);
  let variables: unknown = undefined;
  try {
    variables = params.has("variables") ? JSON.parse(params.get("variables")!) : undefined;
  } catch {
    // Apollo Server answers badly encoded variables itself.
  }
  return { query: params.get("query") ?? undefined, variables, operationName: params.get("operationName") ?? undefined };
}

/** Executes a request read by readGraphQLRequest with Apollo Server (its documented integration API) and writes the response. */
export async function executeGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  httpGraphQLRequest: HTTPGraphQLRequest,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Serves one Apollo Server request on plain node:http. */
export async function handleGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  await executeGraphQL(apollo, await readGraphQLRequest(req), res, context);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(value));
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
