/**
 * Deterministic generator of an APN (ACE Partner Central) opportunity export and an Odoo CRM
 * (`crm.lead`) export that describe partly the same deals, with the list of true pairs (gold) and
 * the company alias table a user would maintain: test and benchmark data for the matcher.
 *
 * Shape (defaults): 3,121 Odoo rows, 4,816 APN rows, 2,600 true pairs, one-to-one at deal level.
 * About 10 % of companies have 3–12 deals in each system, only some of them pairs (a big customer's
 * deals differ by project type, phase, date and amount; a type comes back only as a later phase,
 * ≥ 150 days on); the others have one or two deals. APN holds many deals Odoo never saw, Odoo some
 * never registered with AWS. Look-alike companies (same stem, other industry, other country and
 * domain, often buying the same project type near the same date) are traps, never pairs; apart from
 * them no two companies share a name stem.
 *
 * Noise. "company": drawn once per company, shown by one system (the noisy side, APN 55 %) on all
 * that company's deals; "row": drawn per exported row; "pair": per true pair. The last column is the
 * share of true pairs showing it at the default scale and seed 42 (`stats` returns the counts).
 *
 * | noise                                                         | level   | drawn with                   | stats key                      | pairs |
 * |---------------------------------------------------------------|---------|------------------------------|--------------------------------|-------|
 * | legal form changed (Inc ↔ Incorporated ↔ none, GmbH ↔ GmbH & Co. KG, Ltd ↔ Limited, S.A. ↔ SA …) | company | 35 % | noiseLegalSuffix | 35 % |
 * | case / punctuation (UPPER, lower, dots, & ↔ and, hyphen, joined words) | company, row | 14 %, 3 %      | noiseCasePunct                 | 18 %  |
 * | typo, 1–2 edits (swap, drop, double, neighbouring key)        | company, row | 6 %, 1.5 %              | noiseTypo                      | 9 %   |
 * | abbreviation: acronym (PNFS) / words (Intl, Svcs, Tech, Mfg)  | company | 50 % of long names / 12 %    | noiseAbbreviation              | 6 %   |
 * | accents folded (Grünwald → Gruenwald / Grunwald)              | company | 40 % of accented names       | noiseAccentFolded              | 2 %   |
 * | rebrand: an unrelated name on one side                        | company | 2.5 % of companies           | noiseRebrand                   | 2 %   |
 * | acquisition: the acquirer's name (and domain) on one side     | company | 1.5 % of companies           | noiseAcquisition               | 1 %   |
 * | Odoo company name empty (only in the title)                   | row     | 1.5 % of Odoo rows           | noiseCompanyNameMissing        | 1.4 % |
 * | country TLD variant (acme.de ↔ acme.com)                      | company | 6 %                          | noiseDomainTldVariant          | 3 %   |
 * | parent group's domain on one side                             | company | 4 %                          | noiseDomainParent              | 3 %   |
 * | old domain on the old-name side (rebrand, acquisition)        | company | 70 % of those                | noiseDomainRebrand             | 2 %   |
 * | website empty / e-mail empty                                  | row     | APN 30 % / 18 %, Odoo 45 % / 15 % | —                         |       |
 * | no corporate domain at all on one side (also forced: 10 %)    | pair    | 10 % + the row draws         | noiseDomainMissingOneSide      | 24 %  |
 * | free-mail contact (gmail, outlook, gmx, web.de, orange.fr …)  | row     | APN 12 %, Odoo 9 % of e-mails | noiseFreeMailOneSide          | 19 %  |
 * | another contact person on the other side                      | pair    | 35 %                         | noiseOtherContact              | 37 %  |
 * | Odoo e-mail as `Name <address>`                               | row     | 7 %                          | —                              |       |
 * | title re-worded (other synonym 78 %, other pattern, company named or not) | pair | always          | noiseTitleReworded             | 97 %  |
 * | Odoo default title "X's opportunity"                          | row     | 5 % of Odoo rows             | noiseTitleGeneric              | 5 %   |
 * | description re-worded (own sentence templates on each side)   | pair    | always                       | —                              |       |
 * | Odoo description as HTML (<p>, <br>, <ul><li>), & escaped     | row     | 55 % of non-empty            | noiseOdooHtml                  | 50 %  |
 * | one description much shorter (one sentence or the title)      | pair    | 15 %                         | noiseDescriptionShortOneSide   | 14 %  |
 * | description empty                                             | row     | APN 2 %, Odoo 8 %            | noiseDescriptionEmptyOneSide   | 9 %   |
 * | close date shifted: 0 (35 %), ±1–14 d (40 %), ±15–60 d (25 %) | pair    | 65 %                         | noiseDateShifted / …Over30     | 63 % / 16 % |
 * | Odoo close date empty                                         | row     | 2 %                          | noiseDateMissing               | 3 %   |
 * | amount: APN monthly = Odoo total / 12 × U(0.7, 1.3)           | pair    | always                       | noiseAmountOff15 (> 15 % off)  | 45 %  |
 * | APN monthly revenue empty / Odoo 0.0                          | row     | 8 % / 4 %                    | noiseAmountMissing             | 11 %  |
 * | country empty on one side                                     | pair    | 3 % (Odoo 2/3 of them)       | noiseCountryMissing            | 3 %   |
 * | Odoo country spelled otherwise (USA, UK, Deutschland, España …) | row   | 8 % of Odoo rows             | noiseCountryVariant            | 7 %   |
 * | APN use case off the project type                             | row     | 10 %                         | —                              |       |
 * | pair inside a many-deal company                               | company | 10 % of companies            | noisePairInMultiDealCompany    | 46 %  |
 *
 * Alias table (`alias,canonical,kind`, names without legal form): each rebrand, acquisition and
 * abbreviation that shows on a true pair is listed with probability 50 %, plus ~10 % stale rows
 * whose names no generated company has.
 *
 * Files: APN in windows-1252 with CRLF and minimal RFC 4180 quoting; Odoo in UTF-8 with a BOM, LF,
 * every field quoted (as Odoo's exporter does); newlines inside quoted fields are LF. About 6 % of
 * companies have accented names (é, ü, ñ, ø, å, Š …), all in windows-1252. Every name is invented.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { encodeUtf8Bom, encodeWindows1252, toCsv } from "./csv.js";
import { Prng } from "./prng.js";
import {
  ACRONYM_FIRST, ACRONYM_LAST, ACRONYM_SECOND, ACRONYM_THIRD, APN_DELIVERY_MODELS, APN_NOTES, APN_OPENINGS, BENEFITS, BRAND_ENDINGS,
  BRAND_PREFIXES, CODENAMES, COMPOUND_HEADS, COMPOUND_TAILS, CONTACT_ROLES, COUNTRIES, DRIVERS, FAMILY_STEMS, FIRST_NAMES, FREE_MAIL_DOMAINS,
  GROUP_WORDS, INDUSTRIES, LAST_NAMES, LOCAL_STEM_PARTS, LOCAL_STEMS, MONTHS, ODOO_NOTES, ODOO_OPENINGS, ODOO_TAGS, PROJECT_TYPES, SALESPEOPLE, SUFFIX_VARIANTS,
  WORD_ABBREVIATIONS, type CountryDef, type IndustryDef, type Lang, type ProjectType,
} from "./words.js";

export interface MatchingDatasetOptions {
  seed?: number;
  odooCount?: number;
  apnCount?: number;
  truePairs?: number;
}

export interface GeneratedMatchingDataset {
  /** windows-1252, CRLF. */
  apnCsv: Buffer;
  /** UTF-8 with BOM, LF. */
  odooCsv: Buffer;
  goldCsv: string;
  aliasesCsv: string;
  gold: Array<{ apnExternalId: string; odooExternalId: string }>;
  stats: Record<string, number>;
}

