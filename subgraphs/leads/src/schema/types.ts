import { Directive, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A signal that a lead is in the market: a post, a job ad, a visit, a note" })
export class IntentSnippet {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  leadId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true, description: "Where the signal was seen (free text, e.g. 'linkedin')" })
  source!: string | null;

  @Field(() => Date)
  observedAt!: Date;
}

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A company that may buy, searchable by its profile and by its intent signals" })
export class Lead {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  companyName!: string;

  @Field(() => String, { nullable: true, description: "Web domain, normalised (example.com)" })
  domain!: string | null;

  @Field(() => String, { nullable: true })
  industry!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => Int, { nullable: true })
  employeeCount!: number | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Revenue band: <1m, 1m-10m, 10m-50m, 50m-250m, 250m-1b, >1b" })
  revenueBand?: string | null;

  @Field(() => String, { nullable: true, description: "Model that embedded this record" })
  embeddingModel!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class LeadConnection extends connectionOf(Lead) {}

@ObjectType({ description: "A lead, its similarity to the prompt, and the intent snippet that matched it best" })
export class LeadHit {
  @Field(() => Lead)
  lead!: Lead;

  @Field(() => Float, { description: "max(similarity of the lead's profile, similarity of its best intent snippet)" })
  score!: number;

  @Field(() => IntentSnippet, { nullable: true, description: "The lead's best-matching intent snippet, if any was among the candidates" })
  matchedIntent!: IntentSnippet | null;
}

@InputType()
export class CreateLeadInput {
  @Field(() => String)
  companyName!: string;

  @Field(() => String, { nullable: true })
  domain?: string | null;

  @Field(() => String, { nullable: true })
  industry?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => Int, { nullable: true })
  employeeCount?: number | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType({ description: "Fields to change; omitted fields keep their value, null clears an optional field" })
export class UpdateLeadInput {
  @Field(() => String, { nullable: true })
  companyName?: string | null;

  @Field(() => String, { nullable: true })
  domain?: string | null;

  @Field(() => String, { nullable: true })
  industry?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => Int, { nullable: true })
  employeeCount?: number | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class AddIntentSnippetInput {
  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => Date, { nullable: true, description: "When the signal was observed; defaults to now" })
  observedAt?: Date | null;
}
