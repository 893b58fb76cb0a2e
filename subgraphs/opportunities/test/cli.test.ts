import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAnswerReader, EXIT_LOST_CONTACT, runOpportunitiesCli } from "../src/cli.js";

/**
 * The CLI following a job through a flaky connection, against a real HTTP server on a loopback
 * port that plays the gateway: it queues the job, then answers each poll by a script (reset the
 * connection, a proxy's 502 page, a busy 503, or the job as it is).
 */
type Poll = "reset" | "bad-gateway" | "busy" | { status: string; progress?: { stage: string; done: number; total: number } };

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const JOB_ID = "6f1c2a8e-58a4-4a77-9d59-0c3f4b1e2a10";
const runReport = { mode: "full", records: 75, candidatePairs: 310, durationMs: 4200, statistics: { pending: 0, sources: [{ source: "APN", records: 45, matched: 20, unmatched: 25 }], byStatus: [{ key: "auto_confirmed", count: 20 }] } };
const importReport = { encoding: "utf-8", rows: 3, inserted: 3, updated: 0, unchanged: 0, failed: 0, matchedRecords: 3, errors: [] };

function job(kind: string, status: string, extra: Record<string, unknown> = {}) {
  return { id: JOB_ID, kind, status, lastError: null, progress: null, importReport: null, runReport: null, ...extra };
}

async function gateway(kind: "match-full" | "import", polls: Poll[]): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const { query } = JSON.parse(raw) as { query: string };
      const op = /runMatching|importOpportunities|opportunityJob/.exec(query)?.[0] ?? "other";
      requests.push(op);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (op === "runMatching") return json(200, { data: { runMatching: job(kind, "queued") } });
      if (op === "importOpportunities") return json(200, { data: { importOpportunities: job(kind, "queued") } });
      const step = polls.shift() ?? { status: "running" };
      if (step === "reset") return void req.socket.destroy();
      if (step === "bad-gateway") {
        res.writeHead(502, { "content-type": "text/html" });
        return void res.end("<html>502 Bad Gateway</html>");
      }
      if (step === "busy") return json(503, { errors: [{ message: "The database is busy; try again shortly", extensions: { code: "UNAVAILABLE" } }] });
      const report = step.status === "done" ? (kind === "import" ? { importReport } : { runReport }) : {};
      return json(200, { data: { opportunityJob: job(kind, step.status, { progress: step.progress ?? null, lastError: step.status === "failed" ? "embedding failed: boom" : null, ...report }) } });
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, requests };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { print: (l: string) => out.push(l), error: (l: string) => err.push(l), pollIntervalMs: 20 } };
}

