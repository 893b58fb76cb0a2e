import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddingClient, MlRuntimeRequestError } from "@matchgraph/ml-runtime/client";
import { markDegraded, type DegradedMark } from "../src/context.js";
import { embedQueryOrDegrade } from "../src/embeddings.js";
import { createMetrics } from "../src/metrics.js";
import { operationMetricsPlugin } from "../src/plugins.js";

interface Ctx {
  degraded: DegradedMark[];
  log: { info: () => void; error: () => void; warn: (o: object, m: string) => void };
}

function context(warnings: Array<Record<string, unknown>> = []): Ctx {
  return { degraded: [], log: { info: () => undefined, error: () => undefined, warn: (o) => void warnings.push(o as Record<string, unknown>) } };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("degraded answers in the kit", () => {
  const metrics = createMetrics("test", false);
  const apollo = new ApolloServer<Ctx>({
    typeDefs: "type Query { search: [String!]! both: [String!]! plain: String! }",
    resolvers: {
      Query: {
        search: (_: unknown, __: unknown, ctx: Ctx) => {
          markDegraded(ctx, "search", "ml-runtime unreachable");
          return ["lexical hit"];
        },
        both: (_: unknown, __: unknown, ctx: Ctx) => {
          markDegraded(ctx, "search", "ml-runtime unreachable");
          markDegraded(ctx, "search", "again");
          markDegraded(ctx, "recommend", "ml-runtime unreachable");
          return [];
        },
        plain: () => "ok",
      },
    },
    plugins: [operationMetricsPlugin(metrics)],
  });
  let closed: string;
  let refusing: { url: string; server: Server };

  beforeAll(async () => {
    await apollo.start();
    const { url, server } = await listen(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    closed = url;
    refusing = await listen((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "input too long", type: "invalid_request_error", param: "input", code: null } }));
    });
  });
  afterAll(async () => {
    await apollo.stop();
    await new Promise((resolve) => refusing.server.close(resolve));
  });

  const run = async (query: string, ctx: Ctx) => {
    const response = await apollo.executeOperation({ query }, { contextValue: ctx });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  };
  const degradedCount = async (operation: string) => {
    const text = await metrics.registry.metrics();
    const line = text.split("\n").find((l) => l.startsWith(`degraded_responses_total{operation="${operation}",service="test"} `));
    return line ? Number(line.split(" ").pop()) : 0;
  };

  it("sets extensions.degraded on a response whose context was marked, counts it and logs a warning once per operation", async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const result = await run("{ search }", context(warnings));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ search: ["lexical hit"] });
    expect(result.extensions).toEqual({ degraded: true });
    expect(await degradedCount("search")).toBe(1);
    expect(warnings).toEqual([expect.objectContaining({ operation: "search", reason: "ml-runtime unreachable" })]);

    const twice: Array<Record<string, unknown>> = [];
    const ctx = context(twice);
    await run("{ both }", ctx);
    expect(ctx.degraded.map((m) => m.operation)).toEqual(["search", "recommend"]);
    expect(twice).toHaveLength(2);
    expect(await degradedCount("search")).toBe(2);
    expect(await degradedCount("recommend")).toBe(1);
  });

  it("leaves other responses alone", async () => {
    const result = await run("{ plain }", context());
    expect(result.extensions).toBeUndefined();
    expect(await degradedCount("plain")).toBe(0);
  });

  it("embedQueryOrDegrade gives null and marks the context when the runtime is unreachable, and rethrows a refusal (4xx)", async () => {
    const ctx = { ...context(), ml: createEmbeddingClient({ baseUrl: closed, defaultModel: "m" }) };
    expect(await embedQueryOrDegrade(ctx, "searchThings", "query text")).toBeNull();
    expect(ctx.degraded).toEqual([{ operation: "searchThings", reason: expect.stringMatching(/ECONNREFUSED/) }]);

    const refused = { ...context(), ml: createEmbeddingClient({ baseUrl: refusing.url, defaultModel: "m" }) };
    await expect(embedQueryOrDegrade(refused, "searchThings", "query text")).rejects.toBeInstanceOf(MlRuntimeRequestError);
    expect(refused.degraded).toEqual([]);
  });
});
