/**
 * Deterministic synthetic market with ground truth: companies (industry, country, size, revenue,
 * a technology stack that changes over time) and intent snippets written the way job posts,
 * news, reviews, technology changes and web visits read, drawn from a latent buying intent per
 * (company, product category): hot (in market now), warm (researching) or past (bought a year
 * ago: its evidence is old). Noise snippets mention the same words without intent. The same seed
 * always gives the same market.
 */
import { INDUSTRIES, PRODUCT_CATEGORIES, type Industry, type Technology } from "../parser/vocabulary.js";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
function weighted<T>(r: () => number, xs: ReadonlyArray<readonly [T, number]>): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) if ((x -= w) < 0) return v;
  return xs[xs.length - 1]![0];
}

export const COUNTRY_WEIGHTS = [
  ["US", 20], ["DE", 12], ["GB", 9], ["FR", 8], ["ES", 6], ["IT", 6], ["BR", 6], ["NL", 4], ["PT", 3], ["MX", 3], ["CA", 3], ["AT", 3], ["CH", 3],
  ["SE", 2], ["NO", 1.5], ["DK", 1.5], ["FI", 1], ["BE", 2], ["IE", 1], ["PL", 2], ["AR", 1.5], ["CL", 1], ["CO", 1], ["LU", 0.5], ["IS", 0.3],
] as const;

const COUNTRY_NAMES: Record<string, string> = {
  US: "the United States", DE: "Germany", GB: "the United Kingdom", FR: "France", ES: "Spain", IT: "Italy", BR: "Brazil", NL: "the Netherlands", PT: "Portugal",
  MX: "Mexico", CA: "Canada", AT: "Austria", CH: "Switzerland", SE: "Sweden", NO: "Norway", DK: "Denmark", FI: "Finland", BE: "Belgium", IE: "Ireland",
  PL: "Poland", AR: "Argentina", CL: "Chile", CO: "Colombia", LU: "Luxembourg", IS: "Iceland",
};

const INDUSTRY_NOUN: Record<Industry, string> = {
  software: "software", fintech: "financial technology", banking: "retail banking", insurance: "insurance", healthcare: "hospital and clinic", pharma: "pharmaceutical",
  manufacturing: "industrial manufacturing", automotive: "automotive parts", retail: "retail chain", ecommerce: "online retail", logistics: "freight and logistics",
  education: "higher education", energy: "energy utility", telecom: "telecommunications", media: "media and publishing", real_estate: "real estate",
  hospitality: "hotel and hospitality", construction: "construction", agriculture: "agribusiness", public_sector: "public administration", cybersecurity: "security services",
  gaming: "video game", professional_services: "consulting", nonprofit: "nonprofit",
};

/** Which technologies an industry tends to run (others appear at a base rate). */
const STACK_AFFINITY: Partial<Record<Industry, Technology[]>> = {
  ecommerce: ["shopify", "magento", "bigcommerce", "stripe", "aws"],
  retail: ["sap", "shopify", "oracle", "zendesk"],
  software: ["aws", "kubernetes", "jira", "slack", "postgresql", "mongodb", "hubspot"],
  fintech: ["aws", "stripe", "kubernetes", "snowflake", "salesforce"],
  banking: ["oracle", "sap", "microsoft-dynamics", "azure", "servicenow"],
  insurance: ["salesforce", "oracle", "azure", "servicenow"],
  manufacturing: ["sap", "oracle", "microsoft-dynamics", "azure"],
  automotive: ["sap", "azure", "servicenow"],
  gaming: ["aws", "gcp", "kubernetes", "jira", "slack"],
  media: ["hubspot", "gcp", "tableau"],
  healthcare: ["workday", "servicenow", "azure", "salesforce"],
};
const ALL_TECH: Technology[] = ["salesforce", "hubspot", "sap", "oracle", "microsoft-dynamics", "zendesk", "servicenow", "workday", "shopify", "magento", "bigcommerce", "stripe", "aws", "azure", "gcp", "snowflake", "databricks", "kubernetes", "tableau", "jira", "slack", "mongodb", "postgresql"];

