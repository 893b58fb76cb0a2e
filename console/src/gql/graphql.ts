/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: any; output: any; }
};

export type AddIntentSnippetInput = {
  /** When the signal was observed; defaults to now */
  observedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  source?: InputMaybe<Scalars['String']['input']>;
  text: Scalars['String']['input'];
};

export type CalibrationReport = {
  __typename?: 'CalibrationReport';
  accuracyAfter: Scalars['Float']['output'];
  accuracyBefore: Scalars['Float']['output'];
  config: MatchingConfigInfo;
  decisions: Scalars['Int']['output'];
  logLossAfter: Scalars['Float']['output'];
  logLossBefore: Scalars['Float']['output'];
  positives: Scalars['Int']['output'];
};

/** Where a passage comes from */
export type Citation = {
  __typename?: 'Citation';
  charEnd: Scalars['Int']['output'];
  charStart: Scalars['Int']['output'];
  headingPath: Array<Scalars['String']['output']>;
  page?: Maybe<Scalars['Int']['output']>;
  sourceId: Scalars['ID']['output'];
  sourceTitle: Scalars['String']['output'];
  sourceUri?: Maybe<Scalars['String']['output']>;
};

/** A knowledge passage that answers an objection, with the quoted sentence and its citation */
export type CitedPassage = {
  __typename?: 'CitedPassage';
  citation: ContentCitation;
  score: Scalars['Float']['output'];
};

export type CompanyAlias = {
  __typename?: 'CompanyAlias';
  alias: Scalars['String']['output'];
  canonical: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** rebrand | acquisition | abbreviation | other */
  kind: Scalars['String']['output'];
};

/** A key phrase extracted from the knowledge base (RAKE), linked to the chunks it occurs in */
export type Concept = {
  __typename?: 'Concept';
  /** The phrase as first seen in a text */
  display: Scalars['String']['output'];
  /** How many chunks it is linked to */
  docFreq: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Normalised phrase (lower case), unique */
  name: Scalars['String']['output'];
};

export type ContactInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Where a cited sentence comes from: the knowledge chunk, its source and the quoted sentence's offsets in the source */
export type ContentCitation = {
  __typename?: 'ContentCitation';
  charEnd: Scalars['Int']['output'];
  /** Offset of the quoted sentence in the source text */
  charStart: Scalars['Int']['output'];
  /** The knowledge subgraph's chunk */
  chunk: KnowledgeChunk;
  headingPath: Array<Scalars['String']['output']>;
  /** The [n] marker */
  n: Scalars['Int']['output'];
  page?: Maybe<Scalars['Int']['output']>;
  /** The sentence of the source the citation supports, verbatim */
  quote: Scalars['String']['output'];
  sourceId: Scalars['ID']['output'];
  sourceTitle: Scalars['String']['output'];
  sourceUri?: Maybe<Scalars['String']['output']>;
};

export type ContentFormat =
  | 'HTML'
  | 'JSON'
  | 'MARKDOWN'
  | 'TEXT';

export type ContentParagraph = {
  __typename?: 'ContentParagraph';
  heading?: Maybe<Scalars['String']['output']>;
  sentences: Array<ContentSentence>;
};

export type ContentSentence = {
  __typename?: 'ContentSentence';
  citations: Array<Scalars['Int']['output']>;
  /** Extractive: 1 when verbatim; LLM: share of its content words found in the cited chunk */
  support: Scalars['Float']['output'];
  /** The sentence with its [n] markers */
  text: Scalars['String']['output'];
  /** The verifier found it supported by its citation */
  verified: Scalars['Boolean']['output'];
};

/** Tokens and cost */
export type ContentUsage = {
  __typename?: 'ContentUsage';
  answers: Scalars['Int']['output'];
  completionTokens: Scalars['Int']['output'];
  costUsd: Scalars['Float']['output'];
  promptTokens: Scalars['Int']['output'];
};

/** What the verifier and the guardrails found */
export type ContentVerification = {
  __typename?: 'ContentVerification';
  cited: Scalars['Int']['output'];
  citedShare: Scalars['Float']['output'];
  /** Unsupported sentences removed */
  dropped: Array<Scalars['String']['output']>;
  guardrails: Array<Scalars['String']['output']>;
  /** Claim sentences kept (courtesy lines are not claims) */
  sentences: Scalars['Int']['output'];
  /** Every extractive quote is verbatim at its cited offsets */
  verbatim: Scalars['Boolean']['output'];
  verified: Scalars['Int']['output'];
};

export type CountByKey = {
  __typename?: 'CountByKey';
  count: Scalars['Int']['output'];
  key: Scalars['String']['output'];
};

export type CreateCustomerInput = {
  company: Scalars['String']['input'];
  /** At most 50 */
  contacts?: InputMaybe<Array<ContactInput>>;
  country?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  /** 1-10, 11-50, 51-200, 201-1000, 1001-5000 or 5001+ */
  size?: InputMaybe<Scalars['String']['input']>;
  stage?: InputMaybe<CustomerStage>;
};

export type CreateJobInput = {
  company: Scalars['String']['input'];
  description: Scalars['String']['input'];
  experienceLevel?: InputMaybe<ExperienceLevel>;
  latitude?: InputMaybe<Scalars['Float']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** 0 to 70 */
  minYears?: InputMaybe<Scalars['Int']['input']>;
  /** At most 50 */
  niceToHaveSkills?: InputMaybe<Array<JobSkillInput>>;
  remotePolicy?: InputMaybe<RemoteMode>;
  /** At most 50; with niceToHaveSkills, sets skills to their names */
  requiredSkills?: InputMaybe<Array<JobSkillInput>>;
  salaryCurrency?: InputMaybe<Scalars['String']['input']>;
  salaryMax?: InputMaybe<Scalars['Int']['input']>;
  salaryMin?: InputMaybe<Scalars['Int']['input']>;
  seniority?: InputMaybe<Scalars['String']['input']>;
  /** At most 50, each 1 to 64 characters */
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  timezoneMax?: InputMaybe<Scalars['Float']['input']>;
  /** Earliest accepted UTC offset, -12 to 14 (with timezoneMax) */
  timezoneMin?: InputMaybe<Scalars['Float']['input']>;
  title: Scalars['String']['input'];
};

export type CreateLeadInput = {
  companyName: Scalars['String']['input'];
  country?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  employeeCount?: InputMaybe<Scalars['Int']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
};

export type CreateOpportunityInput = {
  amount?: InputMaybe<Scalars['Float']['input']>;
  /** ISO date (YYYY-MM-DD) */
  closeDate?: InputMaybe<Scalars['String']['input']>;
  companyName: Scalars['String']['input'];
  country?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  externalId: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
  source: OpportunitySource;
  stage?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  website?: InputMaybe<Scalars['String']['input']>;
};

export type CreateRecommendationItemInput = {
  body: Scalars['String']['input'];
  kind: RecommendationKind;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title: Scalars['String']['input'];
};

export type CreateTalentInput = {
  experienceLevel?: InputMaybe<ExperienceLevel>;
  fullName: Scalars['String']['input'];
  headline: Scalars['String']['input'];
  /** -90 to 90, with longitude */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  /** -180 to 180, with latitude */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  remotePreference?: InputMaybe<RemoteMode>;
  /** ISO 4217, e.g. EUR */
  salaryCurrency?: InputMaybe<Scalars['String']['input']>;
  salaryMax?: InputMaybe<Scalars['Int']['input']>;
  /** Expected yearly salary, lower end */
  salaryMin?: InputMaybe<Scalars['Int']['input']>;
  /** At most 50; sets skills to their names */
  skillDetails?: InputMaybe<Array<SkillLevelInput>>;
  /** At most 50, each 1 to 64 characters */
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  summary?: InputMaybe<Scalars['String']['input']>;
  /** Hours from UTC, -12 to 14 */
  timezoneOffset?: InputMaybe<Scalars['Float']['input']>;
  /** The owning account's user id (writers and admins only; a talent creating their profile owns it) */
  userId?: InputMaybe<Scalars['String']['input']>;
  /** 0 to 70 */
  yearsExperience: Scalars['Int']['input'];
};

/** A customer account: company, contacts, interactions and what the sales team learnt about it */
export type Customer = {
  __typename?: 'Customer';
  analytics: CustomerAnalytics;
  company: Scalars['String']['output'];
  /** The company name normalised: how opportunities and leads of the same company are found */
  companyKey: Scalars['String']['output'];
  contacts: Array<CustomerContact>;
  /** Tokens and cost of the customer's generated answers */
  contentUsage: ContentUsage;
  country?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Heaviest first */
  decisionFactors: Array<DecisionFactor>;
  domain?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  industry?: Maybe<Scalars['String']['output']>;
  /** Newest first, cursor-paginated */
  interactions: CustomerInteractionConnection;
  /** Leads of the same company (linked by linkCustomerRecords); the leads subgraph resolves their fields */
  leads: Array<Lead>;
  notes?: Maybe<Scalars['String']['output']>;
  objections: Array<CustomerObjection>;
  /** Opportunities of the same company (linked by linkCustomerRecords) */
  opportunities: Array<Opportunity>;
  region?: Maybe<Scalars['String']['output']>;
  /** Customers with the most similar profiles (the profile's embedding is cached until it changes) */
  similarCustomers: Array<SimilarCustomer>;
  /** 1-10, 11-50, 51-200, 201-1000, 1001-5000 or 5001+ */
  size?: Maybe<Scalars['String']['output']>;
  stage: CustomerStage;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Bumped by every change to the profile, its contacts, interactions or objections */
  version: Scalars['Int']['output'];
};


/** A customer account: company, contacts, interactions and what the sales team learnt about it */
export type CustomerInteractionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  kind?: InputMaybe<InteractionKind>;
};


/** A customer account: company, contacts, interactions and what the sales team learnt about it */
export type CustomerObjectionsArgs = {
  status?: InputMaybe<ObjectionStatus>;
};


/** A customer account: company, contacts, interactions and what the sales team learnt about it */
export type CustomerSimilarCustomersArgs = {
  k?: Scalars['Int']['input'];
};

/** A summary of an account */
export type CustomerAnalytics = {
  __typename?: 'CustomerAnalytics';
  contacts: Scalars['Int']['output'];
  contentGenerated: Scalars['Int']['output'];
  interactions: Scalars['Int']['output'];
  /** Interactions per month and kind, oldest first */
  interactionsByMonth: Array<MonthCount>;
  lastInteractionAt?: Maybe<Scalars['DateTimeISO']['output']>;
  openObjections: Scalars['Int']['output'];
  openObjectionsByFactor: Array<FactorCount>;
  /** Contacts per DISC style */
  personalities: Array<StyleCount>;
  stage: CustomerStage;
  /** The three heaviest decision factors */
  topFactors: Array<Scalars['String']['output']>;
};

export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  nodes: Array<Customer>;
  pageInfo: PageInfo;
};

export type CustomerContact = {
  __typename?: 'CustomerContact';
  customerId: Scalars['ID']['output'];
  email?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Null until an interaction with the contact shows a style */
  personality?: Maybe<Personality>;
  phone?: Maybe<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
};

/** All given conditions hold */
export type CustomerFilterInput = {
  /** Case-insensitive */
  industry?: InputMaybe<Scalars['String']['input']>;
  /** Words of the profile (company, industry, region, notes) or a company name with typos */
  query?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive */
  region?: InputMaybe<Scalars['String']['input']>;
  size?: InputMaybe<Scalars['String']['input']>;
  stage?: InputMaybe<CustomerStage>;
};

export type CustomerInteraction = {
  __typename?: 'CustomerInteraction';
  body: Scalars['String']['output'];
  contactId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  customerId: Scalars['ID']['output'];
  /** Model that embedded the text */
  embeddingModel?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: InteractionKind;
  occurredAt: Scalars['DateTimeISO']['output'];
  subject?: Maybe<Scalars['String']['output']>;
};

export type CustomerInteractionConnection = {
  __typename?: 'CustomerInteractionConnection';
  nodes: Array<CustomerInteraction>;
  pageInfo: PageInfo;
};

/** Links added by linkCustomerRecords */
export type CustomerLinkResult = {
  __typename?: 'CustomerLinkResult';
  customer: Customer;
  leadsLinked: Scalars['Int']['output'];
  opportunitiesLinked: Scalars['Int']['output'];
};

export type CustomerObjection = {
  __typename?: 'CustomerObjection';
  createdAt: Scalars['DateTimeISO']['output'];
  customerId: Scalars['ID']['output'];
  factor: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The interaction it was said in (null when recorded by hand) */
  interactionId?: Maybe<Scalars['ID']['output']>;
  /** Knowledge sentences that answer the objection, each with its citation (asked of the knowledge subgraph through the graph) */
  passages: Array<CitedPassage>;
  status: ObjectionStatus;
  text: Scalars['String']['output'];
};


export type CustomerObjectionPassagesArgs = {
  k?: Scalars['Int']['input'];
};

/** Where the account stands in the sales cycle */
export type CustomerStage =
  | 'LOST'
  | 'NEGOTIATION'
  | 'PROPOSAL'
  | 'PROSPECT'
  | 'QUALIFIED'
  | 'WON';

export type DealOutcome =
  | 'LOST'
  | 'WON';

/** What the account's decision depends on, with the sentences that show it */
export type DecisionFactor = {
  __typename?: 'DecisionFactor';
  /** Share of the mentions that were concerns */
  concern: Scalars['Float']['output'];
  evidence: Array<FactorEvidence>;
  /** price, roi, security, compliance, integration, support, performance, scalability, usability, implementation */
  factor: Scalars['String']['output'];
  mentions: Scalars['Int']['output'];
  /** Share of the decision weight (the account's factors sum to 1) */
  weight: Scalars['Float']['output'];
};

/** A sentence the contact said that shows a style */
export type DiscEvidence = {
  __typename?: 'DiscEvidence';
  /** The cue words found in it */
  cues: Array<Scalars['String']['output']>;
  interactionId: Scalars['ID']['output'];
  sentence: Scalars['String']['output'];
  style: Scalars['String']['output'];
};

/** Shares of the four DISC styles (sum to 1) */
export type DiscScores = {
  __typename?: 'DiscScores';
  /** Conscientiousness: precise, data and proof first */
  C: Scalars['Float']['output'];
  /** Dominance: direct, results first */
  D: Scalars['Float']['output'];
  /** Influence: enthusiastic, people first */
  I: Scalars['Float']['output'];
  /** Steadiness: calm, stability and support first */
  S: Scalars['Float']['output'];
};

export type EffectivenessGroup =
  | 'KIND'
  | 'PERSONALITY'
  | 'TEMPLATE';

