import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { LlmClient, Logger, PubSub } from "@matchgraph/subgraph-kit";
import { intentConfigFromEnv, type IntentConfig } from "./config.js";
import { createIntentMetrics, type IntentMetrics, type Stage } from "./metrics.js";
import type { LeadQuery } from "../parser/rules.js";
import type { ColdStartScorer } from "./scorers.js";

/**
 * What the intent model keeps between requests in one subgraph process: configuration, metrics,
 * the caches of the hot path (parses, whole results keyed by the normalised prompt, k and the
 * data version), submitters' rate windows and reputations, the optional LLM client and
 * cold-start scorer.
 */
export interface IntentRuntime {
  config: IntentConfig;
  metrics: IntentMetrics;
  parseCache: LRUCache<string, LeadQuery>;
  resultCache: LRUCache<string, object>;
  /** Bumped by every write that can change a search result (snippets, leads, technologies), in any replica. */
  dataVersion: number;
  /** Carries this replica's writes to the others (see {@link followDataChanges}); null: one process. */
  pubSub: PubSub | null;
  /** Tells this replica's own change events from the others'. */
  origin: string;
  llm: LlmClient | null;
  /** Price per 1k tokens used to cost LLM calls (USD), by direction. */
  llmPrices: { input: number; output: number };
  coldStart: ColdStartScorer | null;
  rate: Map<string, { windowStart: number; count: number }>;
  reputation: Map<string, number>;
  time<T>(stage: Stage, fn: () => Promise<T>): Promise<T>;
  timeSync<T>(stage: Stage, fn: () => T): T;
}

export interface IntentRuntimeOptions {
  config?: IntentConfig;
  llm?: LlmClient | null;
  llmPrices?: { input: number; output: number };
  coldStart?: ColdStartScorer | null;
  pubSub?: PubSub | null;
}

export const LEADS_DATA_CHANGED = "leads.dataChanged";

export function createIntentRuntime(options: IntentRuntimeOptions = {}): IntentRuntime {
  const config = options.config ?? intentConfigFromEnv();
  const metrics = createIntentMetrics();
  const runtime: IntentRuntime = {
    config,
    metrics,
    parseCache: new LRUCache({ max: 10_000 }),
    // A stale entry stays until replaced: findLeads answers with it while it is refreshed.
    resultCache: new LRUCache({ max: Math.max(1, config.resultCacheSize), ttl: Math.max(1, config.resultCacheTtlMs), noDeleteOnStaleGet: true }),
    dataVersion: 0,
    pubSub: options.pubSub ?? null,
    origin: randomUUID(),
    llm: options.llm ?? null,
    llmPrices: options.llmPrices ?? config.llmPrices,
    coldStart: options.coldStart ?? null,
    rate: new Map(),
    reputation: new Map(),
    async time(stage, fn) {
      const end = metrics.stage.startTimer({ stage });
      try {
        return await fn();
      } finally {
        end();
      }
    },
    timeSync(stage, fn) {
      const end = metrics.stage.startTimer({ stage });
      try {
        return fn();
      } finally {
        end();
      }
    },
  };
  return runtime;
}

let current: IntentRuntime | null = null;

/** The process's intent runtime (created from the environment on first use). */
export function intentRuntime(): IntentRuntime {
  current ??= createIntentRuntime();
  return current;
}

export function setIntentRuntime(runtime: IntentRuntime): void {
  current = runtime;
}

/** A write changed what searches can return: cached results are stale here and in every other replica. */
export function bumpDataVersion(runtime: IntentRuntime = intentRuntime()): void {
  dropResults(runtime);
  runtime.pubSub?.publish(LEADS_DATA_CHANGED, { origin: runtime.origin });
}

function dropResults(runtime: IntentRuntime): void {
  runtime.dataVersion++;
  runtime.resultCache.clear();
}

/** Drops this replica's cached results when another replica writes, until the returned function is called. */
export function followDataChanges(runtime: IntentRuntime, pubSub: PubSub, log: Pick<Logger, "error">): () => void {
  const changes = pubSub.subscribe(LEADS_DATA_CHANGED);
  void (async () => {
    for await (const change of changes) if ((change as { origin?: string }).origin !== runtime.origin) dropResults(runtime);
  })().catch((err: unknown) => log.error({ err }, "leads result cache invalidation subscription failed; results expire by their TTL"));
  return () => void changes.return?.(undefined);
}
