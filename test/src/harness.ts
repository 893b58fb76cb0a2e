import { Writable } from "node:stream";
import { SignJWT } from "jose";
import { pino } from "pino";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createTestDatabase, insertSeedRows, type DbKind, type TestDatabase } from "@matchgraph/db";
import { startPlatform, type Platform, type PlatformOptions } from "@matchgraph/gateway/platform";
import { testModel } from "./env.js";

export const JWT_SECRET = "test-secret-for-end-to-end-suites-0123456789";
/** The gateway limits every suite runs with (tighter than the defaults, so tests reach them cheaply). */
export const TEST_LIMITS = { maxBytes: 64 * 1024, maxTokens: 2000, maxDepth: 8, maxAliases: 20, maxDirectives: 20, maxCost: 5000 };

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown>; path?: unknown[] }>;
}

export interface TestPlatform {
  kind: DbKind;
  db: TestDatabase;
  platform: Platform;
  model: string;
  /** Every JSON log line any service wrote. */
  logs: Array<Record<string, unknown>>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, opts?: { token?: string | null; requestId?: string }): Promise<GraphQLResponse<T>>;
  ws(token?: string | null): Client;
  token(roles: string[], userId?: string): Promise<string>;
  writer: string;
  /** Stops every service and starts them again on the same database (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function signToken(roles: string[], userId = "user-1", secret = JWT_SECRET): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
}

/** Starts the whole platform (real ml-runtime, five subgraphs, gateway) on a fresh database of `kind`. */
/** `seed`: the demo rows (no vectors) are written before the subgraphs start, as `npm start` does. */
/** `auth`: default JWTs signed with JWT_SECRET (anonymous reads allowed); `{ mode: "none", localRoles }` is npm start's. */
export async function startTestPlatform(kind: DbKind, options: { rateLimitPerMinute?: number; seed?: boolean; auth?: PlatformOptions["auth"] } = {}): Promise<TestPlatform> {
  const { modelDir, model } = testModel();
  const db = await createTestDatabase(kind);
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        // Failures are easier to read with the services' own errors beside them.
        if (Number(entry.level) >= 50) process.stderr.write(`${line}\n`);
      }
      done();
    },
  });
  const log = pino({ level: "debug" }, sink);
  const start = () =>
    startPlatform({
      db,
      log,
      auth: options.auth ?? { mode: "jwt", secret: JWT_SECRET, anonymousRead: true },
      limits: { ...TEST_LIMITS, ratePerMinute: options.rateLimitPerMinute ?? 100_000 },
      host: "127.0.0.1",
      port: 0,
      servicePorts: "random",
      ml: { models: [model], defaultModel: model, modelDirs: [modelDir] },
      ...(options.seed ? { beforeServices: async () => void (await insertSeedRows(db)) } : {}),
    });
  let platform: Platform;
  try {
    platform = await start();
  } catch (err) {
    await db.drop();
    throw err;
  }
  const writer = await signToken(["writer"]);
  const clients: Client[] = [];
  const handle: TestPlatform = {
    kind,
    db,
    platform,
    model,
    logs,
    writer,
    token: signToken,
    async gql(query, variables = {}, opts = {}) {
      const token = opts.token === undefined ? writer : opts.token;
      const res = await fetch(platform.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(opts.requestId ? { "x-request-id": opts.requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, "status" | "headers">;
      return { status: res.status, headers: res.headers, ...body } as GraphQLResponse<never>;
    },
    ws(token) {
      const bearer = token === undefined ? writer : token;
      const client = createClient({
        url: platform.wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      clients.push(client);
      return client;
    },
    async restart() {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
      await platform.close();
      platform = await start();
      handle.platform = platform;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await platform.close();
      await db.drop();
    },
  };
  return handle;
}

export interface Subscription<T> {
  events: T[];
  errors: unknown[];
  dispose(): void;
}

/** Starts a subscription and collects its events. */
export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<T>({ query, variables }, { next: (v) => events.push(v as T), error: (e) => errors.push(e), complete: () => undefined });
  return { events, errors, dispose };
}

/**
 * graphql-ws has no "subscription is live" acknowledgement, so a test repeats its triggering
 * action until the condition holds (or fails after timeoutMs).
 */
export async function until(condition: () => boolean, action: () => Promise<unknown>, timeoutMs = 20_000, everyMs = 400): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await action();
    const waitUntil = Date.now() + everyMs;
    while (!condition() && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 25));
  }
}