export const APN_COLUMNS = [
  "Opportunity ID", "Partner Project Title", "Customer Company Name", "Customer Website", "Customer Email", "Project Description", "Use Case",
  "Stage", "Country", "State/Province", "Target Close Date", "Expected Monthly AWS Revenue", "Industry Vertical", "Delivery Model",
] as const;

export const ODOO_COLUMNS = [
  "id", "name", "partner_name", "website", "email_from", "description", "stage_id", "country_id", "state_id", "date_deadline", "expected_revenue",
  "user_id", "tag_ids",
] as const;

export const GOLD_COLUMNS = ["apn_external_id", "odoo_external_id"] as const;
export const ALIAS_COLUMNS = ["alias", "canonical", "kind"] as const;

/** Stats keys of the noise kinds; each is > 0 at the default scale. */
export const NOISE_STATS = [
  "noiseLegalSuffix", "noiseCasePunct", "noiseTypo", "noiseAbbreviation", "noiseAccentFolded", "noiseRebrand", "noiseAcquisition",
  "noiseCompanyNameMissing", "noiseDomainTldVariant", "noiseDomainParent", "noiseDomainRebrand", "noiseDomainMissingOneSide",
  "noiseFreeMailOneSide", "noiseOtherContact", "noiseTitleReworded", "noiseTitleGeneric", "noiseOdooHtml", "noiseDescriptionShortOneSide",
  "noiseDescriptionEmptyOneSide", "noiseDateShifted", "noiseDateShiftOver30", "noiseDateMissing", "noiseAmountOff15", "noiseAmountMissing",
  "noiseCountryMissing", "noiseCountryVariant", "noisePairInMultiDealCompany",
] as const;

/** Probabilities the generator draws with (see the table above). */
const P = {
  noisyApn: 0.55,
  legalSuffix: 0.35,
  casePunct: 0.14,
  typo: 0.06,
  acronym: 0.5,
  wordAbbreviation: 0.12,
  accentFold: 0.4,
  rebrand: 0.025,
  acquisition: 0.015,
  acquirerExisting: 0.5,
  rowCasePunct: 0.03,
  rowTypo: 0.015,
  odooNameMissing: 0.015,
  tldVariant: 0.06,
  parentDomain: 0.04,
  oldDomainOnOldSide: 0.7,
  apnWebsite: 0.7,
  odooWebsite: 0.55,
  apnEmail: 0.82,
  odooEmail: 0.85,
  apnFreeMail: 0.12,
  odooFreeMail: 0.09,
  pairNoDomainOneSide: 0.1,
  otherContact: 0.35,
  sameTitle: 0.22,
  odooGenericTitle: 0.05,
  odooHtml: 0.55,
  shortDescription: 0.15,
  apnDescriptionEmpty: 0.02,
  odooDescriptionEmpty: 0.08,
  dateSame: 0.35,
  dateNear: 0.4,
  odooDateMissing: 0.02,
  apnRevenueMissing: 0.08,
  odooRevenueZero: 0.04,
  countryMissing: 0.03,
  odooCountryVariant: 0.08,
  multiDealCompany: 0.1,
  lookalike: 0.07,
  localStem: 0.3,
  aliasIncluded: 0.5,
} as const;

const DAY_MS = 86_400_000;
const START_DAY = Date.UTC(2023, 0, 1) / DAY_MS;
const END_DAY = Date.UTC(2026, 5, 30) / DAY_MS;

type Side = "apn" | "odoo";
type NameTag = "legalSuffix" | "casePunct" | "typo" | "abbreviation" | "accentFolded" | "rebrand" | "acquisition";
type DomainTag = "tldVariant" | "parent" | "rebrand";

interface Identity {
  /** Name without legal form ("Bluepeak Logistics"). */
  base: string;
  /** The distinctive part ("Bluepeak"). */
  stem: string;
  /** The industry word when the name is stem + industry word. */
  industryWord?: string;
  /** Canonical legal form (a key of SUFFIX_VARIANTS). */
  suffix: string;
  domain: string;
  lang: Lang;
  acronym?: string;
}

interface Company {
  index: number;
  identity: Identity;
  /** The name before a rebrand, or the acquired company's own identity. */
  former?: Identity;
  change?: "rebrand" | "acquisition";
  country: CountryDef;
  state?: string;
  industry: IndustryDef;
  lookalikeOf?: Company;
  multi: boolean;
  owner: string;
  deals: Deal[];
  views?: Record<Side, SideView>;
  domainTag?: DomainTag;
}

/** How one system shows a company on all its deals. */
interface SideView {
  name: string;
  /** How titles and descriptions refer to it. */
  shorts: string[];
  domain: string;
  identity: Identity;
  tags: Set<NameTag>;
}

interface Deal {
  company: Company;
  project: ProjectType;
  phase: number;
  day: number;
  amount: number;
  qty: number;
  platform: string;
  codename?: string;
  driver?: string;
  progress: "early" | "qualified" | "proposal" | "won" | "lost";
  inOdoo: boolean;
  inApn: boolean;
  apnId?: string;
  odooId?: string;
  odooLead?: number;
  apnRow?: string[];
  odooRow?: string[];
  pairInfo?: PairInfo;
}

interface SideFacts {
  corporateDomains: Set<string>;
  freeMail: boolean;
  contact: string;
  title: string;
  genericTitle: boolean;
  description: "full" | "short" | "empty";
  html: boolean;
  dateDay?: number;
  amountMissing: boolean;
  countryMissing: boolean;
  countryVariant: boolean;
  nameMissing: boolean;
  rowTags: Set<NameTag>;
}

interface PairInfo {
  apn: SideFacts;
  odoo: SideFacts;
  monthly: number;
  total: number;
}

function fold(text: string, lang?: Lang, german = false): string {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  let t = text;
  if (german || lang === "de") {
    t = t.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/Ä/g, "Ae").replace(/Ö/g, "Oe").replace(/Ü/g, "Ue").replace(/ß/g, "ss");
  }
  t = t.replace(/ø/g, "o").replace(/Ø/g, "O").replace(/æ/g, "ae").replace(/Æ/g, "Ae").replace(/œ/g, "oe").replace(/Œ/g, "Oe").replace(/ß/g, "ss");
  return t.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function nameKey(text: string): string {
  return fold(text).toLowerCase().replace(/[^a-z0-9]/g, "");
}

function withSuffix(base: string, suffix: string): string {
  if (suffix === "") return base;
  return suffix.startsWith(",") ? base + suffix : `${base} ${suffix}`;
}

const isoDates = new Map<number, string>();
function isoDate(day: number): string {
  let iso = isoDates.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, iso);
  }
  return iso;
}

