import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * The Console's build output is not committed: whoever serves it (npm start, the browser tests)
 * calls ensureConsoleBuild first, which runs Vite's build when dist/ is missing or older than
 * any source. A build goes to a temporary folder and replaces dist/ in one rename, so a gateway
 * serving the old build never sees half a new one.
 */

export const CONSOLE_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CONSOLE_DIST = join(CONSOLE_ROOT, "dist");
/**
 * What the build reads (the lockfile: a dependency upgraded; the import's built-in column maps,
 * which src/lib/mapping.ts imports from the opportunities subgraph): a change to any of these
 * makes dist/ stale.
 */
const SOURCES = ["index.html", "vite.config.ts", "package.json", "src", "public", "../package-lock.json", "../subgraphs/opportunities/src/import/builtin-mappings.ts"];
const STAMP = ".sources-mtime";

function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of SOURCES) visit(join(CONSOLE_ROOT, source));
  return newest;
}

/** Why dist/ must be built again, or null when it is current. */
export function staleReason(): string | null {
  const stampPath = join(CONSOLE_DIST, STAMP);
  if (!existsSync(join(CONSOLE_DIST, "index.html")) || !existsSync(stampPath)) return "no build yet";
  const built = Number(readFileSync(stampPath, "utf8"));
  return newestSource() > built ? "sources changed since the last build" : null;
}

export interface BuildLog {
  info(message: string): void;
}

let inFlight: Promise<{ built: boolean; ms: number }> | null = null;

/** Builds dist/ when it is missing or stale; resolves once dist/ is current (one build at a time per process). */
export function ensureConsoleBuild(log: BuildLog = { info: () => undefined }): Promise<{ built: boolean; ms: number }> {
  inFlight ??= buildIfStale(log).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function buildIfStale(log: BuildLog): Promise<{ built: boolean; ms: number }> {
  const started = Date.now();
  const reason = staleReason();
  if (!reason) return { built: false, ms: 0 };
  log.info(`building the Console (${reason}); a few seconds`);
  await buildConsole();
  const ms = Date.now() - started;
  log.info(`the Console is built (${(ms / 1000).toFixed(1)} s)`);
  return { built: true, ms };
}

export async function buildConsole(): Promise<void> {
  const sourcesMtime = newestSource();
  const tmp = join(CONSOLE_ROOT, `.dist-${process.pid}-${Date.now()}`);
  // Vite is loaded only when a build is needed: serving a current build does not need it.
  const { build } = await import("vite");
  try {
    await build({ root: CONSOLE_ROOT, configFile: join(CONSOLE_ROOT, "vite.config.ts"), logLevel: "warn", build: { outDir: tmp, emptyOutDir: true } });
    writeFileSync(join(tmp, STAMP), String(sourcesMtime));
    const old = `${CONSOLE_DIST}.old-${process.pid}`;
    if (existsSync(CONSOLE_DIST)) renameSync(CONSOLE_DIST, old);
    try {
      renameSync(tmp, CONSOLE_DIST);
    } catch (err) {
      // Another process (npm start beside a test run) put its build there first: keep that one.
      if (!existsSync(join(CONSOLE_DIST, "index.html"))) throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
