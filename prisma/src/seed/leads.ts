import type { Prisma } from "../../generated/client.js";
import { seedId, daysBefore } from "./ids.js";
import type { Rng } from "./prng.js";
import type { SeedRow } from "./types.js";
import { INDUSTRY_TAXONOMY, makeCompany, withArticle, type Company } from "./vocabulary.js";

type LeadData = Prisma.LeadCreateManyInput;
type SnippetData = Prisma.IntentSnippetCreateManyInput;
type TechnologyData = Prisma.LeadTechnologyCreateManyInput;

/** Stacks a demo company may run (the intent model's canonical technology names). */
const STACK = ["salesforce", "hubspot", "microsoft-dynamics", "zendesk", "servicenow", "workday", "jira", "slack", "tableau", "aws", "azure", "gcp", "postgresql", "mongodb"] as const;

const TOPICS = [
  { theme: "managed Kubernetes", role: "Platform Engineer", asset: "Kubernetes cost optimisation guide", technology: "kubernetes" },
  { theme: "data warehouse migration", role: "Senior Data Engineer (Snowflake, dbt)", asset: "Cloud data warehouse buyer's guide", technology: "snowflake" },
  { theme: "zero-trust security", role: "Head of Information Security", asset: "Zero-trust for hybrid workforces whitepaper", technology: "azure" },
  { theme: "GDPR-compliant analytics", role: "Data Protection Officer", asset: "Privacy-first analytics checklist", technology: "databricks" },
  { theme: "ERP replacement", role: "ERP Programme Manager", asset: "ERP selection scorecard", technology: "oracle" },
  { theme: "contact centre AI", role: "Customer Experience Director", asset: "Conversational AI in the contact centre report", technology: "zendesk" },
  { theme: "generative AI pilots", role: "Machine Learning Engineer (LLMs)", asset: "Enterprise GenAI readiness assessment", technology: "gcp" },
  { theme: "SAP S/4HANA migration", role: "SAP Basis Architect", asset: "S/4HANA on cloud TCO calculator", technology: "sap" },
  { theme: "observability tooling", role: "Site Reliability Engineer", asset: "OpenTelemetry adoption playbook", technology: "kubernetes" },
  { theme: "disaster recovery", role: "Infrastructure Manager", asset: "Ransomware recovery runbook template", technology: "aws" },
  { theme: "e-commerce replatforming", role: "Head of E-commerce", asset: "Headless commerce migration guide", technology: "shopify" },
  { theme: "FinOps and cloud cost control", role: "FinOps Analyst", asset: "Cloud cost allocation template", technology: "aws" },
] as const;

type Topic = (typeof TOPICS)[number];

const SIGNALS: readonly { source: string; render: (t: Topic, c: Company, rng: Rng) => string }[] = [
  { source: "web_visit", render: (t, _c, rng) => `Visited the ${t.theme} pricing page ${rng.int(2, 6)} times in the last week` },
  { source: "job_posting", render: (t, c) => `Job posting: ${t.role} in ${c.country.cities[0]} mentioning ${t.theme}` },
  { source: "web_visit", render: (t) => `Downloaded "${t.asset}"` },
  { source: "web_visit", render: (t) => `Registered for and attended a webinar on ${t.theme}` },
  { source: "news", render: (t, c) => `CTO of ${c.brand} posted about evaluating vendors for ${t.theme} this quarter` },
  { source: "news", render: (t, c, rng) => `${c.brand} announced a ${rng.pick(["€", "$"])}${rng.int(5, 90)}M investment programme that includes ${t.theme}` },
  { source: "review", render: (t) => `Compared three vendors in the ${t.theme} category on a software review site` },
  { source: "news", render: (t, c) => `Published a request for proposal for ${t.theme} services (${c.country.name})` },
];

function leadDescription(company: Company, topic: Topic, employees: number): string {
  return `${company.legalName} is ${withArticle(company.industry.toLowerCase())} company in ${company.country.name} with about ${employees.toLocaleString("en-US")} employees, currently researching ${topic.theme}.`;
}

/**
 * A lead's technologies: two to four of a common stack, first seen a year or more ago, one of them
 * dropped now and then; and, for a third of the leads, the technology of their first topic added
 * in the last months (churn the intent model boosts).
 */
function technologiesOf(rng: Rng, leadId: string, topic: Topic): TechnologyData[] {
  const rows: TechnologyData[] = rng.sample(STACK, rng.int(2, 4)).map((technology) => {
    const firstSeen = daysBefore(rng.int(365, 1500));
    const dropped = rng.chance(0.1);
    return { leadId, technology, firstSeen, lastSeen: dropped ? daysBefore(rng.int(10, 120)) : daysBefore(0), active: !dropped };
  });
  if (rng.chance(0.33) && !rows.some((r) => r.technology === topic.technology)) {
    const added = daysBefore(rng.int(5, 90));
    rows.push({ leadId, technology: topic.technology, firstSeen: added, lastSeen: daysBefore(0), active: true });
  }
  return rows;
}

/**
 * ~300 leads (industry ids of the intent model's taxonomy, ISO country codes), their technologies,
 * and 1–4 intent snippets each that circle one or two buying topics (sources of the intent model).
 */
export function buildLeads(rng: Rng, count = 300): { leads: SeedRow<LeadData>[]; snippets: SeedRow<SnippetData>[]; technologies: TechnologyData[] } {
  const leads: SeedRow<LeadData>[] = [];
  const snippets: SeedRow<SnippetData>[] = [];
  const technologies: TechnologyData[] = [];
  for (let i = 0; i < count; i++) {
    const company = makeCompany(rng);
    const topics = rng.sample(TOPICS, rng.int(1, 2));
    const employees = Math.round(Math.exp(Math.log(20) + rng.next() * (Math.log(40_000) - Math.log(20))));
    const created = daysBefore(rng.int(0, 365), rng.next());
    const data: LeadData & { id: string } = {
      id: seedId(`lead:${i}`),
      companyName: company.legalName,
      domain: company.domain,
      industry: INDUSTRY_TAXONOMY[company.industry],
      country: company.country.code,
      employeeCount: employees,
      description: leadDescription(company, topics[0]!, employees),
      createdAt: created,
      updatedAt: created,
    };
    leads.push({ data, text: `${data.companyName} — ${company.industry}. ${data.description}` });
    // Its own stream, so the companies and snippets stay what they were before technologies existed.
    technologies.push(...technologiesOf(rng.fork(`technologies:${i}`), data.id, topics[0]!));
    const snippetCount = rng.int(1, 4);
    for (let s = 0; s < snippetCount; s++) {
      const signal = rng.pick(SIGNALS);
      const text = signal.render(rng.pick(topics), company, rng);
      snippets.push({
        data: {
          id: seedId(`intent_snippet:${i}:${s}`),
          leadId: data.id,
          text,
          source: signal.source,
          observedAt: daysBefore(rng.int(0, 90), rng.next()),
        },
        text,
      });
    }
  }
  return { leads, snippets, technologies };
}
