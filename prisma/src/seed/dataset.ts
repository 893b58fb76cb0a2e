import { buildKnowledge } from "./knowledge.js";
import { buildLeads } from "./leads.js";
import { buildOpportunities } from "./opportunities.js";
import { Rng } from "./prng.js";
import { buildRecommendations } from "./recommendations.js";
import { buildJobs, buildTalents } from "./talent.js";

/** Changing this changes every generated row; the seed's stable ids depend on it too. */
export const SEED = "matchgraph-demo-v1";

/** The whole demo data set, generated in memory; the same on every call. */
export function buildDataset(seed: string = SEED) {
  const root = new Rng(seed);
  const opportunities = buildOpportunities(root.fork("opportunities"));
  const { leads, snippets, technologies } = buildLeads(root.fork("leads"));
  const talents = buildTalents(root.fork("talents"));
  const jobs = buildJobs(root.fork("jobs"));
  const { sources, chunks } = buildKnowledge(root.fork("knowledge"));
  const { items, feedback } = buildRecommendations(root.fork("recommendations"));
  return { opportunities, leads, snippets, technologies, talents, jobs, sources, chunks, items, feedback };
}

export type Dataset = ReturnType<typeof buildDataset>;
