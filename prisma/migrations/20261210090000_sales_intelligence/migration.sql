-- Sales intelligence (issue 12): customer profiles with contacts, interactions (text embedded),
-- a DISC-style personality per contact, decision factors and objections; links by federation key
-- to the opportunities and leads of the same company; generated sales content with its citations,
-- accounting and feedback; versioned ranking weights; the subgraph's durable job queue.
-- Feedback keeps one vote (up / down) per user and item: older stacked votes are removed first.

-- ---------------------------------------------------------------- feedback: one vote per user per item

DELETE FROM "recommendations"."feedback" AS f
USING "recommendations"."feedback" AS g
WHERE f."item_id" = g."item_id" AND f."user_id" = g."user_id"
  AND f."signal" IN ('up', 'down') AND g."signal" IN ('up', 'down')
  AND (f."created_at", f."id") < (g."created_at", g."id");
CREATE UNIQUE INDEX "feedback_one_vote_key" ON "recommendations"."feedback" ("item_id", "user_id") WHERE "signal" IN ('up', 'down');
ALTER TABLE "recommendations"."feedback"
    ADD COLUMN "features"   JSONB,
    ADD COLUMN "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Diligence of an item: where its claims come from, and whether someone checked them.
ALTER TABLE "recommendations"."item"
    ADD COLUMN "source_uri" TEXT,
    ADD COLUMN "verified"   BOOLEAN NOT NULL DEFAULT false;

-- ---------------------------------------------------------------- customers

