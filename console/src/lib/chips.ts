/*
 * The lead search's parsed query as chips a person edits. findLeads takes a prompt, so edited
 * chips become a prompt again: one short English sentence per clause, in the words the leads
 * parser reads (subgraphs/leads/src/parser), so parsing it gives back the same chips
 * (chips.test.ts checks the round trip against the parser itself).
 */

export type ChipKind = "industry" | "country" | "technology" | "exemplar";

export interface Chip {
  kind: ChipKind;
  /** Industry id, ISO country code, technology id or exemplar company name. */
  value: string;
  /** A NOT clause: leads with this industry, country or technology are left out. */
  negated: boolean;
}

export interface ParsedQuery {
  product?: string | null;
  industries: string[];
  excludedIndustries: string[];
  countries: string[];
  excludedCountries: string[];
  technologies: string[];
  excludedTechnologies: string[];
  exemplars: string[];
  employeeMin?: number | null;
  employeeMax?: number | null;
}

export interface ChipQuery {
  product: string | null;
  chips: Chip[];
  employeeMin: number | null;
  employeeMax: number | null;
}

/** English words the parser knows for each industry id. */
export const INDUSTRY_WORDS: Record<string, string> = {
  software: "software",
  fintech: "fintech",
  banking: "banks",
  insurance: "insurance",
  healthcare: "healthcare",
  pharma: "pharma",
  manufacturing: "manufacturing",
  automotive: "automotive",
  retail: "retail",
  ecommerce: "ecommerce",
  logistics: "logistics",
  education: "education",
  energy: "energy",
  telecom: "telecom",
  media: "media",
  real_estate: "real estate",
  hospitality: "hospitality",
  construction: "construction",
  agriculture: "agriculture",
  public_sector: "public sector",
  cybersecurity: "cybersecurity",
  gaming: "gaming",
  professional_services: "professional services",
  nonprofit: "nonprofits",
};

export const TECHNOLOGY_WORDS: Record<string, string> = {
  salesforce: "Salesforce",
  hubspot: "HubSpot",
  sap: "SAP",
  oracle: "Oracle",
  "microsoft-dynamics": "Microsoft Dynamics",
  zendesk: "Zendesk",
  servicenow: "ServiceNow",
  workday: "Workday",
  shopify: "Shopify",
  magento: "Magento",
  bigcommerce: "BigCommerce",
  stripe: "Stripe",
  aws: "AWS",
  azure: "Azure",
  gcp: "GCP",
  snowflake: "Snowflake",
  databricks: "Databricks",
  kubernetes: "Kubernetes",
  tableau: "Tableau",
  jira: "Jira",
  slack: "Slack",
  mongodb: "MongoDB",
  postgresql: "PostgreSQL",
};

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });
/** The English name of an ISO country code (the parser reads English country names). */
export const countryWord = (code: string) => {
  try {
    return countryNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
};

/** A chip's label for people: industry words, country names, technology names, company names. */
export function chipLabel(chip: Pick<Chip, "kind" | "value">): string {
  switch (chip.kind) {
    case "industry":
      return INDUSTRY_WORDS[chip.value] ?? chip.value.replace(/_/g, " ");
    case "country":
      return countryWord(chip.value);
    case "technology":
      return TECHNOLOGY_WORDS[chip.value] ?? chip.value;
    case "exemplar":
      return titleCase(chip.value);
  }
}

const titleCase = (name: string) => (/\./.test(name) ? name : name.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase()));

export function chipsFromQuery(q: ParsedQuery): ChipQuery {
  const chip = (kind: ChipKind, negated: boolean) => (value: string): Chip => ({ kind, value, negated });
  return {
    product: q.product ?? null,
    employeeMin: q.employeeMin ?? null,
    employeeMax: q.employeeMax ?? null,
    chips: [
      ...q.industries.map(chip("industry", false)),
      ...q.countries.map(chip("country", false)),
      ...q.technologies.map(chip("technology", false)),
      ...q.excludedIndustries.map(chip("industry", true)),
      ...q.excludedCountries.map(chip("country", true)),
      ...q.excludedTechnologies.map(chip("technology", true)),
      ...q.exemplars.map(chip("exemplar", false)),
    ],
  };
}

