export { createJobQueue, DEFAULT_MAX_ATTEMPTS, MAX_JOB_DOCUMENT_BYTES, MAX_JOB_PAYLOAD_BYTES } from "./queue.js";
export type { EnqueueJobInput, JobQueue, JobQueueOptions } from "./queue.js";
export { defaultWorkerId, PermanentJobError, retryDelayMs } from "./worker.js";
export type { JobContext, JobEvent, JobHandler, JobOutcome, JobTopicEvent, JobWorker, JobWorkerOptions } from "./worker.js";
export { JOB_STATUSES } from "./sql.js";
export type { ClaimedJobRow, JobProgress, JobRow, JobStatus } from "./sql.js";
export { createTrainingJob, TRAINING_JOB_KIND, TRAINER_ROLES } from "./training.js";
export type { TrainingJob, TrainingJobInput, TrainingJobOptions, TrainingJobResult } from "./training.js";
