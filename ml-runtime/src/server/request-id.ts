import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const requestIdHeader = "x-request-id";

const acceptable = /^[\w.:@/+=-]{1,128}$/;

/** The caller's x-request-id when it is a sane token, otherwise a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[requestIdHeader];
  const value = Array.isArray(given) ? given[0] : given;
  return value !== undefined && acceptable.test(value) ? value : randomUUID();
}
