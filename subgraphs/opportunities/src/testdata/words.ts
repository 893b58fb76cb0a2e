/**
 * Word lists for the opportunity-export generator: countries and their legal forms, company-name
 * stems, industries, cloud project types and the sentences deals are described with. Every company
 * and person name built from these is invented; none is meant to be a real one.
 */

export type Lang = "en" | "de" | "fr" | "es" | "it" | "pt" | "nl" | "sv" | "no" | "da" | "fi" | "cs" | "pl" | "ja";

export interface CountryDef {
  /** English name, as APN's picklist writes it. */
  name: string;
  /** ISO 3166-1 alpha-2, as Odoo writes after a state ("California (US)"). */
  code: string;
  weight: number;
  lang: Lang;
  /** Country top-level domain ("com" for the United States). */
  tld: string;
  /** Legal forms with their weights. */
  suffixes: ReadonlyArray<readonly [string, number]>;
  states?: readonly string[];
  /** How a hand-edited Odoo country field sometimes spells it. */
  odooVariants?: readonly string[];
}

const US_STATES = [
  "California", "Texas", "New York", "Washington", "Illinois", "Massachusetts", "Florida", "Georgia", "Colorado", "Virginia",
  "North Carolina", "New Jersey", "Ohio", "Pennsylvania", "Michigan", "Minnesota", "Oregon", "Arizona", "Utah", "Tennessee",
  "Missouri", "Wisconsin", "Maryland", "Indiana", "Connecticut",
] as const;

export const COUNTRIES: readonly CountryDef[] = [
  { name: "United States", code: "US", weight: 34, lang: "en", tld: "com", suffixes: [["Inc.", 45], ["LLC", 25], ["Corp.", 12], ["Corporation", 8], ["", 10]], states: US_STATES, odooVariants: ["USA", "United States of America", "US", "U.S.A."] },
  { name: "Germany", code: "DE", weight: 10, lang: "de", tld: "de", suffixes: [["GmbH", 60], ["AG", 15], ["GmbH & Co. KG", 15], ["SE", 5], ["", 5]], odooVariants: ["Deutschland", "Federal Republic of Germany"] },
  { name: "United Kingdom", code: "GB", weight: 9, lang: "en", tld: "co.uk", suffixes: [["Ltd", 55], ["Limited", 25], ["PLC", 10], ["", 10]], odooVariants: ["UK", "Great Britain", "England"] },
  { name: "France", code: "FR", weight: 5, lang: "fr", tld: "fr", suffixes: [["SAS", 45], ["S.A.", 30], ["SARL", 20], ["", 5]], odooVariants: ["République française"] },
  { name: "Canada", code: "CA", weight: 4, lang: "en", tld: "ca", suffixes: [["Inc.", 55], ["Ltd", 25], ["Corp.", 10], ["", 10]], states: ["Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Nova Scotia"] },
  { name: "Australia", code: "AU", weight: 4, lang: "en", tld: "com.au", suffixes: [["Pty Ltd", 80], ["Limited", 10], ["", 10]], states: ["New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia"] },
  { name: "Netherlands", code: "NL", weight: 3, lang: "nl", tld: "nl", suffixes: [["B.V.", 80], ["N.V.", 15], ["", 5]], odooVariants: ["The Netherlands", "Nederland", "Holland"] },
  { name: "Spain", code: "ES", weight: 3, lang: "es", tld: "es", suffixes: [["S.L.", 55], ["S.A.", 40], ["", 5]], odooVariants: ["España"] },
  { name: "Italy", code: "IT", weight: 2, lang: "it", tld: "it", suffixes: [["S.r.l.", 55], ["S.p.A.", 40], ["", 5]], odooVariants: ["Italia"] },
  { name: "Sweden", code: "SE", weight: 2, lang: "sv", tld: "se", suffixes: [["AB", 90], ["", 10]], odooVariants: ["Sverige"] },
  { name: "Norway", code: "NO", weight: 1.5, lang: "no", tld: "no", suffixes: [["AS", 85], ["", 15]], odooVariants: ["Norge"] },
  { name: "Denmark", code: "DK", weight: 1.5, lang: "da", tld: "dk", suffixes: [["A/S", 85], ["", 15]], odooVariants: ["Danmark"] },
  { name: "Finland", code: "FI", weight: 1, lang: "fi", tld: "fi", suffixes: [["Oy", 85], ["", 15]], odooVariants: ["Suomi"] },
  { name: "Switzerland", code: "CH", weight: 2, lang: "de", tld: "ch", suffixes: [["AG", 70], ["GmbH", 25], ["", 5]], odooVariants: ["Schweiz", "Suisse"] },
  { name: "Austria", code: "AT", weight: 1.5, lang: "de", tld: "at", suffixes: [["GmbH", 80], ["AG", 15], ["", 5]], odooVariants: ["Österreich"] },
  { name: "Ireland", code: "IE", weight: 1.5, lang: "en", tld: "ie", suffixes: [["Limited", 55], ["Ltd", 35], ["", 10]], odooVariants: ["Republic of Ireland", "Éire"] },
  { name: "Belgium", code: "BE", weight: 1, lang: "nl", tld: "be", suffixes: [["N.V.", 50], ["B.V.", 40], ["", 10]], odooVariants: ["België", "Belgique"] },
  { name: "Czech Republic", code: "CZ", weight: 0.7, lang: "cs", tld: "cz", suffixes: [["s.r.o.", 85], ["", 15]], odooVariants: ["Czechia"] },
  { name: "Poland", code: "PL", weight: 1, lang: "pl", tld: "pl", suffixes: [["Sp. z o.o.", 85], ["", 15]], odooVariants: ["Polska"] },
  { name: "India", code: "IN", weight: 4, lang: "en", tld: "in", suffixes: [["Pvt. Ltd.", 75], ["Limited", 15], ["", 10]], states: ["Maharashtra", "Karnataka", "Tamil Nadu", "Telangana", "Delhi", "Gujarat"] },
  { name: "Brazil", code: "BR", weight: 3, lang: "pt", tld: "com.br", suffixes: [["Ltda.", 70], ["S.A.", 25], ["", 5]], states: ["São Paulo", "Rio de Janeiro", "Minas Gerais", "Paraná", "Rio Grande do Sul"], odooVariants: ["Brasil"] },
  { name: "Mexico", code: "MX", weight: 2, lang: "es", tld: "com.mx", suffixes: [["S.A. de C.V.", 80], ["", 20]], states: ["Ciudad de México", "Jalisco", "Nuevo León", "Querétaro", "Puebla"], odooVariants: ["México"] },
  { name: "Japan", code: "JP", weight: 2, lang: "ja", tld: "co.jp", suffixes: [["K.K.", 45], ["Co., Ltd.", 45], ["", 10]] },
  { name: "Singapore", code: "SG", weight: 2, lang: "en", tld: "com.sg", suffixes: [["Pte. Ltd.", 85], ["", 15]] },
];

