import { badUserInput, embeddingModel, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { pairsWithRecords } from "../db/matching.js";
import { evaluateMatches, parseGoldCsv, renderQualityReportHtml, type EvaluatedPair, type QualityReport } from "../quality/index.js";
import type { Confidence } from "../matching/types.js";
import { currentConfig } from "./matching.js";
import { priorModel } from "../matching/fellegi-sunter.js";
import { matchingMonitoring } from "./monitoring.js";

export const MAX_GOLD_CSV_CHARS = 20 * 1024 * 1024;

/** The stored matches measured against a gold CSV (apn_external_id, odoo_external_id), with the HTML report. */
export async function qualityReport(ctx: Pick<SubgraphContext, "db" | "ml">, goldCsv: string, dataset?: string): Promise<QualityReport & { html: string; configVersion: number }> {
  if (goldCsv.length > MAX_GOLD_CSV_CHARS) throw badUserInput(`gold must be at most ${MAX_GOLD_CSV_CHARS} characters`, "gold");
  let gold;
  try {
    gold = parseGoldCsv(goldCsv);
  } catch (err) {
    throw badUserInput(`gold: ${(err as Error).message}`, "gold");
  }
  const config = await currentConfig(ctx.db);
  const pairs: EvaluatedPair[] = (await pairsWithRecords(ctx.db)).map((p) => ({ ...p, confidence: p.confidence as Confidence }));
  const report = evaluateMatches(pairs, gold, config.thresholds);
  const matchModel = config.options.scoring === "em" ? { estimated: Boolean(config.fsModel), comparisons: (config.fsModel ?? priorModel()).comparisons } : undefined;
  // Without the ml-runtime the model in force is unknown: the report comes without monitoring.
  const model = await embeddingModel(ctx).catch(() => null);
  const monitoring = model ? await matchingMonitoring(ctx.db, model) : undefined;
  const html = renderQualityReportHtml(report, { title: "Opportunity matching quality", dataset, generatedAt: new Date(), configVersion: config.version, matchModel, monitoring });
  return { ...report, html, configVersion: config.version };
}
