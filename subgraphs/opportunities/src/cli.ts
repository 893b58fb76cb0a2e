/**
 * Opportunities command line (`npm run cli -- opportunities <command>`), a client of a running
 * platform's graph (--url, default http://localhost:4000/graphql; --token or MATCHGRAPH_TOKEN
 * when the gateway requires a JWT):
 *   import --source apn|odoo --file F [--mapping M.json] [--day-first]   queue an import, follow it
 *   match [--full]                                                         run matching, print statistics
 *   review [--limit N]                                                     interactive review: y / n / s / q
 *   export-matches --out F [--statuses auto_confirmed,confirmed]           CSV of matches
 *   report --gold F --out report.html                                      quality report against known pairs
 *   aliases --file F                                                       load company aliases (alias,canonical,kind)
 *   generate --out DIR [--seed N] [--scale 0.1]                            write the generated APN/Odoo test exports (offline)
 */
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse/sync";
import { createGraphQLClient, type GraphQLCall } from "@matchgraph/subgraph-kit";
import type { QualityPoint } from "./quality/index.js";
import { writeMatchingDataset } from "./testdata/matching-dataset.js";

const USAGE = `usage: opportunities <command> [options] [--url http://localhost:4000/graphql] [--token <jwt>]
  import --source apn|odoo --file <csv> [--mapping <json file>] [--day-first]
  match [--full]
  review [--limit N]
  export-matches --out <csv> [--statuses auto_confirmed,confirmed,proposed]
  report --gold <csv> --out <html>
  aliases --file <csv with alias,canonical,kind>
  generate --out <dir> [--seed N] [--scale 0.1]`;

export interface CliIo {
  print?: (line: string) => void;
  error?: (line: string) => void;
  /** Answers for `review` (default: the terminal). */
  ask?: (question: string) => Promise<string>;
}

class UsageError extends Error {}

const JOB_FIELDS = `id kind status lastError progress { stage done total }
  importReport { encoding rows inserted updated unchanged failed matchedRecords errors { line externalId reason } }
  runReport { mode records candidatePairs durationMs statistics { pending sources { source records matched unmatched } byStatus { key count } } }`;

interface Job {
  id: string;
  status: string;
  lastError: string | null;
  progress: { stage: string; done: number; total: number } | null;
  importReport: { encoding: string; rows: number; inserted: number; updated: number; unchanged: number; failed: number; matchedRecords: number; errors: Array<{ line: number; externalId: string | null; reason: string }> } | null;
  runReport: { mode: string; records: number | null; candidatePairs: number | null; durationMs: number | null; statistics: Statistics | null } | null;
}

interface Statistics {
  pending: number;
  sources: Array<{ source: string; records: number; matched: number; unmatched: number }>;
  byStatus: Array<{ key: string; count: number }>;
}

const common = {
  url: { type: "string", default: process.env.MATCHGRAPH_URL ?? "http://localhost:4000/graphql" },
  token: { type: "string", default: process.env.MATCHGRAPH_TOKEN },
} as const;

