-- Tabular model versions: written by the training pipeline (ml-runtime/src/training/), served by
-- the ml-runtime (ml-runtime/src/tabular/), which loads each name's active version and swaps to a
-- newly activated one without a restart. Artifacts are stored as bytes with their sha256, checked
-- by the runtime before it loads them. Keep in step with schema.prisma.

CREATE SCHEMA IF NOT EXISTS "ml";

CREATE TABLE "ml"."model_version" (
    "id"                    UUID           NOT NULL DEFAULT gen_random_uuid(),
    "name"                  TEXT           NOT NULL,
    "version"               INTEGER        NOT NULL,
    "kind"                  TEXT           NOT NULL,
    -- [{ "name": …, "description": … }] in the model's column order
    "features"              JSONB          NOT NULL,
    -- rows, label statistics, split, source, seed, parameters, LightGBM version, gate outcome
    "training"              JSONB          NOT NULL DEFAULT '{}',
    -- held-out metrics (AUC and log-loss, RMSE and MAE, NDCG@k)
    "metrics"               JSONB          NOT NULL DEFAULT '{}',
    "onnx"                  BYTEA          NOT NULL,
    "onnx_sha256"           TEXT           NOT NULL,
    -- LightGBM's JSON dump (booster.dump_model()), UTF-8: TreeSHAP is computed from it
    "tree_dump"             BYTEA          NOT NULL,
    "tree_dump_sha256"      TEXT           NOT NULL,
    -- LightGBM's own text model (booster.model_to_string()), for reference checks in Python
    "lightgbm_model"        BYTEA,
    "lightgbm_model_sha256" TEXT,
    "created_at"            TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by"            TEXT           NOT NULL,
    "reason"                TEXT,
    "active"                BOOLEAN        NOT NULL DEFAULT false,
    "activated_at"          TIMESTAMPTZ(6),
    "activated_by"          TEXT,
    "activation_reason"     TEXT,
    CONSTRAINT "model_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "model_version_kind_check" CHECK ("kind" IN ('lightgbm-regression', 'lightgbm-binary')),
    CONSTRAINT "model_version_name_format_check" CHECK ("name" ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT "model_version_version_positive_check" CHECK ("version" >= 1),
    CONSTRAINT "model_version_sha256_format_check" CHECK (
        "onnx_sha256" ~ '^[0-9a-f]{64}$' AND "tree_dump_sha256" ~ '^[0-9a-f]{64}$'
        AND ("lightgbm_model" IS NULL) = ("lightgbm_model_sha256" IS NULL)),
    CONSTRAINT "model_version_activated_check" CHECK (NOT "active" OR "activated_at" IS NOT NULL)
);
CREATE UNIQUE INDEX "model_version_name_version_key" ON "ml"."model_version" ("name", "version");
-- At most one active version per name; the runtime polls this index.
CREATE UNIQUE INDEX "model_version_one_active_key" ON "ml"."model_version" ("name") WHERE "active";

-- Every activation and rollback, in order: rollback goes back along this history.
CREATE TABLE "ml"."model_activation" (
    "id"               BIGSERIAL      NOT NULL,
    "name"             TEXT           NOT NULL,
    "version"          INTEGER        NOT NULL,
    "previous_version" INTEGER,
    "action"           TEXT           NOT NULL,
    "activated_by"     TEXT           NOT NULL,
    "reason"           TEXT,
    "created_at"       TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "model_activation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "model_activation_action_check" CHECK ("action" IN ('activate', 'rollback')),
    CONSTRAINT "model_activation_version_fkey" FOREIGN KEY ("name", "version")
        REFERENCES "ml"."model_version" ("name", "version") ON DELETE CASCADE
);
CREATE INDEX "model_activation_name_id_idx" ON "ml"."model_activation" ("name", "id");
