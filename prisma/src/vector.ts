import pgvector from "pgvector";
import { Prisma } from "../generated/client.js";

/** pgvector's limit on stored vector dimensions. */
export const MAX_VECTOR_DIMENSION = 16000;

/**
 * The text form of a vector (`[0.1,0.2,…]`), to pass as a bind parameter and cast in SQL:
 * `${vectorLiteral(v)}::${vectorType(dim)}`.
 */
export function vectorLiteral(v: readonly number[]): string {
  if (v.length === 0) throw new RangeError("vectorLiteral: a vector needs at least one dimension");
  if (v.length > MAX_VECTOR_DIMENSION) throw new RangeError(`vectorLiteral: ${v.length} dimensions exceed ${MAX_VECTOR_DIMENSION}`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`vectorLiteral: component ${i} is not a finite number (${v[i]})`);
  }
  const sql: unknown = pgvector.toSql([...v]);
  if (typeof sql !== "string") throw new TypeError("vectorLiteral: pgvector.toSql returned a non-string");
  return sql;
}

/**
 * `vector(<dim>)` as a raw SQL fragment. This is the one piece of SQL in the project that is not
 * a bind parameter: a type modifier cannot be parameterised (`$1::vector($2)` is a syntax error),
 * and the HNSW indexes are on `embedding::vector(<dim>)`, so queries must repeat that exact cast
 * for the planner to use them. The dimension is checked to be an integer in 1..16000 first, so
 * nothing but digits ever reaches the SQL text.
 */
export function vectorType(dim: number): Prisma.Sql {
  if (!Number.isInteger(dim) || dim < 1 || dim > MAX_VECTOR_DIMENSION) {
    throw new RangeError(`vectorType: dimension must be an integer in 1..${MAX_VECTOR_DIMENSION}, got ${String(dim)}`);
  }
  return Prisma.raw(`vector(${dim})`);
}

/** Parses pgvector's text output (`[1,2,3]`), as both adapters return vector columns as text. */
export function parseVector(text: string): number[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
    throw new SyntaxError(`parseVector: expected "[…]", got ${JSON.stringify(trimmed.slice(0, 40))}`);
  }
  if (trimmed === "[]") return [];
  const parsed: unknown = pgvector.fromSql(trimmed);
  if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
    throw new SyntaxError(`parseVector: not a list of finite numbers: ${JSON.stringify(trimmed.slice(0, 40))}`);
  }
  return parsed as number[];
}
