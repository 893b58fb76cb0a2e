/**
 * Hive Gateway for `npm run bench -- gateway`, programmatically (createGatewayRuntime on node:http):
 *   node test/bench/hive/serve.mjs --supergraph <file> [--port 0] [--host 127.0.0.1] [--dedup on|off]
 * Serves the given supergraph at /graphql and forwards the caller's `x-mg-identity` header (the
 * gateway-signed token the subgraphs require) to every subgraph fetch. In-flight deduplication of
 * identical subgraph fetches (the HTTP transport's `deduplicateInflightRequests`) is Hive
 * Gateway's default; `--dedup off` turns it off. Prints one JSON line `{"url": ...}` when it
 * listens, and runs until SIGTERM/SIGINT.
 *
 * A separate npm project (./package.json, ./package-lock.json), installed by the bench with
 * `npm ci --prefix test/bench/hive`: Hive Gateway's dependencies declare Node >= 22, which must not
 * reach the project's own `npm ci`. It runs on Node 20 all the same (checked on Node 20.20).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { createGatewayRuntime } from "@graphql-hive/gateway";

const IDENTITY_HEADER = "x-mg-identity";

const { values } = parseArgs({
  options: {
    supergraph: { type: "string" },
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    dedup: { type: "string", default: "on" },
  },
});
if (!values.supergraph) throw new Error("usage: serve.mjs --supergraph <file> [--port 0] [--host 127.0.0.1] [--dedup on|off]");
if (values.dedup !== "on" && values.dedup !== "off") throw new Error("--dedup is on or off");

const gateway = createGatewayRuntime({
  supergraph: readFileSync(values.supergraph, "utf8"),
  logging: "warn",
  landingPage: false,
  graphiql: false,
  // Header propagation (documented): the subgraphs answer only gateway-signed callers.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [IDENTITY_HEADER]: request.headers.get(IDENTITY_HEADER) }),
  },
  // The default is on; only set it when turned off, so that "on" is exactly Hive Gateway's default.
  ...(values.dedup === "off" ? { transportEntries: { "*.http": { options: { deduplicateInflightRequests: false } } } } : {}),
});

const server = createServer(gateway);
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(Number(values.port), values.host, () => resolve(undefined));
});
const address = server.address();
process.stdout.write(`${JSON.stringify({ url: `http://${values.host}:${address.port}${gateway.graphqlEndpoint}`, dedup: values.dedup })}\n`);

const stop = async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  await gateway.dispose();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