function usDate(day: number): string {
  const iso = isoDate(day);
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function usd(amount: number): string {
  const cents = Math.round(amount * 100);
  return `$${groupThousands(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, "0")}`;
}

function roundNice(n: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1);
  return Math.max(magnitude, Math.round(n / magnitude) * magnitude);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const KEY_NEIGHBOURS: Record<string, string> = {
  a: "qswz", b: "vghn", c: "xdfv", d: "serfcx", e: "wsdr", f: "drtgvc", g: "ftyhbv", h: "gyujnb", i: "ujko", j: "huikmn", k: "jiolm", l: "kop",
  m: "njk", n: "bhjm", o: "iklp", p: "ol", q: "wa", r: "edft", s: "awedxz", t: "rfgy", u: "yhji", v: "cfgb", w: "qase", x: "zsdc", y: "tghu", z: "asx",
};

class Builder {
  readonly companies: Company[] = [];
  readonly deals: Deal[] = [];
  private readonly usedNames = new Set<string>();
  private readonly usedDomains = new Set<string>();
  private readonly usedAcronyms = new Set<string>();
  /** Stems in use: a new company takes a fresh one, so only deliberate look-alikes share a stem. */
  private readonly usedStems = new Set<string>();
  private readonly countryWeights: Array<readonly [CountryDef, number]> = COUNTRIES.map((c) => [c, c.weight] as const);

  constructor(private readonly rng: Prng) {}

  // ---------- companies ----------

  private pickCountry(except?: CountryDef): CountryDef {
    for (;;) {
      const c = this.rng.weighted(this.countryWeights);
      if (c !== except) return c;
    }
  }

  private industryWord(industry: IndustryDef, lang: Lang): string {
    const local = industry.local?.[lang];
    if (local && this.rng.chance(0.5)) return this.rng.pick(local);
    return this.rng.pick(industry.words);
  }

  private brandStem(): string {
    return this.rng.pick(BRAND_PREFIXES) + this.rng.pick(BRAND_ENDINGS);
  }

  private compoundStem(): string {
    const head = this.rng.pick(COMPOUND_HEADS);
    const tail = this.rng.pick(COMPOUND_TAILS);
    const r = this.rng.next();
    if (r < 0.75) return head + tail;
    if (r < 0.85) return head + capitalize(tail);
    return `${head} ${capitalize(tail)}`;
  }

  private reserveDomain(slugs: string[], tld: string, fallbackTld: string): string {
    for (const slug of slugs) {
      for (const t of [tld, fallbackTld]) {
        const d = `${slug}.${t}`;
        if (slug.length >= 3 && !this.usedDomains.has(d)) {
          this.usedDomains.add(d);
          return d;
        }
      }
    }
    for (let i = 2; ; i++) {
      const d = `${slugs[0]}${i}.${tld}`;
      if (!this.usedDomains.has(d)) {
        this.usedDomains.add(d);
        return d;
      }
    }
  }

  private domainFor(stem: string, base: string, country: CountryDef, acronym?: string): string {
    const german = country.lang === "de";
    const slug = (s: string) => fold(s, country.lang, german).toLowerCase().replace(/&/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const stemSlug = slug(stem).replace(/-/g, "");
    const baseJoined = slug(base).replace(/-/g, "");
    const baseHyphen = slug(base);
    const candidates: string[] = [];
    if (acronym) candidates.push(acronym.toLowerCase(), `${acronym.toLowerCase()}-corp`);
    const r = this.rng.next();
    if (r < 0.4 && stemSlug.length >= 5) candidates.push(stemSlug, baseJoined, baseHyphen);
    else if (r < 0.7) candidates.push(baseJoined, baseHyphen, stemSlug);
    else candidates.push(baseHyphen, baseJoined, stemSlug);
    candidates.push(`${stemSlug}-${country.code.toLowerCase()}`, baseJoined.endsWith("group") ? `${stemSlug}-hq` : `${baseJoined}group`, `${stemSlug}hq`);
    let tld = country.tld;
    if (country.code === "US") tld = this.rng.weighted([["com", 88], ["io", 4], ["co", 4], ["net", 4]]);
    else if (this.rng.chance(0.3)) tld = "com";
    return this.reserveDomain(candidates, tld, tld === "com" ? "net" : "com");
  }

  /** A fresh company identity with a name no other company has. */
  private newIdentity(country: CountryDef, industry: IndustryDef, forceForm?: "group"): Identity {
    const lang = country.lang;
    for (let attempt = 0; ; attempt++) {
      let stem: string;
      let base: string;
      let industryWord: string | undefined;
      let acronym: string | undefined;
      let suffix = this.rng.weighted(country.suffixes);
      const local = LOCAL_STEMS[lang];
      const parts = LOCAL_STEM_PARTS[lang];
      const r = this.rng.next();
      if (forceForm === "group") {
        stem = this.rng.chance(0.5) ? this.brandStem() : this.compoundStem();
        base = `${stem} ${this.rng.pick(GROUP_WORDS)}`;
      } else if (r < 0.05 && lang === "en") {
        const words = [this.rng.pick(ACRONYM_FIRST), this.rng.pick(ACRONYM_SECOND), this.rng.pick(ACRONYM_THIRD), this.rng.pick(ACRONYM_LAST)];
        if (this.rng.chance(0.35)) words.splice(1, 1);
        base = words.join(" ");
        stem = base;
        acronym = words.map((w) => w[0]!.toUpperCase()).join("");
        if (this.usedAcronyms.has(acronym) || this.usedNames.has(nameKey(acronym))) continue;
        if (country.code === "US") suffix = this.rng.weighted([["Inc.", 50], ["Corporation", 30], ["", 20]]);
      } else {
        const f = this.rng.next();
        if (local && f < P.localStem) {
          stem = parts && this.rng.chance(0.6) ? this.rng.pick(parts[0]) + this.rng.pick(parts[1]) : this.rng.pick(local);
        }
        else if (f < 0.55) stem = this.brandStem();
        else if (f < 0.85) stem = this.compoundStem();
        else stem = this.rng.pick(FAMILY_STEMS);
        const form = this.rng.next();
        if (FAMILY_STEMS.includes(stem as (typeof FAMILY_STEMS)[number]) && form < 0.3) {
          let other = this.rng.pick(FAMILY_STEMS);
          while (other === stem) other = this.rng.pick(FAMILY_STEMS);
          stem = `${stem} & ${other}`;
          base = this.rng.chance(0.5) ? stem : `${stem} ${this.industryWord(industry, lang)}`;
        } else if (form < 0.72) {
          industryWord = this.industryWord(industry, lang);
          base = `${stem} ${industryWord}`;
        } else if (form < 0.85) {
          base = stem;
        } else if (form < 0.93) {
          industryWord = this.industryWord(industry, lang);
          base = `${stem} ${industryWord} ${this.rng.pick(["International", "Group", "Holdings", "Services", "Solutions", "Technologies"])}`;
        } else {
          base = `${stem} ${this.rng.pick(["Technologies", "Systems", "Services", "Group", "Solutions", "International"])}`;
        }
      }
      const key = nameKey(base);
      const stemKey = nameKey(stem);
      if ((this.usedNames.has(key) || this.usedStems.has(stemKey)) && attempt < 200) continue;
      this.usedNames.add(key);
      this.usedStems.add(stemKey);
      if (acronym) {
        this.usedAcronyms.add(acronym);
        this.usedNames.add(nameKey(acronym));
      }
      const domain = this.domainFor(stem, base, country, acronym);
      return { base, stem, industryWord, suffix, domain, lang, acronym };
    }
  }

  /** A company named like `original` (same stem), another industry, country and domain. */
  private lookalikeIdentity(original: Company, country: CountryDef, industry: IndustryDef): Identity | undefined {
    const o = original.identity;
    if (!o.industryWord || o.stem.includes("&")) return undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      let base: string;
      let industryWord: string;
      const local = original.industry.local?.[country.lang];
      if (local && this.rng.chance(0.5)) {
        industryWord = this.rng.pick(local);
        base = `${o.stem} ${industryWord} ${this.rng.pick(["Services", "Group", "Solutions"])}`;
      } else {
        industryWord = this.industryWord(industry, country.lang);
        base = `${o.stem} ${industryWord}`;
      }
      const key = nameKey(base);
      if (this.usedNames.has(key)) continue;
      this.usedNames.add(key);
      const domain = this.domainFor(o.stem, base, country);
      return { base, stem: o.stem, industryWord, suffix: this.rng.weighted(country.suffixes), domain, lang: country.lang };
    }
    return undefined;
  }

  newCompany(multi: boolean): Company {
    let country = this.pickCountry();
    let industry = this.rng.pick(INDUSTRIES);
    let identity: Identity | undefined;
    let lookalikeOf: Company | undefined;
    if (this.companies.length > 20 && this.rng.chance(P.lookalike)) {
      const original = this.rng.pick(this.companies);
      const otherIndustry = this.rng.pick(INDUSTRIES.filter((i) => i !== original.industry));
      const otherCountry = this.rng.chance(0.9) ? this.pickCountry(original.country) : original.country;
      identity = this.lookalikeIdentity(original, otherCountry, otherIndustry);
      if (identity) {
        lookalikeOf = original;
        country = otherCountry;
        industry = otherIndustry;
      }
    }
    identity ??= this.newIdentity(country, industry);
    const company: Company = {
      index: this.companies.length,
      identity,
      country,
      industry,
      lookalikeOf,
      multi,
      owner: this.rng.pick(SALESPEOPLE),
      deals: [],
    };
    if (country.states) company.state = this.rng.pick(country.states);
    const change = this.rng.next();
    if (!lookalikeOf && change < P.rebrand) {
      company.change = "rebrand";
      company.former = this.newIdentity(country, this.rng.chance(0.5) ? industry : this.rng.pick(INDUSTRIES));
    } else if (!lookalikeOf && change < P.rebrand + P.acquisition) {
      company.change = "acquisition";
      company.former = identity;
      const acquirers = this.companies.filter((c) => !c.change && !c.lookalikeOf && c.identity.lang === identity.lang);
      company.identity = acquirers.length > 0 && this.rng.chance(P.acquirerExisting)
        ? this.rng.pick(acquirers).identity
        : this.newIdentity(country, this.rng.pick(INDUSTRIES), "group");
    }
    this.companies.push(company);
    return company;
  }

  /** Claims a name for something outside the data (a stale alias); false when a company has it. */
  reserveName(name: string): boolean {
    const key = nameKey(name);
    if (this.usedNames.has(key)) return false;
    this.usedNames.add(key);
    return true;
  }

  // ---------- deals ----------

  private dealAmount(project: ProjectType): number {
    let amount = Math.exp(Math.log(40_000) + 0.9 * this.rng.normal()) * project.scale;
    amount = Math.min(3_000_000, Math.max(3_000, amount));
    const step = amount < 20_000 ? 500 : amount < 200_000 ? 1_000 : 5_000;
    return Math.round(amount / step) * step;
  }

  private newDeal(company: Company, project: ProjectType, phase: number, day: number, inOdoo: boolean, inApn: boolean): Deal {
    const q = project.qty;
    const steps = Math.floor((q.max - q.min) / q.step);
    const u = this.rng.next();
    const qty = q.min + Math.round(steps * u * u) * q.step;
    const progress = this.rng.weighted([["early", 20], ["qualified", 25], ["proposal", 20], ["won", 22], ["lost", 13]] as const);
    const deal: Deal = {
      company, project, phase, day, qty, progress, inOdoo, inApn,
      amount: this.dealAmount(project),
      platform: this.rng.pick(project.platforms),
    };
    if (this.rng.chance(0.1)) deal.codename = this.rng.pick(CODENAMES);
    if (this.rng.chance(0.45)) {
      const driverDay = day - this.rng.int(20, 120);
      const iso = isoDate(driverDay);
      deal.driver = fill(this.rng.pick(DRIVERS), {
        month: MONTHS[Number(iso.slice(5, 7)) - 1]!,
        year: iso.slice(0, 4),
        yy: iso.slice(2, 4),
        pct: String(this.rng.pick([10, 15, 20, 25, 30])),
      });
    }
    return deal;
  }

  /** Creates a company's deals: `pairs` in both systems, `odooOnly`, `apnOnly`. */
  addDeals(company: Company, pairs: number, odooOnly: number, apnOnly: number): void {
    const kinds: Array<[boolean, boolean]> = [
      ...Array.from({ length: pairs }, (): [boolean, boolean] => [true, true]),
      ...Array.from({ length: odooOnly }, (): [boolean, boolean] => [true, false]),
      ...Array.from({ length: apnOnly }, (): [boolean, boolean] => [false, true]),
    ];
    this.rng.shuffle(kinds);
    const types = this.rng.shuffle([...PROJECT_TYPES]);
    // Look-alikes often buy what their namesake buys: a trap only the name, country and domain tell apart.
    const namesake = company.lookalikeOf?.deals ?? [];
    // One company's deals differ by project type; a type comes back only as a later phase (≥ 150 days on).
    const byType = new Map<ProjectType, Deal[]>();
    let next = 0;
    const nextUnusedType = (): ProjectType | undefined => {
      while (next < types.length && byType.has(types[next]!)) next++;
      return types[next];
    };
    for (const [inOdoo, inApn] of kinds) {
      let project: ProjectType | undefined;
      let phase = 1;
      let day = this.rng.int(START_DAY, END_DAY);
      const trap = namesake.length > 0 && this.rng.chance(0.5) ? this.rng.pick(namesake) : undefined;
      const repeatable = [...byType.values()].filter((ds) => ds.length < 3);
      if (trap && !byType.has(trap.project)) {
        project = trap.project;
        if (this.rng.chance(0.5)) day = Math.min(END_DAY, Math.max(START_DAY, trap.day + this.rng.int(-45, 45)));
      } else if (repeatable.length > 0 && (nextUnusedType() === undefined || this.rng.chance(0.12))) {
        const earlier = this.rng.pick(repeatable);
        project = earlier[0]!.project;
        phase = earlier.length + 1;
        const gap = this.rng.int(150, 420);
        const last = Math.max(...earlier.map((d) => d.day));
        const first = Math.min(...earlier.map((d) => d.day));
        day = last + gap <= END_DAY ? last + gap : Math.max(START_DAY, first - gap);
      }
      project ??= nextUnusedType() ?? this.rng.pick(types);
      const deal = this.newDeal(company, project, phase, day, inOdoo, inApn);
      const same = byType.get(project);
      if (same) same.push(deal);
      else byType.set(project, [deal]);
      company.deals.push(deal);
      this.deals.push(deal);
    }
    // Phases count in time order, whichever side of the first deal a later one landed on.
    for (const same of byType.values()) {
      if (same.length < 2) continue;
      same.sort((x, y) => x.day - y.day).forEach((d, i) => {
        d.phase = i + 1;
      });
    }
  }

  // ---------- names ----------

  casePunct(name: string): string | undefined {
    const options: Array<() => string> = [
      () => name.toUpperCase(),
      () => name.toLowerCase(),
      () => name.replace(/[.,]/g, ""),
      () => (name.includes("&") ? name.replace(/\s*&\s*/, " and ") : name.replace(/ and /, " & ")),
      () => name.replace(/^(\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+)/u, "$1 $2"),
      () => name.replace(/^(\p{L}+) (\p{L}+)/u, "$1-$2"),
      () => name.replace(/^(\p{L}+) (\p{L}+)/u, "$1$2"),
    ];
    const start = this.rng.int(0, options.length - 1);
    for (let i = 0; i < options.length; i++) {
      const out = options[(start + i) % options.length]!();
      if (out !== name) return out;
    }
    return undefined;
  }

  typo(text: string): string | undefined {
    const words = text.split(" ");
    const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{4,}$/u.test(w));
    if (candidates.length === 0) return undefined;
    const [word, wi] = this.rng.pick(candidates);
    let chars = [...word];
    const edits = this.rng.chance(0.75) ? 1 : 2;
    for (let e = 0; e < edits; e++) {
      const i = this.rng.int(1, chars.length - 1);
      const op = this.rng.int(0, 3);
      if (op === 0 && i < chars.length - 1) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      else if (op === 1 && chars.length > 4) chars.splice(i, 1);
      else if (op === 2) chars.splice(i, 0, chars[i]!);
      else {
        const lower = chars[i]!.toLowerCase();
        const near = KEY_NEIGHBOURS[lower];
        chars[i] = near ? this.rng.pick([...near]) : chars[i]!;
      }
      chars = [...chars];
    }
    const out = chars.join("");
    if (out === word) return undefined;
    words[wi] = out;
    return words.join(" ");
  }

  private wordAbbreviation(base: string): string | undefined {
    const words = base.split(" ");
    const hits = words.map((w, i) => [w, i] as const).filter(([w]) => WORD_ABBREVIATIONS[w] !== undefined);
    if (hits.length === 0) return undefined;
    const chosen = this.rng.chance(0.5) ? hits : [this.rng.pick(hits)];
    for (const [w, i] of chosen) words[i] = WORD_ABBREVIATIONS[w]!;
    return words.join(" ");
  }

  private shortsFor(identity: Identity, base: string): string[] {
    const shorts = [base];
    if (identity.acronym && base === identity.base) shorts.push(identity.acronym);
    else if (base.includes(" ") && !identity.stem.includes("&") && base.startsWith(identity.stem)) shorts.push(identity.stem);
    return shorts;
  }

  /** Decides how each system shows the company (see the noise table). */
  planViews(company: Company): void {
    const rng = this.rng;
    const noisy: Side = rng.chance(P.noisyApn) ? "apn" : "odoo";
    const clean: Side = noisy === "apn" ? "odoo" : "apn";
    const oldSide: Side = rng.chance(0.5) ? "apn" : "odoo";
    const identityOf = (side: Side): Identity => (company.former && side === oldSide ? company.former : company.identity);

    const cleanId = identityOf(clean);
    const views = {} as Record<Side, SideView>;
    views[clean] = { name: withSuffix(cleanId.base, cleanId.suffix), shorts: this.shortsFor(cleanId, cleanId.base), domain: cleanId.domain, identity: cleanId, tags: new Set() };

    const id = identityOf(noisy);
    const tags = new Set<NameTag>();
    if (company.change && id !== cleanId) tags.add(company.change);
    let base = id.base;
    let suffix = id.suffix;
    if (rng.chance(P.legalSuffix)) {
      suffix = suffix === "" ? rng.weighted(company.country.suffixes.filter(([s]) => s !== "")) : rng.pick(SUFFIX_VARIANTS[suffix] ?? [""]);
      tags.add("legalSuffix");
    }
    if (id.acronym && rng.chance(P.acronym)) {
      base = id.acronym;
      tags.add("abbreviation");
    } else if (rng.chance(P.wordAbbreviation)) {
      const abbreviated = this.wordAbbreviation(base);
      if (abbreviated) {
        base = abbreviated;
        tags.add("abbreviation");
      }
    }
    if (/[\u0080-\uffff]/.test(base) && rng.chance(P.accentFold)) {
      base = fold(base, id.lang, rng.chance(0.5));
      tags.add("accentFolded");
    }
    if (rng.chance(P.typo) && !tags.has("abbreviation")) {
      const t = this.typo(base);
      if (t) {
        base = t;
        tags.add("typo");
      }
    }
    let name = withSuffix(base, suffix);
    if (rng.chance(P.casePunct)) {
      const c = this.casePunct(name);
      if (c) {
        name = c;
        tags.add("casePunct");
      }
    }
    views[noisy] = { name, shorts: this.shortsFor(id, base), domain: id.domain, identity: id, tags };

    // Domains: same identity → same domain unless a TLD variant or the parent group's domain is used.
    if (company.change && views.apn.identity !== views.odoo.identity) {
      if (rng.chance(P.oldDomainOnOldSide)) company.domainTag = "rebrand";
      else views[oldSide].domain = company.identity.domain;
    } else {
      const r = rng.next();
      const side: Side = rng.chance(0.5) ? "apn" : "odoo";
      const d = views[side].domain;
      const dot = d.indexOf(".");
      const slug = d.slice(0, dot);
      if (r < P.tldVariant) {
        const tld = d.slice(dot + 1);
        const other = tld === "com" ? (company.country.tld === "com" ? rng.pick(["de", "co.uk", "ca", "io"]) : company.country.tld) : "com";
        views[side].domain = `${slug}.${other}`;
        company.domainTag = "tldVariant";
      } else if (r < P.tldVariant + P.parentDomain) {
        const head = slug.split("-")[0]!;
        let parent = head.endsWith("group") ? `${head}-holding.com` : `${head}group.com`;
        while (this.usedDomains.has(parent)) parent = `${fold(this.brandStem()).toLowerCase()}-holding.com`;
        this.usedDomains.add(parent);
        views[side].domain = parent;
        company.domainTag = "parent";
      }
    }
    company.views = views;
  }
}

