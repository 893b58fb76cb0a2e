import { z } from "zod";
import { notFound, parseInput, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { TECHNOLOGIES } from "../parser/vocabulary.js";
import { bumpDataVersion } from "./runtime.js";

const techSchema = z
  .array(
    z
      .object({
        technology: z.enum(TECHNOLOGIES, `technology must be one of ${TECHNOLOGIES.join(", ")}`),
        firstSeen: z.date("firstSeen must be a date-time"),
        lastSeen: z
          .date("lastSeen must be a date-time")
          .nullish()
          .transform((v) => v ?? new Date()),
        active: z.boolean().default(true),
      })
      .refine((t) => t.firstSeen <= t.lastSeen, "firstSeen must not be after lastSeen"),
  )
  .min(1, "at least one technology")
  .max(100, "at most 100 technologies");

/** Upserts a lead's technologies (first seen keeps the earliest). */
export async function recordLeadTechnologies(ctx: SubgraphContext, leadId: string, input: unknown): Promise<number> {
  parseInput(uuid("leadId"), leadId);
  const rows = parseInput(techSchema, input);
  const lead = await ctx.db.prisma.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM leads.lead WHERE id = ${leadId}::uuid`;
  if (!lead[0]) throw notFound("Lead", leadId);
  const n = await ctx.db.prisma.$executeRaw`
    INSERT INTO leads.lead_technology (lead_id, technology, first_seen, last_seen, active)
    SELECT ${leadId}::uuid, t, f, l, a
    FROM unnest(${rows.map((r) => r.technology)}::text[], ${rows.map((r) => r.firstSeen.toISOString())}::timestamptz[],
                ${rows.map((r) => r.lastSeen.toISOString())}::timestamptz[], ${rows.map((r) => r.active)}::boolean[]) AS x(t, f, l, a)
    ON CONFLICT (lead_id, technology) DO UPDATE SET first_seen = least(leads.lead_technology.first_seen, EXCLUDED.first_seen),
      last_seen = greatest(leads.lead_technology.last_seen, EXCLUDED.last_seen), active = EXCLUDED.active`;
  bumpDataVersion();
  return n;
}
