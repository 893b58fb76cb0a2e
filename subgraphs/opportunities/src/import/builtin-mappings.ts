/*
 * The import's fields and built-in column maps, as data: no dependencies (no zod, no node:
 * imports), so the Console's bundle imports this module itself
 * (`@matchgraph/opportunities/import-mappings`) rather than keeping a copy. columns.ts
 * re-exports everything here and adds the parsing and header matching.
 */

/** The fields an import fills, in the order of ImportRecord's columns (csv.ts). */
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
