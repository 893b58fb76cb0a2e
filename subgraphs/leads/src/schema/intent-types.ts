import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Lead } from "./types.js";

export enum ParsePath {
  RULES = "RULES",
  LLM = "LLM",
}
registerEnumType(ParsePath, { name: "ParsePath", description: "Which parser produced a LeadQuery: the rules, or the LLM refinement of a prompt the rules could not parse confidently" });

export enum LeadScorer {
  BM25 = "BM25",
  LLM = "LLM",
  COLD_START = "COLD_START",
}
registerEnumType(LeadScorer, { name: "LeadScorer", description: "What scored a lead's intent: BM25 evidence, the LLM judge (weak evidence), or the cold-start model" });

export enum IntentSource {
  JOB_POSTING = "job_posting",
  NEWS = "news",
  REVIEW = "review",
  TECHNOLOGY_CHANGE = "technology_change",
  WEB_VISIT = "web_visit",
}
registerEnumType(IntentSource, { name: "IntentSource", description: "Where an intent snippet was observed" });

export enum LeadOutcomeKind {
  IMPRESSION = "impression",
  CLICK = "click",
  CONVERSION = "conversion",
}
registerEnumType(LeadOutcomeKind, { name: "LeadOutcomeKind" });

@ObjectType({ description: "A prompt parsed into filters (F-1)" })
export class LeadQuery {
  @Field(() => String, { description: "ISO 639-1" })
  language!: string;
  @Field(() => String, { nullable: true, description: "What is being sold" })
  product!: string | null;
  @Field(() => [String], { description: "Industry ids" })
  industries!: string[];
  @Field(() => [String])
  excludedIndustries!: string[];
  @Field(() => [String], { description: "ISO 3166-1 alpha-2; regions expanded (DACH → DE AT CH)" })
  countries!: string[];
  @Field(() => [String])
  excludedCountries!: string[];
  @Field(() => Int, { nullable: true })
  employeeMin!: number | null;
  @Field(() => Int, { nullable: true })
  employeeMax!: number | null;
  @Field(() => [String], { description: "Canonical lowercase technology names" })
  technologies!: string[];
  @Field(() => [String])
  excludedTechnologies!: string[];
  @Field(() => [String], { description: "Companies or domains named as examples, lowercased as written" })
  exemplars!: string[];
  @Field(() => [String], { description: "Product categories the prompt is about" })
  intentTopics!: string[];
  @Field(() => ParsePath)
  path!: ParsePath;
  @Field(() => Float, { description: "Share of the prompt's content words the rules explained" })
  confidence!: number;
}

@ObjectType({ description: "An intent snippet that counted in a lead's score" })
export class LeadSignal {
  @Field(() => ID)
  id!: string;
  @Field(() => IntentSource)
  source!: IntentSource;
  @Field(() => String)
  text!: string;
  @Field(() => Date)
  observedAt!: Date;
  @Field(() => ID, { nullable: true })
  minerId!: string | null;
}

@ObjectType({ description: "How a lead's score was made: score = weightFit × fit + weightIntent × intent" })
export class LeadScoreExplanation {
  @Field(() => Float, { description: "Filter fit (and exemplar similarity when exemplars were named), in [0, 1]" })
  fit!: number;
  @Field(() => Float, { description: "Weighted share of the prompt's filters the lead meets" })
  filterFit!: number;
  @Field(() => Float, { nullable: true, description: "Cosine similarity to the nearest exemplar (HNSW)" })
  exemplarSimilarity!: number | null;
  @Field(() => Float, { description: "Σ BM25 of the lead's snippets over the query terms" })
  bm25!: number;
  @Field(() => Float, { description: "Σ BM25 × exp(−ln2 · age / half-life) ÷ Σ BM25" })
  decay!: number;
  @Field(() => Float, { description: "Factor from job-posting snippets (1: none)" })
  jobPostingBoost!: number;
  @Field(() => Float, { description: "Factor from technology churn in the product's stack (1: none)" })
  churnBoost!: number;
  @Field(() => Float, { description: "Intent in [0, 1]: saturated boosted BM25, or the judge's likelihood when evidence was weak" })
  intent!: number;
  @Field(() => Float)
  weightFit!: number;
  @Field(() => Float)
  weightIntent!: number;
  @Field(() => LeadScorer)
  scorer!: LeadScorer;
  @Field(() => Float, { nullable: true })
  llmLikelihood!: number | null;
  @Field(() => Float, { nullable: true })
  coldStartLikelihood!: number | null;
  @Field(() => Float, { description: "USD spent on this lead (LLM tokens at configured prices)" })
  costUsd!: number;
}

