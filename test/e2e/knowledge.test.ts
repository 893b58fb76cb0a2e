import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKnowledgeCli } from "@matchgraph/knowledge/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../src/env.js";
import { startTestPlatform, subscribe, until, type TestPlatform } from "../src/harness.js";

const kinds = await databaseKinds();

const INGEST = `mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id status } }`;
const JOB = `query ($id: ID!) { ingestionJob(id: $id) { status sourceId lastError progress { stage done total } } }`;
const SEARCH = `query ($q: String!) { searchKnowledge(query: $q, k: 3) { score highlight citation { sourceTitle page headingPath } } }`;

type Job = { status: string; sourceId: string | null; lastError: string | null; progress: { stage: string } | null };
type Hit = { score: number; highlight: string; citation: { sourceTitle: string; page: number | null; headingPath: string[] } };

async function pdf(): Promise<string> {
  const doc = await PDFDocument.create();
  doc.setTitle("Retention policy");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const body = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage();
  first.drawText("Retention policy", { x: 50, y: 780, size: 24, font });
  first.drawText("Invoices are archived for ten years in cold storage.", { x: 50, y: 740, size: 11, font: body });
  const second = doc.addPage();
  second.drawText("Backups", { x: 50, y: 780, size: 24, font });
  second.drawText("Database backups are kept for thirty five days and tested monthly.", { x: 50, y: 740, size: 11, font: body });
  return Buffer.from(await doc.save()).toString("base64");
}

async function docx(): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Onboarding guide", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: "Single sign-on", heading: HeadingLevel.HEADING_2 }),
          new Paragraph("New employees sign in through the company identity provider with hardware keys."),
        ],
      },
    ],
  });
  return (await Packer.toBuffer(doc)).toString("base64");
}

