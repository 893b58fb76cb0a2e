/**
 * Loads a generated market into a database: leads, technologies, snippets with their simhash and
 * BM25 postings (statistics follow through the triggers), and — when an embedding function is
 * given — the leads' profile vectors for exemplar ANN. Multi-row statements, in batches.
 */
import { randomUUID } from "node:crypto";
import { Prisma, type Database } from "@matchgraph/db";
import { vectorLiteral } from "@matchgraph/db";
import { insertSnippets, type NewSnippet } from "../db/intent.js";
import { simhash, termFrequencies } from "../intent/text.js";
import type { Market } from "./generator.js";

export interface LoadOptions {
  /** Embeds passages (the leads' profile texts); without it leads have no vectors. */
  embed?: (texts: string[]) => Promise<{ vectors: number[][]; model: string }>;
  batch?: number;
  log?: (message: string) => void;
}

export interface Loaded {
  /** Lead id of each company (same index). */
  leadIds: string[];
  timings: Record<string, number>;
}

export const profileText = (c: Market["companies"][number]) => [c.name, c.industry, c.country, c.description].join("\n");

export async function loadMarket(db: Database, market: Market, opts: LoadOptions = {}): Promise<Loaded> {
  const batch = opts.batch ?? 1000;
  const log = opts.log ?? (() => undefined);
  const timings: Record<string, number> = {};
  const leadIds = market.companies.map(() => randomUUID());
  let t = Date.now();
  for (let i = 0; i < market.companies.length; i += batch) {
    const rows = market.companies.slice(i, i + batch).map(
      (c, j) =>
        Prisma.sql`(${leadIds[i + j]}::uuid, ${c.name}, ${c.domain}, ${c.industry}, ${c.country}, ${c.employees}, ${c.revenueBand}, ${c.description})`,
    );
    await db.prisma.$executeRaw`INSERT INTO leads.lead (id, company_name, domain, industry, country, employee_count, revenue_band, description) VALUES ${Prisma.join(rows)}`;
  }
  const tech = market.companies.flatMap((c, i) => c.technologies.map((x) => Prisma.sql`(${leadIds[i]}::uuid, ${x.technology}, ${x.firstSeen}::timestamptz, ${x.lastSeen}::timestamptz, ${x.active})`));
  for (let i = 0; i < tech.length; i += 5 * batch) {
    await db.prisma.$executeRaw`INSERT INTO leads.lead_technology (lead_id, technology, first_seen, last_seen, active) VALUES ${Prisma.join(tech.slice(i, i + 5 * batch))}`;
  }
  timings.leads_ms = Date.now() - t;
  log(`loaded ${market.companies.length} leads and ${tech.length} technologies in ${timings.leads_ms} ms`);

  t = Date.now();
  for (let i = 0; i < market.snippets.length; i += batch) {
    const rows: NewSnippet[] = market.snippets.slice(i, i + batch).map((s) => {
      const { tf, length } = termFrequencies(s.text);
      return { id: randomUUID(), leadId: leadIds[s.company]!, source: s.source, text: s.text, observedAt: s.observedAt, minerId: null, simhash: simhash(s.text), length, duplicateOf: null, terms: tf };
    });
    await db.prisma.$transaction((tx) => insertSnippets(tx, rows), { timeout: 600_000, maxWait: 60_000 });
    if ((i / batch) % 100 === 99) log(`  ${i + batch} snippets`);
  }
  timings.snippets_ms = Date.now() - t;
  log(`loaded ${market.snippets.length} snippets with postings in ${timings.snippets_ms} ms`);

  if (opts.embed) {
    t = Date.now();
    const EMBED_BATCH = 128;
    for (let i = 0; i < market.companies.length; i += EMBED_BATCH) {
      const slice = market.companies.slice(i, i + EMBED_BATCH);
      const { vectors, model } = await opts.embed(slice.map(profileText));
      const values = vectors.map((v, j) => Prisma.sql`(${leadIds[i + j]}::uuid, ${vectorLiteral(v)}::vector)`);
      await db.prisma.$executeRaw`
        UPDATE leads.lead AS l SET embedding = v.e, embedding_model = ${model}
        FROM (VALUES ${Prisma.join(values)}) AS v(id, e) WHERE l.id = v.id`;
    }
    timings.embeddings_ms = Date.now() - t;
    log(`embedded ${market.companies.length} leads in ${timings.embeddings_ms} ms`);
  }
  await db.prisma.$executeRaw`ANALYZE leads.lead`;
  // VACUUM sets the visibility map that lets retrieval read postings by index-only scans (autovacuum
  // does it later by itself; a freshly loaded bench database should not wait for it).
  await db.prisma.$executeRaw`VACUUM (ANALYZE) leads.snippet_term`;
  await db.prisma.$executeRaw`ANALYZE leads.lead_technology`;
  return { leadIds, timings };
}
