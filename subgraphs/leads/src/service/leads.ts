import DataLoader from "dataloader";
import { z } from "zod";
import {
  byIdLoader,
  createEmbedded,
  embeddingText,
  embedQueryOrDegrade,
  isUuid,
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
import {
  findIntentsByIds,
  findLeadsByIds,
  INTENT_TABLE,
  LEAD_TABLE,
  leadIdsOfIntents,
  lexicalIntentIds,
  lexicalLeadIds,
  listLeadPage,
  newestIntentsOfLeads,
  type IntentRow,
  type LeadRow,
} from "../db/leads.js";
import { indexIntentSignals } from "../intent/indexing.js";
import { bumpDataVersion } from "../intent/runtime.js";

export const LEAD_INTENT_ADDED = "leads.intentAdded";
/** Ids only: the distributed pub/sub carries events through NOTIFY (payload < 8000 bytes). */
export interface IntentEvent {
  id: string;
  leadId: string;
}

/** Nearest rows fetched from each table (leads, intent snippets) before merging per lead: enough that a lead with many close snippets cannot crowd out the k best leads. */
const searchCandidates = (k: number) => Math.min(1000, Math.max(100, 20 * k));
/** How many snippets `Lead.intents` returns by default, and at most. */
export const INTENTS_DEFAULT = 50;
export const INTENTS_MAX = 200;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;
/** "https://www.Example.com/" → "example.com"; "" → null. */
const normalizeDomain = (v: unknown) =>
  typeof v === "string"
    ? v
        .trim()
        .toLowerCase()
        .replace(/^https?:\/\//, "")
        .replace(/\/+$/, "")
        .replace(/^www\./, "") || null
    : v;
const domain = z.preprocess(normalizeDomain, z.string().regex(HOSTNAME, "must be a domain name such as example.com").nullish()).transform((v) => v ?? null);
const employeeCount = z
  .number()
  .int("must be an integer")
  .min(0, "must not be negative")
  .max(10_000_000, "must be at most 10000000")
  .nullish()
  .transform((v) => v ?? null);

const fields = {
  domain,
  industry: optionalText(100),
  country: optionalText(100),
  employeeCount,
  description: optionalText(),
};

const createSchema = z.object({ companyName: requiredText(LIMITS.name), ...fields });

const updateSchema = z.object({
  companyName: requiredText(LIMITS.name).optional(),
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
}) as z.ZodType<Partial<z.infer<typeof createSchema>>>;

const intentSchema = z.object({
  text: requiredText(),
  source: optionalText(100),
  observedAt: z
    .date("must be a date-time")
    .nullish()
    .transform((v) => v ?? new Date()),
});

const promptSchema = z.object({ prompt: requiredText() });

const filterSchema = z.object({ industry: optionalText(100), country: optionalText(100) });

const textOf = (o: Pick<LeadRow, "companyName" | "industry" | "country" | "description">) =>
  embeddingText(o.companyName, o.industry, o.country, o.description);

export const leadLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "lead", (ids) => findLeadsByIds(ctx.db, ids));
export const intentLoader = (ctx: SubgraphContext) => byIdLoader(ctx, "intentSnippet", (ids) => findIntentsByIds(ctx.db, ids));

/** Newest snippets of a lead, batched across all leads of one request (one loader per page size). */
export function intentsOfLeadLoader(ctx: SubgraphContext, first: number): DataLoader<string, IntentRow[]> {
  return ctx.loader(`intentsOfLead:${first}`, () => new DataLoader(async (leadIds: readonly string[]) => {
    const rows = await newestIntentsOfLeads(ctx.db, leadIds.filter(isUuid), first);
    const byLead = new Map<string, IntentRow[]>();
    for (const row of rows) {
      const list = byLead.get(row.leadId);
      if (list) list.push(row);
      else byLead.set(row.leadId, [row]);
    }
    return leadIds.map((id) => byLead.get(id) ?? []);
  }));
}

export async function getLead(ctx: SubgraphContext, id: string): Promise<LeadRow | null> {
  return leadLoader(ctx).load(id);
}

export async function getIntent(ctx: SubgraphContext, id: string): Promise<IntentRow | null> {
  return intentLoader(ctx).load(id);
}

export async function intentsOfLead(ctx: SubgraphContext, leadId: string, first: unknown): Promise<IntentRow[]> {
  const n = parseInput(z.number().int("first must be an integer").min(1, "first must be at least 1").max(INTENTS_MAX, `first must be at most ${INTENTS_MAX}`), first);
  return intentsOfLeadLoader(ctx, n).load(leadId);
}

export async function listLeads(ctx: SubgraphContext, take: number, cursor: Parameters<typeof listLeadPage>[2], filter: { industry?: unknown; country?: unknown }) {
  const f = parseInput(filterSchema, filter);
  return listLeadPage(ctx.db, take, cursor, { industry: f.industry ?? undefined, country: f.country ?? undefined });
}

export async function createLead(ctx: SubgraphContext, input: unknown): Promise<LeadRow> {
  const data = parseInput(createSchema, input);
  const row = await createEmbedded(ctx, LEAD_TABLE, textOf(data), (tx) => tx.lead.create({ data }));
  bumpDataVersion();
  return row;
}

export async function updateLead(ctx: SubgraphContext, id: string, input: unknown): Promise<LeadRow> {
  parseInput(uuid(), id);
  const patch = parseInput(updateSchema, input);
  const existing = await ctx.db.prisma.lead.findUnique({ where: { id } });
  if (!existing) throw notFound("Lead", id);
  const change = { existing, textBefore: textOf(existing), textAfter: textOf({ ...existing, ...patch }) };
  const row = await updateEmbedded(ctx, LEAD_TABLE, change, (tx) => tx.lead.update({ where: { id }, data: patch }));
  bumpDataVersion();
  return row;
}

export async function addIntentSnippet(ctx: SubgraphContext, leadId: string, input: unknown): Promise<IntentRow> {
  parseInput(uuid("leadId"), leadId);
  const data = parseInput(intentSchema, input);
  const lead = await ctx.db.prisma.lead.findUnique({ where: { id: leadId }, select: { id: true } });
  if (!lead) throw notFound("Lead", leadId);
  const row = await createEmbedded(ctx, INTENT_TABLE, data.text, async (tx) => {
    const created = await tx.intentSnippet.create({ data: { ...data, leadId } });
    await indexIntentSignals(tx, [created]);
    return created;
  });
  bumpDataVersion();
  const event: IntentEvent = { id: row.id, leadId: row.leadId };
  ctx.pubSub.publish(LEAD_INTENT_ADDED, event);
  return row;
}

export interface LeadSearchHit {
  lead: LeadRow;
  score: number;
  matchedIntent: IntentRow | null;
}

/**
 * Leads for a prompt: the nearest leads by their own embedding and the nearest intent snippets
 * by theirs; a lead scores the better of its own similarity and its best snippet's, and carries
 * its best-matching snippet (among the candidates) whichever of the two won. While the
 * ml-runtime is unavailable both lists come from lexical retrieval (scores in [0, 1]) and the
 * answer is marked degraded.
 */
export async function searchLeads(ctx: SubgraphContext, args: { prompt: unknown; k: unknown }): Promise<LeadSearchHit[]> {
  const { prompt } = parseInput(promptSchema, { prompt: args.prompt });
  const k = parseInput(topK, args.k);
  const n = searchCandidates(k);
  const query = await embedQueryOrDegrade(ctx, "searchLeads", prompt);
  const [leadHits, intentHits] = query
    ? await Promise.all([nearestIds(ctx.db, LEAD_TABLE, query, n), nearestIds(ctx.db, INTENT_TABLE, query, n)])
    : await Promise.all([lexicalLeadIds(ctx.db, prompt, n), lexicalIntentIds(ctx.db, prompt, n)]);
  const leadOf = await leadIdsOfIntents(ctx.db, intentHits.map((h) => h.id));

  const best = new Map<string, { score: number; intentId: string | null }>();
  for (const hit of leadHits) best.set(hit.id, { score: hit.score, intentId: null });
  // Hits come best first, so the first snippet seen for a lead is its best match.
  for (const hit of intentHits) {
    const leadId = leadOf.get(hit.id);
    if (!leadId) continue;
    const current = best.get(leadId);
    if (!current) best.set(leadId, { score: hit.score, intentId: hit.id });
    else if (current.intentId === null) best.set(leadId, { score: Math.max(current.score, hit.score), intentId: hit.id });
  }

  const top = [...best.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1)).slice(0, k);
  const intentIds = top.map(([, v]) => v.intentId).filter((id): id is string => id !== null);
  const [leads, intents] = await Promise.all([findLeadsByIds(ctx.db, top.map(([id]) => id)), findIntentsByIds(ctx.db, intentIds)]);
  const leadsById = new Map(leads.map((l) => [l.id, l]));
  const intentsById = new Map(intents.map((i) => [i.id, i]));
  return top.flatMap(([id, v]) => {
    const lead = leadsById.get(id);
    if (!lead) return [];
    return [{ lead, score: v.score, matchedIntent: v.intentId ? (intentsById.get(v.intentId) ?? null) : null }];
  });
}