describe.each(kinds)("knowledge ingestion and search through the gateway on %s", (kind) => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    console.log(`[e2e] knowledge suite database: ${t.db.describe()} (model ${t.model})`);
  });
  afterAll(async () => t?.close());

  async function ingestAndWait(input: Record<string, unknown>): Promise<Job> {
    const res = await t.gql<{ ingestDocument: { id: string } }>(INGEST, { input });
    expect(res.errors).toBeUndefined();
    const id = res.data!.ingestDocument.id;
    let job: Job | undefined;
    await until(
      () => job?.status === "DONE" || job?.status === "FAILED",
      async () => (job = (await t.gql<{ ingestionJob: Job }>(JOB, { id })).data!.ingestionJob),
      30_000,
      200,
    );
    return job!;
  }

  it("ingests PDF, DOCX, HTML, Markdown and text as jobs and finds each with its citation", async () => {
    const cases = [
      { input: { contentBase64: await pdf(), filename: "retention.pdf" }, query: "how long are database backups kept", title: "Retention policy", page: 2 },
      { input: { contentBase64: await docx(), filename: "onboarding.docx" }, query: "hardware keys for sign in", title: "Onboarding guide", heading: "Single sign-on" },
      {
        input: { text: "<html><head><title>Status page</title></head><body><nav>menu</nav><h1>Status page</h1><p>Incidents are posted within fifteen minutes.</p></body></html>", filename: "status.html" },
        query: "when are incidents posted",
        title: "Status page",
      },
      { input: { text: "# Pricing\n\n## Discounts\n\nNon-profits get forty percent off every plan.", filename: "pricing.md" }, query: "discount for non-profits", title: "Pricing", heading: "Discounts" },
      { input: { text: "Support hours are eight to six on weekdays.", title: "Support hours" }, query: "support opening hours", title: "Support hours" },
    ];
    for (const c of cases) {
      const job = await ingestAndWait(c.input);
      expect(job, c.title).toMatchObject({ status: "DONE", lastError: null });
      expect(job.sourceId).toBeTruthy();
      const hits = (await t.gql<{ searchKnowledge: Hit[] }>(SEARCH, { q: c.query })).data!.searchKnowledge;
      expect(hits[0]!.citation.sourceTitle, c.query).toBe(c.title);
      if (c.page) expect(hits[0]!.citation.page).toBe(c.page);
      if (c.heading) expect(hits[0]!.citation.headingPath).toContain(c.heading);
      expect(hits[0]!.highlight).toMatch(/<mark>/);
    }
    const html = await t.db.prisma.knowledgeChunk.findMany({ where: { source: { title: "Status page" } } });
    expect(html.map((c) => c.text).join(" ")).not.toContain("menu");
  });

  it("reports progress through the ingestionProgress subscription", async () => {
    const sub = subscribe<{ data: { ingestionProgress: { id: string; status: string; sourceId: string | null; progress: { stage: string; done: number; total: number } | null } } }>(
      t.ws(),
      `subscription { ingestionProgress { id status sourceId progress { stage done total } } }`,
    );
    const queued: string[] = [];
    let n = 0;
    const finished = () => sub.events.some((e) => e.data.ingestionProgress.status === "DONE" && queued.includes(e.data.ingestionProgress.id));
    await until(finished, async () => {
      const text = Array.from({ length: 20 }, (_, i) => `Note ${n} paragraph ${i} on tracing, metrics and alerting.`).join("\n\n");
      const res = await t.gql<{ ingestDocument: { id: string } }>(INGEST, { input: { text, title: `Observability notes ${n++}` } });
      queued.push(res.data!.ingestDocument.id);
    });
    sub.dispose();
    expect(sub.errors).toEqual([]);
    const done = sub.events.map((e) => e.data.ingestionProgress).find((e) => e.status === "DONE" && queued.includes(e.id))!;
    expect(done.sourceId).toBeTruthy();
    expect(done.progress).toMatchObject({ stage: "store" });
    expect(done.progress!.done).toBe(done.progress!.total);
  });

  it("refuses bad files with clear errors and stores nothing", async () => {
    // Jobs the previous test queued may still be storing sources: count once they are finished.
    let busy = true;
    await until(() => !busy, async () => {
      busy = (await t.db.prisma.knowledgeIngestionJob.count({ where: { status: { in: ["queued", "running"] } } })) > 0;
    }, 60_000, 250);
    const [sources, jobs] = await Promise.all([t.db.prisma.knowledgeSource.count(), t.db.prisma.knowledgeIngestionJob.count()]);
    const bad = [
      { input: { contentBase64: Buffer.from("not really a pdf").toString("base64"), filename: "report.pdf" }, message: /report\.pdf/ },
      { input: { contentBase64: Buffer.from("MZ\u0090\u0000binary").toString("base64"), filename: "setup.exe" }, message: /setup\.exe|not supported|unsupported/i },
      { input: { text: "x", contentBase64: "eA==" }, message: /exactly one/ },
      { input: { contentBase64: "***" }, message: /base64/ },
    ];
    for (const b of bad) {
      const res = await t.gql(INGEST, { input: b.input });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(b.input).slice(0, 60)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(b.message);
    }
    expect(await t.db.prisma.knowledgeSource.count()).toBe(sources);
    expect(await t.db.prisma.knowledgeIngestionJob.count()).toBe(jobs);
  });

  it("ingests a folder from the command line through the gateway", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mg-ingest-"));
    await mkdir(join(dir, "nested"));
    await writeFile(join(dir, "travel.md"), "# Travel policy\n\nEconomy class for flights under six hours.");
    await writeFile(join(dir, "nested", "expenses.txt"), "Meals are reimbursed up to forty euros a day.");
    await writeFile(join(dir, "broken.pdf"), "not a pdf");
    await writeFile(join(dir, "ignored.png"), "png");
    const lines: string[] = [];
    const code = await runKnowledgeCli(["ingest", dir, "--url", t.platform.url, "--token", t.writer, "--tags", "policy"], { print: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(code, lines.join("\n")).toBe(1);
    expect(lines.some((l) => l.startsWith("refused") && l.includes("broken.pdf"))).toBe(true);
    expect(lines.at(-1)).toBe("2 of 3 files ingested");
    const stored = await t.db.prisma.knowledgeSource.findMany({ where: { tags: { has: "policy" } } });
    expect(stored.map((s) => s.title).sort()).toEqual(["Travel policy", "expenses.txt"]);
  });

  it("finishes a job that a process left running when it stopped, after a restart", async () => {
    // What a crash mid-job leaves behind: a running job with a stale lease and its document.
    const [row] = await t.db.prisma.$queryRaw<Array<{ id: string }>>`
      INSERT INTO knowledge.ingestion_job (kind, status, payload, document, attempts, locked_by, locked_at, run_after)
      VALUES ('document', 'running', ${JSON.stringify({ title: "Disaster recovery", uri: null, tags: [], filename: "dr.md", mimeType: null })}::jsonb,
              ${Buffer.from("# Disaster recovery\n\nThe recovery time objective is four hours.")}, 1, 'crashed-process', now() - interval '1 hour', now())
      RETURNING id::text AS id`;
    await t.restart();
    let job: Job | undefined;
    await until(() => job?.status === "DONE", async () => (job = (await t.gql<{ ingestionJob: Job }>(JOB, { id: row!.id })).data!.ingestionJob), 30_000, 250);
    const hits = (await t.gql<{ searchKnowledge: Hit[] }>(SEARCH, { q: "recovery time objective" })).data!.searchKnowledge;
    expect(hits[0]!.citation.sourceTitle).toBe("Disaster recovery");
  });
});
