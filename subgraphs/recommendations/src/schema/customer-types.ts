import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";

export enum CustomerStage {
  PROSPECT = "prospect",
  QUALIFIED = "qualified",
  PROPOSAL = "proposal",
  NEGOTIATION = "negotiation",
  WON = "won",
  LOST = "lost",
}
registerEnumType(CustomerStage, { name: "CustomerStage", description: "Where the account stands in the sales cycle" });

export enum InteractionKind {
  CALL = "call",
  MEETING = "meeting",
  EMAIL = "email",
  NOTE = "note",
}
registerEnumType(InteractionKind, { name: "InteractionKind" });

export enum ObjectionStatus {
  OPEN = "open",
  RESOLVED = "resolved",
}
registerEnumType(ObjectionStatus, { name: "ObjectionStatus" });

/** The leads subgraph's entity, referenced by id only (this subgraph resolves none of its fields). */
@Directive(`@key(fields: "id", resolvable: false)`)
@ObjectType("Lead")
export class LeadRef {
  @Field(() => ID)
  id!: string;
}

/** The knowledge subgraph's chunk, referenced by id only. */
@Directive(`@key(fields: "id", resolvable: false)`)
@ObjectType("KnowledgeChunk")
export class KnowledgeChunkRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "Shares of the four DISC styles (sum to 1)" })
export class DiscScores {
  @Field(() => Float, { description: "Dominance: direct, results first" })
  D!: number;
  @Field(() => Float, { description: "Influence: enthusiastic, people first" })
  I!: number;
  @Field(() => Float, { description: "Steadiness: calm, stability and support first" })
  S!: number;
  @Field(() => Float, { description: "Conscientiousness: precise, data and proof first" })
  C!: number;
}

@ObjectType({ description: "A sentence the contact said that shows a style" })
export class DiscEvidence {
  @Field(() => String)
  style!: string;
  @Field(() => String)
  sentence!: string;
  @Field(() => [String], { description: "The cue words found in it" })
  cues!: string[];
  @Field(() => ID)
  interactionId!: string;
}

@ObjectType({ description: "A DISC-style personality assessed from the contact's own interactions" })
export class Personality {
  @Field(() => String, { description: "D, I, S or C" })
  style!: string;
  @Field(() => DiscScores)
  scores!: DiscScores;
  @Field(() => Float, { description: "How far the style leads the next: 0 to 1" })
  confidence!: number;
  @Field(() => [DiscEvidence])
  evidence!: DiscEvidence[];
}

@ObjectType()
export class CustomerContact {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  customerId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { nullable: true })
  title!: string | null;
  @Field(() => String, { nullable: true })
  email!: string | null;
  @Field(() => String, { nullable: true })
  phone!: string | null;
  @Field(() => Personality, { nullable: true, description: "Null until an interaction with the contact shows a style" })
  personality!: Personality | null;
}

