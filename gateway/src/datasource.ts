import { Agent, request as httpRequest } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { GraphQLError } from "graphql";
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from "@matchgraph/subgraph-kit";
import type { GatewayContext } from "./context.js";
import { codeForSubgraphStatus } from "./errors.js";

/** Largest subgraph answer the gateway reads; a bigger one is a failed fetch, not an out-of-memory. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MUTATION = /^\s*mutation\b/;

interface RawResponse {
  status: number;
  text: string;
}

/**
 * Sends the gateway's fetches to one subgraph over kept-alive HTTP connections, with the request
 * id and the caller the gateway signed.
 *
 * Identical fetches in flight at the same moment (same operation, variables and signed caller)
 * share one subgraph request: under load many clients ask the same thing, and the answer cannot
 * differ between them. Mutations are never shared. Each sharer parses the answer itself, so no
 * two requests' results share objects. A shared fetch carries the first request's id.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly inFlight = new Map<string, Promise<RawResponse>>();
  private readonly target: URL;
  private readonly agent: Agent;
  /** Fetches answered by sharing another request's (for metrics and tests). */
  shared = 0;

  constructor(readonly url: string) {
    this.target = new URL(url);
    this.agent = this.target.protocol === "https:" ? new HttpsAgent({ keepAlive: true, maxSockets: 256 }) : new Agent({ keepAlive: true, maxSockets: 256 });
  }

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const token = await context.identityToken();
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    const headers = { "content-type": "application/json", accept: "application/json", [REQUEST_ID_HEADER]: context.requestId, [IDENTITY_HEADER]: token };
    let pending: Promise<RawResponse>;
    if (request.query && !MUTATION.test(request.query)) {
      const key = `${token}\n${body}`;
      const running = this.inFlight.get(key);
      if (running) {
        this.shared++;
        pending = running;
      } else {
        pending = this.post(body, headers);
        this.inFlight.set(key, pending);
        const forget = () => this.inFlight.delete(key);
        pending.then(forget, forget);
      }
    } else {
      pending = this.post(body, headers);
    }
    const { status, text } = await pending;
    if (status < 200 || status >= 300) throw errorFromResponse(status, text);
    const parsed = JSON.parse(text) as GatewayGraphQLResponse;
    // Apollo Gateway drops subgraph response extensions: note a degraded answer for the degraded plugin.
    if (parsed.extensions?.degraded === true) context.degradedSubgraphs.add(this.url);
    return parsed;
  }

  private post(body: string, headers: Record<string, string>): Promise<RawResponse> {
    const send = this.target.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(this.target, { method: "POST", agent: this.agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) return res.destroy(new Error(`subgraph answer larger than ${MAX_RESPONSE_BYTES} bytes`));
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Closes kept-alive connections (gateway shutdown). */
  close(): void {
    this.agent.destroy();
  }
}

/**
 * A subgraph that refuses a request with an HTTP error (a variable its scalar cannot parse, a
 * string no column can store) says why in its body: pass its first message on with a code for
 * the status. Server errors keep their details out of the client's answer.
 */
function errorFromResponse(status: number, text: string): GraphQLError {
  let first: { message?: unknown; extensions?: { field?: unknown } } | undefined;
  try {
    first = (JSON.parse(text) as { errors?: Array<typeof first> }).errors?.[0];
  } catch {
    // Not JSON: only the status says anything.
  }
  const code = codeForSubgraphStatus(status);
  const message = code !== "UNAVAILABLE" && typeof first?.message === "string" ? first.message : `A service behind the gateway answered HTTP ${status}`;
  const field = typeof first?.extensions?.field === "string" ? { field: first.extensions.field } : {};
  return new GraphQLError(message, { extensions: { code, ...field, response: { status } } });
}

