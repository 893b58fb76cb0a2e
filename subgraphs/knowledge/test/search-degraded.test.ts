import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DbKind, type TestDatabase } from "@matchgraph/db";
import { startMlRuntime, type MlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { ingestText } from "../src/service/knowledge.js";
import { RRF_K, searchChunks } from "../src/service/search.js";

const MODEL_DIR = process.env.ML_MODEL_DIR || "/work/shared/models";
const MODEL = "universal-sentence-encoder-lite";
const hasModel = existsSync(join(MODEL_DIR.split(":")[0]!, MODEL, "model.onnx"));
const KINDS: DbKind[] = ["pglite", "postgres"];

/** A loopback URL nothing listens on: connections are refused, as with a stopped ml-runtime. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const DOCS = [
  { title: "Security whitepaper", text: "# Security\n\n## Encryption\n\nAll customer data is encrypted at rest with AES-256.\n\n## Residency\n\nData is stored in Frankfurt or Dublin." },
  { title: "Pricing", text: "Plans are billed monthly. The enterprise plan adds single sign-on." },
];

describe.skipIf(!hasModel).each(KINDS)("searchChunks while the ml-runtime is unreachable, on %s", (kind) => {
  let db: TestDatabase;
  let runtime: MlRuntime;
  let up: SubgraphContext;
  let unreachable: SubgraphContext["ml"];
  /** The same services with an ml client whose runtime is unreachable. */
  const down = (): SubgraphContext => ({ ...up, ml: unreachable, degraded: [] });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    runtime = await startMlRuntime({ host: "127.0.0.1", port: 0, models: [MODEL], defaultModel: MODEL, modelDirs: MODEL_DIR.split(":"), logLevel: "error", readEnv: false });
    const ml = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: MODEL });
    up = { requestId: "t", identity: null, log: createLogger("knowledge-test", "silent"), db, ml, pubSub: createInProcessPubSub(), loader: createLoaderRegistry().loader, degraded: [] };
    for (const doc of DOCS) await ingestText(up, { ...doc, mimeType: "text/markdown" });
    unreachable = createEmbeddingClient({ baseUrl: await closedUrl(), defaultModel: MODEL });
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
  });

  it("answers HYBRID and VECTOR searches from the lexical ranking, scored by reciprocal rank, and marks the request degraded", async () => {
    const lexical = await searchChunks(up, { query: "where is customer data stored, Frankfurt?", k: 5, mode: "lexical" });
    expect(lexical.length).toBeGreaterThan(0);
    expect(up.degraded).toEqual([]);
    for (const mode of ["hybrid", "vector"] as const) {
      const ctx = down();
      const hits = await searchChunks(ctx, { query: "where is customer data stored, Frankfurt?", k: 5, mode });
      expect(hits.map((h) => h.chunk.id)).toEqual(lexical.map((h) => h.chunk.id));
      expect(hits[0]!.chunk.headingPath).toContain("Residency");
      hits.forEach((h, i) => {
        expect(h).toMatchObject({ lexicalRank: i + 1, vectorRank: null });
        expect(h.score).toBeCloseTo(1 / (RRF_K + i + 1), 12);
      });
      expect(hits[0]!.highlight).toContain("<mark>Frankfurt</mark>");
      expect(ctx.degraded).toEqual([{ operation: "searchKnowledge", reason: expect.stringMatching(/ECONNREFUSED|circuit/) }]);
    }
  });

  it("keeps filters and diversity (stored vectors) in a degraded search, and answers nothing rather than an error when no word matches", async () => {
    const ctx = down();
    const diverse = await searchChunks(ctx, { query: "customer data plan", k: 2, diversity: 0.5, filters: { collection: "default" } });
    expect(diverse.length).toBeGreaterThan(0);
    expect(await searchChunks(ctx, { query: "which country keeps my files?", k: 3, mode: "vector" })).toEqual([]);
    expect(ctx.degraded?.map((m) => m.operation)).toEqual(["searchKnowledge"]);
  });

  it("is not degraded when the runtime answers", async () => {
    const ctx = { ...up, degraded: [] };
    const hits = await searchChunks(ctx, { query: "which country keeps my files?", k: 3, mode: "vector" });
    expect(hits[0]!.vectorRank).toBe(1);
    expect(ctx.degraded).toEqual([]);
  });
});
