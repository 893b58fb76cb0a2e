import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { Prisma, createTestDatabase, type TestDatabase } from "@matchgraph/db";
import type { EmbeddingClient } from "@matchgraph/ml-runtime/client";
import { updateEmbedded } from "../src/embeddings.js";

const TABLE = Prisma.sql`leads.lead`;
// Text is unchanged in these cases, so the runtime must not be called.
const ml = { defaultModel: "m", embed: () => Promise.reject(new Error("not expected")) } as unknown as EmbeddingClient;

describe("updateEmbedded on pglite", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
  });
  afterAll(async () => db?.drop());

  it("updates a row that is still the version it was read from", async () => {
    const lead = await db.prisma.lead.create({ data: { companyName: "Acme" } });
    const existing = { ...lead, embeddingModel: "m" };
    const row = await updateEmbedded({ db, ml }, TABLE, { existing, textBefore: "t", textAfter: "t" }, (tx) =>
      tx.lead.update({ where: { id: lead.id }, data: { industry: "Retail" } }),
    );
    expect(row.industry).toBe("Retail");
  });

  it("answers CONFLICT and writes nothing when another request changed the row meanwhile", async () => {
    const lead = await db.prisma.lead.create({ data: { companyName: "Globex" } });
    const stale = { ...lead, embeddingModel: "m" };
    await db.prisma.lead.update({ where: { id: lead.id }, data: { companyName: "Globex Corp" } });
    const attempt = updateEmbedded({ db, ml }, TABLE, { existing: stale, textBefore: "t", textAfter: "t" }, (tx) =>
      tx.lead.update({ where: { id: lead.id }, data: { industry: "Energy" } }),
    );
    await expect(attempt).rejects.toSatisfy((err: unknown) => err instanceof GraphQLError && err.extensions.code === "CONFLICT");
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).industry).toBeNull();
  });
});
