import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, ObjectType, Field, Query, Resolver, Root } from "type-graphql";
import { COST, PageArgs, pageWindow, requireRole, toPage, type SubgraphContext } from "@matchgraph/subgraph-kit";
import type { ContactRow, CustomerRow, InteractionRow, ObjectionRow } from "../db/customers.js";
import {
  addContact,
  analyseCustomer,
  contactsOf,
  createCustomer,
  customerAnalytics,
  customerForCompany,
  customerLoader,
  decisionFactorsOf,
  listCustomers,
  listInteractions,
  logInteraction,
  objectionsOf,
  recordObjection,
  requireCustomer,
  resolveObjection,
  similarCustomers,
  updateCustomer,
} from "../service/customers.js";
import { linkedIds, linkSameCompany } from "../service/links.js";
import { seedPersonas } from "../testdata/personas.js";
import {
  ContactInput,
  CreateCustomerInput,
  Customer,
  CustomerAnalytics,
  CustomerConnection,
  CustomerContact,
  CustomerFilterInput,
  CustomerInteraction,
  CustomerInteractionConnection,
  CustomerObjection,
  CustomerStage,
  DecisionFactor,
  InteractionInput,
  InteractionKind,
  LeadRef,
  ObjectionStatus,
  Personality,
  SimilarCustomer,
  UpdateCustomerInput,
} from "./customer-types.js";
import { Opportunity } from "./types.js";

/** Customer data names people: reading it needs a signed-in user with a role; writing it a writer. */
export const READER_ROLES = ["reader", "writer", "admin"];

export const toCustomer = (row: CustomerRow): Customer => ({ ...row, stage: row.stage as CustomerStage });
export const toInteraction = (row: InteractionRow): CustomerInteraction => ({ ...row, kind: row.kind as InteractionKind, embeddingModel: row.embeddingModel ?? null });
export const toObjection = (row: ObjectionRow): CustomerObjection => ({ ...row, status: row.status as ObjectionStatus });
export function toContact(row: ContactRow): CustomerContact {
  const personality: Personality | null = row.discStyle
    ? { style: row.discStyle, scores: row.discScores as unknown as Personality["scores"], confidence: row.discConfidence ?? 0, evidence: row.discEvidence as unknown as Personality["evidence"] }
    : null;
  return { id: row.id, customerId: row.customerId, name: row.name, title: row.title, email: row.email, phone: row.phone, personality };
}

