import { Prisma } from "../../generated/client.js";
import { seedId, daysBefore, dateOnly } from "./ids.js";
import type { Rng } from "./prng.js";
import type { SeedRow } from "./types.js";
import { makeCompany, personName, type Company } from "./vocabulary.js";

type OpportunityData = Prisma.OpportunityCreateManyInput;

interface Workload {
  title: string;
  detail: string;
}

const AWS_WORKLOADS: readonly Workload[] = [
  { title: "Migration of SAP workloads to AWS", detail: "Lift-and-shift of SAP ECC and BW to EC2 with a later move to S/4HANA on AWS; HANA sizing, backup with AWS Backup and DR to a second region" },
  { title: "Data lake modernisation on Amazon S3 and AWS Glue", detail: "Consolidate on-premises Hadoop and departmental data marts into an S3 data lake with Glue catalog, Lake Formation permissions and Athena for ad-hoc analytics" },
  { title: "Contact centre transformation with Amazon Connect", detail: "Replace a legacy Avaya contact centre with Amazon Connect, Contact Lens sentiment analysis and Salesforce CTI integration for 400 agents" },
  { title: "Generative AI assistant for customer support on Amazon Bedrock", detail: "Retrieval-augmented assistant over product manuals and tickets, with guardrails, evaluation and a human hand-off in the support desk" },
  { title: "Windows Server and SQL Server migration to Amazon EC2", detail: "Move 180 Windows servers and 40 SQL Server instances out of a co-location facility before the contract ends; licence optimisation included" },
  { title: "Kubernetes platform on Amazon EKS", detail: "Shared EKS platform with GitOps (Argo CD), Karpenter autoscaling and a golden path for 30 product teams moving off OpenShift" },
  { title: "Mainframe modernisation with AWS Mainframe Modernization", detail: "Refactor COBOL batch and CICS transactions of the core policy system; phased cut-over with data replication" },
  { title: "Multi-account landing zone with AWS Control Tower", detail: "Landing zone, SCP guardrails, centralised logging and identity federation with Entra ID as the foundation for the migration programme" },
  { title: "Disaster recovery with AWS Elastic Disaster Recovery", detail: "Replace a secondary data centre with continuous block-level replication to AWS; RPO of seconds, RTO under one hour" },
  { title: "Real-time analytics with Amazon Kinesis and Redshift", detail: "Streaming telemetry from plants and fleet vehicles into Redshift for near-real-time dashboards and anomaly alerts" },
  { title: "Oracle to Amazon Aurora PostgreSQL migration", detail: "Schema conversion with AWS SCT and DMS for 25 Oracle databases; removes Oracle licence costs at renewal" },
  { title: "Security and compliance uplift with AWS Security Hub", detail: "Security Hub, GuardDuty and Config conformance packs to meet ISO 27001 and NIS2 audit requirements" },
  { title: "E-commerce replatforming on AWS serverless", detail: "Move a monolithic storefront to Lambda, API Gateway and DynamoDB ahead of peak season; load-tested to 10x Black Friday traffic" },
  { title: "Machine learning demand forecasting with Amazon SageMaker", detail: "Replace spreadsheet forecasting with SageMaker models across 12,000 SKUs; MLOps pipeline and feature store" },
  { title: "VMware Cloud exit to native AWS services", detail: "Assess 600 VMs with Migration Evaluator, rehost the long tail with AWS MGN and replatform databases to RDS" },
  { title: "IoT predictive maintenance with AWS IoT SiteWise", detail: "Collect OPC-UA data from production lines and predict bearing failures; integration with the maintenance system" },
];

const ODOO_WORKLOADS: readonly Workload[] = [
  { title: "Odoo ERP implementation – Manufacturing and Inventory", detail: "MRP with work centres, bills of materials and barcode-driven inventory across two warehouses; migration from a legacy ERP" },
  { title: "Odoo CRM and Sales rollout", detail: "Pipeline management, quotation templates and e-signature for a 60-person sales team; HubSpot data migration" },
  { title: "Odoo Accounting and multi-company consolidation", detail: "Multi-company, multi-currency accounting with local fiscal localisations and automated bank reconciliation" },
  { title: "E-commerce integration with Odoo and Shopify", detail: "Two-way sync of products, stock and orders between Shopify and Odoo Inventory with automated invoicing" },
  { title: "Odoo Helpdesk and Field Service deployment", detail: "Ticketing with SLAs, field technician scheduling and mobile worksheets for installation and maintenance teams" },
  { title: "Odoo upgrade from version 14 to 17", detail: "Upgrade with custom module refactoring, data migration dry-runs and user acceptance testing" },
  { title: "Odoo Point of Sale for retail stores", detail: "POS rollout to 35 stores with loyalty programme, offline mode and central stock replenishment" },
  { title: "Odoo HR, Payroll and Timesheets", detail: "Employee records, leave management, timesheets and payroll localisation; integration with the badge system" },
  { title: "Odoo Purchase and supplier portal", detail: "Purchase agreements, vendor bills with OCR and a supplier portal for order confirmation" },
  { title: "Migration to AWS-hosted Odoo with PostgreSQL on RDS", detail: "Move self-hosted Odoo to a managed setup on AWS with RDS PostgreSQL, S3 filestore and automated backups" },
];

