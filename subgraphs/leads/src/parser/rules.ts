/**
 * F-1, the rules path: a free-text prompt → a structured lead query, in English, German,
 * French, Spanish, Portuguese and Italian. Pure functions, no I/O (p95 well under 1 ms).
 *
 * Steps: tokenise the original text (each token keeps its original spelling and a normal form:
 * lowercase, accents removed, ß → ss, apostrophes split); detect the language from function
 * words; take exemplar names after "like / wie / comme / como / tipo / come …"; take the product
 * span after a selling marker ("we sell …", "verkaufen …", "vendons …"); take employee ranges;
 * match industries, countries / regions, technologies and product categories longest-first on
 * the remaining tokens; finally decide for each entity whether a NOT clause covers it.
 *
 * A NOT clause starts at a negation marker of the prompt's language and covers the entities that
 * follow, through lists ("excluding banks, insurers and telcos"), until punctuation followed by
 * something else, or until a positive connector ("with", "in", "mit", "avec", "con" …) after at
 * least one covered entity. German verb-final negation ("die SAP nicht nutzen") covers the entity
 * just before the marker.
 */
import {
  COUNTRY_WORDS,
  EMPLOYEE_WORDS,
  EXEMPLAR_WORDS,
  INDUSTRY_WORDS,
  LANGUAGE_MARKERS,
  LANGUAGES,
  NEGATION_WORDS,
  PRODUCT_CATEGORIES,
  REGION_WORDS,
  TECHNOLOGY_WORDS,
  type Industry,
  type Language,
  type Technology,
} from "./vocabulary.js";

export interface LeadQuery {
  language: Language;
  product: string | null;
  industries: Industry[];
  excludedIndustries: Industry[];
  countries: string[];
  excludedCountries: string[];
  employeeMin: number | null;
  employeeMax: number | null;
  technologies: Technology[];
  excludedTechnologies: Technology[];
  exemplars: string[];
  intentTopics: string[];
  path: "RULES" | "LLM";
  /** Share of the prompt's content words the rules explained, in [0, 1]. */
  confidence: number;
}

export interface Token {
  /** As written. */
  raw: string;
  /** Normal form. */
  norm: string;
  /** Numeric value for number tokens. */
  num: number | null;
  punct: boolean;
  /** Consumed by an exemplar, the product span, a range or an entity. */
  used: boolean;
}

// ---------------------------------------------------------------- normal form and tokens

export function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