/** Categories an industry is more likely to buy (× 2.5 the base rate). */
const CATEGORY_AFFINITY: Partial<Record<Industry, string[]>> = {
  ecommerce: ["ecommerce_platform", "payments", "customer_support", "marketing_automation"],
  retail: ["ecommerce_platform", "payments", "customer_support", "erp"],
  software: ["devops", "collaboration", "crm", "cloud_migration"],
  fintech: ["payments", "cybersecurity", "crm", "data_analytics"],
  banking: ["cybersecurity", "cloud_migration", "data_analytics"],
  insurance: ["crm", "customer_support", "cloud_migration"],
  manufacturing: ["erp", "data_analytics", "hr_payroll"],
  healthcare: ["cybersecurity", "hr_payroll", "cloud_migration"],
  logistics: ["erp", "data_analytics", "hr_payroll"],
  media: ["marketing_automation", "data_analytics"],
  professional_services: ["crm", "collaboration", "hr_payroll"],
};

const SYLLABLES = ["ar", "be", "cor", "da", "el", "fin", "gal", "hex", "in", "jo", "ka", "lum", "mar", "nov", "or", "pel", "qua", "ros", "sol", "ter", "ul", "ver", "wen", "xan", "yor", "zen", "bri", "cla", "dro", "fle", "gro", "pra", "stel", "tri", "vo"];
const SUFFIX: Record<string, string[]> = {
  DE: ["GmbH", "AG", "SE"], AT: ["GmbH", "AG"], CH: ["AG", "SA"], FR: ["SA", "SAS"], ES: ["SA", "SL"], IT: ["SpA", "Srl"], PT: ["SA", "Lda"], BR: ["Ltda", "SA"],
  NL: ["BV", "NV"], BE: ["NV", "SA"], SE: ["AB"], NO: ["AS"], DK: ["A/S"], FI: ["Oy"], GB: ["Ltd", "plc"], IE: ["Ltd"], US: ["Inc", "LLC", "Corp"], CA: ["Inc", "Ltd"],
};

export type IntentLevel = "hot" | "warm" | "past";

export interface GenCompany {
  key: string;
  name: string;
  domain: string;
  industry: Industry;
  country: string;
  employees: number;
  revenueBand: string;
  description: string;
  technologies: Array<{ technology: Technology; firstSeen: Date; lastSeen: Date; active: boolean }>;
  /** Latent buying intent per product category. */
  intent: Map<string, IntentLevel>;
}

export interface GenSnippet {
  company: number;
  source: "job_posting" | "news" | "review" | "technology_change" | "web_visit";
  text: string;
  observedAt: Date;
}

export interface Market {
  companies: GenCompany[];
  snippets: GenSnippet[];
  now: Date;
}

function revenueBand(employees: number, r: () => number): string {
  const rev = employees * (80_000 + r() * 220_000);
  return rev < 1e6 ? "<1m" : rev < 1e7 ? "1m-10m" : rev < 5e7 ? "10m-50m" : rev < 2.5e8 ? "50m-250m" : rev < 1e9 ? "250m-1b" : ">1b";
}

const DAY = 86_400_000;

// ---------------------------------------------------------------- snippet templates (English, as sources write)

const ROLE: Record<string, string[]> = {
  crm: ["Salesforce administrator", "CRM manager", "sales operations lead", "RevOps analyst"],
  erp: ["SAP S4HANA consultant", "ERP program manager", "finance systems lead", "Oracle ERP analyst"],
  cloud_migration: ["cloud architect", "AWS migration engineer", "Azure platform engineer", "infrastructure lead"],
  cybersecurity: ["CISO", "SOC analyst", "security engineer", "head of security"],
  data_analytics: ["analytics engineer", "data platform lead", "BI developer", "data engineer"],
  hr_payroll: ["HRIS manager", "payroll specialist", "people operations lead", "Workday analyst"],
  ecommerce_platform: ["ecommerce manager", "Shopify developer", "head of digital commerce", "Magento developer"],
  payments: ["payments product manager", "billing engineer", "head of payments", "fraud analyst"],
  customer_support: ["support operations manager", "Zendesk administrator", "head of customer service", "contact center lead"],
  marketing_automation: ["marketing operations manager", "HubSpot specialist", "demand generation lead", "email marketing manager"],
  devops: ["site reliability engineer", "DevOps engineer", "platform engineer", "Kubernetes engineer"],
  collaboration: ["digital workplace lead", "collaboration tools administrator", "IT workplace manager", "intranet manager"],
};

