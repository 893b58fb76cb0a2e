import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { CONFIG_BOUNDS, SIGNALS } from "../matching/config.js";
import { OpportunitySource } from "./types.js";

export enum MatchStatus {
  CANDIDATE = "candidate",
  PROPOSED = "proposed",
  AUTO_CONFIRMED = "auto_confirmed",
  CONFIRMED = "confirmed",
  REJECTED = "rejected",
}
registerEnumType(MatchStatus, {
  name: "MatchStatus",
  description: "candidate: kept only; proposed: in the review queue; auto_confirmed: high confidence; confirmed / rejected: a reviewer decided",
});

export enum MatchConfidence {
  HIGH = "high",
  MEDIUM = "medium",
  LOW = "low",
}
registerEnumType(MatchConfidence, { name: "MatchConfidence", description: "From the score and the configured thresholds" });

@ObjectType({ description: "One signal's part in a pair's score: contribution = weight × value, in log-odds" })
export class MatchSignal {
  @Field(() => String)
  signal!: string;

  @Field(() => Float, { nullable: true, description: "About +1 strong agreement, 0 no evidence, negative disagreement; null: a side lacks the data" })
  value!: number | null;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  contribution!: number;

  @Field(() => String, { nullable: true, description: "The comparison level's label (Fellegi–Sunter scoring; value is then the level's index)" })
  level?: string | null;
}

@ObjectType({ description: "An entry of a match's append-only audit trail" })
export class MatchDecision {
  @Field(() => ID)
  id!: string;

  @Field(() => MatchStatus, { nullable: true })
  fromStatus!: MatchStatus | null;

  @Field(() => MatchStatus)
  toStatus!: MatchStatus;

  @Field(() => Float, { description: "The score when decided" })
  score!: number;

  @Field(() => String, { description: "The reviewer, or 'system' for automatic decisions" })
  actor!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "A scored pair of the same deal in APN and in Odoo" })
export class Match {
  @Field(() => ID)
  id!: string;

  apnId!: string;
  odooId!: string;

  @Field(() => Float, { description: "Match probability from the logistic model, 0..1" })
  score!: number;

  @Field(() => MatchConfidence)
  confidence!: MatchConfidence;

  @Field(() => MatchStatus)
  status!: MatchStatus;

  @Field(() => [MatchSignal], { description: "The explanation: every signal's value, weight and contribution" })
  signals!: MatchSignal[];

  @Field(() => Float, { description: "Review-queue priority: uncertainty × deal value" })
  priority!: number;

  @Field(() => Boolean, { description: "Won the one-to-one assignment" })
  assigned!: boolean;

  @Field(() => Int, { description: "Matching config version that scored it" })
  configVersion!: number;

  @Field(() => String, { nullable: true })
  reviewer!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class MatchConnection {
  @Field(() => [Match])
  nodes!: Match[];

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page; null on the last page" })
  endCursor!: string | null;
}

@ObjectType()
export class JobProgressInfo {
  @Field(() => String)
  stage!: string;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  total!: number;
}

@ObjectType()
export class ImportRowError {
  @Field(() => Int, { description: "Line in the file where the record starts (header = 1)" })
  line!: number;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => String)
  reason!: string;
}

@ObjectType()
export class ImportReport {
  @Field(() => OpportunitySource)
  source!: OpportunitySource;

  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field(() => String, { description: "Detected encoding: utf-8, utf-8-bom, utf-16le/be or windows-1252" })
  encoding!: string;

  @Field(() => Int, { description: "Data rows in the file" })
  rows!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: "Rows refused; see errors" })
  failed!: number;

  @Field(() => [ImportRowError], { description: "The first 1,000 bad rows" })
  errors!: ImportRowError[];

  @Field(() => Int, { description: "Records matched after the import (new, changed or pending)" })
  matchedRecords!: number;
}

@ObjectType()
export class CountByKey {
  @Field(() => String)
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class SourceStatistics {
  @Field(() => OpportunitySource)
  source!: OpportunitySource;

  @Field(() => Int)
  records!: number;

  @Field(() => Int, { description: "Records with a confirmed or auto-confirmed match" })
  matched!: number;

  @Field(() => Int, { description: "Records with no settled match and none in review" })
  unmatched!: number;

  @Field(() => [String], { description: "Up to 20 unmatched records' external ids" })
  unmatchedSample!: string[];
}

@ObjectType()
export class MatchingStatistics {
  @Field(() => [SourceStatistics])
  sources!: SourceStatistics[];

  @Field(() => Int, { description: "Records waiting for matching (new or changed)" })
  pending!: number;

  @Field(() => [CountByKey])
  byStatus!: CountByKey[];

