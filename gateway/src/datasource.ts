import { RemoteGraphQLDataSource } from "@apollo/gateway";
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from "@matchgraph/subgraph-kit";
import type { GatewayContext } from "./context.js";

/** Forwards the request id and the gateway-signed identity to every subgraph fetch. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]) {
    if (!context?.requestId) return;
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    const token = await context.identityToken();
    if (token) request.http?.headers.set(IDENTITY_HEADER, token);
  }
}