function intentSnippet(r: () => number, c: GenCompany, category: string, level: IntentLevel): Omit<GenSnippet, "company" | "observedAt"> {
  const cat = PRODUCT_CATEGORIES.find((x) => x.id === category)!;
  const t = () => pick(r, cat.terms);
  const role = pick(r, ROLE[category]!);
  const templates: Array<[GenSnippet["source"], () => string]> =
    level === "past"
      ? [
          ["news", () => `${c.name} completed its ${t()} ${t()} project and went live with the new platform`],
          ["review", () => `Review: we have been on our ${t()} tool for a year, the ${t()} rollout is done`],
        ]
      : [
          ["job_posting", () => `${c.name} is hiring a ${role} to lead the ${t()} ${t()} initiative; experience with ${t()} and ${t()} required`],
          ["job_posting", () => `Job: ${role} (${c.country}). You will select and implement a new ${t()} platform, own ${t()} and ${t()}`],
          ["news", () => `${c.name} announces budget to modernise ${t()} and ${t()}; an RFP for ${t()} vendors is expected this quarter`],
          ["review", () => `Evaluating alternatives: our current ${t()} setup struggles with ${t()}; comparing vendors for ${t()}`],
          ["web_visit", () => `Visited pricing and ${t()} ${t()} comparison pages several times this week`],
          ["technology_change", () => `Started a trial of a ${t()} ${t()} product alongside the existing stack`],
        ];
  const [source, text] = level === "warm" ? pick(r, templates.slice(2)) : pick(r, templates);
  return { source, text: text() };
}

const NOISE: Array<[GenSnippet["source"], (c: GenCompany, w: string) => string]> = [
  ["news", (c) => `${c.name} opens a new office in ${COUNTRY_NAMES[c.country] ?? c.country} and reports steady quarterly results`],
  ["news", (c, w) => `${c.name} wins an industry award; the ${w} team was mentioned by the jury`],
  ["job_posting", (c) => `${c.name} is hiring warehouse staff, accountants and a receptionist`],
  ["review", (c, w) => `Employees of ${c.name} say the culture is friendly and the ${w} tools work fine`],
  ["web_visit", () => `Read a blog post about leadership and hybrid work`],
  ["news", (c) => `${c.name} sponsors a local football club and a charity run`],
];

function companyName(r: () => number, country: string, used: Set<string>): string {
  for (;;) {
    const base = pick(r, SYLLABLES) + pick(r, SYLLABLES) + (r() < 0.5 ? pick(r, SYLLABLES) : "");
    const name = base[0]!.toUpperCase() + base.slice(1);
    if (used.has(name)) continue;
    used.add(name);
    return `${name} ${pick(r, SUFFIX[country] ?? ["Ltd"])}`;
  }
}

export interface MarketOptions {
  companies: number;
  /** Average snippets per company (intent + noise). */
  snippetsPerCompany?: number;
  seed?: number;
  now?: Date;
}

