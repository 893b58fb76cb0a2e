import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, migrate, MigrationError, type TestDatabase } from "../src/index.js";
import { migrationsDir } from "../src/paths.js";
import { DB_KINDS } from "./helpers/kinds.js";

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
  logs: string | null;
}

async function expectedMigrations(): Promise<{ name: string; checksum: string }[]> {
  const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      checksum: createHash("sha256").update(await readFile(join(migrationsDir, name, "migration.sql"))).digest("hex"),
    })),
  );
}

async function tempMigrationsDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mg-migrations-"));
  await cp(migrationsDir, dir, { recursive: true });
  return dir;
}

describe.each(DB_KINDS)("migrations on %s", (kind) => {
  let db: TestDatabase;
  const scratch: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
    await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
  });

  const rows = () => db.prisma.$queryRaw<MigrationRow[]>`SELECT * FROM public._prisma_migrations ORDER BY migration_name`;

  it("applies every migration exactly once when two migrators race", async () => {
    const expected = await expectedMigrations();
    const [first, second] = await Promise.all([migrate(db), migrate(db)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(expected.map((m) => m.name));
    expect(Math.min(first.applied.length, second.applied.length)).toBe(0);
  });

  it("records them in _prisma_migrations with Prisma's columns and sha256 checksums", async () => {
    const expected = await expectedMigrations();
    const recorded = await rows();
    expect(recorded.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
    for (const row of recorded) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    const columns = await db.prisma.$queryRaw<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }[]>`
      SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`;
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO", character_maximum_length: 36 },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO", character_maximum_length: 64 },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES", character_maximum_length: null },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO", character_maximum_length: 255 },
      { column_name: "logs", data_type: "text", is_nullable: "YES", character_maximum_length: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES", character_maximum_length: null },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO", character_maximum_length: null },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO", character_maximum_length: null },
    ]);
  });

  it("applies nothing when run again", async () => {
    const before = await rows();
    const messages: string[] = [];
    expect(await migrate(db, { log: (m) => messages.push(m) })).toEqual({ applied: [] });
    expect(await rows()).toEqual(before);
    expect(messages.join("\n")).toMatch(/no pending migrations/);
  });

  it("refuses to run when an applied migration's file has changed, naming it and both checksums", async () => {
    const dir = await tempMigrationsDir();
    scratch.push(dir);
    const [first] = await expectedMigrations();
    const file = join(dir, first!.name, "migration.sql");
    const changed = `${await readFile(file, "utf8")}\n-- edited after it was applied\n`;
    await writeFile(file, changed);
    const changedChecksum = createHash("sha256").update(changed).digest("hex");

    const error = await migrate(db, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const err = error as MigrationError;
    expect(err.code).toBe("CHECKSUM_MISMATCH");
    expect(err.migration).toBe(first!.name);
    expect(err.message).toContain(first!.name);
    expect(err.message).toContain(first!.checksum);
    expect(err.message).toContain(changedChecksum);
  });

  it("rolls a failing migration back whole and reports the SQL error with its name", async () => {
    const dir = await tempMigrationsDir();
    scratch.push(dir);
    const broken = "20991231000000_broken_probe";
    await mkdir(join(dir, broken));
    await writeFile(
      join(dir, broken, "migration.sql"),
      [
        'CREATE TABLE "public"."mg_partial_probe" (id int PRIMARY KEY);',
        'INSERT INTO "public"."mg_partial_probe" VALUES (1);',
        'ALTER TABLE "talent"."talent" ADD COLUMN "probe" text;',
        'SELECT * FROM "public"."mg_table_that_does_not_exist";',
      ].join("\n"),
    );

    const error = await migrate(db, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const err = error as MigrationError;
    expect(err.code).toBe("MIGRATION_FAILED");
    expect(err.message).toContain(broken);
    expect(err.message).toMatch(/mg_table_that_does_not_exist/);
    expect(err.message).toMatch(/SQLSTATE 42P01/);
    expect(err.message).toMatch(/at line 4/);

    const probe = await db.prisma.$queryRaw<{ exists: string | null }[]>`SELECT to_regclass('public.mg_partial_probe')::text AS exists`;
    expect(probe[0]!.exists).toBeNull();
    const column = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'talent' AND table_name = 'talent' AND column_name = 'probe'`;
    expect(column[0]!.n).toBe(0);
    expect((await rows()).map((r) => r.migration_name)).not.toContain(broken);

    // Once fixed, the same migration applies and is recorded.
    await writeFile(join(dir, broken, "migration.sql"), 'CREATE TABLE "public"."mg_partial_probe" (id int PRIMARY KEY);\n');
    expect(await migrate(db, { migrationsDir: dir })).toEqual({ applied: [broken] });
    await db.prisma.$executeRaw`DROP TABLE "public"."mg_partial_probe"`;
  });
});
