/**
 * F-5 / F-10: who judges a lead whose intent evidence is weak. The LLM (through the kit's shared
 * client: cache, breaker, budget) reads the lead's newest snippets and says how likely it buys the
 * product; when it is unavailable, open or over budget, the cold-start scorer answers from
 * features alone.
 */
import { z } from "zod";
import type { SubgraphContext } from "@matchgraph/subgraph-kit";
import type { IntentRuntime } from "./runtime.js";

export type Scorer = "BM25" | "LLM" | "COLD_START";

/** The features the cold-start model reads (also what the distillation export writes). */
export interface ColdStartFeatures {
  bm25: number;
  decayed: number;
  snippets: number;
  hasJobPosting: number;
  churn: number;
  fit: number;
  employeeLog: number;
}

export const COLD_START_FEATURES: Array<keyof ColdStartFeatures> = ["bm25", "decayed", "snippets", "hasJobPosting", "churn", "fit", "employeeLog"];

export interface ColdStartScorer {
  /** Probability of buying, in [0, 1], per row. */
  score(rows: ColdStartFeatures[], ctx: Pick<SubgraphContext, "ml" | "requestId">): Promise<number[]>;
  readonly name: string;
}

/**
 * The cold-start model on the ml-runtime: the LightGBM binary model `leads-cold-start` trained by
 * `npm run train -- leads-cold-start` on the stored hits' features, labelled by recorded outcomes
 * and LLM judgements (distillation), scored through the runtime's tabular predict.
 */
export function runtimeColdStart(model = "leads-cold-start"): ColdStartScorer {
  return {
    name: model,
    async score(rows, ctx) {
      const out = await ctx.ml.tabular.predict(model, rows as unknown as Array<Record<string, number>>, { requestId: ctx.requestId });
      return out.map((p) => Math.min(1, Math.max(0, p.score)));
    },
  };
}

/**
 * The built-in cold-start prior (used until a trained model is configured): a logistic function
 * of the same features, weights set by hand from the generator's documented signal model.
 */
export const PRIOR_COLD_START: ColdStartScorer = {
  name: "prior",
  async score(rows) {
    return rows.map((r) => {
      const z = -2.2 + 0.35 * r.decayed + 0.6 * r.hasJobPosting + 0.5 * r.churn + 0.8 * r.fit + 0.05 * r.snippets;
      return 1 / (1 + Math.exp(-z));
    });
  },
};

const judgement = z.object({ likelihood: z.number().min(0).max(1), reason: z.string().max(400) });

export interface LlmJudgement {
  likelihood: number;
  reason: string;
  costUsd: number;
  tokens: number;
}

/** The LLM's judgement of one lead, or null when the LLM is unavailable, open or over budget. */
export async function judgeWithLlm(
  runtime: IntentRuntime,
  args: { product: string; company: string; snippets: string[]; requestId: string },
): Promise<LlmJudgement | null> {
  const llm = runtime.llm;
  if (!llm) return null;
  const result = await llm.json(
    {
      messages: [
        { role: "system", content: "You judge B2B buying intent. Answer JSON: likelihood (0..1) that the company buys the product within 6 months, and a one-sentence reason." },
        {
          role: "user",
          content: `Product: ${args.product}\nCompany: ${args.company}\nSignals:\n${args.snippets.slice(0, 5).map((s, i) => `${i + 1}. ${s.slice(0, 300)}`).join("\n") || "(none)"}`,
        },
      ],
      schema: judgement,
      name: "intent_judgement",
      maxTokens: 120,
      temperature: 0,
    },
    { requestId: args.requestId, fallback: () => null },
  );
  if (!result) return null;
  const usage = result.usage;
  const costUsd = result.path === "cache" ? 0 : (usage.promptTokens / 1000) * runtime.llmPrices.input + (usage.completionTokens / 1000) * runtime.llmPrices.output;
  return { likelihood: result.data.likelihood, reason: result.data.reason, costUsd, tokens: usage.totalTokens };
}
