export {
  CURVE_STEPS,
  HISTOGRAM_BINS,
  LIST_CAP,
  MIN_REVIEW_THRESHOLD,
  RECALL_TOLERANCE,
  TARGET_PRECISION,
  evaluateMatches,
  isPredicted,
  pairKey,
  predictionReach,
  recommendThresholds,
  type EvaluatedPair,
  type QualityPoint,
  type QualityReport,
  type QualityThresholds,
} from "./evaluate.js";
export { parseGoldCsv } from "./gold.js";
export { escapeHtml, formatContribution, formatSignal, formatThreshold, renderQualityReportHtml, type QualityReportMeta } from "./html.js";
