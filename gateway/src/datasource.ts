import { RemoteGraphQLDataSource } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from "@matchgraph/subgraph-kit";
import type { GatewayContext } from "./context.js";
import { codeForSubgraphStatus } from "./errors.js";

type FetcherResponse = Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0];

/**
 * Forwards the request id and the gateway-signed identity to every subgraph fetch, and notes
 * subgraph answers marked `extensions.degraded` on the request's context (Apollo Gateway drops
 * subgraph response extensions; the degraded plugin puts the flag on the client's response).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>>[0]) {
    if (response.extensions?.degraded === true) context?.degradedSubgraphs?.add(this.url);
    return response;
  }

  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]) {
    if (!context?.requestId) return;
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    request.http?.headers.set(IDENTITY_HEADER, await context.identityToken());
  }

  /**
   * A subgraph that refuses a request with an HTTP error (a variable its scalar cannot parse, a
   * string no column can store) says why in its body: pass its first message on with a code for
   * the status, instead of Apollo's bare "400: Bad Request".
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => undefined)) as { errors?: Array<{ message?: unknown; extensions?: { field?: unknown } }> } | undefined;
    const first = body?.errors?.[0];
    const code = codeForSubgraphStatus(response.status);
    const message = code !== "UNAVAILABLE" && typeof first?.message === "string" ? first.message : `A service behind the gateway answered HTTP ${response.status}`;
    return new GraphQLError(message, { extensions: { code, ...(typeof first?.extensions?.field === "string" ? { field: first.extensions.field } : {}), response: { status: response.status } } });
  }
}
