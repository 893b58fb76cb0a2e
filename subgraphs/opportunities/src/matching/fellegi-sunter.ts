import { assignOneToOne } from "./assign.js";
import type { PairFeatures } from "./score.js";
import type { MatchStatus } from "./types.js";

/**
 * Zero-label scoring: a Fellegi–Sunter model whose parameters are estimated from the unlabelled
 * candidate pairs themselves by expectation–maximisation (as Splink does), optionally with review
 * decisions as fixed labels.
 *
 * Every pair is compared on a few comparisons; each comparison puts the pair in one of its levels
 * (level 0 is the strongest agreement, the last the clearest disagreement; null when a side lacks
 * the data, which is no evidence either way). For each level the model holds
 * - m = P(level | the pair is a match) and u = P(level | it is not),
 * and the match weight of a level is ln(m / u), the log-odds it adds. With λ the share of matches
 * among the candidates, a pair's probability is sigmoid(ln(λ / (1 − λ)) + Σ ln(m / u)).
 *
 * Levels are defined on signals that carry over to any mapped CSV (names, titles, descriptions,
 * dates, amounts, domains, countries); nothing here knows a dataset.
 */

export interface ComparisonDef {
  name: string;
  description: string;
  /** Level labels, strongest agreement first. */
  levels: readonly string[];
}

/** What comparison levels are computed from: the pair's raw comparisons and the extra ones below. */
export interface ComparisonInput extends PairFeatures {
  /** Normalised names equal (and not empty). */
  nameExact: boolean;
  /** IDF-weighted token cosine of the normalised names; null when a name is empty. */
  nameIdf: number | null;
  /** IDF-weighted token cosine of the deal titles (company words removed); null when a title is empty. */
  titleIdf: number | null;
  /**
   * Numbers and codes in the titles (tokens with a digit: "Phase 2", "X200"): 1 they share one,
   * 0 only one title has any, -1 both have some and share none; null when neither has any.
   */
  titleCodes: 1 | 0 | -1 | null;
  /** Days between the close dates; null when one is missing. */
  closeDays: number | null;
}

/**
 * Comparisons that are not independent given the class are one joint comparison whose levels are
 * every pair of their parts' levels, so that the model counts their evidence once (the
 * independence the Fellegi–Sunter model assumes holds between comparisons, not within one):
 * - a company name shared by many deals says less than one held by a single deal (Splink's
 *   term-frequency adjustment, here as levels): name × company deals;
 * - the context vector embeds the title, so title tokens and context cosine agree together:
 *   context × title. Without the joint level, EM takes "same words in title and description"
 *   (on bibliographic data: same authors, same venue) for the match class.
 */
const NAME_LEVELS = ["exact", "alias", "near", "acronym", "similar", "weak", "different"] as const;
const DEAL_LEVELS = ["one deal", "two or three deals", "four or more deals"] as const;
const CONTEXT_LEVELS = [">= 0.95", ">= 0.9", ">= 0.85", ">= 0.8", ">= 0.75", ">= 0.7", ">= 0.6", "< 0.6"] as const;
/** The last: no title on one side (the context still compares the descriptions). */
const TITLE_LEVELS = ["title >= 0.8", "title >= 0.5", "title >= 0.2", "title < 0.2", "no title"] as const;

/** Labels of a joint comparison: every level of `a` with every level of `b`, `a` major. */
const joint = (a: readonly string[], b: readonly string[]) => a.flatMap((x) => b.map((y) => `${x}, ${y}`));

export const COMPARISONS = [
  {
    name: "name",
    description:
      "Company names (exact, alias, near: typo or IDF tokens, acronym, similar, weak, different), with the deals of the company in the source with more of them: a name many deals share is weaker evidence",
    levels: joint(NAME_LEVELS, DEAL_LEVELS),
  },
  { name: "domain", description: "Registrable domain of website / e-mail", levels: ["same", "different"] },
  { name: "country", description: "Country", levels: ["same", "different"] },
  {
    name: "context",
    description: "Cosine of the title + description vectors, with the IDF-weighted token similarity of the deal titles (the vector embeds the title: one piece of evidence)",
    levels: joint(CONTEXT_LEVELS, TITLE_LEVELS),
  },
  { name: "title_codes", description: "Numbers and codes in the titles", levels: ["shared", "one side only", "different"] },
  { name: "close_date", description: "Days between the close dates", levels: ["<= 1", "<= 7", "<= 14", "<= 30", "<= 60", "<= 120", "<= 180", "> 180"] },
  { name: "amount", description: "Ratio of the amounts (smaller / larger)", levels: [">= 0.95", ">= 0.85", ">= 0.7", ">= 0.6", ">= 0.4", "< 0.4"] },
] as const satisfies readonly ComparisonDef[];

