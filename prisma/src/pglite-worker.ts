// The PGlite worker thread: opens PGlite (pgvector, pg_trgm) and serves it on the Postgres wire
// protocol until the parent asks it to stop. PGlite's WASM runs here, never on a server's event loop.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { vector } from "@electric-sql/pglite-pgvector";
import { servePglite, type PgliteServer } from "./pglite-server.js";

export interface PgliteWorkerData {
  dataDir: string;
  listen: { path: string } | { host: string; port: number };
  maxConnections: number;
}

export type PgliteWorkerMessage =
  | { type: "ready"; address: { path: string } | { host: string; port: number } }
  | { type: "failed"; message: string }
  | { type: "closed" };

const port = parentPort!;
const { dataDir, listen, maxConnections } = workerData as PgliteWorkerData;

let db: PGlite | undefined;
let server: PgliteServer | undefined;
try {
  db = await PGlite.create({ dataDir, extensions: { vector, pg_trgm } });
  server = await servePglite(db, { ...listen, maxConnections });
  port.postMessage({ type: "ready", address: server.address } satisfies PgliteWorkerMessage);
} catch (err) {
  await db?.close().catch(() => undefined);
  port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) } satisfies PgliteWorkerMessage);
  port.close();
}

port.on("message", (message: { type: "close" }) => {
  if (message.type !== "close") return;
  void (async () => {
    try {
      await server?.stop();
    } finally {
      // Closing writes everything to the data directory (a checkpoint).
      if (db && !db.closed) await db.close();
      port.postMessage({ type: "closed" } satisfies PgliteWorkerMessage);
      port.close();
    }
  })();
});
