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

// Signed tokens live 5 minutes; a long subscription gets a fresh one well before that.
const RESIGN_AFTER_MS = 4 * 60_000;

export function createGatewayContext(incomingRequestId: string | undefined, identity: Identity | null, log: Logger, secret: string): GatewayContext {
  const requestId = incomingRequestId && REQUEST_ID_RE.test(incomingRequestId) ? incomingRequestId : randomUUID();
  let token: { value: Promise<string>; signedAt: number } | undefined;
  return {
    requestId,
    identity,
    log: log.child({ reqId: requestId }),
    identityToken: async () => {
      if (!identity) return undefined;
      if (!token || Date.now() - token.signedAt > RESIGN_AFTER_MS) token = { value: signIdentity(identity, secret), signedAt: Date.now() };
      return token.value;
    },
  };
}