export type ComparisonName = (typeof COMPARISONS)[number]["name"];
export const COMPARISON_COUNT = COMPARISONS.length;

/** One level index per comparison (null: no evidence). */
export type Levels = Array<number | null>;

const step = (x: number | null, cuts: readonly number[]): number | null => {
  if (x === null) return null;
  for (let i = 0; i < cuts.length; i++) if (x >= cuts[i]!) return i;
  return cuts.length;
};

/** The comparison levels of a pair. */
export function comparisonLevels(f: ComparisonInput): Levels {
  let name: number | null;
  if (f.nameIdf === null) name = null;
  else if (f.nameExact) name = 0;
  else if (f.alias === 1) name = 1;
  else if (f.nameJaroWinkler >= 0.95 || f.nameIdf >= 0.9) name = 2;
  else if (f.acronym === 1) name = 3;
  else if (f.nameJaroWinkler >= 0.88 || f.nameIdf >= 0.6 || (f.identityCosine ?? 0) >= 0.9) name = 4;
  else if (f.nameIdf >= 0.3 || f.nameTrigram >= 0.4 || (f.identityCosine ?? 0) >= 0.8) name = 5;
  else name = 6;
  const deals = f.companyDeals <= 1 ? 0 : f.companyDeals <= 3 ? 1 : 2;
  const context = step(f.contextCosine, [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6]);
  const title = f.titleIdf === null ? TITLE_LEVELS.length - 1 : step(f.titleIdf, [0.8, 0.5, 0.2])!;
  const days = f.closeDays;
  return [
    name === null ? null : name * DEAL_LEVELS.length + deals,
    f.domain === null ? null : f.domain === 1 ? 0 : 1,
    f.country === null ? null : f.country === 1 ? 0 : 1,
    context === null ? null : context * TITLE_LEVELS.length + title,
    f.titleCodes === null ? null : f.titleCodes === 1 ? 0 : f.titleCodes === 0 ? 1 : 2,
    days === null ? null : step(-days, [-1, -7, -14, -30, -60, -120, -180]),
    step(f.amount, [0.95, 0.85, 0.7, 0.6, 0.4]),
  ];
}

export interface LevelParameters {
  label: string;
  /** P(level | match). */
  m: number;
  /** P(level | not a match): the mixture of both kinds of non-match. */
  u: number;
  /** P(level | class) for the three latent classes: other entity, same entity other record, match. */
  p: [number, number, number];
}

export interface FsModel {
  /** Prior shares of the three classes among candidate pairs: other entity, same entity but another record, match. */
  classes: [number, number, number];
  comparisons: Array<{ name: string; levels: LevelParameters[] }>;
}

/**
 * Starting values, reasoned before seeing any data, per part of a comparison: what a level says
 * about a pair of records of the same deal (m) and of two different deals that blocking put side
 * by side (u), and how two records of one entity but different deals (class 1) look: like a match
 * on what identifies the entity ("m": name, domain, country), like a non-match on what describes
 * the deal ("u": title, dates, amounts), or in between. EM moves away from these values as far as
 * the data says; they also serve as a weak prior (pseudo-counts) so that a level no pair reached
 * keeps a sensible value. A joint comparison starts as the product of its parts.
 */
