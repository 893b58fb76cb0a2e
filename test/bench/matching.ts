/**
 * `npm run bench -- matching [--datasets generated,dblp-scholar] [--databases postgres,pglite] [--scale 1] [--review 300] [--latency 50] [--scholar-sample 1]`
 *
 * `--review 0` measures the zero-label model alone (figures before review are the zero-review ones).
 * The last line's keys: generated, generated_before_review, generated_zero_review (PostgreSQL),
 * generated_zero_review_embedded, full_run_s, full_run_s_embedded, import_rows_per_s(_embedded),
 * single_record_ms, dblp_scholar, dblp_scholar_before_review, dblp_scholar_full (precision, recall,
 * f1 and best_f1 with zero reviews, seconds for imports + full run; only with --scholar-sample 1).
 *
 * Opportunity matching, measured end to end through the subgraph's own job handlers on a fresh
 * database (PostgreSQL when DATABASE_URL / TEST_DATABASE_URL answers, else PGlite):
 * - generated: the seed-scale APN/Odoo exports (3,121 Odoo + 4,816 APN) imported with the
 *   built-in column maps; precision / recall / F1 at the auto-confirm threshold and the best F1;
 *   then a simulated reviewer decides the first `--review` pairs of the review queue from the
 *   gold list, calibration learns from those decisions, and the same figures are taken again
 *   (the gain review brings); full-run time with embeddings present; single new record latency
 *   (create = embed + candidates + score + assign, through the service the mutation calls).
 * - dblp-scholar: the Leipzig DBLP–Scholar set through a generic mapping (see DBLP_MAPPING),
 *   2,616 + 64,263 records, one-to-one off (Scholar has
 *   duplicates), the same review-and-calibrate step.
 * The last line printed is one JSON object with the headline figures; the full result is also
 * written to bench/results/matching-<time>.json.
 */
