-- matchgraph initial schema: one Postgres schema per subgraph.
-- Keep in step with schema.prisma (test/schema-agreement.test.ts compares them).

CREATE EXTENSION IF NOT EXISTS vector;

CREATE SCHEMA IF NOT EXISTS "opportunities";
CREATE SCHEMA IF NOT EXISTS "leads";
CREATE SCHEMA IF NOT EXISTS "talent";
CREATE SCHEMA IF NOT EXISTS "knowledge";
CREATE SCHEMA IF NOT EXISTS "recommendations";

-- ---------------------------------------------------------------- opportunities

CREATE TABLE "opportunities"."opportunity" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "source"          TEXT           NOT NULL,
    "external_id"     TEXT           NOT NULL,
    "company_name"    TEXT           NOT NULL,
    "website"         TEXT,
    "email"           TEXT,
    "title"           TEXT           NOT NULL,
    "description"     TEXT,
    "stage"           TEXT,
    "country"         TEXT,
    "region"          TEXT,
    "close_date"      DATE,
    "amount"          DECIMAL(14,2),
    "embedding"       vector,
    "embedding_model" TEXT,
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "opportunity_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "opportunity_source_check" CHECK ("source" IN ('apn', 'odoo')),
    CONSTRAINT "opportunity_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE UNIQUE INDEX "opportunity_source_external_id_key" ON "opportunities"."opportunity" ("source", "external_id");
CREATE INDEX "opportunity_created_at_id_idx" ON "opportunities"."opportunity" ("created_at", "id");
CREATE INDEX "opportunity_company_name_idx" ON "opportunities"."opportunity" ("company_name");

-- ---------------------------------------------------------------- leads

CREATE TABLE "leads"."lead" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "company_name"    TEXT           NOT NULL,
    "domain"          TEXT,
    "industry"        TEXT,
    "country"         TEXT,
    "employee_count"  INTEGER,
    "description"     TEXT,
    "embedding"       vector,
    "embedding_model" TEXT,
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lead_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lead_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "lead_created_at_id_idx" ON "leads"."lead" ("created_at", "id");
CREATE INDEX "lead_domain_idx" ON "leads"."lead" ("domain");

CREATE TABLE "leads"."intent_snippet" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "lead_id"         UUID           NOT NULL,
    "text"            TEXT           NOT NULL,
    "source"          TEXT,
    "observed_at"     TIMESTAMPTZ(6) NOT NULL,
    "embedding"       vector,
    "embedding_model" TEXT,
    CONSTRAINT "intent_snippet_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "intent_snippet_lead_id_fkey" FOREIGN KEY ("lead_id")
        REFERENCES "leads"."lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "intent_snippet_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "intent_snippet_lead_id_observed_at_idx" ON "leads"."intent_snippet" ("lead_id", "observed_at");
CREATE INDEX "intent_snippet_observed_at_id_idx" ON "leads"."intent_snippet" ("observed_at", "id");

-- ---------------------------------------------------------------- talent

CREATE TABLE "talent"."talent" (
    "id"               UUID           NOT NULL DEFAULT gen_random_uuid(),
    "full_name"        TEXT           NOT NULL,
    "headline"         TEXT           NOT NULL,
    "summary"          TEXT,
    "skills"           TEXT[]         NOT NULL DEFAULT '{}',
    "years_experience" INTEGER        NOT NULL,
    "location"         TEXT,
    "embedding"        vector,
    "embedding_model"  TEXT,
    "created_at"       TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"       TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "talent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "talent_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "talent_created_at_id_idx" ON "talent"."talent" ("created_at", "id");
CREATE INDEX "talent_skills_idx" ON "talent"."talent" USING GIN ("skills");

CREATE TABLE "talent"."job" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "title"           TEXT           NOT NULL,
    "company"         TEXT           NOT NULL,
    "description"     TEXT           NOT NULL,
    "skills"          TEXT[]         NOT NULL DEFAULT '{}',
    "location"        TEXT,
    "seniority"       TEXT,
    "embedding"       vector,
    "embedding_model" TEXT,
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "job_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "job_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "job_created_at_id_idx" ON "talent"."job" ("created_at", "id");
CREATE INDEX "job_skills_idx" ON "talent"."job" USING GIN ("skills");

-- ---------------------------------------------------------------- knowledge

CREATE TABLE "knowledge"."source" (
    "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
    "title"        TEXT           NOT NULL,
    "uri"          TEXT,
    "mime_type"    TEXT           NOT NULL,
    "content_hash" TEXT           NOT NULL,
    "tags"         TEXT[]         NOT NULL DEFAULT '{}',
    "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "source_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "source_created_at_id_idx" ON "knowledge"."source" ("created_at", "id");
CREATE INDEX "source_content_hash_idx" ON "knowledge"."source" ("content_hash");

CREATE TABLE "knowledge"."chunk" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "source_id"       UUID           NOT NULL,
    "ordinal"         INTEGER        NOT NULL,
    "text"            TEXT           NOT NULL,
    "page"            INTEGER,
    "heading_path"    TEXT[]         NOT NULL DEFAULT '{}',
    "char_start"      INTEGER        NOT NULL,
    "char_end"        INTEGER        NOT NULL,
    "embedding"       vector,
    "embedding_model" TEXT,
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "chunk_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chunk_source_id_fkey" FOREIGN KEY ("source_id")
        REFERENCES "knowledge"."source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "chunk_char_range_check" CHECK ("char_start" >= 0 AND "char_end" >= "char_start"),
    CONSTRAINT "chunk_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE UNIQUE INDEX "chunk_source_id_ordinal_key" ON "knowledge"."chunk" ("source_id", "ordinal");
CREATE INDEX "chunk_created_at_id_idx" ON "knowledge"."chunk" ("created_at", "id");

-- ---------------------------------------------------------------- recommendations

CREATE TABLE "recommendations"."item" (
    "id"              UUID           NOT NULL DEFAULT gen_random_uuid(),
    "kind"            TEXT           NOT NULL,
    "title"           TEXT           NOT NULL,
    "body"            TEXT           NOT NULL,
    "tags"            TEXT[]         NOT NULL DEFAULT '{}',
    "embedding"       vector,
    "embedding_model" TEXT,
    "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "item_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "item_kind_check" CHECK ("kind" IN ('content', 'case_study', 'objection_response', 'playbook')),
    CONSTRAINT "item_embedding_model_check" CHECK (("embedding" IS NULL) = ("embedding_model" IS NULL))
);
CREATE INDEX "item_created_at_id_idx" ON "recommendations"."item" ("created_at", "id");
CREATE INDEX "item_kind_idx" ON "recommendations"."item" ("kind");

CREATE TABLE "recommendations"."feedback" (
    "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
    "item_id"    UUID           NOT NULL,
    "user_id"    TEXT           NOT NULL,
    "signal"     TEXT           NOT NULL,
    "context"    TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_item_id_fkey" FOREIGN KEY ("item_id")
        REFERENCES "recommendations"."item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "feedback_signal_check" CHECK ("signal" IN ('up', 'down', 'click', 'dismiss'))
);
CREATE INDEX "feedback_item_id_created_at_idx" ON "recommendations"."feedback" ("item_id", "created_at");
CREATE INDEX "feedback_user_id_created_at_idx" ON "recommendations"."feedback" ("user_id", "created_at");
CREATE INDEX "feedback_created_at_id_idx" ON "recommendations"."feedback" ("created_at", "id");
