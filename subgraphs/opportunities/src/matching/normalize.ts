/**
 * Normalisation of the fields APN and Odoo opportunities are matched on: company names (matching
 * keys without legal forms), web and e-mail domains (registrable domain, free-mail filtered),
 * countries (ISO 3166-1 alpha-2) and their sales regions, and HTML descriptions (plain text).
 *
 * All functions are pure. They run once per record, not per pair, so they favour clarity over
 * micro-optimisation; the per-pair functions live in `similarity.ts`.
 */
import { domainToASCII } from "node:url";
import { parse } from "tldts";
import codes from "i18n-iso-countries/codes.json" with { type: "json" };
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import { isFreeMailDomain } from "./free-mail.js";

export { isFreeMailDomain } from "./free-mail.js";

// ---------------------------------------------------------------------------------------------
// Shared text folding
// ---------------------------------------------------------------------------------------------

/** Combining diacritics of Latin, Greek and Cyrillic (not the vowel signs of Indic scripts etc.). */
const DIACRITICS = /[\u0300-\u036f]|[\u1ab0-\u1aff]|[\u1dc0-\u1dff]|[\u20d0-\u20ff]|[\ufe20-\ufe2f]/g;

/** Letters NFKD does not decompose into a base letter + diacritic. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  ø: "o",
  æ: "ae",
  œ: "oe",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ŀ: "l",
};
const SPECIAL_LETTERS_RE = /[ßøæœłđðþıħŧŀ]/g;

const APOSTROPHES = /['’ʼ`´]/g;

/**
 * Dotted initials ("S.A.", "L.L.C.", "U. S. A.", "o.o.") → the letters without dots, so that they
 * survive as one token ("sa", "llc") once punctuation becomes spaces.
 */
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])\p{L}(?:\.\s*\p{L})+\.?(?![\p{L}\p{N}])/gu;

const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** NFKD, diacritics off, lower case, apostrophes dropped, `&` → "and", dotted initials joined,
 * everything but letters/digits (of any script) → single spaces, trimmed. */
function foldText(text: string): string {
  let s = text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase();
  s = s.replace(SPECIAL_LETTERS_RE, (ch) => SPECIAL_LETTERS[ch] ?? ch);
  s = s.replace(APOSTROPHES, "").replace(/&/g, " and ");
  s = s.replace(DOTTED_INITIALS, (m) => m.replace(/[.\s]/g, ""));
  // NFC recomposes what NFKD split apart in scripts whose marks we keep (Hangul, kana voicing).
  return s.replace(NON_WORD, " ").trim().normalize("NFC");
}

// ---------------------------------------------------------------------------------------------
// Company names
// ---------------------------------------------------------------------------------------------

/** Legal forms as folded token sequences. Chains ("Pty Ltd", "Co., Ltd.") need no entry of their
 * own: stripping repeats until no form matches. */
const LEGAL_FORMS: readonly string[] = [
  // English-speaking countries
  "inc", "incorporated", "corp", "corporation", "co", "company", "and co", "and company",
  "llc", "pllc", "lc", "ltd", "limited", "llp", "lp", "lllp", "plc", "public limited company",
  "limited liability company", "limited partnership", "pty", "pte", "pvt", "private limited",
  // German-speaking countries
  "gmbh", "ggmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "ug haftungsbeschrankt", "ek",
  "ev", "eg", "se", "gmbh and co kg", "gmbh and co kgaa", "gmbh and co ohg", "ag and co kg",
  "ag and co kgaa", "se and co kg", "se and co kgaa", "ltd and co kg",
  // Romance languages
  "sa", "sas", "sasu", "sarl", "sa rl", "eurl", "sca", "scs", "snc", "and cie", "spa", "sapa", "srl",
  "srls", "sagl", "sl", "slu", "sau", "sae", "ltda", "lda", "sprl", "sa de cv", "sab de cv",
  "sapi de cv", "s de rl", "s de rl de cv",
  // Benelux, Nordics
  "bv", "nv", "bvba", "cvba", "vof", "ab", "ab publ", "oy", "oyj", "as", "a s", "asa", "aps",
  "hf", "ehf",
  // Central and Eastern Europe
  "sp z oo", "sp zoo", "sro", "spol s ro", "kft", "zrt", "nyrt", "doo", "dd", "ood", "ead",
  "jsc", "pjsc", "ojsc", "cjsc", "ooo", "zao", "oao", "ооо", "зао", "оао", "пао", "ао",
  // Asia
  "kk", "kabushiki kaisha", "gk", "godo kaisha", "yk", "bhd", "berhad", "sdn bhd", "tbk",
  "株式会社", "有限会社", "合同会社", "有限公司", "股份有限公司", "주식회사", "유한회사",
];

