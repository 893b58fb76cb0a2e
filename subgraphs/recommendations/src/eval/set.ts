/**
 * The evaluation set of grounded generation: 30 objections and 8 content requests over the shipped
 * sample knowledge base (examples/knowledge: security, pricing, implementation and product
 * documents written for the project), each with the passages that should be cited, named by the
 * heading they sit under (the most specific heading of the citation's heading path).
 *
 * - `acceptable`: headings a citation may come from and still be right (precision);
 * - `must`: groups of headings; an answer covers a group when it cites one of its headings (recall).
 *
 * Items are split once, by position (every third item is `dev`): nothing is tuned on `test`.
 */
export interface EvalItem {
  id: string;
  split: "dev" | "test";
  /** companyKey of the persona the request is for (testdata/personas.ts). */
  customer: string;
  kind: "objection_response" | "email" | "call_script" | "one_pager" | "talking_points";
  objection?: string;
  acceptable: string[];
  must: string[][];
}

const PERSONAS = ["ironclad logistics", "brightside media", "harbor health partners", "quantix analytics"];

type Raw = Omit<EvalItem, "id" | "split" | "customer"> & { customer?: string };

const one = (objection: string, headings: string[], must: string[][] = [headings]): Raw => ({ kind: "objection_response", objection, acceptable: headings, must });

const RAW: Raw[] = [
  one("How is our data encrypted at rest?", ["Encryption"]),
  one("Who manages the encryption keys, and can we bring our own key?", ["Encryption"]),
  one("Is our data encrypted in transit between our systems and yours?", ["Encryption"]),
  one("Do you support single sign-on with Okta?", ["Identity and access"]),
  one("How quickly is access removed when an employee leaves the company?", ["Identity and access"]),
  one("Can we see who exported data and when they did it?", ["Audit logging"]),
  one("How long do you keep audit logs?", ["Audit logging"]),
  one("Are you SOC 2 certified, and can we see the report?", ["Certifications and compliance"]),
  one("We handle patient data, so we need a HIPAA Business Associate Agreement.", ["Certifications and compliance"]),
  one("Our regulator requires that our data stays in the UK.", ["Data residency"]),
  one("Can support engineers in other countries see our data?", ["Data residency"]),
  one("How often do you run penetration tests?", ["Vulnerability management"]),
  one("How fast do you patch critical vulnerabilities?", ["Vulnerability management"]),
  one("Your price is too high for a team of our size.", ["Plans", "Discounts", "Free trial"], [["Plans", "Discounts"]]),
  one("Do you offer a discount for a multi-year contract?", ["Discounts"]),
  one("We are a university with a very small budget.", ["Discounts"]),
  one("Switching from our current vendor would cost us too much.", ["Migration credits", "Total cost of ownership"], [["Migration credits"]]),
  one("What does it cost when we sync more rows than the plan includes?", ["Plans"]),
  one("How can we justify the investment to our CFO?", ["Total cost of ownership"]),
  one("We want to try the platform before we commit to a contract.", ["Free trial"]),
  one("How long does the implementation take?", ["Typical timeline"]),
  one("Does it connect to SAP and Salesforce?", ["Integrations", "Share"], [["Integrations"]]),
  one("What if one of our systems has no pre-built connector?", ["Integrations"]),
  one("How fast will support respond when something breaks at night?", ["Support"]),
  one("What happens if you miss your uptime SLA?", ["Uptime"]),
  one("Our administrators will need training on a new tool.", ["Training"]),
  one("How fresh will the data in our warehouse be?", ["Sync"]),
  one("We worry about personal data ending up in the warehouse.", ["Governance", "Encryption"], [["Governance"]]),
  one("A schema change in a source system breaks our pipelines today.", ["Governance"]),
  one("How will we know which reports a change to a source column affects?", ["Model"]),
  {
    customer: "ironclad logistics",
    kind: "email",
    acceptable: ["Plans", "Discounts", "Migration credits", "Total cost of ownership", "Free trial", "Typical timeline"],
    must: [["Typical timeline"], ["Plans", "Discounts", "Migration credits", "Total cost of ownership"]],
  },
  {
    customer: "harbor health partners",
    kind: "one_pager",
    acceptable: ["Certifications and compliance", "Support", "Typical timeline", "Training", "Uptime", "Data residency", "Audit logging"],
    must: [["Certifications and compliance"], ["Support"]],
  },
  {
    customer: "quantix analytics",
    kind: "talking_points",
    acceptable: ["Encryption", "Data residency", "Certifications and compliance", "Audit logging", "Vulnerability management", "Identity and access"],
    must: [["Encryption"], ["Data residency", "Certifications and compliance"]],
  },
  {
    customer: "brightside media",
    kind: "call_script",
    acceptable: ["Integrations", "Share", "Training", "Sync", "Model"],
    must: [["Integrations", "Share"]],
  },
  {
    customer: "quantix analytics",
    kind: "email",
    acceptable: ["Encryption", "Data residency", "Certifications and compliance", "Audit logging", "Vulnerability management", "Identity and access"],
    must: [["Encryption"]],
  },
  {
    customer: "ironclad logistics",
    kind: "call_script",
    acceptable: ["Plans", "Discounts", "Migration credits", "Total cost of ownership", "Free trial", "Typical timeline"],
    must: [["Typical timeline"]],
  },
  {
    customer: "harbor health partners",
    kind: "email",
    acceptable: ["Certifications and compliance", "Support", "Typical timeline", "Training", "Uptime", "Data residency", "Audit logging"],
    must: [["Certifications and compliance"]],
  },
  {
    customer: "brightside media",
    kind: "talking_points",
    acceptable: ["Integrations", "Share", "Training", "Sync", "Model"],
    must: [["Integrations", "Share"]],
  },
];

export const EVAL_SET: EvalItem[] = RAW.map((r, i) => ({
  ...r,
  id: `${r.kind === "objection_response" ? "obj" : "content"}-${String(i + 1).padStart(2, "0")}`,
  split: i % 3 === 2 ? "dev" : "test",
  customer: r.customer ?? PERSONAS[i % PERSONAS.length]!,
}));

/** What an answer cited, as the evaluation reads it. */
export interface EvalAnswer {
  citedHeadings: string[];
  sentences: number;
  citedSentences: number;
  verbatim: boolean;
}

export interface EvalScores {
  items: number;
  citationPrecision: number;
  citationRecall: number;
  citedSentenceShare: number;
  verbatim: boolean;
}

/** Micro precision over all citations, macro recall over the `must` groups, sentence share over all claim sentences. */
export function scoreEval(pairs: Array<{ item: EvalItem; answer: EvalAnswer }>): EvalScores {
  let cited = 0;
  let right = 0;
  let groups = 0;
  let covered = 0;
  let sentences = 0;
  let citedSentences = 0;
  let verbatim = true;
  for (const { item, answer } of pairs) {
    cited += answer.citedHeadings.length;
    right += answer.citedHeadings.filter((h) => item.acceptable.includes(h)).length;
    for (const g of item.must) {
      groups++;
      if (g.some((h) => answer.citedHeadings.includes(h))) covered++;
    }
    sentences += answer.sentences;
    citedSentences += answer.citedSentences;
    verbatim &&= answer.verbatim;
  }
  return {
    items: pairs.length,
    citationPrecision: cited ? right / cited : 0,
    citationRecall: groups ? covered / groups : 0,
    citedSentenceShare: sentences ? citedSentences / sentences : 0,
    verbatim,
  };
}