/**
 * Other ways people write a legal form (first the canonical one's key). "" is "left off". A form
 * starting with "," attaches without a space ("Acme, Inc.").
 */
export const SUFFIX_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  "Inc.": ["Inc", ", Inc.", "Incorporated", ""],
  LLC: ["L.L.C.", ", LLC", ""],
  "Corp.": ["Corp", "Corporation", ""],
  Corporation: ["Corp.", "Corp", ""],
  GmbH: ["GmbH & Co. KG", "Gmbh", ""],
  "GmbH & Co. KG": ["GmbH", "GmbH & Co KG", ""],
  AG: ["Aktiengesellschaft", ""],
  SE: ["AG", ""],
  Ltd: ["Ltd.", "Limited", ""],
  Limited: ["Ltd", "Ltd.", ""],
  PLC: ["plc", "Ltd", ""],
  "S.A.": ["SA", "S.A.U.", ""],
  SAS: ["S.A.S.", "SA", ""],
  SARL: ["S.A.R.L.", "Sàrl", ""],
  "B.V.": ["BV", ""],
  "N.V.": ["NV", "B.V.", ""],
  "S.L.": ["SL", "S.L.U.", ""],
  "S.p.A.": ["SpA", "S.P.A.", ""],
  "S.r.l.": ["Srl", "S.R.L.", ""],
  AB: ["AB (publ)", ""],
  AS: ["A/S", ""],
  "A/S": ["AS", "ApS", ""],
  Oy: ["Oyj", "Ltd", ""],
  "Pty Ltd": ["Pty. Ltd.", "Pty Limited", ""],
  "Pvt. Ltd.": ["Private Limited", "Pvt Ltd", ""],
  "Ltda.": ["Ltda", "LTDA", ""],
  "S.A. de C.V.": ["SA de CV", "S.A.", ""],
  "K.K.": ["Co., Ltd.", "Corporation", ""],
  "Co., Ltd.": ["Co. Ltd", "K.K.", ""],
  "Pte. Ltd.": ["Pte Ltd", "Private Limited", ""],
  "s.r.o.": ["s. r. o.", "spol. s r.o.", ""],
  "Sp. z o.o.": ["sp. z o.o.", "Sp. z.o.o.", ""],
};

/** Invented one-word brands: prefix + ending ("Corvex", "Velora"). */
export const BRAND_PREFIXES = [
  "Al", "Ar", "Bel", "Bra", "Cal", "Cor", "Cyr", "Dal", "Dex", "El", "Ev", "Fal", "Fen", "Gal", "Hal", "Hex", "Il", "Jar", "Kal", "Kor",
  "Lan", "Lum", "Mar", "Mer", "Nav", "Nor", "Nex", "Ol", "Or", "Pal", "Pax", "Quor", "Ral", "Rho", "Sal", "Sel", "Tal", "Tor", "Ul", "Val",
  "Ven", "Vir", "Wex", "Xer", "Yan", "Zan", "Zel", "Zor", "Tri", "Sym",
] as const;
export const BRAND_ENDINGS = [
  "ora", "vex", "ion", "ium", "ara", "ica", "ant", "ent", "eon", "ova", "ix", "is", "yx", "ena", "aris", "ona", "ero", "ity", "era", "aro",
  "ux", "ine", "ato", "ella", "ys", "ia", "ano", "ada", "tek", "qua",
] as const;

/** Two-part compounds ("Bluepeak", "Ironbridge", "Silver Line"). */
export const COMPOUND_HEADS = [
  "Blue", "Silver", "Iron", "Cedar", "Harbor", "Summit", "Granite", "Falcon", "Kestrel", "Aspen", "Maple", "Willow", "Copper", "River", "Stone",
  "Bright", "Clear", "True", "Prime", "Apex", "Atlas", "Beacon", "Crest", "Delta", "Echo", "Frontier", "Golden", "Highland", "Horizon", "Keystone",
  "Lake", "Meridian", "North", "Oak", "Pinnacle", "Red", "Sterling", "Tide", "Vanguard", "West", "East", "South", "Star", "Sun", "Green",
  "White", "Black", "Cobalt", "Amber", "Crimson",
] as const;
export const COMPOUND_TAILS = [
  "peak", "line", "bridge", "field", "gate", "point", "stone", "wood", "way", "works", "path", "wave", "rock", "ridge", "light", "star",
  "haven", "brook", "view", "core", "leaf", "shore", "ford", "mark", "spring",
] as const;

/** Invented family-name stems for partnership-style names ("Hartwell & Crane"). */
export const FAMILY_STEMS = [
  "Hartwell", "Ashford", "Brennan", "Calloway", "Dunmore", "Ellsworth", "Fairbanks", "Galloway", "Hollis", "Kingsley", "Langford", "Mercer",
  "Northcott", "Pemberton", "Quayle", "Radcliffe", "Sutherland", "Thornbury", "Upton", "Whitcombe", "Yardley", "Crane", "Blackwood", "Carver",
  "Dalton", "Everly", "Finch", "Garrick", "Holloway", "Ingram", "Jessop", "Kendrick", "Lockwood", "Marlow", "Osgood", "Prescott", "Rowntree",
  "Stratton", "Tolliver", "Wexford",
] as const;

