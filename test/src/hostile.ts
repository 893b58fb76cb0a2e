import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/** One request as a client would send it. */
export interface HostileRequest {
  /** Which family of generator made it (for reports). */
  kind: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const HUGE = 200_000;
const ID_LIKE = ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "' OR 1=1 --", "../../etc/passwd"];

/** Strings meant to break things: control characters, invalid Unicode, SQL and markup, sizes. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "crm", "SAP migration to AWS", "Grüße 🚀 日本語", "not-a-date", "2026-13-45T99:99:99Z", ...ID_LIKE, "<script>alert(1)</script>", "\u0000", "nul\u0000byte", "\ud800", "x\udfff", "%00", "\\"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1, max: 4 }).map((n) => "a".repeat(10 ** n + 1)),
  fc.constant("x".repeat(HUGE)),
);

const nastyNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 1e-300),
  fc.double({ noNaN: true }),
);

const wrongType: fc.Arbitrary<unknown> = fc.constantFrom("string", 42, 4.2, true, null, [], {}, ["a"], { nested: { deep: true } });

/** A value for an input type: mostly well-typed with hostile contents, sometimes of the wrong type. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) {
    const item = valueFor(type.ofType, depth + 1);
    return fc.oneof(fc.array(item, { maxLength: 4 }), item, fc.constant(Array.from({ length: 5000 }, () => null)));
  }
  let well: fc.Arbitrary<unknown>;
  if (isEnumType(type)) {
    well = fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constantFrom("NOT_A_VALUE", "lowercase"));
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 3) return fc.constant({});
    const record = Object.fromEntries(fields.map((f) => [f.name, fc.option(valueFor(f.type, depth + 1), { nil: undefined, freq: 3 })]));
    well = fc.tuple(fc.record(record), fc.boolean()).map(([value, extra]) => {
      const clean = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
      return extra ? { ...clean, unknownField: "x" } : clean;
    });
  } else if (isScalarType(type) && (type.name === "Int" || type.name === "Float")) {
    well = nastyNumber;
  } else if (isScalarType(type) && type.name === "Boolean") {
    well = fc.boolean();
  } else if (isScalarType(type) && type.name === "DateTimeISO") {
    well = fc.oneof(fc.constantFrom("2026-01-01T00:00:00Z", "2026-12-31T23:59:59.999Z", "not a date", "2026-02-30T00:00:00Z", "99999-01-01T00:00:00Z", ""), fc.date().map((d) => (Number.isNaN(d.getTime()) ? "x" : d.toISOString())));
  } else {
    well = nastyString;
  }
  return fc.oneof({ weight: 6, arbitrary: well }, { weight: 1, arbitrary: wrongType });
}

/** A GraphQL input literal for a JSON-like value (enum names stay bare when they fit the type). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) {
    const base = isNonNullType(type) ? type.ofType : type;
    return `[${value.map((v) => literal(v, isListType(base) ? base.ofType : base)).join(", ")}]`;
  }
  if (typeof value === "object") {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? named)}`).join(", ")} }`;
  }
  if (typeof value === "string" && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  return JSON.stringify(value);
}

/** A small selection of a field's output: `__typename` and a few leaf fields without required arguments. */
function selectionFor(field: GraphQLField<unknown, unknown>): fc.Arbitrary<string> {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return fc.constant("");
  const leaves = isObjectType(type)
    ? Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    : [];
  if (leaves.length === 0) return fc.constant("{ __typename }");
  return fc.subarray(leaves.map((f) => f.name), { minLength: 1, maxLength: Math.min(5, leaves.length) }).map((names) => `{ __typename ${names.join(" ")} }`);
}

/** A request for one root field, its arguments as variables (sometimes inline literals). */
function rootFieldRequest(operation: "query" | "mutation" | "subscription", field: GraphQLField<unknown, unknown>): fc.Arbitrary<HostileRequest> {
  const args = field.args;
  const values = fc.tuple(...args.map((a: GraphQLArgument) => fc.option(valueFor(a.type), { nil: undefined, freq: 4 })));
  return fc.tuple(values, selectionFor(field), fc.boolean()).map(([vals, selection, inline]) => {
    const given = args.map((a, i) => [a, vals[i]] as const).filter(([, v]) => v !== undefined);
    if (inline) {
      const argText = given.map(([a, v]) => `${a.name}: ${literal(v, a.type)}`).join(", ");
      return { kind: `${operation}:${field.name}:inline`, query: `${operation} { ${field.name}${argText ? `(${argText})` : ""} ${selection} }` };
    }
    const decl = given.map(([a]) => `$${a.name}: ${a.type.toString()}`).join(", ");
    const argText = given.map(([a]) => `${a.name}: $${a.name}`).join(", ");
    return {
      kind: `${operation}:${field.name}`,
      query: `${operation} Fuzz${decl ? `(${decl})` : ""} { ${field.name}${argText ? `(${argText})` : ""} ${selection} }`,
      variables: Object.fromEntries(given.map(([a, v]) => [a.name, v])),
      operationName: "Fuzz",
    };
  });
}

