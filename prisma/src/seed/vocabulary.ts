import type { Rng } from "./prng.js";

export interface Country {
  name: string;
  code: string;
  region: "EMEA" | "NAMER" | "LATAM" | "APJ";
  tld: string;
  legalSuffixes: readonly string[];
  cities: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  { name: "Germany", code: "DE", region: "EMEA", tld: "de", legalSuffixes: ["GmbH", "AG", "GmbH & Co. KG", "SE"], cities: ["Berlin", "Munich", "Hamburg", "Frankfurt", "Stuttgart", "Cologne"] },
  { name: "France", code: "FR", region: "EMEA", tld: "fr", legalSuffixes: ["SAS", "SA", "SARL"], cities: ["Paris", "Lyon", "Toulouse", "Lille", "Nantes"] },
  { name: "Spain", code: "ES", region: "EMEA", tld: "es", legalSuffixes: ["S.L.", "S.A."], cities: ["Madrid", "Barcelona", "Valencia", "Bilbao", "Seville"] },
  { name: "Italy", code: "IT", region: "EMEA", tld: "it", legalSuffixes: ["S.p.A.", "S.r.l."], cities: ["Milan", "Rome", "Turin", "Bologna"] },
  { name: "Netherlands", code: "NL", region: "EMEA", tld: "nl", legalSuffixes: ["B.V.", "N.V."], cities: ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"] },
  { name: "United Kingdom", code: "GB", region: "EMEA", tld: "co.uk", legalSuffixes: ["Ltd", "PLC", "LLP"], cities: ["London", "Manchester", "Edinburgh", "Bristol", "Leeds"] },
  { name: "Switzerland", code: "CH", region: "EMEA", tld: "ch", legalSuffixes: ["AG", "SA", "GmbH"], cities: ["Zurich", "Geneva", "Basel", "Lausanne"] },
  { name: "Sweden", code: "SE", region: "EMEA", tld: "se", legalSuffixes: ["AB"], cities: ["Stockholm", "Gothenburg", "Malmö"] },
  { name: "Poland", code: "PL", region: "EMEA", tld: "pl", legalSuffixes: ["Sp. z o.o.", "S.A."], cities: ["Warsaw", "Kraków", "Wrocław", "Gdańsk"] },
  { name: "United Arab Emirates", code: "AE", region: "EMEA", tld: "ae", legalSuffixes: ["LLC", "FZ-LLC"], cities: ["Dubai", "Abu Dhabi"] },
  { name: "United States", code: "US", region: "NAMER", tld: "com", legalSuffixes: ["Inc.", "LLC", "Corp."], cities: ["New York", "Austin", "Seattle", "Chicago", "Boston", "Denver", "Atlanta"] },
  { name: "Canada", code: "CA", region: "NAMER", tld: "ca", legalSuffixes: ["Inc.", "Ltd."], cities: ["Toronto", "Vancouver", "Montreal", "Calgary"] },
  { name: "Brazil", code: "BR", region: "LATAM", tld: "com.br", legalSuffixes: ["Ltda.", "S.A."], cities: ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba"] },
  { name: "Mexico", code: "MX", region: "LATAM", tld: "com.mx", legalSuffixes: ["S.A. de C.V.", "S. de R.L. de C.V."], cities: ["Mexico City", "Monterrey", "Guadalajara"] },
  { name: "Chile", code: "CL", region: "LATAM", tld: "cl", legalSuffixes: ["SpA", "S.A."], cities: ["Santiago", "Valparaíso"] },
  { name: "Japan", code: "JP", region: "APJ", tld: "co.jp", legalSuffixes: ["K.K.", "G.K."], cities: ["Tokyo", "Osaka", "Nagoya", "Fukuoka"] },
  { name: "Australia", code: "AU", region: "APJ", tld: "com.au", legalSuffixes: ["Pty Ltd"], cities: ["Sydney", "Melbourne", "Brisbane", "Perth"] },
  { name: "India", code: "IN", region: "APJ", tld: "in", legalSuffixes: ["Pvt. Ltd.", "Ltd."], cities: ["Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai"] },
  { name: "Singapore", code: "SG", region: "APJ", tld: "com.sg", legalSuffixes: ["Pte. Ltd."], cities: ["Singapore"] },
];

export const INDUSTRIES = [
  "Manufacturing",
  "Logistics & Transportation",
  "Retail & E-commerce",
  "Financial Services",
  "Insurance",
  "Healthcare",
  "Pharmaceuticals",
  "Energy & Utilities",
  "Telecommunications",
  "Media & Entertainment",
  "Public Sector",
  "Automotive",
  "Software & Internet",
  "Professional Services",
  "Food & Beverage",
  "Education",
] as const;

/** The leads intent model's industry id (its taxonomy) for each demo industry. */
export const INDUSTRY_TAXONOMY: Record<(typeof INDUSTRIES)[number], string> = {
  Manufacturing: "manufacturing",
  "Logistics & Transportation": "logistics",
  "Retail & E-commerce": "retail",
  "Financial Services": "banking",
  Insurance: "insurance",
  Healthcare: "healthcare",
  Pharmaceuticals: "pharma",
  "Energy & Utilities": "energy",
  Telecommunications: "telecom",
  "Media & Entertainment": "media",
  "Public Sector": "public_sector",
  Automotive: "automotive",
  "Software & Internet": "software",
  "Professional Services": "professional_services",
  "Food & Beverage": "manufacturing",
  Education: "education",
};

const NAME_HEADS = [
  "Nord", "Alpen", "Atlas", "Baltic", "Blue", "Cedar", "Crest", "Delta", "Ember", "Falcon", "Granite", "Harbor",
  "Helix", "Iber", "Juniper", "Kestrel", "Lumen", "Meridian", "Nova", "Oak", "Orbit", "Pacific", "Polar", "Quartz",
  "Rhein", "River", "Sagitta", "Silver", "Solano", "Stone", "Summit", "Tauris", "Terra", "Vega", "Vertex", "West",
];
const NAME_TAILS = [
  "wind", "field", "gate", "line", "bridge", "point", "stream", "works", "well", "mark", "haven", "ridge", "star", "port",
];
const NAME_SECTOR: Record<(typeof INDUSTRIES)[number], readonly string[]> = {
  Manufacturing: ["Industries", "Maschinenbau", "Components", "Precision", "Fabrication"],
  "Logistics & Transportation": ["Logistics", "Freight", "Shipping", "Transport", "Cargo"],
  "Retail & E-commerce": ["Retail", "Commerce", "Stores", "Marketplace", "Brands"],
  "Financial Services": ["Capital", "Bank", "Finance", "Payments", "Asset Management"],
  Insurance: ["Insurance", "Assurance", "Mutual", "Re"],
  Healthcare: ["Health", "Clinics", "Medical", "Care"],
  Pharmaceuticals: ["Pharma", "Biosciences", "Therapeutics", "Labs"],
  "Energy & Utilities": ["Energy", "Power", "Utilities", "Renewables", "Grid"],
  Telecommunications: ["Telecom", "Networks", "Connect", "Mobile"],
  "Media & Entertainment": ["Media", "Studios", "Broadcasting", "Publishing"],
  "Public Sector": ["Services", "Agency", "Authority"],
  Automotive: ["Automotive", "Motors", "Mobility", "Parts"],
  "Software & Internet": ["Software", "Technologies", "Digital", "Cloud", "Labs"],
  "Professional Services": ["Consulting", "Partners", "Advisory", "Group"],
  "Food & Beverage": ["Foods", "Beverages", "Dairy", "Brewing"],
  Education: ["Learning", "Academy", "Education"],
};

export interface Company {
  /** Brand part, e.g. "Nordwind Logistics". */
  brand: string;
  /** Full legal name, e.g. "Nordwind Logistics GmbH". */
  legalName: string;
  slug: string;
  domain: string;
  industry: (typeof INDUSTRIES)[number];
  country: Country;
}

export function makeCompany(rng: Rng, industry = rng.pick(INDUSTRIES), country = rng.pick(COUNTRIES)): Company {
  const head = rng.pick(NAME_HEADS);
  const root = rng.chance(0.7) ? `${head}${rng.pick(NAME_TAILS)}` : head;
  const brand = `${root} ${rng.pick(NAME_SECTOR[industry])}`;
  const slug = brand.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "");
  return {
    brand,
    legalName: `${brand} ${rng.pick(country.legalSuffixes)}`,
    slug,
    domain: `${slug}.${country.tld}`,
    industry,
    country,
  };
}

export const FIRST_NAMES = [
  "Anna", "Lukas", "Sofia", "Mateo", "Emma", "Noah", "Chloé", "Hugo", "Giulia", "Marco", "Lena", "Jonas", "Olivia",
  "Liam", "Aisha", "Omar", "Priya", "Arjun", "Mei", "Haruto", "Yuki", "Camila", "Diego", "Zofia", "Jakub", "Freya",
  "Erik", "Amara", "Kwame", "Isabel", "Tomás", "Nadia", "Samuel", "Leah", "Ravi", "Ines", "Felix", "Elif", "Can",
];
export const LAST_NAMES = [
  "Müller", "Schmidt", "García", "Martínez", "Rossi", "Bianchi", "Dubois", "Laurent", "de Vries", "Jansen", "Smith",
  "Johnson", "Nowak", "Kowalski", "Andersson", "Nilsson", "Tanaka", "Sato", "Patel", "Sharma", "Silva", "Santos",
  "Okafor", "Mensah", "Haddad", "Cohen", "Yilmaz", "O'Brien", "Murphy", "Fischer", "Weber", "Costa", "Novak",
];

export function personName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** "Munich, Germany" style location. */
export function cityIn(rng: Rng, country = rng.pick(COUNTRIES)): string {
  return `${rng.pick(country.cities)}, ${country.name}`;
}

/** "a" or "an" before a word, by its first letter (good enough for the generated vocabulary). */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;
}