interface PriorPart {
  m: readonly number[];
  u: readonly number[];
  sameEntity: "m" | "u" | "between";
}
const NAME_PRIOR: PriorPart = { m: [0.45, 0.03, 0.25, 0.02, 0.15, 0.07, 0.03], u: [0.01, 0.001, 0.01, 0.002, 0.1, 0.3, 0.577], sameEntity: "m" };
const DEALS_PRIOR: PriorPart = { m: [0.6, 0.2, 0.2], u: [0.4, 0.25, 0.35], sameEntity: "between" };
const CONTEXT_PRIOR: PriorPart = { m: [0.1, 0.2, 0.2, 0.2, 0.12, 0.1, 0.05, 0.03], u: [0.005, 0.015, 0.03, 0.05, 0.1, 0.15, 0.3, 0.35], sameEntity: "between" };
// A missing title is no evidence: the same share (0.2) under every class.
const TITLE_PRIOR: PriorPart = { m: [0.24, 0.24, 0.2, 0.12, 0.2], u: [0.04, 0.08, 0.2, 0.48, 0.2], sameEntity: "u" };
const PRIOR: Record<ComparisonName, readonly PriorPart[]> = {
  name: [NAME_PRIOR, DEALS_PRIOR],
  domain: [{ m: [0.85, 0.15], u: [0.05, 0.95], sameEntity: "m" }],
  country: [{ m: [0.95, 0.05], u: [0.4, 0.6], sameEntity: "m" }],
  context: [CONTEXT_PRIOR, TITLE_PRIOR],
  title_codes: [{ m: [0.6, 0.3, 0.1], u: [0.2, 0.4, 0.4], sameEntity: "between" }],
  close_date: [{ m: [0.35, 0.2, 0.15, 0.12, 0.12, 0.03, 0.02, 0.01], u: [0.01, 0.02, 0.03, 0.05, 0.09, 0.1, 0.1, 0.6], sameEntity: "u" }],
  amount: [{ m: [0.2, 0.3, 0.3, 0.15, 0.03, 0.02], u: [0.05, 0.1, 0.15, 0.15, 0.2, 0.35], sameEntity: "u" }],
};

/**
 * Which classes share one distribution, per comparison. Entity comparisons (who the customer is:
 * name, domain, country) cannot tell two records of one entity from a match: classes 1 and 2
 * share them. Record comparisons (what the deal is: dates, amounts) cannot tell two records of
 * different entities from two different records of one: classes 0 and 1 share them. The rest,
 * joint comparisons with parts of both kinds included, have a distribution per class.
 */
export const TYING = Object.fromEntries(
  COMPARISONS.map((c) => {
    const kinds = new Set(PRIOR[c.name].map((part) => part.sameEntity));
    const tie: [number, number, number] = kinds.size === 1 && kinds.has("m") ? [0, 1, 1] : kinds.size === 1 && kinds.has("u") ? [0, 0, 2] : [0, 1, 2];
    return [c.name, tie];
  }),
) as Record<ComparisonName, [number, number, number]>;

/** [class 0, class 1, class 2] probabilities of one level of a part. */
function partClasses(part: PriorPart, level: number): [number, number, number] {
  const m = part.m[level]!;
  const u = part.u[level]!;
  return [u, part.sameEntity === "m" ? m : part.sameEntity === "u" ? u : (m + u) / 2, m];
}

/** The model before any estimation (see {@link PRIOR}). */
export function priorModel(classes: [number, number, number] = [0.8, 0.1, 0.1]): FsModel {
  const model: FsModel = {
    classes,
    comparisons: COMPARISONS.map((c) => {
      const parts = PRIOR[c.name];
      return {
        name: c.name,
        levels: c.levels.map((label, i) => {
          // A joint level's index is its parts' indexes, the first part major.
          const p: [number, number, number] = [1, 1, 1];
          let rest = i;
          for (let j = parts.length - 1; j >= 0; j--) {
            const size = parts[j]!.m.length;
            const q = partClasses(parts[j]!, rest % size);
            rest = Math.floor(rest / size);
            for (let k = 0; k < 3; k++) p[k]! *= q[k]!;
          }
          return { label, m: p[2], u: p[0], p };
        }),
      };
    }),
  };
  return withMU(model);
}

