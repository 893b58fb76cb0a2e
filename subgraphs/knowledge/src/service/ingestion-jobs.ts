import { z } from "zod";
import {
  createContext,
  optionalText,
  parseInput,
  PermanentJobError,
  requiredText,
  tags,
  LIMITS,
  type JobHandler,
  type JobRow,
  type SubgraphContext,
  type SubgraphServices,
} from "@matchgraph/subgraph-kit";
import { ingestParsed, parseOrRefuse } from "./ingest.js";
import { ingestionQueue } from "./jobs.js";
import { DocumentError, parseDocument, PARSE_LIMITS } from "./parsers/index.js";

/** Published when a job is queued, so that an idle worker (in any replica) starts at once. */
export const JOB_QUEUED = "knowledge.jobQueued";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const documentInput = z
  .object({
    title: optionalText(LIMITS.name),
    uri: optionalText(2_000),
    tags: z.preprocess((v) => v ?? undefined, tags),
    filename: optionalText(255),
    mimeType: optionalText(255),
    contentBase64: z
      .string()
      .max(Math.ceil((PARSE_LIMITS.maxBytes * 4) / 3) + 4, `must encode at most ${PARSE_LIMITS.maxBytes} bytes`)
      .refine((s) => BASE64.test(s), "must be base64")
      .nullish(),
    text: requiredText(PARSE_LIMITS.maxChars).nullish(),
  })
  .refine((d) => (d.contentBase64 == null) !== (d.text == null), { message: "give exactly one of contentBase64 and text", path: ["contentBase64"] });

const jobPayload = z.object({
  title: z.string().nullable(),
  uri: z.string().nullable(),
  tags: z.array(z.string()),
  filename: z.string().nullable(),
  mimeType: z.string().nullable(),
});

/**
 * Queues a document for ingestion. The document is parsed once here, so that a file that cannot
 * be read is refused (BAD_USER_INPUT) with nothing stored; the job parses it again from the row,
 * which is what lets it survive a restart.
 */
export async function enqueueDocument(ctx: SubgraphContext, input: unknown): Promise<JobRow> {
  const data = parseInput(documentInput, input);
  const bytes = data.contentBase64 != null ? Buffer.from(data.contentBase64, "base64") : Buffer.from(data.text!, "utf8");
  const mimeType = data.mimeType ?? (data.text != null && !data.filename ? "text/plain" : null);
  await parseOrRefuse({ bytes, filename: data.filename ?? undefined, mimeType: mimeType ?? undefined });
  const payload: z.infer<typeof jobPayload> = { title: data.title, uri: data.uri, tags: data.tags, filename: data.filename, mimeType };
  const job = await ingestionQueue.enqueue(ctx.db, { kind: "document", payload, document: bytes });
  ctx.pubSub.publish(JOB_QUEUED, { id: job.id });
  return job;
}

/** Runs one ingestion job: parse → chunk → embed → store, reporting each stage. */
export function ingestionHandler(services: SubgraphServices): JobHandler {
  return async (job, jobCtx) => {
    const { ctx } = createContext(services, `job:${job.id}`, null);
    const payload = jobPayload.parse(job.payload);
    if (!job.document) throw new PermanentJobError("The job has no document");
    jobCtx.progress("parse", 0, 1);
    let doc;
    try {
      doc = await parseDocument({ bytes: job.document, filename: payload.filename ?? undefined, mimeType: payload.mimeType ?? undefined });
    } catch (err) {
      if (err instanceof DocumentError) throw new PermanentJobError(err.message);
      throw err;
    }
    jobCtx.progress("parse", 1, 1);
    // Title: as given, else the document's own, else its file name.
    const meta = { ...payload, title: payload.title ?? doc.title ?? payload.filename };
    const { source } = await ingestParsed(ctx, doc, meta, (stage, done, total) => jobCtx.progress(stage, done, total));
    await jobCtx.setSubjectId(source.id);
    return { subjectId: source.id };
  };
}

/** The subgraph's background worker: started and stopped with its server. */
export async function startIngestionWorker(services: SubgraphServices): Promise<() => Promise<void>> {
  // PGlite lives in this process only: a job marked running belongs to a run that is gone.
  if (services.db.kind === "pglite") await ingestionQueue.recoverInterrupted(services.db);
  const worker = ingestionQueue.createWorker({
    db: services.db,
    log: services.log,
    pubSub: services.pubSub,
    handler: ingestionHandler(services),
    // Longer than the longest single write transaction: on PGlite the lease heartbeat waits behind it.
    leaseMs: 5 * 60_000,
  });
  const queued = services.pubSub.subscribe(JOB_QUEUED);
  void (async () => {
    for await (const _event of queued) worker.wake();
  })();
  worker.start();
  return async () => {
    await queued.return();
    await worker.stop();
  };
}