@ObjectType({ description: "A lead likely to buy, with its score explained" })
export class LeadMatch {
  @Field(() => Lead)
  lead!: Lead;
  @Field(() => Float)
  score!: number;
  @Field(() => [String], { description: "Filters of the prompt the lead meets (industries, countries, employees, technologies)" })
  filtersMet!: string[];
  @Field(() => [String], { description: "Relaxed filters the lead does not meet" })
  filtersRelaxed!: string[];
  @Field(() => LeadScoreExplanation)
  explanation!: LeadScoreExplanation;
  @Field(() => [LeadSignal], { description: "The snippets that counted most" })
  snippets!: LeadSignal[];
}

@ObjectType({ description: "The K leads most likely to buy what the prompt sells" })
export class LeadSearch {
  @Field(() => ID, { description: "For recordLeadOutcome" })
  queryId!: string;
  @Field(() => LeadQuery)
  query!: LeadQuery;
  @Field(() => [LeadMatch])
  hits!: LeadMatch[];
  @Field(() => [String], { description: "Filters relaxed, in order, to reach 4×K candidates (NOT clauses never are)" })
  relaxedFilters!: string[];
  @Field(() => Int, { description: "Candidates scored before collapse and trimming" })
  candidates!: number;
  @Field(() => Float, { description: "USD this query cost (0 when answered from the cache)" })
  costUsd!: number;
  @Field(() => Int)
  llmCalls!: number;
  @Field(() => Boolean)
  cached!: boolean;
}

@InputType()
export class IntentSnippetInput {
  @Field(() => ID)
  leadId!: string;
  @Field(() => IntentSource)
  source!: IntentSource;
  @Field(() => String)
  text!: string;
  @Field(() => Date, { nullable: true, description: "Defaults to now" })
  observedAt?: Date | null;
}

@ObjectType()
export class SubmittedSnippet {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  leadId!: string;
  @Field(() => IntentSource)
  source!: IntentSource;
  @Field(() => Date)
  observedAt!: Date;
  @Field(() => String, { description: "64-bit simhash (signed decimal)" })
  simhash!: string;
  @Field(() => ID, { nullable: true, description: "The earlier snippet this one nearly duplicates: stored, not scored" })
  duplicateOf!: string | null;
  @Field(() => Boolean, { description: "The duplicated snippet came from another miner" })
  plagiarism!: boolean;
}

@ObjectType({ description: "A miner's quality factor and emission share" })
export class MinerQualityFactor {
  @Field(() => ID)
  minerId!: string;
  @Field(() => String)
  userId!: string;
  @Field(() => Int)
  snippetsAccepted!: number;
  @Field(() => Int)
  snippetsFlagged!: number;
  @Field(() => Int)
  impressions!: number;
  @Field(() => Int)
  clicks!: number;
  @Field(() => Int)
  conversions!: number;
  @Field(() => Float)
  ctr!: number;
  @Field(() => Float)
  conversionRate!: number;
  @Field(() => Float)
  qualityFactor!: number;
  @Field(() => Float)
  emissionShare!: number;
}

@ObjectType()
export class LeadQualityAlert {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: "low_reputation or miner_plagiarism" })
  kind!: string;
  @Field(() => String)
  subject!: string;
  @Field(() => Float)
  value!: number;
  @Field(() => String)
  message!: string;
  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class SubmitterReputation {
  @Field(() => String)
  submitter!: string;
  @Field(() => Float)
  score!: number;
  @Field(() => Int)
  queries!: number;
}

@InputType({ description: "A technology seen at a lead: first / last seen and whether it is still in use (removals are churn)" })
export class LeadTechnologyInput {
  @Field(() => String, { description: "Canonical lowercase name, e.g. salesforce" })
  technology!: string;
  @Field(() => Date)
  firstSeen!: Date;
  @Field(() => Date, { nullable: true, description: "Defaults to now" })
  lastSeen?: Date | null;
  @Field(() => Boolean, { defaultValue: true })
  active!: boolean;
}
