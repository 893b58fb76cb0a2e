import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, EMBEDDING_MODELS, type TestDatabase } from "../src/index.js";
import { DB_KINDS } from "./helpers/kinds.js";
import { expectedUdt, readPrismaModels } from "./helpers/prisma-schema.js";

const SCHEMAS = ["opportunities", "leads", "talent", "knowledge", "recommendations", "ml"];

interface ColumnRow {
  table_schema: string;
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  numeric_precision: number | null;
  numeric_scale: number | null;
}

describe("schema.prisma reader", () => {
  it("finds the forty-three models in six schemas", () => {
    const models = readPrismaModels();
    expect(models.map((m) => `${m.schema}.${m.table}`).sort()).toEqual([
      "knowledge.chunk",
      "knowledge.chunk_concept",
      "knowledge.concept",
      "knowledge.ingestion_job",
      "knowledge.source",
      "leads.corpus_stat",
      "leads.intent_snippet",
      "leads.lead",
      "leads.lead_outcome",
      "leads.lead_query",
      "leads.lead_query_hit",
      "leads.lead_technology",
      "leads.miner",
      "leads.quality_alert",
      "leads.snippet",
      "leads.snippet_term",
      "leads.submitter_reputation",
      "leads.term_stat",
      "ml.model_activation",
      "ml.model_version",
      "opportunities.company_alias",
      "opportunities.job",
      "opportunities.match",
      "opportunities.match_decision",
      "opportunities.matching_config",
      "opportunities.matching_schedule_run",
      "opportunities.opportunity",
      "recommendations.customer",
      "recommendations.customer_contact",
      "recommendations.customer_decision_factor",
      "recommendations.customer_interaction",
      "recommendations.customer_link",
      "recommendations.customer_objection",
      "recommendations.feedback",
      "recommendations.item",
      "recommendations.job",
      "recommendations.ranking_weights",
      "recommendations.sales_content",
      "recommendations.sales_content_feedback",
      "talent.background_job",
      "talent.job",
      "talent.match_feedback",
      "talent.match_result",
      "talent.talent",
    ]);
  });
});

describe.each(DB_KINDS)("schema.prisma agrees with the migrated database on %s", (kind) => {
  let db: TestDatabase;
  const models = readPrismaModels();

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("has exactly the mapped tables and columns, with matching types and nullability", async () => {
    const columns = await db.prisma.$queryRaw<ColumnRow[]>`
      SELECT c.table_schema, c.table_name, c.column_name, c.udt_name, c.is_nullable, c.numeric_precision, c.numeric_scale
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = ANY(${SCHEMAS}::text[])`;
    const actual = new Map(columns.map((c) => [`${c.table_schema}.${c.table_name}.${c.column_name}`, c]));
    const expectedKeys = new Set<string>();
    for (const model of models) {
      for (const field of model.fields) {
        const key = `${model.schema}.${model.table}.${field.column}`;
        expectedKeys.add(key);
        const column = actual.get(key);
        expect(column, `${model.name}.${field.name} → ${key} missing`).toBeDefined();
        expect(column!.udt_name, `${key} type`).toBe(expectedUdt(field));
        // Prisma lists cannot be null; the SQL makes them NOT NULL DEFAULT '{}'.
        expect(column!.is_nullable, `${key} nullability`).toBe(field.optional ? "YES" : "NO");
        const decimal = /^Decimal\((\d+),\s*(\d+)\)$/.exec(field.nativeType ?? "");
        if (decimal) {
          expect([column!.numeric_precision, column!.numeric_scale], `${key} precision`).toEqual([Number(decimal[1]), Number(decimal[2])]);
        }
      }
    }
    expect([...actual.keys()].filter((k) => !expectedKeys.has(k)), "columns in SQL but not in schema.prisma").toEqual([]);
  });

  it("has a CHECK constraint allowing exactly the documented values of each text enum column", async () => {
    const checks = await db.prisma.$queryRaw<{ schema: string; table: string; definition: string }[]>`
      SELECT n.nspname AS schema, c.relname AS table, pg_get_constraintdef(k.oid) AS definition
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'c' AND n.nspname = ANY(${SCHEMAS}::text[])`;
    let documented = 0;
    for (const model of models) {
      for (const field of model.fields.filter((f) => f.allowedValues)) {
        documented++;
        const definition = checks.find((c) => c.schema === model.schema && c.table === model.table && c.definition.includes(`(${field.column} =`))?.definition;
        expect(definition, `CHECK on ${model.table}.${field.column}`).toBeDefined();
        const allowed = [...definition!.matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
        expect(allowed.sort(), `${model.table}.${field.column} values`).toEqual([...field.allowedValues!].sort());
      }
    }
    expect(documented).toBe(36);
  });

  it("has one partial HNSW index per known embedding model on every vector column but the opportunity identity vector (exact scans)", async () => {
    const indexes = await db.prisma.$queryRaw<{ schemaname: string; tablename: string; indexdef: string }[]>`
      SELECT schemaname, tablename, indexdef FROM pg_indexes WHERE schemaname = ANY(${SCHEMAS}::text[]) AND indexdef ILIKE '%USING hnsw%'`;
    const vectorColumns = models.flatMap((m) => m.fields.filter((f) => f.type === "vector").map((f) => ({ ...m, column: f.column })));
    expect(vectorColumns).toHaveLength(10);
    const expected = Object.entries(EMBEDDING_MODELS).map(([model, { dimension }]) => `${model}:${dimension}`).sort();
    for (const { schema, table, column } of vectorColumns) {
      const found = indexes
        .filter((i) => i.schemaname === schema && i.tablename === table && i.indexdef.includes(`((${column})::vector(`))
        .map((i) => {
          const parsed = /\(\((\w+)\)::vector\((\d+)\)\) vector_cosine_ops\) WHERE \(embedding_model = '([^']+)'::text\)/.exec(i.indexdef);
          expect(parsed, i.indexdef).not.toBeNull();
          return `${parsed![3]}:${parsed![2]}`;
        })
        .sort();
      const unindexed = schema === "opportunities" && table === "opportunity" && column === "identity_embedding";
      expect(found, `${schema}.${table}.${column}`).toEqual(unindexed ? [] : expected);
    }
  });
});