/** How generated content did, for one group */
export type EffectivenessRow = {
  __typename?: 'EffectivenessRow';
  down: Scalars['Int']['output'];
  generated: Scalars['Int']['output'];
  /** The group's value (a kind, template@version or DISC style) */
  group: Scalars['String']['output'];
  /** Effectiveness 0..1: the mean of use rate, thumbs share and win rate (those known) */
  score: Scalars['Float']['output'];
  up: Scalars['Int']['output'];
  /** Share of the answers someone used */
  useRate: Scalars['Float']['output'];
  /** Won / (won + lost) of the opportunities where content was used; null without outcomes */
  winRate?: Maybe<Scalars['Float']['output']>;
};

/** Embeddings of texts, in input order */
export type EmbeddedTexts = {
  __typename?: 'EmbeddedTexts';
  dimension: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  vectors: Array<Array<Scalars['Float']['output']>>;
};

export type EmbeddingCoverage = {
  __typename?: 'EmbeddingCoverage';
  /** Records with a context vector (title + description) */
  context: Scalars['Int']['output'];
  contextNorm?: Maybe<Scalars['Float']['output']>;
  /** Share of all records with both vectors of this model */
  coverage: Scalars['Float']['output'];
  dimensions?: Maybe<Scalars['Int']['output']>;
  /** Records with an identity vector (name + domain) */
  identity: Scalars['Int']['output'];
  /** Mean L2 norm of identity vectors (1 when normalised) */
  identityNorm?: Maybe<Scalars['Float']['output']>;
  /** null: records without vectors */
  model?: Maybe<Scalars['String']['output']>;
  records: Scalars['Int']['output'];
};

export type ExperienceLevel =
  | 'JUNIOR'
  | 'LEAD'
  | 'MID'
  | 'PRINCIPAL'
  | 'SENIOR';

export type FactorCount = {
  __typename?: 'FactorCount';
  count: Scalars['Int']['output'];
  factor: Scalars['String']['output'];
};

/** A sentence that shows a decision factor */
export type FactorEvidence = {
  __typename?: 'FactorEvidence';
  /** Said as a concern */
  concern: Scalars['Boolean']['output'];
  cues: Array<Scalars['String']['output']>;
  interactionId: Scalars['ID']['output'];
  sentence: Scalars['String']['output'];
};

/** A feature's value and its exact SHAP contribution (score points) */
export type FeatureContribution = {
  __typename?: 'FeatureContribution';
  contribution: Scalars['Float']['output'];
  feature: Scalars['String']['output'];
  group: Scalars['String']['output'];
  value?: Maybe<Scalars['Float']['output']>;
};

/** A user's reaction to a recommendation */
export type FeedbackSignal =
  | 'CLICK'
  | 'DISMISS'
  | 'DOWN'
  | 'UP';

/** EXTRACTIVE quotes knowledge passages verbatim (no model, the default); LLM rewrites them with the configured model and falls back to EXTRACTIVE */
export type GenerationMode =
  | 'EXTRACTIVE'
  | 'LLM';

export type ImportOpportunitiesInput = {
  /** The CSV file's bytes, base64 (any encoding: detected) */
  contentBase64?: InputMaybe<Scalars['String']['input']>;
  /** The CSV as text (give this or contentBase64) */
  csv?: InputMaybe<Scalars['String']['input']>;
  /** Read ambiguous a/b/yyyy dates as day first (default: month first, as APN exports) */
  dayFirst?: InputMaybe<Scalars['Boolean']['input']>;
  fileName?: InputMaybe<Scalars['String']['input']>;
  /** Column mapping as JSON, e.g. {"externalId": "id", "description": ["title", "notes"]}; default: the source's built-in map */
  mapping?: InputMaybe<Scalars['String']['input']>;
  source: OpportunitySource;
};