const LEGAL_FORM_SET: ReadonlySet<string> = new Set(LEGAL_FORMS);

/** Legal forms by their last token, longest first. */
const LEGAL_FORMS_BY_LAST: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const byLast = new Map<string, string[][]>();
  for (const form of LEGAL_FORMS) {
    const tokens = form.split(" ");
    const last = tokens[tokens.length - 1]!;
    const list = byLast.get(last) ?? [];
    list.push(tokens);
    byLast.set(last, list);
  }
  for (const list of byLast.values()) list.sort((a, b) => b.length - a.length);
  return byLast;
})();

/** Length of the longest legal form that ends `tokens[start, end)` and leaves a token before it. */
function legalSuffixLength(tokens: readonly string[], start: number, end: number): number {
  const candidates = LEGAL_FORMS_BY_LAST.get(tokens[end - 1]!);
  if (candidates === undefined) return 0;
  for (const form of candidates) {
    if (form.length >= end - start) continue;
    let i = 1;
    while (i < form.length && form[form.length - 1 - i] === tokens[end - 1 - i]) i++;
    if (i === form.length) return form.length;
  }
  return 0;
}

/**
 * The matching key of a company name: diacritics folded, lower case, `&` → "and", punctuation →
 * spaces, a leading "the" dropped, and trailing legal forms (Inc., GmbH & Co. KG, S.A. de C.V.,
 * Pty Ltd, …) stripped repeatedly. At least one word always remains ("Company Ltd" → "company"),
 * and a name that is exactly one legal form keeps it ("GmbH & Co. KG" → "gmbh and co kg").
 */
export function normalizeCompanyName(name: string): string {
  const folded = foldText(name);
  if (folded === "") return "";
  if (LEGAL_FORM_SET.has(folded)) return folded;
  const tokens = folded.split(" ");
  const start = tokens.length > 1 && tokens[0] === "the" ? 1 : 0;
  let end = tokens.length;
  for (let n = legalSuffixLength(tokens, start, end); n > 0; n = legalSuffixLength(tokens, start, end)) {
    end -= n;
  }
  return start === 0 && end === tokens.length ? folded : tokens.slice(start, end).join(" ");
}

const ACRONYM_SKIP: ReadonlySet<string> = new Set(["and", "of"]);

/** Initials of a multi-word normalised name ("international business machines" → "ibm");
 * null when fewer than two words remain after skipping "and"/"of". */
export function acronymOf(normName: string): string | null {
  let acronym = "";
  let words = 0;
  for (const word of normName.split(" ")) {
    if (word === "" || ACRONYM_SKIP.has(word)) continue;
    acronym += String.fromCodePoint(word.codePointAt(0)!);
    words++;
  }
  return words >= 2 ? acronym : null;
}

// ---------------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------------

/** Registrable domain of a host or URL (internationalised names as punycode, so both spellings
 * compare equal); null for IPs, single labels and unknown suffixes. */
function registrableDomain(hostOrUrl: string): string | null {
  // Private suffixes on: "acme.github.io" is Acme's site, "github.io" would be everyone's.
  const parsed = parse(hostOrUrl, { allowPrivateDomains: true });
  if (parsed.isIp === true || parsed.domain === null) return null;
  if (parsed.isIcann !== true && parsed.isPrivate !== true) return null;
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(parsed.domain)) return parsed.domain;
  const ascii = domainToASCII(parsed.domain);
  return ascii === "" ? null : ascii;
}

/** Registrable domain of a website field ("https://www.shop.acme.co.uk/x" → "acme.co.uk"). */
export function domainFromWebsite(website: string | null | undefined): string | null {
  if (website == null) return null;
  // CRM fields sometimes hold several sites ("acme.com, acme.de"): the first one counts.
  const first = website.trim().split(/[\s,;|]+/, 1)[0];
  if (first === undefined || first === "") return null;
  return registrableDomain(first.toLowerCase());
}

const EMAIL = /^[^\s@<>()[\]]+@([^\s@<>()[\]]+)$/;

/**
 * Registrable domain of an e-mail address ("jane@mail.acme.de" → "acme.de"); null for invalid
 * addresses and free-mail providers. Accepts "Jane Doe <jane@acme.de>".
 */
export function domainFromEmail(email: string | null | undefined): string | null {
  if (email == null) return null;
  let address = email.trim();
  const lt = address.lastIndexOf("<");
  if (lt >= 0 && address.endsWith(">")) address = address.slice(lt + 1, -1).trim();
  const match = EMAIL.exec(address);
  if (match === null) return null;
  const host = match[1]!.toLowerCase().replace(/\.$/, "");
  const domain = registrableDomain(host);
  return domain === null || isFreeMailDomain(domain) ? null : domain;
}

