import type { DiscStyle, Factor } from "../analysis/profile.js";

/**
 * Versioned prompt and layout templates. A change to any wording here is a new TEMPLATE_VERSION:
 * it is part of the cache key and stored with every answer, so effectiveness can be compared by version.
 */
export const TEMPLATE_VERSION = 2;

export const CONTENT_KINDS = ["email", "call_script", "one_pager", "talking_points", "objection_response"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const FORMATS = ["markdown", "html", "text", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** What each factor's section asks the knowledge base when the customer said nothing more specific. */
export const FACTOR_QUERY: Record<Factor, string> = {
  price: "pricing plans discounts migration credits",
  roi: "total cost of ownership savings payback",
  security: "how is customer data encrypted and protected",
  compliance: "certifications compliance GDPR HIPAA SOC 2 data residency",
  integration: "connectors integrations APIs supported systems",
  support: "support response times and service levels",
  performance: "uptime SLA performance latency",
  scalability: "scale rows volumes limits",
  usability: "easy to use interface training",
  implementation: "implementation timeline migration onboarding",
};

export const FACTOR_HEADING: Record<Factor | "other", string> = {
  price: "Pricing",
  roi: "Return on investment",
  security: "Security",
  compliance: "Compliance",
  integration: "Integration",
  support: "Support",
  performance: "Performance",
  scalability: "Scale",
  usability: "Ease of use",
  implementation: "Implementation",
  other: "Your question",
};

/** Sections when the account shows no decision factor yet. */
export const DEFAULT_FACTORS: Factor[] = ["roi", "security", "implementation"];

export interface Tone {
  /** Cited sentences per section. */
  sentencesPerSection: number;
  greeting: (name: string) => string;
  objectionOpening: (factorHeading: string) => string;
  closing: string;
  /** For the LLM: how to write. */
  llmHint: string;
}

/** Tone by the contact's DISC style: D short and direct, I warm, S reassuring and stepwise, C precise and sourced. */
export const TONES: Record<DiscStyle | "neutral", Tone> = {
  D: {
    sentencesPerSection: 1,
    greeting: (n) => `${n}, here is the short version.`,
    objectionOpening: (h) => `${h}: the facts, briefly.`,
    closing: "Shall we agree the next step this week?",
    llmHint: "direct and brief, results first",
  },
  I: {
    sentencesPerSection: 2,
    greeting: (n) => `Hi ${n}, it was great talking with you and the team!`,
    objectionOpening: (h) => `Great question about ${h.toLowerCase()}, here is what our customers get.`,
    closing: "Looking forward to sharing more with your team soon!",
    llmHint: "warm and enthusiastic",
  },
  S: {
    sentencesPerSection: 2,
    greeting: (n) => `Dear ${n}, thank you for your time; here is what you asked about, step by step.`,
    objectionOpening: (h) => `Thank you for raising ${h.toLowerCase()}; here is how it works.`,
    closing: "We will support your team through every step, and we are happy to walk through it together.",
    llmHint: "calm, reassuring and step by step",
  },
  C: {
    sentencesPerSection: 3,
    greeting: (n) => `Dear ${n}, please find the details below, each with its source.`,
    objectionOpening: (h) => `On ${h.toLowerCase()}, the documented facts are these.`,
    closing: "Each statement links to its source document; let me know what you would like to verify.",
    llmHint: "precise and factual, with numbers",
  },
  neutral: {
    sentencesPerSection: 2,
    greeting: (n) => `Hello ${n},`,
    objectionOpening: (h) => `About ${h.toLowerCase()}:`,
    closing: "Happy to answer any further questions.",
    llmHint: "clear and friendly",
  },
};

export const TITLES: Record<ContentKind, (company: string) => string> = {
  email: (c) => `Follow-up for ${c}`,
  call_script: (c) => `Call script: ${c}`,
  one_pager: (c) => `${c}: what matters to you`,
  talking_points: (c) => `Talking points for ${c}`,
  objection_response: (c) => `Answer for ${c}`,
};

export const LLM_SYSTEM = "Rewrite the numbered facts for a customer. Use only these facts. End each sentence with its fact number, like [1].";