@ObjectType({ description: "Links added by linkCustomerRecords" })
export class CustomerLinkResult {
  @Field(() => Customer)
  customer!: Customer;
  @Field(() => Int)
  opportunitiesLinked!: number;
  @Field(() => Int)
  leadsLinked!: number;
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { nullable: true })
  async customer(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Customer | null> {
    requireRole(ctx, READER_ROLES);
    const row = await customerLoader(ctx).load(id);
    return row ? toCustomer(row) : null;
  }

  @Query(() => CustomerConnection, { description: "Newest first, cursor-paginated, filtered" })
  async customers(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => CustomerFilterInput, { nullable: true }) filter: CustomerFilterInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerConnection> {
    requireRole(ctx, READER_ROLES);
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listCustomers(ctx, take, cursor, filter ?? {}), page.first);
    return { nodes: result.nodes.map(toCustomer), pageInfo: result.pageInfo };
  }

  @FieldResolver(() => [CustomerContact])
  async contacts(@Root() c: Customer, @Ctx() ctx: SubgraphContext): Promise<CustomerContact[]> {
    requireRole(ctx, READER_ROLES);
    return (await contactsOf(ctx, c.id)).map(toContact);
  }

  @FieldResolver(() => CustomerInteractionConnection, { description: "Newest first, cursor-paginated" })
  async interactions(
    @Root() c: Customer,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("kind", () => InteractionKind, { nullable: true }) kind: InteractionKind | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerInteractionConnection> {
    requireRole(ctx, READER_ROLES);
    const { take, cursor } = pageWindow(page);
    const result = toPage(await listInteractions(ctx, c.id, take, cursor, kind), page.first);
    return { nodes: result.nodes.map(toInteraction), pageInfo: result.pageInfo };
  }

  @FieldResolver(() => [DecisionFactor], { description: "Heaviest first" })
  async decisionFactors(@Root() c: Customer, @Ctx() ctx: SubgraphContext): Promise<DecisionFactor[]> {
    requireRole(ctx, READER_ROLES);
    return (await decisionFactorsOf(ctx, c.id)).map((f) => ({ ...f, evidence: f.evidence as unknown as DecisionFactor["evidence"] }));
  }

  @FieldResolver(() => [CustomerObjection])
  async objections(
    @Root() c: Customer,
    @Arg("status", () => ObjectionStatus, { nullable: true }) status: ObjectionStatus | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerObjection[]> {
    requireRole(ctx, READER_ROLES);
    return (await objectionsOf(ctx, c.id, status)).map(toObjection);
  }

  @Directive(COST.scan)
  @FieldResolver(() => CustomerAnalytics)
  async analytics(@Root() c: Customer, @Ctx() ctx: SubgraphContext): Promise<CustomerAnalytics> {
    requireRole(ctx, READER_ROLES);
    const a = await customerAnalytics(ctx, c.id);
    return { ...a, stage: a.stage as CustomerStage, interactionsByMonth: a.interactionsByMonth.map((m) => ({ ...m, kind: m.kind as InteractionKind })) };
  }

  @Directive(COST.vectorSearch)
  @FieldResolver(() => [SimilarCustomer], { description: "Customers with the most similar profiles (the profile's embedding is cached until it changes)" })
  async similarCustomers(@Root() c: Customer, @Arg("k", () => Int, { defaultValue: 5 }) k: number, @Ctx() ctx: SubgraphContext): Promise<SimilarCustomer[]> {
    requireRole(ctx, READER_ROLES);
    const row = await requireCustomer(ctx, c.id);
    return (await similarCustomers(ctx, row, k)).map((h) => ({ customer: toCustomer(h.customer), score: h.score }));
  }

  @FieldResolver(() => [LeadRef], { description: "Leads of the same company (linked by linkCustomerRecords); the leads subgraph resolves their fields" })
  async leads(@Root() c: Customer, @Ctx() ctx: SubgraphContext): Promise<LeadRef[]> {
    requireRole(ctx, READER_ROLES);
    return (await linkedIds(ctx, c.id, "lead")).map((id) => ({ id }));
  }

  @FieldResolver(() => [Opportunity], { description: "Opportunities of the same company (linked by linkCustomerRecords)" })
  async opportunities(@Root() c: Customer, @Ctx() ctx: SubgraphContext): Promise<Array<Pick<Opportunity, "id">>> {
    requireRole(ctx, READER_ROLES);
    return (await linkedIds(ctx, c.id, "opportunity")).map((id) => ({ id }));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => Customer, { description: "Creates a customer (profile embedded) with its contacts" })
  async createCustomer(@Arg("input", () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: SubgraphContext): Promise<Customer> {
    const identity = requireRole(ctx);
    return toCustomer(await createCustomer(ctx, identity.userId, input));
  }

  @Mutation(() => Customer, { description: "Changes a profile; its cached embedding is dropped and made again on next use" })
  async updateCustomer(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateCustomerInput) input: UpdateCustomerInput, @Ctx() ctx: SubgraphContext): Promise<Customer> {
    requireRole(ctx);
    return toCustomer(await updateCustomer(ctx, id, input));
  }

  @Mutation(() => CustomerContact)
  async addCustomerContact(@Arg("customerId", () => ID) customerId: string, @Arg("input", () => ContactInput) input: ContactInput, @Ctx() ctx: SubgraphContext): Promise<CustomerContact> {
    requireRole(ctx);
    return toContact(await addContact(ctx, customerId, input));
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => CustomerInteraction, { description: "Logs a call, meeting, e-mail or note (text embedded); personality, decision factors and objections are analysed again" })
  async logInteraction(@Arg("customerId", () => ID) customerId: string, @Arg("input", () => InteractionInput) input: InteractionInput, @Ctx() ctx: SubgraphContext): Promise<CustomerInteraction> {
    const identity = requireRole(ctx);
    return toInteraction(await logInteraction(ctx, customerId, identity.userId, input));
  }

  @Mutation(() => CustomerObjection, { description: "Records an objection heard outside a logged interaction" })
  async recordObjection(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("text", () => String) text: string,
    @Arg("factor", () => String, { defaultValue: "other" }) factor: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomerObjection> {
    requireRole(ctx);
    return toObjection(await recordObjection(ctx, customerId, text, factor));
  }

  @Mutation(() => CustomerObjection)
  async resolveObjection(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CustomerObjection> {
    const identity = requireRole(ctx);
    return toObjection(await resolveObjection(ctx, id, identity.userId));
  }

  @Mutation(() => Customer, { description: "Runs the personality, decision-factor and objection analyses again" })
  async analyseCustomer(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Customer> {
    requireRole(ctx);
    return toCustomer(await analyseCustomer(ctx, id));
  }

  @Directive(COST.embeddingSearch)
  @Mutation(() => CustomerLinkResult, { description: "Links the opportunities and leads of the same company, found through the graph" })
  async linkCustomerRecords(@Arg("customerId", () => ID) customerId: string, @Ctx() ctx: SubgraphContext): Promise<CustomerLinkResult> {
    requireRole(ctx);
    const linked = await linkSameCompany(ctx, customerId);
    return { customer: toCustomer(await requireCustomer(ctx, customerId)), opportunitiesLinked: linked.opportunities, leadsLinked: linked.leads };
  }

  @Directive(COST.job)
  @Mutation(() => [Customer], { description: "Admin: writes the four demo personas (one per DISC style) with their interactions; existing personas are kept" })
  async seedCustomerPersonas(@Ctx() ctx: SubgraphContext): Promise<Customer[]> {
    const identity = requireRole(ctx, ["admin"]);
    return (await seedPersonas(ctx, identity.userId)).map(toCustomer);
  }
}

@Resolver(() => Opportunity)
export class OpportunityCustomerResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "The customer profile of the opportunity's company (same normalised name)" })
  @Directive(`@requires(fields: "companyName")`)
  async customer(@Root() opportunity: Opportunity, @Ctx() ctx: SubgraphContext): Promise<Customer | null> {
    requireRole(ctx, READER_ROLES);
    const row = await customerForCompany(ctx, opportunity.companyName);
    return row ? toCustomer(row) : null;
  }
}
