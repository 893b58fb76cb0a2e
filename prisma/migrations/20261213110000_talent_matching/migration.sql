-- Talent matching (issue 11): structured profiles and jobs, match feedback, stored match results,
-- and the talent subgraph's durable job queue (model training).
-- Every new profile column is nullable: missing data stays missing (the model routes it as missing).

-- ---------------------------------------------------------------- talents
ALTER TABLE "talent"."talent"
    ADD COLUMN "user_id"           TEXT,
    ADD COLUMN "skill_details"     JSONB            NOT NULL DEFAULT '[]',
    ADD COLUMN "experience_level"  TEXT,
    ADD COLUMN "latitude"          DOUBLE PRECISION,
    ADD COLUMN "longitude"         DOUBLE PRECISION,
    ADD COLUMN "remote_preference" TEXT,
    ADD COLUMN "timezone_offset"   DOUBLE PRECISION,
    ADD COLUMN "salary_min"        INTEGER,
    ADD COLUMN "salary_max"        INTEGER,
    ADD COLUMN "salary_currency"   TEXT,
    ADD CONSTRAINT "talent_skill_details_check" CHECK (jsonb_typeof("skill_details") = 'array'),
    ADD CONSTRAINT "talent_experience_level_check" CHECK ("experience_level" IN ('junior', 'mid', 'senior', 'lead', 'principal')),
    ADD CONSTRAINT "talent_coordinates_check" CHECK (("latitude" IS NULL) = ("longitude" IS NULL)
        AND ("latitude" IS NULL OR ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180))),
    ADD CONSTRAINT "talent_remote_preference_check" CHECK ("remote_preference" IN ('onsite', 'hybrid', 'remote')),
    ADD CONSTRAINT "talent_timezone_offset_check" CHECK ("timezone_offset" BETWEEN -12 AND 14),
    ADD CONSTRAINT "talent_salary_check" CHECK (("salary_min" IS NULL OR "salary_min" >= 0) AND ("salary_max" IS NULL OR "salary_max" >= 0)
        AND ("salary_min" IS NULL OR "salary_max" IS NULL OR "salary_min" <= "salary_max")),
    ADD CONSTRAINT "talent_salary_currency_check" CHECK ("salary_currency" ~ '^[A-Z]{3}$');
CREATE UNIQUE INDEX "talent_user_id_key" ON "talent"."talent" ("user_id");

-- ---------------------------------------------------------------- jobs
ALTER TABLE "talent"."job"
    ADD COLUMN "required_skills"   JSONB            NOT NULL DEFAULT '[]',
    ADD COLUMN "nice_skills"       JSONB            NOT NULL DEFAULT '[]',
    ADD COLUMN "experience_level"  TEXT,
    ADD COLUMN "min_years"         INTEGER,
    ADD COLUMN "latitude"          DOUBLE PRECISION,
    ADD COLUMN "longitude"         DOUBLE PRECISION,
    ADD COLUMN "remote_policy"     TEXT,
    ADD COLUMN "timezone_min"      DOUBLE PRECISION,
    ADD COLUMN "timezone_max"      DOUBLE PRECISION,
    ADD COLUMN "salary_min"        INTEGER,
    ADD COLUMN "salary_max"        INTEGER,
    ADD COLUMN "salary_currency"   TEXT,
    ADD CONSTRAINT "job_skill_lists_check" CHECK (jsonb_typeof("required_skills") = 'array' AND jsonb_typeof("nice_skills") = 'array'),
    ADD CONSTRAINT "job_experience_level_check" CHECK ("experience_level" IN ('junior', 'mid', 'senior', 'lead', 'principal')),
    ADD CONSTRAINT "job_min_years_check" CHECK ("min_years" BETWEEN 0 AND 70),
    ADD CONSTRAINT "job_coordinates_check" CHECK (("latitude" IS NULL) = ("longitude" IS NULL)
        AND ("latitude" IS NULL OR ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180))),
    ADD CONSTRAINT "job_remote_policy_check" CHECK ("remote_policy" IN ('onsite', 'hybrid', 'remote')),
    ADD CONSTRAINT "job_timezone_window_check" CHECK (("timezone_min" IS NULL) = ("timezone_max" IS NULL)
        AND ("timezone_min" IS NULL OR ("timezone_min" BETWEEN -12 AND 14 AND "timezone_max" BETWEEN -12 AND 14 AND "timezone_min" <= "timezone_max"))),
    ADD CONSTRAINT "job_salary_check" CHECK (("salary_min" IS NULL OR "salary_min" >= 0) AND ("salary_max" IS NULL OR "salary_max" >= 0)
        AND ("salary_min" IS NULL OR "salary_max" IS NULL OR "salary_min" <= "salary_max")),
    ADD CONSTRAINT "job_salary_currency_check" CHECK ("salary_currency" ~ '^[A-Z]{3}$');
CREATE INDEX "job_company_idx" ON "talent"."job" ("company");

-- ---------------------------------------------------------------- feedback on matches
CREATE TABLE "talent"."match_feedback" (
    "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
    "talent_id"  UUID           NOT NULL,
    "job_id"     UUID           NOT NULL,
    "type"       TEXT           NOT NULL,
    "user_id"    TEXT           NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "match_feedback_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "match_feedback_type_check" CHECK ("type" IN ('APPLIED', 'DISMISSED', 'CONTACTED', 'REJECTED')),
    CONSTRAINT "match_feedback_talent_id_fkey" FOREIGN KEY ("talent_id") REFERENCES "talent"."talent" ("id") ON DELETE CASCADE,
    CONSTRAINT "match_feedback_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "talent"."job" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "match_feedback_talent_id_job_id_type_key" ON "talent"."match_feedback" ("talent_id", "job_id", "type");
CREATE INDEX "match_feedback_job_id_idx" ON "talent"."match_feedback" ("job_id");

-- ---------------------------------------------------------------- the last computed match of a pair
CREATE TABLE "talent"."match_result" (
    "talent_id"     UUID             NOT NULL,
    "job_id"        UUID             NOT NULL,
    "score"         DOUBLE PRECISION NOT NULL,
    "sub_scores"    JSONB            NOT NULL,
    "explanation"   JSONB            NOT NULL,
    "source"        TEXT             NOT NULL,
    "model_version" INTEGER,
    "computed_at"   TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "match_result_pkey" PRIMARY KEY ("talent_id", "job_id"),
    CONSTRAINT "match_result_source_check" CHECK ("source" IN ('MODEL', 'FALLBACK')),
    CONSTRAINT "match_result_score_check" CHECK ("score" BETWEEN 0 AND 100),
    CONSTRAINT "match_result_model_version_check" CHECK (("model_version" IS NULL) = ("source" <> 'MODEL')),
    CONSTRAINT "match_result_talent_id_fkey" FOREIGN KEY ("talent_id") REFERENCES "talent"."talent" ("id") ON DELETE CASCADE,
    CONSTRAINT "match_result_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "talent"."job" ("id") ON DELETE CASCADE
);
CREATE INDEX "match_result_job_id_idx" ON "talent"."match_result" ("job_id");

-- ---------------------------------------------------------------- durable jobs (kit/src/jobs): model training
CREATE TABLE "talent"."background_job" (
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
    CONSTRAINT "background_job_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "background_job_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed')),
    CONSTRAINT "background_job_attempts_check" CHECK ("attempts" >= 0 AND "max_attempts" >= 1)
);
CREATE INDEX "background_job_status_run_after_idx" ON "talent"."background_job" ("status", "run_after");
CREATE INDEX "background_job_kind_created_at_idx" ON "talent"."background_job" ("kind", "created_at");