export function generateMarket(opts: MarketOptions): Market {
  const r = rng(opts.seed ?? 42);
  const now = opts.now ?? new Date("2026-12-01T00:00:00Z");
  const perCompany = opts.snippetsPerCompany ?? 10;
  const used = new Set<string>();
  const companies: GenCompany[] = [];
  const snippets: GenSnippet[] = [];
  for (let i = 0; i < opts.companies; i++) {
    const country = weighted(r, COUNTRY_WEIGHTS);
    const industry = pick(r, INDUSTRIES);
    // A few companies appear twice (a subsidiary with another legal form and domain): company collapse keeps one.
    const twin = i > 0 && r() < 0.02 ? companies[Math.floor(r() * i)]! : null;
    const name = twin ? twin.name.replace(/ \S+$/, ` ${pick(r, ["Holding", "Group", "International"])}`) : companyName(r, country, used);
    const employees = twin ? twin.employees : Math.max(3, Math.round(Math.exp(2.5 + r() * 7.5)));
    const tech: GenCompany["technologies"] = [];
    const affinity = STACK_AFFINITY[industry] ?? [];
    for (const t of ALL_TECH) {
      const p = affinity.includes(t) ? 0.45 : 0.06;
      if (r() < p) {
        const first = new Date(now.getTime() - (60 + r() * 1400) * DAY);
        const removed = r() < 0.1;
        const last = removed ? new Date(first.getTime() + r() * (now.getTime() - first.getTime())) : now;
        tech.push({ technology: t, firstSeen: first, lastSeen: last, active: !removed });
      }
    }
    const intent = new Map<string, IntentLevel>();
    for (const cat of PRODUCT_CATEGORIES) {
      const base = (CATEGORY_AFFINITY[industry] ?? []).includes(cat.id) ? 0.15 : 0.06;
      const x = r();
      if (x < base * 0.45) intent.set(cat.id, "hot");
      else if (x < base) intent.set(cat.id, "warm");
      else if (x < base * 1.6) intent.set(cat.id, "past");
    }
    const key = `c${i}`;
    const c: GenCompany = {
      key,
      name,
      domain: `${name.split(" ")[0]!.toLowerCase()}${twin ? "-group" : ""}.${pick(r, ["com", "io", "net", "eu"])}`,
      industry: twin ? twin.industry : industry,
      country: twin ? twin.country : country,
      employees,
      revenueBand: revenueBand(employees, r),
      description: `${name} is a ${employees < 50 ? "small" : employees < 1000 ? "mid-sized" : "large"} ${INDUSTRY_NOUN[twin ? twin.industry : industry]} company based in ${COUNTRY_NAMES[twin ? twin.country : country] ?? country}.`,
      technologies: tech,
      intent: twin ? new Map(twin.intent) : intent,
    };
    companies.push(c);

    // Intent evidence: hot = several fresh snippets (job posts likely), warm = a few over the last months, past = old.
    let count = 0;
    for (const [category, level] of c.intent) {
      const n = level === "hot" ? 3 + Math.floor(r() * 3) : level === "warm" ? 1 + Math.floor(r() * 2) : 2 + Math.floor(r() * 2);
      for (let k = 0; k < n; k++) {
        const age = level === "hot" ? r() * 45 : level === "warm" ? 20 + r() * 150 : 330 + r() * 400;
        snippets.push({ company: i, ...intentSnippet(r, c, category, level), observedAt: new Date(now.getTime() - age * DAY) });
        count++;
      }
      // Churn: a hot buyer often adds (trial) or drops a technology of the category.
      const techs = PRODUCT_CATEGORIES.find((x) => x.id === category)!.technologies;
      if (level === "hot" && techs.length && r() < 0.5) {
        const t = pick(r, techs);
        const existing = c.technologies.find((x) => x.technology === t);
        if (existing) {
          existing.active = false;
          existing.lastSeen = new Date(Math.max(existing.firstSeen.getTime(), now.getTime() - r() * 60 * DAY));
        } else c.technologies.push({ technology: t, firstSeen: new Date(now.getTime() - r() * 60 * DAY), lastSeen: now, active: true });
        snippets.push({ company: i, source: "technology_change", text: `${existing ? "Removed" : "Added"} ${t} ${existing ? "from" : "to"} the technology stack`, observedAt: new Date(now.getTime() - r() * 60 * DAY) });
        count++;
      }
    }
    // Noise up to the average, some of it with category words but no intent.
    const noise = Math.max(1, Math.round(perCompany - count + (r() - 0.5) * 4));
    for (let k = 0; k < noise; k++) {
      const [source, text] = pick(r, NOISE);
      const word = pick(r, pick(r, PRODUCT_CATEGORIES).terms);
      snippets.push({ company: i, source, text: text(c, word), observedAt: new Date(now.getTime() - r() * 700 * DAY) });
    }
  }
  return { companies, snippets, now };
}

/** Graded relevance of a company for a product category: 2 hot, 1 warm, 0 otherwise. */
export function relevance(c: GenCompany, category: string): number {
  const level = c.intent.get(category);
  return level === "hot" ? 2 : level === "warm" ? 1 : 0;
}
