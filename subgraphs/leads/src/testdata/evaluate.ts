/** Ranking quality of the intent model on a labelled prompt set: Precision@25, nDCG@25, Recall@100, LLM call ratio, cost per lead. */
import type { Market } from "./generator.js";
import { grades, type LabelledPrompt } from "./labelled.js";

export interface SearchAnswer {
  leadIds: string[];
  scorers: string[];
  costs: number[];
}

export interface Quality {
  prompts: number;
  precision_at_25: number;
  ndcg_at_25: number;
  recall_at_100: number;
  llm_call_ratio: number;
  cost_per_lead_usd: { avg: number; p99: number };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const quantile = (xs: number[], q: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

export async function evaluate(
  market: Market,
  leadIds: string[],
  prompts: LabelledPrompt[],
  search: (prompt: string, k: number) => Promise<SearchAnswer>,
): Promise<Quality & { perPrompt: Array<{ prompt: string; p25: number; relevant: number }> }> {
  const companyOf = new Map(leadIds.map((id, i) => [id, i]));
  const p25: number[] = [];
  const ndcg: number[] = [];
  const r100: number[] = [];
  const costs: number[] = [];
  let llm = 0;
  let returned = 0;
  const perPrompt: Array<{ prompt: string; p25: number; relevant: number }> = [];
  for (const p of prompts) {
    const g = grades(market, p.spec);
    const answer = await search(p.prompt, 100);
    const gradesOf = answer.leadIds.map((id) => g.get(companyOf.get(id) ?? -1) ?? 0);
    const top = gradesOf.slice(0, 25);
    const precision = top.filter((x) => x > 0).length / 25;
    p25.push(precision);
    const dcg = top.reduce((s, x, i) => s + (2 ** x - 1) / Math.log2(i + 2), 0);
    const ideal = [...g.values()].sort((a, b) => b - a).slice(0, 25).reduce((s, x, i) => s + (2 ** x - 1) / Math.log2(i + 2), 0);
    ndcg.push(ideal > 0 ? dcg / ideal : 0);
    if (g.size > 0) r100.push(gradesOf.filter((x) => x > 0).length / g.size);
    const first25 = answer.scorers.slice(0, 25);
    llm += first25.filter((s) => s === "LLM").length;
    returned += first25.length;
    costs.push(...answer.costs.slice(0, 25));
    perPrompt.push({ prompt: p.prompt, p25: precision, relevant: g.size });
  }
  return {
    prompts: prompts.length,
    precision_at_25: mean(p25),
    ndcg_at_25: mean(ndcg),
    recall_at_100: mean(r100),
    llm_call_ratio: returned ? llm / returned : 0,
    cost_per_lead_usd: { avg: mean(costs), p99: quantile(costs, 0.99) },
    perPrompt,
  };
}
