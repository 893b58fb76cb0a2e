/**
 * Opportunities command line (`npm run cli -- opportunities <command>`), a client of a running
 * platform's graph (--url, default http://localhost:4000/graphql; --token or MATCHGRAPH_TOKEN
 * when the gateway requires a JWT):
 *   import --source apn|odoo --file F [--mapping M.json] [--day-first]   queue an import, follow it
 *   match [--full]                                                         run matching, print statistics
 *   review [--limit N]                                                     interactive review: y / n / s / q (single keys on a terminal)
 *   export-matches --out F [--statuses auto_confirmed,confirmed]           CSV of matches
 *   report --gold F --out report.html                                      quality report against known pairs
 *   aliases --file F                                                       load company aliases (alias,canonical,kind)
 *   generate --out DIR [--seed N] [--scale 0.1]                            write the generated APN/Odoo test exports (offline)
 *
 * import and match follow their job by polling it; a poll that fails on the network (refused,
 * reset, timed out) or with HTTP 429/502/503/504 or UNAVAILABLE is tried again with back-off for
 * up to --retry-for seconds (default 300) of consecutive failures. Exit codes: 0 done, 1 error or
 * job failed, 2 usage, 3 import done with refused rows, 4 lost contact with the server while
 * following a job (the job goes on there).
 */
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse/sync";
import { createGraphQLClient, GraphQLCallError, retryTransient, type GraphQLCall } from "@matchgraph/subgraph-kit";
import type { QualityPoint } from "./quality/index.js";
import { writeMatchingDataset } from "./testdata/matching-dataset.js";

const USAGE = `usage: opportunities <command> [options] [--url http://localhost:4000/graphql] [--token <jwt>]
  import --source apn|odoo --file <csv> [--mapping <json file>] [--day-first] [--retry-for <seconds>]
  match [--full] [--retry-for <seconds>]
  review [--limit N]
  export-matches --out <csv> [--statuses auto_confirmed,confirmed,proposed]
  report --gold <csv> --out <html>
  aliases --file <csv with alias,canonical,kind>
  generate --out <dir> [--seed N] [--scale 0.1]`;

export interface CliIo {
  print?: (line: string) => void;
  error?: (line: string) => void;
  /** Answers for `review` (default: stdin, see {@link createAnswerReader}). */
  ask?: (question: string) => Promise<string>;
  /** Pause between job polls and before the first retry; default 500 ms. */
  pollIntervalMs?: number;
}

/** Exit code when the server stayed unreachable past --retry-for while following a job. */
export const EXIT_LOST_CONTACT = 4;
const DEFAULT_RETRY_FOR_S = 300;
/** One call may take this long (an import's upload and parse included) before it counts as failed. */
const CALL_TIMEOUT_MS = 120_000;

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

const following = { "retry-for": { type: "string", default: String(DEFAULT_RETRY_FOR_S) } } as const;

function retryForMs(value: string | undefined): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) throw new UsageError("--retry-for must be a number of seconds from 0 to 86400");
  return seconds * 1000;
}

/** Thrown by {@link follow} when polls kept failing for longer than --retry-for. */
class LostContactError extends Error {}

