-- Durable ingestion jobs (issue 4, "Durable jobs"): a job row holds everything needed to redo the
-- work after a restart (payload + the uploaded document). Workers claim with
-- FOR UPDATE SKIP LOCKED; a 'running' row whose lease (locked_at) expired belongs to a worker that
-- died and is claimed again.

CREATE TABLE "knowledge"."ingestion_job" (
    "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
    "status"       TEXT           NOT NULL DEFAULT 'queued',
    "kind"         TEXT           NOT NULL,
    "payload"      JSONB          NOT NULL DEFAULT '{}',
    "document"     BYTEA,
    "source_id"    UUID,
    "attempts"     INTEGER        NOT NULL DEFAULT 0,
    "max_attempts" INTEGER        NOT NULL DEFAULT 5,
    "run_after"    TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by"    TEXT,
    "locked_at"    TIMESTAMPTZ(6),
    "progress"     JSONB,
    "last_error"   TEXT,
    "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at"  TIMESTAMPTZ(6),
    CONSTRAINT "ingestion_job_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ingestion_job_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed')),
    CONSTRAINT "ingestion_job_attempts_check" CHECK ("attempts" >= 0 AND "max_attempts" >= 1),
    -- A deleted source leaves its jobs (history) without a source.
    CONSTRAINT "ingestion_job_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "knowledge"."source" ("id") ON DELETE SET NULL
);
-- The claim query: queued rows that are due, and running rows whose lease expired.
CREATE INDEX "ingestion_job_status_run_after_idx" ON "knowledge"."ingestion_job" ("status", "run_after");
CREATE INDEX "ingestion_job_source_id_idx" ON "knowledge"."ingestion_job" ("source_id");
