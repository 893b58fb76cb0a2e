import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";

export enum OpportunitySource {
  APN = "apn",
  ODOO = "odoo",
}
registerEnumType(OpportunitySource, { name: "OpportunitySource", description: "The system an opportunity was exported from" });

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A deal as exported from the AWS Partner Network (APN) or the Odoo CRM" })
export class Opportunity {
  @Field(() => ID)
  id!: string;

  @Field(() => OpportunitySource)
  source!: OpportunitySource;

  @Field(() => String, { description: "The id the deal has in its source system" })
  externalId!: string;

  @Field(() => String)
  companyName!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  stage!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date (YYYY-MM-DD)" })
  closeDate!: string | null;

  @Field(() => Float, { nullable: true })
  amount!: number | null;

  @Field(() => String, { nullable: true, description: "Model that embedded this record" })
  embeddingModel!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class OpportunityConnection extends connectionOf(Opportunity) {}

@ObjectType({ description: "An opportunity and its cosine similarity to the query text" })
export class OpportunityHit {
  @Field(() => Opportunity)
  opportunity!: Opportunity;

  @Field(() => Float)
  score!: number;
}

@InputType()
export class CreateOpportunityInput {
  @Field(() => OpportunitySource)
  source!: OpportunitySource;

  @Field(() => String)
  externalId!: string;

  @Field(() => String)
  companyName!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  stage?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date (YYYY-MM-DD)" })
  closeDate?: string | null;

  @Field(() => Float, { nullable: true })
  amount?: number | null;
}

@InputType({ description: "Fields to change; omitted fields keep their value" })
export class UpdateOpportunityInput {
  @Field(() => String, { nullable: true })
  companyName?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  stage?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  closeDate?: string | null;

  @Field(() => Float, { nullable: true })
  amount?: number | null;
}
