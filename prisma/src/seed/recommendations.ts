import type { Prisma } from "../../generated/client.js";
import { SEED_EPOCH, daysBefore, seedId } from "./ids.js";
import type { Rng } from "./prng.js";
import type { SeedRow } from "./types.js";
import { INDUSTRIES, makeCompany, withArticle } from "./vocabulary.js";

type ItemData = Prisma.RecommendationItemCreateManyInput;
type FeedbackData = Prisma.RecommendationFeedbackCreateManyInput;
type Kind = "content" | "case_study" | "objection_response" | "playbook";

const THEMES = [
  { name: "SAP migration", tag: "sap" },
  { name: "data platform modernisation", tag: "data" },
  { name: "contact centre AI", tag: "contact-centre" },
  { name: "generative AI", tag: "genai" },
  { name: "security and compliance", tag: "security" },
  { name: "ERP rollout", tag: "erp" },
  { name: "Kubernetes platforms", tag: "kubernetes" },
  { name: "cost optimisation", tag: "finops" },
  { name: "disaster recovery", tag: "dr" },
  { name: "e-commerce", tag: "ecommerce" },
] as const;

const CONTENT_FORMATS = [
  ["Whitepaper", "A whitepaper"],
  ["Webinar recording", "A webinar recording"],
  ["Blog post", "A blog post"],
  ["Checklist", "A checklist"],
  ["Solution brief", "A solution brief"],
  ["ROI calculator", "An ROI calculator"],
  ["Reference architecture", "A reference architecture"],
] as const;

const OBJECTIONS = [
  { objection: "We don't have budget this year", response: "Offer a phased start funded from the savings of the first phase, and show the cost of waiting another year" },
  { objection: "We are locked into our current vendor", response: "Map the contract end dates and propose a parallel pilot that needs no migration until the renewal window" },
  { objection: "Security will never approve a cloud service", response: "Bring the SOC 2 Type II report, data residency options and a call with our security lead into the first meeting" },
  { objection: "Our data is too messy for this", response: "Explain that matching on embeddings tolerates inconsistent names and formats, and offer a free data assessment" },
  { objection: "We tried something similar and it failed", response: "Ask what failed, then show a customer in the same industry that succeeded with a narrower first use case" },
  { objection: "The timing is wrong, come back next quarter", response: "Agree on a concrete trigger event and date, and leave a short business case the champion can circulate" },
  { objection: "We can build this ourselves", response: "Compare the build effort, model upkeep and on-call costs with a subscription, using the TCO worksheet" },
  { objection: "Your competitor is cheaper", response: "Shift the conversation to outcomes and total cost, and highlight the integration work the cheaper option leaves to the customer" },
];

const PLAYBOOK_MOTIONS = [
  "Land with opportunity matching, expand to lead intent",
  "Co-sell with AWS on migration deals",
  "Renewal risk rescue",
  "Executive sponsor programme",
  "Partner-sourced pipeline acceleration",
  "Proof of value in four weeks",
  "Cross-sell knowledge search to support teams",
  "Public sector tender response",
];

function item(index: number, kind: Kind, rng: Rng): SeedRow<ItemData> {
  const theme = rng.pick(THEMES);
  const industry = rng.pick(INDUSTRIES);
  let title: string;
  let body: string;
  switch (kind) {
    case "content": {
      const [format, described] = rng.pick(CONTENT_FORMATS);
      title = `${format}: ${theme.name} for ${industry.toLowerCase()}`;
      body = `${described} that explains how ${industry.toLowerCase()} companies approach ${theme.name}: common starting points, a reference architecture and the metrics to track. Share it after a first discovery call when the prospect mentions ${theme.name}.`;
      break;
    }
    case "case_study": {
      const customer = makeCompany(rng, industry);
      const gain = rng.int(18, 65);
      const weeks = rng.int(6, 30);
      title = `${customer.brand}: ${theme.name} in ${weeks} weeks`;
      body = `${customer.legalName}, ${withArticle(industry.toLowerCase())} company in ${customer.country.name}, completed its ${theme.name} programme in ${weeks} weeks and reports ${gain}% ${rng.pick(["lower run costs", "faster time to quote", "fewer duplicate deals", "shorter hiring cycles", "higher agent productivity"])}. Reference call available on request.`;
      break;
    }
    case "objection_response": {
      const o = rng.pick(OBJECTIONS);
      title = `"${o.objection}" — ${theme.name}`;
      body = `${o.response}. In ${theme.name} deals, back this up with the matching case study for ${industry.toLowerCase()}.`;
      break;
    }
    case "playbook": {
      const motion = rng.pick(PLAYBOOK_MOTIONS);
      title = `Playbook: ${motion} (${theme.name})`;
      body = `Who: account executives in ${industry.toLowerCase()}. When: ${rng.pick(["after a qualified intent signal", "90 days before renewal", "when a partner registers an opportunity", "after a successful pilot"])}. Steps: 1) confirm the trigger, 2) send the matching content, 3) book a ${rng.pick(["discovery", "technical deep-dive", "executive"])} meeting within two weeks, 4) agree a mutual success plan.`;
      break;
    }
  }
  const created = daysBefore(rng.int(0, 300), rng.next());
  const data: ItemData & { id: string } = {
    id: seedId(`recommendation_item:${index}`),
    kind,
    title,
    body,
    tags: [theme.tag, kind.replace("_", "-"), industry.toLowerCase().replace(/[^a-z]+/g, "-")],
    createdAt: created,
    updatedAt: created,
  };
  return { data, text: `${title}\n${body}` };
}

const KIND_MIX: readonly (readonly [Kind, number])[] = [["content", 7], ["case_study", 5], ["objection_response", 5], ["playbook", 3]];
const SIGNAL_MIX = [["click", 6], ["up", 3], ["down", 1], ["dismiss", 2]] as const;

/** ~200 items (content, case studies, objection responses, playbooks) and ~400 feedback events. */
export function buildRecommendations(rng: Rng, itemCount = 200, feedbackCount = 400): { items: SeedRow<ItemData>[]; feedback: FeedbackData[] } {
  const items = Array.from({ length: itemCount }, (_, i) => item(i, rng.weighted(KIND_MIX), rng));
  const feedback: (FeedbackData & { id: string })[] = [];
  // One vote (up / down) per user and item, as the database enforces: a second vote drawn for the same pair is a click.
  const voted = new Set<string>();
  for (let i = 0; i < feedbackCount; i++) {
    const target = rng.pick(items);
    const itemCreated = new Date(target.data.createdAt ?? SEED_EPOCH).getTime();
    const userId = `user-${String(rng.int(1, 40)).padStart(3, "0")}`;
    let signal: string = rng.weighted(SIGNAL_MIX);
    if (signal === "up" || signal === "down") {
      const pair = `${target.data.id}\u0000${userId}`;
      if (voted.has(pair)) signal = "click";
      voted.add(pair);
    }
    const context = rng.chance(0.7) ? rng.pick(["opportunity_detail", "lead_search", "deal_review", "weekly_digest", "knowledge_search"]) : null;
    const createdAt = new Date(Math.round(itemCreated + rng.next() * (SEED_EPOCH - itemCreated)));
    feedback.push({ id: seedId(`recommendation_feedback:${i}`), itemId: target.data.id, userId, signal, context, createdAt, updatedAt: createdAt });
  }
  return { items, feedback };
}
