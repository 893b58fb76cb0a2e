/**
 * The processes of `npm run bench -- gateway`, each in its own process so that its CPU time is its own:
 *   node --import tsx test/bench/gateway-child.ts subgraphs <supergraph-out>
 *     the five subgraphs (serveSubgraph with SUBGRAPH_FACTORIES, as the embedded platform starts them)
 *     on free loopback ports over BENCH_DATABASE_URL, one process; composes the supergraph with
 *     their URLs into <supergraph-out>; prints `{"subgraphs": [{name, url, wsUrl}]}`.
 *   node --import tsx test/bench/gateway-child.ts gateway <supergraph>
 *     the project's gateway (startGateway) with JWT auth (BENCH_JWT_SECRET, no anonymous reads) and
 *     the default limits of gateway/src/config.ts, the rate limit raised out of the way; subgraphs
 *     from BENCH_SUBGRAPHS (JSON); prints `{"url": ...}`.
 * With BENCH_CPU_PROFILE_DIR set, each SIGUSR2 starts or stops V8's CPU profiler; a stop writes
 * <dir>/<n>.cpuprofile (n = 1, 2, …), so that a profile covers a measured run only.
 * Both need MATCHGRAPH_IDENTITY_SECRET; logs go as JSON lines at BENCH_LOG_LEVEL (default info, the
 * services' default) to BENCH_LOG_FILE (synchronous writes, as pino's default stdout). Stop with
 * SIGTERM (a clean exit, so that `--cpu-prof` writes its profile).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { pino } from "pino";
import type { RunningService } from "@matchgraph/subgraph-kit";
import type { SubgraphEndpoint } from "../../gateway/src/server.js";

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const [role, file] = process.argv.slice(2);
if ((role !== "subgraphs" && role !== "gateway") || !file) throw new Error("usage: gateway-child.ts subgraphs <supergraph-out> | gateway <supergraph>");
const identitySecret = need("MATCHGRAPH_IDENTITY_SECRET");
const log = pino({ level: process.env.BENCH_LOG_LEVEL ?? "info", base: { service: role } }, pino.destination({ dest: need("BENCH_LOG_FILE"), sync: true }));
const closers: Array<() => Promise<void>> = [];

// Each role imports only what it runs, as in the distributed topology: the gateway process loads
// no subgraph module (the knowledge subgraph's pdfjs-dist, for one, replaces the global JSON.parse).
if (role === "subgraphs") {
  const { openDatabase } = await import("@matchgraph/db");
  const { createEmbeddingClient } = await import("@matchgraph/ml-runtime/client");
  const { createInProcessPubSub, serveSubgraph } = await import("@matchgraph/subgraph-kit");
  const { SUBGRAPH_FACTORIES } = await import("../../gateway/src/subgraph-modules.js");
  const { SUBGRAPH_NAMES } = await import("../../gateway/src/subgraphs.js");
  const { composeSupergraph } = await import("../../gateway/src/supergraph.js");
  const db = await openDatabase({ databaseUrl: need("BENCH_DATABASE_URL") });
  closers.push(() => db.close());
  const pubSub = createInProcessPubSub();
  closers.push(() => pubSub.close());
  // No ml-runtime: the benched queries embed nothing. Port 9 (discard) on loopback answers nothing.
  const ml = createEmbeddingClient({ baseUrl: "http://127.0.0.1:9", defaultModel: "all-minilm-l6-v2", timeoutMs: 1000 });
  const defs = await Promise.all(SUBGRAPH_NAMES.map((name) => SUBGRAPH_FACTORIES[name](pubSub)));
  const services: RunningService[] = [];
  for (const def of defs) {
    // Background work (job workers polling the database) would only add noise to the CPU figures.
    const service = await serveSubgraph({ ...def, start: undefined }, { db, ml, pubSub, log: log.child({ subgraph: def.name }), identitySecret }, { port: 0, host: "127.0.0.1" });
    closers.push(() => service.close());
    services.push(service);
  }
  writeFileSync(file, composeSupergraph(defs.map((def, i) => ({ def, url: services[i]!.url }))));
  process.stdout.write(`${JSON.stringify({ subgraphs: services.map((s) => ({ name: s.name, url: s.url, wsUrl: s.wsUrl })) })}\n`);
} else {
  const { authConfig, gatewayEnv, limitsOf } = await import("../../gateway/src/config.js");
  const { startGateway } = await import("../../gateway/src/server.js");
  const env = gatewayEnv.parse({ AUTH_MODE: "jwt", AUTH_JWT_SECRET: need("BENCH_JWT_SECRET"), AUTH_ANONYMOUS_READ: "false", RATE_LIMIT_PER_MINUTE: "1000000000" });
  const gateway = await startGateway({
    supergraphSdl: readFileSync(file, "utf8"),
    subgraphs: JSON.parse(need("BENCH_SUBGRAPHS")) as SubgraphEndpoint[],
    mlRuntimeUrl: "http://127.0.0.1:9",
    identitySecret,
    auth: authConfig(env),
    limits: limitsOf(env),
    port: 0,
    host: "127.0.0.1",
    log,
  });
  closers.push(() => gateway.close());
  process.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
}

const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  let profiling = false;
  let written = 0;
  let busy = Promise.resolve();
  process.on("SIGUSR2", () => {
    busy = busy.then(async () => {
      if (!profiling) {
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
        profiling = true;
        return;
      }
      const { profile } = await session.post("Profiler.stop");
      profiling = false;
      writeFileSync(`${profileDir}/${++written}.cpuprofile`, JSON.stringify(profile));
    });
  });
}

const stop = async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  log.flush();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
