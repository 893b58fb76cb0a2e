import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGraphQLClient, GraphQLCallError, retryTransient } from "../src/client.js";

/**
 * The command-line GraphQL client against a real HTTP server on a loopback port, answering each
 * request by a script: reset the connection, a proxy's 502 page, a busy 503, or a GraphQL answer.
 */
interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
type Step = "reset" | "hang" | Answer;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function scripted(steps: Step[], fallback: Step): Promise<{ url: string; requests: Array<{ query: string }>; server: Server }> {
  const requests: Array<{ query: string }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      requests.push(JSON.parse(raw) as { query: string });
      const step = steps.shift() ?? fallback;
      if (step === "reset") return void req.socket.destroy();
      if (step === "hang") return;
      res.writeHead(step.status, { "content-type": step.body.startsWith("{") ? "application/json" : "text/html", ...step.headers });
      res.end(step.body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, requests, server };
}

const ok = (data: unknown): Answer => ({ status: 200, body: JSON.stringify({ data }) });
const gqlError = (status: number, code: string, message = code.toLowerCase()): Answer => ({ status, body: JSON.stringify({ errors: [{ message, extensions: { code } }] }) });
const badGateway: Answer = { status: 502, body: "<html><body>502 Bad Gateway</body></html>" };

async function failure(call: () => Promise<unknown>): Promise<GraphQLCallError> {
  try {
    await call();
  } catch (err) {
    expect(err).toBeInstanceOf(GraphQLCallError);
    return err as GraphQLCallError;
  }
  throw new Error("the call succeeded");
}

describe("createGraphQLClient", () => {
  it("returns data, and GraphQL errors with their codes (not transient)", async () => {
    const { url, requests } = await scripted([ok({ hello: "world" }), gqlError(200, "BAD_USER_INPUT", "first must be at least 1")], ok({}));
    const gql = createGraphQLClient({ url, token: "t" });
    expect(await gql<{ hello: string }>("{ hello }")).toEqual({ hello: "world" });
    const err = await failure(() => gql("{ x }"));
    expect({ message: err.message, codes: err.codes, status: err.status, transient: err.transient }).toEqual({
      message: "first must be at least 1",
      codes: ["BAD_USER_INPUT"],
      status: 200,
      transient: false,
    });
    expect(requests.map((r) => r.query)).toEqual(["{ hello }", "{ x }"]);
  });

  it("marks a reset connection, a refused one and a timeout as transient", async () => {
    const { url, server } = await scripted(["reset", "hang"], ok({}));
    const gql = createGraphQLClient({ url, timeoutMs: 300 });
    const reset = await failure(() => gql("{ a }"));
    expect(reset.transient).toBe(true);
    expect(reset.status).toBeUndefined();
    expect(reset.message).toMatch(/could not be reached \((ECONNRESET|UND_ERR_SOCKET)\)/);
    const timedOut = await failure(() => gql("{ b }"));
    expect(timedOut.transient).toBe(true);
    expect(timedOut.message).toMatch(/could not be reached \(ETIMEDOUT\)/);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    servers.splice(servers.indexOf(server), 1);
    const refused = await failure(() => gql("{ c }"));
    expect(refused.transient).toBe(true);
    expect(refused.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });

  it("marks 502, 503, 504, 429 and UNAVAILABLE as transient, with Retry-After; 500 and other codes are not", async () => {
    const { url } = await scripted(
      [
        badGateway,
        gqlError(503, "UNAVAILABLE", "The database is busy; try again shortly"),
        { status: 504, body: "gateway timeout" },
        { ...gqlError(429, "RATE_LIMITED"), headers: { "retry-after": "2" } },
        gqlError(200, "UNAVAILABLE"),
        { status: 500, body: "oops" },
        gqlError(200, "FORBIDDEN"),
      ],
      ok({}),
    );
    const gql = createGraphQLClient({ url });
    const seen = [];
    for (let i = 0; i < 7; i++) {
      const e = await failure(() => gql("{ x }"));
      seen.push([e.status, e.transient, e.codes, e.retryAfterMs]);
    }
    expect(seen).toEqual([
      [502, true, [], undefined],
      [503, true, ["UNAVAILABLE"], undefined],
      [504, true, [], undefined],
      [429, true, ["RATE_LIMITED"], 2000],
      [200, true, ["UNAVAILABLE"], undefined],
      [500, false, [], undefined],
      [200, false, ["FORBIDDEN"], undefined],
    ]);
  });
});

describe("retryTransient", () => {
  it("follows through a reset, a 502 and a 503, then returns the answer", async () => {
    const { url, requests } = await scripted(["reset", badGateway, gqlError(503, "UNAVAILABLE")], ok({ job: { status: "done" } }));
    const gql = createGraphQLClient({ url });
    const retries: Array<[number, number | undefined, boolean]> = [];
    const answer = await retryTransient(() => gql<{ job: { status: string } }>("{ job { status } }"), {
      forMs: 30_000,
      initialDelayMs: 20,
      onRetry: (err, attempt) => retries.push([attempt, err.status, err.transient]),
    });
    expect(answer).toEqual({ job: { status: "done" } });
    expect(retries).toEqual([
      [1, undefined, true],
      [2, 502, true],
      [3, 503, true],
    ]);
    expect(requests).toHaveLength(4);
  });

  it("gives up after forMs of failures with the last error and how long it tried", async () => {
    const { url, requests } = await scripted([], gqlError(503, "UNAVAILABLE", "busy"));
    const gql = createGraphQLClient({ url });
    const err = await failure(() => retryTransient(() => gql("{ x }"), { forMs: 250, initialDelayMs: 20, maxDelayMs: 40 }));
    expect(err.gaveUpAfterMs).toBeGreaterThan(0);
    expect(err.codes).toEqual(["UNAVAILABLE"]);
    expect(err.message).toMatch(/^busy \(still failing after [\d.]+ s and \d+ attempts\)$/);
    expect(requests.length).toBeGreaterThan(2);
  });

  it("throws a lasting error at once", async () => {
    const { url, requests } = await scripted([gqlError(200, "NOT_FOUND")], ok({}));
    const gql = createGraphQLClient({ url });
    const err = await failure(() => retryTransient(() => gql("{ x }"), { forMs: 10_000, initialDelayMs: 20 }));
    expect(err.codes).toEqual(["NOT_FOUND"]);
    expect(err.gaveUpAfterMs).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it("backs off exponentially with jitter, capped, and waits at least a Retry-After", async () => {
    const { url } = await scripted([{ ...gqlError(429, "RATE_LIMITED"), headers: { "retry-after": "0.2" } }, badGateway, badGateway, badGateway], ok({ ok: true }));
    const gql = createGraphQLClient({ url });
    const delays: number[] = [];
    await retryTransient(() => gql("{ ok }"), { forMs: 30_000, initialDelayMs: 10, maxDelayMs: 30, random: () => 0, onRetry: (_e, _a, d) => delays.push(d) });
    // Nominal 10, 20, 40→30, 80→30; jitter 0 halves each; the Retry-After of 200 ms is capped at maxDelayMs.
    expect(delays).toEqual([30, 10, 15, 15]);
  });
});
