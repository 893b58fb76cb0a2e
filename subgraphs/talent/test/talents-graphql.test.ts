import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type ExecutionResult, type GraphQLSchema } from "graphql";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { buildFederatedSchema, createInProcessPubSub, createLoaderRegistry, createLogger, type Identity, type PubSub, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { JobResolver, TalentResolver } from "../src/schema/resolver.js";

const log = createLogger("talents-graphql-test", "silent");

interface TalentList {
  talents: { nodes: Array<{ id: string; salaryExpectation: { min: number } | null }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe("talents: a talent lists their own profile, recruiters none, admins every one", () => {
  let db: TestDatabase;
  let pubSub: PubSub;
  let schema: GraphQLSchema;
  const ids = {} as Record<"ada" | "bob" | "cleo", string>;
  const query = parse(`query ($first: Int, $after: String) { talents(first: $first, after: $after) { nodes { id salaryExpectation { min } } pageInfo { hasNextPage endCursor } } }`);
  const list = (identity: Identity | null, variables: { first?: number; after?: string | null } = {}) =>
    execute({
      schema,
      document: query,
      variableValues: { first: 20, ...variables },
      contextValue: { requestId: "test", identity, log, db, ml: undefined as never, pubSub, loader: createLoaderRegistry().loader } satisfies SubgraphContext,
    }) as Promise<ExecutionResult<TalentList>>;
  const listed = async (identity: Identity | null, variables?: { first?: number; after?: string | null }) => {
    const result = await list(identity, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.talents;
  };
  const talent = (userId: string): Identity => ({ userId, roles: ["talent"] });

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    pubSub = createInProcessPubSub();
    schema = await buildFederatedSchema({ resolvers: [TalentResolver, JobResolver], pubSub });
    // Oldest first: Ada's, Bob's, then Cleo's (no account); the list is newest first.
    const rows = [
      { key: "ada", userId: "user-ada", fullName: "Ada Lovelace", salaryMin: 80_000 },
      { key: "bob", userId: "user-bob", fullName: "Bob Frontend", salaryMin: 90_000 },
      { key: "cleo", userId: null, fullName: "Cleo Writer-made", salaryMin: 70_000 },
    ] as const;
    for (const [i, r] of rows.entries()) {
      const row = await db.prisma.talent.create({
        data: { userId: r.userId, fullName: r.fullName, headline: "Engineer", yearsExperience: 5, salaryMin: r.salaryMin, salaryMax: r.salaryMin + 20_000, salaryCurrency: "EUR", createdAt: new Date(Date.UTC(2026, 0, 1 + i)) },
      });
      ids[r.key] = row.id;
    }
  });
  afterAll(async () => {
    await pubSub?.close();
    await db?.drop();
  });

  it("gives a talent exactly their own profile, salary expectation included, and never another's", async () => {
    const ada = await listed(talent("user-ada"));
    expect(ada.nodes).toEqual([{ id: ids.ada, salaryExpectation: { min: 80_000 } }]);
    expect(ada.pageInfo.hasNextPage).toBe(false);
    expect((await listed(talent("user-bob"))).nodes.map((n) => n.id)).toEqual([ids.bob]);
    // No profile yet: an empty list, not the others'.
    expect((await listed(talent("user-carol"))).nodes).toEqual([]);
    // Paging does not widen it: one at a time, and after any cursor (here the newest row's, Cleo's) still only their own.
    const first = await listed(talent("user-ada"), { first: 1 });
    expect(first.nodes.map((n) => n.id)).toEqual([ids.ada]);
    expect(first.pageInfo.hasNextPage).toBe(false);
    const cleoCursor = (await listed({ userId: "admin-1", roles: ["admin"] }, { first: 1 })).pageInfo.endCursor;
    expect((await listed(talent("user-bob"), { after: cleoCursor })).nodes.map((n) => n.id)).toEqual([ids.bob]);
    expect((await listed(talent("user-ada"), { after: first.pageInfo.endCursor })).nodes).toEqual([]);
  });

  it("refuses callers without an identity (UNAUTHENTICATED), for the list and for one profile", async () => {
    const anonymous = await list(null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.data?.talents ?? null).toBeNull();
    const one = (await execute({
      schema,
      document: parse(`query ($id: ID!) { talent(id: $id) { id } }`),
      variableValues: { id: ids.ada },
      contextValue: { requestId: "test", identity: null, log, db, ml: undefined as never, pubSub, loader: createLoaderRegistry().loader } satisfies SubgraphContext,
    })) as ExecutionResult<{ talent: { id: string } | null }>;
    expect(one.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(one.data?.talent ?? null).toBeNull();
  });

  it("still refuses recruiters (FORBIDDEN), and lists every talent to admins as before", async () => {
    const recruiter = await list({ userId: "recruiter-acme", roles: ["recruiter", "company:Acme"] });
    expect(recruiter.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(recruiter.data?.talents ?? null).toBeNull();
    const admin = await listed({ userId: "admin-1", roles: ["admin"] });
    expect(admin.nodes).toEqual([
      { id: ids.cleo, salaryExpectation: { min: 70_000 } },
      { id: ids.bob, salaryExpectation: { min: 90_000 } },
      { id: ids.ada, salaryExpectation: { min: 80_000 } },
    ]);
    // A writer lists them too, without salary expectations (unchanged).
    const writer = await listed({ userId: "wendy", roles: ["writer"] });
    expect(writer.nodes).toEqual([ids.cleo, ids.bob, ids.ada].map((id) => ({ id, salaryExpectation: null })));
  });
});