/** Stems from the company's home language; a share carries accents (é, ü, ñ, ø, å, Š …). */
export const LOCAL_STEMS: Readonly<Partial<Record<Lang, readonly string[]>>> = {
  de: ["Grünwald", "Bärenfels", "Löwenstein", "Weißberg", "Sonnenberg", "Falkenrath", "Nordwind", "Kühnhold", "Tannenhof", "Schäferhaus", "Adlerwerk", "Brückner", "Rheinfeld", "Eichendorf", "Mühlbach", "Lindenau", "Steinhöfer", "Hohenfels", "Wiesental", "Fichtner"],
  fr: ["Lumière", "Bellerive", "Côté Sud", "Étoile", "Forêt Noire", "Mistral", "Sérénité", "Beaulieu", "Clairval", "Montrésor", "Rivebelle", "Vauclair", "Hélios", "Orée", "Valmont"],
  es: ["Peñalba", "Montaña Azul", "Núñez", "Castaño", "Albéniz", "Solana", "Alcázar", "Río Claro", "Valdés", "Ibérica", "Torreón", "Marbella", "Cañada"],
  it: ["Bellavista", "Castelli", "Fontana", "Monteverde", "Rinaldi", "Solaris", "Vallée", "Pietrasanta", "Lucentini", "Terranova"],
  pt: ["Conceição", "São Jorge", "Araújo", "Paranaguá", "Açores", "Estrela", "Horizonte", "Ribeirão", "Serra Azul", "Vitória"],
  nl: ["Van Dijkhuis", "Zeeland", "Noordster", "Brouwerij", "Hoogvliet", "Oosterhout", "Duinwijk", "Meerstad", "Vlietland", "Korenbloem"],
  sv: ["Åkesson", "Strömberg", "Höglund", "Lindqvist", "Ålund", "Björkdal", "Sjöstrand", "Norrsken", "Fjällvik", "Älvdal"],
  no: ["Fjørd", "Bjørnstad", "Nordlys", "Solvik", "Havøy", "Skogheim", "Lillehavn", "Østvik", "Fossberg"],
  da: ["Søndergaard", "Nørre", "Holmgaard", "Æbelø", "Kongsted", "Strandvej", "Lyngby", "Hvidsten"],
  fi: ["Järvinen", "Kallio", "Pohjola", "Revontuli", "Saarela", "Mäkelä", "Vuorela", "Koivisto"],
  cs: ["Šumava", "Žatec", "Šebesta", "Hradek", "Vltava", "Žabka", "Krkonoše"],
  pl: ["Bursztyn", "Tatry", "Zielona", "Kasztan", "Sokol", "Warta"],
  ja: ["Sakura", "Hikari", "Fujimoto", "Kizuna", "Mirai", "Asahara", "Kaede", "Hoshino"],
};

/** Home-language stems built from two parts ("Grün" + "wald", "Vila" + " Nova"), so they rarely repeat. */
export const LOCAL_STEM_PARTS: Readonly<Partial<Record<Lang, readonly [readonly string[], readonly string[]]>>> = {
  de: [
    ["Grün", "Löwen", "Bären", "Sonnen", "Falken", "Eichen", "Linden", "Rhein", "Mühl", "Weiß", "Tannen", "Adler", "Hohen", "Wiesen", "Rosen", "Buchen", "Schwarz", "Kranich", "Elster", "Fuchs"],
    ["wald", "stein", "fels", "berg", "rath", "dorf", "au", "feld", "bach", "hof", "brück", "tal", "heim", "burg", "hagen"],
  ],
  fr: [["Belle", "Clair", "Mont", "Val", "Beau", "Rive", "Vau", "Haut", "Pré", "Roche"], ["rive", "val", "mont", "lieu", "fort", "champ", "pré", "roche", "vallée", "soleil"]],
  es: [["Val", "Monte", "Sierra", "Peña", "Torre", "Villa", "Cañada", "Alto", "Campo", "Mira"], ["alba", "verde", "claro", "mar", "luna", "sol", "real", "nueva", "flor", "río"]],
  it: [["Monte", "Bella", "Castel", "Fonte", "Terra", "Villa", "Porto", "Val"], ["verde", "vista", "nuovo", "rosa", "chiara", "bruna", "fino", "sereno"]],
  pt: [["São", "Serra", "Vila", "Porto", "Rio", "Campo", "Boa", "Monte"], [" Jorge", " Azul", " Nova", " Verde", " Vista", " Alegre", " Belo", " Claro"]],
  nl: [["Noord", "Zuid", "Oost", "West", "Hoog", "Duin", "Meer", "Zee", "Bos", "Berg"], ["wijk", "dam", "veld", "stad", "land", "hout", "vliet", "hoven", "kamp"]],
  sv: [["Björk", "Sjö", "Fjäll", "Norr", "Älv", "Ström", "Lind", "Hög", "Åker", "Sol"], ["dal", "vik", "berg", "lund", "holm", "strand", "by", "näs", "hamn"]],
  no: [["Bjørn", "Sø", "Fjell", "Nord", "Øst", "Hav", "Skog", "Lille", "Fjord"], ["dal", "vik", "berg", "lund", "holm", "strand", "heim", "nes", "havn"]],
  da: [["Sønder", "Nør", "Holm", "Strand", "Lyng", "Hvid", "Kong", "Skov", "Møl"], ["gaard", "by", "sted", "vej", "bjerg", "lund", "holm", "høj"]],
  fi: [["Järvi", "Mäki", "Kallio", "Koivu", "Vuori", "Saari", "Metsä", "Kuusi"], ["nen", "la", "lä", "o", "mäki", "koski", "vaara"]],
};

/** Industry words by APN industry vertical, with the home-language words some companies use. */
export interface IndustryDef {
  vertical: string;
  words: readonly string[];
  local?: Readonly<Partial<Record<Lang, readonly string[]>>>;
}

