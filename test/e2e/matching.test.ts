import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOpportunitiesCli } from "@matchgraph/opportunities/cli";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { databaseKinds, REPO_ROOT } from "../src/env.js";
import { startTestPlatform, subscribe, until, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();
const SCRIPT = "/usr/bin/script";

const JOB = `id kind status lastError progress { stage done total }
  importReport { encoding rows inserted updated unchanged failed matchedRecords errors { line externalId reason } }
  runReport { mode records candidatePairs statistics { pending sources { source records matched unmatched } byStatus { key count } } }`;

interface Job {
  id: string;
  status: string;
  lastError: string | null;
  importReport: { encoding: string; rows: number; inserted: number; updated: number; unchanged: number; failed: number; matchedRecords: number; errors: Array<{ line: number; externalId: string | null; reason: string }> } | null;
  runReport: { mode: string; records: number; candidatePairs: number; statistics: { pending: number; sources: Array<{ source: string; records: number }>; byStatus: Array<{ key: string; count: number }> } } | null;
}

interface MatchView {
  id: string;
  score: number;
  status: string;
  reviewer: string | null;
  signals: Array<{ signal: string; value: number | null; contribution: number }>;
  apn: { externalId: string };
  odoo: { externalId: string };
}

const MATCH = `id score status reviewer signals { signal value contribution } apn { externalId } odoo { externalId }`;

// A small generated set: every kind of noise, still quick to embed with the test model.
const data = generateMatchingDataset({ odooCount: 30, apnCount: 45, truePairs: 24 });

describe.each(kinds)("opportunity matching through the gateway on %s", (kind) => {
  let t: TestPlatform;
  let dir: string;

  async function waitForJob(job: Job): Promise<Job> {
    const deadline = Date.now() + 120_000;
    while ((job.status === "queued" || job.status === "running") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      job = (await t.gql<{ opportunityJob: Job }>(`query ($id: ID!) { opportunityJob(id: $id) { ${JOB} } }`, { id: job.id })).data!.opportunityJob;
    }
    return job;
  }

  async function importCsv(source: "APN" | "ODOO", bytes: Buffer, extra: Record<string, unknown> = {}) {
    const res = await t.gql<{ importOpportunities: Job }>(`mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { ${JOB} } }`, {
      input: { source, contentBase64: bytes.toString("base64"), fileName: `${source}.csv`, ...extra },
    });
    expect(res.errors).toBeUndefined();
    return waitForJob(res.data!.importOpportunities);
  }

  const count = async (sql: "opportunity" | "match" | "job") =>
    Number((await t.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM opportunities.${sql}`))[0]!.n);

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    dir = await mkdtemp(join(tmpdir(), "matching-e2e-"));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("refuses a file that cannot import, with nothing stored", async () => {
    const badEnum = await t.gql(`mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { id } }`, { input: { source: "apn", csv: "x" } });
    expect(badEnum.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const res = await t.gql(`mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { id } }`, {
      input: { source: "APN", csv: "name,site\nAcme,acme.com\n" },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/Opportunity ID/);
    const badMapping = await t.gql(`mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { id } }`, {
      input: { source: "ODOO", csv: "id,name\n1,Acme\n", mapping: '{"externalId": "id", "companyName": "name", "colour": "x"}' },
    });
    expect(badMapping.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(badMapping.errors?.[0]?.message).toMatch(/colour/);
    expect(await count("opportunity")).toBe(0);
    expect(await count("job")).toBe(0);
  });

  it("imports both exports with detected encodings; bad rows are reported by line, good rows land and are matched", async () => {
    const odooText = data.odooCsv.toString("utf8");
    // Two bad rows at the end: an impossible date and a missing id.
    const broken = `${odooText}__export__.crm_lead_bad_1,Bad date deal,Acme Broken GmbH,acme-broken.de,,,New,Germany,,2026-02-30,100,,\n,No id deal,Nobody Ltd,nobody.co.uk,,,New,United Kingdom,,2026-01-01,5,,\n`;
    const lines = broken.split("\n").length - 1;
    const odoo = await importCsv("ODOO", Buffer.from(broken, "utf8"));
    expect(odoo.status).toBe("done");
    expect(odoo.importReport).toMatchObject({ encoding: "utf-8-bom", failed: 2, updated: 0, unchanged: 0 });
    expect(odoo.importReport!.errors.map((e) => e.line)).toEqual([lines - 1, lines]);
    expect(odoo.importReport!.errors[0]!.reason).toMatch(/date/i);
    expect(odoo.importReport!.errors[1]!.reason).toMatch(/externalId/);

    const apn = await importCsv("APN", data.apnCsv);
    expect(apn.status).toBe("done");
    expect(apn.importReport).toMatchObject({ encoding: "windows-1252", failed: 0, inserted: 45 });
    expect(await count("opportunity")).toBe(odoo.importReport!.inserted + 45);
    const accented = await t.db.prisma.opportunity.findMany({ where: { source: "apn", companyName: { contains: "é" } } });
    expect(accented.length + (await t.db.prisma.opportunity.count({ where: { source: "apn", companyName: { contains: "ü" } } }))).toBeGreaterThan(0);

    // Every record was matched on import (no full run): pairs exist with explanations.
    const pending = await t.db.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM opportunities.opportunity WHERE matched_at IS NULL OR matched_at < updated_at`;
    expect(pending[0]!.n).toBe(0);
    expect(await count("match")).toBeGreaterThan(0);
    const assigned = await t.db.prisma.$queryRaw<Array<{ worst: number }>>`
      SELECT coalesce(max(n), 0)::int AS worst FROM (
        SELECT count(*) AS n FROM opportunities.match WHERE assigned GROUP BY apn_id
        UNION ALL SELECT count(*) FROM opportunities.match WHERE assigned GROUP BY odoo_id) x`;
    expect(assigned[0]!.worst).toBe(1);
  });

  it("re-importing a file changes nothing; a changed row is updated and matched again", async () => {
    const again = await importCsv("APN", data.apnCsv);
    expect(again.importReport).toMatchObject({ inserted: 0, updated: 0, unchanged: 45, failed: 0 });

    const first = (await t.db.prisma.opportunity.findFirst({ where: { source: "apn" }, orderBy: { externalId: "asc" } }))!;
    // The title is the cell after the id (quoted or not).
    const text = data.apnCsv.toString("latin1").replace(new RegExp(`^${first.externalId},("(?:[^"]|"")*"|[^,]*)`, "m"), `${first.externalId},Renamed project`);
    const changed = await importCsv("APN", Buffer.from(text, "latin1"));
    expect(changed.importReport).toMatchObject({ inserted: 0, updated: 1, unchanged: 44 });
    const after = (await t.db.prisma.opportunity.findUnique({ where: { id: first.id } }))!;
    expect(after.title).toBe("Renamed project");
    expect(after.matchedAt!.getTime()).toBeGreaterThanOrEqual(after.updatedAt.getTime());
  });

  it("gives an opportunity's candidates with each signal's contribution", async () => {
    const gold = data.gold[0]!;
    const apn = (await t.db.prisma.opportunity.findUnique({ where: { source_externalId: { source: "apn", externalId: gold.apnExternalId } } }))!;
    const res = await t.gql<{ matchCandidates: MatchView[] }>(`query ($id: ID!) { matchCandidates(opportunityId: $id, k: 5) { ${MATCH} } }`, { id: apn.id });
    expect(res.errors).toBeUndefined();
    const candidates = res.data!.matchCandidates;
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a));
    const signals = candidates[0]!.signals;
    // The zero-label model's explanation: the prior, then each comparison's level and what it adds.
    expect(signals.map((s) => s.signal)).toEqual(expect.arrayContaining(["prior", "name", "domain", "context", "close_date", "amount"]));
    const logit = signals.reduce((sum, s) => sum + s.contribution, 0);
    expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(candidates[0]!.score, 2);
  });

  it("answers matches and matchingQualityReport without their optional arguments", async () => {
    const page = await t.gql<{ matches: { nodes: Array<{ id: string }>; endCursor: string | null } }>(`{ matches(first: 1) { nodes { id } endCursor } }`);
    expect(page.errors).toBeUndefined();
    const first = await t.db.prisma.opportunityMatch.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
    expect(page.data!.matches.nodes).toEqual([{ id: first!.id }]);
    const report = await t.gql<{ matchingQualityReport: { goldPairs: number; scoredPairs: number } }>(`query ($gold: String!) { matchingQualityReport(gold: $gold) { goldPairs scoredPairs } }`, {
      gold: data.goldCsv,
    });
    expect(report.errors).toBeUndefined();
    expect(report.data!.matchingQualityReport).toEqual({ goldPairs: data.gold.length, scoredPairs: await count("match") });
  });

  it("refuses config numbers out of bounds with BAD_USER_INPUT, storing and re-scoring nothing", async () => {
    const versions = async () => Number((await t.db.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM opportunities.matching_config`)[0]!.n);
    const before = { versions: await versions(), pairs: await t.db.prisma.opportunityMatch.findMany({ orderBy: { id: "asc" }, select: { id: true, score: true, status: true, configVersion: true } }) };
    const huge = await t.gql(`mutation { updateMatchingConfig(input: { weights: [{ signal: "domain", weight: 1e308 }] }) { version } }`);
    expect(huge.errors?.[0]).toMatchObject({ message: "weights: domain must be a finite number from -20 to 20; got 1e+308", extensions: { code: "BAD_USER_INPUT" } });
    const negative = await t.gql(`mutation { updateMatchingConfig(input: { dateWindowDays: -5 }) { version } }`);
    expect(negative.errors?.[0]).toMatchObject({ message: "dateWindowDays must be an integer from 0 to 3650; got -5", extensions: { code: "BAD_USER_INPUT" } });
    const inverted = await t.gql(`mutation { updateMatchingConfig(input: { autoConfirmThreshold: 0.4, reviewThreshold: 0.6 }) { version } }`);
    expect(inverted.errors?.[0]).toMatchObject({ message: "reviewThreshold (0.6) must not exceed autoConfirmThreshold (0.4)", extensions: { code: "BAD_USER_INPUT" } });
    expect(await versions()).toBe(before.versions);
    expect(await t.db.prisma.opportunityMatch.findMany({ orderBy: { id: "asc" }, select: { id: true, score: true, status: true, configVersion: true } })).toEqual(before.pairs);
  });

  it("records review decisions in an append-only trail; a second reviewer's contrary decision is a CONFLICT", async () => {
    // Thresholds that put pairs in the review queue whatever the test model scores.
    const cfg = await t.gql(`mutation { updateMatchingConfig(input: { autoConfirmThreshold: 0.9999, reviewThreshold: 0.01 }) { version reviewThreshold } }`);
    expect(cfg.errors).toBeUndefined();
    const queue = await t.gql<{ matchReviewQueue: { nodes: MatchView[] } }>(`query { matchReviewQueue(first: 5) { nodes { ${MATCH} } } }`);
    const [a, b] = queue.data!.matchReviewQueue.nodes;
    expect(a && b).toBeTruthy();

    const confirmed = await t.gql<{ confirmMatch: MatchView }>(`mutation ($id: ID!) { confirmMatch(id: $id, reason: "same deal") { ${MATCH} } }`, { id: a!.id });
    expect(confirmed.data!.confirmMatch).toMatchObject({ status: "CONFIRMED", reviewer: "user-1" });
    const rejected = await t.gql<{ rejectMatch: MatchView }>(`mutation ($id: ID!) { rejectMatch(id: $id) { ${MATCH} } }`, { id: b!.id });
    expect(rejected.data!.rejectMatch.status).toBe("REJECTED");

    const other = await t.token(["writer"], "reviewer-2");
    const contrary = await t.gql(`mutation ($id: ID!) { rejectMatch(id: $id) { id } }`, { id: a!.id }, { token: other });
    expect(contrary.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const reader = await t.token(["reader"], "reader-1");
    const forbidden = await t.gql(`mutation ($id: ID!) { rejectMatch(id: $id) { id } }`, { id: a!.id }, { token: reader });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const history = await t.gql<{ match: { history: Array<{ toStatus: string; actor: string; reason: string | null }> } }>(
      `query ($id: ID!) { match(id: $id) { history { toStatus actor reason } } }`,
      { id: a!.id },
    );
    expect(history.data!.match.history.at(-1)).toEqual({ toStatus: "CONFIRMED", actor: "user-1", reason: "same deal" });
    // The confirmed pair took both records: no other pair of them stays assigned.
    const rivals = await t.db.prisma.opportunityMatch.count({
      where: { id: { not: a!.id }, assigned: true, OR: [{ apnId: (await t.db.prisma.opportunityMatch.findUnique({ where: { id: a!.id } }))!.apnId }] },
    });
    expect(rivals).toBe(0);
    await expect(t.db.prisma.$executeRaw`UPDATE opportunities.match_decision SET actor = 'mallory'`).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.$executeRaw`DELETE FROM opportunities.match_decision`).rejects.toThrow(/append-only/);
  });

  it("delivers matchDecided and matchReviewQueued to every reviewer through the gateway", async () => {
    const alice = t.ws(await t.token(["writer"], "alice"));
    const bob = t.ws(await t.token(["writer"], "bob"));
    try {
      const seenByBob = subscribe<{ data: { matchDecided: { id: string; status: string; reviewer: string } } }>(bob, `subscription { matchDecided { id status reviewer } }`);
      const queued = subscribe<{ data: { matchReviewQueued: { id: string; status: string } } }>(alice, `subscription { matchReviewQueued { id status } }`);
      const target = (await t.db.prisma.opportunityMatch.findFirst({ where: { status: "proposed" } }))!;
      await until(
        () => seenByBob.events.some((e) => e.data.matchDecided.id === target.id),
        () => t.gql(`mutation ($id: ID!) { confirmMatch(id: $id, override: true) { id } }`, { id: target.id }),
      );
      expect(seenByBob.events.find((e) => e.data.matchDecided.id === target.id)!.data.matchDecided).toMatchObject({ status: "CONFIRMED", reviewer: "user-1" });
      // Raising and lowering the review threshold moves pairs out of the queue and back in.
      let round = 0;
      await until(
        () => queued.events.length > 0,
        () => t.gql(`mutation ($r: Float!) { updateMatchingConfig(input: { reviewThreshold: $r }) { version } }`, { r: round++ % 2 === 0 ? 0.9 : 0.01 }),
      );
      expect(queued.events[0]!.data.matchReviewQueued.status).toBe("PROPOSED");
      expect(seenByBob.errors).toEqual([]);
    } finally {
      await alice.dispose();
      await bob.dispose();
    }
  });

  it("runs a full matching as a durable job with statistics", async () => {
    const res = await t.gql<{ runMatching: Job }>(`mutation { runMatching(full: true) { ${JOB} } }`);
    const job = await waitForJob(res.data!.runMatching);
    expect(job.status).toBe("done");
    expect(job.runReport!.mode).toBe("full");
    expect(job.runReport!.statistics.pending).toBe(0);
    const records = job.runReport!.statistics.sources.reduce((s, x) => s + x.records, 0);
    expect(records).toBe(await count("opportunity"));
    // Human decisions survive a full run.
    expect(await t.db.prisma.opportunityMatch.count({ where: { status: { in: ["confirmed", "rejected"] } } })).toBeGreaterThanOrEqual(2);
  });

  it("finishes an import that a crashed process left half done, after a restart", async () => {
    // What a crash mid-import leaves behind: a running job with a stale lease, some of its rows
    // written (here: none of the new ones yet), and the file in the job row.
    const extra = generateMatchingDataset({ seed: 99, odooCount: 6, apnCount: 6, truePairs: 4 });
    const before = await count("opportunity");
    const [row] = await t.db.prisma.$queryRaw<Array<{ id: string }>>`
      INSERT INTO opportunities.job (kind, status, payload, document, attempts, locked_by, locked_at, run_after, progress)
      VALUES ('import', 'running', ${JSON.stringify({ source: "odoo", mapping: null, fileName: "odoo-extra.csv", dayFirst: false })}::jsonb,
              ${extra.odooCsv}, 1, 'crashed-process', now() - interval '1 hour', now(), '{"stage": "import", "done": 0, "total": 6}'::jsonb)
      RETURNING id::text AS id`;
    await t.restart();
    const job = await waitForJob({ id: row!.id, status: "running" } as Job);
    expect(job.status).toBe("done");
    expect(job.importReport).toMatchObject({ inserted: 6, failed: 0 });
    expect(await count("opportunity")).toBe(before + 6);
  });

  it("exports matches and writes the quality report through the CLI", async () => {
    const out: string[] = [];
    const io = { print: (l: string) => out.push(l), error: (l: string) => out.push(l) };
    const url = t.platform.url;
    const csv = join(dir, "matches.csv");
    const exported = await runOpportunitiesCli(["export-matches", "--out", csv, "--statuses", "confirmed,auto_confirmed,proposed", "--url", url, "--token", t.writer], io);
    expect({ exported, out }).toEqual({ exported: 0, out: [expect.stringMatching(/matches written/)] });
    const rows = (await readFile(csv, "utf8")).trim().split("\n");
    expect(rows[0]).toBe("apn_external_id,odoo_external_id,score,confidence,status");
    expect(rows.length - 1).toBe(await t.db.prisma.opportunityMatch.count({ where: { status: { in: ["confirmed", "auto_confirmed", "proposed"] } } }));

    const goldFile = join(dir, "gold.csv");
    await writeFile(goldFile, data.goldCsv);
    const html = join(dir, "report.html");
    expect(await runOpportunitiesCli(["report", "--gold", goldFile, "--out", html, "--url", url, "--token", t.writer], io)).toBe(0);
    const page = await readFile(html, "utf8");
    expect(page).toContain("<svg");
    expect(out.join("\n")).toMatch(/precision \d\.\d{4}, recall \d\.\d{4}/);

    expect(await runOpportunitiesCli(["import", "--source", "crm", "--file", csv, "--url", url], io)).toBe(2);
  });

  it("imports and reviews from the terminal through the CLI", async () => {
    const out: string[] = [];
    const io = { print: (l: string) => out.push(l), error: (l: string) => out.push(l) };
    const url = t.platform.url;
    const extra = generateMatchingDataset({ seed: 5, odooCount: 5, apnCount: 5, truePairs: 4 });
    const file = join(dir, "apn-extra.csv");
    await writeFile(file, extra.apnCsv);
    const imported = await runOpportunitiesCli(["import", "--source", "apn", "--file", file, "--url", url, "--token", t.writer], io);
    expect({ imported, out }).toEqual({ imported: 0, out: expect.arrayContaining([expect.stringMatching(/^imported /)]) });
    expect(out.join("\n")).toMatch(/imported .*apn-extra\.csv \([\w-]+\): 5 rows, 5 new/);

    const queue = (await t.gql<{ matchReviewQueue: { nodes: Array<{ id: string }> } }>(`query { matchReviewQueue(first: 2) { nodes { id } } }`)).data!.matchReviewQueue.nodes;
    expect(queue.length).toBe(2);
    const answers = ["y", "n", "q"];
    const asked: string[] = [];
    const code = await runOpportunitiesCli(["review", "--url", url, "--token", t.writer], {
      ...io,
      ask: async (q) => {
        asked.push(q);
        return answers.shift() ?? "q";
      },
    });
    expect(code).toBe(0);
    expect(asked).toHaveLength(3);
    const decided = await t.db.prisma.opportunityMatch.findMany({ where: { id: { in: queue.map((q) => q.id) } }, select: { id: true, status: true } });
    expect(Object.fromEntries(decided.map((d) => [d.id, d.status]))).toEqual({ [queue[0]!.id]: "confirmed", [queue[1]!.id]: "rejected" });
    expect(out.join("\n")).toMatch(/score \d\.\d{3}/);
  });

  // `script` (util-linux) runs the CLI on a real pseudo-terminal: stdin is a TTY, keys go without Enter.
  it.skipIf(!existsSync(SCRIPT))("reviews with single keys, without Enter, on a real terminal", async () => {
    const queue = (await t.gql<{ matchReviewQueue: { nodes: Array<{ id: string }> } }>(`query { matchReviewQueue(first: 2) { nodes { id } } }`)).data!.matchReviewQueue.nodes;
    expect(queue.length).toBe(2);
    const cli = [process.execPath, join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), join(REPO_ROOT, "gateway/src/cli.ts"), "opportunities", "review", "--url", t.platform.url, "--token", t.writer];
    const child = spawn(SCRIPT, ["-qfec", cli.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" "), "/dev/null"], { cwd: REPO_ROOT, env: { ...process.env, TERM: "dumb" } });
    let screen = "";
    child.stdout.on("data", (c: Buffer) => (screen += c.toString()));
    child.stderr.on("data", (c: Buffer) => (screen += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const PROMPT = "match? [y]es / [n]o / [s]kip / [q]uit: ";
    const prompts = () => screen.split(PROMPT).length - 1;
    const press = async (key: string, after: number) => {
      const deadline = Date.now() + 60_000;
      while (prompts() < after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(prompts(), screen).toBe(after);
      child.stdin.write(key);
    };
    await press("n", 1);
    await press("y", 2);
    await press("q", 3);
    expect(await exited, screen).toBe(0);
    const decided = await t.db.prisma.opportunityMatch.findMany({ where: { id: { in: queue.map((q) => q.id) } }, select: { id: true, status: true } });
    expect(Object.fromEntries(decided.map((d) => [d.id, d.status]))).toEqual({ [queue[0]!.id]: "rejected", [queue[1]!.id]: "confirmed" });
    // Each key is echoed once on its prompt's line; nothing waited for Enter.
    expect(screen).toContain(`${PROMPT}n`);
    expect(screen).toContain(`${PROMPT}y`);
    expect(screen).toMatch(/rejected[\s\S]*confirmed/);
  }, 120_000);

  it("an unterminated quote fails its own line; the valid row after it lands and the report counts every data line", async () => {
    const header = "id,name,notes,stage";
    const lines = [header, "csv-1,Quote Test One Ltd,plain,New", 'csv-2,Quote Test Two Ltd,"never closed,New', "csv-3,Quote Test Three Ltd,after the quote,Won"];
    const mapping = JSON.stringify({ externalId: "id", companyName: "name", description: "notes", stage: "stage" });
    const job = await importCsv("ODOO", Buffer.from(`${lines.join("\n")}\n`), { mapping });
    expect(job.status).toBe("done");
    expect(job.importReport).toMatchObject({ rows: 3, inserted: 2, failed: 1 });
    expect(job.importReport!.errors).toEqual([{ line: 3, externalId: "csv-2", reason: 'unterminated quoted field: the " opening column "notes" is never closed' }]);
    const stored = await t.db.prisma.opportunity.findMany({ where: { source: "odoo", externalId: { startsWith: "csv-" } }, orderBy: { externalId: "asc" }, select: { externalId: true, description: true } });
    expect(stored).toEqual([
      { externalId: "csv-1", description: "plain" },
      { externalId: "csv-3", description: "after the quote" },
    ]);
  });
});