const TOKEN = /(\d{1,3}(?:[.,\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(\s?[kK]\b)?|[\p{L}\p{N}]+(?:[./&][\p{L}\p{N}]+)*|[<>+,;:.!?()\-–—]/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A hyphen inside a word joins two words ("mid-sized", "DACH-Region", "e-commerce").
  const joined = text.replace(/\b([eE])-(?=(?:commerce|business|commer|shop))/g, "$1").replace(/(\p{L})-(?=\p{L})/gu, "$1 ");
  for (const m of joined.matchAll(TOKEN)) {
    const raw = m[0];
    if (m[1] !== undefined) {
      const digits = m[1];
      let value = /^\d{1,3}(?:[.,\u00a0\u202f]\d{3})+$/.test(digits) ? Number(digits.replace(/[.,\u00a0\u202f]/g, "")) : Number(digits.replace(",", "."));
      if (m[2]) value *= 1000;
      tokens.push({ raw, norm: String(Math.round(value)), num: Math.round(value), punct: false, used: false });
      continue;
    }
    const norm = normalize(raw);
    tokens.push({ raw, norm, num: null, punct: /^[<>+,;:.!?()\-–—]$/.test(raw), used: false });
  }
  return tokens;
}

// ---------------------------------------------------------------- phrase dictionary

type Entity =
  | { kind: "industry"; value: Industry }
  | { kind: "country"; values: string[] }
  | { kind: "technology"; value: Technology }
  | { kind: "category"; value: string };

interface Phrase {
  words: string[];
  /** Last word matches by prefix. */
  prefix: boolean;
  entity: Entity;
}

function phrases(list: string[], entity: Entity): Phrase[] {
  return list.map((p) => {
    const prefix = p.endsWith("*");
    const words = normalize(prefix ? p.slice(0, -1) : p)
      .replace(/[-']/g, " ")
      .split(/\s+/)
      .filter(Boolean);
    return { words, prefix, entity };
  });
}

const DICTIONARY: Phrase[] = [
  ...Object.entries(INDUSTRY_WORDS).flatMap(([id, words]) => phrases(words, { kind: "industry", value: id as Industry })),
  ...Object.entries(COUNTRY_WORDS).flatMap(([code, words]) => phrases(words, { kind: "country", values: [code] })),
  ...REGION_WORDS.flatMap((r) => phrases(r.words, { kind: "country", values: r.countries })),
  ...Object.entries(TECHNOLOGY_WORDS).flatMap(([id, words]) => phrases(words, { kind: "technology", value: id as Technology })),
  ...PRODUCT_CATEGORIES.flatMap((c) => phrases(c.words, { kind: "category", value: c.id })),
];
/** Dictionary phrases by first word (exact) and, for one-word prefix phrases, a list to scan. */
const BY_FIRST = new Map<string, Phrase[]>();
const PREFIX_SINGLE: Phrase[] = [];
for (const p of DICTIONARY) {
  if (p.prefix && p.words.length === 1) PREFIX_SINGLE.push(p);
  else {
    const list = BY_FIRST.get(p.words[0]!) ?? [];
    list.push(p);
    BY_FIRST.set(p.words[0]!, list);
  }
}
for (const list of BY_FIRST.values()) list.sort((a, b) => b.words.length - a.words.length);
PREFIX_SINGLE.sort((a, b) => b.words[0]!.length - a.words[0]!.length);

const wordAt = (tokens: Token[], i: number) => tokens[i]?.norm;

/** Longest dictionary phrase starting at token i (ignoring used tokens), with its length in tokens. */
function matchAt(tokens: Token[], i: number): { phrase: Phrase; length: number } | null {
  const first = tokens[i];
  if (!first || first.punct || first.used) return null;
  for (const p of BY_FIRST.get(first.norm) ?? []) {
    if (p.words.every((w, j) => {
      const t = tokens[i + j];
      if (!t || t.used) return false;
      return p.prefix && j === p.words.length - 1 ? t.norm.startsWith(w) : t.norm === w;
    })) return { phrase: p, length: p.words.length };
  }
  for (const p of PREFIX_SINGLE) {
    if (first.norm.startsWith(p.words[0]!) && first.norm.length <= p.words[0]!.length + 14) return { phrase: p, length: 1 };
  }
  return null;
}

/** Whether a marker phrase (normal form, space-separated) starts at token i; its length or 0. */
function markerAt(tokens: Token[], i: number, phrasesList: string[][]): number {
  for (const words of phrasesList) {
    if (words.every((w, j) => wordAt(tokens, i + j) === w)) return words.length;
  }
  return 0;
}

const split = (list: string[]) =>
  list
    .map((p) => normalize(p).replace(/[-']/g, " ").split(/\s+/).filter(Boolean))
    .sort((a, b) => b.length - a.length);

// ---------------------------------------------------------------- language

const MARKER_WEIGHT = new Map<string, Map<Language, number>>();
for (const lang of LANGUAGES) {
  for (const w of [...LANGUAGE_MARKERS[lang], ...NEGATION_WORDS[lang].filter((n) => !n.includes(" "))]) {
    const m = MARKER_WEIGHT.get(w) ?? new Map<Language, number>();
    m.set(lang, 1);
    MARKER_WEIGHT.set(w, m);
  }
}

export function detectLanguage(text: string, tokens: Token[]): Language {
  const score: Record<Language, number> = { en: 0, de: 0, fr: 0, es: 0, pt: 0, it: 0 };
  for (const t of tokens) {
    const langs = MARKER_WEIGHT.get(t.norm);
    if (!langs) continue;
    for (const lang of langs.keys()) score[lang] += 1 / langs.size;
  }
  const lower = text.toLowerCase();
  if (/[ãõ]|ção|ções/.test(lower)) score.pt += 2;
  if (/ñ|¿|¡/.test(lower)) score.es += 2;
  if (/[äöüß]/.test(lower)) score.de += 2;
  if (/[èìò]|\bè\b|à\b/.test(lower)) score.it += 1;
  if (/[êâûœ]|ç(?!ão|ões)|\bà\b/.test(lower)) score.fr += 1;
  let best: Language = "en";
  for (const lang of LANGUAGES) if (score[lang] > score[best]) best = lang;
  return best;
}

// ---------------------------------------------------------------- exemplars

const EXEMPLAR_MARKERS = split(EXEMPLAR_WORDS);
const LIST_JOINERS = new Set(["or", "and", "oder", "und", "ou", "et", "o", "y", "e", "/", ",", "&"]);
const NAME_STOP = new Set(["the", "companies", "firms", "businesses", "der", "die", "das", "les", "la", "le", "los", "las", "os", "as", "il", "lo", "gli", "i", "a", "an", "unternehmen", "firmen", "entreprises", "empresas", "aziende", "imprese", "societes"]);

/** Legal forms continue a company name even in lowercase ("Kastelbe plc"). */
const LEGAL_FORMS = new Set(["plc", "ltd", "inc", "llc", "corp", "gmbh", "ag", "se", "sa", "sas", "sarl", "sl", "spa", "srl", "lda", "ltda", "bv", "nv", "ab", "as", "a/s", "oy", "kg"]);
const isDomain = (raw: string) => /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu.test(raw);
const capitalised = (raw: string) => /^[\p{Lu}\p{N}]/u.test(raw);

function takeExemplars(tokens: Token[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const n = markerAt(tokens, i, EXEMPLAR_MARKERS);
    if (!n) continue;
    let j = i + n;
    const names: string[] = [];
    let current: string[] = [];
    const close = () => {
      if (current.length) names.push(current.join(" ").toLowerCase());
      current = [];
    };
    const consumed: number[] = [];
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (isDomain(t.raw)) {
        close();
        names.push(t.raw.toLowerCase());
        consumed.push(j);
        continue;
      }
      if (current.length && LEGAL_FORMS.has(t.norm)) {
        current.push(t.raw);
        consumed.push(j);
        continue;
      }
      if (!t.punct && capitalised(t.raw) && !NAME_STOP.has(t.norm)) {
        const m = matchAt(tokens, j);
        // An industry, country or category word ends the names ("wie Banken", "como Alemania"); a technology may be a company ("like Stripe").
        // A capitalised word right after makes it a multi-word name ("Deutsche Bank").
        const next = tokens[j + (m?.length ?? 1)];
        const nameGoesOn = !!next && !next.punct && capitalised(next.raw) && !NAME_STOP.has(next.norm);
        if (m && m.phrase.entity.kind !== "technology" && current.length === 0 && !nameGoesOn) break;
        current.push(t.raw);
        consumed.push(j);
        continue;
      }
      if (LIST_JOINERS.has(t.norm) && (current.length || names.length)) {
        close();
        continue;
      }
      break;
    }
    close();
    if (names.length) {
      for (let k = i; k < i + n; k++) tokens[k]!.used = true;
      for (const k of consumed) tokens[k]!.used = true;
      found.push(...names);
      i = j - 1;
    }
  }
  return [...new Set(found)];
}

// ---------------------------------------------------------------- product span

const SELL_MARKERS = split([
  "we sell", "we are selling", "selling", "sell", "sells", "for our", "leads for", "buyers for", "prospects for", "customers for", "in the market for", "looking for a", "looking for", "likely to buy", "who would buy", "who need", "that need", "need a", "need", "to pitch", "pitch",
  "verkaufen", "wir verkaufen", "fur unser", "fur unsere", "fur unseren", "kaufer fur", "kunden fur", "interessenten fur", "bedarf an", "brauchen",
  "nous vendons", "vendons", "vendre", "pour notre", "pour nos", "acheteurs pour", "clients pour", "prospects pour", "besoin d un", "besoin d une", "besoin de",
  "vendemos", "vender", "para nuestro", "para nuestra", "compradores para", "clientes para", "necesiten", "necesitan",
  "para o nosso", "para a nossa", "para nosso", "para nossa", "precisem de", "precisam de",
  "vendiamo", "vendere", "per il nostro", "per la nostra", "per nostro", "acquirenti per", "clienti per", "che hanno bisogno di", "bisogno di",
]);
const PRODUCT_END = new Set([
  "to", "for", "in", "with", "at", "among", "that", "who", "which", "companies", "firms", "businesses",
  "an", "mit", "im", "die", "der", "fur", "bei", "unternehmen", "firmen",
  "a", "aux", "avec", "en", "qui", "pour", "chez", "entreprises", "societes",
  "para", "con", "que", "empresas", "entre",
  "com", "em", "no", "na", "nos", "nas",
  "per", "nel", "nella", "nelle", "negli", "che", "alle", "ad", "aziende", "imprese", "presso",
  "and", "or", "und", "oder", "et", "ou", "y", "o", "e",
  "-", ",", ";", ".", ":", "(", "!", "?",
]);
const PRODUCT_LEAD_STOP = new Set(["our", "a", "an", "the", "unser", "unsere", "unseren", "notre", "nos", "un", "une", "nuestro", "nuestra", "nuestros", "o", "nosso", "nossa", "il", "la", "nostro", "nostra", "de", "d", "di", "um", "uma", "einen", "eine", "ein"]);

function takeProduct(tokens: Token[]): { text: string | null; category: string | null } {
  for (let i = 0; i < tokens.length; i++) {
    const n = markerAt(tokens, i, SELL_MARKERS);
    if (!n) continue;
    let j = i + n;
    while (j < tokens.length && PRODUCT_LEAD_STOP.has(tokens[j]!.norm)) j++;
    const start = j;
    while (j < tokens.length && j - start < 6 && !PRODUCT_END.has(tokens[j]!.norm) && !tokens[j]!.used) j++;
    if (j === start) continue;
    const span = tokens.slice(start, j);
    let category: string | null = null;
    for (let k = start; k < j && !category; k++) {
      const m = matchAt(tokens, k);
      if (m?.phrase.entity.kind === "category") category = m.phrase.entity.value;
      else if (m?.phrase.entity.kind === "industry" && m.phrase.entity.value === "cybersecurity") category = "cybersecurity";
    }
    for (let k = i; k < j; k++) tokens[k]!.used = true;
    return { text: span.map((t) => t.raw).join(" ").toLowerCase(), category };
  }
  return { text: null, category: null };
}

// ---------------------------------------------------------------- employee ranges

const EMPLOYEE_PHRASES = EMPLOYEE_WORDS.map((w) => ({ stem: normalize(w.replace("*", "")), prefix: w.endsWith("*") }));
const isEmployeeWord = (norm: string | undefined) => !!norm && EMPLOYEE_PHRASES.some((p) => (p.prefix ? norm.startsWith(p.stem) : norm === p.stem));

const MORE_STRICT = split(["more than", "over", "above", "greater than", "mehr als", "uber", "plus de", "mas de", "por encima de", "mais de", "acima de", "piu di", "oltre", "sopra i", "sopra", ">"]);
const MORE_INCLUSIVE = split(["at least", "minimum", "min", "mindestens", "ab", "au moins", "minimo", "al menos", "como minimo", "pelo menos", "no minimo", "almeno", "a partir de", "from"]);
const LESS_STRICT = split(["fewer than", "less than", "under", "below", "weniger als", "unter", "moins de", "menos de", "meno di", "sotto i", "sotto", "<"]);
const LESS_INCLUSIVE = split(["up to", "at most", "max", "maximum", "bis zu", "hochstens", "maximal", "jusqu a", "au plus", "au maximum", "hasta", "como maximo", "ate", "no maximo", "fino a", "al massimo", "massimo"]);
const RANGE_START = split(["between", "zwischen", "entre", "tra", "fra", "von", "de", "da", "from"]);
const RANGE_MID = new Set(["and", "to", "und", "bis", "et", "a", "y", "e", "-", "–", "—"]);
const OR_MORE = split(["or more", "oder mehr", "und mehr", "et plus", "ou plus", "o mas", "ou mais", "o piu", "e oltre", "+", "plus"]);

const SIZE_WORDS: Array<{ words: string[][]; min: number | null; max: number | null }> = [
  { words: split(["startups", "start-ups", "startup", "small businesses", "small companies", "kleine unternehmen", "kleinunternehmen", "petites entreprises", "pequenas empresas", "piccole imprese", "piccole aziende", "tpe"]), min: null, max: 49 },
  { words: split(["smb", "smbs", "sme", "smes", "kmu", "kmus", "pme", "pmes", "pyme", "pymes", "pmi"]), min: null, max: 249 },
  { words: split(["mid-sized", "mid sized", "midsize", "mid-market", "mid market", "medium-sized", "medium sized", "mittelstand", "mittelstandische", "mittelstandischen", "mittelstandler", "mittelgrosse", "mittelgrossen", "eti", "entreprises de taille intermediaire", "entreprises de taille moyenne", "medianas empresas", "medias empresas", "medie imprese", "medie aziende"]), min: 100, max: 999 },
  { words: split(["large enterprises", "large companies", "enterprises", "enterprise companies", "grossunternehmen", "konzerne", "grandes entreprises", "grands groupes", "grandes empresas", "grandi aziende", "grandi imprese", "multinationals", "multinacionales", "multinazionali"]), min: 1000, max: null },
];

function employeeNear(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= Math.min(tokens.length - 1, to + 3); k++) if (isEmployeeWord(tokens[k]?.norm)) return true;
  for (let k = Math.max(0, from - 4); k < from; k++) if (isEmployeeWord(tokens[k]?.norm)) return true;
  return false;
}

function takeEmployees(tokens: Token[]): { min: number | null; max: number | null } {
  let min: number | null = null;
  let max: number | null = null;
  const use = (from: number, to: number) => {
    for (let k = from; k <= to; k++) tokens[k]!.used = true;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // between N and M / N-M / N to M
    const rs = markerAt(tokens, i, RANGE_START);
    const a = tokens[i + rs];
    if (a?.num != null && RANGE_MID.has(tokens[i + rs + 1]?.norm ?? "") && tokens[i + rs + 2]?.num != null && employeeNear(tokens, i, i + rs + 2)) {
      min = a.num;
      max = tokens[i + rs + 2]!.num;
      use(i, i + rs + 2);
      i += rs + 2;
      continue;
    }
    for (const [list, kind] of [[MORE_STRICT, "gt"], [MORE_INCLUSIVE, "ge"], [LESS_STRICT, "lt"], [LESS_INCLUSIVE, "le"]] as const) {
      const n = markerAt(tokens, i, list);
      const num = tokens[i + n]?.num;
      if (n && num != null && employeeNear(tokens, i, i + n)) {
        if (kind === "gt") min = num + 1;
        if (kind === "ge") min = num;
        if (kind === "lt") max = num - 1;
        if (kind === "le") max = num;
        use(i, i + n);
        i += n;
        break;
      }
    }
    if (t.num != null && !t.used) {
      const n = markerAt(tokens, i + 1, OR_MORE);
      if (n && employeeNear(tokens, i, i + n)) {
        min = t.num;
        use(i, i + n);
      }
    }
  }
  if (min === null && max === null) {
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.used) continue;
      for (const size of SIZE_WORDS) {
        const n = markerAt(tokens, i, size.words);
        if (n) {
          min = size.min;
          max = size.max;
          use(i, i + n - 1);
          return { min, max };
        }
      }
    }
  }
  return { min, max };
}

// ---------------------------------------------------------------- negation scopes

const NEGATIONS: Record<Language, string[][]> = Object.fromEntries(LANGUAGES.map((l) => [l, split(NEGATION_WORDS[l])])) as Record<Language, string[][]>;
/** Negation markers every language understands (English words appear in prompts of every language). */
const NEGATIONS_ANY = split(["excluding", "except", "without", "not"]);
const POSITIVE_CONNECTORS = new Set([
  "with", "in", "using", "that", "who", "which", "but", "for", "based", "located", "having", "from", "running", "on",
  "mit", "im", "die", "aber", "sondern", "fur", "aus", "nutzen", "einsetzen",
  "avec", "en", "qui", "mais", "pour", "utilisant", "bases",
  "con", "que", "pero", "para", "usando", "ubicadas",
  "com", "em", "mas", "usando", "sediadas",
  "nel", "nella", "che", "ma", "per", "usano", "utilizzano", "con sede",
]);
const LIST_CONTINUE = new Set(["and", "or", "nor", "und", "oder", "noch", "et", "ou", "ni", "y", "o", "e", "ne", "/", "&"]);
const GERMAN_VERB_AFTER_NICHT = new Set(["nutzen", "nutzt", "einsetzen", "einsetzt", "verwenden", "verwendet", "haben", "hat", "sind", "ist", "betreiben"]);

interface Found {
  at: number;
  length: number;
  entity: Entity;
  negated: boolean;
}

function findEntities(tokens: Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = matchAt(tokens, i);
    if (!m) continue;
    // "US" only as written in capitals (not the pronoun "us").
    if (m.length === 1 && tokens[i]!.norm === "us" && tokens[i]!.raw !== "US" && tokens[i]!.raw !== "U.S") continue;
    found.push({ at: i, length: m.length, entity: m.phrase.entity, negated: false });
    for (let k = i; k < i + m.length; k++) tokens[k]!.used = true;
    i += m.length - 1;
  }
  return found;
}

function applyNegation(tokens: Token[], found: Found[], language: Language): void {
  const byStart = new Map(found.map((f) => [f.at, f]));
  const markers = [...NEGATIONS[language], ...NEGATIONS_ANY].sort((a, b) => b.length - a.length);
  let negating = false;
  let covered = 0;
  let lastKind: Entity["kind"] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const n = t.used ? 0 : markerAt(tokens, i, markers);
    if (n) {
      // German verb-final negation: "die SAP nicht nutzen" negates the entity just before.
      if (language === "de" && t.norm === "nicht" && (GERMAN_VERB_AFTER_NICHT.has(wordAt(tokens, i + 1) ?? "") || tokens[i + 1]?.punct || i + 1 >= tokens.length)) {
        const before = found.filter((f) => f.at + f.length <= i && f.at + f.length >= i - 2).pop();
        if (before && !byStart.has(i + 1)) {
          before.negated = true;
          continue;
        }
      }
      negating = true;
      covered = 0;
      lastKind = null;
      i += n - 1;
      continue;
    }
    if (!negating) continue;
    const entity = byStart.get(i);
    if (entity) {
      entity.negated = true;
      covered++;
      lastKind = entity.entity.kind;
      i += entity.length - 1;
      continue;
    }
    if (t.punct) {
      if (t.norm === "," || t.norm === "/" ) {
        const next = byStart.get(i + 1) ?? (LIST_CONTINUE.has(wordAt(tokens, i + 1) ?? "") ? byStart.get(i + 2) : undefined);
        if (next && next.entity.kind === lastKind) continue;
      }
      negating = false;
      continue;
    }
    if (covered > 0 && POSITIVE_CONNECTORS.has(t.norm)) negating = false;
  }
}

// ---------------------------------------------------------------- content coverage

const FUNCTION_WORDS = new Set(Object.values(LANGUAGE_MARKERS).flat().concat([
  "find", "show", "list", "give", "me", "get", "us", "all", "any", "some", "are", "is", "be", "currently", "already", "also", "their", "they", "them", "its", "it", "an", "a", "on",
  "uns", "alle", "sie", "ihre", "bereits", "derzeit", "zeige", "liste", "suche", "finden", "von", "zu", "zum", "zur", "auf", "ein", "eine", "einen",
  "moi", "nous", "toutes", "tous", "leurs", "deja", "actuellement", "les", "sur", "un", "une", "dans", "ont",
  "me", "todas", "todos", "sus", "ya", "actualmente", "un", "una", "el", "al", "por", "sobre", "tienen",
  "me", "todas", "todos", "suas", "seus", "ja", "atualmente", "um", "uma", "o", "a", "ao", "pela", "pelo", "sobre", "tem",
  "mi", "tutte", "tutti", "loro", "gia", "attualmente", "un", "una", "il", "lo", "la", "al", "alle", "sul", "hanno", "cerca",
  "companies", "company", "firms", "businesses", "organisations", "organizations", "unternehmen", "firmen", "entreprises", "societes", "empresas", "companias", "aziende", "imprese", "societa", "leads", "prospects", "accounts", "buyers",
  "using", "use", "uses", "run", "runs", "running", "nutzen", "einsetzen", "verwenden", "utilisent", "utilisant", "usan", "utilizan", "usam", "utilizam", "usano", "utilizzano",
  "based", "located", "headquartered", "sitz", "ansassig", "basees", "situees", "ubicadas", "sediadas", "sede",
]));

function coverage(tokens: Token[]): number {
  const content = tokens.filter((t) => !t.punct && !FUNCTION_WORDS.has(t.norm));
  if (content.length === 0) return 0;
  const explained = content.filter((t) => t.used || t.num != null || isEmployeeWord(t.norm));
  return explained.length / content.length;
}

// ---------------------------------------------------------------- the parser

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function parseRules(prompt: string): LeadQuery {
  const tokens = tokenize(prompt);
  const language = detectLanguage(prompt, tokens);
  const exemplars = takeExemplars(tokens);
  const product = takeProduct(tokens);
  const employees = takeEmployees(tokens);
  const found = findEntities(tokens);
  applyNegation(tokens, found, language);

  const pick = <K extends Entity["kind"]>(kind: K, negated: boolean) => found.filter((f) => f.entity.kind === kind && f.negated === negated).map((f) => f.entity as Extract<Entity, { kind: K }>);
  const excludedIndustries = uniq(pick("industry", true).map((e) => e.value));
  const excludedCountries = uniq(pick("country", true).flatMap((e) => e.values));
  const excludedTechnologies = uniq(pick("technology", true).map((e) => e.value));
  const topics = uniq([...(product.category ? [product.category] : []), ...pick("category", false).map((e) => e.value)]);
  const firstCategoryPhrase = found.find((f) => f.entity.kind === "category" && !f.negated);

  return {
    language,
    product: product.text ?? (firstCategoryPhrase ? tokens.slice(firstCategoryPhrase.at, firstCategoryPhrase.at + firstCategoryPhrase.length).map((t) => t.raw).join(" ").toLowerCase() : null),
    industries: uniq(pick("industry", false).map((e) => e.value)).filter((i) => !excludedIndustries.includes(i)),
    excludedIndustries,
    countries: uniq(pick("country", false).flatMap((e) => e.values)).filter((c) => !excludedCountries.includes(c)),
    excludedCountries,
    employeeMin: employees.min,
    employeeMax: employees.max,
    technologies: uniq(pick("technology", false).map((e) => e.value)).filter((t) => !excludedTechnologies.includes(t)),
    excludedTechnologies,
    exemplars,
    intentTopics: topics,
    path: "RULES",
    confidence: Math.round(coverage(tokens) * 100) / 100,
  };
}