/** Fills every level's m and u from its class distributions. */
function withMU(model: FsModel): FsModel {
  const [c0, c1] = model.classes;
  for (const c of model.comparisons) for (const l of c.levels) {
    l.m = l.p[2];
    l.u = (c0 * l.p[0] + c1 * l.p[1]) / (c0 + c1);
  }
  return model;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Log joint likelihood of the levels under each class, plus the class prior. */
function classLogs(model: FsModel, levels: Levels, active: readonly boolean[] | null, out: Float64Array): void {
  for (let k = 0; k < 3; k++) out[k] = Math.log(model.classes[k]!);
  for (let c = 0; c < levels.length; c++) {
    const l = levels[c];
    if (l === null || l === undefined || (active && !active[c])) continue;
    const p = model.comparisons[c]!.levels[l]!.p;
    out[0]! += Math.log(p[0]);
    out[1]! += Math.log(p[1]);
    out[2]! += Math.log(p[2]);
  }
}

const scratch = new Float64Array(3);
/** The log-odds that a pair is a match (class 2 against both others). */
export function pairLogit(model: FsModel, levels: Levels, skip: number = -1): number {
  const active = skip >= 0 ? model.comparisons.map((_, c) => c !== skip) : null;
  classLogs(model, levels, active, scratch);
  const [a, b, m] = [scratch[0]!, scratch[1]!, scratch[2]!];
  const hi = Math.max(a, b);
  return m - (hi + Math.log(Math.exp(a - hi) + Math.exp(b - hi)));
}

export function pairProbability(model: FsModel, levels: Levels): number {
  return sigmoid(pairLogit(model, levels));
}

export interface EstimateOptions {
  /** Comparisons left out. */
  exclude?: readonly string[];
  /** Known answers (review decisions) by pair index: a match is class 2; a non-match is class 0 or 1 as the model says. */
  labels?: ReadonlyMap<number, boolean>;
  /** Weight of the starting values as pseudo-counts per comparison and class. */
  priorStrength?: number;
  maxIterations?: number;
  /**
   * Every record of one entity matches every record of it in the other source (one-to-one off:
   * duplicates within a source all match): the class "same entity, another record" is left out.
   */
  entityMatches?: boolean;
}

export interface EstimateResult {
  model: FsModel;
  iterations: number;
  converged: boolean;
  /** Expected number of matches among the pairs. */
  expectedMatches: number;
}

/**
 * EM over comparison levels with three latent classes (see {@link TYING}): the E-step gives each
 * pair its class probabilities under the current parameters (labelled pairs: a match is class 2,
 * a non-match splits between 0 and 1), the M-step re-estimates the class shares and every tied
 * level distribution as posterior-weighted frequencies, smoothed towards the starting values by
 * `priorStrength` pseudo-pairs. Stops when no parameter moves by more than 1e-5.
 */
export function estimateModel(pairs: readonly Levels[], start: FsModel = priorModel(), options: EstimateOptions = {}): EstimateResult {
  const { exclude = [], labels = new Map(), priorStrength = 20, maxIterations = 300, entityMatches = false } = options;
  const prior = start;
  let model = clone(start);
  if (entityMatches) model.classes = [model.classes[0] + model.classes[1], 0, model.classes[2]];
  const active = model.comparisons.map((c) => !exclude.includes(c.name));
  const n = pairs.length;
  const C = model.comparisons.length;
  // Levels flattened (-1: no evidence or comparison left out), labels as +1 / -1 / 0.
  const codes = new Int8Array(n * C);
  for (let i = 0; i < n; i++) {
    const lv = pairs[i]!;
    for (let c = 0; c < C; c++) {
      const l = lv[c];
      codes[i * C + c] = l === null || l === undefined || !active[c] ? -1 : l;
    }
  }
  const known = new Int8Array(n);
  for (const [i, match] of labels) if (i >= 0 && i < n) known[i] = match ? 1 : -1;
  const post = new Float64Array(3 * n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && n > 0) {
    iterations++;
    // E-step, with every level's log-probabilities looked up once per iteration
    const table = model.comparisons.map((c) => c.levels.map((l) => l.p.map(Math.log)));
    const logPrior = model.classes.map(Math.log);
    for (let i = 0; i < n; i++) {
      let a = logPrior[0]!;
      let b = logPrior[1]!;
      let m = logPrior[2]!;
      for (let c = 0, o = i * C; c < C; c++, o++) {
        const l = codes[o]!;
        if (l < 0) continue;
        const t = table[c]![l]!;
        a += t[0]!;
        b += t[1]!;
        m += t[2]!;
      }
      if (entityMatches) b = -Infinity;
      if (known[i] === 1) a = b = -Infinity;
      else if (known[i] === -1) m = -Infinity;
      const hi = Math.max(a, b, m);
      const ea = Math.exp(a - hi);
      const eb = Math.exp(b - hi);
      const em = Math.exp(m - hi);
      const z = ea + eb + em;
      post[3 * i] = ea / z;
      post[3 * i + 1] = eb / z;
      post[3 * i + 2] = em / z;
    }
    // M-step
    const next = clone(model);
    const totals = [0, 0, 0];
    for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) totals[k]! += post[3 * i + k]!;
    next.classes = totals.map((t, k) => (entityMatches && k === 1 ? 0 : Math.max(1e-6, t / n))) as [number, number, number];
    for (let c = 0; c < next.comparisons.length; c++) {
      if (!active[c]) continue;
      const tie = TYING[next.comparisons[c]!.name as ComparisonName];
      const levels = next.comparisons[c]!.levels;
      // counts[slot][level]; a slot is a distribution shared by the classes tied to it
      const counts = [0, 1, 2].map((slot) => levels.map((_, l) => {
        const classesInSlot = [0, 1, 2].filter((k) => tie[k] === slot);
        return classesInSlot.length === 0 ? 0 : priorStrength * prior.comparisons[c]!.levels[l]!.p[classesInSlot[0]!]!;
      }));
      const [s0, s1, s2] = [counts[tie[0]]!, counts[tie[1]]!, counts[tie[2]]!];
      for (let i = 0; i < n; i++) {
        const l = codes[i * C + c]!;
        if (l < 0) continue;
        s0[l]! += post[3 * i]!;
        s1[l]! += post[3 * i + 1]!;
        s2[l]! += post[3 * i + 2]!;
      }
      for (let k = 0; k < 3; k++) {
        const slot = counts[tie[k]]!;
        const total = slot.reduce((a, b) => a + b, 0);
        levels.forEach((lp, l) => (lp.p[k] = Math.max(1e-6, slot[l]! / total)));
      }
    }
    withMU(next);
    const moved = maxChange(model, next);
    model = next;
    if (moved < 1e-5) {
      converged = true;
      break;
    }
  }
  let expectedMatches = 0;
  for (let i = 0; i < n; i++) expectedMatches += post[3 * i + 2]!;
  return { model, iterations, converged, expectedMatches };
}