CREATE TABLE "recommendations"."customer" (
    "id"                UUID           NOT NULL DEFAULT gen_random_uuid(),
    "company"           TEXT           NOT NULL,
    -- The company name normalised (case, punctuation, legal forms): how opportunities and leads of the same company are found.
    "company_key"       TEXT           NOT NULL,
    "domain"            TEXT,
    "industry"          TEXT,
    "size"              TEXT,
    "region"            TEXT,
    "country"           TEXT,
    "stage"             TEXT           NOT NULL DEFAULT 'prospect',
    "notes"             TEXT,
    "owner_id"          TEXT           NOT NULL,
    -- Bumped by every change to the profile, its contacts or interactions: cache keys and analyses follow it.
    "version"           INTEGER        NOT NULL DEFAULT 1,
    "analysed_version"  INTEGER        NOT NULL DEFAULT 0,
    -- The profile's embedding, valid while embedded_version = version (set to NULL by updates).
    "embedding"         vector,
    "embedding_model"   TEXT,
    "embedded_version"  INTEGER,
    "created_at"        TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"        TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customer_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "customer_size_check" CHECK ("size" IN ('1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+')),
    CONSTRAINT "customer_stage_check" CHECK ("stage" IN ('prospect', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
    CONSTRAINT "customer_version_check" CHECK ("version" >= 1),
    CONSTRAINT "customer_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "customer_created_at_id_idx" ON "recommendations"."customer" ("created_at", "id");
CREATE INDEX "customer_company_key_idx" ON "recommendations"."customer" ("company_key");
CREATE INDEX "customer_stage_idx" ON "recommendations"."customer" ("stage");
CREATE INDEX "customer_industry_idx" ON "recommendations"."customer" ("industry");
CREATE INDEX "customer_region_idx" ON "recommendations"."customer" ("region");

CREATE FUNCTION "recommendations"."customer_document"(company TEXT, industry TEXT, region TEXT, notes TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'A')
              || setweight(to_tsvector('english'::regconfig, coalesce(industry, '') || ' ' || coalesce(region, '') || ' ' || coalesce(notes, '')), 'B') $$;
CREATE INDEX "customer_document_idx" ON "recommendations"."customer"
    USING gin ("recommendations"."customer_document"("company", "industry", "region", "notes"));
CREATE INDEX "customer_company_trgm_idx" ON "recommendations"."customer" USING gin ("company" gin_trgm_ops);

CREATE INDEX "customer_embedding_all_minilm_l6_v2_hnsw_idx" ON "recommendations"."customer"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "customer_embedding_bge_small_en_v1_5_hnsw_idx" ON "recommendations"."customer"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "customer_embedding_use_lite_hnsw_idx" ON "recommendations"."customer"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

CREATE TABLE "recommendations"."customer_contact" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "customer_id"     UUID           NOT NULL,
    "name"            TEXT           NOT NULL,
    "title"           TEXT,
    "email"           TEXT,
    "phone"           TEXT,
    -- DISC-style personality from the contact's own sentences (service/analysis/disc.ts).
    "disc_style"      TEXT,
    "disc_scores"     JSONB,
    "disc_confidence" DOUBLE PRECISION,
    "disc_evidence"   JSONB          NOT NULL DEFAULT '[]',
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customer_contact_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "customer_contact_customer_id_fkey" FOREIGN KEY ("customer_id")
        REFERENCES "recommendations"."customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "customer_contact_disc_style_check" CHECK ("disc_style" IN ('D', 'I', 'S', 'C'))
);
CREATE INDEX "customer_contact_customer_id_idx" ON "recommendations"."customer_contact" ("customer_id", "created_at");

CREATE TABLE "recommendations"."customer_interaction" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "customer_id"     UUID           NOT NULL,
    "contact_id"      UUID,
    "kind"            TEXT           NOT NULL,
    "subject"         TEXT,
    "body"            TEXT           NOT NULL,
    "occurred_at"     TIMESTAMPTZ(6) NOT NULL,
    "created_by"      TEXT           NOT NULL,
    "embedding"       vector,
    "embedding_model" TEXT,
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customer_interaction_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "customer_interaction_customer_id_fkey" FOREIGN KEY ("customer_id")
        REFERENCES "recommendations"."customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "customer_interaction_contact_id_fkey" FOREIGN KEY ("contact_id")
        REFERENCES "recommendations"."customer_contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "customer_interaction_kind_check" CHECK ("kind" IN ('call', 'meeting', 'email', 'note')),
    CONSTRAINT "customer_interaction_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "customer_interaction_customer_id_occurred_at_idx" ON "recommendations"."customer_interaction" ("customer_id", "occurred_at");
CREATE INDEX "customer_interaction_contact_id_idx" ON "recommendations"."customer_interaction" ("contact_id");
CREATE INDEX "customer_interaction_embedding_all_minilm_l6_v2_hnsw_idx" ON "recommendations"."customer_interaction"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'all-minilm-l6-v2';
CREATE INDEX "customer_interaction_embedding_bge_small_en_v1_5_hnsw_idx" ON "recommendations"."customer_interaction"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'bge-small-en-v1.5';
CREATE INDEX "customer_interaction_embedding_use_lite_hnsw_idx" ON "recommendations"."customer_interaction"
    USING hnsw (("embedding"::vector(512)) vector_cosine_ops)
    WHERE "embedding_model" = 'universal-sentence-encoder-lite';

CREATE TABLE "recommendations"."customer_objection" (
    "id"             UUID           NOT NULL DEFAULT gen_random_uuid(),
    "customer_id"    UUID           NOT NULL,
    -- Objections found in an interaction keep where they were said; recorded ones have neither.
    "interaction_id" UUID,
    "sentence_index" INTEGER,
    "text"           TEXT           NOT NULL,
    "factor"         TEXT           NOT NULL,
    "status"         TEXT           NOT NULL DEFAULT 'open',
    "created_at"     TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at"    TIMESTAMPTZ(6),
    "resolved_by"    TEXT,
    CONSTRAINT "customer_objection_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "customer_objection_customer_id_fkey" FOREIGN KEY ("customer_id")
        REFERENCES "recommendations"."customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "customer_objection_interaction_id_fkey" FOREIGN KEY ("interaction_id")
        REFERENCES "recommendations"."customer_interaction" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "customer_objection_factor_check" CHECK ("factor" IN ('price', 'roi', 'security', 'compliance', 'integration', 'support', 'performance', 'scalability', 'usability', 'implementation', 'other')),
    CONSTRAINT "customer_objection_status_check" CHECK ("status" IN ('open', 'resolved'))
);
CREATE INDEX "customer_objection_customer_id_status_idx" ON "recommendations"."customer_objection" ("customer_id", "status");
CREATE UNIQUE INDEX "customer_objection_interaction_sentence_key" ON "recommendations"."customer_objection" ("interaction_id", "sentence_index");

CREATE TABLE "recommendations"."customer_decision_factor" (
    "customer_id" UUID             NOT NULL,
    "factor"      TEXT             NOT NULL,
    -- Share of the customer's decision weight, 0..1 (the factors of a customer sum to 1).
    "weight"      DOUBLE PRECISION NOT NULL,
    "mentions"    INTEGER          NOT NULL,
    -- Share of the mentions that were concerns (objections), 0..1.
    "concern"     DOUBLE PRECISION NOT NULL,
    "evidence"    JSONB            NOT NULL DEFAULT '[]',
    "updated_at"  TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customer_decision_factor_pkey" PRIMARY KEY ("customer_id", "factor"),
    CONSTRAINT "customer_decision_factor_customer_id_fkey" FOREIGN KEY ("customer_id")
        REFERENCES "recommendations"."customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "customer_decision_factor_factor_check" CHECK ("factor" IN ('price', 'roi', 'security', 'compliance', 'integration', 'support', 'performance', 'scalability', 'usability', 'implementation')),
    CONSTRAINT "customer_decision_factor_weight_check" CHECK ("weight" >= 0 AND "weight" <= 1 AND "concern" >= 0 AND "concern" <= 1)
);

-- Federation keys of the other domains' records of the same company (no foreign key: other schemas).
CREATE TABLE "recommendations"."customer_link" (
    "customer_id" UUID           NOT NULL,
    "entity_type" TEXT           NOT NULL,
    "entity_id"   UUID           NOT NULL,
    "created_at"  TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customer_link_pkey" PRIMARY KEY ("customer_id", "entity_type", "entity_id"),
    CONSTRAINT "customer_link_customer_id_fkey" FOREIGN KEY ("customer_id")
        REFERENCES "recommendations"."customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "customer_link_entity_type_check" CHECK ("entity_type" IN ('opportunity', 'lead'))
);
CREATE INDEX "customer_link_entity_idx" ON "recommendations"."customer_link" ("entity_type", "entity_id");

-- ---------------------------------------------------------------- generated sales content

CREATE TABLE "recommendations"."sales_content" (
    "id"                UUID             NOT NULL DEFAULT gen_random_uuid(),
    "customer_id"       UUID             NOT NULL,
    "kind"              TEXT             NOT NULL,
    "format"            TEXT             NOT NULL,
    "objection"         TEXT,
    "mode"              TEXT             NOT NULL,
    -- Why an LLM request was answered extractively (unavailable, circuit_open, budget, output, disabled).
    "fallback_reason"   TEXT,
    "template"          TEXT             NOT NULL,
    "template_version"  INTEGER          NOT NULL,
    "personality"       TEXT,
    "model"             TEXT,
    "content"           TEXT             NOT NULL,
    "paragraphs"        JSONB            NOT NULL,
    "citations"         JSONB            NOT NULL,
    "verification"      JSONB            NOT NULL,
    "prompt_tokens"     INTEGER          NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER          NOT NULL DEFAULT 0,
    "cost_usd"          DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_ms"        INTEGER          NOT NULL DEFAULT 0,
    "cache_key"         TEXT             NOT NULL,
    "knowledge_version" TEXT             NOT NULL,
    "customer_version"  INTEGER          NOT NULL,
    "created_by"        TEXT             NOT NULL,
    "used_at"           TIMESTAMPTZ(6),
    "used_by"           TEXT,
    "opportunity_id"    UUID,
    "outcome"           TEXT,
    "outcome_at"        TIMESTAMPTZ(6),
    "created_at"        TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sales_content_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sales_content_customer_id_fkey" FOREIGN KEY ("customer_id")
        REFERENCES "recommendations"."customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "sales_content_kind_check" CHECK ("kind" IN ('email', 'call_script', 'one_pager', 'talking_points', 'objection_response')),
    CONSTRAINT "sales_content_format_check" CHECK ("format" IN ('markdown', 'html', 'text', 'json')),
    CONSTRAINT "sales_content_mode_check" CHECK ("mode" IN ('extractive', 'llm')),
    CONSTRAINT "sales_content_outcome_check" CHECK ("outcome" IN ('won', 'lost')),
    CONSTRAINT "sales_content_usage_check" CHECK ("prompt_tokens" >= 0 AND "completion_tokens" >= 0 AND "cost_usd" >= 0)
);
CREATE INDEX "sales_content_cache_key_idx" ON "recommendations"."sales_content" ("cache_key", "created_at");
CREATE INDEX "sales_content_customer_id_created_at_idx" ON "recommendations"."sales_content" ("customer_id", "created_at");
CREATE INDEX "sales_content_created_at_id_idx" ON "recommendations"."sales_content" ("created_at", "id");

CREATE TABLE "recommendations"."sales_content_feedback" (
    "content_id" UUID           NOT NULL,
    "user_id"    TEXT           NOT NULL,
    "vote"       TEXT           NOT NULL,
    "comment"    TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sales_content_feedback_pkey" PRIMARY KEY ("content_id", "user_id"),
    CONSTRAINT "sales_content_feedback_content_id_fkey" FOREIGN KEY ("content_id")
        REFERENCES "recommendations"."sales_content" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "sales_content_feedback_vote_check" CHECK ("vote" IN ('up', 'down'))
);

-- ---------------------------------------------------------------- ranking weights (versioned)

CREATE TABLE "recommendations"."ranking_weights" (
    "version"    INTEGER          NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "diligence"  DOUBLE PRECISION NOT NULL,
    "engagement" DOUBLE PRECISION NOT NULL,
    "source"     TEXT             NOT NULL,
    "active"     BOOLEAN          NOT NULL DEFAULT false,
    "metrics"    JSONB            NOT NULL DEFAULT '{}',
    "reason"     TEXT,
    "created_by" TEXT             NOT NULL,
    "created_at" TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ranking_weights_pkey" PRIMARY KEY ("version"),
    CONSTRAINT "ranking_weights_source_check" CHECK ("source" IN ('config', 'learned', 'rollback')),
    CONSTRAINT "ranking_weights_range_check" CHECK (
        "version" >= 1
        AND "similarity" BETWEEN 0 AND 1 AND "diligence" BETWEEN 0 AND 1 AND "engagement" BETWEEN 0 AND 1
        AND abs("similarity" + "diligence" + "engagement" - 1) < 0.000001)
);
CREATE UNIQUE INDEX "ranking_weights_one_active_key" ON "recommendations"."ranking_weights" ("active") WHERE "active";

-- ---------------------------------------------------------------- durable jobs (kit/src/jobs)

CREATE TABLE "recommendations"."job" (
    "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
    "status"       TEXT           NOT NULL DEFAULT 'queued',
    "kind"         TEXT           NOT NULL,
    "payload"      JSONB          NOT NULL DEFAULT '{}',
    "document"     BYTEA,
    "subject_id"   UUID,
    "attempts"     INTEGER        NOT NULL DEFAULT 0,
    "max_attempts" INTEGER        NOT NULL DEFAULT 5,
    "run_after"    TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by"    TEXT,
    "locked_at"    TIMESTAMPTZ(6),
    "progress"     JSONB,
    "last_error"   TEXT,
    "result"       JSONB,
    "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at"  TIMESTAMPTZ(6),
    CONSTRAINT "job_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "job_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed')),
    CONSTRAINT "job_attempts_check" CHECK ("attempts" >= 0 AND "max_attempts" >= 1)
);
CREATE INDEX "job_status_run_after_idx" ON "recommendations"."job" ("status", "run_after");
CREATE INDEX "job_kind_created_at_idx" ON "recommendations"."job" ("kind", "created_at");