export type ImportReport = {
  __typename?: 'ImportReport';
  /** Detected encoding: utf-8, utf-8-bom, utf-16le/be or windows-1252 */
  encoding: Scalars['String']['output'];
  /** The first 1,000 bad rows */
  errors: Array<ImportRowError>;
  /** Rows refused; see errors */
  failed: Scalars['Int']['output'];
  fileName?: Maybe<Scalars['String']['output']>;
  inserted: Scalars['Int']['output'];
  /** Records matched after the import (new, changed or pending) */
  matchedRecords: Scalars['Int']['output'];
  /** Data rows in the file */
  rows: Scalars['Int']['output'];
  source: OpportunitySource;
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type ImportRowError = {
  __typename?: 'ImportRowError';
  externalId?: Maybe<Scalars['String']['output']>;
  /** Line in the file where the record starts (header = 1) */
  line: Scalars['Int']['output'];
  reason: Scalars['String']['output'];
};

/** A document to ingest: its bytes (base64) or its text, exactly one */
export type IngestDocumentInput = {
  /** Base64 of the file: PDF, DOCX, HTML, Markdown or text, at most 20 MiB */
  contentBase64?: InputMaybe<Scalars['String']['input']>;
  /** File name; its extension helps detect the type */
  filename?: InputMaybe<Scalars['String']['input']>;
  /** Declared type; must agree with the content */
  mimeType?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The document as text (Markdown, HTML or plain text) */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to the document's own title */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Identifies the document across re-ingestions (else its title does) */
  uri?: InputMaybe<Scalars['String']['input']>;
};

export type IngestTextInput = {
  /** "text/plain" or "text/markdown" */
  mimeType: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** At most 1,000,000 characters */
  text: Scalars['String']['input'];
  title: Scalars['String']['input'];
  /** Identifies the document across re-ingestions (else its title does) */
  uri?: InputMaybe<Scalars['String']['input']>;
};

/** A durable ingestion job: stored in the database, retried with back-off, resumed after a restart */
export type IngestionJob = {
  __typename?: 'IngestionJob';
  /** Attempts started so far (including the running one) */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  /** What the job does, e.g. "ingest" */
  kind: Scalars['String']['output'];
  /** Why the last attempt failed */
  lastError?: Maybe<Scalars['String']['output']>;
  maxAttempts: Scalars['Int']['output'];
  /** Last recorded progress (null before the first report) */
  progress?: Maybe<JobProgress>;
  /** Not before this time will the next attempt start (when QUEUED) */
  runAfter: Scalars['DateTimeISO']['output'];
  /** The ingested source, once known */
  sourceId?: Maybe<Scalars['ID']['output']>;
  status: IngestionJobStatus;
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** QUEUED (waiting, also between retries), RUNNING, DONE, FAILED (for good; see lastError) */
export type IngestionJobStatus =
  | 'DONE'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

/** A signal that a lead is in the market: a post, a job ad, a visit, a note */
export type IntentSnippet = {
  __typename?: 'IntentSnippet';
  id: Scalars['ID']['output'];
  /** The lead this snippet belongs to */
  lead: Lead;
  leadId: Scalars['ID']['output'];
  observedAt: Scalars['DateTimeISO']['output'];
  /** Where the signal was seen (free text, e.g. 'linkedin') */
  source?: Maybe<Scalars['String']['output']>;
  text: Scalars['String']['output'];
};

export type IntentSnippetInput = {
  leadId: Scalars['ID']['input'];
  /** Defaults to now */
  observedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  source: IntentSource;
  text: Scalars['String']['input'];
};

/** Where an intent snippet was observed */
export type IntentSource =
  | 'JOB_POSTING'
  | 'NEWS'
  | 'REVIEW'
  | 'TECHNOLOGY_CHANGE'
  | 'WEB_VISIT';

export type InteractionInput = {
  /** What was said or written (at most 8,000 characters) */
  body: Scalars['String']['input'];
  /** The contact who spoke (their sentences make their personality) */
  contactId?: InputMaybe<Scalars['ID']['input']>;
  kind: InteractionKind;
  /** Default: now */
  occurredAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  subject?: InputMaybe<Scalars['String']['input']>;
};

export type InteractionKind =
  | 'CALL'
  | 'EMAIL'
  | 'MEETING'
  | 'NOTE';

/** An open position */
export type Job = {
  __typename?: 'Job';
  company: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  description: Scalars['String']['output'];
  /** Model that embedded this record */
  embeddingModel?: Maybe<Scalars['String']['output']>;
  experienceLevel?: Maybe<ExperienceLevel>;
  id: Scalars['ID']['output'];
  latitude?: Maybe<Scalars['Float']['output']>;
  location?: Maybe<Scalars['String']['output']>;
  longitude?: Maybe<Scalars['Float']['output']>;
  minYears?: Maybe<Scalars['Int']['output']>;
  niceToHaveSkills: Array<JobSkill>;
  remotePolicy?: Maybe<RemoteMode>;
  /** Required skills (every listed skill when none are detailed) */
  requiredSkills: Array<JobSkill>;
  /** Offered yearly salary */
  salary?: Maybe<SalaryRange>;
  seniority?: Maybe<Scalars['String']['output']>;
  skills: Array<Scalars['String']['output']>;
  /** Latest accepted UTC offset (hours) */
  timezoneMax?: Maybe<Scalars['Float']['output']>;
  /** Earliest accepted UTC offset (hours) of the team's working hours */
  timezoneMin?: Maybe<Scalars['Float']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
};

export type JobConnection = {
  __typename?: 'JobConnection';
  nodes: Array<Job>;
  pageInfo: PageInfo;
};

/** A job scored for a talent: score 0-100, explanation, sub-scores */
export type JobMatch = {
  __typename?: 'JobMatch';
  explanation: MatchExplanation;
  job: Job;
  modelVersion?: Maybe<Scalars['Int']['output']>;
  /** Milliseconds the whole list took in the subgraph (cache hits included) */
  processingTimeMs: Scalars['Float']['output'];
  /** 0-100 */
  score: Scalars['Float']['output'];
  /** Skills of the job the talent also lists (case-insensitive) */
  sharedSkills: Array<Scalars['String']['output']>;
  source: MatchSource;
  subScores: SubScores;
};

/** Where a running job is: `done` of `total` units of its current stage */
export type JobProgress = {
  __typename?: 'JobProgress';
  done: Scalars['Int']['output'];
  /** e.g. "parse", "chunk", "embed", "store" */
  stage: Scalars['String']['output'];
  total: Scalars['Int']['output'];
};

export type JobProgressInfo = {
  __typename?: 'JobProgressInfo';
  done: Scalars['Int']['output'];
  stage: Scalars['String']['output'];
  total: Scalars['Int']['output'];
};

export type JobSkill = {
  __typename?: 'JobSkill';
  /** Least proficiency asked for (1-5) */
  minProficiency?: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
};

export type JobSkillInput = {
  /** 1 to 5 */
  minProficiency?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};

/** A passage of a source, embedded for search */
export type KnowledgeChunk = {
  __typename?: 'KnowledgeChunk';
  /** Offset just past the last character in the source text */
  charEnd: Scalars['Int']['output'];
  /** Offset of the first character in the source text (UTF-16 code units) */
  charStart: Scalars['Int']['output'];
  /** Headings the passage sits under, outermost first */
  headingPath: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Position in the source, from 0 */
  ordinal: Scalars['Int']['output'];
  /** Page number, for paged formats (null for text) */
  page?: Maybe<Scalars['Int']['output']>;
  source: KnowledgeSource;
  /** Exactly the source text from charStart to charEnd */
  text: Scalars['String']['output'];
};

/** Chunks in document order */
export type KnowledgeChunkConnection = {
  __typename?: 'KnowledgeChunkConnection';
  nodes: Array<KnowledgeChunk>;
  pageInfo: PageInfo;
};

/** A chunk matching a search, its score, ranks and citation */
export type KnowledgeHit = {
  __typename?: 'KnowledgeHit';
  chunk: KnowledgeChunk;
  citation: Citation;
  /** The snippet as HTML: escaped, query words wrapped in <mark>…</mark> */
  highlight: Scalars['String']['output'];
  /** 1-based rank among the lexical candidates; null when not among them */
  lexicalRank?: Maybe<Scalars['Int']['output']>;
  /** HYBRID: reciprocal-rank-fusion score; LEXICAL: ts_rank_cd; VECTOR: cosine similarity */
  score: Scalars['Float']['output'];
  /** The chunk text around the best matching query words (at most 300 characters) */
  snippet: Scalars['String']['output'];
  /** 1-based rank among the vector candidates; null when not among them */
  vectorRank?: Maybe<Scalars['Int']['output']>;
};

/** Restricts a search to some sources; all given conditions must hold */
export type KnowledgeSearchFilters = {
  /** Collection searched (default "default", user content) */
  collection?: InputMaybe<Scalars['String']['input']>;
  /** Only sources created at or after this time */
  createdAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only sources created before this time */
  createdBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only these sources */
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Only sources carrying at least one of these tags */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A document ingested into the knowledge base */
export type KnowledgeSource = {
  __typename?: 'KnowledgeSource';
  /** How many chunks the source was split into */
  chunkCount: Scalars['Int']['output'];
  /** The source's chunks in document order, cursor-paginated */
  chunks: KnowledgeChunkConnection;
  /** SHA-256 (hex) of the ingested text */
  contentHash: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** "text/plain" or "text/markdown" */
  mimeType: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  /** The source's strongest concepts: the sum of their weights over its chunks */
  topConcepts: Array<Concept>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Where the document came from, when known */
  uri?: Maybe<Scalars['String']['output']>;
};


/** A document ingested into the knowledge base */
export type KnowledgeSourceChunksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A document ingested into the knowledge base */
export type KnowledgeSourceTopConceptsArgs = {
  first?: Scalars['Int']['input'];
};

export type KnowledgeSourceConnection = {
  __typename?: 'KnowledgeSourceConnection';
  nodes: Array<KnowledgeSource>;
  pageInfo: PageInfo;
};

/** A company that may buy, searchable by its profile and by its intent signals */
export type Lead = {
  __typename?: 'Lead';
  companyName: Scalars['String']['output'];
  country?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** Web domain, normalised (example.com) */
  domain?: Maybe<Scalars['String']['output']>;
  /** Model that embedded this record */
  embeddingModel?: Maybe<Scalars['String']['output']>;
  employeeCount?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  industry?: Maybe<Scalars['String']['output']>;
  /** The lead's intent snippets, newest first */
  intents: Array<IntentSnippet>;
  /** Revenue band: <1m, 1m-10m, 10m-50m, 50m-250m, 250m-1b, >1b */
  revenueBand?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
};


/** A company that may buy, searchable by its profile and by its intent signals */
export type LeadIntentsArgs = {
  first?: Scalars['Int']['input'];
};

export type LeadConnection = {
  __typename?: 'LeadConnection';
  nodes: Array<Lead>;
  pageInfo: PageInfo;
};

/** A lead, its similarity to the prompt, and the intent snippet that matched it best */
export type LeadHit = {
  __typename?: 'LeadHit';
  lead: Lead;
  /** The lead's best-matching intent snippet, if any was among the candidates */
  matchedIntent?: Maybe<IntentSnippet>;
  /** max(similarity of the lead's profile, similarity of its best intent snippet) */
  score: Scalars['Float']['output'];
};

/** A lead likely to buy, with its score explained */
export type LeadMatch = {
  __typename?: 'LeadMatch';
  explanation: LeadScoreExplanation;
  /** Filters of the prompt the lead meets (industries, countries, employees, technologies) */
  filtersMet: Array<Scalars['String']['output']>;
  /** Relaxed filters the lead does not meet */
  filtersRelaxed: Array<Scalars['String']['output']>;
  lead: Lead;
  score: Scalars['Float']['output'];
  /** The snippets that counted most */
  snippets: Array<LeadSignal>;
};

export type LeadOutcomeKind =
  | 'CLICK'
  | 'CONVERSION'
  | 'IMPRESSION';

export type LeadQualityAlert = {
  __typename?: 'LeadQualityAlert';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** low_reputation or miner_plagiarism */
  kind: Scalars['String']['output'];
  message: Scalars['String']['output'];
  subject: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

/** A prompt parsed into filters (F-1) */
export type LeadQuery = {
  __typename?: 'LeadQuery';
  /** Share of the prompt's content words the rules explained */
  confidence: Scalars['Float']['output'];
  /** ISO 3166-1 alpha-2; regions expanded (DACH → DE AT CH) */
  countries: Array<Scalars['String']['output']>;
  employeeMax?: Maybe<Scalars['Int']['output']>;
  employeeMin?: Maybe<Scalars['Int']['output']>;
  excludedCountries: Array<Scalars['String']['output']>;
  excludedIndustries: Array<Scalars['String']['output']>;
  excludedTechnologies: Array<Scalars['String']['output']>;
  /** Companies or domains named as examples, lowercased as written */
  exemplars: Array<Scalars['String']['output']>;
  /** Industry ids */
  industries: Array<Scalars['String']['output']>;
  /** Product categories the prompt is about */
  intentTopics: Array<Scalars['String']['output']>;
  /** ISO 639-1 */
  language: Scalars['String']['output'];
  path: ParsePath;
  /** What is being sold */
  product?: Maybe<Scalars['String']['output']>;
  /** Canonical lowercase technology names */
  technologies: Array<Scalars['String']['output']>;
};

/** How a lead's score was made: score = weightFit × fit + weightIntent × intent */
export type LeadScoreExplanation = {
  __typename?: 'LeadScoreExplanation';
  /** Σ BM25 of the lead's snippets over the query terms */
  bm25: Scalars['Float']['output'];
  /** Factor from technology churn in the product's stack (1: none) */
  churnBoost: Scalars['Float']['output'];
  coldStartLikelihood?: Maybe<Scalars['Float']['output']>;
  /** USD spent on this lead (LLM tokens at configured prices) */
  costUsd: Scalars['Float']['output'];
  /** Σ BM25 × exp(−ln2 · age / half-life) ÷ Σ BM25 */
  decay: Scalars['Float']['output'];
  /** Cosine similarity to the nearest exemplar (HNSW) */
  exemplarSimilarity?: Maybe<Scalars['Float']['output']>;
  /** Weighted share of the prompt's filters the lead meets */
  filterFit: Scalars['Float']['output'];
  /** Filter fit (and exemplar similarity when exemplars were named), in [0, 1] */
  fit: Scalars['Float']['output'];
  /** Intent in [0, 1]: saturated boosted BM25, or the judge's likelihood when evidence was weak */
  intent: Scalars['Float']['output'];
  /** Factor from job-posting snippets (1: none) */
  jobPostingBoost: Scalars['Float']['output'];
  llmLikelihood?: Maybe<Scalars['Float']['output']>;
  scorer: LeadScorer;
  weightFit: Scalars['Float']['output'];
  weightIntent: Scalars['Float']['output'];
};

/** What scored a lead's intent: BM25 evidence, the LLM judge (weak evidence), or the cold-start model */
export type LeadScorer =
  | 'BM25'
  | 'COLD_START'
  | 'LLM';

/** The K leads most likely to buy what the prompt sells */
export type LeadSearch = {
  __typename?: 'LeadSearch';
  cached: Scalars['Boolean']['output'];
  /** Candidates scored before collapse and trimming */
  candidates: Scalars['Int']['output'];
  /** USD this query cost (0 when answered from the cache) */
  costUsd: Scalars['Float']['output'];
  hits: Array<LeadMatch>;
  llmCalls: Scalars['Int']['output'];
  query: LeadQuery;
  /** For recordLeadOutcome */
  queryId: Scalars['ID']['output'];
  /** Filters relaxed, in order, to reach 4×K candidates (NOT clauses never are) */
  relaxedFilters: Array<Scalars['String']['output']>;
};

/** An intent snippet that counted in a lead's score */
export type LeadSignal = {
  __typename?: 'LeadSignal';
  id: Scalars['ID']['output'];
  minerId?: Maybe<Scalars['ID']['output']>;
  observedAt: Scalars['DateTimeISO']['output'];
  source: IntentSource;
  text: Scalars['String']['output'];
};

/** A technology seen at a lead: first / last seen and whether it is still in use (removals are churn) */
export type LeadTechnologyInput = {
  active?: Scalars['Boolean']['input'];
  firstSeen: Scalars['DateTimeISO']['input'];
  /** Defaults to now */
  lastSeen?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Canonical lowercase name, e.g. salesforce */
  technology: Scalars['String']['input'];
};

/** What the scheduled learning job measured last */
export type LearningMetrics = {
  __typename?: 'LearningMetrics';
  /** AUC of the active ranking weights over the votes with features */
  activeWeightsAuc?: Maybe<Scalars['Float']['output']>;
  computedAt: Scalars['DateTimeISO']['output'];
  contentByKind: Array<EffectivenessRow>;
  diligenceWeight: Scalars['Float']['output'];
  engagementWeight: Scalars['Float']['output'];
  /** Outcomes read from the opportunities where content was used (won / lost by their stage) */
  outcomesRecorded: Scalars['Int']['output'];
  similarityWeight: Scalars['Float']['output'];
  votesWithFeatures: Scalars['Int']['output'];
};

/** A scored pair of the same deal in APN and in Odoo */
export type Match = {
  __typename?: 'Match';
  apn: Opportunity;
  /** Won the one-to-one assignment */
  assigned: Scalars['Boolean']['output'];
  confidence: MatchConfidence;
  /** Matching config version that scored it */
  configVersion: Scalars['Int']['output'];
  decidedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The append-only audit trail of this pair, oldest first */
  history: Array<MatchDecision>;
  id: Scalars['ID']['output'];
  odoo: Opportunity;
  /** Review-queue priority: uncertainty × deal value */
  priority: Scalars['Float']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  reviewer?: Maybe<Scalars['String']['output']>;
  /** Match probability from the logistic model, 0..1 */
  score: Scalars['Float']['output'];
  /** The explanation: every signal's value, weight and contribution */
  signals: Array<MatchSignal>;
  status: MatchStatus;
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** From the score and the configured thresholds */
export type MatchConfidence =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type MatchConnection = {
  __typename?: 'MatchConnection';
  /** Pass as `after` for the next page; null on the last page */
  endCursor?: Maybe<Scalars['String']['output']>;
  nodes: Array<Match>;
};

/** An entry of a match's append-only audit trail */
export type MatchDecision = {
  __typename?: 'MatchDecision';
  /** The reviewer, or 'system' for automatic decisions */
  actor: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  fromStatus?: Maybe<MatchStatus>;
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** The score when decided */
  score: Scalars['Float']['output'];
  toStatus: MatchStatus;
};

/** Why a pair scored what it did */
export type MatchExplanation = {
  __typename?: 'MatchExplanation';
  /** Model only: the score before any feature (score = baseValue + Σ contributions, clipped to 0-100) */
  baseValue?: Maybe<Scalars['Float']['output']>;
  /** Model only: every feature's contribution, in feature order */
  contributions?: Maybe<Array<FeatureContribution>>;
  /** The three strongest reasons, strongest first */
  factors: Array<MatchFactor>;
  subScores: SubScores;
};

/** One reason for a score, as a sentence */
export type MatchFactor = {
  __typename?: 'MatchFactor';
  feature: Scalars['String']['output'];
  group: Scalars['String']['output'];
  /** Score points this factor added (+) or took away (−) */
  impact: Scalars['Float']['output'];
  sentence: Scalars['String']['output'];
  /** The feature's value (null: missing) */
  value?: Maybe<Scalars['Float']['output']>;
};

export type MatchFeedbackRecord = {
  __typename?: 'MatchFeedbackRecord';
  /** False when the same feedback was already recorded (idempotent) */
  created: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  jobId: Scalars['ID']['output'];
  talentId: Scalars['ID']['output'];
  type: MatchFeedbackType;
};

export type MatchFeedbackType =
  | 'APPLIED'
  | 'CONTACTED'
  | 'DISMISSED'
  | 'REJECTED';

/** The Fellegi–Sunter match model in force: estimated from the unlabelled candidate pairs by EM (review decisions as labels) */
export type MatchModel = {
  __typename?: 'MatchModel';
  comparisons: Array<MatchModelComparison>;
  /** The config version that carries it */
  configVersion: Scalars['Int']['output'];
  /** false: no full run has estimated it yet (the prior model scores) */
  estimated: Scalars['Boolean']['output'];
  /** Prior share of matches among candidate pairs */
  matchShare: Scalars['Float']['output'];
  /** Prior share of pairs of one entity (same customer) that are not the same record */
  sameEntityShare: Scalars['Float']['output'];
};

/** One comparison of the match model and its levels, strongest agreement first */
export type MatchModelComparison = {
  __typename?: 'MatchModelComparison';
  description: Scalars['String']['output'];
  levels: Array<MatchModelLevel>;
  name: Scalars['String']['output'];
};

/** One comparison level of the match model: m = P(level | match), u = P(level | not a match), weight = ln(m / u) */
export type MatchModelLevel = {
  __typename?: 'MatchModelLevel';
  label: Scalars['String']['output'];
  m: Scalars['Float']['output'];
  u: Scalars['Float']['output'];
  /** Match weight in log-odds (natural log): what this level adds to a pair's score */
  weight: Scalars['Float']['output'];
};

/** One signal's part in a pair's score: contribution = weight × value, in log-odds */
export type MatchSignal = {
  __typename?: 'MatchSignal';
  contribution: Scalars['Float']['output'];
  /** The comparison level's label (Fellegi–Sunter scoring; value is then the level's index) */
  level?: Maybe<Scalars['String']['output']>;
  signal: Scalars['String']['output'];
  /** About +1 strong agreement, 0 no evidence, negative disagreement; null: a side lacks the data */
  value?: Maybe<Scalars['Float']['output']>;
  weight: Scalars['Float']['output'];
};

/** MODEL: the talent-match model; FALLBACK: the rule-based matcher (model or ml-runtime unavailable) */
export type MatchSource =
  | 'FALLBACK'
  | 'MODEL';

/** candidate: kept only; proposed: in the review queue; auto_confirmed: high confidence; confirmed / rejected: a reviewer decided */
export type MatchStatus =
  | 'AUTO_CONFIRMED'
  | 'CANDIDATE'
  | 'CONFIRMED'
  | 'PROPOSED'
  | 'REJECTED';

export type MatchingConfigInfo = {
  __typename?: 'MatchingConfigInfo';
  apnAmountFactor: Scalars['Float']['output'];
  autoConfirmThreshold: Scalars['Float']['output'];
  candidatesPerRecord: Scalars['Int']['output'];
  dateWindowDays?: Maybe<Scalars['Int']['output']>;
  excludeStages: Array<Scalars['String']['output']>;
  oneToOne: Scalars['Boolean']['output'];
  reviewThreshold: Scalars['Float']['output'];
  sameRegionOnly: Scalars['Boolean']['output'];
  schedules: Array<MatchingScheduleInfo>;
  /** em: Fellegi–Sunter model estimated by EM on every full run, zero labels needed; weights: the logistic weights above */
  scoring: Scalars['String']['output'];
  /** Expected precision of auto-confirmed pairs the em scoring sets the auto-confirm threshold for */
  targetPrecision: Scalars['Float']['output'];
  version: Scalars['Int']['output'];
  /** bias and every signal's weight */
  weights: Array<SignalWeight>;
};

/** Fields to change; omitted (or null) ones keep their value, except dateWindowDays: null, which turns that prefilter off. A value out of its range is BAD_USER_INPUT naming the field, and nothing is stored */
export type MatchingConfigInput = {
  /** APN amounts are multiplied by this before comparing with Odoo (12: monthly revenue), 0.01 to 1000 */
  apnAmountFactor?: InputMaybe<Scalars['Float']['input']>;
  /** Score at or above which an assigned pair is auto-confirmed, 0 to 1; at least reviewThreshold */
  autoConfirmThreshold?: InputMaybe<Scalars['Float']['input']>;
  /** Nearest neighbours per record and blocking key, 1 to 100 */
  candidatesPerRecord?: InputMaybe<Scalars['Int']['input']>;
  /** Close dates at most this many days apart, 0 to 3650; null turns the prefilter off */
  dateWindowDays?: InputMaybe<Scalars['Int']['input']>;
  /** Stages never matched, at most 50, each at most 100 characters */
  excludeStages?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Greedy one-to-one assignment between the sources */
  oneToOne?: InputMaybe<Scalars['Boolean']['input']>;
  /** Score at or above which a pair is queued for review, 0 to 1; at most autoConfirmThreshold */
  reviewThreshold?: InputMaybe<Scalars['Float']['input']>;
  /** Only candidates in the same sales region */
  sameRegionOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** Replaces the schedules (at most 20; [] removes them all) */
  schedules?: InputMaybe<Array<MatchingScheduleInput>>;
  /** em (Fellegi–Sunter, estimated on every full run) or weights (the logistic weights) */
  scoring?: InputMaybe<Scalars['String']['input']>;
  /** Expected precision the em scoring sets the auto-confirm threshold for, 0.5 to 0.9999 */
  targetPrecision?: InputMaybe<Scalars['Float']['input']>;
  /** Weights to change, each signal at most once, each from -20 to 20 */
  weights?: InputMaybe<Array<SignalWeightInput>>;
};

/** Embedding freshness, drift and data quality of the matching data, with the alerts they raise (also on /metrics as matching_* gauges) */
export type MatchingMonitoringInfo = {
  __typename?: 'MatchingMonitoringInfo';
  alerts: Array<MonitoringAlertInfo>;
  at: Scalars['DateTimeISO']['output'];
  completeness: Array<MonitoringCompleteness>;
  drift: Array<MonitoringDrift>;
  duplicates: Array<MonitoringCount>;
  freshness: MonitoringFreshness;
  invalid: Array<MonitoringCount>;
  model: Scalars['String']['output'];
  records: Scalars['Int']['output'];
};

export type MatchingQualityReport = {
  __typename?: 'MatchingQualityReport';
  atAutoConfirm: QualityPointInfo;
  atReview: QualityPointInfo;
  /** The threshold of highest F1 */
  best: QualityPointInfo;
  configVersion: Scalars['Int']['output'];
  goldPairs: Scalars['Int']['output'];
  /** Self-contained HTML report with charts and the false positives and negatives explained */
  html: Scalars['String']['output'];
  rationale: Scalars['String']['output'];
  recommendedAutoConfirm: Scalars['Float']['output'];
  recommendedReview: Scalars['Float']['output'];
  scoredPairs: Scalars['Int']['output'];
};

/** One slot of a schedule: the run it queued (its batch report is the job's runReport), or skipped */
export type MatchingRun = {
  __typename?: 'MatchingRun';
  job?: Maybe<OpportunityJob>;
  mode: Scalars['String']['output'];
  schedule: Scalars['String']['output'];
  /** true: another matching run was queued or running at the slot, so none was queued */
  skipped: Scalars['Boolean']['output'];
  slot: Scalars['DateTimeISO']['output'];
};

export type MatchingRunReport = {
  __typename?: 'MatchingRunReport';
  /** The auto-confirm threshold the run set (em scoring, full runs) */
  autoConfirmThreshold?: Maybe<Scalars['Float']['output']>;
  candidatePairs?: Maybe<Scalars['Int']['output']>;
  /** The config version the run scored with */
  configVersion?: Maybe<Scalars['Int']['output']>;
  durationMs?: Maybe<Scalars['Int']['output']>;
  mode: Scalars['String']['output'];
  records?: Maybe<Scalars['Int']['output']>;
  /** The schedule that queued the run (null: started by hand or by an import) */
  schedule?: Maybe<Scalars['String']['output']>;
  statistics?: Maybe<MatchingStatistics>;
};

/** A scheduled matching run (full or incremental) by a cron expression */
export type MatchingScheduleInfo = {
  __typename?: 'MatchingScheduleInfo';
  /** Cron expression (5 or 6 fields, or @daily / @weekly …) */
  cron: Scalars['String']['output'];
  /** full | incremental */
  mode: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The next slot */
  nextRun?: Maybe<Scalars['DateTimeISO']['output']>;
  /** IANA time zone of the expression (default: the server's) */
  timezone?: Maybe<Scalars['String']['output']>;
};

export type MatchingScheduleInput = {
  /** Cron expression croner accepts, e.g. '0 2 * * *' (daily at 02:00) or '0 3 * * 1' (Mondays) */
  cron: Scalars['String']['input'];
  /** full | incremental */
  mode: Scalars['String']['input'];
  /** Unique name, at most 64 characters */
  name: Scalars['String']['input'];
  timezone?: InputMaybe<Scalars['String']['input']>;
};

export type MatchingStatistics = {
  __typename?: 'MatchingStatistics';
  byConfidence: Array<CountByKey>;
  byStatus: Array<CountByKey>;
  /** Records waiting for matching (new or changed) */
  pending: Scalars['Int']['output'];
  sources: Array<SourceStatistics>;
};

/** A miner's quality factor and emission share */
export type MinerQualityFactor = {
  __typename?: 'MinerQualityFactor';
  clicks: Scalars['Int']['output'];
  conversionRate: Scalars['Float']['output'];
  conversions: Scalars['Int']['output'];
  ctr: Scalars['Float']['output'];
  emissionShare: Scalars['Float']['output'];
  impressions: Scalars['Int']['output'];
  minerId: Scalars['ID']['output'];
  qualityFactor: Scalars['Float']['output'];
  snippetsAccepted: Scalars['Int']['output'];
  snippetsFlagged: Scalars['Int']['output'];
  userId: Scalars['String']['output'];
};

/** The ML runtime as this subgraph sees it */
export type MlHealth = {
  __typename?: 'MlHealth';
  /** cpu or cuda */
  device?: Maybe<Scalars['String']['output']>;
  dimension?: Maybe<Scalars['Int']['output']>;
  /** An ml-runtime is configured */
  enabled: Scalars['Boolean']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** The default text-generation model */
  generationModel?: Maybe<Scalars['String']['output']>;
  /** pending, loading, ready, error or missing */
  generationStatus?: Maybe<Scalars['String']['output']>;
  /** The embedding model */
  model?: Maybe<Scalars['String']['output']>;
  /** ready, degraded (answering, but a model is loading or failed) or unavailable */
  status: Scalars['String']['output'];
};

export type MonitoringAlertInfo = {
  __typename?: 'MonitoringAlertInfo';
  /** freshness | drift | quality */
  kind: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** warning | critical */
  severity: Scalars['String']['output'];
};

export type MonitoringCompleteness = {
  __typename?: 'MonitoringCompleteness';
  completeness: Scalars['Float']['output'];
  field: Scalars['String']['output'];
  source: Scalars['String']['output'];
};

export type MonitoringCount = {
  __typename?: 'MonitoringCount';
  count: Scalars['Int']['output'];
  kind?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
};

/** Population stability index of one feature, recent records against the baseline (≥ 0.1 shift, ≥ 0.25 drift) */
export type MonitoringDrift = {
  __typename?: 'MonitoringDrift';
  baseline: Scalars['Int']['output'];
  feature: Scalars['String']['output'];
  psi: Scalars['Float']['output'];
  recent: Scalars['Int']['output'];
};

/** Records whose vectors are not fresh */
export type MonitoringFreshness = {
  __typename?: 'MonitoringFreshness';
  /** Changed since they were last matched */
  changedSinceMatched: Scalars['Int']['output'];
  /** Without vectors */
  missingVectors: Scalars['Int']['output'];
  /** With vectors of another model than the one in force */
  otherModel: Scalars['Int']['output'];
  staleShare: Scalars['Float']['output'];
  /** Never prepared (no matching keys) */
  unprepared: Scalars['Int']['output'];
};

export type MonthCount = {
  __typename?: 'MonthCount';
  count: Scalars['Int']['output'];
  kind: InteractionKind;
  /** YYYY-MM */
  month: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Records that two company names are the same company (rebrand, acquisition, abbreviation). Alias groups are transitive and a blocking key; the records whose names are in the alias's group are matched again by an incremental run queued at once */
  addCompanyAlias: CompanyAlias;
  addCustomerContact: CustomerContact;
  /** Records an intent signal for a lead (NOT_FOUND for an unknown lead) */
  addIntentSnippet: IntentSnippet;
  /** Runs the personality, decision-factor and objection analyses again */
  analyseCustomer: Customer;
  /** Learns signal weights and the auto-confirm threshold from review decisions, then re-scores every pair. CONFLICT (nothing stored) with fewer than 20 decisions, or when a learned weight falls outside the bounds of MatchingConfigInput.weights */
  calibrateMatching: CalibrationReport;
  confirmMatch: Match;
  /** Creates a customer (profile embedded) with its contacts */
  createCustomer: Customer;
  /** Writers and admins; a recruiter creates their company's jobs */
  createJob: Job;
  createLead: Lead;
  createOpportunity: Opportunity;
  createRecommendationItem: RecommendationItem;
  /** Writers and admins; a talent creates their own profile */
  createTalent: Talent;
  /** Deletes a source and its chunks; false when no source has the id */
  deleteKnowledgeSource: Scalars['Boolean']['output'];
  /** Sales content for a customer, every claim citing the knowledge base; EXTRACTIVE (default) needs no model */
  generateSalesContent: SalesContent;
  /** An answer to an objection, grounded in the knowledge base, in the tone of the customer's contact */
  handleObjection: SalesContent;
  /** Queues a CSV import (APN or Odoo export, or any CSV with a mapping); watch it with opportunityJob or opportunityJobProgress */
  importOpportunities: OpportunityJob;
  /** Queues a document for ingestion as a durable job (parse, chunk, embed, store); follow it with ingestionProgress(jobId). A file that cannot be read is refused at once and nothing is stored. */
  ingestDocument: IngestionJob;
  /** Chunks, embeds and stores a text; the same content under the same uri (or title) is not ingested twice */
  ingestText: KnowledgeSource;
  /** Admin: learns ranking weights from votes with features (each weight moves at most 0.2); the new version is active only if it beats the current one on held-out votes */
  learnRankingWeights: RankingWeightsVersion;
  /** Links the opportunities and leads of the same company, found through the graph */
  linkCustomerRecords: CustomerLinkResult;
  /** Logs a call, meeting, e-mail or note (text embedded); personality, decision factors and objections are analysed again */
  logInteraction: CustomerInteraction;
  /** Records that the answer was used (for an opportunity) */
  markSalesContentUsed: SalesContent;
  /** The caller's vote on an answer; a second vote replaces the first */
  rateSalesContent: SalesContent;
  /** Records the caller's reaction to an item */
  recordFeedback: Scalars['Boolean']['output'];
  /** Records an impression, click or conversion of a lead a query returned (the query's submitter or an admin); false if already recorded */
  recordLeadOutcome: Scalars['Boolean']['output'];
  /** Upserts technologies seen at a lead (role writer); returns how many were written */
  recordLeadTechnologies: Scalars['Int']['output'];
  /** Idempotent per talent, job and type: talents APPLIED / DISMISSED, recruiters CONTACTED / REJECTED, admins any */
  recordMatchFeedback: MatchFeedbackRecord;
  /** Records an objection heard outside a logged interaction */
  recordObjection: CustomerObjection;
  /** The outcome of the deal the answer was used for */
  recordSalesContentOutcome: SalesContent;
  /** Queues re-embedding of records whose vectors are missing or from another model, then matches them */
  reembedOpportunities: OpportunityJob;
  /** Admin: runs the learning-metrics job now */
  refreshLearningMetrics: LearningMetrics;
  rejectMatch: Match;
  resolveObjection: CustomerObjection;
  /** Admin: returns to the weights active before the current version (as a new version) */
  rollbackRankingWeights: RankingWeightsVersion;
  /** Admins: makes the version before the active one active again; returns the version now active */
  rollbackTalentModel: Scalars['Int']['output'];
  /** Queues a matching run: full (every record, global assignment) or incremental (records new or changed since) */
  runMatching: OpportunityJob;
  /** Admin: writes the four demo personas (one per DISC style) with their interactions; existing personas are kept */
  seedCustomerPersonas: Array<Customer>;
  /** F-9: a miner's batch of intent snippets (role miner); near-duplicates are stored but not scored */
  submitIntentSnippets: Array<SubmittedSnippet>;
  /** Admins: queues a training run of talent-match (needs 100 pairs with feedback once a version is active, unless forced) */
  trainTalentModel: TalentTrainingJob;
  /** Changes a profile; its cached embedding is dropped and made again on next use */
  updateCustomer: Customer;
  /** Writers and admins; a recruiter changes their company's jobs */
  updateJob: Job;
  updateLead: Lead;
  /** Changes weights, thresholds or options (a new config version), then re-scores every pair. A number out of its documented range (see MatchingConfigInput), a signal given twice or a review threshold above the auto-confirm one is BAD_USER_INPUT naming the field; nothing is stored */
  updateMatchingConfig: MatchingConfigInfo;
  updateOpportunity: Opportunity;
  updateRecommendationItem: RecommendationItem;
  /** Writers and admins; a talent changes their own profile */
  updateTalent: Talent;
};


export type MutationAddCompanyAliasArgs = {
  alias: Scalars['String']['input'];
  canonical: Scalars['String']['input'];
  kind?: Scalars['String']['input'];
};


export type MutationAddCustomerContactArgs = {
  customerId: Scalars['ID']['input'];
  input: ContactInput;
};


export type MutationAddIntentSnippetArgs = {
  input: AddIntentSnippetInput;
  leadId: Scalars['ID']['input'];
};


export type MutationAnalyseCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type MutationConfirmMatchArgs = {
  id: Scalars['ID']['input'];
  override?: Scalars['Boolean']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateCustomerArgs = {
  input: CreateCustomerInput;
};


export type MutationCreateJobArgs = {
  input: CreateJobInput;
};


export type MutationCreateLeadArgs = {
  input: CreateLeadInput;
};


export type MutationCreateOpportunityArgs = {
  input: CreateOpportunityInput;
};


export type MutationCreateRecommendationItemArgs = {
  input: CreateRecommendationItemInput;
};


export type MutationCreateTalentArgs = {
  input: CreateTalentInput;
};


export type MutationDeleteKnowledgeSourceArgs = {
  id: Scalars['ID']['input'];
};


export type MutationGenerateSalesContentArgs = {
  customerId: Scalars['ID']['input'];
  format?: InputMaybe<ContentFormat>;
  fresh?: Scalars['Boolean']['input'];
  kind: SalesContentKind;
  mode?: InputMaybe<GenerationMode>;
  objection?: InputMaybe<Scalars['String']['input']>;
  opportunityId?: InputMaybe<Scalars['ID']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationHandleObjectionArgs = {
  customerId: Scalars['ID']['input'];
  format?: InputMaybe<ContentFormat>;
  fresh?: Scalars['Boolean']['input'];
  mode?: InputMaybe<GenerationMode>;
  objection: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationImportOpportunitiesArgs = {
  input: ImportOpportunitiesInput;
};


export type MutationIngestDocumentArgs = {
  input: IngestDocumentInput;
};


export type MutationIngestTextArgs = {
  input: IngestTextInput;
};


export type MutationLinkCustomerRecordsArgs = {
  customerId: Scalars['ID']['input'];
};


export type MutationLogInteractionArgs = {
  customerId: Scalars['ID']['input'];
  input: InteractionInput;
};


export type MutationMarkSalesContentUsedArgs = {
  contentId: Scalars['ID']['input'];
  opportunityId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRateSalesContentArgs = {
  comment?: InputMaybe<Scalars['String']['input']>;
  contentId: Scalars['ID']['input'];
  vote: Vote;
};


export type MutationRecordFeedbackArgs = {
  context?: InputMaybe<Scalars['String']['input']>;
  features?: InputMaybe<RankingFeaturesInput>;
  itemId: Scalars['ID']['input'];
  signal: FeedbackSignal;
};


export type MutationRecordLeadOutcomeArgs = {
  kind: LeadOutcomeKind;
  leadId: Scalars['ID']['input'];
  queryId: Scalars['ID']['input'];
};


export type MutationRecordLeadTechnologiesArgs = {
  leadId: Scalars['ID']['input'];
  technologies: Array<LeadTechnologyInput>;
};


export type MutationRecordMatchFeedbackArgs = {
  jobId: Scalars['ID']['input'];
  talentId: Scalars['ID']['input'];
  type: MatchFeedbackType;
};


export type MutationRecordObjectionArgs = {
  customerId: Scalars['ID']['input'];
  factor?: Scalars['String']['input'];
  text: Scalars['String']['input'];
};


export type MutationRecordSalesContentOutcomeArgs = {
  contentId: Scalars['ID']['input'];
  outcome: DealOutcome;
};


export type MutationRejectMatchArgs = {
  id: Scalars['ID']['input'];
  override?: Scalars['Boolean']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationResolveObjectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunMatchingArgs = {
  full?: Scalars['Boolean']['input'];
};


export type MutationSubmitIntentSnippetsArgs = {
  snippets: Array<IntentSnippetInput>;
};


export type MutationTrainTalentModelArgs = {
  force?: Scalars['Boolean']['input'];
};


export type MutationUpdateCustomerArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCustomerInput;
};


export type MutationUpdateJobArgs = {
  id: Scalars['ID']['input'];
  input: UpdateJobInput;
};


export type MutationUpdateLeadArgs = {
  id: Scalars['ID']['input'];
  input: UpdateLeadInput;
};


export type MutationUpdateMatchingConfigArgs = {
  input: MatchingConfigInput;
};


export type MutationUpdateOpportunityArgs = {
  id: Scalars['ID']['input'];
  input: UpdateOpportunityInput;
};


export type MutationUpdateRecommendationItemArgs = {
  id: Scalars['ID']['input'];
  input: UpdateRecommendationItemInput;
};


export type MutationUpdateTalentArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTalentInput;
};

export type ObjectionStatus =
  | 'OPEN'
  | 'RESOLVED';

/** A deal as exported from the AWS Partner Network (APN) or the Odoo CRM */
export type Opportunity = {
  __typename?: 'Opportunity';
  amount?: Maybe<Scalars['Float']['output']>;
  /** ISO date (YYYY-MM-DD) */
  closeDate?: Maybe<Scalars['String']['output']>;
  companyName: Scalars['String']['output'];
  country?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** The customer profile of the opportunity's company (same normalised name) */
  customer?: Maybe<Customer>;
  description?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  /** Model that embedded this record */
  embeddingModel?: Maybe<Scalars['String']['output']>;
  /** The id the deal has in its source system */
  externalId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Items recommended for the opportunity's company, title and description */
  recommendations: Array<RecommendationHit>;
  region?: Maybe<Scalars['String']['output']>;
  source: OpportunitySource;
  stage?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  website?: Maybe<Scalars['String']['output']>;
};


/** A deal as exported from the AWS Partner Network (APN) or the Odoo CRM */
export type OpportunityRecommendationsArgs = {
  k?: Scalars['Int']['input'];
};

export type OpportunityConnection = {
  __typename?: 'OpportunityConnection';
  nodes: Array<Opportunity>;
  pageInfo: PageInfo;
};

/** An opportunity and its cosine similarity to the query text */
export type OpportunityHit = {
  __typename?: 'OpportunityHit';
  opportunity: Opportunity;
  score: Scalars['Float']['output'];
};

/** A durable job of the opportunities subgraph: an import, a matching run or a re-embed */
export type OpportunityJob = {
  __typename?: 'OpportunityJob';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  /** Set when an import is done */
  importReport?: Maybe<ImportReport>;
  /** import | match-full | match-incremental | reembed */
  kind: Scalars['String']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  progress?: Maybe<JobProgressInfo>;
  /** Set when a matching run is done */
  runReport?: Maybe<MatchingRunReport>;
  /** queued | running | done | failed */
  status: Scalars['String']['output'];
};

/** The system an opportunity was exported from */
export type OpportunitySource =
  | 'APN'
  | 'ODOO';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** One scored, explained pair */
export type PairMatch = {
  __typename?: 'PairMatch';
  explanation: MatchExplanation;
  job: Job;
  modelVersion?: Maybe<Scalars['Int']['output']>;
  processingTimeMs: Scalars['Float']['output'];
  /** 0-100 */
  score: Scalars['Float']['output'];
  /** Skills of the job the talent also lists (case-insensitive) */
  sharedSkills: Array<Scalars['String']['output']>;
  source: MatchSource;
  subScores: SubScores;
  talent: Talent;
};

/** Which parser produced a LeadQuery: the rules, or the LLM refinement of a prompt the rules could not parse confidently */
export type ParsePath =
  | 'LLM'
  | 'RULES';

/** A DISC-style personality assessed from the contact's own interactions */
export type Personality = {
  __typename?: 'Personality';
  /** How far the style leads the next: 0 to 1 */
  confidence: Scalars['Float']['output'];
  evidence: Array<DiscEvidence>;
  scores: DiscScores;
  /** D, I, S or C */
  style: Scalars['String']['output'];
};

export type QualityPointInfo = {
  __typename?: 'QualityPointInfo';
  f1: Scalars['Float']['output'];
  fn: Scalars['Int']['output'];
  fp: Scalars['Int']['output'];
  precision: Scalars['Float']['output'];
  recall: Scalars['Float']['output'];
  threshold: Scalars['Float']['output'];
  tp: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The weights recommend ranks with now */
  activeRankingWeights: RankingFeatures;
  companyAliases: Array<CompanyAlias>;
  /** Concepts whose name, or a word in it, starts with the query; most frequent first */
  concepts: Array<Concept>;
  /** How generated content did, by kind, template version or DISC style */
  contentEffectiveness: Array<EffectivenessRow>;
  customer?: Maybe<Customer>;
  /** Newest first, cursor-paginated, filtered */
  customers: CustomerConnection;
  /** Embeddings of up to 64 texts, in one request to the ml-runtime */
  embedTexts: EmbeddedTexts;
  /** Vectors per embedding model: coverage, dimensions and mean norms */
  embeddingCoverage: Array<EmbeddingCoverage>;
  /** Scores and explains one pair: the talent, recruiters of the job's company, admins */
  explainMatch: PairMatch;
  /** The K leads most likely to buy what the prompt sells: filters, relaxation, exemplars, BM25 intent with decay and boosts, every score explained */
  findLeads: LeadSearch;
  /** An ingestion job by id; null when there is none */
  ingestionJob?: Maybe<IngestionJob>;
  /** A recruiter sees only their company's jobs */
  job?: Maybe<Job>;
  /** Newest first, cursor-paginated; a recruiter's list holds their company's jobs only */
  jobs: JobConnection;
  knowledgeSource?: Maybe<KnowledgeSource>;
  /** Newest first, cursor-paginated */
  knowledgeSources: KnowledgeSourceConnection;
  lead?: Maybe<Lead>;
  /** Lead-quality alerts, newest first (admin) */
  leadQualityAlerts: Array<LeadQualityAlert>;
  /** Newest first, cursor-paginated; industry and country match case-insensitively */
  leads: LeadConnection;
  /** The learning metrics the scheduled job recorded last (computed now when it has not run yet) */
  learningMetrics: LearningMetrics;
  match?: Maybe<Match>;
  /** An opportunity's scored pairs with the other source, best first */
  matchCandidates: Array<Match>;
  /** Jobs for a talent, best first: compatible jobs (SQL, HNSW) scored and explained by the talent-match model in one batch. The talent themself and admins. */
  matchJobs: Array<JobMatch>;
  /** The match model in force: per comparison and level m, u and match weight (as Splink's match-weight chart) */
  matchModel: MatchModel;
  /** Pairs waiting for review, most useful first (uncertainty × deal value) */
  matchReviewQueue: MatchConnection;
  /** Talents for a job, best first: compatible candidates (SQL, HNSW) scored and explained by the talent-match model in one batch. Recruiters of the job's company and admins. */
  matchTalents: Array<TalentMatch>;
  /** Stored pairs by status (e.g. for an export), in id order */
  matches: MatchConnection;
  matchingConfig: MatchingConfigInfo;
  /** Embedding freshness, drift (PSI) and data quality of the matching data, and the alerts they raise */
  matchingMonitoring: MatchingMonitoringInfo;
  /** The stored matches measured against known true pairs (CSV: apn_external_id, odoo_external_id) */
  matchingQualityReport: MatchingQualityReport;
  /** Scheduled matching runs, latest first, each with its job and batch report */
  matchingRuns: Array<MatchingRun>;
  matchingStatistics: MatchingStatistics;
  /** F-9: Miner Quality Factor and emission share of every miner */
  minerQuality: Array<MinerQualityFactor>;
  /** Whether the ML runtime is enabled and ready, its model, device and dimension */
  mlHealth: MlHealth;
  /** The caller's query-quality reputation */
  myLeadReputation?: Maybe<SubmitterReputation>;
  /** Newest first, cursor-paginated */
  opportunities: OpportunityConnection;
  opportunity?: Maybe<Opportunity>;
  opportunityJob?: Maybe<OpportunityJob>;
  /** F-1: the prompt parsed into filters (rules; LLM refinement when the rules are not confident) */
  parseLeadPrompt: LeadQuery;
  /** recommend for up to 16 texts at once (one embedding request), in input order */
  rankBatch: Array<Array<RecommendationHit>>;
  /** Ranking weight versions, newest first (at most 50); no version: the configured weights are used */
  rankingWeights: Array<RankingWeightsVersion>;
  /** Items most similar to a text (pgvector cosine, HNSW) */
  recommend: Array<RecommendationHit>;
  recommendationItem?: Maybe<RecommendationItem>;
  /** Newest first, cursor-paginated */
  recommendationItems: RecommendationItemConnection;
  salesContent?: Maybe<SalesContent>;
  /** A customer's generated answers, newest first */
  salesContents: SalesContentConnection;
  /** Chunks matching the query (lexical, vector or hybrid), with citations and highlighted snippets */
  searchKnowledge: Array<KnowledgeHit>;
  /** Leads whose profile or intent snippets are most similar to the prompt (pgvector cosine, HNSW), best first */
  searchLeads: Array<LeadHit>;
  /** Opportunities most similar to a text (pgvector cosine, HNSW) */
  similarOpportunities: Array<OpportunityHit>;
  /** Cosine similarity of up to 64 text pairs, in input order */
  similarities: Array<Scalars['Float']['output']>;
  talent?: Maybe<Talent>;
  /** Admins: every talent-match version, newest first, with held-out metrics */
  talentModelVersions: Array<TalentModelVersion>;
  /** Admins: a training run */
  talentTrainingJob?: Maybe<TalentTrainingJob>;
  /** Newest first, cursor-paginated; a talent's list holds their own profiles only; not for recruiters (they reach the talents matched to their company's jobs) */
  talents: TalentConnection;
};


export type QueryConceptsArgs = {
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
};


export type QueryContentEffectivenessArgs = {
  by?: InputMaybe<EffectivenessGroup>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilterInput>;
  first?: Scalars['Int']['input'];
};


export type QueryEmbedTextsArgs = {
  texts: Array<Scalars['String']['input']>;
};


export type QueryExplainMatchArgs = {
  jobId: Scalars['ID']['input'];
  talentId: Scalars['ID']['input'];
};


export type QueryFindLeadsArgs = {
  k?: Scalars['Int']['input'];
  prompt: Scalars['String']['input'];
};


export type QueryIngestionJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryKnowledgeSourceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryKnowledgeSourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  tag?: InputMaybe<Scalars['String']['input']>;
};


export type QueryLeadArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLeadQualityAlertsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryLeadsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  industry?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMatchArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMatchCandidatesArgs = {
  k?: Scalars['Int']['input'];
  opportunityId: Scalars['ID']['input'];
};


export type QueryMatchJobsArgs = {
  k?: InputMaybe<Scalars['Int']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  minScore?: Scalars['Float']['input'];
  talentId: Scalars['ID']['input'];
};


export type QueryMatchReviewQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryMatchTalentsArgs = {
  jobId: Scalars['ID']['input'];
  k?: InputMaybe<Scalars['Int']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  minScore?: Scalars['Float']['input'];
};


export type QueryMatchesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  statuses?: InputMaybe<Array<MatchStatus>>;
};


export type QueryMatchingQualityReportArgs = {
  dataset?: InputMaybe<Scalars['String']['input']>;
  gold: Scalars['String']['input'];
};


export type QueryMatchingRunsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryOpportunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  source?: InputMaybe<OpportunitySource>;
};


export type QueryOpportunityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOpportunityJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryParseLeadPromptArgs = {
  prompt: Scalars['String']['input'];
};


export type QueryRankBatchArgs = {
  k?: Scalars['Int']['input'];
  kind?: InputMaybe<RecommendationKind>;
  queries: Array<Scalars['String']['input']>;
};


export type QueryRankingWeightsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryRecommendArgs = {
  forText: Scalars['String']['input'];
  k?: Scalars['Int']['input'];
  kind?: InputMaybe<RecommendationKind>;
};


export type QueryRecommendationItemArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRecommendationItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  kind?: InputMaybe<RecommendationKind>;
};


export type QuerySalesContentArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySalesContentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  customerId: Scalars['ID']['input'];
  first?: Scalars['Int']['input'];
};


export type QuerySearchKnowledgeArgs = {
  diversity?: InputMaybe<Scalars['Float']['input']>;
  filters?: InputMaybe<KnowledgeSearchFilters>;
  k?: Scalars['Int']['input'];
  mode?: SearchMode;
  query: Scalars['String']['input'];
};


export type QuerySearchLeadsArgs = {
  k?: Scalars['Int']['input'];
  prompt: Scalars['String']['input'];
};


export type QuerySimilarOpportunitiesArgs = {
  k?: Scalars['Int']['input'];
  source?: InputMaybe<OpportunitySource>;
  text: Scalars['String']['input'];
};


export type QuerySimilaritiesArgs = {
  pairs: Array<TextPairInput>;
};


export type QueryTalentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTalentTrainingJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTalentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** Re-ranking features of a recommended item, each in [0, 1] */
export type RankingFeatures = {
  __typename?: 'RankingFeatures';
  /** Verified, traceable to a source, complete */
  diligence: Scalars['Float']['output'];
  /** Share of up votes (smoothed) and recency */
  engagement: Scalars['Float']['output'];
  /** Cosine similarity to the text (lexical score when the ml-runtime is unavailable) */
  similarity: Scalars['Float']['output'];
};

/** The features a hit was shown with (echo RecommendationHit.features), for learning the weights */
export type RankingFeaturesInput = {
  diligence: Scalars['Float']['input'];
  engagement: Scalars['Float']['input'];
  similarity: Scalars['Float']['input'];
};

/** A version of recommend's ranking weights */
export type RankingWeightsVersion = {
  __typename?: 'RankingWeightsVersion';
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  diligence: Scalars['Float']['output'];
  engagement: Scalars['Float']['output'];
  /** Learned versions: AUC on the held-out votes */
  heldOutAuc?: Maybe<Scalars['Float']['output']>;
  /** Learned versions: the previous weights' AUC on the same held-out votes */
  previousHeldOutAuc?: Maybe<Scalars['Float']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  similarity: Scalars['Float']['output'];
  /** config, learned or rollback */
  source: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

/** A recommended item, its ranking score (the active weights' combination of its features) and the features */
export type RecommendationHit = {
  __typename?: 'RecommendationHit';
  features: RankingFeatures;
  item: RecommendationItem;
  /** similarity, diligence and engagement weighted by the active ranking weights, in [0, 1] */
  score: Scalars['Float']['output'];
};

/** Sales content that can be recommended: content, case studies, objection responses, playbooks */
export type RecommendationItem = {
  __typename?: 'RecommendationItem';
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** Model that embedded this record */
  embeddingModel?: Maybe<Scalars['String']['output']>;
  /** Up votes minus down votes */
  feedbackScore: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  kind: RecommendationKind;
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
};

export type RecommendationItemConnection = {
  __typename?: 'RecommendationItemConnection';
  nodes: Array<RecommendationItem>;
  pageInfo: PageInfo;
};

/** What a recommendation item is */
export type RecommendationKind =
  | 'CASE_STUDY'
  | 'CONTENT'
  | 'OBJECTION_RESPONSE'
  | 'PLAYBOOK';

/** A talent's preference or a job's policy */
export type RemoteMode =
  | 'HYBRID'
  | 'ONSITE'
  | 'REMOTE';

export type SalaryRange = {
  __typename?: 'SalaryRange';
  /** ISO 4217 code */
  currency?: Maybe<Scalars['String']['output']>;
  max?: Maybe<Scalars['Int']['output']>;
  min?: Maybe<Scalars['Int']['output']>;
};

/** Generated sales content or an objection answer, grounded in the knowledge base */
export type SalesContent = {
  __typename?: 'SalesContent';
  /** Served from the cache (same inputs, customer version and knowledge) */
  cached: Scalars['Boolean']['output'];
  citations: Array<ContentCitation>;
  /** The answer in the asked format */
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  customer: Customer;
  customerId: Scalars['ID']['output'];
  /** Why an LLM request was answered extractively: disabled, no_passages, unavailable, circuit_open, budget, output */
  fallbackReason?: Maybe<Scalars['String']['output']>;
  /** Up votes minus down votes (one vote per user) */
  feedbackScore: Scalars['Int']['output'];
  format: ContentFormat;
  id: Scalars['ID']['output'];
  kind: SalesContentKind;
  knowledgeVersion: Scalars['String']['output'];
  latencyMs: Scalars['Int']['output'];
  /** Which mode made the answer */
  mode: GenerationMode;
  model?: Maybe<Scalars['String']['output']>;
  objection?: Maybe<Scalars['String']['output']>;
  outcome?: Maybe<DealOutcome>;
  paragraphs: Array<ContentParagraph>;
  /** The DISC style the tone followed */
  personality?: Maybe<Scalars['String']['output']>;
  template: Scalars['String']['output'];
  templateVersion: Scalars['Int']['output'];
  title?: Maybe<Scalars['String']['output']>;
  usage: ContentUsage;
  usedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  verification: ContentVerification;
};

export type SalesContentConnection = {
  __typename?: 'SalesContentConnection';
  nodes: Array<SalesContent>;
  pageInfo: PageInfo;
};

/** A piece of a streamed generation: text deltas, then the stored answer */
export type SalesContentEvent = {
  __typename?: 'SalesContentEvent';
  /** Set on the last event */
  content?: Maybe<SalesContent>;
  delta?: Maybe<Scalars['String']['output']>;
};

export type SalesContentKind =
  | 'CALL_SCRIPT'
  | 'EMAIL'
  | 'OBJECTION_RESPONSE'
  | 'ONE_PAGER'
  | 'TALKING_POINTS';

/** How searchKnowledge ranks chunks */
export type SearchMode =
  /** Reciprocal-rank fusion (k = 60) of the lexical and vector rankings */
  | 'HYBRID'
  /** PostgreSQL full-text search (websearch_to_tsquery, ts_rank_cd); headings weigh more than text */
  | 'LEXICAL'
  /** Cosine similarity of embeddings (pgvector HNSW) */
  | 'VECTOR';

export type SignalWeight = {
  __typename?: 'SignalWeight';
  signal: Scalars['String']['output'];
  weight: Scalars['Float']['output'];
};

export type SignalWeightInput = {
  /** bias or a signal: identity_cosine, context_cosine, title_tokens, name_jaro_winkler, name_trigram, name_tokens, domain, alias, acronym, country, close_date, amount, company_deals */
  signal: Scalars['String']['input'];
  /** Log-odds per unit of the signal, from -20 to 20 */
  weight: Scalars['Float']['input'];
};

/** A customer and the cosine similarity of its profile */
export type SimilarCustomer = {
  __typename?: 'SimilarCustomer';
  customer: Customer;
  score: Scalars['Float']['output'];
};

export type SkillLevel = {
  __typename?: 'SkillLevel';
  name: Scalars['String']['output'];
  /** 1 (beginner) to 5 (expert) */
  proficiency?: Maybe<Scalars['Int']['output']>;
  years?: Maybe<Scalars['Int']['output']>;
};

export type SkillLevelInput = {
  name: Scalars['String']['input'];
  /** 1 to 5 */
  proficiency?: InputMaybe<Scalars['Int']['input']>;
  /** 0 to 70 */
  years?: InputMaybe<Scalars['Int']['input']>;
};

export type SourceStatistics = {
  __typename?: 'SourceStatistics';
  /** Records with a confirmed or auto-confirmed match */
  matched: Scalars['Int']['output'];
  records: Scalars['Int']['output'];
  source: OpportunitySource;
  /** Records with no settled match and none in review */
  unmatched: Scalars['Int']['output'];
  /** Up to 20 unmatched records' external ids */
  unmatchedSample: Array<Scalars['String']['output']>;
};

export type StyleCount = {
  __typename?: 'StyleCount';
  count: Scalars['Int']['output'];
  style: Scalars['String']['output'];
};

/** Sub-scores 0-100 per feature group */
export type SubScores = {
  __typename?: 'SubScores';
  experience: Scalars['Float']['output'];
  location: Scalars['Float']['output'];
  salary: Scalars['Float']['output'];
  skills: Scalars['Float']['output'];
  /** Profile text ↔ job description */
  text: Scalars['Float']['output'];
};

export type SubmittedSnippet = {
  __typename?: 'SubmittedSnippet';
  /** The earlier snippet this one nearly duplicates: stored, not scored */
  duplicateOf?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  leadId: Scalars['ID']['output'];
  observedAt: Scalars['DateTimeISO']['output'];
  /** The duplicated snippet came from another miner */
  plagiarism: Scalars['Boolean']['output'];
  /** 64-bit simhash (signed decimal) */
  simhash: Scalars['String']['output'];
  source: IntentSource;
};

export type SubmitterReputation = {
  __typename?: 'SubmitterReputation';
  queries: Scalars['Int']['output'];
  score: Scalars['Float']['output'];
  submitter: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** The job each time it changes (claimed, progress, retry, done, failed). Filter by jobId and/or sourceId (a job's sourceId is known once its handler has it, at the latest when it is done); no argument: every job. */
  ingestionProgress: IngestionJob;
  /** A source was ingested or re-ingested with new content */
  knowledgeSourceIngested: KnowledgeSource;
  /** An intent snippet was added (to the given lead, or to any lead) */
  leadIntentAdded: IntentSnippet;
  /** A reviewer confirmed or rejected a pair */
  matchDecided: Match;
  /** A pair entered the review queue */
  matchReviewQueued: Match;
  /** Progress of one import or matching job */
  opportunityJobProgress: OpportunityJob;
  /** An opportunity was created or changed */
  opportunityUpserted: Opportunity;
  /** Generates like generateSalesContent (or handleObjection with kind OBJECTION_RESPONSE) and streams the text as it is produced; the last event carries the stored answer */
  salesContentStream: SalesContentEvent;
};


export type SubscriptionIngestionProgressArgs = {
  jobId?: InputMaybe<Scalars['ID']['input']>;
  sourceId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionLeadIntentAddedArgs = {
  leadId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionOpportunityJobProgressArgs = {
  jobId: Scalars['ID']['input'];
};


export type SubscriptionOpportunityUpsertedArgs = {
  source?: InputMaybe<OpportunitySource>;
};


export type SubscriptionSalesContentStreamArgs = {
  customerId: Scalars['ID']['input'];
  format?: InputMaybe<ContentFormat>;
  fresh?: Scalars['Boolean']['input'];
  kind: SalesContentKind;
  mode?: InputMaybe<GenerationMode>;
  objection?: InputMaybe<Scalars['String']['input']>;
};

/** A candidate profile */
export type Talent = {
  __typename?: 'Talent';
  createdAt: Scalars['DateTimeISO']['output'];
  /** Model that embedded this record */
  embeddingModel?: Maybe<Scalars['String']['output']>;
  experienceLevel?: Maybe<ExperienceLevel>;
  fullName: Scalars['String']['output'];
  headline: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  latitude?: Maybe<Scalars['Float']['output']>;
  location?: Maybe<Scalars['String']['output']>;
  longitude?: Maybe<Scalars['Float']['output']>;
  remotePreference?: Maybe<RemoteMode>;
  /** Expected salary: shown to admins, the talent, and recruiters of a company the talent is matched to */
  salaryExpectation?: Maybe<SalaryRange>;
  /** Skills with proficiency (1-5) and years, when given */
  skillDetails: Array<SkillLevel>;
  skills: Array<Scalars['String']['output']>;
  summary?: Maybe<Scalars['String']['output']>;
  /** Hours from UTC */
  timezoneOffset?: Maybe<Scalars['Float']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  yearsExperience: Scalars['Int']['output'];
};

export type TalentConnection = {
  __typename?: 'TalentConnection';
  nodes: Array<Talent>;
  pageInfo: PageInfo;
};

/** A talent scored for a job: score 0-100, explanation, sub-scores */
export type TalentMatch = {
  __typename?: 'TalentMatch';
  explanation: MatchExplanation;
  modelVersion?: Maybe<Scalars['Int']['output']>;
  processingTimeMs: Scalars['Float']['output'];
  /** 0-100 */
  score: Scalars['Float']['output'];
  /** Skills of the talent the job also lists (case-insensitive) */
  sharedSkills: Array<Scalars['String']['output']>;
  source: MatchSource;
  subScores: SubScores;
  talent: Talent;
};

/** A talent-match model version */
export type TalentModelVersion = {
  __typename?: 'TalentModelVersion';
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Scalars['String']['output'];
  mae?: Maybe<Scalars['Float']['output']>;
  /** Held-out metrics and the gate's outcome, JSON */
  metricsJson: Scalars['String']['output'];
  /** Held-out NDCG@10 per talent */
  ndcg?: Maybe<Scalars['Float']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  /** Held-out RMSE (score points) */
  rmse?: Maybe<Scalars['Float']['output']>;
  source?: Maybe<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
};

/** A queued training run (a durable job) */
export type TalentTrainingJob = {
  __typename?: 'TalentTrainingJob';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** The finished run's outcome (version, activated, gate, metrics), JSON */
  resultJson?: Maybe<Scalars['String']['output']>;
  /** queued | running | done | failed */
  status: Scalars['String']['output'];
};

export type TextPairInput = {
  a: Scalars['String']['input'];
  b: Scalars['String']['input'];
};

/** Fields to change; omitted fields keep their value, an empty string clears one */
export type UpdateCustomerInput = {
  company?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  size?: InputMaybe<Scalars['String']['input']>;
  stage?: InputMaybe<CustomerStage>;
};

/** Fields to change; omitted fields keep their value, null clears an optional field */
export type UpdateJobInput = {
  company?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  experienceLevel?: InputMaybe<ExperienceLevel>;
  latitude?: InputMaybe<Scalars['Float']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** 0 to 70 */
  minYears?: InputMaybe<Scalars['Int']['input']>;
  /** At most 50 */
  niceToHaveSkills?: InputMaybe<Array<JobSkillInput>>;
  remotePolicy?: InputMaybe<RemoteMode>;
  /** At most 50; with niceToHaveSkills, sets skills to their names */
  requiredSkills?: InputMaybe<Array<JobSkillInput>>;
  salaryCurrency?: InputMaybe<Scalars['String']['input']>;
  salaryMax?: InputMaybe<Scalars['Int']['input']>;
  salaryMin?: InputMaybe<Scalars['Int']['input']>;
  seniority?: InputMaybe<Scalars['String']['input']>;
  /** Replaces the list; null clears it */
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  timezoneMax?: InputMaybe<Scalars['Float']['input']>;
  /** Earliest accepted UTC offset, -12 to 14 (with timezoneMax) */
  timezoneMin?: InputMaybe<Scalars['Float']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; omitted fields keep their value, null clears an optional field */
export type UpdateLeadInput = {
  companyName?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  employeeCount?: InputMaybe<Scalars['Int']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; omitted fields keep their value */
export type UpdateOpportunityInput = {
  amount?: InputMaybe<Scalars['Float']['input']>;
  closeDate?: InputMaybe<Scalars['String']['input']>;
  companyName?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  stage?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  website?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; omitted fields keep their value */
export type UpdateRecommendationItemInput = {
  body?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<RecommendationKind>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; omitted fields keep their value, null clears an optional field */
export type UpdateTalentInput = {
  experienceLevel?: InputMaybe<ExperienceLevel>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  headline?: InputMaybe<Scalars['String']['input']>;
  /** -90 to 90, with longitude */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  /** -180 to 180, with latitude */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  remotePreference?: InputMaybe<RemoteMode>;
  /** ISO 4217, e.g. EUR */
  salaryCurrency?: InputMaybe<Scalars['String']['input']>;
  salaryMax?: InputMaybe<Scalars['Int']['input']>;
  /** Expected yearly salary, lower end */
  salaryMin?: InputMaybe<Scalars['Int']['input']>;
  /** At most 50; sets skills to their names */
  skillDetails?: InputMaybe<Array<SkillLevelInput>>;
  /** Replaces the list; null clears it */
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  summary?: InputMaybe<Scalars['String']['input']>;
  /** Hours from UTC, -12 to 14 */
  timezoneOffset?: InputMaybe<Scalars['Float']['input']>;
  /** The owning account's user id (writers and admins only; a talent creating their profile owns it) */
  userId?: InputMaybe<Scalars['String']['input']>;
  yearsExperience?: InputMaybe<Scalars['Int']['input']>;
};

export type Vote =
  | 'DOWN'
  | 'UP';

export type ImportJobFragment = { __typename?: 'OpportunityJob', id: string, kind: string, status: string, lastError?: string | null, progress?: { __typename?: 'JobProgressInfo', stage: string, done: number, total: number } | null, importReport?: { __typename?: 'ImportReport', encoding: string, rows: number, inserted: number, updated: number, unchanged: number, failed: number, matchedRecords: number, errors: Array<{ __typename?: 'ImportRowError', line: number, externalId?: string | null, reason: string }> } | null };

export type ImportOpportunitiesMutationVariables = Exact<{
  input: ImportOpportunitiesInput;
}>;


export type ImportOpportunitiesMutation = { __typename?: 'Mutation', importOpportunities: { __typename?: 'OpportunityJob', id: string, kind: string, status: string, lastError?: string | null, progress?: { __typename?: 'JobProgressInfo', stage: string, done: number, total: number } | null, importReport?: { __typename?: 'ImportReport', encoding: string, rows: number, inserted: number, updated: number, unchanged: number, failed: number, matchedRecords: number, errors: Array<{ __typename?: 'ImportRowError', line: number, externalId?: string | null, reason: string }> } | null } };

export type ImportJobProgressSubscriptionVariables = Exact<{
  jobId: Scalars['ID']['input'];
}>;


export type ImportJobProgressSubscription = { __typename?: 'Subscription', opportunityJobProgress: { __typename?: 'OpportunityJob', id: string, kind: string, status: string, lastError?: string | null, progress?: { __typename?: 'JobProgressInfo', stage: string, done: number, total: number } | null, importReport?: { __typename?: 'ImportReport', encoding: string, rows: number, inserted: number, updated: number, unchanged: number, failed: number, matchedRecords: number, errors: Array<{ __typename?: 'ImportRowError', line: number, externalId?: string | null, reason: string }> } | null } };

export type ImportJobStateQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ImportJobStateQuery = { __typename?: 'Query', opportunityJob?: { __typename?: 'OpportunityJob', id: string, kind: string, status: string, lastError?: string | null, progress?: { __typename?: 'JobProgressInfo', stage: string, done: number, total: number } | null, importReport?: { __typename?: 'ImportReport', encoding: string, rows: number, inserted: number, updated: number, unchanged: number, failed: number, matchedRecords: number, errors: Array<{ __typename?: 'ImportRowError', line: number, externalId?: string | null, reason: string }> } | null } | null };

export type MatchingStatisticsQueryVariables = Exact<{ [key: string]: never; }>;


export type MatchingStatisticsQuery = { __typename?: 'Query', matchingStatistics: { __typename?: 'MatchingStatistics', pending: number, sources: Array<{ __typename?: 'SourceStatistics', source: OpportunitySource, records: number, matched: number, unmatched: number }>, byStatus: Array<{ __typename?: 'CountByKey', key: string, count: number }>, byConfidence: Array<{ __typename?: 'CountByKey', key: string, count: number }> } };

export type MatchingRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type MatchingRunsQuery = { __typename?: 'Query', matchingRuns: Array<{ __typename?: 'MatchingRun', schedule: string, slot: any, mode: string, skipped: boolean, job?: { __typename?: 'OpportunityJob', id: string, status: string, finishedAt?: any | null } | null }> };

export type MatchingMonitoringQueryVariables = Exact<{ [key: string]: never; }>;


export type MatchingMonitoringQuery = { __typename?: 'Query', matchingMonitoring: { __typename?: 'MatchingMonitoringInfo', at: any, model: string, records: number, alerts: Array<{ __typename?: 'MonitoringAlertInfo', kind: string, severity: string, message: string }>, freshness: { __typename?: 'MonitoringFreshness', staleShare: number, missingVectors: number, otherModel: number, changedSinceMatched: number } } };

export type MatchingQualityQueryVariables = Exact<{
  gold: Scalars['String']['input'];
}>;


export type MatchingQualityQuery = { __typename?: 'Query', matchingQualityReport: { __typename?: 'MatchingQualityReport', goldPairs: number, scoredPairs: number, configVersion: number, rationale: string, recommendedReview: number, recommendedAutoConfirm: number, html: string, best: { __typename?: 'QualityPointInfo', threshold: number, precision: number, recall: number, f1: number, tp: number, fp: number, fn: number }, atReview: { __typename?: 'QualityPointInfo', threshold: number, precision: number, recall: number, f1: number, tp: number, fp: number, fn: number }, atAutoConfirm: { __typename?: 'QualityPointInfo', threshold: number, precision: number, recall: number, f1: number, tp: number, fp: number, fn: number } } };

export type IngestDocumentMutationVariables = Exact<{
  input: IngestDocumentInput;
}>;


export type IngestDocumentMutation = { __typename?: 'Mutation', ingestDocument: { __typename?: 'IngestionJob', id: string, status: IngestionJobStatus } };

export type UploadJobPartsFragment = { __typename?: 'IngestionJob', id: string, status: IngestionJobStatus, sourceId?: string | null, lastError?: string | null, progress?: { __typename?: 'JobProgress', stage: string, done: number, total: number } | null };

export type IngestionProgressSubscriptionVariables = Exact<{
  jobId: Scalars['ID']['input'];
}>;


export type IngestionProgressSubscription = { __typename?: 'Subscription', ingestionProgress: { __typename?: 'IngestionJob', id: string, status: IngestionJobStatus, sourceId?: string | null, lastError?: string | null, progress?: { __typename?: 'JobProgress', stage: string, done: number, total: number } | null } };

export type IngestionJobStateQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IngestionJobStateQuery = { __typename?: 'Query', ingestionJob?: { __typename?: 'IngestionJob', id: string, status: IngestionJobStatus, sourceId?: string | null, lastError?: string | null, progress?: { __typename?: 'JobProgress', stage: string, done: number, total: number } | null } | null };

export type SearchKnowledgeQueryVariables = Exact<{
  query: Scalars['String']['input'];
  mode: SearchMode;
}>;


export type SearchKnowledgeQuery = { __typename?: 'Query', searchKnowledge: Array<{ __typename?: 'KnowledgeHit', score: number, highlight: string, chunk: { __typename?: 'KnowledgeChunk', id: string }, citation: { __typename?: 'Citation', sourceId: string, sourceTitle: string, sourceUri?: string | null, page?: number | null, headingPath: Array<string>, charStart: number, charEnd: number } }> };

export type FindLeadsQueryVariables = Exact<{
  prompt: Scalars['String']['input'];
  k: Scalars['Int']['input'];
}>;


export type FindLeadsQuery = { __typename?: 'Query', findLeads: { __typename?: 'LeadSearch', queryId: string, cached: boolean, candidates: number, costUsd: number, llmCalls: number, relaxedFilters: Array<string>, query: { __typename?: 'LeadQuery', product?: string | null, industries: Array<string>, excludedIndustries: Array<string>, countries: Array<string>, excludedCountries: Array<string>, technologies: Array<string>, excludedTechnologies: Array<string>, exemplars: Array<string>, employeeMin?: number | null, employeeMax?: number | null, path: ParsePath, confidence: number }, hits: Array<{ __typename?: 'LeadMatch', score: number, filtersMet: Array<string>, filtersRelaxed: Array<string>, lead: { __typename?: 'Lead', id: string, companyName: string, industry?: string | null, country?: string | null, employeeCount?: number | null, domain?: string | null }, explanation: { __typename?: 'LeadScoreExplanation', fit: number, intent: number, decay: number, churnBoost: number, jobPostingBoost: number, filterFit: number, exemplarSimilarity?: number | null, bm25: number, weightFit: number, weightIntent: number, scorer: LeadScorer, costUsd: number }, snippets: Array<{ __typename?: 'LeadSignal', id: string, source: IntentSource, text: string, observedAt: any }> }> } };

export type ReviewOpportunityFragment = { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null };

export type ReviewMatchFragment = { __typename?: 'Match', id: string, score: number, status: MatchStatus, confidence: MatchConfidence, reviewer?: string | null, decidedAt?: any | null, signals: Array<{ __typename?: 'MatchSignal', signal: string, level?: string | null, value?: number | null, weight: number, contribution: number }>, apn: { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null }, odoo: { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null } };

export type ReviewQueueQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type ReviewQueueQuery = { __typename?: 'Query', matchReviewQueue: { __typename?: 'MatchConnection', nodes: Array<{ __typename?: 'Match', id: string, score: number, status: MatchStatus, confidence: MatchConfidence, reviewer?: string | null, decidedAt?: any | null, signals: Array<{ __typename?: 'MatchSignal', signal: string, level?: string | null, value?: number | null, weight: number, contribution: number }>, apn: { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null }, odoo: { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null } }> } };

export type ReviewQueuedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ReviewQueuedSubscription = { __typename?: 'Subscription', matchReviewQueued: { __typename?: 'Match', id: string, score: number, status: MatchStatus, confidence: MatchConfidence, reviewer?: string | null, decidedAt?: any | null, signals: Array<{ __typename?: 'MatchSignal', signal: string, level?: string | null, value?: number | null, weight: number, contribution: number }>, apn: { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null }, odoo: { __typename?: 'Opportunity', id: string, source: OpportunitySource, externalId: string, companyName: string, title: string, description?: string | null, country?: string | null, region?: string | null, website?: string | null, email?: string | null, amount?: number | null, stage?: string | null, closeDate?: string | null } } };

export type ReviewDecidedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ReviewDecidedSubscription = { __typename?: 'Subscription', matchDecided: { __typename?: 'Match', id: string, status: MatchStatus, reviewer?: string | null, decidedAt?: any | null } };

export type ConfirmMatchMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConfirmMatchMutation = { __typename?: 'Mutation', confirmMatch: { __typename?: 'Match', id: string, status: MatchStatus, reviewer?: string | null, decidedAt?: any | null } };

export type RejectMatchMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RejectMatchMutation = { __typename?: 'Mutation', rejectMatch: { __typename?: 'Match', id: string, status: MatchStatus, reviewer?: string | null, decidedAt?: any | null } };

export type SalesCustomersQueryVariables = Exact<{ [key: string]: never; }>;


export type SalesCustomersQuery = { __typename?: 'Query', customers: { __typename?: 'CustomerConnection', nodes: Array<{ __typename?: 'Customer', id: string, company: string, stage: CustomerStage }> } };

export type SalesCustomerQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SalesCustomerQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, company: string, industry?: string | null, country?: string | null, size?: string | null, stage: CustomerStage, domain?: string | null, notes?: string | null, contacts: Array<{ __typename?: 'CustomerContact', id: string, name: string, title?: string | null, email?: string | null, personality?: { __typename?: 'Personality', style: string, confidence: number, scores: { __typename?: 'DiscScores', D: number, I: number, S: number, C: number }, evidence: Array<{ __typename?: 'DiscEvidence', style: string, sentence: string, cues: Array<string> }> } | null }>, decisionFactors: Array<{ __typename?: 'DecisionFactor', factor: string, weight: number, mentions: number, concern: number, evidence: Array<{ __typename?: 'FactorEvidence', sentence: string, concern: boolean }> }>, interactions: { __typename?: 'CustomerInteractionConnection', nodes: Array<{ __typename?: 'CustomerInteraction', id: string, kind: InteractionKind, subject?: string | null, body: string, occurredAt: any }> }, contentUsage: { __typename?: 'ContentUsage', answers: number, costUsd: number } } | null };

export type SeedPersonasMutationVariables = Exact<{ [key: string]: never; }>;


export type SeedPersonasMutation = { __typename?: 'Mutation', seedCustomerPersonas: Array<{ __typename?: 'Customer', id: string }> };

export type SalesContentStreamSubscriptionVariables = Exact<{
  customerId: Scalars['ID']['input'];
  kind: SalesContentKind;
  objection?: InputMaybe<Scalars['String']['input']>;
  mode?: InputMaybe<GenerationMode>;
  fresh: Scalars['Boolean']['input'];
}>;


export type SalesContentStreamSubscription = { __typename?: 'Subscription', salesContentStream: { __typename?: 'SalesContentEvent', delta?: string | null, content?: { __typename?: 'SalesContent', id: string, kind: SalesContentKind, title?: string | null, mode: GenerationMode, model?: string | null, personality?: string | null, cached: boolean, fallbackReason?: string | null, feedbackScore: number, latencyMs: number, usage: { __typename?: 'ContentUsage', promptTokens: number, completionTokens: number, costUsd: number }, paragraphs: Array<{ __typename?: 'ContentParagraph', heading?: string | null, sentences: Array<{ __typename?: 'ContentSentence', text: string, citations: Array<number> }> }>, citations: Array<{ __typename?: 'ContentCitation', n: number, quote: string, sourceId: string, sourceTitle: string, charStart: number, charEnd: number, page?: number | null, headingPath: Array<string> }> } | null } };

export type RateSalesContentMutationVariables = Exact<{
  contentId: Scalars['ID']['input'];
  vote: Vote;
}>;


export type RateSalesContentMutation = { __typename?: 'Mutation', rateSalesContent: { __typename?: 'SalesContent', id: string, feedbackScore: number } };

export type TalentMatchPartsFragment = { __typename?: 'MatchExplanation', factors: Array<{ __typename?: 'MatchFactor', feature: string, sentence: string, impact: number }>, subScores: { __typename?: 'SubScores', skills: number, experience: number, location: number, salary: number, text: number } };

export type TalentListQueryVariables = Exact<{ [key: string]: never; }>;


export type TalentListQuery = { __typename?: 'Query', talents: { __typename?: 'TalentConnection', nodes: Array<{ __typename?: 'Talent', id: string, fullName: string, headline: string }> } };

export type JobListQueryVariables = Exact<{ [key: string]: never; }>;


export type JobListQuery = { __typename?: 'Query', jobs: { __typename?: 'JobConnection', nodes: Array<{ __typename?: 'Job', id: string, title: string, company: string }> } };

export type MatchJobsQueryVariables = Exact<{
  talentId: Scalars['ID']['input'];
}>;


export type MatchJobsQuery = { __typename?: 'Query', matchJobs: Array<{ __typename?: 'JobMatch', score: number, modelVersion?: number | null, source: MatchSource, sharedSkills: Array<string>, explanation: { __typename?: 'MatchExplanation', factors: Array<{ __typename?: 'MatchFactor', feature: string, sentence: string, impact: number }>, subScores: { __typename?: 'SubScores', skills: number, experience: number, location: number, salary: number, text: number } }, job: { __typename?: 'Job', id: string, title: string, company: string, location?: string | null } }> };

export type MatchTalentsQueryVariables = Exact<{
  jobId: Scalars['ID']['input'];
}>;


export type MatchTalentsQuery = { __typename?: 'Query', matchTalents: Array<{ __typename?: 'TalentMatch', score: number, modelVersion?: number | null, source: MatchSource, sharedSkills: Array<string>, explanation: { __typename?: 'MatchExplanation', factors: Array<{ __typename?: 'MatchFactor', feature: string, sentence: string, impact: number }>, subScores: { __typename?: 'SubScores', skills: number, experience: number, location: number, salary: number, text: number } }, talent: { __typename?: 'Talent', id: string, fullName: string, headline: string, location?: string | null } }> };

export type CreateOwnTalentProfileMutationVariables = Exact<{
  input: CreateTalentInput;
}>;


export type CreateOwnTalentProfileMutation = { __typename?: 'Mutation', createTalent: { __typename?: 'Talent', id: string } };

export type RecordMatchFeedbackMutationVariables = Exact<{
  jobId: Scalars['ID']['input'];
  talentId: Scalars['ID']['input'];
  type: MatchFeedbackType;
}>;


export type RecordMatchFeedbackMutation = { __typename?: 'Mutation', recordMatchFeedback: { __typename?: 'MatchFeedbackRecord', id: string, type: MatchFeedbackType, created: boolean } };

export type TalentModelVersionsQueryVariables = Exact<{ [key: string]: never; }>;


export type TalentModelVersionsQuery = { __typename?: 'Query', talentModelVersions: Array<{ __typename?: 'TalentModelVersion', version: number, active: boolean, createdAt: any, createdBy: string, rmse?: number | null, mae?: number | null, ndcg?: number | null, reason?: string | null, source?: string | null }> };

export type TrainTalentModelMutationVariables = Exact<{
  force: Scalars['Boolean']['input'];
}>;


export type TrainTalentModelMutation = { __typename?: 'Mutation', trainTalentModel: { __typename?: 'TalentTrainingJob', id: string, status: string } };

export type TalentTrainingJobQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TalentTrainingJobQuery = { __typename?: 'Query', talentTrainingJob?: { __typename?: 'TalentTrainingJob', id: string, status: string, lastError?: string | null, resultJson?: string | null } | null };

export type SourceTextQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SourceTextQuery = { __typename?: 'Query', knowledgeSource?: { __typename?: 'KnowledgeSource', id: string, title: string, uri?: string | null, chunks: { __typename?: 'KnowledgeChunkConnection', nodes: Array<{ __typename?: 'KnowledgeChunk', charStart: number, charEnd: number, text: string }> } } | null };

export const ImportJobFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportJob"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpportunityJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"importReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"matchedRecords"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportJobFragment, unknown>;
export const UploadJobPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadJobParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IngestionJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]} as unknown as DocumentNode<UploadJobPartsFragment, unknown>;
export const ReviewOpportunityFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewOpportunity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Opportunity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"closeDate"}}]}}]} as unknown as DocumentNode<ReviewOpportunityFragment, unknown>;
export const ReviewMatchFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewMatch"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Match"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signal"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewOpportunity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"odoo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewOpportunity"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewOpportunity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Opportunity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"closeDate"}}]}}]} as unknown as DocumentNode<ReviewMatchFragment, unknown>;
export const TalentMatchPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TalentMatchParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchExplanation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}}]}},{"kind":"Field","name":{"kind":"Name","value":"subScores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skills"}},{"kind":"Field","name":{"kind":"Name","value":"experience"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"salary"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<TalentMatchPartsFragment, unknown>;
export const ImportOpportunitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportOpportunities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportOpportunitiesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importOpportunities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportJob"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportJob"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpportunityJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"importReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"matchedRecords"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportOpportunitiesMutation, ImportOpportunitiesMutationVariables>;
export const ImportJobProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportJobProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunityJobProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportJob"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportJob"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpportunityJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"importReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"matchedRecords"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportJobProgressSubscription, ImportJobProgressSubscriptionVariables>;
export const ImportJobStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportJobState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunityJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ImportJob"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ImportJob"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpportunityJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"importReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"matchedRecords"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ImportJobStateQuery, ImportJobStateQueryVariables>;
export const MatchingStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchingStatistics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingStatistics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"unmatched"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byConfidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<MatchingStatisticsQuery, MatchingStatisticsQueryVariables>;
export const MatchingRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchingRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"slot"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]}}]} as unknown as DocumentNode<MatchingRunsQuery, MatchingRunsQueryVariables>;
export const MatchingMonitoringDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchingMonitoring"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingMonitoring"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"alerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freshness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staleShare"}},{"kind":"Field","name":{"kind":"Name","value":"missingVectors"}},{"kind":"Field","name":{"kind":"Name","value":"otherModel"}},{"kind":"Field","name":{"kind":"Name","value":"changedSinceMatched"}}]}}]}}]}}]} as unknown as DocumentNode<MatchingMonitoringQuery, MatchingMonitoringQueryVariables>;
export const MatchingQualityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchingQuality"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gold"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchingQualityReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"gold"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gold"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goldPairs"}},{"kind":"Field","name":{"kind":"Name","value":"scoredPairs"}},{"kind":"Field","name":{"kind":"Name","value":"configVersion"}},{"kind":"Field","name":{"kind":"Name","value":"rationale"}},{"kind":"Field","name":{"kind":"Name","value":"recommendedReview"}},{"kind":"Field","name":{"kind":"Name","value":"recommendedAutoConfirm"}},{"kind":"Field","name":{"kind":"Name","value":"html"}},{"kind":"Field","name":{"kind":"Name","value":"best"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"recall"}},{"kind":"Field","name":{"kind":"Name","value":"f1"}},{"kind":"Field","name":{"kind":"Name","value":"tp"}},{"kind":"Field","name":{"kind":"Name","value":"fp"}},{"kind":"Field","name":{"kind":"Name","value":"fn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"atReview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"recall"}},{"kind":"Field","name":{"kind":"Name","value":"f1"}},{"kind":"Field","name":{"kind":"Name","value":"tp"}},{"kind":"Field","name":{"kind":"Name","value":"fp"}},{"kind":"Field","name":{"kind":"Name","value":"fn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"atAutoConfirm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"recall"}},{"kind":"Field","name":{"kind":"Name","value":"f1"}},{"kind":"Field","name":{"kind":"Name","value":"tp"}},{"kind":"Field","name":{"kind":"Name","value":"fp"}},{"kind":"Field","name":{"kind":"Name","value":"fn"}}]}}]}}]}}]} as unknown as DocumentNode<MatchingQualityQuery, MatchingQualityQueryVariables>;
export const IngestDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IngestDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IngestDocumentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<IngestDocumentMutation, IngestDocumentMutationVariables>;
export const IngestionProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IngestionProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestionProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadJobParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadJobParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IngestionJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]} as unknown as DocumentNode<IngestionProgressSubscription, IngestionProgressSubscriptionVariables>;
export const IngestionJobStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IngestionJobState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestionJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadJobParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadJobParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IngestionJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]} as unknown as DocumentNode<IngestionJobStateQuery, IngestionJobStateQueryVariables>;
export const SearchKnowledgeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchKnowledge"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchMode"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchKnowledge"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"mode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mode"}}},{"kind":"Argument","name":{"kind":"Name","value":"k"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"highlight"}},{"kind":"Field","name":{"kind":"Name","value":"chunk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"citation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"sourceTitle"}},{"kind":"Field","name":{"kind":"Name","value":"sourceUri"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"headingPath"}},{"kind":"Field","name":{"kind":"Name","value":"charStart"}},{"kind":"Field","name":{"kind":"Name","value":"charEnd"}}]}}]}}]}}]} as unknown as DocumentNode<SearchKnowledgeQuery, SearchKnowledgeQueryVariables>;
export const FindLeadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindLeads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"k"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findLeads"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prompt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}}},{"kind":"Argument","name":{"kind":"Name","value":"k"},"value":{"kind":"Variable","name":{"kind":"Name","value":"k"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryId"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"llmCalls"}},{"kind":"Field","name":{"kind":"Name","value":"relaxedFilters"}},{"kind":"Field","name":{"kind":"Name","value":"query"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"}},{"kind":"Field","name":{"kind":"Name","value":"industries"}},{"kind":"Field","name":{"kind":"Name","value":"excludedIndustries"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"excludedCountries"}},{"kind":"Field","name":{"kind":"Name","value":"technologies"}},{"kind":"Field","name":{"kind":"Name","value":"excludedTechnologies"}},{"kind":"Field","name":{"kind":"Name","value":"exemplars"}},{"kind":"Field","name":{"kind":"Name","value":"employeeMin"}},{"kind":"Field","name":{"kind":"Name","value":"employeeMax"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"filtersMet"}},{"kind":"Field","name":{"kind":"Name","value":"filtersRelaxed"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"employeeCount"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}}]}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fit"}},{"kind":"Field","name":{"kind":"Name","value":"intent"}},{"kind":"Field","name":{"kind":"Name","value":"decay"}},{"kind":"Field","name":{"kind":"Name","value":"churnBoost"}},{"kind":"Field","name":{"kind":"Name","value":"jobPostingBoost"}},{"kind":"Field","name":{"kind":"Name","value":"filterFit"}},{"kind":"Field","name":{"kind":"Name","value":"exemplarSimilarity"}},{"kind":"Field","name":{"kind":"Name","value":"bm25"}},{"kind":"Field","name":{"kind":"Name","value":"weightFit"}},{"kind":"Field","name":{"kind":"Name","value":"weightIntent"}},{"kind":"Field","name":{"kind":"Name","value":"scorer"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"snippets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindLeadsQuery, FindLeadsQueryVariables>;
export const ReviewQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReviewQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchReviewQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewMatch"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewOpportunity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Opportunity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"closeDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewMatch"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Match"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signal"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewOpportunity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"odoo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewOpportunity"}}]}}]}}]} as unknown as DocumentNode<ReviewQueueQuery, ReviewQueueQueryVariables>;
export const ReviewQueuedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReviewQueued"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchReviewQueued"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewMatch"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewOpportunity"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Opportunity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"companyName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"closeDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewMatch"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Match"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"signals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signal"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewOpportunity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"odoo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReviewOpportunity"}}]}}]}}]} as unknown as DocumentNode<ReviewQueuedSubscription, ReviewQueuedSubscriptionVariables>;
export const ReviewDecidedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReviewDecided"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchDecided"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}}]} as unknown as DocumentNode<ReviewDecidedSubscription, ReviewDecidedSubscriptionVariables>;
export const ConfirmMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}}]} as unknown as DocumentNode<ConfirmMatchMutation, ConfirmMatchMutationVariables>;
export const RejectMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}}]} as unknown as DocumentNode<RejectMatchMutation, RejectMatchMutationVariables>;
export const SalesCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SalesCustomers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}}]}}]}}]}}]} as unknown as DocumentNode<SalesCustomersQuery, SalesCustomersQueryVariables>;
export const SalesCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SalesCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"personality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"style"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"scores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"D"}},{"kind":"Field","name":{"kind":"Name","value":"I"}},{"kind":"Field","name":{"kind":"Name","value":"S"}},{"kind":"Field","name":{"kind":"Name","value":"C"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"style"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"cues"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"decisionFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"factor"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"mentions"}},{"kind":"Field","name":{"kind":"Name","value":"concern"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"concern"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"interactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contentUsage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answers"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]}}]} as unknown as DocumentNode<SalesCustomerQuery, SalesCustomerQueryVariables>;
export const SeedPersonasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SeedPersonas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seedCustomerPersonas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SeedPersonasMutation, SeedPersonasMutationVariables>;
export const SalesContentStreamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SalesContentStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SalesContentKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"objection"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationMode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fresh"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"salesContentStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"objection"},"value":{"kind":"Variable","name":{"kind":"Name","value":"objection"}}},{"kind":"Argument","name":{"kind":"Name","value":"mode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mode"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"TEXT"}},{"kind":"Argument","name":{"kind":"Name","value":"fresh"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fresh"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delta"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"personality"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"fallbackReason"}},{"kind":"Field","name":{"kind":"Name","value":"feedbackScore"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promptTokens"}},{"kind":"Field","name":{"kind":"Name","value":"completionTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paragraphs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heading"}},{"kind":"Field","name":{"kind":"Name","value":"sentences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"citations"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"citations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"sourceTitle"}},{"kind":"Field","name":{"kind":"Name","value":"charStart"}},{"kind":"Field","name":{"kind":"Name","value":"charEnd"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"headingPath"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SalesContentStreamSubscription, SalesContentStreamSubscriptionVariables>;
export const RateSalesContentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RateSalesContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vote"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Vote"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateSalesContent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"contentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"vote"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vote"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"feedbackScore"}}]}}]}}]} as unknown as DocumentNode<RateSalesContentMutation, RateSalesContentMutationVariables>;
export const TalentListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TalentList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"talents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}}]}}]}}]}}]} as unknown as DocumentNode<TalentListQuery, TalentListQueryVariables>;
export const JobListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JobList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"company"}}]}}]}}]}}]} as unknown as DocumentNode<JobListQuery, JobListQueryVariables>;
export const MatchJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"talentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"talentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"talentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sharedSkills"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TalentMatchParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"location"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TalentMatchParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchExplanation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}}]}},{"kind":"Field","name":{"kind":"Name","value":"subScores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skills"}},{"kind":"Field","name":{"kind":"Name","value":"experience"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"salary"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<MatchJobsQuery, MatchJobsQueryVariables>;
export const MatchTalentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchTalents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchTalents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"modelVersion"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sharedSkills"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TalentMatchParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"talent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"location"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TalentMatchParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchExplanation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}}]}},{"kind":"Field","name":{"kind":"Name","value":"subScores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skills"}},{"kind":"Field","name":{"kind":"Name","value":"experience"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"salary"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<MatchTalentsQuery, MatchTalentsQueryVariables>;
export const CreateOwnTalentProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOwnTalentProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTalentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTalent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateOwnTalentProfileMutation, CreateOwnTalentProfileMutationVariables>;
export const RecordMatchFeedbackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordMatchFeedback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"talentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchFeedbackType"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMatchFeedback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}},{"kind":"Argument","name":{"kind":"Name","value":"talentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"talentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"created"}}]}}]}}]} as unknown as DocumentNode<RecordMatchFeedbackMutation, RecordMatchFeedbackMutationVariables>;
export const TalentModelVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TalentModelVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"talentModelVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"rmse"}},{"kind":"Field","name":{"kind":"Name","value":"mae"}},{"kind":"Field","name":{"kind":"Name","value":"ndcg"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<TalentModelVersionsQuery, TalentModelVersionsQueryVariables>;
export const TrainTalentModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TrainTalentModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"force"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainTalentModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"force"},"value":{"kind":"Variable","name":{"kind":"Name","value":"force"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<TrainTalentModelMutation, TrainTalentModelMutationVariables>;
export const TalentTrainingJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TalentTrainingJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"talentTrainingJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"resultJson"}}]}}]}}]} as unknown as DocumentNode<TalentTrainingJobQuery, TalentTrainingJobQueryVariables>;
export const SourceTextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SourceText"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"knowledgeSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"uri"}},{"kind":"Field","name":{"kind":"Name","value":"chunks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charStart"}},{"kind":"Field","name":{"kind":"Name","value":"charEnd"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SourceTextQuery, SourceTextQueryVariables>;