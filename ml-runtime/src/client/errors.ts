/** The ml-runtime cannot be reached, timed out, or failed on its side (5xx). */
export class MlRuntimeUnavailableError extends Error {
  readonly code = "UNAVAILABLE";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MlRuntimeUnavailableError";
  }
}

/** The ml-runtime refused the request (4xx): bad input or an unknown model. */
export class MlRuntimeRequestError extends Error {
  readonly code = "BAD_USER_INPUT";

  constructor(
    message: string,
    readonly status: number,
    /** OpenAI-style error fields from the response, when it had them. */
    readonly param: string | null = null,
    readonly errorCode: string | null = null,
  ) {
    super(message);
    this.name = "MlRuntimeRequestError";
  }
}
