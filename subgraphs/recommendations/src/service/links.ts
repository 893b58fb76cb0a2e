import type { SubgraphContext } from "@matchgraph/subgraph-kit";
import { companyKey } from "./analysis/text.js";
import { graph } from "./deps.js";
import { requireCustomer } from "./customers.js";

const FIND = `query RecommendationsSameCompany($company: String!) {
  similarOpportunities(text: $company, k: 25) { opportunity { id companyName } }
  searchLeads(prompt: $company, k: 25) { lead { id companyName } }
}`;

interface FindAnswer {
  similarOpportunities: Array<{ opportunity: { id: string; companyName: string } }>;
  searchLeads: Array<{ lead: { id: string; companyName: string } }>;
}

/**
 * Links a customer to the opportunities and leads of the same company: the graph is asked (with
 * this service's identity, for the caller) for the records most similar to the company name, and
 * those whose normalised company name equals the customer's are linked. Returns the links added.
 */
export async function linkSameCompany(ctx: SubgraphContext, customerId: string): Promise<{ opportunities: number; leads: number }> {
  const customer = await requireCustomer(ctx, customerId);
  const data = await graph().query<FindAnswer>(FIND, { company: customer.company }, { onBehalfOf: ctx.identity, requestId: ctx.requestId });
  const same = (name: string) => companyKey(name) === customer.companyKey;
  const rows = [
    ...data.similarOpportunities.filter((h) => same(h.opportunity.companyName)).map((h) => ({ entityType: "opportunity", entityId: h.opportunity.id })),
    ...data.searchLeads.filter((h) => same(h.lead.companyName)).map((h) => ({ entityType: "lead", entityId: h.lead.id })),
  ];
  if (rows.length > 0) {
    await ctx.db.prisma.customerLink.createMany({ data: rows.map((r) => ({ ...r, customerId })), skipDuplicates: true });
  }
  return {
    opportunities: rows.filter((r) => r.entityType === "opportunity").length,
    leads: rows.filter((r) => r.entityType === "lead").length,
  };
}

export async function linkedIds(ctx: SubgraphContext, customerId: string, entityType: "opportunity" | "lead"): Promise<string[]> {
  const rows = await ctx.db.prisma.customerLink.findMany({ where: { customerId, entityType }, orderBy: [{ createdAt: "asc" }, { entityId: "asc" }] });
  return rows.map((r) => r.entityId);
}
