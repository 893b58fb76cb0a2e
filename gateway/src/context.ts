import { randomUUID } from "node:crypto";
import type { Caller, Identity, Logger } from "@matchgraph/subgraph-kit";

/** Per-request state at the gateway. */
export interface GatewayContext {
  requestId: string;
  identity: Identity | null;
  log: Logger;
  /** The caller signed for subgraphs (cached per caller by the gateway's signer). */
  identityToken(): Promise<string>;
  /**
   * Subgraphs (by URL) whose answer to a fetch of this request said `extensions.degraded: true`;
   * the degraded plugin passes that on to the client's response (degraded.ts).
   */
  degradedSubgraphs: Set<string>;
}

const REQUEST_ID_RE = /^[\w.:-]{1,128}$/;

export function createGatewayContext(
  incomingRequestId: string | undefined,
  identity: Identity | null,
  log: Logger,
  sign: (caller: Caller) => Promise<string>,
): GatewayContext {
  const requestId = incomingRequestId && REQUEST_ID_RE.test(incomingRequestId) ? incomingRequestId : randomUUID();
  const caller: Caller = identity ? { kind: "user", identity } : { kind: "anonymous" };
  return {
    requestId,
    identity,
    log: log.child({ reqId: requestId }),
    identityToken: () => sign(caller),
    degradedSubgraphs: new Set(),
  };
}