  @Field(() => [CountByKey])
  byConfidence!: CountByKey[];
}

@ObjectType()
export class MatchingRunReport {
  @Field(() => String)
  mode!: string;

  @Field(() => Int, { nullable: true })
  records!: number | null;

  @Field(() => Int, { nullable: true })
  candidatePairs!: number | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => MatchingStatistics, { nullable: true })
  statistics!: MatchingStatistics | null;

  @Field(() => String, { nullable: true, description: "The schedule that queued the run (null: started by hand or by an import)" })
  schedule?: string | null;

  @Field(() => Float, { nullable: true, description: "The auto-confirm threshold the run set (em scoring, full runs)" })
  autoConfirmThreshold?: number | null;

  @Field(() => Int, { nullable: true, description: "The config version the run scored with" })
  configVersion?: number | null;
}

@ObjectType({ description: "A scheduled matching run (full or incremental) by a cron expression" })
export class MatchingScheduleInfo {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "Cron expression (5 or 6 fields, or @daily / @weekly …)" })
  cron!: string;

  @Field(() => String, { description: "full | incremental" })
  mode!: string;

  @Field(() => String, { nullable: true, description: "IANA time zone of the expression (default: the server's)" })
  timezone?: string | null;

  @Field(() => Date, { nullable: true, description: "The next slot" })
  nextRun!: Date | null;
}

@InputType()
export class MatchingScheduleInput {
  @Field(() => String, { description: "Unique name, at most 64 characters" })
  name!: string;

  @Field(() => String, { description: "Cron expression croner accepts, e.g. '0 2 * * *' (daily at 02:00) or '0 3 * * 1' (Mondays)" })
  cron!: string;

  @Field(() => String, { description: "full | incremental" })
  mode!: "full" | "incremental";

  @Field(() => String, { nullable: true })
  timezone?: string | null;
}

@ObjectType({ description: "One slot of a schedule: the run it queued (its batch report is the job's runReport), or skipped" })
export class MatchingRun {
  @Field(() => String)
  schedule!: string;

  @Field(() => Date)
  slot!: Date;

  @Field(() => String)
  mode!: string;

  @Field(() => Boolean, { description: "true: another matching run was queued or running at the slot, so none was queued" })
  skipped!: boolean;

  @Field(() => OpportunityJob, { nullable: true })
  job!: OpportunityJob | null;
}

@ObjectType({ description: "A durable job of the opportunities subgraph: an import, a matching run or a re-embed" })
export class OpportunityJob {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "import | match-full | match-incremental | reembed" })
  kind!: string;

  @Field(() => String, { description: "queued | running | done | failed" })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => JobProgressInfo, { nullable: true })
  progress!: JobProgressInfo | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => ImportReport, { nullable: true, description: "Set when an import is done" })
  importReport!: ImportReport | null;

  @Field(() => MatchingRunReport, { nullable: true, description: "Set when a matching run is done" })
  runReport!: MatchingRunReport | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType()
export class SignalWeight {
  @Field(() => String)
  signal!: string;

  @Field(() => Float)
  weight!: number;
}

@ObjectType()
export class MatchingConfigInfo {
  @Field(() => Int)
  version!: number;

  @Field(() => [SignalWeight], { description: "bias and every signal's weight" })
  weights!: SignalWeight[];

  @Field(() => Float)
  autoConfirmThreshold!: number;

  @Field(() => Float)
  reviewThreshold!: number;

  @Field(() => Boolean)
  oneToOne!: boolean;

  @Field(() => Int)
  candidatesPerRecord!: number;

  @Field(() => Float)
  apnAmountFactor!: number;

  @Field(() => Int, { nullable: true })
  dateWindowDays!: number | null;

  @Field(() => Boolean)
  sameRegionOnly!: boolean;

  @Field(() => [String])
  excludeStages!: string[];

  @Field(() => String, { description: "em: Fellegi–Sunter model estimated by EM on every full run, zero labels needed; weights: the logistic weights above" })
  scoring!: string;

  @Field(() => Float, { description: "Expected precision of auto-confirmed pairs the em scoring sets the auto-confirm threshold for" })
  targetPrecision!: number;

  @Field(() => [MatchingScheduleInfo])
  schedules!: MatchingScheduleInfo[];
}

@ObjectType({ description: "One comparison level of the match model: m = P(level | match), u = P(level | not a match), weight = ln(m / u)" })
export class MatchModelLevel {
  @Field(() => String)
  label!: string;

  @Field(() => Float)
  m!: number;

  @Field(() => Float)
  u!: number;

  @Field(() => Float, { description: "Match weight in log-odds (natural log): what this level adds to a pair's score" })
  weight!: number;
}

@ObjectType({ description: "One comparison of the match model and its levels, strongest agreement first" })
export class MatchModelComparison {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [MatchModelLevel])
  levels!: MatchModelLevel[];
}

