import type { IncomingMessage } from "node:http";
import { HttpError, badRequest } from "./errors.js";

/**
 * Reads a JSON request body, refusing bodies over maxBytes (413) and malformed JSON (400).
 * The Content-Type is not checked: curl's default form type is a common mistake, not an attack.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw badRequest("The request body is empty; send a JSON object.", null, "invalid_json");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`The request body is not valid JSON: ${(err as Error).message}`, null, "invalid_json");
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `The request body is larger than ${maxBytes} bytes.`, "invalid_request_error", "request_too_large");
}
