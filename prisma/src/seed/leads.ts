import type { Prisma } from "../../generated/client.js";
import { seedId, daysBefore } from "./ids.js";
import type { Rng } from "./prng.js";
import type { SeedRow } from "./types.js";
import { makeCompany, withArticle, type Company } from "./vocabulary.js";

type LeadData = Prisma.LeadCreateManyInput;
type SnippetData = Prisma.IntentSnippetCreateManyInput;

const TOPICS = [
  { theme: "managed Kubernetes", role: "Platform Engineer", asset: "Kubernetes cost optimisation guide" },
  { theme: "data warehouse migration", role: "Senior Data Engineer (Snowflake, dbt)", asset: "Cloud data warehouse buyer's guide" },
  { theme: "zero-trust security", role: "Head of Information Security", asset: "Zero-trust for hybrid workforces whitepaper" },
  { theme: "GDPR-compliant analytics", role: "Data Protection Officer", asset: "Privacy-first analytics checklist" },
  { theme: "ERP replacement", role: "ERP Programme Manager", asset: "ERP selection scorecard" },
  { theme: "contact centre AI", role: "Customer Experience Director", asset: "Conversational AI in the contact centre report" },
  { theme: "generative AI pilots", role: "Machine Learning Engineer (LLMs)", asset: "Enterprise GenAI readiness assessment" },
  { theme: "SAP S/4HANA migration", role: "SAP Basis Architect", asset: "S/4HANA on cloud TCO calculator" },
  { theme: "observability tooling", role: "Site Reliability Engineer", asset: "OpenTelemetry adoption playbook" },
  { theme: "disaster recovery", role: "Infrastructure Manager", asset: "Ransomware recovery runbook template" },
  { theme: "e-commerce replatforming", role: "Head of E-commerce", asset: "Headless commerce migration guide" },
  { theme: "FinOps and cloud cost control", role: "FinOps Analyst", asset: "Cloud cost allocation template" },
] as const;

type Topic = (typeof TOPICS)[number];

const SIGNALS: readonly { source: string; render: (t: Topic, c: Company, rng: Rng) => string }[] = [
  { source: "website", render: (t, _c, rng) => `Visited the ${t.theme} pricing page ${rng.int(2, 6)} times in the last week` },
  { source: "job_posting", render: (t, c) => `Job posting: ${t.role} in ${c.country.cities[0]} mentioning ${t.theme}` },
  { source: "content_download", render: (t) => `Downloaded "${t.asset}"` },
  { source: "webinar", render: (t) => `Registered for and attended a webinar on ${t.theme}` },
  { source: "social", render: (t, c) => `CTO of ${c.brand} posted about evaluating vendors for ${t.theme} this quarter` },
  { source: "news", render: (t, c, rng) => `${c.brand} announced a ${rng.pick(["€", "$"])}${rng.int(5, 90)}M investment programme that includes ${t.theme}` },
  { source: "review_site", render: (t) => `Compared three vendors in the ${t.theme} category on a software review site` },
  { source: "tender", render: (t, c) => `Published a request for proposal for ${t.theme} services (${c.country.name})` },
];

function leadDescription(company: Company, topic: Topic, employees: number): string {
  return `${company.legalName} is ${withArticle(company.industry.toLowerCase())} company in ${company.country.name} with about ${employees.toLocaleString("en-US")} employees, currently researching ${topic.theme}.`;
}

/** ~300 leads, each with 1–4 intent snippets that circle one or two buying topics. */
export function buildLeads(rng: Rng, count = 300): { leads: SeedRow<LeadData>[]; snippets: SeedRow<SnippetData>[] } {
  const leads: SeedRow<LeadData>[] = [];
  const snippets: SeedRow<SnippetData>[] = [];
  for (let i = 0; i < count; i++) {
    const company = makeCompany(rng);
    const topics = rng.sample(TOPICS, rng.int(1, 2));
    const employees = Math.round(Math.exp(Math.log(20) + rng.next() * (Math.log(40_000) - Math.log(20))));
    const created = daysBefore(rng.int(0, 365), rng.next());
    const data: LeadData & { id: string } = {
      id: seedId(`lead:${i}`),
      companyName: company.legalName,
      domain: company.domain,
      industry: company.industry,
      country: company.country.name,
      employeeCount: employees,
      description: leadDescription(company, topics[0]!, employees),
      createdAt: created,
      updatedAt: created,
    };
    leads.push({ data, text: `${data.companyName} — ${company.industry}. ${data.description}` });
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
  return { leads, snippets };
}
