import { Directive, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "@matchgraph/subgraph-kit";

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A candidate profile" })
export class Talent {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String)
  headline!: string;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => [String])
  skills!: string[];

  @Field(() => Int)
  yearsExperience!: number;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true, description: "Model that embedded this record" })
  embeddingModel!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "An open position" })
export class Job {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  company!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [String])
  skills!: string[];

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true })
  seniority!: string | null;

  @Field(() => String, { nullable: true, description: "Model that embedded this record" })
  embeddingModel!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class TalentConnection {
  @Field(() => [Talent])
  nodes!: Talent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class JobConnection {
  @Field(() => [Job])
  nodes!: Job[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: "A job, its cosine similarity to the talent, and the skills both list" })
export class JobMatch {
  @Field(() => Job)
  job!: Job;

  @Field(() => Float)
  score!: number;

  @Field(() => [String], { description: "Skills of the job the talent also lists (case-insensitive)" })
  sharedSkills!: string[];
}

@ObjectType({ description: "A talent, its cosine similarity to the job, and the skills both list" })
export class TalentMatch {
  @Field(() => Talent)
  talent!: Talent;

  @Field(() => Float)
  score!: number;

  @Field(() => [String], { description: "Skills of the talent the job also lists (case-insensitive)" })
  sharedSkills!: string[];
}

@InputType()
export class CreateTalentInput {
  @Field(() => String)
  fullName!: string;

  @Field(() => String)
  headline!: string;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => [String], { nullable: true, description: "At most 50, each 1 to 64 characters" })
  skills?: string[] | null;

  @Field(() => Int, { description: "0 to 70" })
  yearsExperience!: number;

  @Field(() => String, { nullable: true })
  location?: string | null;
}

@InputType({ description: "Fields to change; omitted fields keep their value, null clears an optional field" })
export class UpdateTalentInput {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  headline?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the list; null clears it" })
  skills?: string[] | null;

  @Field(() => Int, { nullable: true })
  yearsExperience?: number | null;

  @Field(() => String, { nullable: true })
  location?: string | null;
}

@InputType()
export class CreateJobInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  company!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [String], { nullable: true, description: "At most 50, each 1 to 64 characters" })
  skills?: string[] | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  seniority?: string | null;
}

@InputType({ description: "Fields to change; omitted fields keep their value, null clears an optional field" })
export class UpdateJobInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  company?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the list; null clears it" })
  skills?: string[] | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  seniority?: string | null;
}
