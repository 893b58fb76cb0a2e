/**
 * F-1 entry point: the rules path, cached per normalised prompt; for prompts the rules cannot
 * parse confidently (confidence under LOW_CONFIDENCE) an optional LLM refinement through the
 * kit's shared client with a JSON-schema answer. Whatever the LLM says is checked against the
 * taxonomies (ids it invents are dropped); when it is unavailable the rules' parse stands.
 */
import { z } from "zod";
import type { SubgraphContext } from "@matchgraph/subgraph-kit";
import type { IntentRuntime } from "../intent/runtime.js";
import { normalize, parseRules, type LeadQuery } from "./rules.js";
import { INDUSTRIES, PRODUCT_CATEGORIES, TECHNOLOGIES, COUNTRY_WORDS } from "./vocabulary.js";

export { parseRules, type LeadQuery } from "./rules.js";

export const LOW_CONFIDENCE = 0.6;

const refinement = z.object({
  product: z.string().max(200).nullable(),
  industries: z.array(z.string()).max(24),
  excludedIndustries: z.array(z.string()).max(24),
  countries: z.array(z.string()).max(60),
  excludedCountries: z.array(z.string()).max(60),
  employeeMin: z.number().int().min(0).nullable(),
  employeeMax: z.number().int().min(0).nullable(),
  technologies: z.array(z.string()).max(30),
  excludedTechnologies: z.array(z.string()).max(30),
  intentTopics: z.array(z.string()).max(12),
});

const KNOWN = {
  industries: new Set<string>(INDUSTRIES),
  countries: new Set(Object.keys(COUNTRY_WORDS)),
  technologies: new Set<string>(TECHNOLOGIES),
  topics: new Set(PRODUCT_CATEGORIES.map((c) => c.id)),
};

export async function parseLeadPrompt(ctx: Pick<SubgraphContext, "requestId">, prompt: string, runtime: IntentRuntime): Promise<LeadQuery> {
  const key = normalize(prompt).replace(/\s+/g, " ").trim();
  const hit = runtime.parseCache.get(key);
  if (hit) return hit;
  const rules = runtime.timeSync("parse", () => parseRules(prompt));
  let parsed = rules;
  if (rules.confidence < LOW_CONFIDENCE && runtime.llm) {
    parsed = (await runtime.time("llm", () => refineWithLlm(ctx, prompt, rules, runtime))) ?? rules;
  }
  runtime.parseCache.set(key, parsed);
  return parsed;
}

async function refineWithLlm(ctx: Pick<SubgraphContext, "requestId">, prompt: string, rules: LeadQuery, runtime: IntentRuntime): Promise<LeadQuery | null> {
  const llm = runtime.llm!;
  const result = await llm.json(
    {
      messages: [
        {
          role: "system",
          content:
            `Turn a B2B lead-search prompt into filters. Industry ids: ${INDUSTRIES.join(", ")}. Technologies: ${TECHNOLOGIES.join(", ")}. ` +
            `Countries: ISO 3166-1 alpha-2. Intent topics: ${[...KNOWN.topics].join(", ")}. Put what the prompt excludes (NOT clauses) in the excluded lists.`,
        },
        { role: "user", content: prompt.slice(0, 2000) },
      ],
      schema: refinement,
      name: "lead_query",
      maxTokens: 300,
      temperature: 0,
    },
    { requestId: ctx.requestId, fallback: () => null },
  );
  if (!result) return null;
  const d = result.data;
  const only = (xs: string[], known: Set<string>, map: (s: string) => string = (s) => s.toLowerCase()) => [...new Set(xs.map(map).filter((x) => known.has(x)))];
  return {
    ...rules,
    product: d.product ?? rules.product,
    industries: only(d.industries, KNOWN.industries),
    excludedIndustries: only(d.excludedIndustries, KNOWN.industries),
    countries: only(d.countries, KNOWN.countries, (s) => s.toUpperCase()),
    excludedCountries: only(d.excludedCountries, KNOWN.countries, (s) => s.toUpperCase()),
    employeeMin: d.employeeMin,
    employeeMax: d.employeeMax,
    technologies: only(d.technologies, KNOWN.technologies),
    excludedTechnologies: only(d.excludedTechnologies, KNOWN.technologies),
    intentTopics: only(d.intentTopics, KNOWN.topics),
    path: "LLM",
  } as LeadQuery;
}
