import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

/**
 * PGlite behind the Postgres wire protocol, for node-postgres (and so `@prisma/adapter-pg`):
 * `@electric-sql/pglite-socket`'s connection handler frames each connection's messages, and
 * {@link StatementQueue} (ours) decides what runs when on PGlite's single session.
 *
 * pglite-socket's own queue runs each protocol message as it arrives, so a query whose Parse and
 * Bind arrive in different reads (a large Bind — an import's vectors — spans many) could have
 * another connection's Parse run between them and bind the wrong statement; and after a failed
 * message its queue stops for good. This queue runs a connection's messages as one unit up to
 * the Sync (or simple Query) that ends them, keeps the session with a connection while it has a
 * transaction open (or a protocol exchange unfinished), and serves connections first come, first
 * served otherwise. Statements still run one at a time: a cheap query waits for the statement
 * ahead of it, never for a whole job.
 */

type HandlerQueue = ConstructorParameters<typeof PGLiteSocketHandler>[0]["queryQueue"];

// Frontend messages that continue an extended-query exchange: they wait for the message that ends it.
const CONTINUES = new Set([0x50 /* P Parse */, 0x42 /* B Bind */, 0x44 /* D Describe */, 0x45 /* E Execute */, 0x43 /* C Close */]);
// Messages after which the server answers ReadyForQuery: the exchange is complete.
const COMPLETES = new Set([0x53 /* S Sync */, 0x51 /* Q Query */, 0x00 /* startup message (no type byte) */, 0x70 /* p password */]);
const TERMINATE = 0x58; // X
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

interface Unit {
  handlerId: number;
  run: () => Promise<number>;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

export class StatementQueue {
  private readonly pending = new Map<number, Uint8Array[]>();
  private readonly units: Unit[] = [];
  /** The connection that holds the session (open transaction, unfinished exchange); null: anyone's turn. */
  private owner: number | null = null;
  /** True while the owner's exchange is unfinished (it sent Flush or COPY data, not yet Sync). */
  private midExchange = false;
  private running = false;

  constructor(private readonly db: PGlite) {}

  /** Called by the handler for every message of a connection, in order. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const messages = this.pending.get(handlerId) ?? [];
    messages.push(message);
    const type = message[0]!;
    if (CONTINUES.has(type)) {
      this.pending.set(handlerId, messages);
      return Promise.resolve(0);
    }
    this.pending.delete(handlerId);
    const complete = COMPLETES.has(type) || type === TERMINATE;
    return this.push(handlerId, async () => {
      let bytes = 0;
      await this.db.runExclusive(async () => {
        for (const m of messages) {
          await this.db.execProtocolRawStream(m, {
            onRawData: (data) => {
              bytes += data.length;
              onData(data);
            },
          });
        }
      });
      this.midExchange = !complete;
      this.owner = this.midExchange || this.db.isInTransaction() ? handlerId : null;
      return bytes;
    });
  }

  getQueueLength(): number {
    return this.units.length;
  }

  /** The connection is gone: what it sent but did not finish is dropped. */
  clearQueueForHandler(handlerId: number): void {
    this.pending.delete(handlerId);
    for (let i = this.units.length - 1; i >= 0; i--) {
      if (this.units[i]!.handlerId === handlerId) this.units.splice(i, 1)[0]!.reject(new Error("connection closed"));
    }
  }

  /** The connection is gone: if it held the session, its exchange is ended and its transaction rolled back. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.push(handlerId, async () => {
      await this.db.runExclusive(async () => {
        if (this.midExchange) await this.db.execProtocolRawStream(SYNC, { onRawData: () => {} });
      });
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
      this.midExchange = false;
      this.owner = null;
      return 0;
    }).catch(() => undefined);
  }

  private push(handlerId: number, run: () => Promise<number>): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.units.push({ handlerId, run, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.units.findIndex((u) => u.handlerId === this.owner);
        if (index < 0 || this.units.length === 0) return; // empty, or waiting for the owner's next message
        const unit = this.units.splice(index, 1)[0]!;
        try {
          unit.resolve(await unit.run());
        } catch (error) {
          // PGlite itself failed (not an SQL error: those are answered on the wire). The
          // connection is closed by its handler; the others go on.
          unit.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

export interface PgliteServerOptions {
  /** Unix socket path to listen on; otherwise TCP on `host` (default 127.0.0.1) and `port` (default 0: a free one). */
  path?: string;
  host?: string;
  port?: number;
  /** Connections at once (default 64); one more is refused with SQLSTATE 53300. */
  maxConnections?: number;
}

export interface PgliteServer {
  /** Where it listens: `{ path }` or `{ host, port }`. */
  address: { path: string } | { host: string; port: number };
  stop(): Promise<void>;
}

/** ErrorResponse (FATAL, 53300 too_many_connections), what PostgreSQL answers past max_connections. */
function tooManyConnections(): Buffer {
  const fields = Buffer.concat(
    [
      ["S", "FATAL"],
      ["V", "FATAL"],
      ["C", "53300"],
      ["M", "sorry, too many clients already"],
    ].map(([code, text]) => Buffer.concat([Buffer.from(code!), Buffer.from(`${text}\0`)])),
  );
  const body = Buffer.concat([fields, Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** Serves `db` on a unix socket or loopback TCP until `stop()`. */
export async function servePglite(db: PGlite, options: PgliteServerOptions = {}): Promise<PgliteServer> {
  await db.waitReady;
  const queue = new StatementQueue(db);
  const maxConnections = options.maxConnections ?? 64;
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= maxConnections) {
      socket.end(tooManyConnections());
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue: queue as unknown as HandlerQueue, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    const listening = () => {
      server.off("error", reject);
      resolve();
    };
    if (options.path) server.listen(options.path, listening);
    else server.listen(options.port ?? 0, options.host ?? "127.0.0.1", listening);
  });
  const bound = server.address();
  const address = options.path ? { path: options.path } : { host: options.host ?? "127.0.0.1", port: typeof bound === "object" && bound ? bound.port : 0 };
  return {
    address,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await closed;
    },
  };
}
