import type { ServerResponse } from "node:http";
import type { ErrorResponse } from "../api-types.js";

/** An error answered in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "HttpError";
  }

  toBody(): ErrorResponse {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = "invalid_value") =>
  new HttpError(400, message, "invalid_request_error", code, param);

export const notFound = (message: string, code: string, param: string | null = null) =>
  new HttpError(404, message, "invalid_request_error", code, param);

export const unavailable = (message: string, code = "service_unavailable") =>
  new HttpError(503, message, "server_error", code);

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, error.toBody());
}
