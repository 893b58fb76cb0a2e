import { z } from "zod";
import {
  byIdLoader,
  conflict,
  embeddingModel,
  embedQueryOrDegrade,
  inOrder,
  LIMITS,
  nearestIds,
  notFound,
  optionalText,
  parseInput,
  requiredText,
  topK,
  uuid,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import { findByIds, lexicalOpportunityIds, listPage, OPPORTUNITY_TABLE, sourceFilter, type OpportunityRow } from "../db/opportunities.js";
import { upsertRecords } from "../db/records.js";
import { normalizeCompanyName } from "../matching/normalize.js";
import type { OpportunitySourceName, RecordFields } from "../matching/types.js";
import { matchingSetup, matchRecords } from "./matching.js";
import { fieldsOf, prepareRecords, rowHash } from "./records.js";

export const OPPORTUNITY_UPSERTED = "opportunities.upserted";
export interface OpportunityEvent {
  id: string;
  source: string;
}

const source = z.enum(["apn", "odoo"]);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (YYYY-MM-DD)")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "must be a valid date");
const amount = z.number().finite().min(0, "must not be negative").max(1e12, "is too large");
const email = z.string().trim().email("must be an e-mail address").max(LIMITS.name);

const fields = {
  website: optionalText(LIMITS.name),
  email: email.nullish().transform((v) => v ?? null),
  description: optionalText(),
  stage: optionalText(100),
  country: optionalText(100),
  region: optionalText(100),
  closeDate: isoDate.nullish().transform((v) => v ?? null),
  amount: amount.nullish().transform((v) => v ?? null),
};

const createSchema = z.object({
  source,
  externalId: requiredText(200),
  companyName: requiredText(LIMITS.name),
  title: requiredText(LIMITS.name),
  ...fields,
});

const updateSchema = z.object({
  companyName: requiredText(LIMITS.name).optional(),
  title: requiredText(LIMITS.name).optional(),
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
}) as z.ZodType<Partial<z.infer<typeof createSchema>>>;


export const loader = (ctx: SubgraphContext) => byIdLoader(ctx, "opportunity", (ids) => findByIds(ctx.db, ids));

export async function getOpportunity(ctx: SubgraphContext, id: string): Promise<OpportunityRow | null> {
  return loader(ctx).load(id);
}

export async function listOpportunities(ctx: SubgraphContext, take: number, cursor: Parameters<typeof listPage>[2], sourceName?: string) {
  return listPage(ctx.db, take, cursor, sourceName);
}

export async function createOpportunity(ctx: SubgraphContext, input: unknown): Promise<OpportunityRow> {
  const { source: sourceName, ...fields } = parseInput(createSchema, input);
  const exists = await ctx.db.prisma.opportunity.findUnique({ where: { source_externalId: { source: sourceName, externalId: fields.externalId } }, select: { id: true } });
  if (exists) throw conflict(`A ${sourceName} opportunity with externalId ${fields.externalId} exists (${exists.id}); update it instead`);
  const [written] = await upsertRecords(ctx.db.prisma, sourceName, await prepareRecords(ctx, [toFields(fields)]));
  return afterWrite(ctx, written!.id);
}

export async function updateOpportunity(ctx: SubgraphContext, id: string, input: unknown): Promise<OpportunityRow> {
  parseInput(uuid(), id);
  const patch = parseInput(updateSchema, input);
  const existing = await ctx.db.prisma.opportunity.findUnique({ where: { id } });
  if (!existing) throw notFound("Opportunity", id);
  const merged = { ...fieldsOf(existing), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RecordFields;
  if (rowHash(merged) === existing.rowHash) return existing;
  const [prepared] = await prepareRecords(ctx, [merged]);
  await ctx.db.prisma.$transaction(async (tx) => {
    const unchanged = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM opportunities.opportunity WHERE id = ${id}::uuid AND date_trunc('milliseconds', updated_at) = ${existing.updatedAt} FOR UPDATE`;
    if (unchanged.length === 0) throw conflict("The record was changed by another request; reload it and retry");
    await upsertRecords(tx, existing.source as OpportunitySourceName, [prepared!]);
  });
  return afterWrite(ctx, id);
}

/** A written record is matched at once (incremental: its candidates only), then announced. */
async function afterWrite(ctx: SubgraphContext, id: string): Promise<OpportunityRow> {
  const model = await embeddingModel(ctx);
  await matchRecords(ctx, [id], await matchingSetup(ctx.db, model, false));
  const row = (await ctx.db.prisma.opportunity.findUnique({ where: { id } }))!;
  publish(ctx, row);
  return row;
}

function toFields(d: Omit<z.infer<typeof createSchema>, "source">): RecordFields {
  return {
    externalId: d.externalId,
    companyName: d.companyName,
    website: d.website ?? null,
    email: d.email ?? null,
    title: d.title,
    description: d.description ?? null,
    stage: d.stage ?? null,
    country: d.country ?? null,
    region: d.region ?? null,
    closeDate: d.closeDate ?? null,
    amount: d.amount ?? null,
  };
}

/**
 * Opportunities nearest to a text by cosine similarity of its embedding; while the ml-runtime is
 * unavailable, the best by lexical retrieval (words and name trigrams, scores in [0, 1]), and
 * the answer is marked degraded.
 */
export async function similarOpportunities(ctx: SubgraphContext, args: { text: unknown; k: unknown; source?: unknown }) {
  const text = parseInput(requiredText(), args.text);
  const k = parseInput(topK, args.k);
  const sourceName = args.source == null ? undefined : parseInput(source, args.source);
  const query = await embedQueryOrDegrade(ctx, "similarOpportunities", text);
  const hits = query
    ? await nearestIds(ctx.db, OPPORTUNITY_TABLE, query, k, sourceFilter(sourceName))
    : await lexicalOpportunityIds(ctx.db, text, normalizeCompanyName(text), k, sourceName);
  const rows = inOrder(hits.map((h) => h.id), await findByIds(ctx.db, hits.map((h) => h.id)));
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  return rows.map((opportunity) => ({ opportunity, score: scores.get(opportunity.id)! }));
}

function publish(ctx: SubgraphContext, row: OpportunityRow): void {
  const event: OpportunityEvent = { id: row.id, source: row.source };
  ctx.pubSub.publish(OPPORTUNITY_UPSERTED, event);
}
