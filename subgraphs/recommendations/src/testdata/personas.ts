import type { SubgraphContext } from "@matchgraph/subgraph-kit";
import type { CustomerRow } from "../db/customers.js";
import { createCustomer, logInteraction } from "../service/customers.js";
import { companyKey } from "../service/analysis/text.js";

/**
 * Four demo accounts, one per DISC style, whose interactions show that style and a few decision
 * factors and objections. Invented companies and people.
 */
export const PERSONAS = [
  {
    company: "Ironclad Logistics Inc.",
    industry: "Logistics",
    size: "1001-5000",
    region: "North America",
    country: "US",
    stage: "negotiation",
    notes: "Freight broker consolidating three data pipelines before peak season.",
    contact: { name: "Dana Brooks", title: "COO", email: "dana.brooks@ironclad.example", phone: "+1 312 555 0141" },
    style: "D",
    interactions: [
      { kind: "call", subject: "Bottom line", body: "Give me the bottom line. We need results this quarter and I will decide fast. The price is too high compared with what we pay today." },
      { kind: "email", subject: "Deadline", body: "We must go live before peak season, so the implementation timeline is my main concern. I need the payback numbers now, not next month." },
    ],
  },
  {
    company: "Brightside Media GmbH",
    industry: "Media",
    size: "201-1000",
    region: "Europe",
    country: "DE",
    stage: "qualified",
    notes: "Publisher whose marketing team wants one view of audience data.",
    contact: { name: "Lena Vogel", title: "Head of Marketing", email: "lena.vogel@brightside.example", phone: "+49 30 5550 1234" },
    style: "I",
    interactions: [
      { kind: "meeting", subject: "Kick-off", body: "We are so excited about this! The whole team loves the idea of sharing dashboards with everyone. Our people want something easy to use." },
      { kind: "call", subject: "Integrations", body: "It would be amazing to connect Salesforce and our ad platforms. I am not sure the connectors cover our tools, though." },
    ],
  },
  {
    company: "Harbor Health Partners",
    industry: "Healthcare",
    size: "5001+",
    region: "North America",
    country: "US",
    stage: "proposal",
    notes: "Hospital network; patient data must stay protected and compliant.",
    contact: { name: "Sam Ortiz", title: "IT Director", email: "sam.ortiz@harborhealth.example", phone: "+1 617 555 0199" },
    style: "S",
    interactions: [
      { kind: "meeting", subject: "Change management", body: "Our staff need a gradual, step by step transition without disruption. We want a reliable partner who will support us together through the rollout." },
      { kind: "email", subject: "Patient data", body: "We are worried about HIPAA compliance for patient records. Support response times matter a lot to our team during go-live." },
    ],
  },
  {
    company: "Quantix Analytics Ltd",
    industry: "Financial services",
    size: "51-200",
    region: "Europe",
    country: "GB",
    stage: "prospect",
    notes: "Quantitative research firm evaluating a managed data platform.",
    contact: { name: "Priya Natarajan", title: "Head of Data Engineering", email: "priya.n@quantix.example", phone: "+44 20 5550 7788" },
    style: "C",
    interactions: [
      { kind: "call", subject: "Security review", body: "Please send the detailed documentation of your encryption and key management. We need evidence and exact numbers, for example the audit report and the certification scope." },
      { kind: "email", subject: "Data residency", body: "We are concerned about data residency: our regulator requires that data stays in the UK. Please verify where backups are stored and share the test methodology." },
    ],
  },
] as const;

/** Writes the personas that are not there yet (matched by normalised company name); returns all four. */
export async function seedPersonas(ctx: SubgraphContext, ownerId: string): Promise<CustomerRow[]> {
  const out: CustomerRow[] = [];
  for (const p of PERSONAS) {
    const existing = await ctx.db.prisma.customer.findFirst({ where: { companyKey: companyKey(p.company) } });
    if (existing) {
      out.push(existing);
      continue;
    }
    const { contact, interactions, style: _style, ...profile } = p;
    const customer = await createCustomer(ctx, ownerId, { ...profile, contacts: [contact] });
    const contactRow = await ctx.db.prisma.customerContact.findFirstOrThrow({ where: { customerId: customer.id } });
    const day = 24 * 3600 * 1000;
    for (const [i, interaction] of interactions.entries()) {
      await logInteraction(ctx, customer.id, ownerId, { ...interaction, contactId: contactRow.id, occurredAt: new Date(Date.UTC(2026, 10, 2) + i * 7 * day) });
    }
    out.push((await ctx.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })));
  }
  return out;
}
