import { z } from "zod";
import { BUILTIN_MAPPINGS, IMPORT_FIELDS, ODOO_LABEL_ALIASES, ODOO_LABEL_MAPPING, type ColumnMapping, type ColumnRef, type ImportField } from "./builtin-mappings.js";
import { ImportFileError } from "./errors.js";

/** The fields, the column-map types and the built-in maps live in builtin-mappings.ts (the Console imports them too). */
export * from "./builtin-mappings.js";

export type ImportSource = keyof typeof BUILTIN_MAPPINGS;

/** A mapping the parser may use, with other header names accepted for some of its columns. */
export interface MappingCandidate {
  readonly name: string;
  readonly mapping: ColumnMapping;
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
}

/** The mappings tried for a source, in order; the first one the header satisfies wins. */
export function mappingCandidates(source: ImportSource, mapping?: ColumnMapping): MappingCandidate[] {
  if (mapping) return [{ name: "the given mapping", mapping }];
  if (source === "odoo") {
    return [
      { name: "the odoo mapping (technical field names)", mapping: BUILTIN_MAPPINGS.odoo },
      { name: "the odoo mapping (column labels)", mapping: ODOO_LABEL_MAPPING, aliases: ODOO_LABEL_ALIASES },
    ];
  }
  return [{ name: `the ${source} mapping`, mapping: BUILTIN_MAPPINGS[source] }];
}

const columnName = z.string().trim().min(1);
const columnRef = z.union([columnName, z.array(columnName).min(1)]);
const optionalRef = columnRef.nullish();
const mappingSchema = z.strictObject({
  externalId: columnRef,
  companyName: columnRef,
  website: optionalRef,
  email: optionalRef,
  title: optionalRef,
  description: optionalRef,
  stage: optionalRef,
  country: optionalRef,
  region: optionalRef,
  closeDate: optionalRef,
  amount: optionalRef,
});

/**
 * Validates a column mapping (the parsed JSON, or its text): an object from field to a column
 * name or a non-empty list of them; externalId and companyName are required, `null` leaves a
 * field unmapped. Throws {@link ImportFileError} `BAD_MAPPING` naming each bad key.
 */
export function parseMapping(json: unknown): ColumnMapping {
  let value = json;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch (err) {
      throw new ImportFileError("BAD_MAPPING", `column mapping is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ImportFileError("BAD_MAPPING", "column mapping must be a JSON object from field to column name(s)");
  }
  const parsed = mappingSchema.safeParse(value);
  if (parsed.success) {
    const mapping: Record<string, ColumnRef> = {};
    for (const [field, ref] of Object.entries(parsed.data)) if (ref != null) mapping[field] = ref;
    return mapping as ColumnMapping;
  }
  const input = value as Record<string, unknown>;
  const problems = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.add(`unknown field "${key}" (fields: ${IMPORT_FIELDS.join(", ")})`);
      continue;
    }
    const key = String(issue.path[0] ?? "");
    if (input[key] === undefined) problems.add(`"${key}" is required`);
    else if (Array.isArray(input[key]) && input[key].length === 0) problems.add(`"${key}" is an empty list of columns`);
    else problems.add(`"${key}" must be a column name or a non-empty list of column names`);
  }
  throw new ImportFileError("BAD_MAPPING", `bad column mapping: ${[...problems].join("; ")}`);
}

/** Where a field's value comes from in the file's rows. */
export interface ResolvedColumn {
  /** The header names as found in the file, one per joined part. */
  readonly columns: readonly string[];
  readonly indexes: readonly number[];
}

export type ResolvedColumns = { readonly [F in ImportField]: ResolvedColumn | null };

function refNames(ref: ColumnRef): readonly string[] {
  return typeof ref === "string" ? [ref] : ref;
}

function headerKey(name: string): string {
  return name.replace(/^\uFEFF/, "").trim().toLowerCase();
}

/**
 * Matches a header against the candidates' columns (case-insensitively, trimmed) and returns the
 * first candidate's columns that are all present; else throws `MISSING_COLUMNS` for the candidate
 * that came closest, listing every missing column and the header found.
 */
export function resolveColumns(header: readonly string[], candidates: readonly MappingCandidate[]): ResolvedColumns {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (key !== "" && !positions.has(key)) positions.set(key, i);
  });
  let closest: { candidate: MappingCandidate; missing: string[] } | undefined;
  for (const candidate of candidates) {
    const missing: string[] = [];
    const resolved: Partial<Record<ImportField, ResolvedColumn>> = {};
    for (const field of IMPORT_FIELDS) {
      const ref = candidate.mapping[field];
      if (ref === undefined) continue;
      const indexes: number[] = [];
      for (const name of refNames(ref)) {
        const alternatives = [name, ...(candidate.aliases?.[name] ?? [])];
        const index = alternatives.map((alt) => positions.get(headerKey(alt))).find((i) => i !== undefined);
        if (index === undefined) missing.push(alternatives.map((alt) => `"${alt}"`).join(" or "));
        else indexes.push(index);
      }
      resolved[field] = { columns: indexes.map((i) => header[i]!.trim()), indexes };
    }
    if (missing.length === 0) {
      const columns = {} as Record<ImportField, ResolvedColumn | null>;
      for (const field of IMPORT_FIELDS) columns[field] = resolved[field] ?? null;
      return columns;
    }
    if (!closest || missing.length < closest.missing.length) closest = { candidate, missing };
  }
  const { candidate, missing } = closest!;
  const found = header.map((h) => `"${h.trim()}"`).join(", ");
  throw new ImportFileError(
    "MISSING_COLUMNS",
    `missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} required by ${candidate.name}; the header has ${found}`,
    { missingColumns: missing, header: header.map((h) => h.trim()) },
  );
}
