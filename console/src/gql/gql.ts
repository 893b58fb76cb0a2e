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
    "\n  fragment ImportJob on OpportunityJob {\n    id\n    kind\n    status\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n    importReport {\n      encoding\n      rows\n      inserted\n      updated\n      unchanged\n      failed\n      matchedRecords\n      errors {\n        line\n        externalId\n        reason\n      }\n    }\n  }\n": typeof types.ImportJobFragmentDoc,
    "\n  mutation ImportOpportunities($input: ImportOpportunitiesInput!) {\n    importOpportunities(input: $input) {\n      ...ImportJob\n    }\n  }\n": typeof types.ImportOpportunitiesDocument,
    "\n  subscription ImportJobProgress($jobId: ID!) {\n    opportunityJobProgress(jobId: $jobId) {\n      ...ImportJob\n    }\n  }\n": typeof types.ImportJobProgressDocument,
    "\n  query ImportJobState($id: ID!) {\n    opportunityJob(id: $id) {\n      ...ImportJob\n    }\n  }\n": typeof types.ImportJobStateDocument,
    "\n  query MatchingStatistics {\n    matchingStatistics {\n      pending\n      sources {\n        source\n        records\n        matched\n        unmatched\n      }\n      byStatus {\n        key\n        count\n      }\n      byConfidence {\n        key\n        count\n      }\n    }\n  }\n": typeof types.MatchingStatisticsDocument,
    "\n  query MatchingRuns {\n    matchingRuns(first: 10) {\n      schedule\n      slot\n      mode\n      skipped\n      job {\n        id\n        status\n        finishedAt\n      }\n    }\n  }\n": typeof types.MatchingRunsDocument,
    "\n  query MatchingMonitoring {\n    matchingMonitoring {\n      at\n      model\n      records\n      alerts {\n        kind\n        severity\n        message\n      }\n      freshness {\n        staleShare\n        missingVectors\n        otherModel\n        changedSinceMatched\n      }\n    }\n  }\n": typeof types.MatchingMonitoringDocument,
    "\n  query MatchingQuality($gold: String!) {\n    matchingQualityReport(gold: $gold) {\n      goldPairs\n      scoredPairs\n      configVersion\n      rationale\n      recommendedReview\n      recommendedAutoConfirm\n      html\n      best {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atReview {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atAutoConfirm {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n    }\n  }\n": typeof types.MatchingQualityDocument,
    "\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.IngestDocumentDocument,
    "\n  fragment UploadJobParts on IngestionJob {\n    id\n    status\n    sourceId\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n  }\n": typeof types.UploadJobPartsFragmentDoc,
    "\n  subscription IngestionProgress($jobId: ID!) {\n    ingestionProgress(jobId: $jobId) {\n      ...UploadJobParts\n    }\n  }\n": typeof types.IngestionProgressDocument,
    "\n  query IngestionJobState($id: ID!) {\n    ingestionJob(id: $id) {\n      ...UploadJobParts\n    }\n  }\n": typeof types.IngestionJobStateDocument,
    "\n  query SearchKnowledge($query: String!, $mode: SearchMode!) {\n    searchKnowledge(query: $query, mode: $mode, k: 10) {\n      score\n      highlight\n      chunk {\n        id\n      }\n      citation {\n        sourceId\n        sourceTitle\n        sourceUri\n        page\n        headingPath\n        charStart\n        charEnd\n      }\n    }\n  }\n": typeof types.SearchKnowledgeDocument,
    "\n  query FindLeads($prompt: String!, $k: Int!) {\n    findLeads(prompt: $prompt, k: $k) {\n      queryId\n      cached\n      candidates\n      costUsd\n      llmCalls\n      relaxedFilters\n      query {\n        product\n        industries\n        excludedIndustries\n        countries\n        excludedCountries\n        technologies\n        excludedTechnologies\n        exemplars\n        employeeMin\n        employeeMax\n        path\n        confidence\n      }\n      hits {\n        score\n        filtersMet\n        filtersRelaxed\n        lead {\n          id\n          companyName\n          industry\n          country\n          employeeCount\n          domain\n        }\n        explanation {\n          fit\n          intent\n          decay\n          churnBoost\n          jobPostingBoost\n          filterFit\n          exemplarSimilarity\n          bm25\n          weightFit\n          weightIntent\n          scorer\n          costUsd\n        }\n        snippets {\n          id\n          source\n          text\n          observedAt\n        }\n      }\n    }\n  }\n": typeof types.FindLeadsDocument,
    "\n  fragment ReviewOpportunity on Opportunity {\n    id\n    source\n    externalId\n    companyName\n    title\n    description\n    country\n    region\n    website\n    email\n    amount\n    stage\n    closeDate\n  }\n": typeof types.ReviewOpportunityFragmentDoc,
    "\n  fragment ReviewMatch on Match {\n    id\n    score\n    status\n    confidence\n    reviewer\n    decidedAt\n    signals {\n      signal\n      level\n      value\n      weight\n      contribution\n    }\n    apn {\n      ...ReviewOpportunity\n    }\n    odoo {\n      ...ReviewOpportunity\n    }\n  }\n": typeof types.ReviewMatchFragmentDoc,
    "\n  query ReviewQueue($first: Int!) {\n    matchReviewQueue(first: $first) {\n      nodes {\n        ...ReviewMatch\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  subscription ReviewQueued {\n    matchReviewQueued {\n      ...ReviewMatch\n    }\n  }\n": typeof types.ReviewQueuedDocument,
    "\n  subscription ReviewDecided {\n    matchDecided {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": typeof types.ReviewDecidedDocument,
    "\n  mutation ConfirmMatch($id: ID!) {\n    confirmMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": typeof types.ConfirmMatchDocument,
    "\n  mutation RejectMatch($id: ID!) {\n    rejectMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": typeof types.RejectMatchDocument,
    "\n  query SalesCustomers {\n    customers(first: 50) {\n      nodes {\n        id\n        company\n        stage\n      }\n    }\n  }\n": typeof types.SalesCustomersDocument,
    "\n  query SalesCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      company\n      industry\n      country\n      size\n      stage\n      domain\n      notes\n      contacts {\n        id\n        name\n        title\n        email\n        personality {\n          style\n          confidence\n          scores {\n            D\n            I\n            S\n            C\n          }\n          evidence {\n            style\n            sentence\n            cues\n          }\n        }\n      }\n      decisionFactors {\n        factor\n        weight\n        mentions\n        concern\n        evidence {\n          sentence\n          concern\n        }\n      }\n      interactions(first: 10) {\n        nodes {\n          id\n          kind\n          subject\n          body\n          occurredAt\n        }\n      }\n      contentUsage {\n        answers\n        costUsd\n      }\n    }\n  }\n": typeof types.SalesCustomerDocument,
    "\n  mutation SeedPersonas {\n    seedCustomerPersonas {\n      id\n    }\n  }\n": typeof types.SeedPersonasDocument,
    "\n  subscription SalesContentStream($customerId: ID!, $kind: SalesContentKind!, $objection: String, $mode: GenerationMode, $fresh: Boolean!) {\n    salesContentStream(customerId: $customerId, kind: $kind, objection: $objection, mode: $mode, format: TEXT, fresh: $fresh) {\n      delta\n      content {\n        id\n        kind\n        title\n        mode\n        model\n        personality\n        cached\n        fallbackReason\n        feedbackScore\n        latencyMs\n        usage {\n          promptTokens\n          completionTokens\n          costUsd\n        }\n        paragraphs {\n          heading\n          sentences {\n            text\n            citations\n          }\n        }\n        citations {\n          n\n          quote\n          sourceId\n          sourceTitle\n          charStart\n          charEnd\n          page\n          headingPath\n        }\n      }\n    }\n  }\n": typeof types.SalesContentStreamDocument,
    "\n  mutation RateSalesContent($contentId: ID!, $vote: Vote!) {\n    rateSalesContent(contentId: $contentId, vote: $vote) {\n      id\n      feedbackScore\n    }\n  }\n": typeof types.RateSalesContentDocument,
    "\n  fragment TalentMatchParts on MatchExplanation {\n    factors {\n      feature\n      sentence\n      impact\n    }\n    subScores {\n      skills\n      experience\n      location\n      salary\n      text\n    }\n  }\n": typeof types.TalentMatchPartsFragmentDoc,
    "\n  query TalentList {\n    talents(first: 50) {\n      nodes {\n        id\n        fullName\n        headline\n      }\n    }\n  }\n": typeof types.TalentListDocument,
    "\n  query JobList {\n    jobs(first: 50) {\n      nodes {\n        id\n        title\n        company\n      }\n    }\n  }\n": typeof types.JobListDocument,
    "\n  query MatchJobs($talentId: ID!) {\n    matchJobs(talentId: $talentId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      job {\n        id\n        title\n        company\n        location\n      }\n    }\n  }\n": typeof types.MatchJobsDocument,
    "\n  query MatchTalents($jobId: ID!) {\n    matchTalents(jobId: $jobId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      talent {\n        id\n        fullName\n        headline\n        location\n      }\n    }\n  }\n": typeof types.MatchTalentsDocument,
    "\n  mutation CreateOwnTalentProfile($input: CreateTalentInput!) {\n    createTalent(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateOwnTalentProfileDocument,
    "\n  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {\n    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {\n      id\n      type\n      created\n    }\n  }\n": typeof types.RecordMatchFeedbackDocument,
    "\n  query TalentModelVersions {\n    talentModelVersions {\n      version\n      active\n      createdAt\n      createdBy\n      rmse\n      mae\n      ndcg\n      reason\n      source\n    }\n  }\n": typeof types.TalentModelVersionsDocument,
    "\n  mutation TrainTalentModel($force: Boolean!) {\n    trainTalentModel(force: $force) {\n      id\n      status\n    }\n  }\n": typeof types.TrainTalentModelDocument,
    "\n  query TalentTrainingJob($id: ID!) {\n    talentTrainingJob(id: $id) {\n      id\n      status\n      lastError\n      resultJson\n    }\n  }\n": typeof types.TalentTrainingJobDocument,
    "\n  query SourceText($id: ID!) {\n    knowledgeSource(id: $id) {\n      id\n      title\n      uri\n      chunks(first: 100) {\n        nodes {\n          charStart\n          charEnd\n          text\n        }\n      }\n    }\n  }\n": typeof types.SourceTextDocument,
};
const documents: Documents = {
    "\n  fragment ImportJob on OpportunityJob {\n    id\n    kind\n    status\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n    importReport {\n      encoding\n      rows\n      inserted\n      updated\n      unchanged\n      failed\n      matchedRecords\n      errors {\n        line\n        externalId\n        reason\n      }\n    }\n  }\n": types.ImportJobFragmentDoc,
    "\n  mutation ImportOpportunities($input: ImportOpportunitiesInput!) {\n    importOpportunities(input: $input) {\n      ...ImportJob\n    }\n  }\n": types.ImportOpportunitiesDocument,
    "\n  subscription ImportJobProgress($jobId: ID!) {\n    opportunityJobProgress(jobId: $jobId) {\n      ...ImportJob\n    }\n  }\n": types.ImportJobProgressDocument,
    "\n  query ImportJobState($id: ID!) {\n    opportunityJob(id: $id) {\n      ...ImportJob\n    }\n  }\n": types.ImportJobStateDocument,
    "\n  query MatchingStatistics {\n    matchingStatistics {\n      pending\n      sources {\n        source\n        records\n        matched\n        unmatched\n      }\n      byStatus {\n        key\n        count\n      }\n      byConfidence {\n        key\n        count\n      }\n    }\n  }\n": types.MatchingStatisticsDocument,
    "\n  query MatchingRuns {\n    matchingRuns(first: 10) {\n      schedule\n      slot\n      mode\n      skipped\n      job {\n        id\n        status\n        finishedAt\n      }\n    }\n  }\n": types.MatchingRunsDocument,
    "\n  query MatchingMonitoring {\n    matchingMonitoring {\n      at\n      model\n      records\n      alerts {\n        kind\n        severity\n        message\n      }\n      freshness {\n        staleShare\n        missingVectors\n        otherModel\n        changedSinceMatched\n      }\n    }\n  }\n": types.MatchingMonitoringDocument,
    "\n  query MatchingQuality($gold: String!) {\n    matchingQualityReport(gold: $gold) {\n      goldPairs\n      scoredPairs\n      configVersion\n      rationale\n      recommendedReview\n      recommendedAutoConfirm\n      html\n      best {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atReview {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atAutoConfirm {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n    }\n  }\n": types.MatchingQualityDocument,
    "\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      status\n    }\n  }\n": types.IngestDocumentDocument,
    "\n  fragment UploadJobParts on IngestionJob {\n    id\n    status\n    sourceId\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n  }\n": types.UploadJobPartsFragmentDoc,
    "\n  subscription IngestionProgress($jobId: ID!) {\n    ingestionProgress(jobId: $jobId) {\n      ...UploadJobParts\n    }\n  }\n": types.IngestionProgressDocument,
    "\n  query IngestionJobState($id: ID!) {\n    ingestionJob(id: $id) {\n      ...UploadJobParts\n    }\n  }\n": types.IngestionJobStateDocument,
    "\n  query SearchKnowledge($query: String!, $mode: SearchMode!) {\n    searchKnowledge(query: $query, mode: $mode, k: 10) {\n      score\n      highlight\n      chunk {\n        id\n      }\n      citation {\n        sourceId\n        sourceTitle\n        sourceUri\n        page\n        headingPath\n        charStart\n        charEnd\n      }\n    }\n  }\n": types.SearchKnowledgeDocument,
    "\n  query FindLeads($prompt: String!, $k: Int!) {\n    findLeads(prompt: $prompt, k: $k) {\n      queryId\n      cached\n      candidates\n      costUsd\n      llmCalls\n      relaxedFilters\n      query {\n        product\n        industries\n        excludedIndustries\n        countries\n        excludedCountries\n        technologies\n        excludedTechnologies\n        exemplars\n        employeeMin\n        employeeMax\n        path\n        confidence\n      }\n      hits {\n        score\n        filtersMet\n        filtersRelaxed\n        lead {\n          id\n          companyName\n          industry\n          country\n          employeeCount\n          domain\n        }\n        explanation {\n          fit\n          intent\n          decay\n          churnBoost\n          jobPostingBoost\n          filterFit\n          exemplarSimilarity\n          bm25\n          weightFit\n          weightIntent\n          scorer\n          costUsd\n        }\n        snippets {\n          id\n          source\n          text\n          observedAt\n        }\n      }\n    }\n  }\n": types.FindLeadsDocument,
    "\n  fragment ReviewOpportunity on Opportunity {\n    id\n    source\n    externalId\n    companyName\n    title\n    description\n    country\n    region\n    website\n    email\n    amount\n    stage\n    closeDate\n  }\n": types.ReviewOpportunityFragmentDoc,
    "\n  fragment ReviewMatch on Match {\n    id\n    score\n    status\n    confidence\n    reviewer\n    decidedAt\n    signals {\n      signal\n      level\n      value\n      weight\n      contribution\n    }\n    apn {\n      ...ReviewOpportunity\n    }\n    odoo {\n      ...ReviewOpportunity\n    }\n  }\n": types.ReviewMatchFragmentDoc,
    "\n  query ReviewQueue($first: Int!) {\n    matchReviewQueue(first: $first) {\n      nodes {\n        ...ReviewMatch\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  subscription ReviewQueued {\n    matchReviewQueued {\n      ...ReviewMatch\n    }\n  }\n": types.ReviewQueuedDocument,
    "\n  subscription ReviewDecided {\n    matchDecided {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": types.ReviewDecidedDocument,
    "\n  mutation ConfirmMatch($id: ID!) {\n    confirmMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": types.ConfirmMatchDocument,
    "\n  mutation RejectMatch($id: ID!) {\n    rejectMatch(id: $id) {\n      id\n      status\n      reviewer\n      decidedAt\n    }\n  }\n": types.RejectMatchDocument,
    "\n  query SalesCustomers {\n    customers(first: 50) {\n      nodes {\n        id\n        company\n        stage\n      }\n    }\n  }\n": types.SalesCustomersDocument,
    "\n  query SalesCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      company\n      industry\n      country\n      size\n      stage\n      domain\n      notes\n      contacts {\n        id\n        name\n        title\n        email\n        personality {\n          style\n          confidence\n          scores {\n            D\n            I\n            S\n            C\n          }\n          evidence {\n            style\n            sentence\n            cues\n          }\n        }\n      }\n      decisionFactors {\n        factor\n        weight\n        mentions\n        concern\n        evidence {\n          sentence\n          concern\n        }\n      }\n      interactions(first: 10) {\n        nodes {\n          id\n          kind\n          subject\n          body\n          occurredAt\n        }\n      }\n      contentUsage {\n        answers\n        costUsd\n      }\n    }\n  }\n": types.SalesCustomerDocument,
    "\n  mutation SeedPersonas {\n    seedCustomerPersonas {\n      id\n    }\n  }\n": types.SeedPersonasDocument,
    "\n  subscription SalesContentStream($customerId: ID!, $kind: SalesContentKind!, $objection: String, $mode: GenerationMode, $fresh: Boolean!) {\n    salesContentStream(customerId: $customerId, kind: $kind, objection: $objection, mode: $mode, format: TEXT, fresh: $fresh) {\n      delta\n      content {\n        id\n        kind\n        title\n        mode\n        model\n        personality\n        cached\n        fallbackReason\n        feedbackScore\n        latencyMs\n        usage {\n          promptTokens\n          completionTokens\n          costUsd\n        }\n        paragraphs {\n          heading\n          sentences {\n            text\n            citations\n          }\n        }\n        citations {\n          n\n          quote\n          sourceId\n          sourceTitle\n          charStart\n          charEnd\n          page\n          headingPath\n        }\n      }\n    }\n  }\n": types.SalesContentStreamDocument,
    "\n  mutation RateSalesContent($contentId: ID!, $vote: Vote!) {\n    rateSalesContent(contentId: $contentId, vote: $vote) {\n      id\n      feedbackScore\n    }\n  }\n": types.RateSalesContentDocument,
    "\n  fragment TalentMatchParts on MatchExplanation {\n    factors {\n      feature\n      sentence\n      impact\n    }\n    subScores {\n      skills\n      experience\n      location\n      salary\n      text\n    }\n  }\n": types.TalentMatchPartsFragmentDoc,
    "\n  query TalentList {\n    talents(first: 50) {\n      nodes {\n        id\n        fullName\n        headline\n      }\n    }\n  }\n": types.TalentListDocument,
    "\n  query JobList {\n    jobs(first: 50) {\n      nodes {\n        id\n        title\n        company\n      }\n    }\n  }\n": types.JobListDocument,
    "\n  query MatchJobs($talentId: ID!) {\n    matchJobs(talentId: $talentId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      job {\n        id\n        title\n        company\n        location\n      }\n    }\n  }\n": types.MatchJobsDocument,
    "\n  query MatchTalents($jobId: ID!) {\n    matchTalents(jobId: $jobId, limit: 10) {\n      score\n      modelVersion\n      source\n      sharedSkills\n      explanation {\n        ...TalentMatchParts\n      }\n      talent {\n        id\n        fullName\n        headline\n        location\n      }\n    }\n  }\n": types.MatchTalentsDocument,
    "\n  mutation CreateOwnTalentProfile($input: CreateTalentInput!) {\n    createTalent(input: $input) {\n      id\n    }\n  }\n": types.CreateOwnTalentProfileDocument,
    "\n  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {\n    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {\n      id\n      type\n      created\n    }\n  }\n": types.RecordMatchFeedbackDocument,
    "\n  query TalentModelVersions {\n    talentModelVersions {\n      version\n      active\n      createdAt\n      createdBy\n      rmse\n      mae\n      ndcg\n      reason\n      source\n    }\n  }\n": types.TalentModelVersionsDocument,
    "\n  mutation TrainTalentModel($force: Boolean!) {\n    trainTalentModel(force: $force) {\n      id\n      status\n    }\n  }\n": types.TrainTalentModelDocument,
    "\n  query TalentTrainingJob($id: ID!) {\n    talentTrainingJob(id: $id) {\n      id\n      status\n      lastError\n      resultJson\n    }\n  }\n": types.TalentTrainingJobDocument,
    "\n  query SourceText($id: ID!) {\n    knowledgeSource(id: $id) {\n      id\n      title\n      uri\n      chunks(first: 100) {\n        nodes {\n          charStart\n          charEnd\n          text\n        }\n      }\n    }\n  }\n": types.SourceTextDocument,
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
export function graphql(source: "\n  fragment ImportJob on OpportunityJob {\n    id\n    kind\n    status\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n    importReport {\n      encoding\n      rows\n      inserted\n      updated\n      unchanged\n      failed\n      matchedRecords\n      errors {\n        line\n        externalId\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ImportJob on OpportunityJob {\n    id\n    kind\n    status\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n    importReport {\n      encoding\n      rows\n      inserted\n      updated\n      unchanged\n      failed\n      matchedRecords\n      errors {\n        line\n        externalId\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportOpportunities($input: ImportOpportunitiesInput!) {\n    importOpportunities(input: $input) {\n      ...ImportJob\n    }\n  }\n"): (typeof documents)["\n  mutation ImportOpportunities($input: ImportOpportunitiesInput!) {\n    importOpportunities(input: $input) {\n      ...ImportJob\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ImportJobProgress($jobId: ID!) {\n    opportunityJobProgress(jobId: $jobId) {\n      ...ImportJob\n    }\n  }\n"): (typeof documents)["\n  subscription ImportJobProgress($jobId: ID!) {\n    opportunityJobProgress(jobId: $jobId) {\n      ...ImportJob\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJobState($id: ID!) {\n    opportunityJob(id: $id) {\n      ...ImportJob\n    }\n  }\n"): (typeof documents)["\n  query ImportJobState($id: ID!) {\n    opportunityJob(id: $id) {\n      ...ImportJob\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchingStatistics {\n    matchingStatistics {\n      pending\n      sources {\n        source\n        records\n        matched\n        unmatched\n      }\n      byStatus {\n        key\n        count\n      }\n      byConfidence {\n        key\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchingStatistics {\n    matchingStatistics {\n      pending\n      sources {\n        source\n        records\n        matched\n        unmatched\n      }\n      byStatus {\n        key\n        count\n      }\n      byConfidence {\n        key\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchingRuns {\n    matchingRuns(first: 10) {\n      schedule\n      slot\n      mode\n      skipped\n      job {\n        id\n        status\n        finishedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchingRuns {\n    matchingRuns(first: 10) {\n      schedule\n      slot\n      mode\n      skipped\n      job {\n        id\n        status\n        finishedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchingMonitoring {\n    matchingMonitoring {\n      at\n      model\n      records\n      alerts {\n        kind\n        severity\n        message\n      }\n      freshness {\n        staleShare\n        missingVectors\n        otherModel\n        changedSinceMatched\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchingMonitoring {\n    matchingMonitoring {\n      at\n      model\n      records\n      alerts {\n        kind\n        severity\n        message\n      }\n      freshness {\n        staleShare\n        missingVectors\n        otherModel\n        changedSinceMatched\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchingQuality($gold: String!) {\n    matchingQualityReport(gold: $gold) {\n      goldPairs\n      scoredPairs\n      configVersion\n      rationale\n      recommendedReview\n      recommendedAutoConfirm\n      html\n      best {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atReview {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atAutoConfirm {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchingQuality($gold: String!) {\n    matchingQualityReport(gold: $gold) {\n      goldPairs\n      scoredPairs\n      configVersion\n      rationale\n      recommendedReview\n      recommendedAutoConfirm\n      html\n      best {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atReview {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n      atAutoConfirm {\n        threshold\n        precision\n        recall\n        f1\n        tp\n        fp\n        fn\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation IngestDocument($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UploadJobParts on IngestionJob {\n    id\n    status\n    sourceId\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n  }\n"): (typeof documents)["\n  fragment UploadJobParts on IngestionJob {\n    id\n    status\n    sourceId\n    lastError\n    progress {\n      stage\n      done\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IngestionProgress($jobId: ID!) {\n    ingestionProgress(jobId: $jobId) {\n      ...UploadJobParts\n    }\n  }\n"): (typeof documents)["\n  subscription IngestionProgress($jobId: ID!) {\n    ingestionProgress(jobId: $jobId) {\n      ...UploadJobParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestionJobState($id: ID!) {\n    ingestionJob(id: $id) {\n      ...UploadJobParts\n    }\n  }\n"): (typeof documents)["\n  query IngestionJobState($id: ID!) {\n    ingestionJob(id: $id) {\n      ...UploadJobParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchKnowledge($query: String!, $mode: SearchMode!) {\n    searchKnowledge(query: $query, mode: $mode, k: 10) {\n      score\n      highlight\n      chunk {\n        id\n      }\n      citation {\n        sourceId\n        sourceTitle\n        sourceUri\n        page\n        headingPath\n        charStart\n        charEnd\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchKnowledge($query: String!, $mode: SearchMode!) {\n    searchKnowledge(query: $query, mode: $mode, k: 10) {\n      score\n      highlight\n      chunk {\n        id\n      }\n      citation {\n        sourceId\n        sourceTitle\n        sourceUri\n        page\n        headingPath\n        charStart\n        charEnd\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query SalesCustomers {\n    customers(first: 50) {\n      nodes {\n        id\n        company\n        stage\n      }\n    }\n  }\n"): (typeof documents)["\n  query SalesCustomers {\n    customers(first: 50) {\n      nodes {\n        id\n        company\n        stage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      company\n      industry\n      country\n      size\n      stage\n      domain\n      notes\n      contacts {\n        id\n        name\n        title\n        email\n        personality {\n          style\n          confidence\n          scores {\n            D\n            I\n            S\n            C\n          }\n          evidence {\n            style\n            sentence\n            cues\n          }\n        }\n      }\n      decisionFactors {\n        factor\n        weight\n        mentions\n        concern\n        evidence {\n          sentence\n          concern\n        }\n      }\n      interactions(first: 10) {\n        nodes {\n          id\n          kind\n          subject\n          body\n          occurredAt\n        }\n      }\n      contentUsage {\n        answers\n        costUsd\n      }\n    }\n  }\n"): (typeof documents)["\n  query SalesCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      company\n      industry\n      country\n      size\n      stage\n      domain\n      notes\n      contacts {\n        id\n        name\n        title\n        email\n        personality {\n          style\n          confidence\n          scores {\n            D\n            I\n            S\n            C\n          }\n          evidence {\n            style\n            sentence\n            cues\n          }\n        }\n      }\n      decisionFactors {\n        factor\n        weight\n        mentions\n        concern\n        evidence {\n          sentence\n          concern\n        }\n      }\n      interactions(first: 10) {\n        nodes {\n          id\n          kind\n          subject\n          body\n          occurredAt\n        }\n      }\n      contentUsage {\n        answers\n        costUsd\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedPersonas {\n    seedCustomerPersonas {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SeedPersonas {\n    seedCustomerPersonas {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SalesContentStream($customerId: ID!, $kind: SalesContentKind!, $objection: String, $mode: GenerationMode, $fresh: Boolean!) {\n    salesContentStream(customerId: $customerId, kind: $kind, objection: $objection, mode: $mode, format: TEXT, fresh: $fresh) {\n      delta\n      content {\n        id\n        kind\n        title\n        mode\n        model\n        personality\n        cached\n        fallbackReason\n        feedbackScore\n        latencyMs\n        usage {\n          promptTokens\n          completionTokens\n          costUsd\n        }\n        paragraphs {\n          heading\n          sentences {\n            text\n            citations\n          }\n        }\n        citations {\n          n\n          quote\n          sourceId\n          sourceTitle\n          charStart\n          charEnd\n          page\n          headingPath\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SalesContentStream($customerId: ID!, $kind: SalesContentKind!, $objection: String, $mode: GenerationMode, $fresh: Boolean!) {\n    salesContentStream(customerId: $customerId, kind: $kind, objection: $objection, mode: $mode, format: TEXT, fresh: $fresh) {\n      delta\n      content {\n        id\n        kind\n        title\n        mode\n        model\n        personality\n        cached\n        fallbackReason\n        feedbackScore\n        latencyMs\n        usage {\n          promptTokens\n          completionTokens\n          costUsd\n        }\n        paragraphs {\n          heading\n          sentences {\n            text\n            citations\n          }\n        }\n        citations {\n          n\n          quote\n          sourceId\n          sourceTitle\n          charStart\n          charEnd\n          page\n          headingPath\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateSalesContent($contentId: ID!, $vote: Vote!) {\n    rateSalesContent(contentId: $contentId, vote: $vote) {\n      id\n      feedbackScore\n    }\n  }\n"): (typeof documents)["\n  mutation RateSalesContent($contentId: ID!, $vote: Vote!) {\n    rateSalesContent(contentId: $contentId, vote: $vote) {\n      id\n      feedbackScore\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation CreateOwnTalentProfile($input: CreateTalentInput!) {\n    createTalent(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOwnTalentProfile($input: CreateTalentInput!) {\n    createTalent(input: $input) {\n      id\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceText($id: ID!) {\n    knowledgeSource(id: $id) {\n      id\n      title\n      uri\n      chunks(first: 100) {\n        nodes {\n          charStart\n          charEnd\n          text\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SourceText($id: ID!) {\n    knowledgeSource(id: $id) {\n      id\n      title\n      uri\n      chunks(first: 100) {\n        nodes {\n          charStart\n          charEnd\n          text\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;