// ---------------------------------------------------------------------------------------------
// Countries and regions
// ---------------------------------------------------------------------------------------------

type Alpha2 = string;

const ALPHA2: ReadonlySet<Alpha2> = new Set(codes.map((c) => c[0]!));
const ALPHA3_TO_ALPHA2: ReadonlyMap<string, Alpha2> = new Map(codes.map((c) => [c[1]!, c[0]!]));
const NUMERIC_TO_ALPHA2: ReadonlyMap<string, Alpha2> = new Map(codes.map((c) => [c[2]!, c[0]!]));

/** Every ISO 3166-1 alpha-2 code i18n-iso-countries knows (250, Kosovo's XK included). */
export const COUNTRY_CODES: readonly Alpha2[] = [...ALPHA2];

/** Names and spellings the locale files lack, as folded keys. */
const COUNTRY_ALIASES: Readonly<Record<string, Alpha2>> = {
  america: "US",
  "united states": "US",
  "united states of america": "US",
  usa: "US",
  us: "US",
  uk: "GB",
  britain: "GB",
  "great britain": "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  holland: "NL",
  nederland: "NL",
  korea: "KR",
  "south korea": "KR",
  "korea south": "KR",
  "republic of korea": "KR",
  "north korea": "KP",
  "korea north": "KP",
  russia: "RU",
  uae: "AE",
  emirates: "AE",
  "czech republic": "CZ",
  czechia: "CZ",
  turkey: "TR",
  turkiye: "TR",
  "viet nam": "VN",
  vietnam: "VN",
  prc: "CN",
  "pr china": "CN",
  "mainland china": "CN",
  ksa: "SA",
  "dr congo": "CD",
  drc: "CD",
  "congo kinshasa": "CD",
  "congo brazzaville": "CG",
  swaziland: "SZ",
  macedonia: "MK",
  burma: "MM",
  syria: "SY",
  moldova: "MD",
  vatican: "VA",
  "east timor": "TL",
  brunei: "BN",
  "ivory coast": "CI",
  eire: "IE",
  "republic of ireland": "IE",
  polska: "PL",
  sverige: "SE",
  norge: "NO",
  danmark: "DK",
  suomi: "FI",
  italia: "IT",
  brasil: "BR",
};

/** Folded country name → alpha-2, from the English, German, French and Spanish locale files. */
const COUNTRY_BY_NAME: ReadonlyMap<string, Alpha2> = (() => {
  const byName = new Map<string, Alpha2>();
  for (const [key, code] of Object.entries(COUNTRY_ALIASES)) byName.set(key, code);
  // English first: on a clash ("Congo" is CG and CD in English) the earlier entry stays.
  for (const locale of [en, de, fr, es]) {
    for (const [code, names] of Object.entries(locale.countries as Record<string, string | string[]>)) {
      for (const name of typeof names === "string" ? [names] : names) {
        const key = countryKey(name);
        if (!byName.has(key)) byName.set(key, code);
      }
    }
  }
  return byName;
})();

function countryKey(text: string): string {
  const folded = foldText(text);
  return folded.startsWith("the ") ? folded.slice(4) : folded;
}

function countryFromCode(code: string): Alpha2 | null {
  const upper = code.toUpperCase();
  if (upper.length === 2) return ALPHA2.has(upper) ? upper : null;
  if (upper.length === 3) return ALPHA3_TO_ALPHA2.get(upper) ?? NUMERIC_TO_ALPHA2.get(upper) ?? null;
  return null;
}

const TRAILING_CODE = /\(\s*([A-Za-z]{2,3})\s*\)\s*$/;

/**
 * ISO 3166-1 alpha-2 code of a country field: English/German/French/Spanish names, alpha-2,
 * alpha-3 and numeric codes in any case, and common aliases (USA, U.K., Holland, UAE, …).
 * Odoo state labels like "California (US)" yield the code in parentheses; unknown text → null.
 */
export function normalizeCountry(country: string | null | undefined): string | null {
  if (country == null) return null;
  const trimmed = country.trim();
  if (trimmed === "") return null;
  const trailing = TRAILING_CODE.exec(trimmed);
  if (trailing !== null) {
    const code = countryFromCode(trailing[1]!);
    if (code !== null) return code;
  }
  const key = countryKey(trimmed);
  if (key === "") return null;
  const byName = COUNTRY_BY_NAME.get(key);
  if (byName !== undefined) return byName;
  return /^[a-z]{2}$|^[a-z]{3}$|^\d{3}$/.test(key) ? countryFromCode(key) : null;
}

export type GeoRegion = "NA" | "LATAM" | "EMEA" | "APAC";

