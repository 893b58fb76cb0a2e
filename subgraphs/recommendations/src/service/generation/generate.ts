import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { MlRuntimeUnavailableError } from "@matchgraph/ml-runtime/client";
import { BudgetExceededError, LlmCircuitOpenError, badUserInput, embed, notFound, markDegraded, parseInput, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import type { Prisma } from "@matchgraph/db";
import { otherCustomersPersonalData } from "../../db/customers.js";
import { primaryFactor, type DiscStyle, type Factor } from "../analysis/profile.js";
import { collapse, companyKey, sentences } from "../analysis/text.js";
import { contactsOf, decisionFactorsOf, requireCustomer } from "../customers.js";
import { llm } from "../deps.js";
import { knowledgeVersion, opportunityContext, searchPassages, type Passage } from "../knowledge.js";
import { candidates, cite, pick, scoreCandidates, type Candidate, type Draft, type DraftSentence } from "./compose.js";
import { applyGuardrails } from "./guardrails.js";
import { render } from "./render.js";
import {
  CONTENT_KINDS,
  DEFAULT_FACTORS,
  FACTOR_HEADING,
  FACTOR_QUERY,
  FORMATS,
  LLM_SYSTEM,
  TEMPLATE_VERSION,
  TITLES,
  TONES,
  type Tone,
} from "./templates.js";
import { verifyDraft, type Verification } from "./verify.js";

export type SalesContentRow = NonNullable<Awaited<ReturnType<SubgraphContext["db"]["prisma"]["salesContent"]["findUnique"]>>>;

/** How long a generated answer is reused for the same inputs and knowledge. */
export const CACHE_TTL_MS = 60 * 60 * 1000;
/** Quotes given to the LLM to rewrite. */
const LLM_MAX_FACTS = 4;
/** Passages asked per section. */
const PASSAGES_PER_QUERY = 6;

const requestSchema = z.object({
  customerId: uuid("customerId"),
  kind: z.enum(CONTENT_KINDS),
  format: z.enum(FORMATS),
  objection: z.string().trim().min(1, "objection must not be empty").max(2_000, "objection must be at most 2000 characters").nullish().transform((v) => v ?? null),
  mode: z.enum(["extractive", "llm"]),
  opportunityId: uuid("opportunityId").nullish().transform((v) => v ?? null),
  tags: z.array(z.string().trim().min(1).max(64)).max(20).nullish().transform((v) => v ?? null),
  fresh: z.boolean().nullish().transform((v) => v ?? false),
});
export type GenerateRequest = z.input<typeof requestSchema>;

interface Section {
  heading: string;
  query: string;
}

/** Where a generation stands, for a stream: text as it is produced, then the stored answer. */
export type Progress = (delta: string) => void;

export interface GenerateOutcome {
  row: SalesContentRow;
  cached: boolean;
  /** ms until the first piece of text was ready (streamed), for the benchmark. */
  firstDeltaMs: number | null;
}

/**
 * Grounded sales content or an objection answer. The context: the customer, the tone of their
 * main contact's personality, their decision factors (or the objection), and the best knowledge
 * passages for each (asked of the graph). Extractive mode quotes the passages' best sentences
 * verbatim, each with its citation; LLM mode rewrites those quotes with the configured model and
 * keeps only sentences the verifier finds supported, falling back to extractive when the LLM is
 * unavailable, over budget or its answer is unusable. Answers are cached by inputs and knowledge version.
 */
export async function generate(ctx: SubgraphContext, userId: string, input: GenerateRequest, progress?: Progress): Promise<GenerateOutcome> {
  const started = performance.now();
  const req = parseInput(requestSchema, input);
  if (req.kind === "objection_response" && !req.objection) throw badUserInput("objection is required for an objection response", "objection");
  const customer = await requireCustomer(ctx, req.customerId);
  const [contacts, factors] = await Promise.all([contactsOf(ctx, customer.id), decisionFactorsOf(ctx, customer.id)]);
  const contact = [...contacts].sort((a, b) => (b.discConfidence ?? -1) - (a.discConfidence ?? -1))[0] ?? null;
  const style = (contact?.discStyle as DiscStyle | null) ?? null;
  const tone: Tone = TONES[style ?? "neutral"];
  const firstName = contact?.name.split(/\s+/)[0] ?? `${customer.company} team`;

  const sections: Section[] = [];
  if (req.kind === "objection_response") {
    sections.push({ heading: FACTOR_HEADING[primaryFactor(req.objection!)], query: req.objection! });
  } else {
    const top = factors.slice(0, 3);
    const chosen: Array<{ factor: Factor; query: string }> = top.length
      ? top.map((f) => {
          const concern = (f.evidence as Array<{ sentence: string; concern: boolean }>).find((e) => e.concern);
          return { factor: f.factor as Factor, query: concern?.sentence ?? FACTOR_QUERY[f.factor as Factor] };
        })
      : DEFAULT_FACTORS.map((f) => ({ factor: f, query: FACTOR_QUERY[f] }));
    if (req.objection) chosen.unshift({ factor: primaryFactor(req.objection) === "other" ? "roi" : (primaryFactor(req.objection) as Factor), query: req.objection });
    const seen = new Set<string>();
    for (const c of chosen) {
      if (seen.has(c.factor)) continue;
      seen.add(c.factor);
      sections.push({ heading: FACTOR_HEADING[c.factor], query: c.query });
    }
  }

  // The opportunity, when named, frames the content (its title); it must belong to this customer's company.
  const opportunity = req.opportunityId ? await opportunityContext(ctx, req.opportunityId) : null;
  if (req.opportunityId && !opportunity) throw notFound("Opportunity", req.opportunityId);
  if (opportunity && companyKey(opportunity.companyName) !== customer.companyKey) {
    throw badUserInput(`opportunity ${req.opportunityId} is not an opportunity of ${customer.company}`, "opportunityId");
  }
  const passageLists = await searchPassages(ctx, sections.map((s) => s.query), PASSAGES_PER_QUERY, req.tags);
  const allPassages = passageLists.flat();
  const kv = knowledgeVersion(allPassages);
  const cacheKey = createHash("sha256")
    .update(JSON.stringify([TEMPLATE_VERSION, req.kind, req.format, req.mode, req.objection, req.opportunityId, req.tags, customer.id, customer.version, kv]))
    .digest("hex");
  if (!req.fresh) {
    const hit = await ctx.db.prisma.salesContent.findFirst({
      where: { cacheKey, createdAt: { gt: new Date(Date.now() - CACHE_TTL_MS) } },
      orderBy: { createdAt: "desc" },
    });
    if (hit) {
      progress?.(hit.content);
      return { row: hit, cached: true, firstDeltaMs: performance.now() - started };
    }
  }

  let firstDeltaMs: number | null = null;
  const emit = (delta: string) => {
    if (!progress) return;
    firstDeltaMs ??= performance.now() - started;
    progress(delta);
  };

  const passagesById = new Map(allPassages.map((p) => [p.chunkId, p]));
  const draft = await extractiveDraft(ctx, sections, passageLists, tone, {
    title: TITLES[req.kind](customer.company) + (opportunity ? ` — ${opportunity.title}` : ""),
    opening: req.kind === "objection_response" ? tone.objectionOpening(sections[0]!.heading) : tone.greeting(firstName),
    closing: tone.closing,
  });

  let mode: "extractive" | "llm" = "extractive";
  let fallbackReason: string | null = null;
  let model: string | null = null;
  let usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };
  let final = draft;
  let verification: Verification;

  if (req.mode === "llm") {
    const client = llm();
    if (!client) fallbackReason = "disabled";
    else if (draft.citations.length === 0) fallbackReason = "no_passages";
    else {
      try {
        // A short prompt: the first token comes sooner (prompt processing dominates on a CPU).
        const facts = draft.citations.slice(0, LLM_MAX_FACTS).map((c) => `[${c.n}] ${collapse(c.quote)}`).join("\n");
        const stream = client.stream(
          {
            messages: [
              { role: "system", content: LLM_SYSTEM },
              { role: "user", content: `Customer: ${customer.company}. Tone: ${tone.llmHint}. Kind: ${req.kind.replace("_", " ")}.\nFacts:\n${facts}` },
            ],
            maxTokens: 40 + 45 * Math.min(LLM_MAX_FACTS, draft.citations.length),
            temperature: 0.2,
          },
          { requestId: ctx.requestId },
        );
        let text = "";
        for await (const delta of stream) {
          text += delta;
          emit(delta);
        }
        const result = await stream.result;
        model = result.model;
        usage = { promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens, costUsd: result.costUsd };
        const rewritten: Draft = { ...draft, paragraphs: [{ heading: null, sentences: parseLlmSentences(text) }], citations: draft.citations.map((c) => ({ ...c })) };
        verification = verifyDraft(rewritten, passagesById, { extractive: false, drop: true });
        if (verification.verified === 0) fallbackReason = "output";
        else {
          mode = "llm";
          final = rewritten;
        }
      } catch (err) {
        fallbackReason = err instanceof BudgetExceededError ? "budget" : err instanceof LlmCircuitOpenError ? "circuit_open" : "unavailable";
        ctx.log.warn({ err, fallbackReason }, "LLM generation fell back to extractive");
      }
    }
  }
  if (mode === "extractive") {
    verification = verifyDraft(final, passagesById, { extractive: true, drop: true });
    for (const line of [final.opening, ...final.paragraphs.flatMap((p) => p.sentences.map((s) => s.text)), final.closing]) emit(`${line}\n`);
  }

  const rendered = render(final, req.kind, req.format);
  const allowed = [
    ...contacts.flatMap((c) => [c.email, c.phone].filter((v): v is string => Boolean(v))),
    ...allPassages.flatMap((p) => p.text.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\+?\d[\d ()./-]{7,}\d/g) ?? []),
  ];
  const guardNotes = applyGuardrails(final, {
    otherCustomersData: await otherCustomersPersonalData(ctx.db, customer.id, rendered),
    allowed,
    courtesy: { opening: TONES.neutral.greeting(firstName), closing: TONES.neutral.closing },
  });
  verification!.guardrails = guardNotes;
  const content = guardNotes.length ? render(final, req.kind, req.format) : rendered;

  const row = await ctx.db.prisma.salesContent.create({
    data: {
      customerId: customer.id,
      kind: req.kind,
      format: req.format,
      objection: req.objection,
      mode,
      fallbackReason,
      template: req.kind,
      templateVersion: TEMPLATE_VERSION,
      personality: style,
      model,
      content,
      paragraphs: final.paragraphs as unknown as Prisma.InputJsonValue,
      citations: final.citations as unknown as Prisma.InputJsonValue,
      verification: { ...verification!, opening: final.opening, closing: final.closing, title: final.title } as unknown as Prisma.InputJsonValue,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costUsd: usage.costUsd,
      latencyMs: Math.round(performance.now() - started),
      cacheKey,
      knowledgeVersion: kv,
      customerVersion: customer.version,
      createdBy: userId,
      opportunityId: req.opportunityId,
    },
  });
  return { row, cached: false, firstDeltaMs };
}

