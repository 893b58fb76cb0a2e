import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLoaderRegistry, createLogger } from "@matchgraph/subgraph-kit";
import { aliasGroupArrays, aliasGroups } from "../src/db/matching.js";
import { rematchAliasGroup } from "../src/service/jobs.js";

describe("alias groups", () => {
  it("are transitive: a chain of aliases puts every name in one group", () => {
    const groups = aliasGroups([
      ["acme", "acme holdings"],
      ["acme holdings", "globex"],
      ["initech", "initrode"],
    ]);
    expect([...groups.get("acme")!].sort()).toEqual(["acme holdings", "globex"]);
    expect([...groups.get("globex")!].sort()).toEqual(["acme", "acme holdings"]);
    expect([...groups.get("initech")!]).toEqual(["initrode"]);
    expect(groups.get("acme")!.has("initech")).toBe(false);
    expect(groups.has("unknown")).toBe(false);
  });

  it("as SQL arrays: one group number per group, every name once", () => {
    const { names, groups } = aliasGroupArrays(aliasGroups([["a", "b"], ["b", "c"], ["x", "y"]]));
    expect(names.slice().sort()).toEqual(["a", "b", "c", "x", "y"]);
    const of = (n: string) => groups[names.indexOf(n)];
    expect(of("a")).toBe(of("b"));
    expect(of("b")).toBe(of("c"));
    expect(of("x")).toBe(of("y"));
    expect(of("a")).not.toBe(of("x"));
  });
});

describe("a new alias re-matches its group", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    await db.prisma.$executeRaw`
      INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, matched_at)
      VALUES ('apn', 'a1', 'Acme', 'Deal', 'acme', now()), ('odoo', 'o1', 'Globex', 'Deal', 'globex', now()),
             ('odoo', 'o2', 'Acme Holdings', 'Deal', 'acme holdings', now()), ('odoo', 'o3', 'Initech', 'Deal', 'initech', now())`;
    await db.prisma.companyAlias.create({ data: { alias: "Acme Holdings", canonical: "Globex", aliasNorm: "acme holdings", canonicalNorm: "globex", kind: "acquisition" } });
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("marks every record named in the (transitive) group for matching and queues an incremental run", async () => {
    await db.prisma.companyAlias.create({ data: { alias: "Acme", canonical: "Acme Holdings", aliasNorm: "acme", canonicalNorm: "acme holdings", kind: "rebrand" } });
    const ctx = {
      db,
      pubSub: createInProcessPubSub(),
      log: createLogger("aliases-test", "silent"),
      ml: createEmbeddingClient({ baseUrl: "http://127.0.0.1:9" }),
      identitySecret: "aliases-test-identity-secret-0000000000000",
      requestId: "t",
      identity: { userId: "u", roles: ["writer"] },
      loader: createLoaderRegistry().loader,
    };
    expect(await rematchAliasGroup(ctx, "acme")).toBe(3);
    const waiting = await db.prisma.opportunity.findMany({ where: { matchedAt: null }, select: { externalId: true }, orderBy: { externalId: "asc" } });
    expect(waiting.map((r) => r.externalId)).toEqual(["a1", "o1", "o2"]);
    const jobs = await db.prisma.opportunityJob.findMany({ select: { kind: true, status: true } });
    expect(jobs).toEqual([{ kind: "match-incremental", status: "queued" }]);
  });
});