export const INDUSTRIES: readonly IndustryDef[] = [
  { vertical: "Transportation & Logistics", words: ["Logistics", "Freight", "Shipping", "Transport", "Cargo", "Mobility"], local: { de: ["Logistik", "Spedition", "Transporte"], fr: ["Logistique", "Transports"], es: ["Logística", "Transportes"], it: ["Logistica", "Trasporti"], pt: ["Logística", "Transportes"], nl: ["Logistiek", "Transport"], sv: ["Logistik", "Frakt"], no: ["Logistikk", "Frakt"], da: ["Logistik", "Fragt"], pl: ["Logistyka"] } },
  { vertical: "Financial Services", words: ["Capital", "Financial", "Bank", "Insurance", "Asset Management", "Payments", "Investments"], local: { de: ["Versicherung", "Finanz", "Bank"], fr: ["Assurances", "Finance"], es: ["Seguros", "Finanzas"], it: ["Assicurazioni", "Finanziaria"], pt: ["Seguros", "Investimentos"], nl: ["Verzekeringen", "Financiën"], sv: ["Försäkring", "Finans"] } },
  { vertical: "Healthcare", words: ["Health", "Medical", "Clinics", "Care", "Diagnostics", "Healthcare"], local: { de: ["Klinik", "Gesundheit", "Medizintechnik"], fr: ["Santé", "Cliniques"], es: ["Salud", "Clínicas"], it: ["Salute", "Cliniche"], pt: ["Saúde"], sv: ["Hälsa", "Vård"], da: ["Sundhed"] } },
  { vertical: "Life Sciences", words: ["Pharma", "Biotech", "Laboratories", "Therapeutics", "Pharmaceuticals", "Biosciences"], local: { de: ["Pharma", "Labor"], fr: ["Laboratoires", "Pharma"], es: ["Laboratorios", "Farma"] } },
  { vertical: "Manufacturing", words: ["Manufacturing", "Industries", "Machinery", "Components", "Plastics", "Steel", "Fabrication", "Precision"], local: { de: ["Maschinenbau", "Werkzeugbau", "Metallwerke", "Industrie"], fr: ["Industries", "Mécanique"], es: ["Industrias", "Metalúrgica"], it: ["Meccanica", "Industrie"], pt: ["Indústrias", "Metalúrgica"], sv: ["Verkstäder", "Industri"], fi: ["Teollisuus", "Konepaja"], cs: ["Strojírny"], pl: ["Fabryka"] } },
  { vertical: "Retail", words: ["Retail", "Stores", "Outfitters", "Foods", "Brands", "Markets", "Home"], local: { de: ["Handel", "Lebensmittel", "Warenhaus"], fr: ["Distribution", "Alimentation"], es: ["Alimentación", "Comercial"], it: ["Alimentari", "Distribuzione"], pt: ["Comércio", "Alimentos"], nl: ["Winkels", "Voeding"] } },
  { vertical: "Energy - Power & Utilities", words: ["Energy", "Power", "Utilities", "Renewables", "Solar", "Grid"], local: { de: ["Energie", "Stadtwerke", "Solar"], fr: ["Énergie", "Énergies"], es: ["Energía", "Renovables"], it: ["Energia"], pt: ["Energia"], nl: ["Energie"], sv: ["Energi", "Kraft"], no: ["Kraft", "Energi"], da: ["Energi"], fi: ["Energia", "Voima"], pl: ["Energia"] } },
  { vertical: "Energy - Oil & Gas", words: ["Petroleum", "Oil & Gas", "Drilling", "Offshore"], local: { no: ["Offshore", "Olje"], de: ["Mineralöl"] } },
  { vertical: "Software & Internet", words: ["Software", "Technologies", "Systems", "Analytics", "Labs", "Digital", "Data", "Solutions", "Cloud"], local: { de: ["Systeme", "Software", "Informatik", "Lösungen"], fr: ["Systèmes", "Informatique", "Numérique"], es: ["Sistemas", "Informática", "Soluciones"], it: ["Sistemi", "Informatica"], pt: ["Sistemas", "Tecnologia"], nl: ["Systemen", "Automatisering"], sv: ["System", "Data"], fi: ["Ohjelmistot"] } },
  { vertical: "Media & Entertainment", words: ["Media", "Studios", "Entertainment", "Publishing", "Broadcasting", "Games"], local: { de: ["Verlag", "Medien"], fr: ["Médias", "Éditions"], es: ["Medios", "Ediciones"], it: ["Edizioni"], sv: ["Media", "Förlag"] } },
  { vertical: "Telecommunications", words: ["Telecom", "Communications", "Networks", "Wireless", "Fiber"], local: { de: ["Telekommunikation", "Netze"], fr: ["Télécom", "Réseaux"], es: ["Telecomunicaciones", "Redes"], pt: ["Telecomunicações"] } },
  { vertical: "Professional Services", words: ["Consulting", "Partners", "Associates", "Advisors", "Services", "Management", "Engineering", "Group"], local: { de: ["Beratung", "Ingenieure", "Dienstleistungen"], fr: ["Conseil", "Ingénierie"], es: ["Consultoría", "Asesores", "Ingeniería"], it: ["Consulenza"], pt: ["Consultoria", "Engenharia"], nl: ["Adviseurs"] } },
  { vertical: "Travel & Hospitality", words: ["Hotels", "Travel", "Hospitality", "Resorts", "Tours"], local: { de: ["Reisen", "Hotels"], fr: ["Voyages", "Hôtels"], es: ["Viajes", "Hoteles"], it: ["Viaggi", "Alberghi"], pt: ["Viagens", "Hotéis"] } },
  { vertical: "Education", words: ["Learning", "Academy", "Education", "Training"], local: { de: ["Akademie", "Bildung"], fr: ["Formation", "Académie"], es: ["Formación", "Academia"] } },
  { vertical: "Real Estate & Construction", words: ["Construction", "Properties", "Builders", "Real Estate", "Homes"], local: { de: ["Bau", "Immobilien", "Bauunternehmung"], fr: ["Construction", "Immobilier"], es: ["Construcciones", "Inmobiliaria"], it: ["Costruzioni", "Immobiliare"], pt: ["Construtora", "Imóveis"], sv: ["Bygg", "Fastigheter"], no: ["Bygg", "Eiendom"], da: ["Byg", "Ejendomme"], fi: ["Rakennus"], pl: ["Budownictwo"] } },
  { vertical: "Agriculture", words: ["Agri", "Farms", "AgTech", "Seeds", "Harvest"], local: { de: ["Agrar", "Landtechnik"], fr: ["Agricole"], es: ["Agrícola"], pt: ["Agropecuária", "Agrícola"] } },
  { vertical: "Automotive", words: ["Automotive", "Motors", "Auto Parts", "Vehicles"], local: { de: ["Fahrzeugtechnik", "Automobil"], it: ["Automobili"], es: ["Automoción"] } },
];

