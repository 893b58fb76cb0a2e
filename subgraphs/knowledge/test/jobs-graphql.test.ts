import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, subscribe, type ExecutionResult, type GraphQLSchema } from "graphql";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { buildFederatedSchema, createInProcessPubSub, createLoaderRegistry, createLogger, type PubSub, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { KnowledgeChunkResolver, KnowledgeSourceResolver } from "../src/schema/resolver.js";
import { IngestionJobResolver } from "../src/schema/jobs.js";
import { ConceptResolver, KnowledgeSourceConceptsResolver } from "../src/schema/concepts.js";
import { ingestionQueue } from "../src/service/jobs.js";

const log = createLogger("jobs-graphql-test", "silent");

describe("ingestion job GraphQL on pglite", () => {
  let db: TestDatabase;
  let pubSub: PubSub;
  let schema: GraphQLSchema;
  const context = (): SubgraphContext =>
    ({ requestId: "test", identity: null, log, db, ml: undefined as never, pubSub, loader: createLoaderRegistry().loader });

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    pubSub = createInProcessPubSub();
    schema = await buildFederatedSchema({
      resolvers: [KnowledgeSourceResolver, KnowledgeChunkResolver, IngestionJobResolver, ConceptResolver, KnowledgeSourceConceptsResolver],
      pubSub,
    });
  });
  afterAll(async () => {
    await pubSub?.close();
    await db?.drop();
  });

  it("reads a job by id; a bad id is BAD_USER_INPUT, an unknown one null", async () => {
    const job = await ingestionQueue.enqueue(db, { kind: "ingest", payload: { title: "T" } });
    const query = parse(`query ($id: ID!) { ingestionJob(id: $id) { id status kind attempts maxAttempts progress { stage } lastError sourceId finishedAt } }`);
    const ok = await execute({ schema, document: query, variableValues: { id: job.id }, contextValue: context() });
    expect(ok).toEqual({
      data: { ingestionJob: { id: job.id, status: "QUEUED", kind: "ingest", attempts: 0, maxAttempts: 5, progress: null, lastError: null, sourceId: null, finishedAt: null } },
    });
    const bad = await execute({ schema, document: query, variableValues: { id: "nope" }, contextValue: context() });
    expect(bad.errors?.[0]?.message).toMatch(/UUID/);
    const none = await execute({ schema, document: query, variableValues: { id: "00000000-0000-4000-8000-000000000000" }, contextValue: context() });
    expect(none).toEqual({ data: { ingestionJob: null } });
  });

  it("streams a job's changes to ingestionProgress(jobId), reading the row fresh", async () => {
    const other = await ingestionQueue.enqueue(db, { kind: "ingest", payload: { n: 1 }, delayMs: 60_000 });
    const job = await ingestionQueue.enqueue(db, { kind: "ingest", payload: { n: 2 } });
    const stream = (await subscribe({
      schema,
      document: parse(`subscription ($id: ID) { ingestionProgress(jobId: $id) { id status progress { stage done total } } }`),
      variableValues: { id: job.id },
      contextValue: context(),
    })) as AsyncGenerator<ExecutionResult>;
    const worker = ingestionQueue.createWorker({
      db,
      log,
      pubSub,
      pollMs: 20,
      progressIntervalMs: 0,
      handler: async (_j, ctx) => {
        ctx.progress("embed", 1, 2);
        await Promise.race([firstSeen, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        ctx.progress("store", 2, 2);
      },
    });
    // The subscription reads the row when it delivers, so the handler waits for the first
    // delivery (a fast worker could otherwise finish before anything is read); the stream is
    // pulled before the worker starts so that its first events are not missed.
    let sawFirst!: () => void;
    const firstSeen = new Promise<void>((resolve) => (sawFirst = resolve));
    const seen: unknown[] = [];
    const collected = (async () => {
      for await (const event of stream) {
        expect(event.errors).toBeUndefined();
        const e = event.data!.ingestionProgress as { id: string; status: string };
        seen.push(e);
        sawFirst();
        if (e.status === "DONE") break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    worker.start();
    await collected;
    await worker.stop();
    expect(seen.every((e) => (e as { id: string }).id === job.id)).toBe(true);
    expect(seen.at(-1)).toEqual({ id: job.id, status: "DONE", progress: { stage: "store", done: 2, total: 2 } });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(other.id).not.toBe(job.id);
  });

  it("filters ingestionProgress by sourceId once the handler names the source", async () => {
    const [source] = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO knowledge.source (title, mime_type, content_hash) VALUES ('S', 'text/plain', 'h') RETURNING id`;
    const sourceId = source!.id;
    const stream = (await subscribe({
      schema,
      document: parse(`subscription ($s: ID) { ingestionProgress(sourceId: $s) { status sourceId } }`),
      variableValues: { s: sourceId },
      contextValue: context(),
    })) as AsyncGenerator<ExecutionResult>;
    await ingestionQueue.enqueue(db, { kind: "ingest", payload: { unrelated: true } });
    const job = await ingestionQueue.enqueue(db, { kind: "ingest", payload: { mine: true } });
    const worker = ingestionQueue.createWorker({
      db,
      log,
      pubSub,
      pollMs: 20,
      progressIntervalMs: 0,
      handler: async (j, ctx) => {
        if (j.id !== job.id) return {};
        await ctx.setSubjectId(sourceId);
        ctx.progress("embed", 1, 1);
        return { subjectId: sourceId };
      },
    });
    worker.start();
    const seen: { status: string; sourceId: string }[] = [];
    for await (const event of stream) {
      const e = event.data!.ingestionProgress as { status: string; sourceId: string };
      seen.push(e);
      if (e.status === "DONE") break;
    }
    await worker.stop();
    expect(seen.every((e) => e.sourceId === sourceId)).toBe(true);
    // Events carry ids only and the row is read when the event is delivered: a quick job may
    // already be DONE when its progress event arrives.
    expect(seen.at(-1)?.status).toBe("DONE");
  });
});
