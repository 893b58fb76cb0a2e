-- Scheduled matching runs: one row per schedule and cron slot, written once (the primary key makes
-- a slot run at most once across restarts and processes), with the job it queued (NULL: skipped,
-- another matching run was queued or running).
CREATE TABLE opportunities.matching_schedule_run (
  schedule   text        NOT NULL,
  slot       timestamptz NOT NULL,
  mode       text        NOT NULL CHECK (mode IN ('full', 'incremental')),
  job_id     uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule, slot)
);