/** The parsed query fields the chips stand for (what the parser should give back for chipsToPrompt). */
export function queryFromChips(q: ChipQuery): ParsedQuery {
  const values = (kind: ChipKind, negated: boolean) => uniq(q.chips.filter((c) => c.kind === kind && c.negated === negated).map((c) => c.value));
  return {
    product: q.product,
    industries: values("industry", false),
    excludedIndustries: values("industry", true),
    countries: values("country", false),
    excludedCountries: values("country", true),
    technologies: values("technology", false),
    excludedTechnologies: values("technology", true),
    exemplars: values("exemplar", false),
    employeeMin: q.employeeMin,
    employeeMax: q.employeeMax,
  };
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const list = (words: string[]) => (words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`);

/** An English prompt the parser reads as these chips; one sentence per clause, so NOT clauses end where they should. */
export function chipsToPrompt(q: ChipQuery): string {
  const f = queryFromChips(q);
  const sentences: string[] = [];
  if (q.product) sentences.push(`We sell ${q.product}.`);
  if (f.industries.length) sentences.push(`Target ${list(f.industries.map((v) => chipLabel({ kind: "industry", value: v })))}.`);
  if (f.countries.length) sentences.push(`In ${list(f.countries.map(countryWord))}.`);
  if (q.employeeMin != null && q.employeeMax != null) sentences.push(`With ${q.employeeMin} to ${q.employeeMax} employees.`);
  else if (q.employeeMin != null) sentences.push(`With more than ${q.employeeMin} employees.`);
  else if (q.employeeMax != null) sentences.push(`With fewer than ${q.employeeMax} employees.`);
  if (f.technologies.length) sentences.push(`Using ${list(f.technologies.map((v) => chipLabel({ kind: "technology", value: v })))}.`);
  if (f.excludedIndustries.length) sentences.push(`Excluding ${list(f.excludedIndustries.map((v) => chipLabel({ kind: "industry", value: v })))}.`);
  if (f.excludedCountries.length) sentences.push(`Not in ${list(f.excludedCountries.map(countryWord))}.`);
  if (f.excludedTechnologies.length) sentences.push(`Not using ${list(f.excludedTechnologies.map((v) => chipLabel({ kind: "technology", value: v })))}.`);
  if (f.exemplars.length) sentences.push(`Like ${list(f.exemplars.map((v) => chipLabel({ kind: "exemplar", value: v })))}.`);
  return sentences.join(" ");
}

/** A chip typed by a person ("not SAP", "-France", "like Acme"), read against the known words; null when unknown. */
export function chipFromText(text: string): Chip | null {
  let rest = text.trim();
  let negated = false;
  const not = /^(not|no|excluding|without|-|!)\s*/i.exec(rest);
  if (not) {
    negated = true;
    rest = rest.slice(not[0].length).trim();
  }
  const like = /^like\s+/i.exec(rest);
  if (like) return negated ? null : { kind: "exemplar", value: rest.slice(like[0].length).trim().toLowerCase(), negated: false };
  const key = rest.toLowerCase();
  if (!key) return null;
  for (const [id, word] of Object.entries(INDUSTRY_WORDS)) if (key === id || key === word.toLowerCase()) return { kind: "industry", value: id, negated };
  for (const [id, word] of Object.entries(TECHNOLOGY_WORDS)) if (key === id || key === word.toLowerCase()) return { kind: "technology", value: id, negated };
  if (/^[a-z]{2}$/i.test(rest) && countryWord(rest) !== rest) return { kind: "country", value: rest.toUpperCase(), negated };
  for (const code of COUNTRY_CODES) if (countryWord(code).toLowerCase() === key) return { kind: "country", value: code, negated };
  return null;
}

/** Countries the leads vocabulary names (subgraphs/leads/src/parser/vocabulary.ts COUNTRY_WORDS). */
export const COUNTRY_CODES = ["DE", "AT", "CH", "FR", "ES", "PT", "IT", "GB", "IE", "US", "CA", "MX", "BR", "AR", "CL", "CO", "NL", "BE", "LU", "SE", "NO", "DK", "FI", "IS", "PL", "CZ", "IN", "JP", "CN", "AU", "SG", "AE", "ZA", "IL"];
