/**
 * Retrieval metrics with the BEIR (pytrec_eval / trec_eval) definitions, graded relevance:
 * - nDCG@k: Σ_{i≤k} rel_i / log2(i + 1), divided by the same sum over the judged documents in
 *   ideal order (linear gain, as trec_eval);
 * - Recall@k: relevant documents (rel > 0) among the first k, over all relevant documents;
 * - MRR@k: 1 / rank of the first relevant document among the first k (0 when none).
 * A query's score is 0 when nothing relevant is retrieved; the mean is over the judged queries.
 */

/** query id → (document id → relevance grade). */
export type Qrels = Map<string, Map<string, number>>;

export interface Metrics {
  ndcg_at_10: number;
  recall_at_100: number;
  mrr_at_10: number;
}

export function ndcgAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((doc, i) => {
    const rel = judged.get(doc) ?? 0;
    if (rel > 0) dcg += rel / Math.log2(i + 2);
  });
  const ideal = [...judged.values()].filter((r) => r > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, rel, i) => sum + rel / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

export function recallAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  const relevant = [...judged].filter(([, rel]) => rel > 0).map(([doc]) => doc);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((doc) => top.has(doc)).length / relevant.length;
}

export function mrrAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  const i = ranked.slice(0, k).findIndex((doc) => (judged.get(doc) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Mean metrics over the queries of `qrels` that have at least one relevant document; a query without a run scores 0. */
export function evaluateRun(run: ReadonlyMap<string, readonly string[]>, qrels: Qrels): Metrics {
  const totals = { ndcg_at_10: 0, recall_at_100: 0, mrr_at_10: 0 };
  let n = 0;
  for (const [qid, judged] of qrels) {
    if (![...judged.values()].some((r) => r > 0)) continue;
    const ranked = run.get(qid) ?? [];
    totals.ndcg_at_10 += ndcgAtK(ranked, judged, 10);
    totals.recall_at_100 += recallAtK(ranked, judged, 100);
    totals.mrr_at_10 += mrrAtK(ranked, judged, 10);
    n++;
  }
  const mean = (x: number) => (n === 0 ? 0 : x / n);
  return { ndcg_at_10: mean(totals.ndcg_at_10), recall_at_100: mean(totals.recall_at_100), mrr_at_10: mean(totals.mrr_at_10) };
}

/** Documents in the order of their best chunk; later chunks of the same document are dropped. */
export function bestChunkPerDoc(chunkIds: readonly string[], docOf: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  const docs: string[] = [];
  for (const id of chunkIds) {
    const doc = docOf.get(id);
    if (doc === undefined || seen.has(doc)) continue;
    seen.add(doc);
    docs.push(doc);
  }
  return docs;
}
