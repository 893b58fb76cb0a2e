import DataLoader from "dataloader";
import { z } from "zod";
import {
  badUserInput,
  byIdLoader,
  embed,
  embeddingText,
  LIMITS,
  nearestIds,
  notFound,
  optionalText,
  parseInput,
  requiredText,
  setEmbedding,
  topK,
  uuid,
  type Cursor,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import { Prisma } from "@matchgraph/db";
import {
  bumpVersion,
  CUSTOMER_TABLE,
  findCustomersByCompanyKeys,
  findCustomersByIds,
  INTERACTION_TABLE,
  interactionsByMonth,
  interactionsPage,
  listCustomersPage,
  storeProfileEmbedding,
  type ContactRow,
  type CustomerFilter,
  type CustomerRow,
  type InteractionRow,
} from "../db/customers.js";
import { analyseInteractions, assessDisc, FACTORS } from "./analysis/profile.js";
import { companyKey } from "./analysis/text.js";

export const SIZES = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+"] as const;
export const STAGES = ["prospect", "qualified", "proposal", "negotiation", "won", "lost"] as const;
export const INTERACTION_KINDS = ["call", "meeting", "email", "note"] as const;
/** Interactions read per analysis (the newest): enough for a profile, bounded work per write. */
const ANALYSIS_WINDOW = 500;

const keep = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? undefined);
const short = (max = 200) => optionalText(max);

const contactSchema = z.object({
  name: requiredText(200),
  title: short(),
  email: z.string().trim().max(320).email("email must be an e-mail address").nullish().transform((v) => v ?? null),
  phone: z.string().trim().max(40).regex(/^[+0-9 ()./-]*$/, "phone may hold digits, spaces and + ( ) . / - only").nullish().transform((v) => v || null),
});

const customerSchema = z.object({
  company: requiredText(LIMITS.name),
  domain: z.string().trim().toLowerCase().max(253).regex(/^[a-z0-9.-]*$/, "domain must be a host name such as example.com").nullish().transform((v) => v || null),
  industry: short(),
  size: z.enum(SIZES).nullish().transform((v) => v ?? null),
  region: short(),
  country: short(100),
  stage: z.enum(STAGES).nullish().transform((v) => v ?? "prospect"),
  notes: optionalText(LIMITS.text),
  contacts: z.array(contactSchema).max(50, "at most 50 contacts").nullish().transform((v) => v ?? []),
});

const updateSchema = z.object({
  company: keep(requiredText(LIMITS.name)),
  domain: keep(z.string().trim().toLowerCase().max(253).regex(/^[a-z0-9.-]*$/, "domain must be a host name such as example.com")),
  industry: keep(z.string().trim().max(200)),
  size: keep(z.enum(SIZES)),
  region: keep(z.string().trim().max(200)),
  country: keep(z.string().trim().max(100)),
  stage: keep(z.enum(STAGES)),
  notes: keep(z.string().trim().max(LIMITS.text)),
});

const interactionSchema = z.object({
  contactId: uuid("contactId").nullish().transform((v) => v ?? null),
  kind: z.enum(INTERACTION_KINDS),
  subject: short(300),
  body: requiredText(LIMITS.text),
  occurredAt: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "occurredAt must be a date").nullish().transform((v) => v ?? new Date()),
});

const filterSchema = z.object({
  query: optionalText(200),
  industry: optionalText(200),
  region: optionalText(200),
  stage: z.enum(STAGES).nullish(),
  size: z.enum(SIZES).nullish(),
});

/** What a profile is embedded from. */
export const profileText = (c: Pick<CustomerRow, "company" | "industry" | "region" | "country" | "notes">) =>
  embeddingText(c.company, c.industry, c.region, c.country, c.notes).slice(0, LIMITS.text);

// ---------------------------------------------------------------- loaders

export const customerLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "customer", (ids) => findCustomersByIds(ctx.db, ids));

export async function requireCustomer(ctx: SubgraphContext, id: string): Promise<CustomerRow> {
  parseInput(uuid("customerId"), id);
  const row = await customerLoader(ctx).load(id);
  if (!row) throw notFound("Customer", id);
  return row;
}

// ---------------------------------------------------------------- reads

export async function listCustomers(ctx: SubgraphContext, take: number, cursor: Cursor | null, filter: unknown): Promise<CustomerRow[]> {
  const f = parseInput(filterSchema, filter ?? {});
  const clean: CustomerFilter = Object.fromEntries(Object.entries(f).filter(([, v]) => v != null && v !== "")) as CustomerFilter;
  return listCustomersPage(ctx.db, take, cursor, clean);
}