/** Words forming long names that have an acronym ("Pacific Northern Freight Systems" ↔ "PNFS"). */
export const ACRONYM_FIRST = ["Pacific", "Atlantic", "Northern", "Southern", "Continental", "National", "United", "Central", "Western", "Eastern", "International", "Global", "American", "European", "Trans", "Mid-Continent", "Coastal", "Great Lakes"] as const;
export const ACRONYM_SECOND = ["General", "Allied", "Consolidated", "Standard", "Federal", "Mutual", "Integrated", "Advanced", "Applied", "Commercial", "Industrial", "Regional", "Metropolitan", "Professional"] as const;
export const ACRONYM_THIRD = ["Business", "Freight", "Data", "Energy", "Health", "Insurance", "Water", "Power", "Steel", "Media", "Credit", "Building", "Research", "Transit", "Software", "Chemical", "Paper", "Grain", "Telephone"] as const;
export const ACRONYM_LAST = ["Machines", "Systems", "Services", "Holdings", "Industries", "Corporation", "Associates", "Group", "Partners", "Laboratories", "Networks", "Enterprises"] as const;

/** Abbreviations people type for long words ("International" → "Intl"). */
export const WORD_ABBREVIATIONS: Readonly<Record<string, string>> = {
  International: "Intl",
  Services: "Svcs",
  Technologies: "Tech",
  Technology: "Tech",
  Manufacturing: "Mfg",
  Systems: "Sys",
  Laboratories: "Labs",
  Management: "Mgmt",
  Associates: "Assoc",
  Engineering: "Eng",
  Pharmaceuticals: "Pharma",
  Communications: "Comms",
  Corporation: "Corp",
  Industries: "Inds",
  Holdings: "Hldgs",
  Financial: "Finl",
  Insurance: "Ins",
  Enterprises: "Ent",
  Distribution: "Dist",
  Solutions: "Solns",
  Consolidated: "Consol",
  National: "Natl",
  American: "Amer",
  Group: "Grp",
};

/** Words appended to build a parent group's or an acquirer's name. */
export const GROUP_WORDS = ["Group", "Holdings", "International", "Global", "Partners"] as const;

export const FREE_MAIL_DOMAINS = [
  "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "gmx.de", "web.de", "yahoo.co.uk", "orange.fr", "live.com", "protonmail.com",
] as const;

/** Invented contact first and last names (random combinations, so no real person). */
export const FIRST_NAMES = [
  "Alex", "Maria", "Jonas", "Priya", "Lukas", "Sofia", "Daniel", "Emma", "Mateo", "Hannah", "Ravi", "Chloe", "Tobias", "Aiko", "Marco", "Ingrid",
  "Samuel", "Lea", "Omar", "Julia", "Kenji", "Clara", "Felix", "Nadia", "Pedro", "Astrid", "Victor", "Elena", "Arjun", "Mia", "Hugo", "Zoe",
  "Jan", "Freya", "Diego", "Anika", "Oliver", "Camille", "Erik", "Isabel",
] as const;
export const LAST_NAMES = [
  "Brandt", "Keller", "Novak", "Larsen", "Moreau", "Rossi", "Silva", "Tanaka", "Patel", "Walsh", "Fischer", "Lindgren", "Garcia", "Bauer",
  "Dubois", "Kowalski", "Jensen", "Romano", "Costa", "Nakamura", "Shah", "Murphy", "Weber", "Berg", "Martins", "Laurent", "Hoffmann", "Olsen",
  "Ferreira", "Ivanova", "Kaur", "Doyle", "Vogel", "Nyström", "Herrera", "Mori", "Quinn", "Sato", "Wagner", "Costello",
] as const;

/** The Odoo sales team (user_id). Invented. */
export const SALESPEOPLE = ["Mara Quist", "Tomas Heller", "Ines Albrecht", "Jordan Pike", "Selma Varga", "Niko Ferrante", "Ruth Okafor", "Ben Castell", "Lina Marsh"] as const;

export const ODOO_TAGS = ["AWS", "Co-Sell", "MAP", "Migration", "Renewal", "Strategic", "Marketplace", "POC", "Partner Led", "Funding"] as const;

export const APN_DELIVERY_MODELS = ["SaaS or PaaS", "BYOL or AMI", "Managed Services", "Professional Services", "Resell", "Other"] as const;

/** A cloud project type: how both CRMs title and describe such a deal. */
export interface ProjectType {
  key: string;
  /** APN "Use Case". */
  useCase: string;
  /** Ways to title it; the two sides of a pair usually pick different ones. */
  titles: readonly string[];
  /** Verb phrases; `{qty}` and `{platform}` are the deal's facts. */
  actions: readonly string[];
  qty: { unit: string; min: number; max: number; step: number };
  platforms: readonly string[];
  /** Deal-size multiplier. */
  scale: number;
}