const APN_STAGES = [
  ["Prospect", 3], ["Qualified", 4], ["Technical Validation", 3], ["Business Validation", 2], ["Committed", 2], ["Launched", 2], ["Closed Lost", 1],
] as const;
const ODOO_STAGES = [["New", 3], ["Qualified", 4], ["Proposition", 3], ["Negotiation", 2], ["Won", 2], ["Lost", 1]] as const;
const CONTACT_ROLES = ["it", "procurement", "cio.office", "digital", "info", "sales"];

function amount(rng: Rng): Prisma.Decimal {
  // Log-uniform between 8k and 2.4M, like a real pipeline: many small deals, few large ones.
  const value = Math.exp(Math.log(8_000) + rng.next() * (Math.log(2_400_000) - Math.log(8_000)));
  const rounded = rng.chance(0.7) ? Math.round(value / 500) * 500 : Math.round(value * 100) / 100;
  return new Prisma.Decimal(rounded.toFixed(2));
}

function describe(company: Company, workload: Workload, rng: Rng): string {
  const who = `${company.legalName} (${company.industry}, ${company.country.name})`;
  const driver = rng.pick([
    "The data centre lease ends next year",
    "The board approved a cloud-first strategy",
    "A new CIO wants to cut run costs by 30%",
    "An audit flagged end-of-support systems",
    "Growth in new markets needs a scalable platform",
    "Current vendor support contract is expiring",
  ]);
  return `${who}: ${workload.detail}. ${driver}. Champion: ${personName(rng)}.`;
}

/** Renders the same company the way a second CRM might have typed it. */
function odooSpelling(company: Company, rng: Rng): string {
  return rng.pick([company.brand, company.legalName.toUpperCase(), company.legalName.replace(/\./g, ""), `${company.brand} (${company.country.code})`]);
}

function opportunity(
  index: number,
  source: "apn" | "odoo",
  company: Company,
  companyName: string,
  workload: Workload,
  rng: Rng,
): SeedRow<OpportunityData> {
  const created = daysBefore(rng.int(0, 540), rng.next());
  const externalId = source === "apn" ? `O${String(1_000_000 + index * 7919).slice(0, 7)}` : `crm.lead,${4200 + index}`;
  const stage = rng.weighted(source === "apn" ? APN_STAGES : ODOO_STAGES);
  const data: OpportunityData & { id: string } = {
    id: seedId(`opportunity:${source}:${index}`),
    source,
    externalId,
    companyName,
    website: rng.chance(0.9) ? `https://www.${company.domain}` : null,
    email: rng.chance(0.8) ? `${rng.pick(CONTACT_ROLES)}@${company.domain}` : null,
    title: rng.chance(0.2) ? `Phase 2: ${workload.title}` : workload.title,
    description: describe(company, workload, rng),
    stage,
    country: company.country.name,
    region: company.country.region,
    closeDate: dateOnly(new Date(created.getTime() + rng.int(30, 300) * 86_400_000)),
    amount: amount(rng),
    createdAt: created,
    updatedAt: created,
  };
  return { data, text: `${data.title}. ${companyName}. ${data.description}` };
}

/**
 * ~300 opportunities: APN deals plus Odoo deals, where about 40% of the Odoo deals are the same
 * company and project as an APN deal spelled differently — the pairs the matcher should find.
 */
export function buildOpportunities(rng: Rng, count = 300): SeedRow<OpportunityData>[] {
  const apnCount = Math.round(count * 0.55);
  const rows: SeedRow<OpportunityData>[] = [];
  const apnDeals: { company: Company; workload: Workload }[] = [];
  for (let i = 0; i < apnCount; i++) {
    const company = makeCompany(rng);
    const workload = rng.pick(AWS_WORKLOADS);
    apnDeals.push({ company, workload });
    rows.push(opportunity(i, "apn", company, company.legalName, workload, rng));
  }
  for (let i = 0; i < count - apnCount; i++) {
    if (rng.chance(0.4)) {
      const twin = rng.pick(apnDeals);
      rows.push(opportunity(i, "odoo", twin.company, odooSpelling(twin.company, rng), twin.workload, rng));
    } else {
      const company = makeCompany(rng);
      rows.push(opportunity(i, "odoo", company, company.legalName, rng.pick(ODOO_WORKLOADS), rng));
    }
  }
  return rows;
}
