import { z } from "zod";
import {
  byIdLoader,
  createEmbedded,
  embeddingText,
  embedQuery,
  inOrder,
  LIMITS,
  nearestIds,
  notFound,
  optionalText,
  parseInput,
  requiredText,
  topK,
  updateEmbedded,
  uuid,
  type SubgraphContext,
} from "@matchgraph/subgraph-kit";
import { findByIds, listPage, OPPORTUNITY_TABLE, sourceFilter, type OpportunityRow } from "../db/opportunities.js";

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

type Writable = Omit<z.infer<typeof createSchema>, "closeDate"> & { closeDate: string | null };

const toDate = (d: string | null | undefined) => (d === undefined ? undefined : d === null ? null : new Date(`${d}T00:00:00Z`));
const textOf = (o: Pick<Writable, "companyName" | "title" | "description">) => embeddingText(o.companyName, o.title, o.description);

export const loader = (ctx: SubgraphContext) => byIdLoader(ctx, "opportunity", (ids) => findByIds(ctx.db, ids));

export async function getOpportunity(ctx: SubgraphContext, id: string): Promise<OpportunityRow | null> {
  return loader(ctx).load(id);
}

export async function listOpportunities(ctx: SubgraphContext, take: number, cursor: Parameters<typeof listPage>[2], sourceName?: string) {
  return listPage(ctx.db, take, cursor, sourceName);
}

export async function createOpportunity(ctx: SubgraphContext, input: unknown): Promise<OpportunityRow> {
  const data = parseInput(createSchema, input);
  const row = await createEmbedded(ctx, OPPORTUNITY_TABLE, textOf(data), (tx) =>
    tx.opportunity.create({ data: { ...data, closeDate: toDate(data.closeDate) } }),
  );
  publish(ctx, row);
  return row;
}

export async function updateOpportunity(ctx: SubgraphContext, id: string, input: unknown): Promise<OpportunityRow> {
  parseInput(uuid(), id);
  const patch = parseInput(updateSchema, input);
  const existing = await ctx.db.prisma.opportunity.findUnique({ where: { id } });
  if (!existing) throw notFound("Opportunity", id);
  const change = { existing, textBefore: textOf(existing), textAfter: textOf({ ...existing, ...patch }) };
  const row = await updateEmbedded(ctx, OPPORTUNITY_TABLE, change, (tx) =>
    tx.opportunity.update({ where: { id }, data: { ...patch, closeDate: toDate(patch.closeDate) } }),
  );
  publish(ctx, row);
  return row;
}

export async function similarOpportunities(ctx: SubgraphContext, args: { text: unknown; k: unknown; source?: unknown }) {
  const text = parseInput(requiredText(), args.text);
  const k = parseInput(topK, args.k);
  const sourceName = args.source == null ? undefined : parseInput(source, args.source);
  const hits = await nearestIds(ctx.db, OPPORTUNITY_TABLE, await embedQuery(ctx, text), k, sourceFilter(sourceName));
  const rows = inOrder(hits.map((h) => h.id), await findByIds(ctx.db, hits.map((h) => h.id)));
  const scores = new Map(hits.map((h) => [h.id, h.score]));
  return rows.map((opportunity) => ({ opportunity, score: scores.get(opportunity.id)! }));
}

function publish(ctx: SubgraphContext, row: OpportunityRow): void {
  const event: OpportunityEvent = { id: row.id, source: row.source };
  ctx.pubSub.publish(OPPORTUNITY_UPSERTED, event);
}