@ObjectType()
export class CustomerInteraction {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  customerId!: string;
  @Field(() => ID, { nullable: true })
  contactId!: string | null;
  @Field(() => InteractionKind)
  kind!: InteractionKind;
  @Field(() => String, { nullable: true })
  subject!: string | null;
  @Field(() => String)
  body!: string;
  @Field(() => Date)
  occurredAt!: Date;
  @Field(() => String, { nullable: true, description: "Model that embedded the text" })
  embeddingModel!: string | null;
  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class CustomerInteractionConnection extends connectionOf(CustomerInteraction) {}

@ObjectType({ description: "A sentence that shows a decision factor" })
export class FactorEvidence {
  @Field(() => String)
  sentence!: string;
  @Field(() => [String])
  cues!: string[];
  @Field(() => ID)
  interactionId!: string;
  @Field(() => Boolean, { description: "Said as a concern" })
  concern!: boolean;
}

@ObjectType({ description: "What the account's decision depends on, with the sentences that show it" })
export class DecisionFactor {
  @Field(() => String, { description: "price, roi, security, compliance, integration, support, performance, scalability, usability, implementation" })
  factor!: string;
  @Field(() => Float, { description: "Share of the decision weight (the account's factors sum to 1)" })
  weight!: number;
  @Field(() => Int)
  mentions!: number;
  @Field(() => Float, { description: "Share of the mentions that were concerns" })
  concern!: number;
  @Field(() => [FactorEvidence])
  evidence!: FactorEvidence[];
}

@ObjectType()
export class CustomerObjection {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  customerId!: string;
  @Field(() => String)
  text!: string;
  @Field(() => String)
  factor!: string;
  @Field(() => ObjectionStatus)
  status!: ObjectionStatus;
  @Field(() => ID, { nullable: true, description: "The interaction it was said in (null when recorded by hand)" })
  interactionId!: string | null;
  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class MonthCount {
  @Field(() => String, { description: "YYYY-MM" })
  month!: string;
  @Field(() => InteractionKind)
  kind!: InteractionKind;
  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class FactorCount {
  @Field(() => String)
  factor!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class StyleCount {
  @Field(() => String)
  style!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "A summary of an account" })
export class CustomerAnalytics {
  @Field(() => CustomerStage)
  stage!: CustomerStage;
  @Field(() => Int)
  contacts!: number;
  @Field(() => Int)
  interactions!: number;
  @Field(() => Date, { nullable: true })
  lastInteractionAt!: Date | null;
  @Field(() => [MonthCount], { description: "Interactions per month and kind, oldest first" })
  interactionsByMonth!: MonthCount[];
  @Field(() => Int)
  openObjections!: number;
  @Field(() => [FactorCount])
  openObjectionsByFactor!: FactorCount[];
  @Field(() => [String], { description: "The three heaviest decision factors" })
  topFactors!: string[];
  @Field(() => [StyleCount], { description: "Contacts per DISC style" })
  personalities!: StyleCount[];
  @Field(() => Int)
  contentGenerated!: number;
}

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A customer account: company, contacts, interactions and what the sales team learnt about it" })
export class Customer {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  company!: string;
  @Field(() => String, { description: "The company name normalised: how opportunities and leads of the same company are found" })
  companyKey!: string;
  @Field(() => String, { nullable: true })
  domain!: string | null;
  @Field(() => String, { nullable: true })
  industry!: string | null;
  @Field(() => String, { nullable: true, description: "1-10, 11-50, 51-200, 201-1000, 1001-5000 or 5001+" })
  size!: string | null;
  @Field(() => String, { nullable: true })
  region!: string | null;
  @Field(() => String, { nullable: true })
  country!: string | null;
  @Field(() => CustomerStage)
  stage!: CustomerStage;
  @Field(() => String, { nullable: true })
  notes!: string | null;
  @Field(() => Int, { description: "Bumped by every change to the profile, its contacts, interactions or objections" })
  version!: number;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class CustomerConnection extends connectionOf(Customer) {}

@InputType()
export class ContactInput {
  @Field(() => String)
  name!: string;
  @Field(() => String, { nullable: true })
  title?: string | null;
  @Field(() => String, { nullable: true })
  email?: string | null;
  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType()
export class CreateCustomerInput {
  @Field(() => String)
  company!: string;
  @Field(() => String, { nullable: true })
  domain?: string | null;
  @Field(() => String, { nullable: true })
  industry?: string | null;
  @Field(() => String, { nullable: true, description: "1-10, 11-50, 51-200, 201-1000, 1001-5000 or 5001+" })
  size?: string | null;
  @Field(() => String, { nullable: true })
  region?: string | null;
  @Field(() => String, { nullable: true })
  country?: string | null;
  @Field(() => CustomerStage, { nullable: true })
  stage?: CustomerStage | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => [ContactInput], { nullable: true, description: "At most 50" })
  contacts?: ContactInput[] | null;
}

@InputType({ description: "Fields to change; omitted fields keep their value, an empty string clears one" })
export class UpdateCustomerInput {
  @Field(() => String, { nullable: true })
  company?: string | null;
  @Field(() => String, { nullable: true })
  domain?: string | null;
  @Field(() => String, { nullable: true })
  industry?: string | null;
  @Field(() => String, { nullable: true })
  size?: string | null;
  @Field(() => String, { nullable: true })
  region?: string | null;
  @Field(() => String, { nullable: true })
  country?: string | null;
  @Field(() => CustomerStage, { nullable: true })
  stage?: CustomerStage | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType()
export class InteractionInput {
  @Field(() => InteractionKind)
  kind!: InteractionKind;
  @Field(() => ID, { nullable: true, description: "The contact who spoke (their sentences make their personality)" })
  contactId?: string | null;
  @Field(() => String, { nullable: true })
  subject?: string | null;
  @Field(() => String, { description: "What was said or written (at most 8,000 characters)" })
  body!: string;
  @Field(() => Date, { nullable: true, description: "Default: now" })
  occurredAt?: Date | null;
}

@InputType({ description: "All given conditions hold" })
export class CustomerFilterInput {
  @Field(() => String, { nullable: true, description: "Words of the profile (company, industry, region, notes) or a company name with typos" })
  query?: string | null;
  @Field(() => String, { nullable: true, description: "Case-insensitive" })
  industry?: string | null;
  @Field(() => String, { nullable: true, description: "Case-insensitive" })
  region?: string | null;
  @Field(() => CustomerStage, { nullable: true })
  stage?: CustomerStage | null;
  @Field(() => String, { nullable: true })
  size?: string | null;
}

@ObjectType({ description: "A customer and the cosine similarity of its profile" })
export class SimilarCustomer {
  @Field(() => Customer)
  customer!: Customer;
  @Field(() => Float)
  score!: number;
}
