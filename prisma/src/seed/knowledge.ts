import type { Prisma } from "../../generated/client.js";
import { contentHash, daysBefore, seedId } from "./ids.js";
import type { Rng } from "./prng.js";
import type { SeedRow } from "./types.js";

type SourceData = Prisma.KnowledgeSourceCreateManyInput;
type ChunkData = Prisma.KnowledgeChunkCreateManyInput;

type Category = "security" | "product" | "sales";
/** section → subsection → the fact that subsection states. */
type Outline = Record<string, Record<string, string>>;

const OUTLINES: Record<Category, Outline> = {
  security: {
    Encryption: {
      "At rest": "All customer data is encrypted at rest with AES-256 using keys held in a managed KMS; database snapshots and backups inherit the same keys.",
      "In transit": "Every connection uses TLS 1.2 or newer with modern cipher suites; internal service-to-service traffic is encrypted with mutual TLS.",
      "Key management": "Encryption keys rotate automatically every 365 days, and enterprise customers can bring their own key and revoke it at any time.",
    },
    "Access control": {
      "Single sign-on": "Customers sign in through SAML 2.0 or OpenID Connect single sign-on, with SCIM provisioning for joiners, movers and leavers.",
      "Role-based access": "Permissions follow least privilege: roles are scoped per workspace and every permission change is written to an immutable audit log.",
      "Privileged access": "Engineers reach production only through just-in-time access that expires after four hours and requires a second approver.",
    },
    Compliance: {
      "SOC 2 Type II": "An independent auditor issues a SOC 2 Type II report every year covering security, availability and confidentiality.",
      "ISO 27001": "The information security management system is certified to ISO/IEC 27001:2022 and audited annually.",
      GDPR: "Personal data is processed under a data processing agreement with standard contractual clauses for any transfer outside the EEA.",
    },
    "Incident response": {
      Detection: "Security events are collected in a central SIEM and triaged by an on-call team around the clock.",
      Notification: "Customers are notified of a confirmed personal data breach within 48 hours, well inside the 72 hours GDPR allows.",
      "Post-incident review": "Every severity-one incident gets a blameless post-mortem with corrective actions tracked to completion.",
    },
    "Data residency": {
      Regions: "Customers choose to host their data in the EU (Frankfurt), the US (Virginia) or APJ (Sydney); data never leaves the chosen region.",
      "Sub-processors": "The list of sub-processors is published, and customers get 30 days' notice before a new one is added.",
    },
    "Business continuity": {
      Backups: "Databases are backed up continuously with point-in-time recovery for 35 days and restores are tested every quarter.",
      "Disaster recovery": "The recovery time objective is four hours and the recovery point objective fifteen minutes, exercised twice a year.",
    },
  },
  product: {
    "Opportunity matching": {
      "How matching works": "Opportunities from AWS Partner Central and Odoo are embedded and compared by cosine similarity, then re-ranked with company name and domain features.",
      "Reviewing matches": "Suggested pairs above the confidence threshold appear in the review queue, where a user confirms or rejects them in one click.",
      "Tuning thresholds": "Administrators can raise the auto-link threshold per region; the default of 0.86 keeps false links below one percent in benchmarks.",
    },
    "Lead intent": {
      "Intent signals": "Website visits, job postings, content downloads and news mentions are stored as intent snippets with the time they were observed.",
      "Intent search": "Sales teams search leads by describing a need in plain language, and results are ranked by how recent and how similar the signals are.",
    },
    "Talent matching": {
      "Candidate profiles": "Profiles hold a headline, summary, skills and years of experience, and are embedded so that related skills match even when worded differently.",
      "Job matching": "Each job lists required skills and seniority; candidates are ranked by semantic similarity and filtered by location and experience.",
      "Bias safeguards": "Names, photos and ages are never part of the embedded text, and ranking features are reviewed quarterly for disparate impact.",
    },
    "Knowledge search": {
      Ingestion: "Documents are split into chunks along headings, each chunk keeps its page and heading path, and duplicates are skipped by content hash.",
      "Answer citations": "Search results cite the source document, page and heading so that answers can be checked against the original.",
    },
    Integrations: {
      "GraphQL API": "A single federated GraphQL endpoint exposes every domain, with subscriptions for new matches over WebSocket.",
      Webhooks: "Webhooks fire on new matches and feedback events, signed with an HMAC so receivers can verify the sender.",
      "CRM connectors": "Connectors sync opportunities from AWS Partner Central and Odoo every fifteen minutes with incremental change tracking.",
    },
    Administration: {
      Workspaces: "Each business unit gets its own workspace with separate data, users and embedding model settings.",
      "Model management": "Changing the embedding model triggers a background re-embed; search keeps working on the previous model until it completes.",
    },
  },
  sales: {
    Discovery: {
      "Qualifying questions": "Ask how many opportunities are managed in more than one CRM today and how much time the team spends reconciling them each week.",
      "Identifying the champion": "The best champions are partner managers and sales operations leads who own pipeline reporting to leadership.",
      "Mapping the buying group": "Expect the CIO, the head of sales operations and the data protection officer to be involved in any decision above 50k.",
    },
    Positioning: {
      "Value proposition": "One graph replaces five point tools: fewer licences, one security review and a single place for matching and recommendations.",
      "Differentiators": "Matching runs on embeddings rather than exact rules, so it finds the same deal even when names, currencies and stages differ.",
    },
    Pricing: {
      Packages: "The Team package covers up to 25 users with opportunity and lead matching; Enterprise adds talent, knowledge, SSO and data residency.",
      Discounts: "Multi-year commitments earn up to 15% discount; anything beyond needs deal desk approval.",
      "Proof of value": "A four-week proof of value on the customer's own data is free when a mutual success plan is signed first.",
    },
    "Objection handling": {
      "We already have a CRM": "Position the graph as the layer that connects the CRMs they already own, not as another CRM to migrate to.",
      "Security concerns": "Share the SOC 2 Type II report and the security whitepaper early, and offer a call with the security team.",
      "Too expensive": "Quantify reconciliation hours saved and duplicated deals avoided; most customers break even inside two quarters.",
    },
    "Co-selling with AWS": {
      "Registering opportunities": "Register every qualified opportunity in AWS Partner Central within five days to qualify for co-sell support.",
      "Marketplace": "Private offers through AWS Marketplace let customers draw down their committed AWS spend.",
    },
    Onboarding: {
      "Kick-off": "The kick-off agrees success criteria, data sources and the go-live date within the first week.",
      "First 90 days": "Customer success reviews match quality at day 30, adoption at day 60 and business outcomes at day 90.",
    },
  },
};

