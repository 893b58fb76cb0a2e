import { randomBytes } from "node:crypto";
import type { Database } from "@matchgraph/db";
import { startMlRuntime } from "@matchgraph/ml-runtime";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, serveSubgraph, type Logger, type RunningService } from "@matchgraph/subgraph-kit";
import type { AuthConfig } from "./auth.js";
import type { Limits } from "./limits.js";
import { startGateway } from "./server.js";
import { SUBGRAPH_FACTORIES } from "./subgraph-modules.js";
import { SUBGRAPH_NAMES, SUBGRAPH_PORTS } from "./subgraphs.js";
import { composeSupergraph } from "./supergraph.js";

export interface PlatformOptions {
  db: Database;
  log: Logger;
  auth: AuthConfig;
  limits: Limits;
  host: string;
  /** Gateway port; 0 picks a free one. */
  port: number;
  /** Subgraph and ml-runtime ports: the defaults (4001-4005, ML_PORT or 4100) or free ones. */
  servicePorts: "default" | "random";
  mlPort?: number;
  /** `fetchGenerationModel`: fetch the default text-generation model in the background when none is on disk. */
  ml: { models: string[]; defaultModel: string; modelDirs: string[]; fetchGenerationModel?: boolean };
  /** Runs once the ml-runtime answers and before any subgraph (and its background jobs) starts: seeding. */
  beforeServices?: (mlRuntimeUrl: string) => Promise<void>;
}

export interface Platform {
  url: string;
  wsUrl: string;
  mlRuntimeUrl: string;
  subgraphs: RunningService[];
  supergraphSdl: string;
  /** Stops the ml-runtime alone (tests use it to check behaviour when the runtime is down). */
  stopMlRuntime(): Promise<void>;
  /** Starts the stopped ml-runtime again on the same port (tests use it to check recovery). */
  startMlRuntime(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded topology: ml-runtime (inference in a worker thread), the five subgraphs on their
 * own loopback ports and the gateway, in one process over one database.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { log } = options;
  const closers: Array<() => Promise<void>> = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const fn of [...closers].reverse()) await fn().catch((err: unknown) => log.error({ err }, "shutdown step failed"));
    })());
  try {
    const random = options.servicePorts === "random";
    const runtimeOptions = {
      host: "127.0.0.1",
      port: random ? 0 : (options.mlPort ?? 4100),
      models: options.ml.models,
      defaultModel: options.ml.defaultModel,
      modelDirs: options.ml.modelDirs,
      logger: log.child({ service: "ml-runtime" }),
      // The platform's database: the runtime serves the tabular model versions stored in its ml schema.
      db: options.db,
      generationFetch: options.ml.fetchGenerationModel ?? false,
    };
    let runtime = await startMlRuntime(runtimeOptions);
    let runtimeOpen = true;
    const stopMlRuntime = async () => {
      if (runtimeOpen) await runtime.close();
      runtimeOpen = false;
    };
    const restartMlRuntime = async () => {
      if (runtimeOpen) return;
      runtime = await startMlRuntime({ ...runtimeOptions, port: Number(new URL(runtime.url).port) });
      runtimeOpen = true;
    };
    closers.push(stopMlRuntime);

    const identitySecret = randomBytes(32).toString("hex");
    const pubSub = createInProcessPubSub();
    closers.push(() => pubSub.close());
    const ml = createEmbeddingClient({
      baseUrl: runtime.url,
      defaultModel: options.ml.defaultModel,
      breaker: { onStateChange: (change) => log[change.to === "open" ? "warn" : "info"]({ service: "ml-client", ...change }, `ml-runtime circuit ${change.to}`) },
    });

    await options.beforeServices?.(runtime.url);
    // Subgraphs that need another domain's data ask the gateway with a service token (kit graph.ts);
    // its URL is known once it listens, below.
    const gatewayAt: { url?: string } = {};
    const subgraphOptions = { graph: { url: () => gatewayAt.url, secret: identitySecret }, mlRuntimeUrl: runtime.url };
    const defs = await Promise.all(SUBGRAPH_NAMES.map((name) => SUBGRAPH_FACTORIES[name](pubSub, subgraphOptions)));
    const subgraphs: RunningService[] = [];
    for (const def of defs) {
      const port = random ? 0 : SUBGRAPH_PORTS[def.name as keyof typeof SUBGRAPH_PORTS];
      const service = await serveSubgraph(def, { db: options.db, ml, pubSub, log: log.child({ service: def.name }), identitySecret }, { port, host: "127.0.0.1" });
      closers.push(() => service.close());
      subgraphs.push(service);
    }
    const supergraphSdl = composeSupergraph(defs.map((def, i) => ({ def, url: subgraphs[i]!.url })));
    const gateway = await startGateway({
      supergraphSdl,
      subgraphs: subgraphs.map((s) => ({ name: s.name, url: s.url, wsUrl: s.wsUrl })),
      mlRuntimeUrl: runtime.url,
      identitySecret,
      auth: { ...options.auth, serviceSecret: identitySecret },
      limits: options.limits,
      port: options.port,
      host: options.host,
      log: log.child({ service: "gateway" }),
    });
    closers.push(() => gateway.close());
    gatewayAt.url = gateway.url;
    return { url: gateway.url, wsUrl: gateway.wsUrl, mlRuntimeUrl: runtime.url, subgraphs, supergraphSdl, stopMlRuntime, startMlRuntime: restartMlRuntime, close };
  } catch (err) {
    await close();
    throw err;
  }
}