export async function runOpportunitiesCli(argv: string[], io: CliIo = {}): Promise<number> {
  const print = io.print ?? ((line: string) => console.log(line));
  const error = io.error ?? ((line: string) => console.error(line));
  const pollMs = io.pollIntervalMs ?? 500;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "import": {
        const { values } = parseArgs({
          args: rest,
          options: { ...common, ...following, source: { type: "string" }, file: { type: "string" }, mapping: { type: "string" }, "day-first": { type: "boolean", default: false } },
          strict: true,
        });
        if (values.source !== "apn" && values.source !== "odoo") throw new UsageError("--source must be apn or odoo");
        if (!values.file) throw new UsageError("--file <csv> is required");
        const patience = retryForMs(values["retry-for"]);
        const gql = client(values);
        const mapping = values.mapping ? await readFile(values.mapping, "utf8") : null;
        const { importOpportunities: queued } = await gql<{ importOpportunities: Job }>(
          `mutation ($input: ImportOpportunitiesInput!) { importOpportunities(input: $input) { ${JOB_FIELDS} } }`,
          { input: { source: values.source.toUpperCase(), contentBase64: (await readFile(values.file)).toString("base64"), mapping, fileName: values.file.split("/").pop(), dayFirst: values["day-first"] } },
        );
        const job = await follow(gql, queued, error, { pollMs, retryForMs: patience });
        if (job.status !== "done" || !job.importReport) return fail(error, job);
        const r = job.importReport;
        print(`imported ${values.file} (${r.encoding}): ${r.rows} rows, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} refused; ${r.matchedRecords} records matched`);
        for (const e of r.errors.slice(0, 50)) print(`  line ${e.line}${e.externalId ? ` (${e.externalId})` : ""}: ${e.reason}`);
        if (r.errors.length > 50) print(`  … and ${r.failed - 50} more refused rows`);
        return r.failed > 0 ? 3 : 0;
      }
      case "match": {
        const { values } = parseArgs({ args: rest, options: { ...common, ...following, full: { type: "boolean", default: false } }, strict: true });
        const patience = retryForMs(values["retry-for"]);
        const gql = client(values);
        const { runMatching } = await gql<{ runMatching: Job }>(`mutation ($full: Boolean!) { runMatching(full: $full) { ${JOB_FIELDS} } }`, { full: values.full });
        const job = await follow(gql, runMatching, error, { pollMs, retryForMs: patience });
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
    if (err instanceof UsageError || String((err as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS_")) {
      error((err as Error).message);
      error(USAGE);
      return 2;
    }
    if (err instanceof LostContactError) {
      error(`error: ${err.message}`);
      return EXIT_LOST_CONTACT;
    }
    error(`error: ${(err as Error).message}`);
    return 1;
  }
}

const client = (v: { url?: string; token?: string }) => createGraphQLClient({ url: v.url!, token: v.token, timeoutMs: CALL_TIMEOUT_MS });

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function fail(error: (l: string) => void, job: Job): number {
  error(`job ${job.id} ${job.status}${job.lastError ? `: ${job.lastError}` : ""}`);
  return 1;
}

/**
 * Polls a job until it is done or failed, showing its progress on stderr. A poll that fails
 * transiently (see GraphQLCallError.transient) is tried again with back-off; after
 * `retryForMs` of consecutive failures it gives up with {@link LostContactError}.
 */
async function follow(gql: GraphQLCall, job: Job, error: (l: string) => void, options: { pollMs: number; retryForMs: number }): Promise<Job> {
  let last = "";
  let outage: { since: number; retries: number } | null = null;
  const tty = process.stderr.isTTY;
  const say = (line: string) => {
    if (tty && last !== "") process.stderr.write("\n");
    error(line);
    last = "";
  };
  const poll = () =>
    retryTransient(() => gql<{ opportunityJob: Job | null }>(`query ($id: ID!) { opportunityJob(id: $id) { ${JOB_FIELDS} } }`, { id: job.id }), {
      forMs: options.retryForMs,
      initialDelayMs: options.pollMs,
      onRetry: (err, attempt, delayMs) => {
        if (attempt === 1) {
          outage = { since: Date.now(), retries: 0 };
          say(`poll of job ${job.id} failed (${err.message}); retrying for up to ${Math.round(options.retryForMs / 1000)} s`);
        }
        outage!.retries = attempt;
        if (attempt > 1) say(`  still failing (${err.message}); next try in ${(delayMs / 1000).toFixed(1)} s`);
      },
    });
  while (job.status === "queued" || job.status === "running") {
    await new Promise((r) => setTimeout(r, options.pollMs));
    let found: Job | null;
    try {
      found = (await poll()).opportunityJob;
    } catch (err) {
      if (err instanceof GraphQLCallError && err.gaveUpAfterMs !== undefined) {
        throw new LostContactError(
          `lost contact with the server while following job ${job.id}: ${err.message}. The job goes on there; see it with the query opportunityJob(id: "${job.id}")`,
        );
      }
      throw err;
    }
    if (outage) {
      const o: { since: number; retries: number } = outage;
      say(`reconnected after ${o.retries} ${o.retries === 1 ? "retry" : "retries"} (${((Date.now() - o.since) / 1000).toFixed(1)} s)`);
      outage = null;
    }
    if (!found) throw new Error(`job ${job.id} is gone from the server`);
    job = found;
    const p = job.progress;
    const line = p ? `${p.stage} ${p.done}/${p.total}` : job.status;
    if (line !== last) {
      if (tty) process.stderr.write(`\r${line.padEnd(40)}`);
      else error(line);
      last = line;
    }
  }
  if (tty && last !== "") process.stderr.write("\n");
  return job;
}

/** What `review` reads answers from: stdin, or any stream (a terminal is a tty.ReadStream). */
export interface AnswerInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
}

const REVIEW_KEYS = new Set(["y", "n", "s", "q"]);

/**
 * Reads review answers. On a terminal one key is the answer (y / n / s / q, no Enter): stdin is
 * put in raw mode for the question only; Ctrl-C, Ctrl-D and Esc quit, other keys are ignored.
 * Otherwise (a pipe, a file, a test) it reads lines, buffered so that answers written ahead are
 * not lost; the end of the input answers q.
 */
export function createAnswerReader(input: AnswerInput, output: NodeJS.WritableStream): { ask(question: string): Promise<string>; close(): void } {
  if (input.isTTY && typeof input.setRawMode === "function") {
    const setRaw = input.setRawMode.bind(input);
    return {
      ask: (question) =>
        new Promise<string>((resolve) => {
          // Raw before the question shows: a key pressed as soon as it appears is one key, not a line.
          setRaw(true);
          output.write(question);
          const done = (answer: string, echo: string) => {
            input.removeListener("data", onData);
            input.removeListener("end", onEnd);
            setRaw(false);
            input.pause();
            output.write(`${echo}\n`);
            resolve(answer);
          };
          const onData = (chunk: Buffer | string) => {
            for (const ch of chunk.toString()) {
              const key = ch.toLowerCase();
              if (REVIEW_KEYS.has(key)) return done(key, ch);
              if (ch === "\u0003" || ch === "\u0004" || ch === "\u001b") return done("q", "");
            }
          };
          const onEnd = () => done("q", "");
          input.on("data", onData);
          input.once("end", onEnd);
          input.resume();
        }),
      close: () => input.pause(),
    };
  }
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    ask: async (question) => {
      output.write(question);
      const next = await lines.next();
      return next.done ? "q" : next.value;
    },
    close: () => rl.close(),
  };
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
  const reader = ask ? null : createAnswerReader(process.stdin, process.stdout);
  const question = ask ?? ((q: string) => reader!.ask(q));
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
    reader?.close();
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
