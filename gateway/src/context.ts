import { randomUUID } from "node:crypto";
import { signIdentity, type Identity, type Logger } from "@matchgraph/subgraph-kit";

/** Per-request state at the gateway. */
export interface GatewayContext {
  requestId: string;
  identity: Identity | null;
  log: Logger;
  /** The identity signed for subgraphs, made once per request. */
  identityToken(): Promise<string | undefined>;
}

const REQUEST_ID_RE = /^[\w.:-]{1,128}$/;

export function createGatewayContext(incomingRequestId: string | undefined, identity: Identity | null, log: Logger, secret: string): GatewayContext {
  const requestId = incomingRequestId && REQUEST_ID_RE.test(incomingRequestId) ? incomingRequestId : randomUUID();
  let token: Promise<string | undefined> | undefined;
  return {
    requestId,
    identity,
    log: log.child({ reqId: requestId }),
    identityToken: () => (token ??= identity ? signIdentity(identity, secret) : Promise.resolve(undefined)),
  };
}
