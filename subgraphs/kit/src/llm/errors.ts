/** Errors of the LLM client. Every one carries a GraphQL-style `code`. */

export class LlmError extends Error {
  readonly code: string = "UNAVAILABLE";
}

/** The provider could not be reached, timed out, or failed on its side (5xx, 429) after the retries. */
export class LlmUnavailableError extends LlmError {
  override readonly code = "UNAVAILABLE";

  constructor(
    message: string,
    /** HTTP status, when the provider answered. */
    readonly status?: number,
    /** From retry-after / retry-after-ms, when the provider sent it. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LlmUnavailableError";
  }
}

/** The call was not made: the circuit is open (or half-open with its probe on its way). */
export class LlmCircuitOpenError extends LlmUnavailableError {
  readonly circuitOpen = true;

  constructor(message: string) {
    super(message);
    this.name = "LlmCircuitOpenError";
  }
}

/** The provider refused the request (4xx other than 408/429): bad input, unknown model, bad key. */
export class LlmRequestError extends LlmError {
  override readonly code = "BAD_USER_INPUT";

  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: string | null = null,
  ) {
    super(message);
    this.name = "LlmRequestError";
  }
}

/** The answer cannot be used: not the JSON the schema asks for, or cut off at max tokens. */
export class LlmOutputError extends LlmError {
  override readonly code = "UNAVAILABLE";

  constructor(
    message: string,
    readonly content: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LlmOutputError";
  }
}

export type BudgetScope = "request" | "period";

/** The call was refused before it was made: it would exceed a per-request or per-period budget. */
export class BudgetExceededError extends LlmError {
  override readonly code = "BUDGET_EXCEEDED";

  constructor(
    readonly scope: BudgetScope,
    readonly unit: "usd" | "tokens",
    /** The budget. */
    readonly limit: number,
    /** What the call would bring the total to (its estimate, plus what the period already spent). */
    readonly wouldBe: number,
  ) {
    super(
      `LLM ${scope} budget exceeded: ${unit === "usd" ? `$${wouldBe.toFixed(6)}` : `${Math.round(wouldBe)} tokens`} would pass the ` +
        `${scope === "request" ? "per-request" : "per-period"} limit of ${unit === "usd" ? `$${limit}` : `${limit} tokens`}`,
    );
    this.name = "BudgetExceededError";
  }
}
