import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";

export enum RecommendationKind {
  CONTENT = "content",
  CASE_STUDY = "case_study",
  OBJECTION_RESPONSE = "objection_response",
  PLAYBOOK = "playbook",
}
registerEnumType(RecommendationKind, { name: "RecommendationKind", description: "What a recommendation item is" });

export enum FeedbackSignal {
  UP = "up",
  DOWN = "down",
  CLICK = "click",
  DISMISS = "dismiss",
}
registerEnumType(FeedbackSignal, { name: "FeedbackSignal", description: "A user's reaction to a recommendation" });

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "Sales content that can be recommended: content, case studies, objection responses, playbooks" })
export class RecommendationItem {
  @Field(() => ID)
  id!: string;

  @Field(() => RecommendationKind)
  kind!: RecommendationKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { nullable: true, description: "Model that embedded this record" })
  embeddingModel!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class RecommendationItemConnection extends connectionOf(RecommendationItem) {}

@ObjectType({ description: "Re-ranking features of a recommended item, each in [0, 1]" })
export class RankingFeatures {
  @Field(() => Float, { description: "Cosine similarity to the text (lexical score when the ml-runtime is unavailable)" })
  similarity!: number;

  @Field(() => Float, { description: "Verified, traceable to a source, complete" })
  diligence!: number;

  @Field(() => Float, { description: "Share of up votes (smoothed) and recency" })
  engagement!: number;
}

@InputType({ description: "The features a hit was shown with (echo RecommendationHit.features), for learning the weights" })
export class RankingFeaturesInput {
  @Field(() => Float)
  similarity!: number;

  @Field(() => Float)
  diligence!: number;

  @Field(() => Float)
  engagement!: number;
}

@ObjectType({ description: "A recommended item, its ranking score (the active weights' combination of its features) and the features" })
export class RecommendationHit {
  @Field(() => RecommendationItem)
  item!: RecommendationItem;

  @Field(() => Float, { description: "similarity, diligence and engagement weighted by the active ranking weights, in [0, 1]" })
  score!: number;

  @Field(() => RankingFeatures)
  features!: RankingFeatures;
}

@ObjectType({ description: "A version of recommend's ranking weights" })
export class RankingWeightsVersion {
  @Field(() => Int)
  version!: number;

  @Field(() => Float)
  similarity!: number;

  @Field(() => Float)
  diligence!: number;

  @Field(() => Float)
  engagement!: number;

  @Field(() => String, { description: "config, learned or rollback" })
  source!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Float, { nullable: true, description: "Learned versions: AUC on the held-out votes" })
  heldOutAuc!: number | null;

  @Field(() => Float, { nullable: true, description: "Learned versions: the previous weights' AUC on the same held-out votes" })
  previousHeldOutAuc!: number | null;

  @Field(() => Date)
  createdAt!: Date;
}

@InputType()
export class TextPairInput {
  @Field(() => String)
  a!: string;

  @Field(() => String)
  b!: string;
}

@ObjectType({ description: "Embeddings of texts, in input order" })
export class EmbeddedTexts {
  @Field(() => String)
  model!: string;

  @Field(() => Int)
  dimension!: number;

  @Field(() => [[Float]])
  vectors!: number[][];
}

@ObjectType({ description: "The ML runtime as this subgraph sees it" })
export class MlHealth {
  @Field(() => Boolean, { description: "An ml-runtime is configured" })
  enabled!: boolean;

  @Field(() => String, { description: "ready, degraded (answering, but a model is loading or failed) or unavailable" })
  status!: string;

  @Field(() => String, { nullable: true, description: "The embedding model" })
  model!: string | null;

  @Field(() => String, { nullable: true, description: "cpu or cuda" })
  device!: string | null;

  @Field(() => Int, { nullable: true })
  dimension!: number | null;

  @Field(() => String, { nullable: true, description: "The default text-generation model" })
  generationModel!: string | null;

  @Field(() => String, { nullable: true, description: "pending, loading, ready, error or missing" })
  generationStatus!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

/**
 * The opportunities subgraph's entity, extended here with `recommendations`. The gateway sends the
 * @external fields named in @requires with each reference, so this subgraph reads no opportunity data.
 */
@Directive(`@key(fields: "id")`)
@ObjectType("Opportunity")
export class Opportunity {
  @Field(() => ID)
  id!: string;

  @Directive("@external")
  @Field(() => String)
  companyName!: string;

  @Directive("@external")
  @Field(() => String)
  title!: string;

  @Directive("@external")
  @Field(() => String, { nullable: true })
  description!: string | null;
}

@InputType()
export class CreateRecommendationItemInput {
  @Field(() => RecommendationKind)
  kind!: RecommendationKind;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@InputType({ description: "Fields to change; omitted fields keep their value" })
export class UpdateRecommendationItemInput {
  @Field(() => RecommendationKind, { nullable: true })
  kind?: RecommendationKind | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}