import { readFile, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse/sync";
import { createTestDatabase, type Database } from "@matchgraph/db";
import { startMlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger, type SubgraphContext, type SubgraphServices } from "@matchgraph/subgraph-kit";
import { modelSearch, REPO_ROOT } from "../../subgraphs/knowledge/src/eval/beir.js";
import { generateMatchingDataset } from "../../subgraphs/opportunities/src/testdata/matching-dataset.js";
import { jobQueue, jobHandler } from "../../subgraphs/opportunities/src/service/jobs.js";
import { createOpportunity } from "../../subgraphs/opportunities/src/service/opportunities.js";
import { calibrateFromDecisions, decideMatch, reviewQueue, updateConfig } from "../../subgraphs/opportunities/src/service/review.js";
import { pairsWithRecords } from "../../subgraphs/opportunities/src/db/matching.js";
import { currentConfig } from "../../subgraphs/opportunities/src/service/matching.js";
import { normalizeCompanyName } from "../../subgraphs/opportunities/src/matching/normalize.js";
import { evaluateMatches, parseGoldCsv, type EvaluatedPair } from "../../subgraphs/opportunities/src/quality/index.js";
import type { Confidence, GoldPair } from "../../subgraphs/opportunities/src/matching/types.js";

const DBLP_DIR = path.join(REPO_ROOT, "..", "shared", "datasets", "leipzig-dblp-scholar");
/**
 * What identifies a paper is compared as the name (its title); the authors as the deal title (an
 * IDF-weighted token comparison: rare surnames count, initials hardly); the venue as the
 * description, embedded with the authors as the context; the year as the close date.
 */
const DBLP_MAPPING = { externalId: "id", companyName: "title", title: "authors", description: "venue", closeDate: "year" };

interface Figures {
  precision: number;
  recall: number;
  f1: number;
  best_f1: number;
  best_threshold: number;
  auto_confirmed: number;
  in_review: number;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      datasets: { type: "string", default: "generated,dblp-scholar" },
      scale: { type: "string", default: "1" },
      review: { type: "string", default: "300" },
      latency: { type: "string", default: "50" },
      "scholar-sample": { type: "string", default: "1" },
      databases: { type: "string", default: "auto" },
    },
    strict: true,
  });
  const datasets = values.datasets!.split(",").map((d) => d.trim());
  const scale = Number(values.scale);
  const reviewN = Number(values.review);
  const latencyN = Number(values.latency);
  if (!(scale > 0 && scale <= 1) || !(reviewN >= 0) || !(latencyN >= 0)) throw new Error("--scale must be in (0, 1], --review and --latency non-negative");

  const { modelDirs, defaultModel } = modelSearch();
  const model = process.env.ML_DEFAULT_MODEL ?? defaultModel;
  const runtime = await startMlRuntime({ host: "127.0.0.1", port: 0, models: [model], defaultModel: model, modelDirs, logLevel: "error" });
  // --databases postgres,pglite (default: PostgreSQL when DATABASE_URL / TEST_DATABASE_URL is set, then the embedded PGlite too).
  const kinds: Array<"postgres" | "pglite"> =
    values.databases === "auto"
      ? [...(process.env.DATABASE_URL || process.env.TEST_DATABASE_URL ? (["postgres"] as const) : []), "pglite"]
      : (values.databases!.split(",").map((d) => d.trim()) as Array<"postgres" | "pglite">);
  const result: Record<string, unknown> = { benchmark: "matching", model, cpus: os.cpus().length, databases: kinds };
  const headline: Record<string, unknown> = {};
  const zero = (f: Figures) => ({ precision: f.precision, recall: f.recall, f1: f.f1 });
  try {
    for (const kind of kinds) {
      const suffix = kind === "pglite" ? "_embedded" : "";
      for (const name of datasets) {
        // The full DBLP–Scholar set is embedding-bound (64k records): once, on the first database.
        if (name === "dblp-scholar" && kind !== kinds[0]) continue;
        const db = await createTestDatabase(kind);
        try {
          const services: SubgraphServices = {
            db,
            ml: createEmbeddingClient({ baseUrl: runtime.url, defaultModel: model, timeoutMs: 300_000 }),
            pubSub: createInProcessPubSub(),
            log: createLogger("bench", "error"),
            identitySecret: "bench-identity-secret-not-used-by-jobs-000000",
          };
          const ctx: SubgraphContext = { ...services, requestId: "bench", identity: { userId: "bench-reviewer", roles: ["writer"] }, loader: createLoaderRegistry().loader };
          if (name === "generated") {
            const r = await benchGenerated(services, ctx, scale, reviewN, latencyN);
            result[`generated${suffix}`] = r;
            const importRows = r.records.apn + r.records.odoo;
            const importS = r.import.odoo.seconds + r.import.apn.seconds;
            if (kind === "pglite") {
              headline.generated_zero_review_embedded = zero(r.before_review);
              headline.full_run_s_embedded = r.full_run_s;
              headline.import_rows_per_s_embedded = +(importRows / importS).toFixed(1);
              if (!kinds.includes("postgres")) Object.assign(headline, { generated: r.after_review, generated_before_review: r.before_review, single_record_ms: r.single_record_ms.p50 });
            } else {
              headline.generated = r.after_review;
              headline.generated_before_review = r.before_review;
              headline.generated_zero_review = zero(r.before_review);
              headline.full_run_s = r.full_run_s;
              headline.single_record_ms = r.single_record_ms.p50;
              headline.import_rows_per_s = +(importRows / importS).toFixed(1);
            }
          } else if (name === "dblp-scholar") {
            const sample = Number(values["scholar-sample"]);
            const r = await benchDblp(services, ctx, reviewN, sample);
            result.dblp_scholar = r;
            headline.dblp_scholar = r.after_review;
            headline.dblp_scholar_before_review = r.before_review;
            const full = { ...zero(r.before_review), best_f1: r.before_review.best_f1, seconds: r.seconds };
            if (sample === 1) headline.dblp_scholar_full = full;
            else headline.dblp_scholar_sampled = { ...full, scholar_sample: sample };
          } else throw new Error(`unknown dataset "${name}" (generated, dblp-scholar)`);
        } finally {
          // BENCH_KEEP_DB=1 leaves the database for inspection (its name is printed).
          if (process.env.BENCH_KEEP_DB) console.error(`kept database: ${db.describe()}`);
          else await db.drop();
        }
      }
    }
  } finally {
    await runtime.close();
  }
  const outDir = path.join(REPO_ROOT, "bench", "results");
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, `matching-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(out, `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`);
  console.log(`results: ${out}`);
  console.log(JSON.stringify(headline));
  return 0;
}

async function runJob(services: SubgraphServices, kind: string, payload: Record<string, unknown> = {}, document?: Buffer) {
  const job = await jobQueue.enqueue(services.db, { kind, payload, document: document as Uint8Array<ArrayBuffer> | undefined });
  const handler = jobHandler(services);
  let last = "";
  const outcome = await handler({ ...job, document: document ?? null }, {
    progress(stage, done, total) {
      const line = `${kind} ${stage} ${done}/${total}`;
      if (line !== last && (done === total || done % 2000 < 256)) console.error(line);
      last = line;
    },
    async setSubjectId() {},
    signal: new AbortController().signal,
    workerId: "bench",
  });
  return (outcome && "result" in outcome ? outcome.result : null) as Record<string, unknown>;
}

async function importFile(services: SubgraphServices, source: "apn" | "odoo", bytes: Buffer, mapping: Record<string, unknown> | null) {
  const t = performance.now();
  const r = (await runJob(services, "import", { source, mapping, fileName: `${source}.csv`, dayFirst: false }, bytes)) as { inserted: number; failed: number; phasesMs: Record<string, number> };
  console.error(`imported ${source}: ${r.inserted} new, ${r.failed} bad rows, ${((performance.now() - t) / 1000).toFixed(1)} s (embedding and incremental matching included; busy ms ${JSON.stringify(r.phasesMs)})`);
  return { ...r, seconds: +((performance.now() - t) / 1000).toFixed(1), errors: undefined };
}

async function measure(db: Database, gold: GoldPair[]): Promise<Figures> {
  const config = await currentConfig(db);
  const pairs: EvaluatedPair[] = (await pairsWithRecords(db)).map((p) => ({ ...p, confidence: p.confidence as Confidence }));
  const report = evaluateMatches(pairs, gold, config.thresholds);
  const explain = Number(process.env.BENCH_EXPLAIN ?? 0);
  const show = (p: EvaluatedPair) =>
    `  ${p.score.toFixed(3)} ${p.status} ${p.apnName} | ${p.odooName} :: ${p.signals.filter((s) => s.value !== null && s.signal !== "bias").map((s) => `${s.signal}=${s.value}(${s.contribution > 0 ? "+" : ""}${s.contribution})`).join(" ")}`;
  if (explain > 0) {
    console.error("false positives:");
    for (const p of report.falsePositives.slice(0, explain)) console.error(show(p));
    console.error("false negatives:");
    for (const f of report.falseNegatives.slice(0, explain)) console.error(f.pair ? show(f.pair) : `  never scored ${f.gold.apnExternalId} ${f.gold.odooExternalId}`);
  }
  return {
    precision: r4(report.atAutoConfirm.precision),
    recall: r4(report.atAutoConfirm.recall),
    f1: r4(report.atAutoConfirm.f1),
    best_f1: r4(report.best.f1),
    best_threshold: report.best.threshold,
    auto_confirmed: pairs.filter((p) => p.status === "auto_confirmed").length,
    in_review: pairs.filter((p) => p.status === "proposed").length,
  };
}

/** A reviewer who knows the truth works through the queue from the top; calibration learns from it. */
async function simulateReview(ctx: SubgraphContext, gold: GoldPair[], n: number) {
  const truth = new Set(gold.map((g) => `${g.apnExternalId}\u0000${g.odooExternalId}`));
  let decided = 0;
  let confirmed = 0;
  while (decided < n) {
    const queue = await reviewQueue(ctx, Math.min(50, n - decided), null);
    if (queue.length === 0) break;
    const records = new Map((await ctx.db.prisma.opportunity.findMany({ where: { id: { in: queue.flatMap((m) => [m.apnId, m.odooId]) } }, select: { id: true, externalId: true } })).map((r) => [r.id, r.externalId]));
    for (const m of queue) {
      const isMatch = truth.has(`${records.get(m.apnId)}\u0000${records.get(m.odooId)}`);
      ctx.loader = createLoaderRegistry().loader;
      await decideMatch(ctx, { id: m.id, reason: "bench reviewer" }, isMatch ? "confirmed" : "rejected");
      decided++;
      if (isMatch) confirmed++;
    }
  }
  const t = performance.now();
  const { calibration } = decided >= 20 ? await calibrateFromDecisions(ctx) : { calibration: null };
  return { decided, confirmed, calibration: calibration?.metrics ?? null, calibrate_s: +((performance.now() - t) / 1000).toFixed(1) };
}

async function benchGenerated(services: SubgraphServices, ctx: SubgraphContext, scale: number, reviewN: number, latencyN: number) {
  const data = generateMatchingDataset({ odooCount: Math.round(3121 * scale), apnCount: Math.round(4816 * scale), ...(scale < 1 ? { truePairs: Math.round(2600 * scale) } : {}) });
  const gold = data.gold;
  await loadAliases(services.db, data.aliasesCsv);
  const odoo = await importFile(services, "odoo", data.odooCsv, null);
  const apn = await importFile(services, "apn", data.apnCsv, null);

  const t = performance.now();
  const full = await runJob(services, "match-full");
  const fullRunS = +((performance.now() - t) / 1000).toFixed(1);
  console.error(`full run: ${fullRunS} s`);
  const before = await measure(services.db, gold);
  console.error(`before review: ${JSON.stringify(before)}`);
  const review = await simulateReview(ctx, gold, reviewN);
  const after = await measure(services.db, gold);
  console.error(`after ${review.decided} review decisions + calibration: ${JSON.stringify(after)}`);

  // New records one at a time, as the createOpportunity mutation does them.
  const times: number[] = [];
  if (latencyN > 0) {
  const fresh = generateMatchingDataset({ seed: 7, odooCount: latencyN, apnCount: latencyN, truePairs: Math.round(latencyN * 0.8) });
  const { parseOpportunityCsv } = await import("../../subgraphs/opportunities/src/import/csv.js");
  const records = parseOpportunityCsv(fresh.apnCsv, { source: "apn" }).records.slice(0, latencyN);
  for (const r of records) {
    ctx.loader = createLoaderRegistry().loader;
    const s = performance.now();
    const { line: _line, ...fields } = r;
    await createOpportunity(ctx, { ...fields, externalId: `bench-${r.externalId}`, source: "apn", title: fields.title || "untitled" });
    times.push(performance.now() - s);
  }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => +(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0).toFixed(1);
  return {
    records: { apn: apn.inserted, odoo: odoo.inserted, gold: gold.length },
    import: { odoo, apn },
    full_run_s: fullRunS,
    full_run: full,
    before_review: before,
    review,
    after_review: after,
    single_record_ms: { p50: pct(50), p95: pct(95), n: times.length },
  };
}

/**
 * `--scholar-sample N` keeps every Scholar record of a gold pair and one in N of the others
 * (fewer distractors: precision reads higher than on all 64k); 1 (the default) keeps all.
 */
async function benchDblp(services: SubgraphServices, ctx: SubgraphContext, reviewN: number, sample: number) {
  if (!(Number.isInteger(sample) && sample >= 1)) throw new Error("--scholar-sample must be a positive integer");
  // Titles compared as names; Scholar lists one paper several times, so no one-to-one.
  await updateConfig(ctx, { options: { oneToOne: false } });
  const mapping = await readFile(path.join(DBLP_DIR, "DBLP-Scholar_perfectMapping.csv"), "latin1");
  const gold = parseGoldCsv(mapping.replace(/^[^\n]*/, "apn_external_id,odoo_external_id"));
  const dblp = await importFile(services, "apn", await readFile(path.join(DBLP_DIR, "DBLP1.csv")), DBLP_MAPPING);
  let scholarBytes = await readFile(path.join(DBLP_DIR, "Scholar.csv"));
  if (sample > 1) {
    const inGold = new Set(gold.map((g) => g.odooExternalId));
    const rows = parseCsv(scholarBytes, { relax_column_count: true, bom: true }) as string[][];
    const kept = rows.filter((r, i) => i === 0 || inGold.has(r[0]!) || i % sample === 0);
    scholarBytes = Buffer.from(kept.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n"));
    console.error(`Scholar sample: ${kept.length - 1} of ${rows.length - 1} records (every gold record, one in ${sample} of the rest)`);
  }
  const scholar = await importFile(services, "odoo", scholarBytes, DBLP_MAPPING);
  // A full run estimates the zero-label model over every candidate pair (the imports scored with the prior).
  const t = performance.now();
  await runJob(services, "match-full");
  const fullRunS = +((performance.now() - t) / 1000).toFixed(1);
  console.error(`dblp-scholar full run: ${fullRunS} s`);
  const before = await measure(services.db, gold);
  console.error(`dblp-scholar before review: ${JSON.stringify(before)}`);
  const review = await simulateReview(ctx, gold, reviewN);
  const after = await measure(services.db, gold);
  console.error(`dblp-scholar after review: ${JSON.stringify(after)}`);
  return {
    records: { dblp: dblp.inserted, scholar: scholar.inserted, gold: gold.length, scholarSample: sample },
    import: { dblp, scholar },
    full_run_s: fullRunS,
    seconds: +(dblp.seconds + scholar.seconds + fullRunS).toFixed(1),
    before_review: before,
    review,
    after_review: after,
  };
}

async function loadAliases(db: Database, csv: string) {
  const rows = parseCsv(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<{ alias: string; canonical: string; kind: string }>;
  for (const { alias, canonical, kind } of rows) {
    const aliasNorm = normalizeCompanyName(alias);
    const canonicalNorm = normalizeCompanyName(canonical);
    await db.prisma.companyAlias.upsert({
      where: { aliasNorm_canonicalNorm: { aliasNorm, canonicalNorm } },
      create: { alias, canonical, aliasNorm, canonicalNorm, kind: kind ?? "other" },
      update: {},
    });
  }
}
