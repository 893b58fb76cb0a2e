// Checks that a similarity query written the documented way uses the model's partial HNSW
// index once a table holds a few thousand rows. Run: npx tsx scripts/explain-vector-index.ts [pglite|postgres]
// (postgres uses a throw-away database from TEST_DATABASE_URL).
import { createTestDatabase, Prisma, vectorLiteral, vectorType, type DbKind } from "../src/index.js";

const arg = process.argv[2] ?? "postgres";
if (arg !== "pglite" && arg !== "postgres") throw new Error(`usage: explain-vector-index.ts [pglite|postgres], got "${arg}"`);
const kind: DbKind = arg;
const ROWS: [model: string, dim: number, count: number][] = [
  ["all-minilm-l6-v2", 384, 3000],
  ["bge-small-en-v1.5", 384, 1000],
  ["universal-sentence-encoder-lite", 512, 1000],
];

function randomUnit(dim: number, seed: number): number[] {
  let s = seed >>> 0;
  const v = Array.from({ length: dim }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const db = await createTestDatabase(kind);
try {
  console.log(`Database: ${db.describe()}`);
  let seed = 1;
  for (const [model, dim, count] of ROWS) {
    for (let start = 0; start < count; start += 500) {
      const n = Math.min(500, count - start);
      const vectors = Array.from({ length: n }, () => vectorLiteral(randomUnit(dim, seed++)));
      await db.prisma.$executeRaw`
        INSERT INTO talent.talent (full_name, headline, years_experience, embedding, embedding_model)
        SELECT 'Person ' || i, 'Engineer', 5, v::${vectorType(dim)}, ${model}
        FROM unnest(${vectors}::text[]) WITH ORDINALITY AS t(v, i)`;
    }
  }
  await db.prisma.$executeRaw`ANALYZE talent.talent`;
  const query = vectorLiteral(randomUnit(384, 999_999));
  const model = "all-minilm-l6-v2";
  const explain = (client: Pick<Prisma.TransactionClient, "$queryRaw">) => client.$queryRaw<{ "QUERY PLAN": string }[]>`
    EXPLAIN (ANALYZE, COSTS, TIMING OFF)
    SELECT id, 1 - (embedding::${vectorType(384)} <=> ${query}::${vectorType(384)}) AS score
    FROM talent.talent
    WHERE embedding_model = ${model}
    ORDER BY embedding::${vectorType(384)} <=> ${query}::${vectorType(384)}
    LIMIT ${10}`;
  const show = (lines: { "QUERY PLAN": string }[]) =>
    lines.map((l) => `  ${l["QUERY PLAN"].replace(/'\[[^\]]*\]'/g, "'[…]'")}`).join("\n");

  console.log(`\n${ROWS.map(([m, d, c]) => `${c} × ${m} (${d}-d)`).join(", ")}; default planner settings:`);
  console.log(show(await explain(db.prisma)));
  const forced = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    return explain(tx);
  });
  console.log("\nwith enable_seqscan = off:");
  console.log(show(forced));
} finally {
  await db.drop();
}