@ObjectType({ description: "The Fellegi–Sunter match model in force: estimated from the unlabelled candidate pairs by EM (review decisions as labels)" })
export class MatchModel {
  @Field(() => Int, { description: "The config version that carries it" })
  configVersion!: number;

  @Field(() => Boolean, { description: "false: no full run has estimated it yet (the prior model scores)" })
  estimated!: boolean;

  @Field(() => Float, { description: "Prior share of matches among candidate pairs" })
  matchShare!: number;

  @Field(() => Float, { description: "Prior share of pairs of one entity (same customer) that are not the same record" })
  sameEntityShare!: number;

  @Field(() => [MatchModelComparison])
  comparisons!: MatchModelComparison[];
}

const B = CONFIG_BOUNDS;

@InputType()
export class SignalWeightInput {
  @Field(() => String, { description: `bias or a signal: ${SIGNALS.join(", ")}` })
  signal!: string;

  @Field(() => Float, { description: `Log-odds per unit of the signal, from ${B.weight.min} to ${B.weight.max}` })
  weight!: number;
}

@InputType({
  description:
    "Fields to change; omitted (or null) ones keep their value, except dateWindowDays: null, which turns that prefilter off. " +
    "A value out of its range is BAD_USER_INPUT naming the field, and nothing is stored",
})
export class MatchingConfigInput {
  @Field(() => [SignalWeightInput], { nullable: true, description: `Weights to change, each signal at most once, each from ${B.weight.min} to ${B.weight.max}` })
  weights?: SignalWeightInput[] | null;

  @Field(() => Float, { nullable: true, description: `Score at or above which an assigned pair is auto-confirmed, ${B.threshold.min} to ${B.threshold.max}; at least reviewThreshold` })
  autoConfirmThreshold?: number | null;

  @Field(() => Float, { nullable: true, description: `Score at or above which a pair is queued for review, ${B.threshold.min} to ${B.threshold.max}; at most autoConfirmThreshold` })
  reviewThreshold?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Greedy one-to-one assignment between the sources" })
  oneToOne?: boolean | null;

  @Field(() => Int, { nullable: true, description: `Nearest neighbours per record and blocking key, ${B.candidatesPerRecord.min} to ${B.candidatesPerRecord.max}` })
  candidatesPerRecord?: number | null;

  @Field(() => Float, { nullable: true, description: `APN amounts are multiplied by this before comparing with Odoo (12: monthly revenue), ${B.apnAmountFactor.min} to ${B.apnAmountFactor.max}` })
  apnAmountFactor?: number | null;

  @Field(() => Int, { nullable: true, description: `Close dates at most this many days apart, ${B.dateWindowDays.min} to ${B.dateWindowDays.max}; null turns the prefilter off` })
  dateWindowDays?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Only candidates in the same sales region" })
  sameRegionOnly?: boolean | null;

  @Field(() => [String], { nullable: true, description: `Stages never matched, at most ${B.excludeStages.items}, each at most ${B.excludeStages.length} characters` })
  excludeStages?: string[] | null;

  @Field(() => String, { nullable: true, description: "em (Fellegi–Sunter, estimated on every full run) or weights (the logistic weights)" })
  scoring?: "em" | "weights" | null;

  @Field(() => Float, { nullable: true, description: `Expected precision the em scoring sets the auto-confirm threshold for, ${B.targetPrecision.min} to ${B.targetPrecision.max}` })
  targetPrecision?: number | null;

  @Field(() => [MatchingScheduleInput], { nullable: true, description: "Replaces the schedules (at most 20; [] removes them all)" })
  schedules?: MatchingScheduleInput[] | null;
}

@ObjectType()
export class CalibrationReport {
  @Field(() => MatchingConfigInfo)
  config!: MatchingConfigInfo;

  @Field(() => Int)
  decisions!: number;

  @Field(() => Int)
  positives!: number;

  @Field(() => Float)
  logLossBefore!: number;

  @Field(() => Float)
  logLossAfter!: number;

  @Field(() => Float)
  accuracyBefore!: number;

  @Field(() => Float)
  accuracyAfter!: number;
}

@ObjectType()
export class QualityPointInfo {
  @Field(() => Float)
  threshold!: number;

  @Field(() => Float)
  precision!: number;

  @Field(() => Float)
  recall!: number;

  @Field(() => Float)
  f1!: number;

  @Field(() => Int)
  tp!: number;

  @Field(() => Int)
  fp!: number;

  @Field(() => Int)
  fn!: number;
}

@ObjectType()
export class MatchingQualityReport {
  @Field(() => Int)
  goldPairs!: number;

  @Field(() => Int)
  scoredPairs!: number;

