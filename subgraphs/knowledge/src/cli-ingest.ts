import { createGraphQLClient } from "@matchgraph/subgraph-kit";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";

/** Extensions the ingestion pipeline reads (the type is still sniffed from the bytes). */
export const INGESTIBLE = new Set([".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"]);

export interface IngestCliOptions {
  paths: string[];
  url: string;
  token?: string;
  tags: string[];
  print: (line: string) => void;
  /** How long to wait for all jobs, in ms. */
  timeoutMs: number;
}

/** Files under the given paths (folders recursively) with an ingestible extension, sorted. */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  const visit = async (path: string) => {
    const info = await stat(path);
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) await visit(join(path, entry));
    } else if (INGESTIBLE.has(extname(path).toLowerCase())) {
      files.push(path);
    }
  };
  for (const p of paths) await visit(p);
  return files;
}

interface Job {
  id: string;
  status: string;
  lastError: string | null;
  progress: { stage: string; done: number; total: number } | null;
}

/**
 * `knowledge ingest`: a client of the graph. Each file is sent to `ingestDocument` (a durable job
 * on the server), then the jobs are followed until they finish. Returns how many failed.
 */
export async function ingestFiles(opts: IngestCliOptions): Promise<number> {
  const gql = createGraphQLClient({ url: opts.url, token: opts.token });
  const files = await collectFiles(opts.paths);
  if (files.length === 0) throw new Error(`no ingestible files (${[...INGESTIBLE].join(" ")}) under ${opts.paths.join(", ")}`);
  let failed = 0;
  const jobs = new Map<string, string>();
  for (const file of files) {
    try {
      const data = await gql<{ ingestDocument: Job }>(`mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id status } }`, {
        input: { contentBase64: (await readFile(file)).toString("base64"), filename: file.split("/").pop(), uri: `file:${file}`, tags: opts.tags },
      });
      jobs.set(data.ingestDocument.id, file);
      opts.print(`queued   ${file}`);
    } catch (err) {
      failed++;
      opts.print(`refused  ${file}: ${(err as Error).message}`);
    }
  }
  const deadline = Date.now() + opts.timeoutMs;
  while (jobs.size > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    for (const [id, file] of jobs) {
      const { ingestionJob: job } = await gql<{ ingestionJob: Job }>(`query ($id: ID!) { ingestionJob(id: $id) { id status lastError progress { stage done total } } }`, { id });
      if (job.status === "DONE") opts.print(`done     ${file}`);
      else if (job.status === "FAILED") opts.print(`failed   ${file}: ${job.lastError}`);
      else continue;
      if (job.status === "FAILED") failed++;
      jobs.delete(id);
    }
  }
  for (const file of jobs.values()) {
    failed++;
    opts.print(`timeout  ${file} (still running on the server)`);
  }
  opts.print(`${files.length - failed} of ${files.length} files ingested`);
  return failed;
}