// ---------- rows ----------

interface Contact {
  first: string;
  last: string;
}

class Renderer {
  constructor(private readonly rng: Prng) {}

  contact(): Contact {
    return { first: this.rng.pick(FIRST_NAMES), last: this.rng.pick(LAST_NAMES) };
  }

  email(c: Contact, domain: string, free: boolean): string {
    const first = fold(c.first).toLowerCase();
    const last = fold(c.last).toLowerCase();
    if (free) return `${first}.${last}${this.rng.chance(0.5) ? this.rng.int(1, 99) : ""}@${this.rng.pick(FREE_MAIL_DOMAINS)}`;
    const local = this.rng.weighted([[`${first}.${last}`, 55], [`${first[0]}.${last}`, 15], [`${first[0]}${last}`, 15], [first, 10], [`${first}_${last}`, 5]]);
    return `${local}@${domain}`;
  }

  website(domain: string, side: Side): string {
    return side === "apn"
      ? this.rng.weighted([[`www.${domain}`, 35], [`https://www.${domain}`, 25], [domain, 20], [`http://${domain}`, 10], [`https://${domain}/`, 10]])
      : this.rng.weighted([[`https://www.${domain}`, 40], [`http://www.${domain}`, 20], [`www.${domain}`, 20], [`https://${domain}`, 20]]);
  }

