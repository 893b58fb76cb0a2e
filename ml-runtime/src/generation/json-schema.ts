/**
 * Turns a standard JSON Schema (as OpenAI's `response_format.json_schema.schema` carries it, or as
 * zod's `toJSONSchema` writes it) into the subset node-llama-cpp builds a grammar from
 * (`GbnfJsonSchema`). The grammar then forces every token the model picks to keep the output a
 * JSON document of that shape, so the answer always parses.
 *
 * What the grammar enforces: types, object properties (every listed property is written, in
 * order: valid whether or not it is `required`), `additionalProperties`, min/max properties,
 * arrays (`items`, `prefixItems` or draft-7 tuple `items`, min/max items), strings (min/max length,
 * `format` date-time / date / time), `enum`, `const`, `anyOf` / `oneOf`, `$ref` to `#/$defs/…` or
 * `#/definitions/…`, nullable types (`type: ["string", "null"]`).
 * What it does not enforce (accepted, left to the caller to check): `pattern`, number ranges,
 * `multipleOf`, `uniqueItems`, other string formats. Keywords that change the shape in ways the
 * grammar cannot follow (`not`, `if`/`then`/`else`, `patternProperties`, `allOf` with more than one
 * schema, `$ref` elsewhere) are refused with UnsupportedSchemaError naming where.
 */

export class UnsupportedSchemaError extends Error {
  constructor(
    message: string,
    readonly at: string,
  ) {
    super(`${message} (at ${at})`);
    this.name = "UnsupportedSchemaError";
  }
}

type Json = Record<string, unknown>;

const basicTypes = new Set(["string", "number", "integer", "boolean", "null"]);
const allTypes = new Set([...basicTypes, "object", "array"]);
const grammarFormats = new Set(["date-time", "date", "time"]);
/** Accepted and dropped: annotations, and constraints the grammar cannot enforce. */
const ignored = new Set([
  "$schema", "$id", "$comment", "title", "default", "examples", "deprecated", "readOnly", "writeOnly",
  "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems",
  "contentEncoding", "contentMediaType", "strict", "required", "nullable", "format", "description",
  "$defs", "definitions", "type", "properties", "additionalProperties", "minProperties", "maxProperties",
  "items", "prefixItems", "minItems", "maxItems", "minLength", "maxLength", "enum", "const", "anyOf", "oneOf", "allOf", "$ref",
]);
const refused = ["not", "if", "then", "else", "patternProperties", "dependentSchemas", "dependentRequired", "dependencies", "unevaluatedProperties", "unevaluatedItems", "contains", "propertyNames"];

const ANY: Json = {
  oneOf: [{ type: ["string", "number", "boolean", "null"] }, { type: "object", additionalProperties: true }, { type: "array" }],
};

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

function describe(out: Json, schema: Json): Json {
  return typeof schema.description === "string" ? { ...out, description: schema.description } : out;
}

function translate(schema: unknown, at: string): Json {
  if (schema === true) return ANY;
  if (schema === false) throw new UnsupportedSchemaError("a schema that allows nothing", at);
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new UnsupportedSchemaError("a schema must be an object", at);
  const s = schema as Json;
  const done = (out: Json) => describe(withDefs(out, s, at), s);
  for (const key of refused) if (key in s) throw new UnsupportedSchemaError(`"${key}" cannot be enforced by a grammar`, at);

  if (typeof s.$ref === "string") {
    const m = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(s.$ref);
    if (!m) throw new UnsupportedSchemaError(`$ref "${s.$ref}" (only #/$defs/<name> and #/definitions/<name>)`, at);
    return done({ $ref: `#/$defs/${m[2]}` });
  }
  if (Array.isArray(s.allOf)) {
    if (s.allOf.length !== 1) throw new UnsupportedSchemaError("allOf with more than one schema", at);
    const { allOf, ...rest } = s;
    return translate({ ...rest, ...(allOf[0] as Json) }, at);
  }
  const alternatives = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as unknown[] | undefined;
  if (alternatives) {
    if (alternatives.length === 0) throw new UnsupportedSchemaError("anyOf/oneOf with no schema", at);
    const key = Array.isArray(s.anyOf) ? "anyOf" : "oneOf";
    return done({ oneOf: alternatives.map((a, i) => translate(a, `${at}/${key}/${i}`)) });
  }
  if ("const" in s) {
    if (!isPrimitive(s.const)) throw new UnsupportedSchemaError("const must be a string, number, boolean or null", at);
    return done({ const: s.const });
  }
  if (Array.isArray(s.enum)) {
    if (s.enum.length === 0 || !s.enum.every(isPrimitive)) throw new UnsupportedSchemaError("enum must list strings, numbers, booleans or null", at);
    const values = s.nullable === true && !s.enum.includes(null) ? [...s.enum, null] : s.enum;
    return done({ enum: values });
  }

  let types: string[];
  if (typeof s.type === "string") types = [s.type];
  else if (Array.isArray(s.type)) types = s.type as string[];
  else if ("properties" in s || "additionalProperties" in s) types = ["object"];
  else if ("items" in s || "prefixItems" in s) types = ["array"];
  else if (Object.keys(s).every((k) => ignored.has(k))) return done(ANY);
  else types = [];
  if (types.length === 0) throw new UnsupportedSchemaError("a schema without a type this runtime can generate", at);
  for (const t of types) if (!allTypes.has(t)) throw new UnsupportedSchemaError(`unknown type "${t}"`, at);
  if (s.nullable === true && !types.includes("null")) types = [...types, "null"];

  const variants = types.map((t) => variant(t, s, at));
  const out = variants.length === 1 ? variants[0]! : collapse(variants);
  return done(out);
}

