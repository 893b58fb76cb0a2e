import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();

// Operations of the matching service end to end (seed 6.1–6.3): a cron schedule queues runs by
// itself, and the monitoring figures agree in the graph, on /metrics and in the HTML report.
const data = generateMatchingDataset({ odooCount: 20, apnCount: 30, truePairs: 16 });

interface Job {
  id: string;
  status: string;
  runReport: { mode: string; schedule: string | null; records: number | null } | null;
}
interface Run {
  schedule: string;
  slot: string;
  mode: string;
  skipped: boolean;
  job: Job | null;
}
interface Monitoring {
  records: number;
  model: string;
  freshness: { missingVectors: number; otherModel: number; unprepared: number; changedSinceMatched: number; staleShare: number };
  drift: Array<{ feature: string; psi: number }>;
  completeness: Array<{ source: string; field: string; completeness: number }>;
  invalid: Array<{ source: string; kind: string | null; count: number }>;
  duplicates: Array<{ source: string; count: number }>;
  alerts: Array<{ kind: string; severity: string; message: string }>;
}

const JOB = "id status runReport { mode schedule records }";

describe.each(kinds)("matching schedules and monitoring through the gateway on %s", (kind) => {
  let t: TestPlatform;

  async function until<T>(what: string, poll: () => Promise<T | null | undefined>, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await poll();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function importCsv(source: "APN" | "ODOO", bytes: Buffer): Promise<void> {
    const res = await t.gql<{ importOpportunities: Job }>(`mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { ${JOB} } }`, {
      input: { source, contentBase64: bytes.toString("base64"), fileName: `${source}.csv` },
    });
    expect(res.errors).toBeUndefined();
    const id = res.data!.importOpportunities.id;
    const done = await until(`import ${source}`, async () => {
      const job = (await t.gql<{ opportunityJob: Job }>(`query ($id: ID!) { opportunityJob(id: $id) { ${JOB} } }`, { id })).data!.opportunityJob;
      return job.status === "queued" || job.status === "running" ? null : job;
    });
    expect(done.status).toBe("done");
  }

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    await importCsv("ODOO", data.odooCsv);
    await importCsv("APN", data.apnCsv);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it("runs a cron schedule by itself, records the slot once and reports the run", async () => {
    const saved = Date.now();
    const set = await t.gql<{ updateMatchingConfig: { schedules: Array<{ name: string; nextRun: string }> } }>(
      `mutation { updateMatchingConfig(input: { schedules: [{ name: "e2e", cron: "*/2 * * * * *", mode: "incremental", timezone: "UTC" }] }) { schedules { name nextRun } } }`,
    );
    expect(set.errors).toBeUndefined();
    const next = new Date(set.data!.updateMatchingConfig.schedules[0]!.nextRun).getTime();
    expect(next).toBeGreaterThan(saved - 1000);
    expect(next).toBeLessThanOrEqual(saved + 3000);

    // The subgraph looks for due slots every 15 s: the first one after saving runs within that.
    const run = await until("a scheduled run that finished", async () => {
      const res = await t.gql<{ matchingRuns: Run[] }>(`{ matchingRuns(first: 5) { schedule slot mode skipped job { ${JOB} } } }`);
      expect(res.errors).toBeUndefined();
      return res.data!.matchingRuns.find((r) => r.schedule === "e2e" && r.job?.status === "done");
    });
    expect(run).toMatchObject({ mode: "incremental", skipped: false, job: { status: "done", runReport: { mode: "incremental", schedule: "e2e" } } });
    expect(new Date(run.slot).getTime()).toBeGreaterThanOrEqual(saved - 2000);
    expect(new Date(run.slot).getUTCSeconds() % 2).toBe(0);
    const rows = await t.db.prisma.$queryRaw<Array<{ slots: number; distinct_slots: number }>>`
      SELECT count(*)::int AS slots, count(DISTINCT slot)::int AS distinct_slots FROM opportunities.matching_schedule_run WHERE schedule = 'e2e'`;
    expect(rows[0]!.slots).toBe(rows[0]!.distinct_slots);

    const off = await t.gql<{ updateMatchingConfig: { schedules: unknown[] } }>(`mutation { updateMatchingConfig(input: { schedules: [] }) { schedules { name } } }`);
    expect(off.data!.updateMatchingConfig.schedules).toEqual([]);
  }, 120_000);

  it("reports the same monitoring figures in the graph, on /metrics and in the HTML report", async () => {
    const res = await t.gql<{ matchingMonitoring: Monitoring }>(`{ matchingMonitoring {
      records model freshness { missingVectors otherModel unprepared changedSinceMatched staleShare }
      drift { feature psi } completeness { source field completeness } invalid { source kind count } duplicates { source count }
      alerts { kind severity message } } }`);
    expect(res.errors).toBeUndefined();
    const m = res.data!.matchingMonitoring;
    expect(m.records).toBe(50);
    expect(m.model).toBe(t.model);
    expect(m.freshness).toMatchObject({ missingVectors: 0, otherModel: 0, unprepared: 0 });
    expect(new Set(m.completeness.map((c) => c.source))).toEqual(new Set(["apn", "odoo"]));
    for (const c of m.completeness) {
      expect(c.completeness).toBeGreaterThanOrEqual(0);
      expect(c.completeness).toBeLessThanOrEqual(1);
    }
    expect(m.completeness.find((c) => c.source === "apn" && c.field === "company_name")!.completeness).toBe(1);
    for (const a of m.alerts) expect(["freshness", "drift", "quality"]).toContain(a.kind);

    const opportunities = t.platform.subgraphs.find((s) => s.name === "opportunities")!;
    const metrics = await (await fetch(new URL("/metrics", opportunities.url))).text();
    expect(metrics).toMatch(new RegExp(`^matching_records(?:\\{[^}]*\\})? ${m.records}$`, "m"));
    expect(metrics).toMatch(/^matching_stale_vectors\{[^}]*reason="missing"[^}]*\} 0$/m);
    for (const d of m.drift) expect(metrics).toMatch(new RegExp(`^matching_drift_psi\\{[^}]*feature="${d.feature}"[^}]*\\} `, "m"));

    const gold = ["apn_external_id,odoo_external_id", ...data.gold.map((g) => `${g.apnExternalId},${g.odooExternalId}`)].join("\n");
    const report = await t.gql<{ matchingQualityReport: { html: string } }>(`query ($gold: String!) { matchingQualityReport(gold: $gold) { html } }`, { gold });
    expect(report.errors).toBeUndefined();
    const html = report.data!.matchingQualityReport.html;
    expect(html).toContain('<h2 id="monitoring">Monitoring</h2>');
    expect(html).toContain(`${m.records} records, vectors of ${m.model} expected`);
    expect(html).toMatch(/<td>Without vectors<\/td><td class="num">0<\/td>/);
  });
});