/**
 * Sales regions. Territories follow geography rather than sovereignty (Puerto Rico → LATAM, Guam →
 * APAC, Greenland → EMEA with Denmark's sales team); Antarctica goes to APAC with its gateways
 * Australia and New Zealand.
 */
const REGION_CODES: Readonly<Record<GeoRegion, string>> = {
  NA: "US CA PM UM",
  LATAM:
    "MX GT BZ SV HN NI CR PA " +
    "CU JM HT DO PR BS BB TT AG DM GD KN LC VC AI AW BQ CW SX KY MS TC VG VI BL MF GP MQ BM " +
    "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS",
  EMEA:
    // Europe
    "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM IS IT JE " +
    "LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK BV " +
    // Middle East, Caucasus, Central Asia
    "AE AM AZ BH GE IL IQ IR JO KW LB OM PS QA SA SY TR YE KZ KG TJ TM UZ " +
    // Africa
    "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG " +
    "ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA ZM ZW",
  APAC:
    // South, East and South-East Asia
    "AF BD BT IN LK MV NP PK IO CN HK MO TW JP KR KP MN BN KH ID LA MY MM PH SG TH TL VN " +
    // Oceania, Antarctica
    "AU NZ PG FJ SB VU NC PF WS TO KI TV NR MH FM PW CK NU TK WF PN NF CX CC HM GU MP AS AQ",
};

const REGION_OF: ReadonlyMap<string, GeoRegion> = new Map(
  (Object.entries(REGION_CODES) as [GeoRegion, string][]).flatMap(([region, list]) =>
    list.split(" ").map((code) => [code, region] as const),
  ),
);

/** Sales region of an ISO 3166-1 alpha-2 code (any case); null for null or unknown codes. */
export function geoRegionOf(countryCode: string | null | undefined): GeoRegion | null {
  if (countryCode == null) return null;
  return REGION_OF.get(countryCode.trim().toUpperCase()) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Free text
// ---------------------------------------------------------------------------------------------

const HTML_DROPPED_ELEMENTS = /<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HTML_BLOCK_TAG =
  /<\/?(?:br|p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|h[1-6]|blockquote|pre|hr|section|article|header|footer|img)\b[^>]*>/gi;
const HTML_TAG = /<\/?[a-zA-Z][^>]*>/g;
const HTML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  ndash: "–", mdash: "—", hellip: "…", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”",
  bdquo: "„", laquo: "«", raquo: "»", bull: "•", middot: "·", euro: "€", pound: "£", yen: "¥",
  cent: "¢", copy: "©", reg: "®", trade: "™", deg: "°", times: "×", divide: "÷", szlig: "ß",
  aelig: "æ", AElig: "Æ", oslash: "ø", Oslash: "Ø", shy: "",
};

/** Accented-letter entities (`&uuml;`, `&eacute;`, …): base letter + combining mark. */
const ACCENT_ENTITY = /^([a-zA-Z])(uml|acute|grave|circ|tilde|cedil|ring)$/;
const ACCENT_MARKS: Readonly<Record<string, string>> = {
  uml: "\u0308", acute: "\u0301", grave: "\u0300", circ: "\u0302", tilde: "\u0303", cedil: "\u0327", ring: "\u030a",
};

function decodeEntity(entity: string, dec?: string, hex?: string, name?: string): string {
  if (dec !== undefined || hex !== undefined) {
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : entity;
  }
  const named = NAMED_ENTITIES[name!];
  if (named !== undefined) return named;
  const accent = ACCENT_ENTITY.exec(name!);
  return accent !== null ? (accent[1]! + ACCENT_MARKS[accent[2]!]!).normalize("NFC") : entity;
}

/** Plain text of an HTML or text field: tags and comments removed, entities decoded, whitespace
 * collapsed; null when nothing is left. */
export function normalizeText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const plain = text
    .replace(HTML_COMMENT, " ")
    .replace(HTML_DROPPED_ELEMENTS, " ")
    .replace(HTML_BLOCK_TAG, " ")
    .replace(HTML_TAG, "")
    .replace(HTML_ENTITY, decodeEntity)
    .replace(/\s+/g, " ")
    .trim();
  return plain === "" ? null : plain;
}

const TITLE_STOP_WORDS = new Set(["a", "an", "and", "the", "of", "for", "to", "on", "in", "with", "at", "by", "aws", "project", "opportunity", "deal"]);

/**
 * The words of a deal title that say what the deal is: lower case, diacritics and punctuation
 * gone, without the company's own name words (APN titles often start with the customer) and
 * without filler words. Compared with a token-set similarity.
 */
export function titleKey(title: string | null | undefined, companyNameNorm: string): string {
  if (!title) return "";
  const company = new Set(companyNameNorm.split(" "));
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !company.has(w) && !TITLE_STOP_WORDS.has(w))
    .join(" ");
}
