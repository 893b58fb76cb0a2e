import { BUILTIN_MAPPINGS, IMPORT_FIELDS, ODOO_LABEL_ALIASES, ODOO_LABEL_MAPPING, type ColumnMapping, type ColumnRef, type ImportField } from "@matchgraph/opportunities/import-mappings";

/*
 * The import's column mapping (field → column, or columns joined with spaces). The fields and the
 * built-in maps are the opportunities subgraph's own (its import/builtin-mappings.ts, a module
 * with no dependencies); the labels and the guessing are the Console's.
 */
export { IMPORT_FIELDS, type ImportField };
export const REQUIRED_FIELDS: ImportField[] = ["externalId", "companyName"];
export type Mapping = Partial<Record<ImportField, string[]>>;

export const FIELD_LABELS: Record<ImportField, string> = {
  externalId: "External id",
  companyName: "Company",
  website: "Website",
  email: "E-mail",
  title: "Title",
  description: "Description",
  stage: "Stage",
  country: "Country",
  region: "Region",
  closeDate: "Close date",
  amount: "Amount",
};

/** The built-in maps the header is tried against: the odoo source has two (technical names, labels). */
export const BUILTIN: Record<"apn" | "odoo" | "odooLabels", ColumnMapping> = {
  apn: BUILTIN_MAPPINGS.apn,
  odoo: BUILTIN_MAPPINGS.odoo,
  odooLabels: ODOO_LABEL_MAPPING,
};
/** Other headers the subgraph accepts for some columns of a built-in map. */
const ALIASES: Partial<Record<keyof typeof BUILTIN, Readonly<Record<string, readonly string[]>>>> = { odooLabels: ODOO_LABEL_ALIASES };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A first mapping for a header: the built-in map whose columns the header has most of (its
 * column names, or their aliases, as the file spells them), else each field matched to a column
 * of the same name.
 */
export function guessMapping(header: string[]): { mapping: Mapping; builtin: keyof typeof BUILTIN | null } {
  let best: { name: keyof typeof BUILTIN; mapping: Mapping; found: number } | null = null;
  for (const name of Object.keys(BUILTIN) as Array<keyof typeof BUILTIN>) {
    const mapping: Mapping = {};
    let found = 0;
    for (const [field, ref] of Object.entries(BUILTIN[name]) as Array<[ImportField, ColumnRef]>) {
      const columns = (typeof ref === "string" ? [ref] : [...ref])
        .map((c) => [c, ...(ALIASES[name]?.[c] ?? [])].map((alt) => header.find((h) => same(h, alt))).find((h) => h !== undefined))
        .filter((c): c is string => !!c);
      if (columns.length) {
        mapping[field] = columns;
        found++;
      }
    }
    const complete = REQUIRED_FIELDS.every((f) => mapping[f]?.length);
    if (complete && (!best || found > best.found)) best = { name, mapping, found };
  }
  if (best) return { mapping: best.mapping, builtin: best.name };
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    const column = header.find((h) => same(h, field) || same(h, FIELD_LABELS[field]));
    if (column) mapping[field] = [column];
  }
  return { mapping, builtin: null };
}

/** What is missing before the file can be imported with this mapping. */
export function mappingProblems(mapping: Mapping, header: string[]): string[] {
  const problems = REQUIRED_FIELDS.filter((f) => !mapping[f]?.length).map((f) => `${FIELD_LABELS[f]} needs a column`);
  for (const [field, columns] of Object.entries(mapping) as Array<[ImportField, string[]]>) {
    for (const c of columns) if (!header.includes(c)) problems.push(`${FIELD_LABELS[field]}: the file has no column "${c}"`);
  }
  return problems;
}

/** The mapped values of one row, as the import joins them (trimmed, empty ones skipped, single spaces). */
export function mapRow(mapping: Mapping, header: string[], row: string[]): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {};
  for (const [field, columns] of Object.entries(mapping) as Array<[ImportField, string[]]>) {
    const value = columns
      .map((c) => row[header.indexOf(c)]?.trim() ?? "")
      .filter(Boolean)
      .join(" ");
    if (value) out[field] = value;
  }
  return out;
}

/** ImportOpportunitiesInput.mapping: JSON, one column as a string, several as a list. */
export function mappingJson(mapping: Mapping): string {
  const entries = Object.entries(mapping)
    .filter(([, columns]) => columns && columns.length)
    .map(([field, columns]) => [field, columns!.length === 1 ? columns![0] : columns]);
  return JSON.stringify(Object.fromEntries(entries));
}
