import type { Registry } from "prom-client";
import { z } from "zod";
import { parseEnv } from "../config.js";
import type { Logger } from "../logger.js";
import { createLlmClient, type LlmClient, type LlmClientOptions } from "./client.js";

const positive = z.coerce.number().positive();
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        ctx.addIssue({ code: "custom", message: `must be JSON: ${(err as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * The LLM client's variables (parsed with the kit's parseEnv: a bad value stops the process with
 * a message naming it). Without LLM_BASE_URL the client talks to the ml-runtime
 * (`ML_RUNTIME_URL` + `/v1`), whose models cost nothing.
 */
export const llmEnv = z.object({
  LLM_BASE_URL: z.string().url().optional(),
  ML_RUNTIME_URL: z.string().url().default("http://127.0.0.1:4100"),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_MAX_TOKENS: z.coerce.number().int().positive().default(512),
  LLM_CACHE_SIZE: z.coerce.number().int().min(0).default(1000),
  LLM_CACHE_TTL_S: z.coerce.number().positive().default(3600),
  REDIS_URL: z
    .string()
    .url()
    .refine((u) => /^rediss?:/.test(u), "must be a redis:// or rediss:// URL")
    .optional(),
  /** `{"<model>": {"input": <USD per 1M tokens>, "output": <USD per 1M tokens>}, ...}` */
  LLM_PRICES: json(z.record(z.string().min(1), z.object({ input: z.number().min(0), output: z.number().min(0) }).strict())).optional(),
  LLM_BUDGET_REQUEST_USD: positive.optional(),
  LLM_BUDGET_REQUEST_TOKENS: z.coerce.number().int().positive().optional(),
  LLM_BUDGET_PERIOD_USD: positive.optional(),
  LLM_BUDGET_PERIOD_TOKENS: z.coerce.number().int().positive().optional(),
  LLM_BUDGET_PERIOD: z.enum(["hour", "day", "month"]).default("day"),
  LLM_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).max(1).default(0.2),
  LLM_BREAKER_MIN_CALLS: z.coerce.number().int().positive().default(10),
  LLM_BREAKER_WINDOW_S: z.coerce.number().positive().default(60),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(0).default(10_000),
});

export type LlmEnv = z.infer<typeof llmEnv>;

/** Client options from already parsed variables. */
export function llmOptionsFromEnv(env: LlmEnv): LlmClientOptions {
  const local = env.LLM_BASE_URL === undefined;
  return {
    baseUrl: env.LLM_BASE_URL ?? `${env.ML_RUNTIME_URL.replace(/\/+$/, "")}/v1`,
    local,
    apiKey: env.LLM_API_KEY,
    model: env.LLM_MODEL,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxRetries: env.LLM_MAX_RETRIES,
    defaultMaxTokens: env.LLM_MAX_TOKENS,
    cacheSize: env.LLM_CACHE_SIZE,
    cacheTtlMs: env.LLM_CACHE_TTL_S * 1000,
    redisUrl: env.REDIS_URL,
    prices: env.LLM_PRICES,
    budget: {
      requestUsd: env.LLM_BUDGET_REQUEST_USD,
      requestTokens: env.LLM_BUDGET_REQUEST_TOKENS,
      periodUsd: env.LLM_BUDGET_PERIOD_USD,
      periodTokens: env.LLM_BUDGET_PERIOD_TOKENS,
      period: env.LLM_BUDGET_PERIOD,
    },
    breaker: {
      failureRate: env.LLM_BREAKER_FAILURE_RATE,
      minimumCalls: env.LLM_BREAKER_MIN_CALLS,
      windowMs: env.LLM_BREAKER_WINDOW_S * 1000,
      cooldownMs: env.LLM_BREAKER_COOLDOWN_MS,
    },
  };
}

/** Parses the LLM variables (throws ConfigError naming a bad one) and makes the client. */
export function createLlmClientFromEnv(
  extra: { registry?: Registry; logger?: Logger } = {},
  environment: NodeJS.ProcessEnv = process.env,
): LlmClient {
  return createLlmClient({ ...llmOptionsFromEnv(parseEnv(llmEnv, environment)), ...extra });
}
