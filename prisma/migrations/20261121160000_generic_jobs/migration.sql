-- The durable job queue moves to the subgraph kit and serves every subgraph with the same table
-- shape: what a job is about is its `subject_id` (for knowledge: the source), and a finished job
-- keeps what it produced in `result` (for an import: counts and bad rows).
ALTER TABLE "knowledge"."ingestion_job" RENAME COLUMN "source_id" TO "subject_id";
ALTER TABLE "knowledge"."ingestion_job" RENAME CONSTRAINT "ingestion_job_source_id_fkey" TO "ingestion_job_subject_id_fkey";
ALTER INDEX "knowledge"."ingestion_job_source_id_idx" RENAME TO "ingestion_job_subject_id_idx";
ALTER TABLE "knowledge"."ingestion_job" ADD COLUMN "result" JSONB;