export function contactsOf(ctx: SubgraphContext, customerId: string): Promise<ContactRow[]> {
  return ctx.db.prisma.customerContact.findMany({ where: { customerId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export function listInteractions(ctx: SubgraphContext, customerId: string, take: number, cursor: Cursor | null, kind?: string | null): Promise<InteractionRow[]> {
  return interactionsPage(ctx.db, customerId, take, cursor, kind ?? undefined);
}

export function decisionFactorsOf(ctx: SubgraphContext, customerId: string) {
  return ctx.db.prisma.customerDecisionFactor.findMany({ where: { customerId }, orderBy: [{ weight: "desc" }, { factor: "asc" }] });
}

export function objectionsOf(ctx: SubgraphContext, customerId: string, status?: "open" | "resolved" | null) {
  return ctx.db.prisma.customerObjection.findMany({ where: { customerId, ...(status ? { status } : {}) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** The customer whose company an opportunity or lead names (same normalised name), if any; one query per request for all names. */
export async function customerForCompany(ctx: SubgraphContext, companyName: string | null | undefined): Promise<CustomerRow | null> {
  if (!companyName) return null;
  const key = companyKey(companyName);
  if (!key) return null;
  const loader = ctx.loader("customerByCompanyKey", () =>
    new DataLoader(async (keys: readonly string[]) => {
      const rows = await findCustomersByCompanyKeys(ctx.db, keys);
      return keys.map((k) => rows.find((row) => row.companyKey === k) ?? null);
    }),
  );
  return loader.load(key);
}

export interface CustomerAnalytics {
  customerId: string;
  stage: string;
  contacts: number;
  interactions: number;
  lastInteractionAt: Date | null;
  interactionsByMonth: Array<{ month: string; kind: string; count: number }>;
  openObjections: number;
  openObjectionsByFactor: Array<{ factor: string; count: number }>;
  topFactors: string[];
  personalities: Array<{ style: string; count: number }>;
  contentGenerated: number;
}

export async function customerAnalytics(ctx: SubgraphContext, customerId: string): Promise<CustomerAnalytics> {
  const customer = await requireCustomer(ctx, customerId);
  const db = ctx.db.prisma;
  const [contacts, interactions, last, byMonth, open, factors, content] = await Promise.all([
    db.customerContact.findMany({ where: { customerId }, select: { discStyle: true } }),
    db.customerInteraction.count({ where: { customerId } }),
    db.customerInteraction.findFirst({ where: { customerId }, orderBy: { occurredAt: "desc" }, select: { occurredAt: true } }),
    interactionsByMonth(ctx.db, customerId),
    db.customerObjection.groupBy({ by: ["factor"], where: { customerId, status: "open" }, _count: { _all: true } }),
    decisionFactorsOf(ctx, customerId),
    db.salesContent.count({ where: { customerId } }),
  ]);
  const styles = new Map<string, number>();
  for (const c of contacts) if (c.discStyle) styles.set(c.discStyle, (styles.get(c.discStyle) ?? 0) + 1);
  const openByFactor = open.map((g) => ({ factor: g.factor, count: g._count._all })).sort((a, b) => b.count - a.count || a.factor.localeCompare(b.factor));
  return {
    customerId,
    stage: customer.stage,
    contacts: contacts.length,
    interactions,
    lastInteractionAt: last?.occurredAt ?? null,
    interactionsByMonth: byMonth,
    openObjections: openByFactor.reduce((n, g) => n + g.count, 0),
    openObjectionsByFactor: openByFactor,
    topFactors: factors.slice(0, 3).map((f) => f.factor),
    personalities: [...styles.entries()].map(([style, count]) => ({ style, count })).sort((a, b) => a.style.localeCompare(b.style)),
    contentGenerated: content,
  };
}

/**
 * The profile's embedding, made on first use and kept until the profile changes (a profile update
 * sets it to NULL, so a stale vector is never used; interactions bump the version, not the profile).
 */
export async function profileEmbedding(ctx: SubgraphContext, customer: CustomerRow): Promise<{ vector: number[]; model: string; cached: boolean }> {
  const rows = await ctx.db.prisma.$queryRaw<Array<{ v: string | null; model: string | null }>>`
    SELECT embedding::text AS v, embedding_model AS model FROM recommendations.customer
    WHERE id = ${customer.id}::uuid AND embedding IS NOT NULL`;
  const hit = rows[0];
  if (hit?.v && hit.model) return { vector: JSON.parse(hit.v) as number[], model: hit.model, cached: true };
  const { model, vectors } = await embed(ctx, [profileText(customer)]);
  await storeProfileEmbedding(ctx.db, customer.id, customer.version, vectors[0]!, model);
  return { vector: vectors[0]!, model, cached: false };
}

// ---------------------------------------------------------------- writes

export async function createCustomer(ctx: SubgraphContext, ownerId: string, input: unknown): Promise<CustomerRow> {
  const { contacts, ...data } = parseInput(customerSchema, input);
  const key = companyKey(data.company);
  if (!key) throw badUserInput("company must contain letters or digits", "company");
  const { model, vectors } = await embed(ctx, [profileText(data)]);
  return ctx.db.prisma.$transaction(async (tx) => {
    const row = await tx.customer.create({ data: { ...data, companyKey: key, ownerId, contacts: { create: contacts } } });
    await setEmbedding(tx, CUSTOMER_TABLE, row.id, vectors[0]!, model);
    await tx.$executeRaw`UPDATE recommendations.customer SET embedded_version = version WHERE id = ${row.id}::uuid`;
    return { ...row, embeddingModel: model, embeddedVersion: row.version };
  });
}

export async function updateCustomer(ctx: SubgraphContext, id: string, input: unknown): Promise<CustomerRow> {
  const existing = await requireCustomer(ctx, id);
  const patch = Object.fromEntries(Object.entries(parseInput(updateSchema, input ?? {})).filter(([, v]) => v !== undefined)) as z.infer<typeof updateSchema>;
  const nulled = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === "" && k !== "company" ? null : v]));
  const companyKeyPatch = patch.company ? { companyKey: companyKey(patch.company) } : {};
  if (patch.company && !companyKeyPatch.companyKey) throw badUserInput("company must contain letters or digits", "company");
  const profileChanged = profileText({ ...existing, ...nulled } as CustomerRow) !== profileText(existing);
  const row = await ctx.db.prisma.$transaction(async (tx) => {
    await tx.customer.update({ where: { id }, data: { ...nulled, ...companyKeyPatch } });
    await bumpVersion(tx, id, { profileChanged });
    return tx.customer.findUniqueOrThrow({ where: { id } });
  });
  customerLoader(ctx).clear(id).prime(id, row);
  return row;
}

export async function addContact(ctx: SubgraphContext, customerId: string, input: unknown): Promise<ContactRow> {
  await requireCustomer(ctx, customerId);
  const data = parseInput(contactSchema, input);
  return ctx.db.prisma.$transaction(async (tx) => {
    const row = await tx.customerContact.create({ data: { ...data, customerId } });
    await bumpVersion(tx, customerId, { profileChanged: false });
    return row;
  });
}

/** Logs an interaction (its text embedded before the transaction opens) and analyses the account again in the same transaction. */
export async function logInteraction(ctx: SubgraphContext, customerId: string, createdBy: string, input: unknown): Promise<InteractionRow> {
  await requireCustomer(ctx, customerId);
  const data = parseInput(interactionSchema, input);
  if (data.contactId) {
    const contact = await ctx.db.prisma.customerContact.findUnique({ where: { id: data.contactId }, select: { customerId: true } });
    if (!contact || contact.customerId !== customerId) throw badUserInput(`contact ${data.contactId} is not a contact of customer ${customerId}`, "contactId");
  }
  const { model, vectors } = await embed(ctx, [embeddingText(data.subject, data.body).slice(0, LIMITS.text)]);
  const row = await ctx.db.prisma.$transaction(async (tx) => {
    const created = await tx.customerInteraction.create({ data: { ...data, customerId, createdBy } });
    await setEmbedding(tx, INTERACTION_TABLE, created.id, vectors[0]!, model);
    await bumpVersion(tx, customerId, { profileChanged: false });
    await analyseCustomerIn(tx, customerId);
    return { ...created, embeddingModel: model };
  });
  customerLoader(ctx).clear(customerId);
  return row;
}

export async function resolveObjection(ctx: SubgraphContext, objectionId: string, userId: string) {
  parseInput(uuid("objectionId"), objectionId);
  const existing = await ctx.db.prisma.customerObjection.findUnique({ where: { id: objectionId } });
  if (!existing) throw notFound("CustomerObjection", objectionId);
  return ctx.db.prisma.$transaction(async (tx) => {
    const row = await tx.customerObjection.update({ where: { id: objectionId }, data: { status: "resolved", resolvedAt: new Date(), resolvedBy: userId } });
    await bumpVersion(tx, existing.customerId, { profileChanged: false });
    return row;
  });
}

/** Records an objection someone heard (not found in a logged interaction). */
export async function recordObjection(ctx: SubgraphContext, customerId: string, text: unknown, factor: unknown) {
  await requireCustomer(ctx, customerId);
  const data = parseInput(z.object({ text: requiredText(2_000), factor: z.enum([...FACTORS, "other"]) }), { text, factor });
  return ctx.db.prisma.$transaction(async (tx) => {
    const row = await tx.customerObjection.create({ data: { customerId, text: data.text, factor: data.factor } });
    await bumpVersion(tx, customerId, { profileChanged: false });
    return row;
  });
}

/**
 * The account's analyses from its newest interactions: a DISC profile per contact (from the
 * interactions with that contact), decision factors with their evidence, and objections (new ones
 * open; ones already recorded keep their status).
 */
export async function analyseCustomerIn(tx: Prisma.TransactionClient, customerId: string): Promise<void> {
  const interactions = await tx.customerInteraction.findMany({
    where: { customerId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: ANALYSIS_WINDOW,
    select: { id: true, contactId: true, body: true },
  });
  const texts = interactions.map((i) => ({ sourceId: i.id, text: i.body }));
  const { factors, objections } = analyseInteractions(texts);
  await tx.customerDecisionFactor.deleteMany({ where: { customerId } });
  if (factors.length > 0) {
    await tx.customerDecisionFactor.createMany({
      data: factors.map((f) => ({ customerId, factor: f.factor, weight: f.weight, mentions: f.mentions, concern: f.concern, evidence: f.evidence as unknown as Prisma.InputJsonValue })),
    });
  }
  if (objections.length > 0) {
    await tx.customerObjection.createMany({
      data: objections.map((o) => ({ customerId, interactionId: o.interactionId, sentenceIndex: o.sentenceIndex, text: o.text, factor: o.factor })),
      skipDuplicates: true,
    });
  }
  const contacts = await tx.customerContact.findMany({ where: { customerId }, select: { id: true } });
  for (const contact of contacts) {
    const own = interactions.filter((i) => i.contactId === contact.id).map((i) => ({ sourceId: i.id, text: i.body }));
    const disc = assessDisc(own);
    await tx.customerContact.update({
      where: { id: contact.id },
      data: disc
        ? { discStyle: disc.style, discScores: disc.scores, discConfidence: disc.confidence, discEvidence: disc.evidence as unknown as Prisma.InputJsonValue }
        : { discStyle: null, discScores: undefined, discConfidence: null, discEvidence: [] },
    });
  }
  await tx.$executeRaw`UPDATE recommendations.customer SET analysed_version = version WHERE id = ${customerId}::uuid`;
}

/** Runs the analyses again (e.g. after the rules changed). */
export async function analyseCustomer(ctx: SubgraphContext, customerId: string): Promise<CustomerRow> {
  await requireCustomer(ctx, customerId);
  await ctx.db.prisma.$transaction((tx) => analyseCustomerIn(tx, customerId));
  customerLoader(ctx).clear(customerId);
  return (await customerLoader(ctx).load(customerId))!;
}

/**
 * Customers whose profiles are most like this one's (pgvector cosine on the HNSW index of the
 * profile's model). The profile's vector is cached in the row and made again after an update.
 */
export async function similarCustomers(ctx: SubgraphContext, customer: CustomerRow, k: unknown): Promise<Array<{ customer: CustomerRow; score: number }>> {
  const n = parseInput(topK, k);
  const { vector, model } = await profileEmbedding(ctx, customer);
  const hits = (await nearestIds(ctx.db, CUSTOMER_TABLE, { vector, model }, n + 1, Prisma.sql`AND id <> ${customer.id}::uuid`)).slice(0, n);
  const rows = await customerLoader(ctx).loadMany(hits.map((h) => h.id));
  return hits.flatMap((h, i) => {
    const row = rows[i];
    return row && !(row instanceof Error) ? [{ customer: row, score: h.score }] : [];
  });
}
