import type { RedisLike } from "./cache.js";
import { BudgetExceededError } from "./errors.js";
import type { Usage } from "./types.js";

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export type Prices = Record<string, ModelPrice>;

export function costOf(usage: Pick<Usage, "promptTokens" | "completionTokens">, price: ModelPrice | undefined): number {
  if (!price) return 0;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1e6;
}

/** A rough prompt size before the call (about 4 characters a token, plus the template's few per message). */
export function estimatePromptTokens(messages: { content: string }[]): number {
  return messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4) + 4, 2);
}

export type BudgetPeriod = "hour" | "day" | "month";

export interface BudgetLimits {
  /** Most one call may cost (its estimate: prompt + max tokens). */
  requestUsd?: number;
  requestTokens?: number;
  /** Most all calls of the current period (UTC hour, day or month) may cost together. */
  periodUsd?: number;
  periodTokens?: number;
  period?: BudgetPeriod;
}

export interface Spend {
  usd: number;
  tokens: number;
}

/** Where the period's spend is kept: this process, or Redis to share it between processes. */
export interface SpendStore {
  get(period: string): Promise<Spend>;
  add(period: string, spend: Spend, ttlSeconds: number): Promise<void>;
}

export class MemorySpendStore implements SpendStore {
  private readonly periods = new Map<string, Spend>();

  async get(period: string): Promise<Spend> {
    return { ...(this.periods.get(period) ?? { usd: 0, tokens: 0 }) };
  }

  async add(period: string, spend: Spend): Promise<void> {
    const now = this.periods.get(period) ?? { usd: 0, tokens: 0 };
    // Only the current period matters; older ones are dropped.
    if (!this.periods.has(period)) this.periods.clear();
    this.periods.set(period, { usd: now.usd + spend.usd, tokens: now.tokens + spend.tokens });
  }
}

/**
 * The period's spend in Redis (a hash `matchgraph:llm:spend:<period>` with `usd` and `tokens`), shared by
 * every process that uses the same Redis. A Redis failure counts as nothing spent (reported to
 * `onError`): budgets must not stop calls because Redis is down.
 */
export class RedisSpendStore implements SpendStore {
  constructor(
    private readonly redis: RedisLike,
    private readonly onError: (err: unknown) => void,
    private readonly prefix = "matchgraph:llm:spend:",
  ) {}

  async get(period: string): Promise<Spend> {
    try {
      const h = await this.redis.hgetall(this.prefix + period);
      return { usd: Number(h.usd ?? 0), tokens: Number(h.tokens ?? 0) };
    } catch (err) {
      this.onError(err);
      return { usd: 0, tokens: 0 };
    }
  }

  async add(period: string, spend: Spend, ttlSeconds: number): Promise<void> {
    const key = this.prefix + period;
    try {
      if (spend.usd) await this.redis.hincrbyfloat(key, "usd", spend.usd);
      if (spend.tokens) await this.redis.hincrbyfloat(key, "tokens", spend.tokens);
      await this.redis.expire(key, ttlSeconds);
    } catch (err) {
      this.onError(err);
    }
  }
}

export function periodKey(period: BudgetPeriod, at = new Date()): string {
  const iso = at.toISOString();
  return period === "hour" ? iso.slice(0, 13) : period === "day" ? iso.slice(0, 10) : iso.slice(0, 7);
}

const periodSeconds: Record<BudgetPeriod, number> = { hour: 3600, day: 86_400, month: 31 * 86_400 };

export interface Reservation {
  /** Records what the call really used (and releases the estimate). */
  settle(actual: Spend): Promise<void>;
  /** The call spent nothing (it failed before an answer). */
  release(): void;
}

/**
 * Per-request and per-period budgets. A call reserves its estimate (prompt estimate + max
 * tokens, priced) before it is made: it is refused when the estimate alone passes the per-request
 * limit, or when the period's spend plus the estimates of calls in flight plus its own would pass
 * the period's limit. What a call really used is added to the period once it answers.
 */
export class Budget {
  private pending: Spend = { usd: 0, tokens: 0 };
  readonly period: BudgetPeriod;

  constructor(
    readonly limits: BudgetLimits,
    private readonly store: SpendStore = new MemorySpendStore(),
  ) {
    this.period = limits.period ?? "day";
  }

  /** Throws BudgetExceededError when the call may not be made. */
  async reserve(estimate: Spend, override?: { usd?: number; tokens?: number }): Promise<Reservation> {
    const requestUsd = override?.usd ?? this.limits.requestUsd;
    const requestTokens = override?.tokens ?? this.limits.requestTokens;
    if (requestUsd !== undefined && estimate.usd > requestUsd) throw new BudgetExceededError("request", "usd", requestUsd, estimate.usd);
    if (requestTokens !== undefined && estimate.tokens > requestTokens) throw new BudgetExceededError("request", "tokens", requestTokens, estimate.tokens);
    const key = periodKey(this.period);
    if (this.limits.periodUsd !== undefined || this.limits.periodTokens !== undefined) {
      const spent = await this.store.get(key);
      const usd = spent.usd + this.pending.usd + estimate.usd;
      const tokens = spent.tokens + this.pending.tokens + estimate.tokens;
      if (this.limits.periodUsd !== undefined && usd > this.limits.periodUsd) throw new BudgetExceededError("period", "usd", this.limits.periodUsd, usd);
      if (this.limits.periodTokens !== undefined && tokens > this.limits.periodTokens) {
        throw new BudgetExceededError("period", "tokens", this.limits.periodTokens, tokens);
      }
    }
    this.pending = { usd: this.pending.usd + estimate.usd, tokens: this.pending.tokens + estimate.tokens };
    let open = true;
    const release = () => {
      if (!open) return;
      open = false;
      this.pending = { usd: Math.max(0, this.pending.usd - estimate.usd), tokens: Math.max(0, this.pending.tokens - estimate.tokens) };
    };
    return {
      release,
      settle: async (actual) => {
        release();
        await this.store.add(key, actual, periodSeconds[this.period]);
      },
    };
  }

  /** The current period's spend (answered calls only). */
  async spent(): Promise<Spend & { period: string }> {
    const key = periodKey(this.period);
    return { period: key, ...(await this.store.get(key)) };
  }
}