  qtyText(deal: Deal): string {
    const unit = deal.project.qty.unit;
    const r = this.rng.next();
    if (r < 0.6) return `${groupThousands(deal.qty)} ${unit}`;
    const approx = groupThousands(roundNice(deal.qty));
    return r < 0.85 ? `~${approx} ${unit}` : `around ${approx} ${unit}`;
  }

  action(deal: Deal, index: number): string {
    const p = deal.project;
    return fill(p.actions[index % p.actions.length]!, { qty: this.qtyText(deal), platform: deal.platform });
  }

  title(deal: Deal, titleIndex: number, side: Side, short: string): { title: string; generic: boolean } {
    const t = deal.project.titles[titleIndex]!;
    const rng = this.rng;
    let title: string;
    let generic = false;
    if (side === "apn") {
      title = rng.weighted([
        [t, 40], [`${short} - ${t}`, 20], [`${t} for ${short}`, 15], [`${short} ${t}`, 10], [`${t} (${short})`, 10],
        [`${short} | ${t} | ${groupThousands(deal.qty)} ${deal.project.qty.unit}`, 5],
      ]);
    } else if (rng.chance(P.odooGenericTitle)) {
      title = `${short}'s opportunity`;
      generic = true;
    } else {
      title = rng.weighted([
        [`${short}: ${t}`, 35], [t, 25], [`${t} - ${short}`, 15], [`${short} - ${t}`, 10],
        [`${t} (${groupThousands(roundNice(deal.qty))} ${deal.project.qty.unit})`, 10], [t.toLowerCase(), 5],
      ]);
    }
    if (!generic && deal.phase > 1) title += rng.pick([` - Phase ${deal.phase}`, ` Wave ${deal.phase}`, ` (phase ${deal.phase})`, " - expansion"]);
    if (!generic && deal.codename && rng.chance(0.3)) title = `Project ${deal.codename} - ${title}`;
    return { title, generic };
  }

