import { MlRuntimeUnavailableError } from "./errors.js";

/**
 * closed: calls go through. open: calls fail at once. half-open: the cool-down is over and one
 * call (the probe) is on its way; the others still fail at once until it answers.
 */
export type CircuitState = "closed" | "open" | "half-open";

/**
 * Opens the circuit on the share of failures among recent calls instead of a run of consecutive
 * failures: at `failureRate` (e.g. 0.2) or more among the last `windowSize` calls of the last
 * `windowMs`, once at least `minimumCalls` are in the window.
 */
export interface FailureRatePolicy {
  failureRate: number;
  minimumCalls: number;
  /** Most recent calls kept; default 50. */
  windowSize?: number;
  /** Calls older than this leave the window; default 60 000 ms. */
  windowMs?: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive transport failures (unreachable, reset, timeout, 5xx) that open the circuit; default 3. */
  failureThreshold?: number;
  /** When given, the circuit opens on this failure rate instead of on `failureThreshold` consecutive failures. */
  rate?: FailureRatePolicy;
  /** Builds the error for a refused call; default MlRuntimeCircuitOpenError. */
  openError?: (target: string, snapshot: CircuitSnapshot) => Error;
  /** How long an open circuit refuses calls before it lets one probe through; default 5 000 ms. */
  cooldownMs?: number;
  /** Called on every state change (after it happened), e.g. to log it. Must not throw. */
  onStateChange?: (change: CircuitChange) => void;
}

export interface CircuitChange {
  from: CircuitState;
  to: CircuitState;
  /** The transport failure that opened (or re-opened) the circuit. */
  reason?: string;
}

/** What the client exposes for metrics and logs. */
export interface CircuitSnapshot {
  state: CircuitState;
  /** Transport failures since the last success. */
  consecutiveFailures: number;
  /** When the circuit last opened (ms since the epoch); null if it never did. */
  openedAt: number | null;
  /** While open: when the next probe may go through (ms since the epoch); else null. */
  retryAt: number | null;
  /** How many times the circuit has opened (re-openings after a failed probe included). */
  opens: number;
  /** Calls refused without being tried. */
  rejected: number;
  /** The last transport failure's message, if any. */
  lastFailure: string | null;
  /** Calls and failures in the failure-rate window (rate policy only; else the consecutive failures). */
  windowCalls: number;
  windowFailures: number;
}

export const DEFAULT_FAILURE_THRESHOLD = 3;
export const DEFAULT_COOLDOWN_MS = 5_000;

/** The call was not made: the circuit is open (or half-open with its probe still on its way). */
export class MlRuntimeCircuitOpenError extends MlRuntimeUnavailableError {
  readonly circuitOpen = true;

  constructor(baseUrl: string, snapshot: CircuitSnapshot) {
    const wait = snapshot.retryAt === null ? "a probe is on its way" : `next try in ${Math.max(0, snapshot.retryAt - Date.now())} ms`;
    super(`ml-runtime at ${baseUrl} is unavailable: circuit ${snapshot.state} after ${snapshot.consecutiveFailures} consecutive failures (${wait}); last: ${snapshot.lastFailure ?? "unknown"}`);
    this.name = "MlRuntimeCircuitOpenError";
  }
}

/**
 * A small circuit breaker for calls to the ml-runtime (and, with a failure-rate policy and its own
 * open error, for the kit's LLM client). After `failureThreshold` consecutive
 * transport failures it opens: calls fail at once with MlRuntimeCircuitOpenError instead of each
 * waiting for a refused connection or a timeout. After `cooldownMs` the next call goes through as
 * a probe (half-open) while the others keep failing fast; the probe's success closes the circuit,
 * its failure opens it for another cool-down. Any success resets the failure count; outcomes that
 * are not transport failures (a 4xx answer) count as successes: the runtime answered.
 */
