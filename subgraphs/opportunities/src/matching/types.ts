/** An opportunity's own fields, as imported or entered. */
export interface RecordFields {
  externalId: string;
  companyName: string;
  website: string | null;
  email: string | null;
  /** "" when unmapped or empty (the store's title is NOT NULL). */
  title: string;
  description: string | null;
  stage: string | null;
  country: string | null;
  region: string | null;
  /** ISO `YYYY-MM-DD`. */
  closeDate: string | null;
  amount: number | null;
}

/** The two systems an opportunity comes from. */
export type OpportunitySourceName = "apn" | "odoo";

/**
 * One signal's part in a pair's score: the signal's value (null when a side lacks the data), its
 * weight in the logistic model, and `contribution = weight × value` in log-odds — the pair's
 * explanation, read like Splink's match weights.
 */
export interface SignalContribution {
  signal: string;
  value: number | null;
  weight: number;
  contribution: number;
  /** The comparison level's label ("em" scoring: value is the level's index). */
  level?: string;
}

export type Confidence = "high" | "medium" | "low";
export type MatchStatus = "candidate" | "proposed" | "auto_confirmed" | "confirmed" | "rejected";

/** A scored pair as reports and exports see it. */
export interface ScoredPair {
  apnExternalId: string;
  odooExternalId: string;
  apnName: string;
  odooName: string;
  score: number;
  confidence: Confidence;
  status: MatchStatus;
  signals: SignalContribution[];
}

/** A known true pair (gold standard), by external ids. */
export interface GoldPair {
  apnExternalId: string;
  odooExternalId: string;
}