  apnDescription(deal: Deal, actionIndex: number, short: string, mode: "full" | "short"): string {
    const rng = this.rng;
    const action = this.action(deal, actionIndex);
    const template = rng.pick(APN_OPENINGS);
    const customer = template.startsWith("{customer}") && rng.chance(0.3) ? "The customer" : short;
    const opening = capitalize(fill(template, { customer, action }));
    if (mode === "short") return rng.chance(0.5) ? opening : `${deal.project.titles[actionIndex % deal.project.titles.length]}.`;
    const rest: string[] = [];
    if (deal.driver && rng.chance(0.55)) rest.push(`${deal.driver}.`);
    if (deal.codename && rng.chance(0.5)) rest.push(`Customer refers to it as "Project ${deal.codename}".`);
    if (rng.chance(0.4)) rest.push(rng.pick([...BENEFITS, 'Customer follows a "cloud first" strategy.']));
    if (rng.chance(0.5)) rest.push(rng.pick(APN_NOTES));
    if (rng.chance(0.3)) rng.shuffle(rest);
    return [opening, ...rest].join(rng.chance(0.15) ? "\n" : " ");
  }

  odooDescription(deal: Deal, actionIndex: number, short: string, mode: "full" | "short", html: boolean): string {
    const rng = this.rng;
    const action = this.action(deal, actionIndex);
    const opening = capitalize(fill(rng.pick(ODOO_OPENINGS), { customer: short, action, role: rng.pick(CONTACT_ROLES) }));
    const lines = [opening];
    const notes: string[] = [];
    if (mode === "full") {
      if (deal.driver && rng.chance(0.5)) lines.push(rng.chance(0.5) ? `Compelling event: ${deal.driver}.` : `${deal.driver}.`);
      if (deal.codename && rng.chance(0.5)) lines.push(rng.chance(0.5) ? `Internal name: Project ${deal.codename}.` : `Project "${deal.codename}"`);
      if (rng.chance(0.2)) lines.push(rng.pick(BENEFITS));
      if (rng.chance(0.6)) notes.push(rng.pick(ODOO_NOTES));
      if (rng.chance(0.25)) notes.push(rng.pick(ODOO_NOTES));
    }
    const uniqueNotes = [...new Set(notes)];
    if (!html) return [...lines, ...uniqueNotes].join(rng.chance(0.6) ? "\n" : " ");
    const r = rng.next();
    if (r < 0.2 && uniqueNotes.length > 0) {
      return `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}<ul>${uniqueNotes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
    }
    const all = [...lines, ...uniqueNotes];
    if (r < 0.35) return `<p>${all.map(escapeHtml).join("<br>")}</p>`;
    return all.map((l) => `<p>${escapeHtml(l)}</p>`).join("");
  }
}

const APN_STAGE: Record<Deal["progress"], ReadonlyArray<readonly [string, number]>> = {
  early: [["Prospect", 1]],
  qualified: [["Qualified", 6], ["Technical Validation", 4]],
  proposal: [["Business Validation", 6], ["Committed", 4]],
  won: [["Launched", 7], ["Committed", 3]],
  lost: [["Closed Lost", 1]],
};
const ODOO_STAGE: Record<Deal["progress"], string> = { early: "New", qualified: "Qualified", proposal: "Proposition", won: "Won", lost: "Lost" };
const PROGRESS_ORDER: ReadonlyArray<Deal["progress"]> = ["early", "qualified", "proposal", "won"];

function resolveOptions(options: MatchingDatasetOptions): Required<MatchingDatasetOptions> {
  const seed = options.seed ?? 42;
  const odooCount = options.odooCount ?? 3121;
  const apnCount = options.apnCount ?? 4816;
  const truePairs = options.truePairs ?? Math.round(Math.min(odooCount, apnCount) * (2600 / 3121));
  for (const [k, v] of Object.entries({ odooCount, apnCount, truePairs })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${k} must be a non-negative integer`);
  }
  if (truePairs > Math.min(odooCount, apnCount)) throw new Error("truePairs cannot exceed odooCount or apnCount");
  if (!Number.isInteger(seed)) throw new Error("seed must be an integer");
  return { seed, odooCount, apnCount, truePairs };
}

