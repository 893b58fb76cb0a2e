import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";

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

  @Field(() => [SkillLevel], { description: "Skills with proficiency (1-5) and years, when given" })
  skillDetails!: SkillLevel[];

  @Field(() => ExperienceLevel, { nullable: true })
  experienceLevel!: ExperienceLevel | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => RemoteMode, { nullable: true })
  remotePreference!: RemoteMode | null;

  @Field(() => Float, { nullable: true, description: "Hours from UTC" })
  timezoneOffset!: number | null;

  /** Not a field: the salary resolver reads it (admins, the talent, recruiters of a matched company). */
  salary!: SalaryRange | null;
  salaryVisible!: boolean;
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

  @Field(() => [JobSkill], { description: "Required skills (every listed skill when none are detailed)" })
  requiredSkills!: JobSkill[];

  @Field(() => [JobSkill])
  niceToHaveSkills!: JobSkill[];

  @Field(() => ExperienceLevel, { nullable: true })
  experienceLevel!: ExperienceLevel | null;

  @Field(() => Int, { nullable: true })
  minYears!: number | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => RemoteMode, { nullable: true })
  remotePolicy!: RemoteMode | null;

  @Field(() => Float, { nullable: true, description: "Earliest accepted UTC offset (hours) of the team's working hours" })
  timezoneMin!: number | null;

  @Field(() => Float, { nullable: true, description: "Latest accepted UTC offset (hours)" })
  timezoneMax!: number | null;

  @Field(() => SalaryRange, { nullable: true, description: "Offered yearly salary" })
  salary!: SalaryRange | null;
}

export enum ExperienceLevel {
  JUNIOR = "junior",
  MID = "mid",
  SENIOR = "senior",
  LEAD = "lead",
  PRINCIPAL = "principal",
}
registerEnumType(ExperienceLevel, { name: "ExperienceLevel" });

export enum RemoteMode {
  ONSITE = "onsite",
  HYBRID = "hybrid",
  REMOTE = "remote",
}
registerEnumType(RemoteMode, { name: "RemoteMode", description: "A talent's preference or a job's policy" });

export enum MatchSource {
  MODEL = "MODEL",
  FALLBACK = "FALLBACK",
}
registerEnumType(MatchSource, { name: "MatchSource", description: "MODEL: the talent-match model; FALLBACK: the rule-based matcher (model or ml-runtime unavailable)" });

export enum FeedbackType {
  APPLIED = "APPLIED",
  DISMISSED = "DISMISSED",
  CONTACTED = "CONTACTED",
  REJECTED = "REJECTED",
}
registerEnumType(FeedbackType, { name: "MatchFeedbackType" });

@ObjectType()
export class SkillLevel {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true, description: "1 (beginner) to 5 (expert)" })
  proficiency!: number | null;

  @Field(() => Int, { nullable: true })
  years!: number | null;
}

@ObjectType()
export class JobSkill {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true, description: "Least proficiency asked for (1-5)" })
  minProficiency!: number | null;
}

@ObjectType()
export class SalaryRange {
  @Field(() => Int, { nullable: true })
  min!: number | null;

  @Field(() => Int, { nullable: true })
  max!: number | null;

  @Field(() => String, { nullable: true, description: "ISO 4217 code" })
  currency!: string | null;
}

@ObjectType({ description: "Sub-scores 0-100 per feature group" })
export class SubScores {
  @Field(() => Float)
  skills!: number;

  @Field(() => Float)
  experience!: number;

  @Field(() => Float)
  location!: number;

  @Field(() => Float)
  salary!: number;

  @Field(() => Float, { description: "Profile text ↔ job description" })
  text!: number;
}

@ObjectType({ description: "One reason for a score, as a sentence" })
export class MatchFactor {
  @Field(() => String)
  feature!: string;

  @Field(() => String)
  group!: string;

  @Field(() => Float, { description: "Score points this factor added (+) or took away (−)" })
  impact!: number;

  @Field(() => Float, { nullable: true, description: "The feature's value (null: missing)" })
  value!: number | null;

  @Field(() => String)
  sentence!: string;
}

@ObjectType({ description: "A feature's value and its exact SHAP contribution (score points)" })
export class FeatureContribution {
  @Field(() => String)
  feature!: string;

  @Field(() => String)
  group!: string;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Float)
  contribution!: number;
}