  @Field(() => Int)
  configVersion!: number;

  @Field(() => QualityPointInfo)
  atAutoConfirm!: QualityPointInfo;

  @Field(() => QualityPointInfo)
  atReview!: QualityPointInfo;

  @Field(() => QualityPointInfo, { description: "The threshold of highest F1" })
  best!: QualityPointInfo;

  @Field(() => Float)
  recommendedAutoConfirm!: number;

  @Field(() => Float)
  recommendedReview!: number;

  @Field(() => String)
  rationale!: string;

  @Field(() => String, { description: "Self-contained HTML report with charts and the false positives and negatives explained" })
  html!: string;
}

@ObjectType()
export class EmbeddingCoverage {
  @Field(() => String, { nullable: true, description: "null: records without vectors" })
  model!: string | null;

  @Field(() => Int)
  records!: number;

  @Field(() => Int, { description: "Records with an identity vector (name + domain)" })
  identity!: number;

  @Field(() => Int, { description: "Records with a context vector (title + description)" })
  context!: number;

  @Field(() => Float, { description: "Share of all records with both vectors of this model" })
  coverage!: number;

  @Field(() => Int, { nullable: true })
  dimensions!: number | null;

  @Field(() => Float, { nullable: true, description: "Mean L2 norm of identity vectors (1 when normalised)" })
  identityNorm!: number | null;

  @Field(() => Float, { nullable: true })
  contextNorm!: number | null;
}

@ObjectType()
export class CompanyAlias {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  alias!: string;

  @Field(() => String)
  canonical!: string;

  @Field(() => String, { description: "rebrand | acquisition | abbreviation | other" })
  kind!: string;
}

@InputType()
export class ImportOpportunitiesInput {
  @Field(() => OpportunitySource)
  source!: OpportunitySource;

  @Field(() => String, { nullable: true, description: "The CSV as text (give this or contentBase64)" })
  csv?: string | null;

  @Field(() => String, { nullable: true, description: "The CSV file's bytes, base64 (any encoding: detected)" })
  contentBase64?: string | null;

  @Field(() => String, { nullable: true, description: 'Column mapping as JSON, e.g. {"externalId": "id", "description": ["title", "notes"]}; default: the source\'s built-in map' })
  mapping?: string | null;

  @Field(() => String, { nullable: true })
  fileName?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Read ambiguous a/b/yyyy dates as day first (default: month first, as APN exports)" })
  dayFirst?: boolean | null;
}

@ObjectType({ description: "Records whose vectors are not fresh" })
export class MonitoringFreshness {
  @Field(() => Int, { description: "Without vectors" })
  missingVectors!: number;

  @Field(() => Int, { description: "With vectors of another model than the one in force" })
  otherModel!: number;

  @Field(() => Int, { description: "Never prepared (no matching keys)" })
  unprepared!: number;

  @Field(() => Int, { description: "Changed since they were last matched" })
  changedSinceMatched!: number;

  @Field(() => Float)
  staleShare!: number;
}

@ObjectType({ description: "Population stability index of one feature, recent records against the baseline (≥ 0.1 shift, ≥ 0.25 drift)" })
export class MonitoringDrift {
  @Field(() => String)
  feature!: string;

  @Field(() => Float)
  psi!: number;

  @Field(() => Int)
  recent!: number;

  @Field(() => Int)
  baseline!: number;
}

@ObjectType()
export class MonitoringCompleteness {
  @Field(() => String)
  source!: string;

  @Field(() => String)
  field!: string;

  @Field(() => Float)
  completeness!: number;
}

@ObjectType()
export class MonitoringCount {
  @Field(() => String)
  source!: string;

  @Field(() => String, { nullable: true })
  kind?: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class MonitoringAlertInfo {
  @Field(() => String, { description: "freshness | drift | quality" })
  kind!: string;

  @Field(() => String, { description: "warning | critical" })
  severity!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "Embedding freshness, drift and data quality of the matching data, with the alerts they raise (also on /metrics as matching_* gauges)" })
export class MatchingMonitoringInfo {
  @Field(() => Date)
  at!: Date;

  @Field(() => String)
  model!: string;

  @Field(() => Int)
  records!: number;

  @Field(() => MonitoringFreshness)
  freshness!: MonitoringFreshness;

  @Field(() => [MonitoringDrift])
  drift!: MonitoringDrift[];

  @Field(() => [MonitoringCompleteness])
  completeness!: MonitoringCompleteness[];

  @Field(() => [MonitoringCount])
  invalid!: MonitoringCount[];

  @Field(() => [MonitoringCount])
  duplicates!: MonitoringCount[];

  @Field(() => [MonitoringAlertInfo])
  alerts!: MonitoringAlertInfo[];
}