/** Generates the two exports, the gold pairs and the alias table. Same options → same bytes. */
export function generateMatchingDataset(options: MatchingDatasetOptions = {}): GeneratedMatchingDataset {
  const { seed, odooCount, apnCount, truePairs } = resolveOptions(options);
  const rng = new Prng(seed);
  const builder = new Builder(rng);
  const stats: Record<string, number> = {};
  const bump = (key: string, by = 1) => {
    stats[key] = (stats[key] ?? 0) + by;
  };
  for (const key of NOISE_STATS) stats[key] = 0;

  // 1. Companies and deals, consuming the three budgets proportionally until all are spent.
  let remP = truePairs;
  let remO = odooCount - truePairs;
  let remA = apnCount - truePairs;
  while (remP + remO + remA > 0) {
    const canMulti = remP >= 1 && remP + remO >= 3 && remP + remA >= 3;
    const multi = canMulti && rng.chance(P.multiDealCompany);
    const company = builder.newCompany(multi);
    let p: number;
    let o: number;
    let a: number;
    if (multi) {
      // Odoo has few unpaired deals (3,121 − 2,600), so most of a big customer's Odoo deals are pairs
      // and its extra deals sit on the APN side.
      const kO = 3 + Math.floor(10 * rng.next() ** 2);
      const kA = Math.min(12, Math.max(3, kO + rng.int(-1, 4)));
      p = Math.min(remP, kA, Math.max(1, Math.round(kO * rng.float(0.5, 0.95))));
      o = Math.min(remO, kO - p);
      a = Math.min(remA, kA - p);
    } else {
      const shape = rng.weighted<readonly [number, number, number]>([
        [[1, 0, 0], remP * 0.88],
        [[1, 0, 1], Math.min(remP, remA) * 0.08],
        [[1, 1, 0], Math.min(remP, remO) * 0.04],
        [[0, 1, 0], remO],
        [[0, 0, 1], remA * 0.85],
        [[0, 0, 2], remA * 0.075],
      ]);
      p = Math.min(remP, shape[0]);
      o = Math.min(remO, shape[1]);
      a = Math.min(remA, shape[2]);
      if (p + o + a === 0) {
        // Budgets ran dry for this shape; take whatever is left.
        if (remP > 0) p = 1;
        else if (remO > 0) o = 1;
        else a = 1;
      }
    }
    company.multi = multi && p + o >= 3 && p + a >= 3;
    builder.addDeals(company, p, o, a);
    remP -= p;
    remO -= o;
    remA -= a;
  }
  for (const company of builder.companies) builder.planViews(company);

  // 2. Rows.
  const render = new Renderer(rng);
  const apnIds = new Set<string>();
  const newApnId = (): string => {
    for (;;) {
      const id = `O${rng.int(1_000_000, 9_999_999)}`;
      if (!apnIds.has(id)) {
        apnIds.add(id);
        return id;
      }
    }
  };
  const odooDeals = builder.deals.filter((d) => d.inOdoo);
  rng.shuffle(odooDeals);
  let leadNumber = rng.int(800, 2400);
  for (const d of odooDeals) {
    leadNumber += rng.weighted([[1, 70], [2, 20], [3, 7], [7, 3]]);
    d.odooLead = leadNumber;
    d.odooId = `__export__.crm_lead_${leadNumber}_${rng.hex(8)}`;
  }

  for (const deal of builder.deals) {
    const company = deal.company;
    const views = company.views!;
    const pair = deal.inApn && deal.inOdoo;
    const titleApn = rng.int(0, deal.project.titles.length - 1);
    const titleOdoo = rng.chance(P.sameTitle) ? titleApn : (titleApn + rng.int(1, deal.project.titles.length - 1)) % deal.project.titles.length;
    const actionApn = rng.int(0, deal.project.actions.length - 1);
    const actionOdoo = rng.chance(0.2) ? actionApn : (actionApn + rng.int(1, deal.project.actions.length - 1)) % deal.project.actions.length;
    const contactApn = render.contact();
    const contactOdoo = pair && !rng.chance(P.otherContact) ? contactApn : render.contact();
    const noDomainSide: Side | undefined = pair && rng.chance(P.pairNoDomainOneSide) ? (rng.chance(0.5) ? "apn" : "odoo") : undefined;
    const shortSide: Side | undefined = rng.chance(P.shortDescription) ? (rng.chance(0.5) ? "apn" : "odoo") : undefined;
    const countryMissingSide: Side | undefined = rng.chance(P.countryMissing) ? (rng.chance(2 / 3) ? "odoo" : "apn") : undefined;
    const r = rng.next();
    const shift = r < P.dateSame ? 0 : (rng.chance(0.5) ? -1 : 1) * (r < P.dateSame + P.dateNear ? rng.int(1, 14) : rng.int(15, 60));
    const monthly = Math.round((deal.amount / 12) * rng.float(0.7, 1.3) / 10) * 10;
    let apnFacts: SideFacts | undefined;
    let odooFacts: SideFacts | undefined;

    // Common per-side pieces.
    const sideName = (side: Side, facts: SideFacts): { name: string; short: string } => {
      const view = views[side];
      let name = view.name;
      if (rng.chance(P.rowCasePunct)) {
        const c = builder.casePunct(name);
        if (c) {
          name = c;
          facts.rowTags.add("casePunct");
        }
      }
      if (rng.chance(P.rowTypo)) {
        const t = builder.typo(name);
        if (t) {
          name = t;
          facts.rowTags.add("typo");
        }
      }
      return { name, short: rng.pick(view.shorts) };
    };
    const domainsFor = (side: Side, contact: Contact, websiteP: number, emailP: number, freeP: number, facts: SideFacts) => {
      const domain = views[side].domain;
      let website = "";
      let email = "";
      const none = noDomainSide === side;
      if (!none && rng.chance(websiteP)) {
        website = render.website(domain, side);
        facts.corporateDomains.add(domain);
      }
      if (rng.chance(emailP)) {
        const free = none || rng.chance(freeP);
        if (!none || rng.chance(0.5)) {
          email = render.email(contact, domain, free);
          if (free) facts.freeMail = true;
          else facts.corporateDomains.add(domain);
        }
      }
      return { website, email };
    };
    const newFacts = (contact: Contact): SideFacts => ({
      corporateDomains: new Set(), freeMail: false, contact: `${contact.first} ${contact.last}`, title: "", genericTitle: false, description: "full",
      html: false, amountMissing: false, countryMissing: false, countryVariant: false, nameMissing: false, rowTags: new Set(),
    });

    if (deal.inApn) {
      const facts = newFacts(contactApn);
      const { name, short } = sideName("apn", facts);
      const { website, email } = domainsFor("apn", contactApn, P.apnWebsite, P.apnEmail, P.apnFreeMail, facts);
      const { title } = render.title(deal, titleApn, "apn", short);
      facts.title = title;
      facts.description = rng.chance(P.apnDescriptionEmpty) ? "empty" : shortSide === "apn" ? "short" : "full";
      const description = facts.description === "empty" ? "" : render.apnDescription(deal, actionApn, short, facts.description);
      const idx = PROGRESS_ORDER.indexOf(deal.progress);
      const progress = idx > 0 && rng.chance(0.1) ? PROGRESS_ORDER[idx - 1]! : deal.progress;
      const day = deal.day + shift;
      facts.dateDay = day;
      facts.amountMissing = rng.chance(P.apnRevenueMissing);
      facts.countryMissing = countryMissingSide === "apn";
      const state = company.state && rng.chance(0.75) ? company.state : "";
      const useCase = rng.chance(0.1) ? rng.pick(PROJECT_TYPES).useCase : deal.project.useCase;
      deal.apnId = newApnId();
      deal.apnRow = [
        deal.apnId, title, name, website, email, description, useCase, rng.weighted(APN_STAGE[progress]), facts.countryMissing ? "" : company.country.name,
        facts.countryMissing ? "" : state, usDate(day), facts.amountMissing ? "" : usd(monthly), rng.chance(0.05) ? "Other" : company.industry.vertical,
        rng.weighted(APN_DELIVERY_MODELS.map((m, i) => [m, [20, 8, 25, 35, 10, 2][i]!] as const)),
      ];
      apnFacts = facts;
    }
    if (deal.inOdoo) {
      const facts = newFacts(contactOdoo);
      const named = sideName("odoo", facts);
      const short = named.short;
      let name = named.name;
      if (rng.chance(P.odooNameMissing)) {
        name = "";
        facts.nameMissing = true;
      }
      const { website, email: rawEmail } = domainsFor("odoo", contactOdoo, P.odooWebsite, P.odooEmail, P.odooFreeMail, facts);
      let email = rawEmail;
      if (email && rng.chance(0.07)) email = rng.chance(0.5) ? `"${facts.contact}" <${email}>` : `${facts.contact} <${email}>`;
      const { title, generic } = render.title(deal, titleOdoo, "odoo", short);
      facts.title = title;
      facts.genericTitle = generic;
      facts.description = rng.chance(P.odooDescriptionEmpty) ? "empty" : shortSide === "odoo" ? "short" : "full";
      facts.html = facts.description !== "empty" && rng.chance(P.odooHtml);
      const description = facts.description === "empty" ? "" : render.odooDescription(deal, actionOdoo, short, facts.description, facts.html);
      facts.dateDay = rng.chance(P.odooDateMissing) ? undefined : deal.day;
      facts.amountMissing = rng.chance(P.odooRevenueZero);
      facts.countryMissing = countryMissingSide === "odoo";
      let country = company.country.name;
      if (company.country.odooVariants && rng.chance(P.odooCountryVariant)) {
        country = rng.pick(company.country.odooVariants);
        facts.countryVariant = true;
      }
      const state = company.state && rng.chance(0.65) ? `${company.state} (${company.country.code})` : "";
      const tags = new Set<string>();
      if (rng.chance(0.6)) tags.add("AWS");
      if (deal.project.useCase === "Migration" && rng.chance(0.5)) tags.add("Migration");
      for (let i = rng.int(0, 2); i > 0; i--) tags.add(rng.pick(ODOO_TAGS));
      deal.odooRow = [
        deal.odooId!, title, name, website, email, description, ODOO_STAGE[deal.progress], facts.countryMissing ? "" : country,
        facts.countryMissing ? "" : state, facts.dateDay === undefined ? "" : isoDate(facts.dateDay),
        facts.amountMissing ? "0.0" : `${deal.amount}.0`, rng.chance(0.85) ? company.owner : rng.pick(SALESPEOPLE), [...tags].join(","),
      ];
      odooFacts = facts;
    }
    if (apnFacts && odooFacts) deal.pairInfo = { apn: apnFacts, odoo: odooFacts, total: deal.amount, monthly };
  }

  // 3. Stats over true pairs.
  const pairs = builder.deals.filter((d) => d.pairInfo);
  const aliasCandidates = new Map<string, { alias: string; canonical: string; kind: "rebrand" | "acquisition" | "abbreviation" }>();
  for (const deal of pairs) {
    const info = deal.pairInfo!;
    const company = deal.company;
    const views = company.views!;
    const tags = new Set<NameTag>([...views.apn.tags, ...views.odoo.tags, ...info.apn.rowTags, ...info.odoo.rowTags]);
    const tagStat: Record<NameTag, string> = {
      legalSuffix: "noiseLegalSuffix", casePunct: "noiseCasePunct", typo: "noiseTypo", abbreviation: "noiseAbbreviation",
      accentFolded: "noiseAccentFolded", rebrand: "noiseRebrand", acquisition: "noiseAcquisition",
    };
    for (const t of tags) bump(tagStat[t]);
    if (info.odoo.nameMissing) bump("noiseCompanyNameMissing");
    const a = info.apn.corporateDomains;
    const o = info.odoo.corporateDomains;
    if (a.size === 0 || o.size === 0) {
      if (a.size + o.size > 0) bump("noiseDomainMissingOneSide");
      else bump("pairsNoDomainEitherSide");
    } else if ([...a].some((d) => o.has(d))) bump("pairsSharedDomain");
    else {
      bump("pairsDifferentDomains");
      if (company.domainTag === "tldVariant") bump("noiseDomainTldVariant");
      if (company.domainTag === "parent") bump("noiseDomainParent");
      if (company.domainTag === "rebrand") bump("noiseDomainRebrand");
    }
    if (info.apn.freeMail !== info.odoo.freeMail) bump("noiseFreeMailOneSide");
    if (info.apn.contact !== info.odoo.contact) bump("noiseOtherContact");
    if (info.apn.title.toLowerCase() !== info.odoo.title.toLowerCase()) bump("noiseTitleReworded");
    if (info.odoo.genericTitle) bump("noiseTitleGeneric");
    if (info.odoo.html) bump("noiseOdooHtml");
    if ((info.apn.description === "short") !== (info.odoo.description === "short")) bump("noiseDescriptionShortOneSide");
    if ((info.apn.description === "empty") !== (info.odoo.description === "empty")) bump("noiseDescriptionEmptyOneSide");
    if (info.odoo.dateDay === undefined) bump("noiseDateMissing");
    else {
      const shift = Math.abs(info.apn.dateDay! - info.odoo.dateDay);
      if (shift > 0) bump("noiseDateShifted");
      if (shift > 30) bump("noiseDateShiftOver30");
    }
    if (info.apn.amountMissing || info.odoo.amountMissing) bump("noiseAmountMissing");
    else if (Math.abs((info.monthly * 12) / info.total - 1) > 0.15) bump("noiseAmountOff15");
    if (info.apn.countryMissing || info.odoo.countryMissing) bump("noiseCountryMissing");
    if (info.odoo.countryVariant) bump("noiseCountryVariant");
    if (company.multi) bump("noisePairInMultiDealCompany");
    if (views.apn.name === views.odoo.name && info.apn.rowTags.size + info.odoo.rowTags.size === 0 && !info.odoo.nameMissing) bump("pairsSameCompanyName");

    // Alias-table candidates: what actually separates the two names of a true pair.
    if (company.change && views.apn.identity !== views.odoo.identity) {
      const alias = company.former!.base;
      aliasCandidates.set(`${company.change}|${alias}`, { alias, canonical: company.identity.base, kind: company.change });
    }
    for (const side of ["apn", "odoo"] as const) {
      const v = views[side];
      if (!v.tags.has("abbreviation")) continue;
      const alias = v.shorts[0]!;
      aliasCandidates.set(`abbreviation|${alias}`, { alias, canonical: v.identity.base, kind: "abbreviation" });
    }
  }

  // 4. Alias table: about half of what was used, plus a few stale rows.
  const aliasRows: string[][] = [];
  for (const c of aliasCandidates.values()) {
    if (rng.chance(P.aliasIncluded)) aliasRows.push([c.alias, c.canonical, c.kind]);
  }
  const staleCount = Math.max(1, Math.round(aliasCandidates.size * 0.1));
  for (let added = 0; added < staleCount; ) {
    // Names no generated company has, so a stale row never links two deals by mistake.
    const kind = rng.pick(["rebrand", "acquisition", "abbreviation"] as const);
    let row: string[];
    if (kind === "abbreviation") {
      const words = [rng.pick(ACRONYM_FIRST), rng.pick(ACRONYM_THIRD), rng.pick(ACRONYM_LAST)];
      row = [words.map((w) => w[0]).join(""), words.join(" "), kind];
    } else {
      const stem = rng.pick(BRAND_PREFIXES) + rng.pick(BRAND_ENDINGS);
      row = [`${rng.pick(COMPOUND_HEADS)}${rng.pick(COMPOUND_TAILS)} ${rng.pick(INDUSTRIES).words[0]}`, `${stem} ${rng.pick(GROUP_WORDS)}`, kind];
    }
    if (!builder.reserveName(row[0]!) || !builder.reserveName(row[1]!)) continue;
    aliasRows.push(row);
    added++;
  }
  stats.aliasesUsed = aliasCandidates.size;
  stats.aliasRows = aliasRows.length;
  stats.aliasRowsStale = staleCount;

  // 5. Files.
  const apnDeals = rng.shuffle(builder.deals.filter((d) => d.inApn));
  const apnText = toCsv(APN_COLUMNS, apnDeals.map((d) => d.apnRow!), { eol: "\r\n" });
  const { bytes: apnCsv, unencodable } = encodeWindows1252(apnText);
  const odooSorted = builder.deals.filter((d) => d.inOdoo).sort((x, y) => x.odooLead! - y.odooLead!);
  const odooCsv = encodeUtf8Bom(toCsv(ODOO_COLUMNS, odooSorted.map((d) => d.odooRow!), { eol: "\n", quoteAll: true }));
  const gold = pairs
    .map((d) => ({ apnExternalId: d.apnId!, odooExternalId: d.odooId! }))
    .sort((x, y) => (x.apnExternalId < y.apnExternalId ? -1 : x.apnExternalId > y.apnExternalId ? 1 : 0));
  const goldCsv = toCsv(GOLD_COLUMNS, gold.map((g) => [g.apnExternalId, g.odooExternalId]), { eol: "\n" });
  const aliasesCsv = toCsv(ALIAS_COLUMNS, aliasRows, { eol: "\n" });

  // 6. Record-level stats.
  Object.assign(stats, {
    odooRows: odooSorted.length,
    apnRows: apnDeals.length,
    truePairs: gold.length,
    odooOnlyDeals: odooSorted.length - gold.length,
    apnOnlyDeals: apnDeals.length - gold.length,
    companies: builder.companies.length,
    multiDealCompanies: builder.companies.filter((c) => c.multi).length,
    dealsInMultiDealCompanies: builder.deals.filter((d) => d.company.multi).length,
    lookalikeCompanies: builder.companies.filter((c) => c.lookalikeOf).length,
    rebrandedCompanies: builder.companies.filter((c) => c.change === "rebrand").length,
    acquiredCompanies: builder.companies.filter((c) => c.change === "acquisition").length,
    accentedCompanies: builder.companies.filter((c) => /[\u0080-\uffff]/.test(c.identity.base + (c.former?.base ?? ""))).length,
    apnRowsWithNonAscii: apnDeals.filter((d) => d.apnRow!.some((f) => /[\u0080-\uffff]/.test(f))).length,
    odooHtmlDescriptions: odooSorted.filter((d) => d.odooRow![5]!.startsWith("<")).length,
    cp1252Unencodable: unencodable,
  });
  return { apnCsv, odooCsv, goldCsv, aliasesCsv, gold, stats: sortKeys(stats) };
}

function sortKeys(stats: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes apn.csv, odoo.csv, gold.csv and aliases.csv into `dir` (created if missing). */
export async function writeMatchingDataset(dir: string, options: MatchingDatasetOptions = {}): Promise<{ files: string[]; stats: Record<string, number> }> {
  const data = generateMatchingDataset(options);
  await mkdir(dir, { recursive: true });
  const files: Array<[string, Buffer | string]> = [
    ["apn.csv", data.apnCsv],
    ["odoo.csv", data.odooCsv],
    ["gold.csv", data.goldCsv],
    ["aliases.csv", data.aliasesCsv],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    await writeFile(path, content);
    written.push(path);
  }
  return { files: written, stats: data.stats };
}
