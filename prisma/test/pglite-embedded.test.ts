import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, IN_MEMORY, moveAsideIncompatibleDataDir, openDatabase, PGLITE_PG_MAJOR, type TestDatabase } from "../src/index.js";

// PGlite runs in its own worker thread behind the Postgres wire protocol; these tests check what
// that promises: the caller's event loop stays free during a long statement, statements of
// different connections never mix, transactions keep the session to themselves, and data
// directories persist (and an old one is moved aside).

describe("embedded PGlite behind the wire protocol", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("pglite", { migrate: false });
    await db.prisma.$executeRawUnsafe(`CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL)`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 50) g`);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("answers a cheap query while a long statement runs, and the caller's event loop keeps running", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    let longDone = false;
    try {
      // Seconds of work inside PGlite: a cross join counted.
      const long = db.prisma.$queryRaw<[{ n: bigint }]>`SELECT count(*) AS n FROM generate_series(1, 3000) a, generate_series(1, 1000) b WHERE (a + b) % 7 = 0`.then((r) => {
        longDone = true;
        return r;
      });
      const ticksAtStart = ticks;
      const cheap = await db.prisma.$queryRaw<Array<{ id: number; label: string }>>`SELECT id, label FROM item WHERE id <= 3 ORDER BY id`;
      expect(cheap).toEqual([
        { id: 1, label: "item 1" },
        { id: 2, label: "item 2" },
        { id: 3, label: "item 3" },
      ]);
      const [{ n }] = await long;
      expect(Number(n)).toBe(428_572);
      // Timers fired while the statement ran: it did not run on this thread.
      expect(longDone).toBe(true);
      expect(ticks).toBeGreaterThan(ticksAtStart);
    } finally {
      clearInterval(timer);
    }
  });

  it("keeps a transaction's session to itself: other connections neither see nor interleave with it", async () => {
    const result = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO item (id, label) VALUES (1000, 'uncommitted')`;
      // Another connection's read waits for the commit (one session) and never runs inside it.
      const outside = db.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM item WHERE id = 1000`;
      const inside = await tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM item WHERE id = 1000`;
      return { inside: inside[0]!.n, outside };
    });
    expect(result.inside).toBe(1);
    expect((await result.outside)[0]!.n).toBe(1);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO item (id, label) VALUES (1001, 'rolled back')`;
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const [{ n }] = await db.prisma.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM item WHERE id = 1001`;
    expect(n).toBe(0);
  });

  it("runs a query whose messages arrive in separate writes as one unit, whatever other connections send meanwhile", async () => {
    const socket = await rawConnection(db.pglite!.connection);
    try {
      // Parse now, Bind/Execute/Sync later: in between, other connections parse their own statements.
      socket.write(message("P", Buffer.concat([cstr(""), cstr("SELECT label FROM item WHERE id = $1::int"), int16(0)])));
      await new Promise((r) => setTimeout(r, 50));
      const others = await Promise.all(Array.from({ length: 5 }, (_, i) => db.prisma.$queryRaw<Array<{ id: number }>>`SELECT ${i}::int + 100 AS id`));
      expect(others.map((r) => r[0]!.id)).toEqual([100, 101, 102, 103, 104]);
      const reply = readUntilReady(socket);
      socket.write(
        Buffer.concat([
          message("B", Buffer.concat([cstr(""), cstr(""), int16(0), int16(1), int32(1), Buffer.from("7"), int16(0)])),
          message("E", Buffer.concat([cstr(""), int32(0)])),
          message("S", Buffer.alloc(0)),
        ]),
      );
      const rows = dataRows(await reply);
      expect(rows).toEqual(["item 7"]);
    } finally {
      socket.destroy();
    }
  });

  it("rolls back the open transaction of a connection that goes away", async () => {
    const client = new pg.Client(db.pglite!.connection);
    client.on("error", () => undefined); // its connection is cut below, on purpose
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO item (id, label) VALUES (2000, 'left open')");
    (client as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    const [{ n }] = await db.prisma.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM item WHERE id = 2000`;
    expect(n).toBe(0);
    await client.end().catch(() => undefined);
  });
});

describe("embedded PGlite data directories", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "mg-pglite-dirs-"));
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("keeps what was written after close and reopen", { timeout: 120_000 }, async () => {
    const dataDir = join(root, "kept");
    const first = await openDatabase({ dataDir, migrate: true });
    expect(first.kind).toBe("pglite");
    await first.prisma.$executeRaw`INSERT INTO opportunities.company_alias (alias, canonical, alias_norm, canonical_norm, kind) VALUES ('Acme', 'Acme Corp', 'acme', 'acme corp', 'rebrand')`;
    await first.close();
    expect(first.pglite!.closed).toBe(true);
    expect((await readFile(join(dataDir, "PG_VERSION"), "utf8")).trim()).toBe(PGLITE_PG_MAJOR);

    const again = await openDatabase({ dataDir, migrate: true });
    try {
      const rows = await again.prisma.$queryRaw<Array<{ alias: string }>>`SELECT alias FROM opportunities.company_alias`;
      expect(rows).toEqual([{ alias: "Acme" }]);
    } finally {
      await again.close();
    }
  });

  it("moves a data directory of an older PGlite aside, says so, and starts a fresh database", { timeout: 120_000 }, async () => {
    const dataDir = join(root, "old");
    // What PGlite 0.3 (PostgreSQL 17) leaves: PG_VERSION says 17.
    await mkdir(join(dataDir, "base"), { recursive: true });
    await writeFile(join(dataDir, "PG_VERSION"), "17\n");
    await writeFile(join(dataDir, "base", "marker"), "old data");
    const notices: string[] = [];
    const db = await openDatabase({ dataDir, log: (m) => notices.push(m) });
    try {
      const backup = `${dataDir}-pg17-backup`;
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(backup);
      expect(notices[0]).toMatch(/older PGlite/);
      expect(await readFile(join(backup, "base", "marker"), "utf8")).toBe("old data");
      expect((await readFile(join(dataDir, "PG_VERSION"), "utf8")).trim()).toBe(PGLITE_PG_MAJOR);
      const [{ version }] = await db.prisma.$queryRaw<[{ version: string }]>`SELECT version()`;
      expect(version).toContain(`PostgreSQL ${PGLITE_PG_MAJOR}`);
    } finally {
      await db.close();
    }
  });

  it("keeps earlier backups, and leaves current and empty directories where they are", async () => {
    const dataDir = join(root, "again");
    await mkdir(dataDir, { recursive: true });
    expect(moveAsideIncompatibleDataDir(dataDir, () => undefined)).toBeNull(); // empty: a new database goes here
    await writeFile(join(dataDir, "PG_VERSION"), `${PGLITE_PG_MAJOR}\n`);
    expect(moveAsideIncompatibleDataDir(dataDir, () => undefined)).toBeNull(); // current: kept
    expect(moveAsideIncompatibleDataDir(IN_MEMORY, () => undefined)).toBeNull();
    await writeFile(join(dataDir, "PG_VERSION"), "17\n");
    expect(moveAsideIncompatibleDataDir(dataDir, () => undefined)).toBe(`${dataDir}-pg17-backup`);
    await mkdir(dataDir);
    await writeFile(join(dataDir, "PG_VERSION"), "17\n");
    const second = moveAsideIncompatibleDataDir(dataDir, () => undefined);
    expect(second).toMatch(/again-pg17-backup-\d{4}-/);
    expect(existsSync(dataDir)).toBe(false);
    expect((await readdir(root)).filter((name) => name.startsWith("again-pg17-backup"))).toHaveLength(2);
  });
});

// --- a few frontend messages of the Postgres wire protocol, for the split-write test ---

const cstr = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, body: Buffer) => Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);

async function rawConnection(connection: { host: string; port: number; user: string; database: string }): Promise<Socket> {
  const socket = connection.host.startsWith("/") ? connect(join(connection.host, `.s.PGSQL.${connection.port}`)) : connect(connection.port, connection.host);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const params = Buffer.concat([cstr("user"), cstr(connection.user), cstr("database"), cstr(connection.database), Buffer.from([0])]);
  const reply = readUntilReady(socket);
  socket.write(Buffer.concat([int32(params.length + 8), int32(196608), params]));
  await reply;
  return socket;
}

/** Backend messages up to ReadyForQuery. */
function readUntilReady(socket: Socket): Promise<Array<{ type: string; body: Buffer }>> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const messages: Array<{ type: string; body: Buffer }> = [];
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
        const length = buffer.readInt32BE(1);
        const m = { type: String.fromCharCode(buffer[0]!), body: buffer.subarray(5, 1 + length) };
        buffer = buffer.subarray(1 + length);
        messages.push(m);
        if (m.type === "Z") {
          socket.off("data", onData);
          resolve(messages);
          return;
        }
      }
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

/** The first column of every DataRow (text format); throws on an ErrorResponse. */
function dataRows(messages: Array<{ type: string; body: Buffer }>): string[] {
  const error = messages.find((m) => m.type === "E");
  if (error) throw new Error(`server error: ${error.body.toString("utf8").replace(/\0/g, " ")}`);
  return messages
    .filter((m) => m.type === "D")
    .map((m) => {
      const length = m.body.readInt32BE(2);
      return m.body.subarray(6, 6 + length).toString("utf8");
    });
}