export const PROJECT_TYPES: readonly ProjectType[] = [
  {
    key: "datalake", useCase: "Analytics", scale: 1.4,
    titles: ["Data lake migration", "Data lake on Amazon S3", "Enterprise data lake build-out", "Modern data platform on AWS", "Hadoop to data lake migration"],
    actions: ["move {qty} from {platform} into an S3-based data lake", "consolidate {qty} of analytics data from {platform} on AWS", "build a governed data lake to replace {platform}", "migrate their data lake ({qty}) off {platform}"],
    qty: { unit: "TB", min: 5, max: 900, step: 5 }, platforms: ["on-prem Hadoop", "Teradata", "Cloudera", "an ageing Oracle data warehouse", "SQL Server"],
  },
  {
    key: "sap", useCase: "SAP", scale: 3,
    titles: ["SAP on AWS", "SAP S/4HANA migration", "RISE with SAP on AWS", "SAP ECC to S/4HANA move", "SAP landscape migration"],
    actions: ["migrate {qty} from {platform} to AWS", "move the SAP landscape ({qty}) off {platform}", "run S/4HANA on AWS, replacing {platform}", "rehost {qty} currently on {platform}"],
    qty: { unit: "SAP systems", min: 2, max: 40, step: 1 }, platforms: ["on-prem SAP ECC", "SAP on IBM Power", "a hosted SAP landscape", "SAP on HANA appliances"],
  },
  {
    key: "contactcenter", useCase: "Contact Center", scale: 1.2,
    titles: ["Contact center modernization", "Amazon Connect rollout", "Cloud contact center", "Contact centre migration to Amazon Connect", "Omnichannel customer service platform"],
    actions: ["replace {platform} with Amazon Connect for {qty}", "modernize the contact center ({qty}) currently on {platform}", "move {qty} from {platform} to a cloud contact center", "roll out Amazon Connect to {qty}"],
    qty: { unit: "agents", min: 20, max: 3000, step: 10 }, platforms: ["Avaya", "Genesys on-prem", "Cisco UCCE", "a legacy PBX"],
  },
  {
    key: "genai-chatbot", useCase: "Generative AI", scale: 0.8,
    titles: ["GenAI chatbot", "Generative AI assistant", "Customer service chatbot with Amazon Bedrock", "LLM knowledge assistant", "AI chatbot proof of concept"],
    actions: ["build a generative AI chatbot that answers questions from {qty}", "launch a Bedrock-based assistant over {qty}", "replace {platform} with an LLM assistant", "deflect support tickets with a GenAI bot trained on {qty}"],
    qty: { unit: "knowledge articles", min: 200, max: 50000, step: 100 }, platforms: ["the existing FAQ portal", "a rules-based bot", "a third-party chat widget"],
  },
  {
    key: "windows", useCase: "Windows", scale: 1.3,
    titles: ["Windows workload migration", "Migrate Windows servers to AWS", "Windows Server and SQL Server migration", "Microsoft workloads to EC2", ".NET application modernization"],
    actions: ["migrate {qty} from {platform} to EC2", "move Microsoft workloads ({qty}) off {platform}", "rehost {qty} and SQL Server from {platform}", "modernize .NET apps running on {qty}"],
    qty: { unit: "Windows servers", min: 10, max: 600, step: 5 }, platforms: ["VMware", "Hyper-V", "a colocation data center", "ageing Dell hardware"],
  },
  {
    key: "dr", useCase: "Business Continuity", scale: 0.7,
    titles: ["Disaster recovery", "DR to AWS with Elastic Disaster Recovery", "Backup and disaster recovery", "Cloud DR site", "Business continuity on AWS"],
    actions: ["set up disaster recovery on AWS for {qty}", "replace the secondary site ({platform}) with AWS DRS", "protect {qty} with cross-region DR", "move DR for {qty} from {platform} to AWS"],
    qty: { unit: "servers", min: 10, max: 800, step: 5 }, platforms: ["a second data center", "tape backups", "Zerto on-prem", "a colocation DR site"],
  },
  {
    key: "dcexit", useCase: "Migration", scale: 2.2,
    titles: ["Data center exit", "Large-scale migration to AWS", "Lift and shift migration", "Data centre consolidation", "Datacenter migration wave 1"],
    actions: ["exit {platform} and migrate {qty} to AWS", "lift and shift {qty} from {platform}", "close {platform} by moving {qty} to AWS", "migrate {qty} in waves out of {platform}"],
    qty: { unit: "VMs", min: 50, max: 2500, step: 10 }, platforms: ["their primary data center", "a colocation facility", "two on-prem data centers", "an outsourced hosting provider"],
  },
  {
    key: "mainframe", useCase: "Migration", scale: 3.5,
    titles: ["Mainframe modernization", "Mainframe offload to AWS", "COBOL application refactoring", "Mainframe migration", "Mainframe exit program"],
    actions: ["refactor COBOL applications ({qty}) from {platform}", "offload {qty} from {platform} to AWS", "modernize workloads ({qty}) running on {platform}", "retire {platform} ({qty})"],
    qty: { unit: "MIPS", min: 300, max: 20000, step: 100 }, platforms: ["an IBM z15 mainframe", "an AS/400", "a mainframe outsourcing contract"],
  },
  {
    key: "eks", useCase: "Containers & Serverless", scale: 1.1,
    titles: ["EKS platform build", "Container platform on Amazon EKS", "Kubernetes migration", "Microservices on EKS", "OpenShift to EKS migration"],
    actions: ["run {qty} on Amazon EKS instead of {platform}", "build an EKS platform for {qty}", "containerize {qty} currently on {platform}", "move Kubernetes workloads ({qty}) from {platform}"],
    qty: { unit: "microservices", min: 10, max: 400, step: 5 }, platforms: ["OpenShift", "self-managed Kubernetes", "Docker Swarm", "VM-based deployments"],
  },
  {
    key: "serverless", useCase: "Containers & Serverless", scale: 0.6,
    titles: ["Serverless application modernization", "Serverless API platform", "Event-driven architecture on AWS Lambda", "Serverless re-architecture"],
    actions: ["re-architect {qty} as serverless functions", "replace {platform} with Lambda and API Gateway", "move {qty} to an event-driven design", "rebuild the API layer ({qty}) serverless"],
    qty: { unit: "APIs", min: 5, max: 300, step: 5 }, platforms: ["a monolithic Java app", "on-prem app servers", "a legacy ESB"],
  },
  {
    key: "dbmig", useCase: "Databases", scale: 1.2,
    titles: ["Oracle to Aurora migration", "Database modernization", "Move SQL Server to Amazon RDS", "Database migration to Aurora PostgreSQL", "Database freedom program"],
    actions: ["migrate {qty} from {platform} to Aurora", "move {qty} off {platform} onto RDS", "modernize {qty} currently on {platform}", "cut licence costs by leaving {platform} ({qty})"],
    qty: { unit: "databases", min: 3, max: 250, step: 1 }, platforms: ["Oracle", "SQL Server Enterprise", "DB2", "Sybase"],
  },
  {
    key: "dwh", useCase: "Analytics", scale: 1.3,
    titles: ["Data warehouse modernization", "Amazon Redshift migration", "Cloud data warehouse", "BI and reporting platform", "Redshift data warehouse build"],
    actions: ["move the data warehouse ({qty}) from {platform} to Redshift", "modernize reporting on {qty} now in {platform}", "replace {platform} with a cloud data warehouse", "migrate {qty} of BI data off {platform}"],
    qty: { unit: "TB", min: 2, max: 400, step: 2 }, platforms: ["Netezza", "Teradata", "an Oracle Exadata", "SQL Server SSAS"],
  },
  {
    key: "landingzone", useCase: "Security & Compliance", scale: 0.5,
    titles: ["Landing zone and security baseline", "AWS Control Tower landing zone", "Security assessment and remediation", "Cloud security posture improvement", "Multi-account governance setup"],
    actions: ["set up a landing zone for {qty}", "harden security across {qty}", "establish guardrails and logging for {qty}", "remediate findings from {platform} across {qty}"],
    qty: { unit: "AWS accounts", min: 3, max: 300, step: 1 }, platforms: ["a recent pen test", "an ISO 27001 audit", "a SOC 2 readiness review"],
  },
  {
    key: "iot", useCase: "Internet of Things", scale: 1.1,
    titles: ["Industrial IoT platform", "Connected factory", "IoT telemetry pipeline", "Predictive maintenance with IoT sensors", "Smart metering platform"],
    actions: ["connect {qty} to AWS IoT Core", "stream telemetry from {qty} replacing {platform}", "predict failures using data from {qty}", "build an IoT pipeline for {qty}"],
    qty: { unit: "devices", min: 200, max: 200000, step: 100 }, platforms: ["a SCADA historian", "an on-prem MQTT broker", "manual meter reads"],
  },
  {
    key: "mlops", useCase: "AI/Machine Learning", scale: 0.9,
    titles: ["MLOps platform on SageMaker", "Machine learning platform", "Demand forecasting model", "Fraud detection with machine learning", "SageMaker adoption"],
    actions: ["industrialize {qty} on SageMaker", "move {qty} off {platform} to SageMaker", "build forecasting with {qty}", "standardize the ML lifecycle for {qty}"],
    qty: { unit: "ML models", min: 2, max: 120, step: 1 }, platforms: ["data scientists' laptops", "an on-prem GPU cluster", "Databricks notebooks"],
  },
  {
    key: "vdi", useCase: "End User Computing", scale: 0.8,
    titles: ["Virtual desktops with Amazon WorkSpaces", "VDI migration", "Citrix to WorkSpaces migration", "Remote workforce desktops", "End-user computing refresh"],
    actions: ["give {qty} virtual desktops on WorkSpaces", "replace {platform} for {qty}", "move {qty} from {platform} to Amazon WorkSpaces", "roll out cloud desktops to {qty}"],
    qty: { unit: "users", min: 25, max: 8000, step: 25 }, platforms: ["Citrix", "VMware Horizon", "physical desktops"],
  },
  {
    key: "ecommerce", useCase: "Business Applications", scale: 1,
    titles: ["E-commerce platform migration", "Web shop replatforming", "Headless commerce on AWS", "Online store migration", "Commerce platform modernization"],
    actions: ["move the web shop ({qty}) from {platform} to AWS", "replatform e-commerce handling {qty}", "go headless and leave {platform}", "scale the online store for {qty}"],
    qty: { unit: "orders per day", min: 200, max: 90000, step: 100 }, platforms: ["Magento on-prem", "a hosted SAP Commerce", "a shared hosting provider"],
  },
  {
    key: "hpc", useCase: "High Performance Computing", scale: 1.6,
    titles: ["HPC cluster on AWS", "Genomics pipeline on AWS", "Simulation workloads burst to cloud", "CFD simulations on AWS", "HPC burst capacity"],
    actions: ["burst simulation jobs ({qty}) to AWS", "replace {platform} with AWS ParallelCluster", "run {qty} on HPC instances", "move genomics pipelines ({qty}) off {platform}"],
    qty: { unit: "cores", min: 500, max: 50000, step: 500 }, platforms: ["an on-prem HPC cluster", "a university supercomputer", "ageing GPU servers"],
  },
  {
    key: "media", useCase: "Media Services", scale: 1.2,
    titles: ["Video streaming platform", "Media supply chain on AWS", "Live streaming migration", "Video on demand platform", "Broadcast playout to cloud"],
    actions: ["stream {qty} through AWS Elemental", "move playout of {qty} off {platform}", "build a VOD platform for {qty}", "migrate the media archive ({qty}) from {platform}"],
    qty: { unit: "hours of content", min: 500, max: 200000, step: 500 }, platforms: ["on-prem encoders", "an LTO tape archive", "a satellite playout center"],
  },
  {
    key: "finops", useCase: "Cost Optimization", scale: 0.4,
    titles: ["Cloud cost optimization", "FinOps assessment", "Savings plan and rightsizing review", "AWS spend optimization", "Cost and usage review"],
    actions: ["cut AWS spend across {qty}", "rightsize {qty} and buy Savings Plans", "set up FinOps reporting for {qty}", "review costs of {qty} after {platform}"],
    qty: { unit: "AWS accounts", min: 3, max: 200, step: 1 }, platforms: ["a rushed migration", "rapid growth", "a merger"],
  },
  {
    key: "mra", useCase: "Migration", scale: 0.3,
    titles: ["Migration readiness assessment", "MAP assess phase", "Cloud migration assessment", "Portfolio discovery and TCO analysis", "Migration business case"],
    actions: ["assess {qty} for migration off {platform}", "build a business case for moving {qty}", "run discovery on {qty}", "plan the migration of {qty} from {platform}"],
    qty: { unit: "applications", min: 10, max: 900, step: 5 }, platforms: ["their data center", "a hosting contract", "mixed VMware estates"],
  },
  {
    key: "observability", useCase: "Management & Governance", scale: 0.5,
    titles: ["Observability platform", "Centralized logging and monitoring", "Monitoring with CloudWatch and Grafana", "Observability modernization", "Log analytics with OpenSearch"],
    actions: ["centralize logs and metrics for {qty}", "replace {platform} with CloudWatch and Managed Grafana", "monitor {qty} end to end", "move log analytics off {platform} for {qty}"],
    qty: { unit: "applications", min: 5, max: 500, step: 5 }, platforms: ["Splunk", "Nagios", "an on-prem ELK stack"],
  },
  {
    key: "network", useCase: "Networking & Content Delivery", scale: 0.6,
    titles: ["Network modernization with Transit Gateway", "SD-WAN to AWS connectivity", "Direct Connect setup", "Hybrid network redesign", "Global network backbone on AWS"],
    actions: ["connect {qty} to AWS via Transit Gateway", "replace {platform} with SD-WAN into AWS", "set up Direct Connect for {qty}", "redesign hybrid networking for {qty}"],
    qty: { unit: "branch offices", min: 3, max: 600, step: 1 }, platforms: ["MPLS circuits", "site-to-site VPNs", "a legacy hub-and-spoke WAN"],
  },
  {
    key: "idp", useCase: "AI/Machine Learning", scale: 0.7,
    titles: ["Intelligent document processing", "Invoice processing automation with Textract", "Claims document automation", "Document digitization", "Automated form extraction"],
    actions: ["automate extraction from {qty}", "replace {platform} with Textract for {qty}", "digitize {qty} end to end", "process {qty} automatically"],
    qty: { unit: "documents per month", min: 1000, max: 2000000, step: 1000 }, platforms: ["manual data entry", "an OCR appliance", "an offshore back office"],
  },
  {
    key: "fsx", useCase: "Storage", scale: 0.6,
    titles: ["File server migration to FSx", "NAS migration to Amazon FSx", "Archive storage to S3 Glacier", "Storage consolidation on AWS", "File share modernization"],
    actions: ["move {qty} of file shares from {platform} to FSx", "archive {qty} from {platform} to Glacier", "consolidate {qty} of storage on AWS", "retire {platform} holding {qty}"],
    qty: { unit: "TB", min: 5, max: 2000, step: 5 }, platforms: ["NetApp filers", "Windows file servers", "an Isilon cluster"],
  },
  {
    key: "saas", useCase: "SaaS", scale: 1.1,
    titles: ["SaaS platform launch on AWS", "Multi-tenant SaaS re-architecture", "ISV product migration to AWS", "SaaS offering on AWS Marketplace", "SaaS modernization"],
    actions: ["turn the product into multi-tenant SaaS for {qty}", "move the ISV platform ({qty}) off {platform}", "list the SaaS offering for {qty}", "re-architect for {qty} on AWS"],
    qty: { unit: "tenants", min: 10, max: 5000, step: 10 }, platforms: ["single-tenant hosting", "a private cloud", "Azure"],
  },
  {
    key: "streaming", useCase: "Analytics", scale: 0.9,
    titles: ["Real-time analytics with Kinesis", "Streaming data pipeline", "Clickstream analytics", "Event streaming with Amazon MSK", "Real-time dashboards"],
    actions: ["stream {qty} into real-time dashboards", "replace {platform} with Amazon MSK for {qty}", "analyse {qty} as they happen", "build a streaming pipeline for {qty}"],
    qty: { unit: "events per second", min: 1000, max: 500000, step: 1000 }, platforms: ["self-managed Kafka", "nightly batch jobs", "RabbitMQ"],
  },
  {
    key: "backup", useCase: "Storage", scale: 0.5,
    titles: ["Ransomware protection and backup", "Centralized backup with AWS Backup", "Backup modernization", "Immutable backups on AWS", "Backup to cloud"],
    actions: ["back up {qty} with AWS Backup", "replace {platform} with immutable cloud backups", "protect {qty} against ransomware", "move backups of {qty} off {platform}"],
    qty: { unit: "TB", min: 5, max: 1500, step: 5 }, platforms: ["tape libraries", "Veeam on-prem repositories", "Commvault"],
  },
  {
    key: "genai-search", useCase: "Generative AI", scale: 0.9,
    titles: ["GenAI enterprise search", "RAG knowledge base on Bedrock", "Generative AI document summarization", "AI search for internal documents", "GenAI copilot for engineers"],
    actions: ["search and summarize {qty} with Bedrock", "replace {platform} with a RAG knowledge base", "give staff a GenAI search over {qty}", "index {qty} for retrieval-augmented generation"],
    qty: { unit: "documents", min: 1000, max: 5000000, step: 1000 }, platforms: ["SharePoint search", "a keyword intranet search", "shared drives"],
  },
  {
    key: "oracle-apps", useCase: "Business Applications", scale: 1.8,
    titles: ["Oracle E-Business Suite on AWS", "ERP migration to AWS", "Oracle apps rehost", "ERP infrastructure move", "JD Edwards to AWS"],
    actions: ["rehost the ERP ({qty}) from {platform}", "move Oracle EBS for {qty} to AWS", "migrate ERP infrastructure serving {qty}", "leave {platform} with the ERP for {qty}"],
    qty: { unit: "ERP users", min: 50, max: 6000, step: 50 }, platforms: ["Oracle Exadata", "an outsourced hosting provider", "ageing on-prem servers"],
  },
];

