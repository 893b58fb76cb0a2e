/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query FindLeads($prompt: String!, $k: Int!) {\n    findLeads(prompt: $prompt, k: $k) {\n      queryId\n      cached\n      candidates\n      costUsd\n      llmCalls\n      relaxedFilters\n      query {\n        product\n        industries\n        excludedIndustries\n        countries\n        excludedCountries\n        technologies\n        excludedTechnologies\n        exemplars\n        employeeMin\n        employeeMax\n        path\n        confidence\n      }\n      hits {\n        score\n        filtersMet\n        filtersRelaxed\n        lead {\n          id\n          companyName\n          industry\n          country\n          employeeCount\n          domain\n        }\n        explanation {\n          fit\n          intent\n          decay\n          churnBoost\n          jobPostingBoost\n          filterFit\n          exemplarSimilarity\n          bm25\n          weightFit\n          weightIntent\n          scorer\n          costUsd\n        }\n        snippets {\n          id\n          source\n          text\n          observedAt\n        }\n      }\n    }\n  }\n": typeof types.FindLeadsDocument,
    "\n  fragment ReviewOpportunity on Opportunity {\n    id\n    source\n    externalId\n    companyName\n    title\n    description\n    country\n    region\n    website\n    email\n    amount\n    stage\n    closeDate\n  }\n": typeof types.ReviewOpportunityFragmentDoc,
    "\n  fragment ReviewMatch on Match {\n    id\n    score\n    status\n    confidence\n    reviewer\n    decidedAt\n    signals {\n      signal\n      level\n      value\n      weight\n      contribution\n    }\n    apn {\n      ...ReviewOpportunity\n    }\n    odoo {\n      ...ReviewOpportunity\n    }\n  }\n": typeof types.ReviewMatchFragmentDoc,
    "\n  query ReviewQueue($first: Int!) {\n    matchReviewQueue(first: $first) {\n      nodes {\n        ...ReviewMatch\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  subscription ReviewQueued {\n    matchReviewQueued {\n      ...ReviewMatch\n    }\n  }\n": typeof types.ReviewQueuedDocument,
    "\n  subscription ReviewDecided {\n    matchDecided {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": typeof types.ReviewDecidedDocument,
    "\n  mutation ConfirmMatch($id: ID!) {\n    confirmMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": typeof types.ConfirmMatchDocument,
    "\n  mutation RejectMatch($id: ID!) {\n    rejectMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": typeof types.RejectMatchDocument,
    "\n  fragment TalentMatchParts on MatchExplanation {\n    factors {\n      feature\n      sentence\n      impact\n    }\n    subScores {\n      skills\n      experience\n      location\n      salary\n      text\n    }\n  }\n": typeof types.TalentMatchPartsFragmentDoc,
    "\n  query TalentList {\n    talents(first: 50) {\n      nodes {\n        id\n        fullName\n        headline\n      }\n    }\n  }\n": typeof types.TalentListDocument,
    "\n  query JobList {\n    jobs(first: 50) {\n      nodes {\n        id\n        title\n        company\n      }\n    }\n  }\n": typeof types.JobListDocument,
    "\n  query MatchJobs($talentId: ID!) {\n    matchJobs(talentId: $talentId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      job {\n        id\n        title\n        company\n        location\n      }\n    }\n  }\n": typeof types.MatchJobsDocument,
    "\n  query MatchTalents($jobId: ID!) {\n    matchTalents(jobId: $jobId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      talent {\n        id\n        fullName\n        headline\n        location\n      }\n    }\n  }\n": typeof types.MatchTalentsDocument,
    "\n  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {\n    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {\n      id\n      type\n      created\n    }\n  }\n": typeof types.RecordMatchFeedbackDocument,
    "\n  query TalentModelVersions {\n    talentModelVersions {\n      version\n      active\n      createdAt\n      createdBy\n      rmse\n      mae\n      ndcg\n      reason\n      source\n    }\n  }\n": typeof types.TalentModelVersionsDocument,
    "\n  mutation TrainTalentModel($force: Boolean!) {\n    trainTalentModel(force: $force) {\n      id\n      status\n    }\n  }\n": typeof types.TrainTalentModelDocument,
    "\n  query TalentTrainingJob($id: ID!) {\n    talentTrainingJob(id: $id) {\n      id\n      status\n      lastError\n      resultJson\n    }\n  }\n": typeof types.TalentTrainingJobDocument,
};
const documents: Documents = {
    "\n  query FindLeads($prompt: String!, $k: Int!) {\n    findLeads(prompt: $prompt, k: $k) {\n      queryId\n      cached\n      candidates\n      costUsd\n      llmCalls\n      relaxedFilters\n      query {\n        product\n        industries\n        excludedIndustries\n        countries\n        excludedCountries\n        technologies\n        excludedTechnologies\n        exemplars\n        employeeMin\n        employeeMax\n        path\n        confidence\n      }\n      hits {\n        score\n        filtersMet\n        filtersRelaxed\n        lead {\n          id\n          companyName\n          industry\n          country\n          employeeCount\n          domain\n        }\n        explanation {\n          fit\n          intent\n          decay\n          churnBoost\n          jobPostingBoost\n          filterFit\n          exemplarSimilarity\n          bm25\n          weightFit\n          weightIntent\n          scorer\n          costUsd\n        }\n        snippets {\n          id\n          source\n          text\n          observedAt\n        }\n      }\n    }\n  }\n": types.FindLeadsDocument,
    "\n  fragment ReviewOpportunity on Opportunity {\n    id\n    source\n    externalId\n    companyName\n    title\n    description\n    country\n    region\n    website\n    email\n    amount\n    stage\n    closeDate\n  }\n": types.ReviewOpportunityFragmentDoc,
    "\n  fragment ReviewMatch on Match {\n    id\n    score\n    status\n    confidence\n    reviewer\n    decidedAt\n    signals {\n      signal\n      level\n      value\n      weight\n      contribution\n    }\n    apn {\n      ...ReviewOpportunity\n    }\n    odoo {\n      ...ReviewOpportunity\n    }\n  }\n": types.ReviewMatchFragmentDoc,
    "\n  query ReviewQueue($first: Int!) {\n    matchReviewQueue(first: $first) {\n      nodes {\n        ...ReviewMatch\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  subscription ReviewQueued {\n    matchReviewQueued {\n      ...ReviewMatch\n    }\n  }\n": types.ReviewQueuedDocument,
    "\n  subscription ReviewDecided {\n    matchDecided {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": types.ReviewDecidedDocument,
    "\n  mutation ConfirmMatch($id: ID!) {\n    confirmMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": types.ConfirmMatchDocument,
    "\n  mutation RejectMatch($id: ID!) {\n    rejectMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": types.RejectMatchDocument,
    "\n  fragment TalentMatchParts on MatchExplanation {\n    factors {\n      feature\n      sentence\n      impact\n    }\n    subScores {\n      skills\n      experience\n      location\n      salary\n      text\n    }\n  }\n": types.TalentMatchPartsFragmentDoc,
    "\n  query TalentList {\n    talents(first: 50) {\n      nodes {\n        id\n        fullName\n        headline\n      }\n    }\n  }\n": types.TalentListDocument,
    "\n  query JobList {\n    jobs(first: 50) {\n      nodes {\n        id\n        title\n        company\n      }\n    }\n  }\n": types.JobListDocument,
    "\n  query MatchJobs($talentId: ID!) {\n    matchJobs(talentId: $talentId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      job {\n        id\n        title\n        company\n        location\n      }\n    }\n  }\n": types.MatchJobsDocument,
    "\n  query MatchTalents($jobId: ID!) {\n    matchTalents(jobId: $jobId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      talent {\n        id\n        fullName\n        headline\n        location\n      }\n    }\n  }\n": types.MatchTalentsDocument,
    "\n  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {\n    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {\n      id\n      type\n      created\n    }\n  }\n": types.RecordMatchFeedbackDocument,
    "\n  query TalentModelVersions {\n    talentModelVersions {\n      version\n      active\n      createdAt\n      createdBy\n      rmse\n      mae\n      ndcg\n      reason\n      source\n    }\n  }\n": types.TalentModelVersionsDocument,
    "\n  mutation TrainTalentModel($force: Boolean!) {\n    trainTalentModel(force: $force) {\n      id\n      status\n    }\n  }\n": types.TrainTalentModelDocument,
    "\n  query TalentTrainingJob($id: ID!) {\n    talentTrainingJob(id: $id) {\n      id\n      status\n      lastError\n      resultJson\n    }\n  }\n": types.TalentTrainingJobDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindLeads($prompt: String!, $k: Int!) {\n    findLeads(prompt: $prompt, k: $k) {\n      queryId\n      cached\n      candidates\n      costUsd\n      llmCalls\n      relaxedFilters\n      query {\n        product\n        industries\n        excludedIndustries\n        countries\n        excludedCountries\n        technologies\n        excludedTechnologies\n        exemplars\n        employeeMin\n        employeeMax\n        path\n        confidence\n      }\n      hits {\n        score\n        filtersMet\n        filtersRelaxed\n        lead {\n          id\n          companyName\n          industry\n          country\n          employeeCount\n          domain\n        }\n        explanation {\n          fit\n          intent\n          decay\n          churnBoost\n          jobPostingBoost\n          filterFit\n          exemplarSimilarity\n          bm25\n          weightFit\n          weightIntent\n          scorer\n          costUsd\n        }\n        snippets {\n          id\n          source\n          text\n          observedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FindLeads($prompt: String!, $k: Int!) {\n    findLeads(prompt: $prompt, k: $k) {\n      queryId\n      cached\n      candidates\n      costUsd\n      llmCalls\n      relaxedFilters\n      query {\n        product\n        industries\n        excludedIndustries\n        countries\n        excludedCountries\n        technologies\n        excludedTechnologies\n        exemplars\n        employeeMin\n        employeeMax\n        path\n        confidence\n      }\n      hits {\n        score\n        filtersMet\n        filtersRelaxed\n        lead {\n          id\n          companyName\n          industry\n          country\n          employeeCount\n          domain\n        }\n        explanation {\n          fit\n          intent\n          decay\n          churnBoost\n          jobPostingBoost\n          filterFit\n          exemplarSimilarity\n          bm25\n          weightFit\n          weightIntent\n          scorer\n          costUsd\n        }\n        snippets {\n          id\n          source\n          text\n          observedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewOpportunity on Opportunity {\n    id\n    source\n    externalId\n    companyName\n    title\n    description\n    country\n    region\n    website\n    email\n    amount\n    stage\n    closeDate\n  }\n"): (typeof documents)["\n  fragment ReviewOpportunity on Opportunity {\n    id\n    source\n    externalId\n    companyName\n    title\n    description\n    country\n    region\n    website\n    email\n    amount\n    stage\n    closeDate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewMatch on Match {\n    id\n    score\n    status\n    confidence\n    reviewer\n    decidedAt\n    signals {\n      signal\n      level\n      value\n      weight\n      contribution\n    }\n    apn {\n      ...ReviewOpportunity\n    }\n    odoo {\n      ...ReviewOpportunity\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewMatch on Match {\n    id\n    score\n    status\n    confidence\n    reviewer\n    decidedAt\n    signals {\n      signal\n      level\n      value\n      weight\n      contribution\n    }\n    apn {\n      ...ReviewOpportunity\n    }\n    odoo {\n      ...ReviewOpportunity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($first: Int!) {\n    matchReviewQueue(first: $first) {\n      nodes {\n        ...ReviewMatch\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($first: Int!) {\n    matchReviewQueue(first: $first) {\n      nodes {\n        ...ReviewMatch\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReviewQueued {\n    matchReviewQueued {\n      ...ReviewMatch\n    }\n  }\n"): (typeof documents)["\n  subscription ReviewQueued {\n    matchReviewQueued {\n      ...ReviewMatch\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReviewDecided {\n    matchDecided {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n"): (typeof documents)["\n  subscription ReviewDecided {\n    matchDecided {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMatch($id: ID!) {\n    confirmMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmMatch($id: ID!) {\n    confirmMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectMatch($id: ID!) {\n    rejectMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RejectMatch($id: ID!) {\n    rejectMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TalentMatchParts on MatchExplanation {\n    factors {\n      feature\n      sentence\n      impact\n    }\n    subScores {\n      skills\n      experience\n      location\n      salary\n      text\n    }\n  }\n"): (typeof documents)["\n  fragment TalentMatchParts on MatchExplanation {\n    factors {\n      feature\n      sentence\n      impact\n    }\n    subScores {\n      skills\n      experience\n      location\n      salary\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TalentList {\n    talents(first: 50) {\n      nodes {\n        id\n        fullName\n        headline\n      }\n    }\n  }\n"): (typeof documents)["\n  query TalentList {\n    talents(first: 50) {\n      nodes {\n        id\n        fullName\n        headline\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobList {\n    jobs(first: 50) {\n      nodes {\n        id\n        title\n        company\n      }\n    }\n  }\n"): (typeof documents)["\n  query JobList {\n    jobs(first: 50) {\n      nodes {\n        id\n        title\n        company\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchJobs($talentId: ID!) {\n    matchJobs(talentId: $talentId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      job {\n        id\n        title\n        company\n        location\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchJobs($talentId: ID!) {\n    matchJobs(talentId: $talentId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      job {\n        id\n        title\n        company\n        location\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchTalents($jobId: ID!) {\n    matchTalents(jobId: $jobId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      talent {\n        id\n        fullName\n        headline\n        location\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchTalents($jobId: ID!) {\n    matchTalents(jobId: $jobId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      talent {\n        id\n        fullName\n        headline\n        location\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {\n    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {\n      id\n      type\n      created\n    }\n  }\n"): (typeof documents)["\n  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {\n    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {\n      id\n      type\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TalentModelVersions {\n    talentModelVersions {\n      version\n      active\n      createdAt\n      createdBy\n      rmse\n      mae\n      ndcg\n      reason\n      source\n    }\n  }\n"): (typeof documents)["\n  query TalentModelVersions {\n    talentModelVersions {\n      version\n      active\n      createdAt\n      createdBy\n      rmse\n      mae\n      ndcg\n      reason\n      source\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainTalentModel($force: Boolean!) {\n    trainTalentModel(force: $force) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation TrainTalentModel($force: Boolean!) {\n    trainTalentModel(force: $force) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TalentTrainingJob($id: ID!) {\n    talentTrainingJob(id: $id) {\n      id\n      status\n      lastError\n      resultJson\n    }\n  }\n"): (typeof documents)["\n  query TalentTrainingJob($id: ID!) {\n    talentTrainingJob(id: $id) {\n      id\n      status\n      lastError\n      resultJson\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;