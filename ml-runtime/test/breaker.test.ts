import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  MlRuntimeCircuitOpenError,
  MlRuntimeRequestError,
  MlRuntimeUnavailableError,
  createEmbeddingClient,
  type CircuitChange,
} from "../src/client/index.js";

/**
 * A stand-in runtime on a real loopback port that can be stopped and started again on the same
 * port. `answer` decides each /v1/embeddings reply (default: a 3-d vector per input).
 */
class FakeRuntime {
  requests = 0;
  answer: (req: IncomingMessage, res: ServerResponse, input: string[]) => void = (_req, res, input) => ok(res, input);
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        this.requests++;
        const input = (JSON.parse(body || "{}") as { input?: string[] }).input ?? [];
        this.answer(req, res, input);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function ok(res: ServerResponse, input: string[]): void {
  const data = input.map((_, index) => ({ object: "embedding", index, embedding: Buffer.from(new Float32Array([1, 0, index]).buffer).toString("base64") }));
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ object: "list", data, model: "fake", usage: { prompt_tokens: 0, total_tokens: 0 } }));
}

function status(res: ServerResponse, code: number): void {
  res.writeHead(code, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message: `answered ${code}`, type: "error", param: null, code: null } }));
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

const runtimes: FakeRuntime[] = [];
async function fakeRuntime(): Promise<FakeRuntime> {
  const runtime = new FakeRuntime();
  runtimes.push(runtime);
  await runtime.start();
  return runtime;
}
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
});

let n = 0;
/** A text never sent before, so the client's vector cache cannot answer for the runtime. */
const fresh = () => `text ${++n}`;
const failure = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);

describe("the embedding client's circuit breaker", () => {
  it("opens after consecutive connection failures and then fails fast without calling the runtime", async () => {
    const runtime = await fakeRuntime();
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: "fake", breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    await client.embedOne(fresh());
    expect(client.circuit).toMatchObject({ state: "closed", consecutiveFailures: 0, opens: 0 });

    await runtime.stop();
    const first = await failure(client.embedOne(fresh()));
    expect(first).toBeInstanceOf(MlRuntimeUnavailableError);
    expect(first).not.toBeInstanceOf(MlRuntimeCircuitOpenError);
    expect(client.circuit).toMatchObject({ state: "closed", consecutiveFailures: 1 });
    await failure(client.embedOne(fresh()));
    expect(client.circuit).toMatchObject({ state: "open", consecutiveFailures: 2, opens: 1, lastFailure: expect.stringMatching(/ECONNREFUSED/) });
    expect(client.circuit.retryAt).toBe(client.circuit.openedAt! + 60_000);

    // Up again, but the circuit is open: calls fail at once and never reach it.
    await runtime.start();
    const before = runtime.requests;
    const refused = await failure(client.forRequest("req-1").embedOne(fresh()));
    expect(refused).toBeInstanceOf(MlRuntimeCircuitOpenError);
    expect(refused).toBeInstanceOf(MlRuntimeUnavailableError);
    expect(refused).toMatchObject({ code: "UNAVAILABLE" });
    expect((refused as Error).message).toContain(runtime.url);
    await expect(client.health()).rejects.toBeInstanceOf(MlRuntimeCircuitOpenError);
    expect(runtime.requests).toBe(before);
    expect(client.circuit.rejected).toBe(2);
  });

  it("lets one probe through after the cool-down, fails the others fast meanwhile, and closes on its success", async () => {
    const runtime = await fakeRuntime();
    const changes: CircuitChange[] = [];
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: "fake", breaker: { failureThreshold: 1, cooldownMs: 0, onStateChange: (c) => changes.push(c) } });
    await runtime.stop();

    await failure(client.embedOne(fresh()));
    expect(client.circuit.state).toBe("open");
    // Cool-down over: the next call is the probe; it fails, so the circuit opens again.
    const probeFailure = await failure(client.embedOne(fresh()));
    expect(probeFailure).not.toBeInstanceOf(MlRuntimeCircuitOpenError);
    expect(client.circuit).toMatchObject({ state: "open", opens: 2 });

    // The runtime comes back and holds the probe's answer until released.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    runtime.answer = (_req, res, input) => void released.then(() => ok(res, input));
    await runtime.start();
    const probe = client.embedOne(fresh());
    await waitFor(() => runtime.requests === 1);
    expect(client.circuit.state).toBe("half-open");
    expect(await failure(client.embedOne(fresh()))).toBeInstanceOf(MlRuntimeCircuitOpenError);
    expect(runtime.requests).toBe(1);

    release();
    expect(await probe).toHaveLength(3);
    expect(client.circuit).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    await client.embedOne(fresh());
    expect(runtime.requests).toBe(2);
    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual(["closed>open", "open>half-open", "half-open>open", "open>half-open", "half-open>closed"]);
    expect(changes[0]!.reason).toMatch(/ECONNREFUSED/);
  });

  it("counts 5xx answers and timeouts as failures, while a 4xx answer resets the count", async () => {
    const runtime = await fakeRuntime();
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: "fake", timeoutMs: 200, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    runtime.answer = (_req, res) => status(res, 500);
    await failure(client.embedOne(fresh()));
    expect(client.circuit).toMatchObject({ state: "closed", consecutiveFailures: 1 });

    runtime.answer = (_req, res) => status(res, 400);
    expect(await failure(client.embedOne(fresh()))).toBeInstanceOf(MlRuntimeRequestError);
    expect(client.circuit).toMatchObject({ state: "closed", consecutiveFailures: 0 });

    runtime.answer = (_req, res) => status(res, 503);
    await failure(client.embedOne(fresh()));
    runtime.answer = () => undefined; // never answers: the call times out
    const timedOut = await failure(client.embedOne(fresh()));
    expect((timedOut as Error).message).toMatch(/did not answer within 200 ms/);
    expect(client.circuit).toMatchObject({ state: "open", consecutiveFailures: 2 });
    expect(await failure(client.embedOne(fresh()))).toBeInstanceOf(MlRuntimeCircuitOpenError);
  });

  it("is one circuit for a client and all its per-request children, and a success from any of them closes it", async () => {
    const runtime = await fakeRuntime();
    const client = createEmbeddingClient({ baseUrl: runtime.url, defaultModel: "fake", breaker: { failureThreshold: 2, cooldownMs: 0 } });
    runtime.answer = (_req, res) => status(res, 502);
    await failure(client.forRequest("a").embedOne(fresh()));
    await failure(client.forRequest("b").embedOne(fresh()));
    expect(client.circuit.state).toBe("open");
    expect(client.forRequest("c").circuit.state).toBe("open");
    runtime.answer = (_req, res, input) => ok(res, input);
    await client.forRequest("d").embedOne(fresh());
    expect(client.circuit.state).toBe("closed");
  });
});