@ObjectType({ description: "Why a pair scored what it did" })
export class MatchExplanation {
  @Field(() => [MatchFactor], { description: "The three strongest reasons, strongest first" })
  factors!: MatchFactor[];

  @Field(() => SubScores)
  subScores!: SubScores;

  @Field(() => Float, { nullable: true, description: "Model only: the score before any feature (score = baseValue + Σ contributions, clipped to 0-100)" })
  baseValue!: number | null;

  @Field(() => [FeatureContribution], { nullable: true, description: "Model only: every feature's contribution, in feature order" })
  contributions!: FeatureContribution[] | null;
}

@ObjectType({ description: "One scored, explained pair" })
export class PairMatch {
  @Field(() => Talent)
  talent!: Talent;

  @Field(() => Job)
  job!: Job;

  @Field(() => Float, { description: "0-100" })
  score!: number;

  @Field(() => [String], { description: "Skills of the job the talent also lists (case-insensitive)" })
  sharedSkills!: string[];

  @Field(() => MatchExplanation)
  explanation!: MatchExplanation;

  @Field(() => SubScores)
  subScores!: SubScores;

  @Field(() => MatchSource)
  source!: MatchSource;

  @Field(() => Int, { nullable: true })
  modelVersion!: number | null;

  @Field(() => Float)
  processingTimeMs!: number;
}

@ObjectType({ description: "A talent-match model version" })
export class TalentModelVersion {
  @Field(() => Int)
  version!: number;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String)
  createdBy!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Float, { nullable: true, description: "Held-out RMSE (score points)" })
  rmse!: number | null;

  @Field(() => Float, { nullable: true })
  mae!: number | null;

  @Field(() => Float, { nullable: true, description: "Held-out NDCG@10 per talent" })
  ndcg!: number | null;

  @Field(() => String, { description: "Held-out metrics and the gate's outcome, JSON" })
  metricsJson!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;
}

@ObjectType({ description: "A queued training run (a durable job)" })
export class TalentTrainingJob {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "queued | running | done | failed" })
  status!: string;

  @Field(() => String, { nullable: true, description: "The finished run's outcome (version, activated, gate, metrics), JSON" })
  resultJson!: string | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class MatchFeedbackRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  talentId!: string;

  @Field(() => ID)
  jobId!: string;

  @Field(() => FeedbackType)
  type!: FeedbackType;

  @Field(() => Boolean, { description: "False when the same feedback was already recorded (idempotent)" })
  created!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

@InputType()
export class SkillLevelInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true, description: "1 to 5" })
  proficiency?: number | null;

  @Field(() => Int, { nullable: true, description: "0 to 70" })
  years?: number | null;
}

@InputType()
export class JobSkillInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true, description: "1 to 5" })
  minProficiency?: number | null;
}

@ObjectType()
export class TalentConnection extends connectionOf(Talent) {}

@ObjectType()
export class JobConnection extends connectionOf(Job) {}

@ObjectType({ description: "A job scored for a talent: score 0-100, explanation, sub-scores" })
export class JobMatch {
  @Field(() => Job)
  job!: Job;

  @Field(() => Float, { description: "0-100" })
  score!: number;

  @Field(() => [String], { description: "Skills of the job the talent also lists (case-insensitive)" })
  sharedSkills!: string[];

  @Field(() => MatchExplanation)
  explanation!: MatchExplanation;

  @Field(() => SubScores)
  subScores!: SubScores;

  @Field(() => MatchSource)
  source!: MatchSource;

  @Field(() => Int, { nullable: true })
  modelVersion!: number | null;

  @Field(() => Float, { description: "Milliseconds the whole list took in the subgraph (cache hits included)" })
  processingTimeMs!: number;
}

@ObjectType({ description: "A talent scored for a job: score 0-100, explanation, sub-scores" })
export class TalentMatch {
  @Field(() => Talent)
  talent!: Talent;

  @Field(() => Float, { description: "0-100" })
  score!: number;

  @Field(() => [String], { description: "Skills of the talent the job also lists (case-insensitive)" })
  sharedSkills!: string[];

  @Field(() => MatchExplanation)
  explanation!: MatchExplanation;

  @Field(() => SubScores)
  subScores!: SubScores;

  @Field(() => MatchSource)
  source!: MatchSource;

  @Field(() => Int, { nullable: true })
  modelVersion!: number | null;

  @Field(() => Float)
  processingTimeMs!: number;
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
  @Field(() => String, { nullable: true, description: "The owning account's user id (writers and admins only; a talent creating their profile owns it)" })
  userId?: string | null;

