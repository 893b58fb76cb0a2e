/**
 * Knowledge command line: `ingest <files or folders> [--url U] [--token T] [--tags a,b]` sends
 * documents to a running platform's `ingestDocument`; `eval --beir <folder> [--mode lexical|vector|hybrid|all] [--split test]
 * [--model <id>] [--limit-queries N] [--rrf-k N] [--depth N] [--out <file>] [--reuse]`. --reuse keeps
 * a collection that already holds the corpus (only useful with a persistent DATABASE_URL).
 * `runKnowledgeCli(argv)` returns the exit code; run this file directly to use it from a shell.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ingestFiles } from "./cli-ingest.js";
import { runBeirEval } from "./eval/beir.js";
import { SEARCH_MODES, type SearchMode } from "./service/search.js";

const USAGE = `usage: knowledge ingest <files or folders> [--url http://localhost:4000/graphql] [--token <jwt>] [--tags a,b] [--timeout-s 600]
       knowledge eval --beir <folder> [--mode lexical|vector|hybrid|all] [--split test] [--model <id>] [--limit-queries N] [--rrf-k N] [--depth N] [--out <file>] [--reuse] [--lexical idf|cd]`;

export interface CliIo {
  print?: (line: string) => void;
  error?: (line: string) => void;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return Number(value);
}

class UsageError extends Error {}

export async function runKnowledgeCli(argv: string[], io: CliIo = {}): Promise<number> {
  const print = io.print ?? ((line: string) => console.log(line));
  const error = io.error ?? ((line: string) => console.error(line));
  const [command, ...rest] = argv;
  try {
    if (command === "ingest") {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          url: { type: "string", default: process.env.MATCHGRAPH_URL ?? "http://localhost:4000/graphql" },
          token: { type: "string", default: process.env.MATCHGRAPH_TOKEN },
          tags: { type: "string", default: "" },
          "timeout-s": { type: "string", default: "600" },
        },
        strict: true,
      });
      if (positionals.length === 0) throw new UsageError("give at least one file or folder");
      const failed = await ingestFiles({
        paths: positionals,
        url: values.url!,
        token: values.token,
        tags: values.tags!.split(",").map((t) => t.trim()).filter(Boolean),
        timeoutMs: (positiveInt("timeout-s", values["timeout-s"]) ?? 600) * 1000,
        print,
      });
      return failed === 0 ? 0 : 1;
    }
    if (command !== "eval") throw new UsageError(command ? `unknown command "${command}"` : "no command given");
    const { values } = parseArgs({
      args: rest,
      options: {
        beir: { type: "string" },
        mode: { type: "string", default: "all" },
        split: { type: "string", default: "test" },
        model: { type: "string" },
        "limit-queries": { type: "string" },
        "rrf-k": { type: "string" },
        depth: { type: "string" },
        out: { type: "string" },
        reuse: { type: "boolean", default: false },
        lexical: { type: "string", default: "idf" },
      },
      strict: true,
    });
    if (values.lexical !== "idf" && values.lexical !== "cd") throw new UsageError(`--lexical must be idf or cd, got "${values.lexical}"`);
    if (!values.beir) throw new UsageError("--beir <folder> is required");
    const mode = values.mode!;
    if (mode !== "all" && !(SEARCH_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be lexical, vector, hybrid or all, got "${mode}"`);
    if (!/^[\w.-]+$/.test(values.split!)) throw new UsageError(`--split must be a plain name, got "${values.split}"`);
    await runBeirEval({
      folder: values.beir,
      modes: mode === "all" ? [...SEARCH_MODES] : [mode as SearchMode],
      split: values.split,
      model: values.model,
      limitQueries: positiveInt("limit-queries", values["limit-queries"]),
      rrfK: positiveInt("rrf-k", values["rrf-k"]),
      depth: positiveInt("depth", values.depth),
      out: values.out,
      reuse: values.reuse,
      lexical: values.lexical === "cd" ? "cd" : "idf",
      print,
      progress: error,
    });
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      error(`knowledge: ${(err as Error).message}`);
      error(USAGE);
      return 2;
    }
    error(`knowledge: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) process.exitCode = await runKnowledgeCli(process.argv.slice(2));
