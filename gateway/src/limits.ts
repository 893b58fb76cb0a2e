import { RateLimiterMemory } from "rate-limiter-flexible";
import type { QueryLimits } from "./admission.js";

export interface Limits extends QueryLimits {
  /** Requests per client per minute (user id when authenticated, else remote address). */
  ratePerMinute: number;
}

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded; retry after ${retryAfterSeconds}s`);
  }
}

export function createRateLimiter(limits: Pick<Limits, "ratePerMinute">) {
  const limiter = new RateLimiterMemory({ points: limits.ratePerMinute, duration: 60 });
  return async (key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (res) {
      const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? 1000;
      throw new RateLimitedError(Math.ceil(ms / 1000));
    }
  };
}
