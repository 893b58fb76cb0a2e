import { createHash } from "node:crypto";
import type { SubgraphContext } from "@matchgraph/subgraph-kit";
import { graph } from "./deps.js";

/** A knowledge passage as the knowledge subgraph returns it, with its citation. */
export interface Passage {
  chunkId: string;
  text: string;
  score: number;
  sourceId: string;
  sourceTitle: string;
  sourceUri: string | null;
  page: number | null;
  headingPath: string[];
  /** Offsets of the chunk in its source text. */
  charStart: number;
  charEnd: number;
}

interface SearchAnswer {
  searchKnowledge: Array<{
    score: number;
    chunk: { id: string; text: string };
    citation: { sourceId: string; sourceTitle: string; sourceUri: string | null; page: number | null; headingPath: string[]; charStart: number; charEnd: number };
  }>;
}

/**
 * The best knowledge passages for each query, asked of the graph (the knowledge subgraph answers
 * through the gateway) with this service's identity acting for the caller. One request for all
 * queries (aliases), at most 8.
 */
export async function searchPassages(ctx: SubgraphContext, queries: string[], k: number, tags?: string[] | null): Promise<Passage[][]> {
  if (queries.length === 0) return [];
  const list = queries.slice(0, 8);
  const vars: Record<string, unknown> = { k, tags: tags?.length ? tags : null };
  const fields = `score chunk { id text } citation { sourceId sourceTitle sourceUri page headingPath charStart charEnd }`;
  const body = list.map((_, i) => `q${i}: searchKnowledge(query: $q${i}, k: $k, mode: HYBRID, filters: { tags: $tags }) { ${fields} }`).join("\n");
  const query = `query RecommendationsPassages(${list.map((_, i) => `$q${i}: String!`).join(", ")}, $k: Int!, $tags: [String!]) {\n${body}\n}`;
  list.forEach((q, i) => (vars[`q${i}`] = q));
  const data = await graph().query<Record<string, SearchAnswer["searchKnowledge"]>>(query, vars, { onBehalfOf: ctx.identity, requestId: ctx.requestId });
  return list.map((_, i) =>
    (data[`q${i}`] ?? []).map((h) => ({ chunkId: h.chunk.id, text: h.chunk.text, score: h.score, ...h.citation })),
  );
}

/** The knowledge a set of passages represents: changes when any of them is edited, re-ingested or removed. */
export function knowledgeVersion(passages: Passage[]): string {
  const h = createHash("sha256");
  for (const p of [...passages].sort((a, b) => a.chunkId.localeCompare(b.chunkId))) h.update(`${p.chunkId}\u0000${p.text}\u0001`);
  return h.digest("hex").slice(0, 16);
}


/** The opportunity a piece of content is for, asked of the graph (the opportunities subgraph answers). */
export async function opportunityContext(ctx: SubgraphContext, id: string): Promise<{ title: string; companyName: string; stage: string | null } | null> {
  const data = await graph().query<{ opportunity: { title: string; companyName: string; stage: string | null } | null }>(
    `query RecommendationsOpportunity($id: ID!) { opportunity(id: $id) { title companyName stage } }`,
    { id },
    { onBehalfOf: ctx.identity, requestId: ctx.requestId },
  );
  return data.opportunity;
}
