import { z } from "zod";
import { embed, embedQueriesOrDegrade, LIMITS, parseInput, requiredText, topK, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { mlRuntimeUrl } from "./deps.js";
import { KINDS, nearest, recommend, type ScoredItem } from "./recommendations.js";

/** Batch sizes of the batch fields. */
export const MAX_BATCH_TEXTS = 64;
export const MAX_BATCH_QUERIES = 16;

const texts = z.array(requiredText(LIMITS.text)).min(1, "give at least one text").max(MAX_BATCH_TEXTS, `at most ${MAX_BATCH_TEXTS} texts`);
const pairs = z.array(z.object({ a: requiredText(LIMITS.text), b: requiredText(LIMITS.text) })).min(1, "give at least one pair").max(MAX_BATCH_TEXTS, `at most ${MAX_BATCH_TEXTS} pairs`);
const queries = z.array(requiredText(LIMITS.text)).min(1, "give at least one query").max(MAX_BATCH_QUERIES, `at most ${MAX_BATCH_QUERIES} queries`);

export async function embedTexts(ctx: SubgraphContext, input: unknown): Promise<{ model: string; dimension: number; vectors: number[][] }> {
  const list = parseInput(texts, input);
  const { model, vectors } = await embed(ctx, list);
  return { model, dimension: vectors[0]?.length ?? 0, vectors };
}

const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

/** Cosine similarity of each pair; every distinct text is embedded once, in one request. */
export async function similarities(ctx: SubgraphContext, input: unknown): Promise<number[]> {
  const list = parseInput(pairs, input);
  const distinct = [...new Set(list.flatMap((p) => [p.a, p.b]))];
  const { vectors } = await embed(ctx, distinct);
  const at = new Map(distinct.map((t, i) => [t, vectors[i]!]));
  return list.map((p) => cosine(at.get(p.a)!, at.get(p.b)!));
}

/** recommend for several texts: one embedding request for all of them, then a re-ranked search each. */
export async function rankBatch(ctx: SubgraphContext, args: { queries: unknown; k: unknown; kind?: unknown }): Promise<ScoredItem[][]> {
  const list = parseInput(queries, args.queries);
  const k = parseInput(topK, args.k);
  const kind = parseInput(z.enum(KINDS).nullish(), args.kind) ?? undefined;
  const embedded = await embedQueriesOrDegrade(ctx, "rankBatch", list);
  if (!embedded) return Promise.all(list.map((text) => recommend(ctx, { text, k, kind })));
  return Promise.all(list.map((_, i) => nearest(ctx, { vector: embedded.vectors[i]!, model: embedded.model }, k, kind)));
}

export interface MlHealthInfo {
  enabled: boolean;
  status: "ready" | "degraded" | "unavailable";
  model: string | null;
  device: string | null;
  dimension: number | null;
  generationModel: string | null;
  generationStatus: string | null;
  error: string | null;
}

interface Healthz {
  status: "ok" | "loading" | "error";
  defaultModel: string;
  models: Array<{ id: string; dimension: number; executionProvider: string }>;
  generation?: Array<{ id: string; status: string; device: string | null }>;
  defaultGenerationModel?: string | null;
  error?: string;
}

/** The ml-runtime's /healthz as one status: ready, degraded (answering, a model loading or failed) or unavailable. */
export async function mlHealth(): Promise<MlHealthInfo> {
  const url = mlRuntimeUrl();
  const none = { model: null, device: null, dimension: null, generationModel: null, generationStatus: null };
  if (!url) return { enabled: false, status: "unavailable", ...none, error: "no ml-runtime configured" };
  try {
    const res = await fetch(new URL("/healthz", url), { signal: AbortSignal.timeout(2000) });
    const h = (await res.json()) as Healthz;
    const model = h.models.find((m) => m.id === h.defaultModel) ?? h.models[0];
    const gen = h.generation?.find((g) => g.id === h.defaultGenerationModel) ?? null;
    const degraded = h.status !== "ok" || gen?.status === "error";
    return {
      enabled: true,
      status: h.status === "error" ? "unavailable" : degraded ? "degraded" : "ready",
      model: model?.id ?? null,
      device: model?.executionProvider ?? null,
      dimension: model?.dimension ?? null,
      generationModel: gen?.id ?? null,
      generationStatus: gen?.status ?? null,
      error: h.error ?? null,
    };
  } catch (err) {
    return { enabled: true, status: "unavailable", ...none, error: `ml-runtime unreachable: ${(err as Error).message}` };
  }
}