function clone(model: FsModel): FsModel {
  return {
    classes: [...model.classes],
    comparisons: model.comparisons.map((c) => ({ name: c.name, levels: c.levels.map((l) => ({ ...l, p: [...l.p] as [number, number, number] })) })),
  };
}

function maxChange(a: FsModel, b: FsModel): number {
  let d = Math.max(...a.classes.map((x, k) => Math.abs(x - b.classes[k]!)));
  a.comparisons.forEach((c, i) =>
    c.levels.forEach((l, j) => {
      const o = b.comparisons[i]!.levels[j]!;
      for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(l.p[k]! - o.p[k]!));
    }),
  );
  return d;
}

/** Match weight of one level (log-odds, natural log). */
export const matchWeight = (l: Pick<LevelParameters, "m" | "u">) => Math.log(l.m / l.u);

export interface CandidateLevels {
  id: string;
  apnId: string;
  odooId: string;
  levels: Levels;
  /** Human decisions are labels; every other status is unlabelled. */
  status: MatchStatus;
}

export interface TwoStageResult {
  model: FsModel;
  /** The first stage, over every candidate pair. */
  firstStage: EstimateResult;
  /** The second stage, over the pairs that win the one-to-one assignment under the first (null when one-to-one is off). */
  secondStage: EstimateResult | null;
  pairs: number;
  labelled: number;
}

/**
 * Estimates the model in two stages. First over every candidate pair: what tells a match from
 * another record of the same entity or another entity altogether. Then — when the sources are
 * one-to-one — again over the pairs that win the greedy assignment under the first model,
 * starting from it and anchored to it (`anchor` pseudo-pairs): the assignment has already
 * removed a winner's competitors, so among winners a match is far more likely than the first
 * stage says, and scores re-estimated there are the calibrated probabilities the auto-confirm
 * threshold is read from. Review decisions are labels in both stages. Without one-to-one, records
 * of one entity all match each other (duplicates within a source), so there is no class "same
 * entity, another record": the model has two classes.
 */
