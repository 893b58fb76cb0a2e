// Distributed topology: the gateway alone, in front of subgraphs running as their own processes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createLogger, parseEnv } from "@matchgraph/subgraph-kit";
import { authConfig, gatewayEnv, limitsOf, wsUrlOf } from "./config.js";
import { startGateway } from "./server.js";
import { defaultUrl, SUBGRAPH_NAMES } from "./subgraphs.js";

const SUPERGRAPH_PATH = fileURLToPath(new URL("../supergraph.graphql", import.meta.url));

const urlVars = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, z.string().url().default(defaultUrl(name))]));
const env = parseEnv(
  gatewayEnv.extend({
    ...urlVars,
    SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_PATH),
    MATCHGRAPH_IDENTITY_SECRET: z.string().min(32, "must be at least 32 characters (shared by gateway and subgraphs)"),
  }),
);
const log = createLogger("gateway", env.LOG_LEVEL);
const subgraphs = SUBGRAPH_NAMES.map((name) => {
  const url = (env as Record<string, unknown>)[`${name.toUpperCase()}_URL`] as string;
  return { name, url, wsUrl: wsUrlOf(url) };
});
const gateway = await startGateway({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, "utf8"),
  subgraphs,
  mlRuntimeUrl: env.ML_RUNTIME_URL,
  identitySecret: env.MATCHGRAPH_IDENTITY_SECRET,
  // Subgraphs call the graph with service tokens signed with the identity secret (kit graph.ts).
  auth: { ...authConfig(env), serviceSecret: env.MATCHGRAPH_IDENTITY_SECRET },
  limits: limitsOf(env),
  port: env.PORT,
  host: env.HOST,
  log,
});
log.info({ url: gateway.url }, "gateway ready");
const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