/** Documents built to exhaust a server: depth, width, fragments, tokens, directives, garbage. */
const structural: fc.Arbitrary<HostileRequest> = fc.oneof(
  fc.integer({ min: 10, max: 40 }).map((n) => ({
    kind: "doc:fragment-bomb",
    query: `query { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { __typename ${i < n - 1 ? `...F${i + 1} ...F${i + 1}` : ""} }`).join(" ")}`,
  })),
  fc.integer({ min: 2, max: 30 }).map((n) => ({
    kind: "doc:fragment-cycle",
    query: `query { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % n} }`).join(" ")}`,
  })),
  fc.integer({ min: 20, max: 3000 }).map((n) => ({ kind: "doc:deep", query: `${"{ a ".repeat(n)}${"} ".repeat(n)}` })),
  fc.integer({ min: 100, max: 2000 }).map((n) => ({ kind: "doc:aliases", query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: searchLeads(prompt: "crm ${i}", k: 1) { score }`).join(" ")} }` })),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => ({ kind: "doc:wide", query: `{ ${"__typename ".repeat(n)}}` })),
  fc.integer({ min: 50, max: 5000 }).map((n) => ({ kind: "doc:directives", query: `{ __typename ${"@include(if: true) ".repeat(n)}}` })),
  fc.string({ unit: "binary", maxLength: 200 }).map((s) => ({ kind: "doc:garbage", query: s })),
  fc.constantFrom(
    { kind: "doc:operation-mismatch", query: "query A { __typename } query B { __typename }", operationName: "C" },
    { kind: "doc:no-operation-name", query: "query A { __typename } query B { __typename }" },
    { kind: "doc:subscription-over-http", query: "subscription { opportunityUpserted { id } }" },
    { kind: "doc:introspection", query: "{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }" },
    { kind: "doc:unknown-field", query: "{ doesNotExist }" },
    { kind: "doc:empty", query: "" },
  ),
);

/** Every root field of the schema, each with hostile arguments, plus hostile documents. */
export function hostileRequests(schema: GraphQLSchema): fc.Arbitrary<HostileRequest> {
  const roots: Array<["query" | "mutation" | "subscription", GraphQLObjectType | null | undefined]> = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ];
  const fields = roots.flatMap(([op, type]) => (type ? Object.values(type.getFields()).filter((f) => !f.name.startsWith("_")).map((f) => rootFieldRequest(op, f)) : []));
  return fc.oneof({ weight: 8, arbitrary: fc.oneof(...fields) }, { weight: 2, arbitrary: structural });
}

/** The root fields a run should cover at least once (to report coverage). */
export function rootFieldNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? Object.keys(t.getFields()).filter((n) => !n.startsWith("_")) : []));
}

/** Codes a GraphQL error may carry from this platform; anything else is a defect. */
export const DOCUMENTED_CODES = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "NOT_FOUND",
  "CONFLICT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "UNAVAILABLE",
  "RATE_LIMITED",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "MAX_QUERY_SIZE_LIMIT",
  "MAX_TOKENS_LIMIT",
  "MAX_DEPTH_LIMIT",
  "MAX_ALIASES_LIMIT",
  "MAX_DIRECTIVES_LIMIT",
  "COST_ESTIMATED_TOO_EXPENSIVE",
]);

export interface HostileOutcome {
  status: number;
  codes: string[];
  ms: number;
}

/** Sends one request over HTTP POST and reads what came back (a non-JSON body counts as code NON_JSON). */
export async function sendHostile(url: string, request: HostileRequest, token: string | null): Promise<HostileOutcome> {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let codes: string[];
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    codes = (body.errors ?? []).map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "NO_CODE"));
  } catch {
    codes = ["NON_JSON"];
  }
  return { status: res.status, codes, ms };
}