export function estimateTwoStage(candidates: readonly CandidateLevels[], options: { oneToOne: boolean; start?: FsModel; anchor?: number } = { oneToOne: true }): TwoStageResult {
  const { oneToOne, start = priorModel(), anchor = 200 } = options;
  const labelsOf = (subset: readonly CandidateLevels[]) => {
    const labels = new Map<number, boolean>();
    subset.forEach((p, i) => {
      if (p.status === "confirmed") labels.set(i, true);
      else if (p.status === "rejected") labels.set(i, false);
    });
    return labels;
  };
  const all = candidates.map((p) => p.levels);
  const labels = labelsOf(candidates);
  const firstStage = estimateModel(all, start, { labels, entityMatches: !oneToOne });
  let secondStage: EstimateResult | null = null;
  if (oneToOne) {
    const scored = candidates.map((p) => ({ id: p.id, apnId: p.apnId, odooId: p.odooId, status: p.status, score: pairProbability(firstStage.model, p.levels) }));
    const winners = assignOneToOne(scored, true);
    const subset = candidates.filter((p) => winners.has(p.id));
    if (subset.length > 0) secondStage = estimateModel(subset.map((p) => p.levels), firstStage.model, { labels: labelsOf(subset), priorStrength: anchor });
  }
  return { model: (secondStage ?? firstStage).model, firstStage, secondStage, pairs: candidates.length, labelled: labels.size };
}

export interface FsExplanation {
  signal: string;
  value: number | null;
  weight: number;
  contribution: number;
  /** The level's label ("exact", "<= 14"). */
  level?: string;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * A pair's probability and explanation, as a waterfall: "prior" is the prior log-odds of a match,
 * then each comparison's contribution is how much its level moves the pair's log-odds, taken in
 * the comparisons' order (value = level index, `level` its label, `weight` the level's match
 * weight ln(m / u)). The contributions add up to the pair's log-odds exactly.
 */
export function explainLevels(model: FsModel, levels: Levels): { score: number; signals: FsExplanation[] } {
  const logs = model.classes.map(Math.log);
  const logitOf = () => {
    const hi = Math.max(logs[0]!, logs[1]!);
    return logs[2]! - (hi + Math.log(Math.exp(logs[0]! - hi) + Math.exp(logs[1]! - hi)));
  };
  let before = logitOf();
  const signals: FsExplanation[] = [{ signal: "prior", value: 1, weight: round4(before), contribution: round4(before) }];
  model.comparisons.forEach((c, i) => {
    const l = levels[i];
    if (l === null || l === undefined) {
      signals.push({ signal: c.name, value: null, weight: 0, contribution: 0 });
      return;
    }
    const p = c.levels[l]!;
    for (let k = 0; k < 3; k++) logs[k]! += Math.log(p.p[k]!);
    const after = logitOf();
    signals.push({ signal: c.name, value: l, weight: round4(matchWeight(p)), contribution: round4(after - before), level: p.label });
    before = after;
  });
  return { score: sigmoid(before), signals };
}

/**
 * The levels kept in an explanation made by {@link explainLevels}; null when it is not one (weights
 * scoring) or was made over other comparisons (an earlier version: a level's label differs).
 */
export function levelsFromSignals(signals: ReadonlyArray<{ signal: string; value: number | null; level?: string }>): Levels | null {
  if (!signals.some((s) => s.signal === "prior")) return null;
  const byName = new Map(signals.map((s) => [s.signal, s]));
  const levels: Levels = [];
  for (const c of COMPARISONS) {
    const s = byName.get(c.name);
    const v = s?.value;
    if (v === null || v === undefined) {
      levels.push(null);
      continue;
    }
    if (!Number.isInteger(v) || v < 0 || v >= c.levels.length || (s!.level !== undefined && s!.level !== c.levels[v])) return null;
    levels.push(v);
  }
  return levels;
}

/** Whether a stored model has the comparisons and levels of this version (see {@link COMPARISONS}). */
export function isCurrentModel(model: unknown): model is FsModel {
  const comparisons = (model as FsModel | null)?.comparisons;
  return (
    Array.isArray(comparisons) &&
    comparisons.length === COMPARISONS.length &&
    COMPARISONS.every((c, i) => comparisons[i]!.name === c.name && comparisons[i]!.levels?.length === c.levels.length && c.levels.every((label, l) => comparisons[i]!.levels[l]!.label === label))
  );
}
