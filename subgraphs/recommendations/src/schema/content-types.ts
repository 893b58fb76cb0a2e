import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";
import { KnowledgeChunkRef } from "./customer-types.js";

export enum SalesContentKind {
  EMAIL = "email",
  CALL_SCRIPT = "call_script",
  ONE_PAGER = "one_pager",
  TALKING_POINTS = "talking_points",
  OBJECTION_RESPONSE = "objection_response",
}
registerEnumType(SalesContentKind, { name: "SalesContentKind" });

export enum ContentFormat {
  MARKDOWN = "markdown",
  HTML = "html",
  TEXT = "text",
  JSON = "json",
}
registerEnumType(ContentFormat, { name: "ContentFormat" });

export enum GenerationMode {
  EXTRACTIVE = "extractive",
  LLM = "llm",
}
registerEnumType(GenerationMode, {
  name: "GenerationMode",
  description: "EXTRACTIVE quotes knowledge passages verbatim (no model, the default); LLM rewrites them with the configured model and falls back to EXTRACTIVE",
});

export enum Vote {
  UP = "up",
  DOWN = "down",
}
registerEnumType(Vote, { name: "Vote" });

export enum DealOutcome {
  WON = "won",
  LOST = "lost",
}
registerEnumType(DealOutcome, { name: "DealOutcome" });

@ObjectType({ description: "Where a cited sentence comes from: the knowledge chunk, its source and the quoted sentence's offsets in the source" })
export class ContentCitation {
  @Field(() => Int, { description: "The [n] marker" })
  n!: number;
  @Field(() => KnowledgeChunkRef, { description: "The knowledge subgraph's chunk" })
  chunk!: KnowledgeChunkRef;
  @Field(() => ID)
  sourceId!: string;
  @Field(() => String)
  sourceTitle!: string;
  @Field(() => String, { nullable: true })
  sourceUri!: string | null;
  @Field(() => Int, { nullable: true })
  page!: number | null;
  @Field(() => [String])
  headingPath!: string[];
  @Field(() => Int, { description: "Offset of the quoted sentence in the source text" })
  charStart!: number;
  @Field(() => Int)
  charEnd!: number;
  @Field(() => String, { description: "The sentence of the source the citation supports, verbatim" })
  quote!: string;
}

@ObjectType()
export class ContentSentence {
  @Field(() => String, { description: "The sentence with its [n] markers" })
  text!: string;
  @Field(() => [Int])
  citations!: number[];
  @Field(() => Boolean, { description: "The verifier found it supported by its citation" })
  verified!: boolean;
  @Field(() => Float, { description: "Extractive: 1 when verbatim; LLM: share of its content words found in the cited chunk" })
  support!: number;
}

@ObjectType()
export class ContentParagraph {
  @Field(() => String, { nullable: true })
  heading!: string | null;
  @Field(() => [ContentSentence])
  sentences!: ContentSentence[];
}

@ObjectType({ description: "What the verifier and the guardrails found" })
export class ContentVerification {
  @Field(() => Int, { description: "Claim sentences kept (courtesy lines are not claims)" })
  sentences!: number;
  @Field(() => Int)
  cited!: number;
  @Field(() => Int)
  verified!: number;
  @Field(() => [String], { description: "Unsupported sentences removed" })
  dropped!: string[];
  @Field(() => Float)
  citedShare!: number;
  @Field(() => Boolean, { description: "Every extractive quote is verbatim at its cited offsets" })
  verbatim!: boolean;
  @Field(() => [String])
  guardrails!: string[];
}

@ObjectType({ description: "Tokens and cost" })
export class ContentUsage {
  @Field(() => Int)
  answers!: number;
  @Field(() => Int)
  promptTokens!: number;
  @Field(() => Int)
  completionTokens!: number;
  @Field(() => Float)
  costUsd!: number;
}

@ObjectType({ description: "Generated sales content or an objection answer, grounded in the knowledge base" })
export class SalesContent {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  customerId!: string;
  @Field(() => SalesContentKind)
  kind!: SalesContentKind;
  @Field(() => ContentFormat)
  format!: ContentFormat;
  @Field(() => String, { nullable: true })
  objection!: string | null;
  @Field(() => GenerationMode, { description: "Which mode made the answer" })
  mode!: GenerationMode;
  @Field(() => String, { nullable: true, description: "Why an LLM request was answered extractively: disabled, no_passages, unavailable, circuit_open, budget, output" })
  fallbackReason!: string | null;
  @Field(() => String)
  template!: string;
  @Field(() => Int)
  templateVersion!: number;
  @Field(() => String, { nullable: true, description: "The DISC style the tone followed" })
  personality!: string | null;
  @Field(() => String, { nullable: true })
  model!: string | null;
  @Field(() => String, { nullable: true })
  title!: string | null;
  @Field(() => String, { description: "The answer in the asked format" })
  content!: string;
  @Field(() => [ContentParagraph])
  paragraphs!: ContentParagraph[];
  @Field(() => [ContentCitation])
  citations!: ContentCitation[];
  @Field(() => ContentVerification)
  verification!: ContentVerification;
  @Field(() => ContentUsage)
  usage!: ContentUsage;
  @Field(() => Int)
  latencyMs!: number;
  @Field(() => Boolean, { description: "Served from the cache (same inputs, customer version and knowledge)" })
  cached!: boolean;
  @Field(() => String)
  knowledgeVersion!: string;
  @Field(() => Date, { nullable: true })
  usedAt!: Date | null;
  @Field(() => DealOutcome, { nullable: true })
  outcome!: DealOutcome | null;
  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class SalesContentConnection extends connectionOf(SalesContent) {}

@ObjectType({ description: "A piece of a streamed generation: text deltas, then the stored answer" })
export class SalesContentEvent {
  @Field(() => String, { nullable: true })
  delta!: string | null;
  @Field(() => SalesContent, { nullable: true, description: "Set on the last event" })
  content!: SalesContent | null;
}

@ObjectType({ description: "A knowledge passage that answers an objection, with the quoted sentence and its citation" })
export class CitedPassage {
  @Field(() => Float)
  score!: number;
  @Field(() => ContentCitation)
  citation!: ContentCitation;
}

@ObjectType({ description: "How generated content did, for one group" })
export class EffectivenessRow {
  @Field(() => String, { description: "The group's value (a kind, template@version or DISC style)" })
  group!: string;
  @Field(() => Int)
  generated!: number;
  @Field(() => Float, { description: "Share of the answers someone used" })
  useRate!: number;
  @Field(() => Int)
  up!: number;
  @Field(() => Int)
  down!: number;
  @Field(() => Float, { nullable: true, description: "Won / (won + lost) of the opportunities where content was used; null without outcomes" })
  winRate!: number | null;
  @Field(() => Float, { description: "Effectiveness 0..1: the mean of use rate, thumbs share and win rate (those known)" })
  score!: number;
}

@ObjectType({ description: "What the scheduled learning job measured last" })
export class LearningMetrics {
  @Field(() => Date)
  computedAt!: Date;
  @Field(() => Int, { description: "Outcomes read from the opportunities where content was used (won / lost by their stage)" })
  outcomesRecorded!: number;
  @Field(() => Int)
  votesWithFeatures!: number;
  @Field(() => Float, { nullable: true, description: "AUC of the active ranking weights over the votes with features" })
  activeWeightsAuc!: number | null;
  @Field(() => Float)
  similarityWeight!: number;
  @Field(() => Float)
  diligenceWeight!: number;
  @Field(() => Float)
  engagementWeight!: number;
  @Field(() => [EffectivenessRow])
  contentByKind!: EffectivenessRow[];
}
