import { sentences, words } from "./text.js";

/**
 * Customer intelligence from what the customer said: a DISC-style personality per contact, the
 * decision factors of the account (with their weight and the sentences that show them) and the
 * objections raised. Rule-based on purpose: every conclusion points at the sentences behind it,
 * and the same text always gives the same profile.
 */

export const DISC_STYLES = ["D", "I", "S", "C"] as const;
export type DiscStyle = (typeof DISC_STYLES)[number];

export const FACTORS = ["price", "roi", "security", "compliance", "integration", "support", "performance", "scalability", "usability", "implementation"] as const;
export type Factor = (typeof FACTORS)[number];

/** Cue phrases per style (matched on word boundaries, lower case). */
const DISC_CUES: Record<DiscStyle, string[]> = {
  D: ["bottom line", "results", "now", "quickly", "fast", "decide", "decision", "deadline", "asap", "immediately", "win", "beat", "competitive", "competition", "get to the point", "cut to", "need it", "control", "demand", "by friday", "this quarter", "don't waste", "straight"],
  I: ["excited", "love", "amazing", "awesome", "great", "fun", "team", "everyone", "people", "share", "story", "vision", "inspiring", "enthusiastic", "fantastic", "celebrate", "community", "brainstorm", "ideas", "can't wait"],
  S: ["stable", "stability", "support", "supported", "careful", "together", "step by step", "reliable", "comfortable", "transition", "gradual", "consistent", "patience", "patient", "trust", "disruption", "familiar", "help", "reassure", "calm", "our staff"],
  C: ["data", "detail", "details", "detailed", "documentation", "documented", "specification", "accuracy", "accurate", "precise", "exactly", "evidence", "benchmark", "verify", "proof", "test", "tested", "numbers", "metrics", "audit", "analysis", "methodology", "report", "certification", "process"],
};

const FACTOR_CUES: Record<Factor, string[]> = {
  price: ["price", "prices", "pricing", "cost", "costs", "expensive", "cheaper", "budget", "discount", "license", "licence", "fee", "fees", "afford", "per month", "dollars"],
  roi: ["roi", "return on investment", "payback", "savings", "save", "value", "tco", "total cost", "business case", "worth it"],
  security: ["security", "secure", "encryption", "encrypted", "encrypt", "breach", "sso", "single sign-on", "access control", "vulnerability", "penetration", "keys", "mfa", "attack"],
  compliance: ["compliance", "compliant", "gdpr", "hipaa", "soc 2", "iso", "regulator", "regulation", "regulated", "residency", "data processing agreement", "dpa", "audit log", "audit logs", "legal"],
  integration: ["integration", "integrate", "integrates", "api", "apis", "connector", "connectors", "salesforce", "sap", "erp", "webhook", "snowflake", "existing systems", "our stack"],
  support: ["support", "help desk", "response time", "account manager", "24/7", "customer success", "escalation", "service level", "sla"],
  performance: ["performance", "latency", "slow", "speed", "throughput", "real time", "real-time", "fast enough", "uptime", "downtime", "outage"],
  scalability: ["scale", "scaling", "scalable", "growth", "volume", "volumes", "million rows", "billions", "peak", "capacity"],
  usability: ["easy to use", "usability", "user-friendly", "learning curve", "intuitive", "interface", "training", "complicated", "complex to use"],
  implementation: ["implementation", "implement", "rollout", "roll out", "migration", "migrate", "timeline", "deploy", "deployment", "onboarding", "go-live", "go live", "cutover", "weeks"],
};

/** Words and phrases that turn a mention into a concern. */
const CONCERN_CUES = [
  "concern", "concerned", "concerns", "worried", "worry", "worries", "too expensive", "too high", "too slow", "not sure", "unsure", "doubt", "doubts", "problem", "issue",
  "risk", "risky", "can't", "cannot", "won't", "lack", "lacks", "missing", "hesitant", "unclear", "afraid", "skeptical", "sceptical", "pushback", "objection", "blocker",
  "no budget", "over budget", "not convinced", "struggle", "fear", "fears", "expensive", "don't have", "do not have", "isn't", "is not", "aren't",
];

