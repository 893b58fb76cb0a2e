-- Leads cold start (issue 10, F-10): each returned hit keeps the features its scorer saw and, when
-- the LLM judged it, the LLM's likelihood. With the recorded outcomes they are the training set of
-- the LightGBM cold-start model (`npm run train -- leads-cold-start`: distillation).
ALTER TABLE "leads"."lead_query_hit"
    ADD COLUMN "features"       JSONB,
    ADD COLUMN "llm_likelihood" DOUBLE PRECISION,
    ADD CONSTRAINT "lead_query_hit_llm_likelihood_check" CHECK ("llm_likelihood" BETWEEN 0 AND 1);