/** The extractive draft: per section, the best sentences of its passages, quoted verbatim with their citations. */
async function extractiveDraft(
  ctx: SubgraphContext,
  sections: Section[],
  passageLists: Passage[][],
  tone: Tone,
  frame: { title: string; opening: string; closing: string },
): Promise<Draft> {
  const lists: Candidate[][] = passageLists.map((passages) => candidates(passages));
  const cosines = await cosinesFor(ctx, sections.map((s) => s.query), lists);
  const draft: Draft = { ...frame, paragraphs: [], citations: [] };
  const used = new Set<string>();
  sections.forEach((section, i) => {
    const scored = scoreCandidates(section.query, lists[i]!, cosines?.[i] ?? null);
    const chosen = pick(scored, tone.sentencesPerSection, 0.8, used);
    const out: DraftSentence[] = chosen.map((c) => {
      used.add(c.text);
      const n = cite(draft.citations, c);
      return { text: `${collapse(c.text)} [${n}]`, citations: [n] };
    });
    if (out.length) draft.paragraphs.push({ heading: section.heading, sentences: out });
  });
  return draft;
}

/** Cosine similarity of each section's query to each of its candidates, in one embedding call; null when the ml-runtime is unavailable (word overlap ranks alone). */
async function cosinesFor(ctx: SubgraphContext, queries: string[], lists: Candidate[][]): Promise<number[][] | null> {
  const texts = lists.flat().map((c) => c.text);
  if (texts.length === 0) return lists.map(() => []);
  try {
    const [q, p] = await Promise.all([embed(ctx, queries, "query"), embed(ctx, texts, "passage")]);
    let at = 0;
    return lists.map((list, i) =>
      list.map(() => {
        const v = p.vectors[at++]!;
        return dot(q.vectors[i]!, v) / (norm(q.vectors[i]!) * norm(v) || 1);
      }),
    );
  } catch (err) {
    if (!(err instanceof MlRuntimeUnavailableError)) throw err;
    markDegraded(ctx, "generateSalesContent", err.message);
    return null;
  }
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

/** The LLM's answer as claim sentences with their [n] markers (sentences without a marker stay, uncited, for the verifier to drop). */
export function parseLlmSentences(text: string): DraftSentence[] {
  return sentences(text)
    .map((s) => s.text.replace(/^(?:[-*•]\s+|\d+[.)]\s+)/, ""))
    .filter((s) => s.length > 0)
    .map((s) => ({ text: s, citations: [...s.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])) }));
}