export async function runOpportunitiesCli(argv: string[], io: CliIo = {}): Promise<number> {
  const print = io.print ?? ((line: string) => console.log(line));
  const error = io.error ?? ((line: string) => console.error(line));
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "import": {
        const { values } = parseArgs({ args: rest, options: { ...common, source: { type: "string" }, file: { type: "string" }, mapping: { type: "string" }, "day-first": { type: "boolean", default: false } }, strict: true });
        if (values.source !== "apn" && values.source !== "odoo") throw new UsageError("--source must be apn or odoo");
        if (!values.file) throw new UsageError("--file <csv> is required");
        const gql = client(values);
        const mapping = values.mapping ? await readFile(values.mapping, "utf8") : null;
        const { importOpportunities: queued } = await gql<{ importOpportunities: Job }>(
          `mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { ${JOB_FIELDS} } }`,
          { input: { source: values.source.toUpperCase(), contentBase64: (await readFile(values.file)).toString("base64"), mapping, fileName: values.file.split("/").pop(), dayFirst: values["day-first"] } },
        );
        const job = await follow(gql, queued, error);
        if (job.status !== "done" || !job.importReport) return fail(error, job);
        const r = job.importReport;
        print(`imported ${values.file} (${r.encoding}): ${r.rows} rows, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} refused; ${r.matchedRecords} records matched`);
        for (const e of r.errors.slice(0, 50)) print(`  line ${e.line}${e.externalId ? ` (${e.externalId})` : ""}: ${e.reason}`);
        if (r.errors.length > 50) print(`  … and ${r.failed - 50} more refused rows`);
        return r.failed > 0 ? 3 : 0;
      }
      case "match": {
        const { values } = parseArgs({ args: rest, options: { ...common, full: { type: "boolean", default: false } }, strict: true });
        const gql = client(values);
        const { runMatching } = await gql<{ runMatching: Job }>(`mutation ($full: Boolean!) { runMatching(full: $full) { ${JOB_FIELDS} } }`, { full: values.full });
        const job = await follow(gql, runMatching, error);
        if (job.status !== "done" || !job.runReport) return fail(error, job);
        const s = job.runReport.statistics;
        print(`${job.runReport.mode} run: ${job.runReport.candidatePairs ?? 0} candidate pairs${job.runReport.durationMs ? ` in ${(job.runReport.durationMs / 1000).toFixed(1)} s` : ""}`);
        if (s) {
          print(`  pairs: ${s.byStatus.map((b) => `${b.key} ${b.count}`).join(", ")}`);
          for (const src of s.sources) print(`  ${src.source}: ${src.records} records, ${src.matched} matched, ${src.unmatched} unmatched`);
        }
        return 0;
      }
      case "review": {
        const { values } = parseArgs({ args: rest, options: { ...common, limit: { type: "string", default: "1000" } }, strict: true });
        return await review(client(values), Number(values.limit), print, io.ask);
      }
      case "export-matches": {
        const { values } = parseArgs({ args: rest, options: { ...common, out: { type: "string" }, statuses: { type: "string", default: "auto_confirmed,confirmed" } }, strict: true });
        if (!values.out) throw new UsageError("--out <csv> is required");
        const statuses = values.statuses!.split(",").map((s) => s.trim().toUpperCase());
        const gql = client(values);
        const lines = ["apn_external_id,odoo_external_id,score,confidence,status"];
        let after: string | null = null;
        do {
          const { matches }: { matches: { nodes: Array<{ score: number; confidence: string; status: string; apn: { externalId: string }; odoo: { externalId: string } }>; endCursor: string | null } } = await gql(
            `query ($statuses: [MatchStatus!], $after: String) { matches(statuses: $statuses, first: 500, after: $after) { endCursor nodes { score confidence status apn { externalId } odoo { externalId } } } }`,
            { statuses, after },
          );
          for (const m of matches.nodes) lines.push([csvField(m.apn.externalId), csvField(m.odoo.externalId), m.score.toFixed(4), m.confidence.toLowerCase(), m.status.toLowerCase()].join(","));
          after = matches.endCursor;
        } while (after);
        await writeFile(values.out, `${lines.join("\n")}\n`);
        print(`${lines.length - 1} matches written to ${values.out}`);
        return 0;
      }
      case "report": {
        const { values } = parseArgs({ args: rest, options: { ...common, gold: { type: "string" }, out: { type: "string" } }, strict: true });
        if (!values.gold || !values.out) throw new UsageError("--gold <csv> and --out <html> are required");
        const gql = client(values);
        const point = "threshold precision recall f1 tp fp fn";
        const { matchingQualityReport: r } = await gql<{ matchingQualityReport: { goldPairs: number; atAutoConfirm: QualityPoint; best: QualityPoint; recommendedAutoConfirm: number; recommendedReview: number; rationale: string; html: string } }>(
          `query ($gold: String!, $dataset: String) { matchingQualityReport(gold: $gold, dataset: $dataset) { goldPairs atAutoConfirm { ${point} } best { ${point} } recommendedAutoConfirm recommendedReview rationale html } }`,
          { gold: await readFile(values.gold, "utf8"), dataset: values.gold.split("/").pop() },
        );
        await writeFile(values.out, r.html);
        const a = r.atAutoConfirm;
        print(`at auto-confirm ${a.threshold}: precision ${a.precision.toFixed(4)}, recall ${a.recall.toFixed(4)}, F1 ${a.f1.toFixed(4)} (${a.tp} true, ${a.fp} false positives, ${a.fn} missed of ${r.goldPairs})`);
        print(`best F1 ${r.best.f1.toFixed(4)} at ${r.best.threshold}; recommended thresholds: auto-confirm ${r.recommendedAutoConfirm}, review ${r.recommendedReview}`);
        print(`report written to ${values.out}`);
        return 0;
      }
      case "aliases": {
        const { values } = parseArgs({ args: rest, options: { ...common, file: { type: "string" } }, strict: true });
        if (!values.file) throw new UsageError("--file <csv> is required");
        const rows = parseCsv(await readFile(values.file, "utf8"), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
        const gql = client(values);
        for (const row of rows) {
          await gql(`mutation ($alias: String!, $canonical: String!, $kind: String!) { addCompanyAlias(alias: $alias, canonical: $canonical, kind: $kind) { id } }`, {
            alias: row.alias,
            canonical: row.canonical,
            kind: row.kind || "other",
          });
        }
        print(`${rows.length} aliases loaded`);
        return 0;
      }
      case "generate": {
        const { values } = parseArgs({ args: rest, options: { out: { type: "string" }, seed: { type: "string", default: "42" }, scale: { type: "string", default: "1" } }, strict: true });
        if (!values.out) throw new UsageError("--out <dir> is required");
        const scale = Number(values.scale);
        if (!(scale > 0 && scale <= 1)) throw new UsageError("--scale must be in (0, 1]");
        const { files, stats } = await writeMatchingDataset(values.out, {
          seed: Number(values.seed),
          ...(scale < 1 ? { odooCount: Math.round(3121 * scale), apnCount: Math.round(4816 * scale), truePairs: Math.round(2600 * scale) } : {}),
        });
        print(`wrote ${files.join(", ")} (${stats.truePairs ?? "?"} true pairs)`);
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command "${command}"` : "no command given");
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      error((err as Error).message);
      error(USAGE);
      return 2;
    }
    error(`error: ${(err as Error).message}`);
    return 1;
  }
}

const client = (v: { url?: string; token?: string }) => createGraphQLClient({ url: v.url!, token: v.token });

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function fail(error: (l: string) => void, job: Job): number {
  error(`job ${job.id} ${job.status}${job.lastError ? `: ${job.lastError}` : ""}`);
  return 1;
}

/** Polls a job until it is done or failed, showing its progress on stderr. */
async function follow(gql: GraphQLCall, job: Job, error: (l: string) => void): Promise<Job> {
  let last = "";
  while (job.status === "queued" || job.status === "running") {
    await new Promise((r) => setTimeout(r, 500));
    job = (await gql<{ opportunityJob: Job }>(`query ($id: ID!) { opportunityJob(id: $id) { ${JOB_FIELDS} } }`, { id: job.id })).opportunityJob;
    const p = job.progress;
    const line = p ? `${p.stage} ${p.done}/${p.total}` : job.status;
    if (line !== last) {
      if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(40)}`);
      else error(line);
      last = line;
    }
  }
  if (process.stderr.isTTY) process.stderr.write("\n");
  return job;
}

