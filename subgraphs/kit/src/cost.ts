/**
 * What a field costs the platform, declared on the field with federation's demand-control
 * directive (`@Directive(COST.embeddingSearch)`); composition copies it into the supergraph and
 * the gateway adds it up before planning (gateway/src/cost.ts). Undeclared fields cost 1 and
 * mutations 10; list fields multiply what they select by their `first` / `k` / `limit`.
 */
export const COST = {
  /** Embeds a text with the ml-runtime, then searches a vector index. */
  embeddingSearch: "@cost(weight: 100)",
  /** Searches a vector index with stored vectors (no embedding). */
  vectorSearch: "@cost(weight: 50)",
  /** Writes a row together with the embedding of its text. */
  embeddingWrite: "@cost(weight: 100)",
  /** Queues a durable job (import, matching run, ingestion). */
  job: "@cost(weight: 500)",
  /** Aggregates over a whole table. */
  scan: "@cost(weight: 200)",
} as const;
