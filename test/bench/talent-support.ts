/** What the talent bench uses from the talent subgraph's matching code (one import point). */
export { FEATURE_NAMES, generateWorld, ruleScore } from "../../subgraphs/talent/src/matching/index.js";
export type { SyntheticJob, SyntheticTalent } from "../../subgraphs/talent/src/matching/index.js";
import { FEATURE_NAMES } from "../../subgraphs/talent/src/matching/index.js";
import { feedbackLabel } from "../../subgraphs/talent/src/service/training.js";

/** The hidden preference: recruiters contact talents sharing 6 h or more of the working day, reject the others. */
export function feedbackLabelFor(values: ReadonlyArray<number | null>): number {
  const overlap = values[FEATURE_NAMES.indexOf("timezone_overlap_hours")] ?? 0;
  return feedbackLabel(overlap >= 6 ? ["CONTACTED"] : ["REJECTED"]);
}
