-- HNSW indexes per embedding model: an expression cast to the model's dimension plus a
-- partial predicate on embedding_model, so several models (and dimensions) can share one
-- untyped `vector` column. A query uses an index only when it repeats the same expression,
-- e.g. ORDER BY embedding::vector(384) <=> $1::vector(384) ... WHERE embedding_model = $2.
-- Adding a model = a new migration with one more index per embedding table; no column rewrite.

-- opportunities.opportunity
CREATE INDEX "opportunity_embedding_all_minilm_l6_v2_hnsw_idx" ON "opportunities"."opportunity"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "opportunity_embedding_bge_small_en_v1_5_hnsw_idx" ON "opportunities"."opportunity"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "opportunity_embedding_use_lite_hnsw_idx" ON "opportunities"."opportunity"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

-- leads.lead
CREATE INDEX "lead_embedding_all_minilm_l6_v2_hnsw_idx" ON "leads"."lead"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "lead_embedding_bge_small_en_v1_5_hnsw_idx" ON "leads"."lead"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "lead_embedding_use_lite_hnsw_idx" ON "leads"."lead"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

-- leads.intent_snippet
CREATE INDEX "intent_snippet_embedding_all_minilm_l6_v2_hnsw_idx" ON "leads"."intent_snippet"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "intent_snippet_embedding_bge_small_en_v1_5_hnsw_idx" ON "leads"."intent_snippet"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "intent_snippet_embedding_use_lite_hnsw_idx" ON "leads"."intent_snippet"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

-- talent.talent
CREATE INDEX "talent_embedding_all_minilm_l6_v2_hnsw_idx" ON "talent"."talent"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "talent_embedding_bge_small_en_v1_5_hnsw_idx" ON "talent"."talent"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "talent_embedding_use_lite_hnsw_idx" ON "talent"."talent"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

-- talent.job
CREATE INDEX "job_embedding_all_minilm_l6_v2_hnsw_idx" ON "talent"."job"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "job_embedding_bge_small_en_v1_5_hnsw_idx" ON "talent"."job"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "job_embedding_use_lite_hnsw_idx" ON "talent"."job"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

-- knowledge.chunk
CREATE INDEX "chunk_embedding_all_minilm_l6_v2_hnsw_idx" ON "knowledge"."chunk"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "chunk_embedding_bge_small_en_v1_5_hnsw_idx" ON "knowledge"."chunk"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "chunk_embedding_use_lite_hnsw_idx" ON "knowledge"."chunk"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

-- recommendations.item
CREATE INDEX "item_embedding_all_minilm_l6_v2_hnsw_idx" ON "recommendations"."item"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "item_embedding_bge_small_en_v1_5_hnsw_idx" ON "recommendations"."item"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "item_embedding_use_lite_hnsw_idx" ON "recommendations"."item"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';
