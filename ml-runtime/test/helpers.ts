import { existsSync } from "node:fs";
import path from "node:path";
import { createLogger, type Logger } from "../src/logger.js";
import { defaultModelCacheDir, repoRoot } from "../src/paths.js";

/** Where the real USE-Lite model lives: ML_MODEL_DIR, else the shared folder beside the repo. */
export const sharedModelDir = process.env.ML_MODEL_DIR ?? path.resolve(repoRoot, "../shared/models");
export const modelDirs = sharedModelDir.split(path.delimiter).filter(Boolean);

export const USE = "universal-sentence-encoder-lite";
export const MINILM = "all-minilm-l6-v2";
export const miniLmDir = path.join(defaultModelCacheDir, MINILM);
export const miniLmPresent = existsSync(path.join(miniLmDir, "tokenizer.json"));

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

export type LogLine = Record<string, unknown>;

/** A real pino logger whose JSON lines land in an array. */
export function captureLogs(level = "info"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      for (const line of chunk.split("\n")) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { logger, lines };
}

/** Reads one sample from Prometheus text, e.g. metricValue(text, 'x_total{route="/a"}'); 0 if absent. */
export function metricValue(text: string, sample: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
