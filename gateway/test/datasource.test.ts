import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from "@matchgraph/subgraph-kit";
import { createGatewayContext } from "../src/context.js";
import { SubgraphDataSource } from "../src/datasource.js";

/** A stand-in subgraph (a real HTTP server): answers after 50 ms, counts what it received. */
let server: Server;
let url: string;
const received: Array<{ body: string; identity: string | undefined; requestId: string | undefined }> = [];
let answer: (body: string) => { status: number; text: string } = (body) => ({ status: 200, text: JSON.stringify({ data: { echo: JSON.parse(body).variables ?? null } }) });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, identity: req.headers[IDENTITY_HEADER] as string | undefined, requestId: req.headers[REQUEST_ID_HEADER] as string | undefined });
      setTimeout(() => {
        const { status, text } = answer(body);
        res.writeHead(status, { "content-type": "application/json" }).end(text);
      }, 50);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const log = pino({ level: "silent" });
const contextFor = (userId: string | null) =>
  createGatewayContext(undefined, userId ? { userId, roles: ["reader"] } : null, log, async (caller) => `token-for-${caller.kind === "user" ? caller.identity.userId : caller.kind}`);
const fetchWith = (source: SubgraphDataSource, context: ReturnType<typeof contextFor>, query: string, variables: Record<string, unknown> = {}) =>
  source.process({ request: { query, variables }, context, kind: "incoming operation" as never, document: undefined as never, pathInIncomingRequest: undefined as never } as never);

describe("subgraph data source", () => {
  it("forwards the signed caller and the request id", async () => {
    received.length = 0;
    const source = new SubgraphDataSource(url);
    const context = contextFor("alice");
    const res = await fetchWith(source, context, "query { a }", { x: 1 });
    expect(res.data).toEqual({ echo: { x: 1 } });
    expect(received).toEqual([{ body: expect.stringContaining('"query":"query { a }"'), identity: "token-for-alice", requestId: context.requestId }]);
    source.close();
  });

  it("shares identical fetches in flight, but not across callers, variables or mutations; each gets its own objects", async () => {
    received.length = 0;
    const source = new SubgraphDataSource(url);
    const alice = contextFor("alice");
    const same = await Promise.all(Array.from({ length: 10 }, () => fetchWith(source, alice, "query { a }", { x: 1 })));
    expect(received).toHaveLength(1);
    expect(source.shared).toBe(9);
    expect(same[0]).toEqual(same[9]);
    expect(same[0]!.data).not.toBe(same[1]!.data);

    received.length = 0;
    await Promise.all([
      fetchWith(source, alice, "query { a }", { x: 1 }),
      fetchWith(source, contextFor("bob"), "query { a }", { x: 1 }),
      fetchWith(source, contextFor(null), "query { a }", { x: 1 }),
      fetchWith(source, alice, "query { a }", { x: 2 }),
      fetchWith(source, alice, "mutation { m }"),
      fetchWith(source, alice, "mutation { m }"),
    ]);
    expect(received.map((r) => r.identity).sort()).toEqual(["token-for-alice", "token-for-alice", "token-for-alice", "token-for-alice", "token-for-anonymous", "token-for-bob"]);
    // Once answered, the same fetch goes to the subgraph again.
    received.length = 0;
    await fetchWith(source, alice, "query { a }", { x: 1 });
    expect(received).toHaveLength(1);
    source.close();
  });

  it("marks the request's context when the subgraph answered degraded", async () => {
    const source = new SubgraphDataSource(url);
    answer = () => ({ status: 200, text: JSON.stringify({ data: { a: 1 }, extensions: { degraded: true } }) });
    const context = contextFor("alice");
    await fetchWith(source, context, "query { degraded }");
    expect([...context.degradedSubgraphs]).toEqual([url]);
    source.close();
  });

  it("passes a subgraph's refusal on with its message and a code for the status; hides server errors", async () => {
    const source = new SubgraphDataSource(url);
    answer = () => ({ status: 400, text: JSON.stringify({ errors: [{ message: "variables.q: contains a NUL character", extensions: { code: "BAD_USER_INPUT", field: "variables.q" } }] }) });
    await expect(fetchWith(source, contextFor("a"), "query { q1 }")).rejects.toMatchObject({ message: "variables.q: contains a NUL character", extensions: { code: "BAD_USER_INPUT", field: "variables.q" } });
    answer = () => ({ status: 401, text: "{}" });
    await expect(fetchWith(source, contextFor("a"), "query { q2 }")).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    answer = () => ({ status: 500, text: JSON.stringify({ errors: [{ message: "select * from secret_table failed" }] }) });
    await expect(fetchWith(source, contextFor("a"), "query { q3 }")).rejects.toMatchObject({ message: "A service behind the gateway answered HTTP 500", extensions: { code: "UNAVAILABLE" } });
    source.close();
  });

  it("fails a fetch to a subgraph that is not there with a network error", async () => {
    const source = new SubgraphDataSource("http://127.0.0.1:1/graphql");
    await expect(fetchWith(source, contextFor("a"), "query { a }")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    source.close();
  });
});