function cuePattern(cues: string[]): RegExp {
  const escaped = [...cues].sort((a, b) => b.length - a.length).map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![a-z0-9])(?:${escaped.join("|")})(?![a-z0-9])`, "g");
}

const DISC_RE = Object.fromEntries(DISC_STYLES.map((s) => [s, cuePattern(DISC_CUES[s])])) as Record<DiscStyle, RegExp>;
const FACTOR_RE = Object.fromEntries(FACTORS.map((f) => [f, cuePattern(FACTOR_CUES[f])])) as Record<Factor, RegExp>;
const CONCERN_RE = cuePattern(CONCERN_CUES);

const matches = (re: RegExp, text: string): string[] => [...text.toLowerCase().matchAll(re)].map((m) => m[0]);

/** A sentence some text said, and where. */
export interface SourcedText {
  /** The interaction (or other record) the text comes from. */
  sourceId: string;
  text: string;
}

export interface DiscEvidence {
  style: DiscStyle;
  sentence: string;
  cues: string[];
  interactionId: string;
}

export interface DiscProfile {
  style: DiscStyle;
  /** Shares of the cue hits per style (add-one smoothed), summing to 1. */
  scores: Record<DiscStyle, number>;
  /** How far the winning style leads: 0 (a tie or no evidence) to 1. */
  confidence: number;
  evidence: DiscEvidence[];
}

/** The DISC profile of one contact from their own sentences; null when no sentence shows any style. */
export function assessDisc(texts: SourcedText[], maxEvidence = 6): DiscProfile | null {
  const hits: Record<DiscStyle, number> = { D: 0, I: 0, S: 0, C: 0 };
  const evidence: DiscEvidence[] = [];
  for (const t of texts) {
    for (const s of sentences(t.text)) {
      for (const style of DISC_STYLES) {
        const cues = matches(DISC_RE[style], s.text);
        // Exclamations are a mark of the influencer's enthusiasm.
        if (style === "I" && s.text.endsWith("!")) cues.push("!");
        if (cues.length === 0) continue;
        hits[style] += cues.length;
        evidence.push({ style, sentence: s.text, cues, interactionId: t.sourceId });
      }
    }
  }
  const total = DISC_STYLES.reduce((n, s) => n + hits[s], 0);
  if (total === 0) return null;
  const smoothed = DISC_STYLES.map((s) => hits[s] + 1);
  const sum = smoothed.reduce((a, b) => a + b, 0);
  const scores = Object.fromEntries(DISC_STYLES.map((s, i) => [s, smoothed[i]! / sum])) as Record<DiscStyle, number>;
  // Ties go to the earlier style in D, I, S, C order (stable and documented).
  const style = DISC_STYLES.reduce((best, s) => (hits[s] > hits[best] ? s : best), "D" as DiscStyle);
  const ranked = DISC_STYLES.map((s) => scores[s]).sort((a, b) => b - a);
  const confidence = Math.min(1, (ranked[0]! - ranked[1]!) / ranked[0]!);
  const strongest = evidence.filter((e) => e.style === style).sort((a, b) => b.cues.length - a.cues.length);
  return { style, scores, confidence, evidence: [...strongest, ...evidence.filter((e) => e.style !== style)].slice(0, maxEvidence) };
}

export interface FactorEvidence {
  sentence: string;
  cues: string[];
  interactionId: string;
  sentenceIndex: number;
  concern: boolean;
}

export interface DecisionFactor {
  factor: Factor;
  /** Share of the account's decision weight (factors sum to 1). */
  weight: number;
  mentions: number;
  /** Share of the mentions that were concerns. */
  concern: number;
  evidence: FactorEvidence[];
}

export interface DetectedObjection {
  interactionId: string;
  sentenceIndex: number;
  text: string;
  factor: Factor | "other";
}

export function factorsOf(sentence: string): Factor[] {
  return FACTORS.filter((f) => matches(FACTOR_RE[f], sentence).length > 0);
}

export function isConcern(sentence: string): boolean {
  if (matches(CONCERN_RE, sentence).length > 0) return true;
  // "…, but the connectors for SAP …": a reservation about a factor.
  return /\b(but|however)\b/i.test(sentence) && factorsOf(sentence).length > 0;
}

/** The first factor a text names (by cue count), or "other". */
export function primaryFactor(text: string): Factor | "other" {
  let best: Factor | "other" = "other";
  let bestHits = 0;
  for (const f of FACTORS) {
    const n = matches(FACTOR_RE[f], text).length;
    if (n > bestHits) {
      best = f;
      bestHits = n;
    }
  }
  return best;
}

/**
 * Decision factors and objections of an account from its interactions. A factor's weight grows
 * with its mentions, and a concern counts one and a half times (what worries a buyer weighs more
 * in the decision than what they merely ask about).
 */
export function analyseInteractions(texts: SourcedText[], maxEvidence = 4): { factors: DecisionFactor[]; objections: DetectedObjection[] } {
  const byFactor = new Map<Factor, { mentions: number; concerns: number; evidence: FactorEvidence[] }>();
  const objections: DetectedObjection[] = [];
  for (const t of texts) {
    sentences(t.text).forEach((s, sentenceIndex) => {
      const factors = factorsOf(s.text);
      const concern = isConcern(s.text);
      for (const factor of factors) {
        const entry = byFactor.get(factor) ?? { mentions: 0, concerns: 0, evidence: [] };
        entry.mentions++;
        if (concern) entry.concerns++;
        entry.evidence.push({ sentence: s.text, cues: matches(FACTOR_RE[factor], s.text), interactionId: t.sourceId, sentenceIndex, concern });
        byFactor.set(factor, entry);
      }
      if (concern && (factors.length > 0 || matches(CONCERN_RE, s.text).length > 1)) {
        objections.push({ interactionId: t.sourceId, sentenceIndex, text: s.text, factor: factors.length > 0 ? primaryFactor(s.text) : "other" });
      }
    });
  }
  const raw = [...byFactor.entries()].map(([factor, e]) => ({ factor, e, score: e.mentions + 0.5 * e.concerns }));
  const total = raw.reduce((n, r) => n + r.score, 0);
  const factors = raw
    .map(({ factor, e, score }) => ({
      factor,
      weight: total > 0 ? score / total : 0,
      mentions: e.mentions,
      concern: e.mentions > 0 ? e.concerns / e.mentions : 0,
      evidence: [...e.evidence].sort((a, b) => Number(b.concern) - Number(a.concern)).slice(0, maxEvidence),
    }))
    .sort((a, b) => b.weight - a.weight || a.factor.localeCompare(b.factor));
  return { factors, objections };
}

/** Words of a text, for callers that only need to know whether two texts share vocabulary. */
export const contentWords = words;