interface ReviewPair {
  id: string;
  score: number;
  confidence: string;
  signals: Array<{ signal: string; value: number | null; contribution: number }>;
  apn: Record<string, string | number | null>;
  odoo: Record<string, string | number | null>;
}

const SIDE = "externalId companyName website email title country closeDate amount stage";

/** The terminal review: the pair side by side, its signals, then y (confirm) / n (reject) / s (skip) / q (quit). */
async function review(gql: GraphQLCall, limit: number, print: (l: string) => void, ask?: (q: string) => Promise<string>): Promise<number> {
  const rl = ask ? null : createInterface({ input: process.stdin, output: process.stdout });
  const question = ask ?? ((q: string) => rl!.question(q));
  const skipped = new Set<string>();
  let after: string | null = null;
  let decided = 0;
  try {
    while (decided < limit) {
      const { matchReviewQueue: page }: { matchReviewQueue: { nodes: ReviewPair[]; endCursor: string | null } } = await gql(
        `query ($after: String) { matchReviewQueue(first: 10, after: $after) { endCursor nodes { id score confidence signals { signal value contribution } apn { ${SIDE} } odoo { ${SIDE} } } } }`,
        { after },
      );
      const pairs = page.nodes.filter((p) => !skipped.has(p.id));
      if (pairs.length === 0) {
        // Only skipped pairs here: look further down the queue, or stop at its end.
        if (!page.endCursor) break;
        after = page.endCursor;
        continue;
      }
      for (const pair of pairs) {
        printPair(pair, print);
        const answer = (await question("match? [y]es / [n]o / [s]kip / [q]uit: ")).trim().toLowerCase();
        if (answer === "q") return 0;
        if (answer === "y" || answer === "n") {
          await gql(`mutation ($id: ID!) { ${answer === "y" ? "confirmMatch" : "rejectMatch"}(id: $id) { id status } }`, { id: pair.id });
          print(answer === "y" ? "confirmed" : "rejected");
          if (++decided >= limit) break;
        } else skipped.add(pair.id);
      }
      // Decisions change the queue (and may move pairs out of it): start again from its top.
      after = null;
    }
    print(`${decided} decisions recorded`);
    return 0;
  } finally {
    rl?.close();
  }
}

function printPair(pair: ReviewPair, print: (l: string) => void): void {
  const fields = SIDE.split(" ");
  const width = 38;
  const cell = (v: string | number | null) => String(v ?? "—").slice(0, width).padEnd(width);
  print("");
  print(`score ${pair.score.toFixed(3)} (${pair.confidence.toLowerCase()})`);
  print(`${"".padEnd(12)}${"APN".padEnd(width)}  Odoo`);
  for (const f of fields) print(`${f.padEnd(12)}${cell(pair.apn[f] ?? null)}  ${cell(pair.odoo[f] ?? null)}`);
  const signals = pair.signals.filter((s) => s.signal !== "bias" && s.value !== null).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  print(`signals: ${signals.map((s) => `${s.signal} ${s.value!.toFixed(2)} (${s.contribution >= 0 ? "+" : ""}${s.contribution.toFixed(2)})`).join(", ")}`);
}