let dir: string;
let csv: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "opportunities-cli-"));
  csv = join(dir, "apn.csv");
  await writeFile(csv, "Opportunity ID,Customer Company Name\nO-1,Acme\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("following a job through transient network errors", () => {
  it("match: polls that are reset, answered 502 and 503 are tried again; the run's result is printed and the exit code is 0", async () => {
    const { url, requests } = await gateway("match-full", [{ status: "running", progress: { stage: "score", done: 1, total: 4 } }, "reset", "bad-gateway", "busy", { status: "running", progress: { stage: "assign", done: 4, total: 4 } }, { status: "done" }]);
    const { out, err, io } = capture();
    const code = await runOpportunitiesCli(["match", "--full", "--url", url], io);
    expect({ code, out }).toEqual({
      code: 0,
      out: ["full run: 310 candidate pairs in 4.2 s", "  pairs: auto_confirmed 20", "  APN: 45 records, 20 matched, 25 unmatched"],
    });
    expect(requests).toEqual(["runMatching", ...Array<string>(6).fill("opportunityJob")]);
    expect(err[0]).toBe("score 1/4");
    expect(err[1]).toMatch(new RegExp(`^poll of job ${JOB_ID} failed \\(.*could not be reached \\((ECONNRESET|UND_ERR_SOCKET)\\)\\); retrying for up to 300 s$`));
    expect(err[2]).toMatch(/^ {2}still failing \(.*answered HTTP 502: <html>502 Bad Gateway<\/html>\); next try in [\d.]+ s$/);
    expect(err[3]).toMatch(/^ {2}still failing \(The database is busy; try again shortly\); next try in [\d.]+ s$/);
    expect(err[4]).toMatch(/^reconnected after 3 retries \([\d.]+ s\)$/);
    expect(err.slice(5)).toEqual(["assign 4/4", "done"]);
  });

  it("import: exits 0 with its report after an outage", async () => {
    const { url } = await gateway("import", ["reset", "reset", { status: "done" }]);
    const { out, io } = capture();
    expect(await runOpportunitiesCli(["import", "--source", "apn", "--file", csv, "--url", url], io)).toBe(0);
    expect(out).toEqual([`imported ${csv} (utf-8): 3 rows, 3 new, 0 updated, 0 unchanged, 0 refused; 3 records matched`]);
  });

  it("exits 1 when the job itself fails, even after retries", async () => {
    const { url } = await gateway("import", ["busy", { status: "failed" }]);
    const { err, io } = capture();
    expect(await runOpportunitiesCli(["import", "--source", "apn", "--file", csv, "--url", url], io)).toBe(1);
    expect(err.at(-1)).toBe(`job ${JOB_ID} failed: embedding failed: boom`);
  });

  it(`exits ${EXIT_LOST_CONTACT} when the server stays unreachable past --retry-for, saying the job goes on`, async () => {
    const { url, server } = await gateway("match-full", [{ status: "running" }]);
    const { err, io } = capture();
    // Once the job is queued, the server goes away for good.
    server.once("request", (_req, res) =>
      res.once("finish", () => {
        server.close();
        server.closeAllConnections();
      }),
    );
    const code = await runOpportunitiesCli(["match", "--url", url, "--retry-for", "0.5"], io);
    expect(code).toBe(EXIT_LOST_CONTACT);
    expect(err.at(-1)).toMatch(
      new RegExp(`^error: lost contact with the server while following job ${JOB_ID}: .*could not be reached \\(ECONNREFUSED\\) \\(still failing after [\\d.]+ s and \\d+ attempts\\)\\. The job goes on there`),
    );
  });

  it("refuses a bad --retry-for as a usage error", async () => {
    const { io, err } = capture();
    expect(await runOpportunitiesCli(["match", "--retry-for=-1"], io)).toBe(2);
    expect(await runOpportunitiesCli(["import", "--source", "apn", "--file", "x.csv", "--retry-for", "soon"], io)).toBe(2);
    expect(await runOpportunitiesCli(["match", "--retry-for", "-1"], io)).toBe(2);
    expect(err.filter((l) => !l.startsWith("usage:"))).toEqual([
      "--retry-for must be a number of seconds from 0 to 86400",
      "--retry-for must be a number of seconds from 0 to 86400",
      expect.stringMatching(/--retry-for/),
    ]);
  });
});

describe("review answers", () => {
  it("from a pipe: lines, including those written before the question; the end of input quits", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const reader = createAnswerReader(input, output);
    input.write("y\nn\n");
    expect(await reader.ask("1? ")).toBe("y");
    expect(await reader.ask("2? ")).toBe("n");
    input.end("s\n");
    expect(await reader.ask("3? ")).toBe("s");
    expect(await reader.ask("4? ")).toBe("q");
    reader.close();
    expect(output.read()?.toString()).toBe("1? 2? 3? 4? ");
  });

  it("from a terminal: one key without Enter, in raw mode for the question only; Ctrl-C quits", async () => {
    const modes: boolean[] = [];
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (raw: boolean) => modes.push(raw) });
    const output = new PassThrough();
    const reader = createAnswerReader(input, output);
    const first = reader.ask("match? ");
    input.write("x");
    input.write("Y");
    expect(await first).toBe("y");
    const second = reader.ask("match? ");
    input.write("\u0003");
    expect(await second).toBe("q");
    expect(modes).toEqual([true, false, true, false]);
    expect(output.read()?.toString()).toBe("match? Y\nmatch? \n");
  });
});
