import { z } from "zod";
import { ImportFileError } from "./errors.js";

/** The fields an import fills, in the order of {@link ImportRecord}'s columns. */
export const IMPORT_FIELDS = [
  "externalId",
  "companyName",
  "website",
  "email",
  "title",
  "description",
  "stage",
  "country",
  "region",
  "closeDate",
  "amount",
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** One column name, or several whose trimmed values are joined with single spaces (empty ones skipped). */
export type ColumnRef = string | readonly string[];

/** Field → column(s). externalId and companyName are required; unmapped fields stay empty. */
export type ColumnMapping = { readonly externalId: ColumnRef; readonly companyName: ColumnRef } & {
  readonly [F in Exclude<ImportField, "externalId" | "companyName">]?: ColumnRef;
};

/**
 * The built-in column maps (header names match case-insensitively after trimming; a list is
 * joined with single spaces):
 *
 * | Field       | `apn` (AWS Partner Network opportunity export)  | `odoo` (crm.lead, technical names) | `odoo` (list-view export, labels) |
 * |-------------|-------------------------------------------------|------------------------------------|-----------------------------------|
 * | externalId  | Opportunity ID                                  | id                                 | ID *or* External ID               |
 * | title       | Partner Project Title                           | name                               | Opportunity                       |
 * | companyName | Customer Company Name                           | partner_name                       | Customer                          |
 * | website     | Customer Website                                | website                            | Website                           |
 * | email       | Customer Email                                  | email_from                         | Email                             |
 * | description | Project Description + Use Case                  | description                        | Notes *or* Internal Notes         |
 * | stage       | Stage                                           | stage_id                           | Stage                             |
 * | country     | Country                                         | country_id                         | Country                           |
 * | region      | State/Province                                  | state_id                           | State                             |
 * | closeDate   | Target Close Date                               | date_deadline                      | Expected Closing                  |
 * | amount      | Expected Monthly AWS Revenue                    | expected_revenue                   | Expected Revenue                  |
 *
 * For `odoo` the header decides: the technical set when all of its columns are there, else the
 * label set. A mapping passed to the parser replaces the built-in one.
 */
export const BUILTIN_MAPPINGS = {
  apn: {
    externalId: "Opportunity ID",
    title: "Partner Project Title",
    companyName: "Customer Company Name",
    website: "Customer Website",
    email: "Customer Email",
    description: ["Project Description", "Use Case"],
    stage: "Stage",
    country: "Country",
    region: "State/Province",
    closeDate: "Target Close Date",
    amount: "Expected Monthly AWS Revenue",
  },
  odoo: {
    externalId: "id",
    title: "name",
    companyName: "partner_name",
    website: "website",
    email: "email_from",
    description: "description",
    stage: "stage_id",
    country: "country_id",
    region: "state_id",
    closeDate: "date_deadline",
    amount: "expected_revenue",
  },
} as const satisfies Record<string, ColumnMapping>;

/** Odoo list-view exports label their columns; see {@link ODOO_LABEL_ALIASES} for the alternatives. */
export const ODOO_LABEL_MAPPING = {
  externalId: "ID",
  title: "Opportunity",
  companyName: "Customer",
  website: "Website",
  email: "Email",
  description: "Notes",
  stage: "Stage",
  country: "Country",
  region: "State",
  closeDate: "Expected Closing",
  amount: "Expected Revenue",
} as const satisfies ColumnMapping;

/** Other headers Odoo versions use for the same column of {@link ODOO_LABEL_MAPPING}. */
export const ODOO_LABEL_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ID: ["External ID"],
  Notes: ["Internal Notes"],
};

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
