import type { Prisma } from "../../generated/client.js";
import { seedId, daysBefore } from "./ids.js";
import type { Rng } from "./prng.js";
import type { SeedRow } from "./types.js";
import { COUNTRIES, cityIn, makeCompany, personName, withArticle } from "./vocabulary.js";

type TalentData = Prisma.TalentCreateManyInput;
type JobData = Prisma.JobCreateManyInput;

interface Role {
  title: string;
  core: readonly string[];
  extra: readonly string[];
  work: string;
}

const ROLES: readonly Role[] = [
  { title: "Data Engineer", core: ["Python", "SQL", "Apache Spark", "Airflow"], extra: ["dbt", "Snowflake", "Kafka", "AWS Glue", "Databricks", "Terraform", "Delta Lake"], work: "builds batch and streaming pipelines and owns data quality" },
  { title: "Backend Engineer", core: ["TypeScript", "Node.js", "PostgreSQL"], extra: ["GraphQL", "Redis", "Kafka", "Docker", "AWS Lambda", "gRPC", "Go"], work: "designs APIs and services with a focus on reliability" },
  { title: "Frontend Engineer", core: ["TypeScript", "React", "CSS"], extra: ["Next.js", "GraphQL", "Accessibility", "Storybook", "Playwright", "Vue.js"], work: "ships accessible, fast web interfaces" },
  { title: "Cloud Architect", core: ["AWS", "Terraform", "Networking"], extra: ["Kubernetes", "AWS Control Tower", "Azure", "FinOps", "Security architecture", "Landing zones"], work: "leads migration programmes and landing-zone design" },
  { title: "DevOps Engineer", core: ["Kubernetes", "Terraform", "CI/CD"], extra: ["Argo CD", "Helm", "Prometheus", "GitHub Actions", "AWS EKS", "Ansible"], work: "automates delivery and runs production platforms" },
  { title: "Machine Learning Engineer", core: ["Python", "PyTorch", "MLOps"], extra: ["Amazon SageMaker", "LLMs", "Vector search", "ONNX", "Feature stores", "scikit-learn"], work: "takes models from notebooks to monitored production services" },
  { title: "Security Engineer", core: ["Threat modelling", "AWS Security Hub", "IAM"], extra: ["SIEM", "ISO 27001", "Penetration testing", "Zero trust", "Incident response", "SOC 2"], work: "hardens cloud estates and leads incident response" },
  { title: "SAP Consultant", core: ["SAP S/4HANA", "SAP FI/CO"], extra: ["SAP Basis", "ABAP", "SAP on AWS", "SAP MM", "SAP SD", "Data migration"], work: "delivers S/4HANA transformations end to end" },
  { title: "Odoo Developer", core: ["Python", "Odoo", "PostgreSQL"], extra: ["XML views", "OWL", "Odoo Accounting", "Odoo MRP", "REST APIs", "Docker"], work: "builds and upgrades custom Odoo modules" },
  { title: "Solutions Architect", core: ["AWS", "Solution design", "Stakeholder management"], extra: ["Pre-sales", "Serverless", "Data platforms", "Migration assessments", "Well-Architected reviews"], work: "shapes customer solutions from discovery to hand-over" },
  { title: "Data Scientist", core: ["Python", "Statistics", "SQL"], extra: ["Forecasting", "Experimentation", "pandas", "Causal inference", "Tableau", "R"], work: "turns business questions into models and experiments" },
  { title: "Product Manager", core: ["Product discovery", "Roadmapping", "Analytics"], extra: ["B2B SaaS", "Pricing", "User research", "SQL", "OKRs"], work: "owns outcomes for a B2B product area" },
];

const SENIORITY = [["Junior", 2], ["Mid-level", 4], ["Senior", 4], ["Lead", 2], ["Principal", 1]] as const;
const SENIORITY_YEARS: Record<(typeof SENIORITY)[number][0], [number, number]> = {
  Junior: [0, 2],
  "Mid-level": [3, 5],
  Senior: [6, 10],
  Lead: [9, 15],
  Principal: [12, 25],
};

function skillsFor(role: Role, rng: Rng): string[] {
  return [...role.core, ...rng.sample(role.extra, rng.int(1, 4))];
}

/** ~250 candidate profiles. */
export function buildTalents(rng: Rng, count = 250): SeedRow<TalentData>[] {
  const rows: SeedRow<TalentData>[] = [];
  for (let i = 0; i < count; i++) {
    const role = rng.pick(ROLES);
    const seniority = rng.weighted(SENIORITY);
    const [minYears, maxYears] = SENIORITY_YEARS[seniority];
    const years = rng.int(minYears, maxYears);
    const skills = skillsFor(role, rng);
    const created = daysBefore(rng.int(0, 400), rng.next());
    const data: TalentData & { id: string } = {
      id: seedId(`talent:${i}`),
      fullName: personName(rng),
      headline: `${seniority} ${role.title} — ${skills.slice(0, 3).join(", ")}`,
      summary: `${role.title} with ${years} year${years === 1 ? "" : "s"} of experience who ${role.work}. Recent work: ${rng.pick([
        "a migration of 200 services to AWS",
        "a data platform serving 40 analysts",
        "a customer-facing API used by 1M users a month",
        "an ERP rollout across four countries",
        "a cost optimisation that saved 35% of cloud spend",
        "a security programme ahead of an ISO 27001 audit",
      ])}.`,
      skills,
      yearsExperience: years,
      location: rng.chance(0.15) ? "Remote" : cityIn(rng),
      createdAt: created,
      updatedAt: created,
    };
    rows.push({ data, text: `${data.headline}. ${data.summary} Skills: ${skills.join(", ")}.` });
  }
  return rows;
}

/** ~150 open positions. */
export function buildJobs(rng: Rng, count = 150): SeedRow<JobData>[] {
  const rows: SeedRow<JobData>[] = [];
  for (let i = 0; i < count; i++) {
    const role = rng.pick(ROLES);
    const seniority = rng.weighted(SENIORITY);
    const company = makeCompany(rng, undefined, rng.pick(COUNTRIES));
    const skills = skillsFor(role, rng);
    const created = daysBefore(rng.int(0, 120), rng.next());
    const remote = rng.chance(0.25);
    const data: JobData & { id: string } = {
      id: seedId(`job:${i}`),
      title: `${seniority} ${role.title}`,
      company: company.legalName,
      description: `${company.legalName} (${company.industry}) is hiring ${withArticle(seniority.toLowerCase())} ${role.title} who ${role.work}. You will work with ${skills.slice(0, -1).join(", ")} and ${skills.at(-1)}. ${
        remote ? `Remote within ${company.country.region}.` : `Hybrid, ${rng.int(2, 3)} days a week in the office.`
      }`,
      skills,
      location: remote ? `Remote (${company.country.region})` : cityIn(rng, company.country),
      seniority: seniority.toLowerCase(),
      createdAt: created,
      updatedAt: created,
    };
    rows.push({ data, text: `${data.title} at ${data.company}. ${data.description} Skills: ${skills.join(", ")}.` });
  }
  return rows;
}