/** Token usage and cost of a customer's generated answers. */
export async function usageOf(ctx: SubgraphContext, customerId: string): Promise<{ answers: number; promptTokens: number; completionTokens: number; costUsd: number }> {
  const agg = await ctx.db.prisma.salesContent.aggregate({ where: { customerId }, _count: { _all: true }, _sum: { promptTokens: true, completionTokens: true, costUsd: true } });
  return { answers: agg._count._all, promptTokens: agg._sum.promptTokens ?? 0, completionTokens: agg._sum.completionTokens ?? 0, costUsd: agg._sum.costUsd ?? 0 };
}

/** The knowledge sentences that best answer a text (an objection), each with its citation: for the cross-domain view of an account. */
export async function citedPassagesFor(ctx: SubgraphContext, text: string, k: number): Promise<Array<{ score: number; citation: Draft["citations"][number] }>> {
  const [passages] = await searchPassages(ctx, [text], PASSAGES_PER_QUERY);
  const list = candidates(passages ?? []);
  const cosines = await cosinesFor(ctx, [text], [list]);
  const chosen = pick(scoreCandidates(text, list, cosines?.[0] ?? null), k, 0);
  const citations: Draft["citations"] = [];
  return chosen.map((c) => {
    const n = cite(citations, c);
    return { score: c.score, citation: citations[n - 1]! };
  });
}