/** APN-style opening sentences; `{customer}` and `{action}`. */
export const APN_OPENINGS = [
  "{customer} plans to {action}.",
  "Customer wants to {action}.",
  "{customer} is looking to {action}.",
  "Opportunity to {action} for {customer}.",
  "The customer intends to {action}.",
  "{customer} has asked us to help {action}.",
] as const;

/** Odoo-style (sales notes) opening sentences. */
export const ODOO_OPENINGS = [
  "Client needs to {action}.",
  "Met with the {role}; they want to {action}.",
  "{customer} would like to {action}.",
  "Discussed how to {action} with the {role}.",
  "Request from {role}: {action}.",
  "Goal: {action}.",
] as const;

export const CONTACT_ROLES = ["CIO", "IT director", "head of data", "CTO", "VP engineering", "infrastructure lead", "procurement team", "CFO", "enterprise architect"] as const;

export const DRIVERS = [
  "Data center contract ends {month} {year}",
  "Licence renewal due in {month} {year}",
  "Budget approved for FY{yy}",
  "Board mandate to cut IT costs by {pct}%",
  "Hardware end of life in {month} {year}",
  "Audit finding must be closed by {month} {year}",
] as const;

export const BENEFITS = [
  "Expected to reduce run costs significantly.",
  "Main goals are scalability and resilience.",
  "Customer cares most about time to market.",
  "Security and compliance are key concerns.",
  "Aim is to free the team from infrastructure work.",
  "TCO reduction is the main business driver.",
] as const;

export const APN_NOTES = [
  "Partner to deliver the migration and run managed services afterwards.",
  "MAP funding requested.",
  "Co-sell with the AWS account team requested.",
  "POC credits requested.",
  "Partner-led, AWS SA engaged.",
  "Marketplace private offer planned.",
] as const;

export const ODOO_NOTES = [
  "Next step: send proposal.",
  "Follow-up call scheduled.",
  "Waiting for budget approval.",
  "Competition: Azure.",
  "Need to involve the AWS SA.",
  "Customer asked for references.",
  "Decision expected next quarter.",
] as const;

export const CODENAMES = ["Falcon", "Orion", "Phoenix", "Atlas", "Nimbus", "Everest", "Polaris", "Lighthouse", "Bluebird", "Compass", "Neptune", "Sapphire", "Tundra", "Voyager", "Zephyr", "Keystone", "Mercury", "Helix"] as const;

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