/** Basic types share one `type` list; objects, arrays and constrained strings stay alternatives. */
function collapse(variants: Json[]): Json {
  const plain = variants.filter((v) => Object.keys(v).length === 1 && typeof v.type === "string" && basicTypes.has(v.type));
  const rich = variants.filter((v) => !plain.includes(v));
  const merged = plain.length > 1 ? [{ type: plain.map((v) => v.type as string) }] : plain;
  const all = [...merged, ...rich];
  return all.length === 1 ? all[0]! : { oneOf: all };
}

function variant(type: string, s: Json, at: string): Json {
  switch (type) {
    case "string": {
      if (typeof s.format === "string" && grammarFormats.has(s.format)) return { type: "string", format: s.format };
      const out: Json = { type: "string" };
      if (typeof s.minLength === "number") out.minLength = s.minLength;
      if (typeof s.maxLength === "number") out.maxLength = s.maxLength;
      return out;
    }
    case "object": {
      const props = (s.properties ?? {}) as Json;
      if (typeof props !== "object" || Array.isArray(props)) throw new UnsupportedSchemaError("properties must be an object", at);
      const properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, translate(v, `${at}/properties/${k}`)]));
      const out: Json = { type: "object", properties };
      const extra = s.additionalProperties;
      // A standard schema allows extra properties unless told otherwise; the grammar writes them
      // only when there is nothing else to write (no properties listed).
      if (extra === true || (extra === undefined && Object.keys(properties).length === 0)) out.additionalProperties = true;
      else if (typeof extra === "object" && extra !== null) out.additionalProperties = translate(extra, `${at}/additionalProperties`);
      if (typeof s.minProperties === "number") out.minProperties = s.minProperties;
      if (typeof s.maxProperties === "number") out.maxProperties = s.maxProperties;
      return out;
    }
    case "array": {
      const out: Json = { type: "array" };
      if (Array.isArray(s.items)) out.prefixItems = s.items.map((x, i) => translate(x, `${at}/items/${i}`));
      else if (s.items !== undefined) out.items = translate(s.items, `${at}/items`);
      if (Array.isArray(s.prefixItems)) out.prefixItems = s.prefixItems.map((x, i) => translate(x, `${at}/prefixItems/${i}`));
      if (typeof s.minItems === "number") out.minItems = s.minItems;
      if (typeof s.maxItems === "number") out.maxItems = s.maxItems;
      return out;
    }
    default:
      return { type };
  }
}

/** `$defs` / `definitions` on this schema, translated, as `$defs`. */
function withDefs(out: Json, s: Json, at: string): Json {
  const defs = { ...((s.definitions as Json | undefined) ?? {}), ...((s.$defs as Json | undefined) ?? {}) };
  if (Object.keys(defs).length === 0) return out;
  const translated = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, translate(v, `${at}/$defs/${k}`)]));
  // node-llama-cpp reads $defs beside a $ref, oneOf, object or array schema; a basic one gets a oneOf wrapper.
  if ("oneOf" in out || "$ref" in out || out.type === "object" || out.type === "array") return { ...out, $defs: translated };
  return { oneOf: [out], $defs: translated };
}

/** The grammar schema for a response_format's JSON schema; throws UnsupportedSchemaError. */
export function toGrammarSchema(schema: unknown): Json {
  return translate(schema, "#");
}
