import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";

export interface SchemaField {
  name: string;
  column: string;
  /** Prisma scalar type, or the type name of Unsupported("vector") / Unsupported("tsvector"). */
  type: string;
  list: boolean;
  optional: boolean;
  /** `@db.X(...)` native type attribute, e.g. "Uuid", "Timestamptz(6)", "Decimal(14, 2)". */
  nativeType: string | undefined;
  /** Values from a `/// 'a' | 'b'` doc comment: the column's CHECK constraint must allow exactly these. */
  allowedValues: string[] | undefined;
}

export interface SchemaModel {
  name: string;
  table: string;
  schema: string;
  fields: SchemaField[];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

/** A deliberately small reader of schema.prisma: models, their mapped tables and scalar columns. */
export function readPrismaModels(path = join(packageRoot, "schema.prisma")): SchemaModel[] {
  const text = readFileSync(path, "utf8");
  const models: SchemaModel[] = [];
  for (const match of text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const [, name, body] = match as unknown as [string, string, string];
    let table = name;
    let schema = "public";
    let pendingDoc: string | undefined;
    const fields: SchemaField[] = [];
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (line.startsWith("///")) {
        pendingDoc = line;
        continue;
      }
      const doc = pendingDoc;
      pendingDoc = undefined;
      if (line === "" || line.startsWith("//")) continue;
      const map = /^@@map\("([^"]+)"\)/.exec(line);
      if (map) table = map[1]!;
      const sch = /^@@schema\("([^"]+)"\)/.exec(line);
      if (sch) schema = sch[1]!;
      if (line.startsWith("@@")) continue;
      const field = /^(\w+)\s+(Unsupported\("(\w+)"\)|\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field) throw new Error(`schema.prisma: cannot read field line "${line}" in model ${name}`);
      const [, fieldName, typeToken, unsupported, list, optional, attrs] = field;
      const type = unsupported ?? typeToken!;
      if (!unsupported && !SCALARS.has(type)) continue; // relation field, no column
      fields.push({
        name: fieldName!,
        column: /@map\("([^"]+)"\)/.exec(attrs!)?.[1] ?? fieldName!,
        type,
        list: list === "[]",
        optional: optional === "?",
        nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(attrs!)?.[1],
        allowedValues: doc && /'[^']+'( \| '[^']+')+/.test(doc) ? [...doc.matchAll(/'([^']+)'/g)].map((m) => m[1]!) : undefined,
      });
    }
    models.push({ name, table, schema, fields });
  }
  return models;
}

/** The information_schema `udt_name` a field's column must have. */
export function expectedUdt(field: SchemaField): string {
  const base = (() => {
    if (field.type === "vector" || field.type === "tsvector") return field.type;
    if (field.nativeType === "Uuid") return "uuid";
    if (field.nativeType === "Date") return "date";
    switch (field.type) {
      case "String":
        return "text";
      case "Int":
        return "int4";
      case "BigInt":
        return "int8";
      case "Float":
        return "float8";
      case "Decimal":
        return "numeric";
      case "Boolean":
        return "bool";
      case "DateTime":
        return field.nativeType?.startsWith("Timestamptz") ? "timestamptz" : "timestamp";
      case "Json":
        return "jsonb";
      case "Bytes":
        return "bytea";
      default:
        throw new Error(`no column type known for ${field.type}`);
    }
  })();
  return field.list ? `_${base}` : base;
}