export class CircuitBreaker {
  private state: CircuitState = "closed";
  private failures = 0;
  private openedAt: number | null = null;
  private opens = 0;
  private rejected = 0;
  private lastFailure: string | null = null;
  private probing = false;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  /** Rate policy: recent outcomes, oldest first. */
  private window: { at: number; failed: boolean }[] = [];
  private readonly rate: Required<FailureRatePolicy> | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly options: CircuitBreakerOptions = {},
  ) {
    this.failureThreshold = Math.max(1, Math.floor(options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD));
    this.cooldownMs = Math.max(0, options.cooldownMs ?? DEFAULT_COOLDOWN_MS);
    if (options.rate) {
      this.rate = {
        failureRate: Math.min(1, Math.max(0, options.rate.failureRate)),
        minimumCalls: Math.max(1, Math.floor(options.rate.minimumCalls)),
        windowSize: Math.max(1, Math.floor(options.rate.windowSize ?? 50)),
        windowMs: Math.max(1, options.rate.windowMs ?? 60_000),
      };
    }
  }

  snapshot(): CircuitSnapshot {
    this.trimWindow();
    const windowFailures = this.rate ? this.window.filter((o) => o.failed).length : this.failures;
    return {
      windowCalls: this.rate ? this.window.length : this.failures,
      windowFailures,
      state: this.state,
      consecutiveFailures: this.failures,
      openedAt: this.openedAt,
      retryAt: this.state === "open" && this.openedAt !== null ? this.openedAt + this.cooldownMs : null,
      opens: this.opens,
      rejected: this.rejected,
      lastFailure: this.lastFailure,
    };
  }

  /**
   * Runs `call` unless the circuit refuses it, and records its outcome: a rejection for which
   * `isFailure` holds is a transport failure, anything else a success.
   */
  async run<T>(call: () => Promise<T>, isFailure: (err: unknown) => boolean): Promise<T> {
    const probe = this.admit();
    let result: T;
    try {
      result = await call();
    } catch (err) {
      if (isFailure(err)) this.failed(err, probe);
      else this.succeeded();
      throw err;
    } finally {
      if (probe) this.probing = false;
    }
    this.succeeded();
    return result;
  }

  /** Throws while the circuit refuses calls; returns true when this call is the half-open probe. */
  private admit(): boolean {
    if (this.state === "closed") return false;
    if (this.state === "open" && !this.probing && Date.now() >= (this.openedAt ?? 0) + this.cooldownMs) {
      this.probing = true;
      this.transition("half-open");
      return true;
    }
    this.rejected++;
    const snapshot = this.snapshot();
    throw this.options.openError ? this.options.openError(this.baseUrl, snapshot) : new MlRuntimeCircuitOpenError(this.baseUrl, snapshot);
  }

  private succeeded(): void {
    this.failures = 0;
    this.record(false);
    if (this.state !== "closed") {
      this.window = [];
      this.transition("closed");
    }
  }

  private failed(err: unknown, probe: boolean): void {
    this.failures++;
    this.record(true);
    this.lastFailure = err instanceof Error ? err.message : String(err);
    // A failed probe opens the circuit again; so does the threshold while closed. A call that
    // was admitted before the circuit opened and fails late changes nothing more.
    if ((probe && this.state === "half-open") || (this.state === "closed" && this.tripped())) {
      this.openedAt = Date.now();
      this.opens++;
      this.transition("open", this.lastFailure);
    }
  }

  /** Whether the failures seen while closed open the circuit. */
  private tripped(): boolean {
    if (!this.rate) return this.failures >= this.failureThreshold;
    this.trimWindow();
    const failed = this.window.filter((o) => o.failed).length;
    return this.window.length >= this.rate.minimumCalls && failed / this.window.length >= this.rate.failureRate;
  }

  private record(failed: boolean): void {
    if (!this.rate || this.state !== "closed") return;
    this.window.push({ at: Date.now(), failed });
    this.trimWindow();
  }

  private trimWindow(): void {
    if (!this.rate) return;
    const oldest = Date.now() - this.rate.windowMs;
    let drop = Math.max(0, this.window.length - this.rate.windowSize);
    while (drop < this.window.length && this.window[drop]!.at < oldest) drop++;
    if (drop > 0) this.window.splice(0, drop);
  }

  private transition(to: CircuitState, reason?: string): void {
    const from = this.state;
    this.state = to;
    if (from === to) return;
    try {
      this.options.onStateChange?.({ from, to, ...(reason === undefined ? {} : { reason }) });
    } catch {
      // A listener's failure must not change the outcome of a call.
    }
  }
}