const DOCUMENTS: readonly { title: string; category: Category; mimeType: string; tags: string[] }[] = [
  { title: "Security Whitepaper", category: "security", mimeType: "application/pdf", tags: ["security", "compliance"] },
  { title: "Data Processing Agreement Summary", category: "security", mimeType: "application/pdf", tags: ["legal", "gdpr"] },
  { title: "SOC 2 Type II Report Overview", category: "security", mimeType: "application/pdf", tags: ["security", "audit"] },
  { title: "Incident Response Policy", category: "security", mimeType: "text/markdown", tags: ["security", "policy"] },
  { title: "Vendor Security Questionnaire Answers", category: "security", mimeType: "text/html", tags: ["security", "procurement"] },
  { title: "Business Continuity Plan", category: "security", mimeType: "application/pdf", tags: ["security", "resilience"] },
  { title: "Product Overview", category: "product", mimeType: "application/pdf", tags: ["product", "overview"] },
  { title: "Opportunity Matching Guide", category: "product", mimeType: "text/markdown", tags: ["product", "opportunities"] },
  { title: "Lead Intent Scoring Explained", category: "product", mimeType: "text/html", tags: ["product", "leads"] },
  { title: "Talent Matching Administrator Guide", category: "product", mimeType: "text/markdown", tags: ["product", "talent"] },
  { title: "Knowledge Search User Guide", category: "product", mimeType: "text/html", tags: ["product", "knowledge"] },
  { title: "Release Notes 2025.3", category: "product", mimeType: "text/markdown", tags: ["product", "release-notes"] },
  { title: "GraphQL API Guide", category: "product", mimeType: "text/markdown", tags: ["product", "api"] },
  { title: "Mid-market Sales Playbook", category: "sales", mimeType: "application/pdf", tags: ["sales", "playbook"] },
  { title: "Enterprise Discovery Guide", category: "sales", mimeType: "application/pdf", tags: ["sales", "discovery"] },
  { title: "Pricing and Packaging 2025", category: "sales", mimeType: "application/pdf", tags: ["sales", "pricing"] },
  { title: "Competitive Battlecard: Legacy CRM Add-ons", category: "sales", mimeType: "text/html", tags: ["sales", "competition"] },
  { title: "AWS Partner Co-sell Guide", category: "sales", mimeType: "application/pdf", tags: ["sales", "aws", "partners"] },
  { title: "Objection Handling Handbook", category: "sales", mimeType: "text/markdown", tags: ["sales", "objections"] },
  { title: "Customer Onboarding Checklist", category: "sales", mimeType: "text/markdown", tags: ["sales", "onboarding"] },
];