  @Field(() => [SkillLevelInput], { nullable: true, description: "At most 50; sets skills to their names" })
  skillDetails?: SkillLevelInput[] | null;

  @Field(() => ExperienceLevel, { nullable: true })
  experienceLevel?: ExperienceLevel | null;

  @Field(() => Float, { nullable: true, description: "-90 to 90, with longitude" })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "-180 to 180, with latitude" })
  longitude?: number | null;

  @Field(() => RemoteMode, { nullable: true })
  remotePreference?: RemoteMode | null;

  @Field(() => Float, { nullable: true, description: "Hours from UTC, -12 to 14" })
  timezoneOffset?: number | null;

  @Field(() => Int, { nullable: true, description: "Expected yearly salary, lower end" })
  salaryMin?: number | null;

  @Field(() => Int, { nullable: true })
  salaryMax?: number | null;

  @Field(() => String, { nullable: true, description: "ISO 4217, e.g. EUR" })
  salaryCurrency?: string | null;
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
  @Field(() => String, { nullable: true, description: "The owning account's user id (writers and admins only; a talent creating their profile owns it)" })
  userId?: string | null;

  @Field(() => [SkillLevelInput], { nullable: true, description: "At most 50; sets skills to their names" })
  skillDetails?: SkillLevelInput[] | null;

  @Field(() => ExperienceLevel, { nullable: true })
  experienceLevel?: ExperienceLevel | null;

  @Field(() => Float, { nullable: true, description: "-90 to 90, with longitude" })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "-180 to 180, with latitude" })
  longitude?: number | null;

  @Field(() => RemoteMode, { nullable: true })
  remotePreference?: RemoteMode | null;

  @Field(() => Float, { nullable: true, description: "Hours from UTC, -12 to 14" })
  timezoneOffset?: number | null;

  @Field(() => Int, { nullable: true, description: "Expected yearly salary, lower end" })
  salaryMin?: number | null;

  @Field(() => Int, { nullable: true })
  salaryMax?: number | null;

  @Field(() => String, { nullable: true, description: "ISO 4217, e.g. EUR" })
  salaryCurrency?: string | null;
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
  @Field(() => [JobSkillInput], { nullable: true, description: "At most 50; with niceToHaveSkills, sets skills to their names" })
  requiredSkills?: JobSkillInput[] | null;

  @Field(() => [JobSkillInput], { nullable: true, description: "At most 50" })
  niceToHaveSkills?: JobSkillInput[] | null;

  @Field(() => ExperienceLevel, { nullable: true })
  experienceLevel?: ExperienceLevel | null;

  @Field(() => Int, { nullable: true, description: "0 to 70" })
  minYears?: number | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => RemoteMode, { nullable: true })
  remotePolicy?: RemoteMode | null;

  @Field(() => Float, { nullable: true, description: "Earliest accepted UTC offset, -12 to 14 (with timezoneMax)" })
  timezoneMin?: number | null;

  @Field(() => Float, { nullable: true })
  timezoneMax?: number | null;

  @Field(() => Int, { nullable: true })
  salaryMin?: number | null;

  @Field(() => Int, { nullable: true })
  salaryMax?: number | null;

  @Field(() => String, { nullable: true })
  salaryCurrency?: string | null;
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
  @Field(() => [JobSkillInput], { nullable: true, description: "At most 50; with niceToHaveSkills, sets skills to their names" })
  requiredSkills?: JobSkillInput[] | null;

  @Field(() => [JobSkillInput], { nullable: true, description: "At most 50" })
  niceToHaveSkills?: JobSkillInput[] | null;

  @Field(() => ExperienceLevel, { nullable: true })
  experienceLevel?: ExperienceLevel | null;

  @Field(() => Int, { nullable: true, description: "0 to 70" })
  minYears?: number | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => RemoteMode, { nullable: true })
  remotePolicy?: RemoteMode | null;

  @Field(() => Float, { nullable: true, description: "Earliest accepted UTC offset, -12 to 14 (with timezoneMax)" })
  timezoneMin?: number | null;

  @Field(() => Float, { nullable: true })
  timezoneMax?: number | null;

  @Field(() => Int, { nullable: true })
  salaryMin?: number | null;

  @Field(() => Int, { nullable: true })
  salaryMax?: number | null;

  @Field(() => String, { nullable: true })
  salaryCurrency?: string | null;
}
