import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "@matchgraph/subgraph-kit";

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
export class RecommendationItemConnection {
  @Field(() => [RecommendationItem])
  nodes!: RecommendationItem[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: "A recommended item and its cosine similarity to the text it was recommended for" })
export class RecommendationHit {
  @Field(() => RecommendationItem)
  item!: RecommendationItem;

  @Field(() => Float)
  score!: number;
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
