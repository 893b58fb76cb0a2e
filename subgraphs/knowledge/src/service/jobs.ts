import { Prisma } from "@matchgraph/db";
import { createJobQueue, parseInput, uuid, type JobTopicEvent } from "@matchgraph/subgraph-kit";

/**
 * Durable ingestion jobs: the kit's job queue (claim, lease + heartbeat, retries with back-off,
 * progress) on `knowledge.ingestion_job`. A job's subject is the source it ingested
 * (`subject_id`, a foreign key to knowledge.source), shown as `IngestionJob.sourceId`.
 */

/** Pub/sub topic of job events; the payload is {@link IngestionProgressEvent} (ids only: NOTIFY payloads stay small). */
export const INGESTION_PROGRESS = "knowledge.ingestionProgress";
/** `{ id, subjectId }`: the job and its source, once known. */
export type IngestionProgressEvent = JobTopicEvent;

export const ingestionQueue = createJobQueue({ name: "ingestion", table: Prisma.sql`knowledge.ingestion_job`, topic: INGESTION_PROGRESS });

/** Parses a GraphQL id argument (BAD_USER_INPUT when it is not a UUID). */
export const parseJobId = (id: unknown, what = "id"): string => parseInput(uuid(what), id);
