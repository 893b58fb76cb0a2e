import DataLoader from "dataloader";
import { z } from "zod";
import { isUuid, parseInput, requiredText, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { findConcepts, topConceptsOfSources, type ConceptRow } from "../db/concepts.js";

/**
 * Key-concept extraction with RAKE (Rapid Automatic Keyword Extraction; Rose, Engel, Cramer &
 * Cowley, "Automatic keyword extraction from individual documents", 2010), unsupervised and
 * per text:
 *
 * 1. Candidates: the text is cut at punctuation, line breaks and stop words; each remaining run of
 *    content words is a candidate phrase. Runs longer than `maxWords` are dropped (RAKE's usual
 *    length filter), as are numbers and one-letter words.
 * 2. Word score = degree / frequency, where a word's degree counts the words it co-occurs with in
 *    candidates (itself included): words that appear inside longer phrases score higher.
 * 3. Phrase score = sum of its word scores. The top `max` phrases (ties: more occurrences first,
 *    then alphabetical, so the result is deterministic) are returned with weight = score / best.
 *
 * The stop-word list is English function words plus common verbs and adverbs, which keeps
 * candidates noun-ish without a part-of-speech tagger.
 */

export interface ExtractedConcept {
  /** Normalised phrase: lower case, single spaces (the concept's unique key). */
  name: string;
  /** The phrase as it first appeared. */
  display: string;
  /** Relative importance in this text, (0, 1]; the best phrase has 1. */
  weight: number;
}

export interface ExtractOptions {
  /** Phrases returned (default 8). */
  max?: number;
  /** Longest phrase in words (default 3). */
  maxWords?: number;
  /** Characters of the text read (default 20,000). */
  maxChars?: number;
}

// prettier-ignore
export const STOP_WORDS: ReadonlySet<string> = new Set(`
a about above across after afterwards again against all almost alone along already also although always am among amongst an and
another any anyhow anyone anything anyway anywhere are aren't around as at back be became because become becomes becoming been
before beforehand behind being below beside besides between beyond both but by can cannot can't could couldn't did didn't do does
doesn't doing don't done down due during each eg e.g either else elsewhere enough etc even ever every everyone everything
everywhere except few first for former formerly from further get gets getting give given gives go goes going had hadn't has
hasn't have haven't having he hence her here hereafter hereby herein hers herself him himself his how however i ie i.e if in
indeed instead into is isn't it it's its itself just keep keeps kept last latter latterly least less let like likely made make
makes making many may maybe me meanwhile might mine more moreover most mostly much must my myself namely neither never
nevertheless new next no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps please put quite rather re really regarding same say says said see seem
seemed seeming seems several she should shouldn't show shown shows since so some somehow someone something sometime sometimes
somewhere still such take takes taken than that that's the their theirs them themselves then thence there thereafter thereby
therefore therein thereupon these they thing things this those though through throughout thru thus to together too toward
towards under unless until up upon us use used uses using usually various very via was wasn't we well were weren't what whatever
when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole
whom whose why will with within without won't would wouldn't yet you your yours yourself yourselves able
include includes included including allow allows allowed help helps need needs needed want wants way ways lot lots
`.split(/\s+/).filter(Boolean));

/** Words: letters and digits, with inner hyphens, apostrophes, dots or plus signs (e-mail, node.js, don't). */
const WORD = /[\p{L}\p{N}]+(?:['’.+-][\p{L}\p{N}]+)*/gu;
/**
 * Phrase boundaries besides stop words: clause punctuation, brackets, quotes, line breaks, and a
 * full stop only before a space or the end (so "node.js" and "v1.2" stay words).
 */
const BOUNDARY = /[,;:!?()[\]{}"“”«»|/\\<>…•·–—\n\r\t]+|\.+(?:\s+|$)|\s-\s|\s'|'\s/u;

export function normaliseConcept(phrase: string): string {
  return phrase.normalize("NFKC").toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ").trim();
}

function isContentWord(lower: string): boolean {
  if (STOP_WORDS.has(lower)) return false;
  if (/^[\p{N}.,+-]+$/u.test(lower)) return false; // numbers, versions, dates
  return [...lower].length >= 2;
}

export function extractConcepts(text: string, options: ExtractOptions = {}): ExtractedConcept[] {
  const max = options.max ?? 8;
  const maxWords = options.maxWords ?? 3;
  const input = text.slice(0, options.maxChars ?? 20_000).normalize("NFKC");

  // 1. candidate phrases
  const phrases: Array<{ words: string[]; display: string }> = [];
  for (const fragment of input.split(BOUNDARY)) {
    let run: string[] = [];
    let surface: string[] = [];
    const close = () => {
      if (run.length > 0 && run.length <= maxWords) phrases.push({ words: run, display: surface.join(" ") });
      run = [];
      surface = [];
    };
    for (const match of fragment.matchAll(WORD)) {
      const lower = match[0].toLowerCase().replace(/’/g, "'");
      if (isContentWord(lower)) {
        run.push(lower);
        surface.push(match[0]);
      } else close();
    }
    close();
  }
  if (phrases.length === 0) return [];

  // 2. word scores: degree / frequency
  const freq = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const { words } of phrases) {
    for (const w of words) {
      freq.set(w, (freq.get(w) ?? 0) + 1);
      degree.set(w, (degree.get(w) ?? 0) + words.length);
    }
  }

  // 3. phrase scores
  const byName = new Map<string, { display: string; score: number; count: number }>();
  for (const { words, display } of phrases) {
    const name = words.join(" ");
    const seen = byName.get(name);
    if (seen) {
      seen.count++;
      continue;
    }
    const score = words.reduce((sum, w) => sum + degree.get(w)! / freq.get(w)!, 0);
    byName.set(name, { display, score, count: 1 });
  }
  const ranked = [...byName.entries()]
    .sort(([a, x], [b, y]) => y.score - x.score || y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max);
  const best = ranked[0]![1].score;
  return ranked.map(([name, { display, score }]) => ({ name: name.slice(0, 200), display: display.slice(0, 200), weight: score / best }));
}

// ---------------------------------------------------------------- reads

export const MAX_CONCEPTS_PAGE = 100;
const searchSchema = z.object({
  query: requiredText(200),
  first: z.number().int().min(1, "must be at least 1").max(MAX_CONCEPTS_PAGE, `must be at most ${MAX_CONCEPTS_PAGE}`),
});

/** Concepts whose name or one of its words starts with the query, most frequent first. */
export async function searchConcepts(ctx: Pick<SubgraphContext, "db">, args: { query: unknown; first: unknown }): Promise<ConceptRow[]> {
  const { query, first } = parseInput(searchSchema, args);
  return findConcepts(ctx.db, normaliseConcept(query), first);
}

const firstSchema = z.number().int().min(1, "must be at least 1").max(MAX_CONCEPTS_PAGE, `must be at most ${MAX_CONCEPTS_PAGE}`);

/** A source's strongest concepts (sum of chunk weights), batched over the sources of one request. */
export function topConceptsLoader(ctx: SubgraphContext, first: number): DataLoader<string, ConceptRow[]> {
  const limit = parseInput(firstSchema, first);
  return ctx.loader(`knowledgeTopConcepts:${limit}`, () => new DataLoader(async (ids: readonly string[]) => {
    const bySource = await topConceptsOfSources(ctx.db, ids.filter(isUuid), limit);
    return ids.map((id) => bySource.get(id) ?? []);
  }));
}
