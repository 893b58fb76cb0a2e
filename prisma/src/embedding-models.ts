/**
 * Models that have partial HNSW indexes (migrations/*_vector_indexes). A query over another
 * model still works, by sequential scan; adding one here needs a migration adding its indexes.
 */
export const EMBEDDING_MODELS = {
  "all-minilm-l6-v2": { dimension: 384 },
  "bge-small-en-v1.5": { dimension: 384 },
  "universal-sentence-encoder-lite": { dimension: 512 },
} as const;

export type EmbeddingModelName = keyof typeof EMBEDDING_MODELS;
