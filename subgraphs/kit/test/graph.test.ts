import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGraphClient,
  createServiceTokenVerifier,
  isServiceToken,
  SERVICE_TOKEN_AUDIENCE,
  SERVICE_TOKEN_ISSUER,
  signServiceToken,
  verifyServiceToken,
} from "../src/graph.js";
import { signCaller, verifyCaller } from "../src/identity.js";

const secret = "g".repeat(40);
const key = new TextEncoder().encode(secret);

describe("service tokens", () => {
  it("carry the service and the user it acts for, with that user's roles; background work acts as service:<name> without roles", async () => {
    const forUser = await verifyServiceToken(await signServiceToken({ service: "recommendations", onBehalfOf: { userId: "ann", roles: ["reader"] } }, secret), secret);
    expect(forUser).toMatchObject({ service: "recommendations", identity: { userId: "ann", roles: ["reader"] } });
    expect(forUser!.expiresAt).toBeGreaterThan(Date.now());
    const background = await verifyServiceToken(await signServiceToken({ service: "recommendations", onBehalfOf: null }, secret), secret);
    expect(background).toMatchObject({ service: "recommendations", identity: { userId: "service:recommendations", roles: [] } });
  });

  it("are told apart from client JWTs and gateway caller tokens, and neither can stand in for the other", async () => {
    const service = await signServiceToken({ service: "recommendations", onBehalfOf: null }, secret);
    const caller = await signCaller({ kind: "user", identity: { userId: "ann", roles: ["admin"] } }, secret);
    expect(isServiceToken(service)).toBe(true);
    expect(isServiceToken(caller)).toBe(false);
    expect(isServiceToken("not a jwt")).toBe(false);
    // Same secret, other audience: a caller token is no service token and a service token is no caller token.
    expect(await verifyServiceToken(caller, secret)).toBeNull();
    expect(await verifyCaller(service, secret)).toBeNull();
  });

  it("are refused when signed with another secret, tampered with, expired, too long-lived or without a service name", async () => {
    expect(await verifyServiceToken(await signServiceToken({ service: "recommendations", onBehalfOf: null }, "x".repeat(40)), secret)).toBeNull();
    const good = await signServiceToken({ service: "recommendations", onBehalfOf: { userId: "ann", roles: ["reader"] } }, secret);
    const [h, , s] = good.split(".");
    const now = Math.floor(Date.now() / 1000);
    const forged = Buffer.from(JSON.stringify({ svc: "recommendations", roles: ["admin"], sub: "ann", iss: SERVICE_TOKEN_ISSUER, aud: SERVICE_TOKEN_AUDIENCE, iat: now, exp: now + 60 })).toString("base64url");
    expect(await verifyServiceToken(`${h}.${forged}.${s}`, secret)).toBeNull();
    const sign = (claims: Record<string, unknown>, iat: number, exp: number) =>
      new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("ann").setIssuer(SERVICE_TOKEN_ISSUER).setAudience(SERVICE_TOKEN_AUDIENCE).setIssuedAt(iat).setExpirationTime(exp).sign(key);
    expect(await verifyServiceToken(await sign({ svc: "recommendations" }, now - 300, now - 10), secret)).toBeNull();
    expect(await verifyServiceToken(await sign({ svc: "recommendations" }, now, now + 24 * 3600), secret)).toBeNull();
    expect(await verifyServiceToken(await sign({}, now, now + 60), secret)).toBeNull();
    expect(await verifyServiceToken(await sign({ svc: "Not A Name" }, now, now + 60), secret)).toBeNull();
    expect(await verifyServiceToken(await sign({ svc: "recommendations" }, now, now + 60), secret)).not.toBeNull();
    await expect(signServiceToken({ service: "Bad Name", onBehalfOf: null }, secret)).rejects.toThrow(/service name/);
  });

  it("are verified once and cached until they expire", async () => {
    const verify = createServiceTokenVerifier(secret);
    const token = await signServiceToken({ service: "recommendations", onBehalfOf: null }, secret);
    const a = await verify(token);
    expect(await verify(token)).toBe(a);
    expect(await verify(`${token}x`)).toBeNull();
  });
});

describe("the graph client", () => {
  let server: Server;
  let url: string;
  const seen: Array<{ authorization: string | undefined; requestId: string | undefined; body: { query: string; variables: Record<string, unknown> } }> = [];
  let answer: (body: { query: string }) => { status: number; body: unknown } = () => ({ status: 200, body: { data: { ok: true } } });

  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables: Record<string, unknown> };
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      void read(req).then((body) => {
        seen.push({ authorization: req.headers.authorization, requestId: req.headers["x-request-id"] as string | undefined, body });
        const out = answer(body);
        res.writeHead(out.status, { "content-type": "application/json" });
        res.end(JSON.stringify(out.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("posts the query with a service token for the user and the request id, and reuses the token", async () => {
    const graph = createGraphClient("recommendations", { url: () => url, secret });
    const data = await graph.query<{ ok: boolean }>("query ($q: String!) { ok(q: $q) }", { q: "x" }, { onBehalfOf: { userId: "ann", roles: ["reader"] }, requestId: "req-1" });
    await graph.query("{ ok }", {}, { onBehalfOf: { userId: "ann", roles: ["reader"] } });
    await graph.query("{ ok }", {}, { onBehalfOf: null });
    expect(data).toEqual({ ok: true });
    const [first, second, third] = seen.slice(-3);
    expect(first!.requestId).toBe("req-1");
    expect(first!.body).toEqual({ query: "query ($q: String!) { ok(q: $q) }", variables: { q: "x" } });
    const token = first!.authorization!.replace(/^Bearer /, "");
    expect(await verifyServiceToken(token, secret)).toMatchObject({ service: "recommendations", identity: { userId: "ann", roles: ["reader"] } });
    expect(second!.authorization).toBe(first!.authorization);
    expect(await verifyServiceToken(third!.authorization!.replace(/^Bearer /, ""), secret)).toMatchObject({ identity: { userId: "service:recommendations" } });
  });

  it("passes on the answer's error code, turns a refused service token into UNAVAILABLE, and says when the gateway is not there", async () => {
    const graph = createGraphClient("recommendations", { url, secret });
    answer = () => ({ status: 200, body: { errors: [{ message: "no such source", extensions: { code: "NOT_FOUND" } }], data: null } });
    await expect(graph.query("{ x }", {}, { onBehalfOf: null })).rejects.toMatchObject({ extensions: { code: "NOT_FOUND" } });
    answer = () => ({ status: 401, body: { errors: [{ message: "Invalid or expired service token", extensions: { code: "UNAUTHENTICATED" } }] } });
    await expect(graph.query("{ x }", {}, { onBehalfOf: null })).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
    answer = () => ({ status: 502, body: "bad gateway" });
    await expect(graph.query("{ x }", {}, { onBehalfOf: null })).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
    const notYet = createGraphClient("recommendations", { url: () => undefined, secret });
    await expect(notYet.query("{ x }", {}, { onBehalfOf: null })).rejects.toThrow(/has not started/);
    const closed = createGraphClient("recommendations", { url: "http://127.0.0.1:9/graphql", secret, timeoutMs: 2000 });
    await expect(closed.query("{ x }", {}, { onBehalfOf: null })).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
    expect(() => createGraphClient("Not Valid", { url, secret })).toThrow(/service name/);
  });
});