const FOLLOW_UPS: Record<Category, readonly string[]> = {
  security: [
    "Evidence is available to customers under NDA through the trust portal.",
    "The control is reviewed by the security team every quarter.",
    "Questions go to security@matchgraph.example.",
  ],
  product: [
    "The behaviour is the same in the embedded and the distributed deployment.",
    "Administrators can change this in the workspace settings.",
    "See the GraphQL API guide for the matching fields.",
  ],
  sales: [
    "Log the outcome in the opportunity notes so the team can learn from it.",
    "Bring a solutions architect when the customer asks about integration details.",
    "Escalate to the deal desk if terms fall outside this guidance.",
  ],
};

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** ~20 documents split into ~10 chunks each, with pages, heading paths and character offsets. */
export function buildKnowledge(rng: Rng): { sources: SeedRow<SourceData>[]; chunks: SeedRow<ChunkData>[] } {
  const sources: SeedRow<SourceData>[] = [];
  const chunks: SeedRow<ChunkData>[] = [];
  DOCUMENTS.forEach((doc, d) => {
    const outline = OUTLINES[doc.category];
    const sections = rng.sample(Object.keys(outline), 4);
    const sourceId = seedId(`knowledge_source:${d}`);
    const created = daysBefore(rng.int(0, 200), rng.next());
    const pieces: { heading: string[]; text: string; page: number | null }[] = [];
    let page = 1;
    for (const section of sections) {
      for (const [subsection, fact] of Object.entries(outline[section]!)) {
        pieces.push({ heading: [doc.title, section, subsection], text: `${fact} ${rng.pick(FOLLOW_UPS[doc.category])}`, page: doc.mimeType === "application/pdf" ? page : null });
        if (rng.chance(0.6)) page++;
      }
    }
    // Offsets index into the document text: chunks joined by a blank line.
    let offset = 0;
    pieces.forEach((piece, ordinal) => {
      const charStart = offset;
      const charEnd = charStart + piece.text.length;
      offset = charEnd + 2;
      chunks.push({
        data: {
          id: seedId(`knowledge_chunk:${d}:${ordinal}`),
          sourceId,
          ordinal,
          text: piece.text,
          page: piece.page,
          headingPath: piece.heading,
          charStart,
          charEnd,
          createdAt: created,
        },
        text: `${piece.heading.join(" > ")}\n${piece.text}`,
      });
    });
    const fullText = pieces.map((p) => p.text).join("\n\n");
    const extension = doc.mimeType === "application/pdf" ? "pdf" : doc.mimeType === "text/html" ? "html" : "md";
    sources.push({
      data: {
        id: sourceId,
        title: doc.title,
        uri: `https://docs.matchgraph.example/${doc.category}/${slug(doc.title)}.${extension}`,
        mimeType: doc.mimeType,
        contentHash: contentHash(fullText),
        tags: doc.tags,
        createdAt: created,
        updatedAt: created,
      },
      text: doc.title,
    });
  });
  return { sources, chunks };
}
