/*
 * The import's column mapping (field → column, or columns joined with spaces), as the
 * opportunities subgraph reads it (subgraphs/opportunities/src/import/columns.ts; mapping.test.ts
 * checks these built-in maps against it).
 */
export const IMPORT_FIELDS = ["externalId", "companyName", "website", "email", "title", "description", "stage", "country", "region", "closeDate", "amount"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
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

type Builtin = Partial<Record<ImportField, string | readonly string[]>>;
export const BUILTIN: Record<"apn" | "odoo" | "odooLabels", Builtin> = {
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
  odooLabels: {
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
  },
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A first mapping for a header: the built-in map whose columns the header has most of (its
 * column names as the file spells them), else each field matched to a column of the same name.
 */
export function guessMapping(header: string[]): { mapping: Mapping; builtin: keyof typeof BUILTIN | null } {
  let best: { name: keyof typeof BUILTIN; mapping: Mapping; found: number } | null = null;
  for (const name of Object.keys(BUILTIN) as Array<keyof typeof BUILTIN>) {
    const mapping: Mapping = {};
    let found = 0;
    for (const [field, ref] of Object.entries(BUILTIN[name]) as Array<[ImportField, string | readonly string[]]>) {
      const columns = (typeof ref === "string" ? [ref] : [...ref]).map((c) => header.find((h) => same(h, c))).filter((c): c is string => !!c);
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
