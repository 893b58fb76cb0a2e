/**
 * The vocabulary of the intent model: industry ids, technology names, countries and regions,
 * product categories (intent topics) and the words that name them in English, German, French,
 * Spanish, Portuguese and Italian. Phrases are written in the parser's normal form: lowercase,
 * accents removed, ß → ss (see `normalize` in rules.ts).
 */

export const LANGUAGES = ["en", "de", "fr", "es", "pt", "it"] as const;
export type Language = (typeof LANGUAGES)[number];

export const INDUSTRIES = [
  "software",
  "fintech",
  "banking",
  "insurance",
  "healthcare",
  "pharma",
  "manufacturing",
  "automotive",
  "retail",
  "ecommerce",
  "logistics",
  "education",
  "energy",
  "telecom",
  "media",
  "real_estate",
  "hospitality",
  "construction",
  "agriculture",
  "public_sector",
  "cybersecurity",
  "gaming",
  "professional_services",
  "nonprofit",
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const TECHNOLOGIES = [
  "salesforce",
  "hubspot",
  "sap",
  "oracle",
  "microsoft-dynamics",
  "zendesk",
  "servicenow",
  "workday",
  "shopify",
  "magento",
  "bigcommerce",
  "stripe",
  "aws",
  "azure",
  "gcp",
  "snowflake",
  "databricks",
  "kubernetes",
  "tableau",
  "jira",
  "slack",
  "mongodb",
  "postgresql",
] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

/** Words (all six languages) naming each industry; stems match by prefix where marked with `*`. */
export const INDUSTRY_WORDS: Record<Industry, string[]> = {
  software: ["software", "saas", "software companies", "softwarehaus", "softwarehauser", "softwareunternehmen", "editeurs de logiciels", "editeur de logiciels", "logiciel*", "empresas de software", "aziende software", "software house"],
  fintech: ["fintech*", "fin tech"],
  banking: ["bank*", "banque*", "banco*", "banca", "banche", "bancos", "bancari*", "bancaire*", "bancari"],
  insurance: ["insurance", "insurer*", "versicherung*", "versicherer", "assurance*", "assureur*", "aseguradora*", "seguros", "seguradora*", "assicurazion*", "assicurativ*", "compagnie assicurative"],
  healthcare: ["healthcare", "health care", "hospital*", "clinic*", "gesundheitswesen", "gesundheit*", "krankenhaus*", "krankenhauser", "kliniken", "sante", "hopitaux", "hopital", "cliniques", "salud", "sanidad", "sanitario*", "hospitales", "saude", "hospitais", "sanita", "ospedal*", "sanitari*"],
  pharma: ["pharma*", "pharmazeutisch*", "pharmaceutique*", "farmaceutic*", "farmaceutica*", "farmaceutiche", "laboratorios farmaceuticos", "biotech*"],
  manufacturing: ["manufactur*", "industrial companies", "hersteller*", "fertigung*", "produktion*", "industrieunternehmen", "fabricant*", "industriel*", "manufacturier*", "fabricante*", "fabricacion", "manufactura*", "industria manufacturera", "fabrica*", "industria manufatturiera", "manifattur*", "produttor*", "industrie manufacturiere"],
  automotive: ["automotive", "car makers", "carmakers", "automaker*", "auto parts", "automobil*", "autozuliefer*", "automobilzuliefer*", "automobile", "constructeurs automobiles", "equipementiers automobiles", "automocion", "automotriz", "automotivo*", "automotiv*", "automobilistic*", "settore automotive"],
  retail: ["retail*", "einzelhandel*", "einzelhandler*", "handler", "detaillant*", "commerce de detail", "grande distribution", "minorista*", "comercio minorista", "retalhista*", "varejo", "varejista*", "vendita al dettaglio", "dettaglianti", "grande distribuzione"],
  ecommerce: ["ecommerce", "e commerce", "online shops", "online stores", "online retailer*", "onlineshops", "onlinehandel*", "onlinehandler", "versandhandel*", "commerce en ligne", "e-commercants", "ecommercants", "comercio electronico", "tiendas online", "tiendas en linea", "comercio eletronico", "lojas online", "lojas virtuais", "negozi online", "commercio elettronico"],
  logistics: ["logistic*", "logistik*", "shipping companies", "freight", "transport companies", "speditionen", "spedition*", "transportunternehmen", "logistique", "logisticien*", "transporteur*", "logistica", "logisticas", "transportistas", "transportadoras", "logistiche", "spedizion*"],
  education: ["education", "edtech", "universities", "schools", "colleges", "bildung*", "hochschulen", "universitaten", "schulen", "enseignement", "universites", "ecoles", "educacion", "universidades", "escuelas", "educacao", "escolas", "istruzione", "universita", "scuole", "formazione"],
  energy: ["energy", "utilities", "utility companies", "oil and gas", "energie*", "energieversorger", "stadtwerke", "energetique*", "fournisseurs d energie", "energia", "energeticas", "energeticos", "energetiche", "utilities energeticas", "empresas de energia", "aziende energetiche"],
  telecom: ["telecom*", "telco*", "telekommunikation*", "telekom*", "telecommunications", "operateurs telecom", "telecomunicacion*", "telecomunicacoes", "telecomunicazion*", "operadoras", "operadores de telecomunicaciones"],
  media: ["media", "publishers", "broadcasters", "medien*", "verlage", "medias", "editeurs de presse", "medios", "editoriales", "midia", "editoras", "editori", "emittenti"],
  real_estate: ["real estate", "property management", "proptech", "immobilien*", "immobilier", "agences immobilieres", "inmobiliaria*", "inmobiliario", "imobiliaria*", "imobiliario", "immobiliar*", "settore immobiliare"],
  hospitality: ["hospitality", "hotels", "hotel chains", "restaurants", "hotellerie", "gastronomie", "gastgewerbe", "hotelerie", "hostelleri*", "hoteleria", "hosteleria", "hoteleras", "hoteleros", "cadenas hoteleras", "hotelaria", "ospitalita", "alberghi", "settore alberghiero"],
  construction: ["construction", "builders", "bauunternehmen", "bauwirtschaft", "baufirmen", "bau", "btp", "constructoras", "construccion", "construtoras", "construcao", "edilizia", "imprese edili", "costruzion*"],
  agriculture: ["agricultur*", "farming", "agritech", "agtech", "farms", "landwirtschaft*", "agrarbetriebe", "agrar*", "agricole*", "agroalimentaire", "agricola*", "agro", "agronegocio", "agroindustria", "aziende agricole"],
  public_sector: ["public sector", "government", "governments", "municipalities", "public administration", "offentliche hand", "offentlichen sektor", "offentlicher sektor", "behorden", "kommunen", "verwaltung*", "secteur public", "administrations", "collectivites", "sector publico", "administracion publica", "ayuntamientos", "setor publico", "administracao publica", "prefeituras", "settore pubblico", "pubblica amministrazione", "enti pubblici", "comuni"],
  cybersecurity: ["cybersecurity", "cyber security", "security vendors", "it security", "cybersicherheit", "it sicherheit", "cybersecurite", "securite informatique", "ciberseguridad", "seguranca cibernetica", "ciberseguranca", "sicurezza informatica", "cybersicurezza"],
  gaming: ["gaming", "game studios", "games", "video games", "game developers", "spielestudios", "spieleentwickler", "spielebranche", "jeux video", "studios de jeux", "videojuegos", "estudios de videojuegos", "jogos", "videogames", "videogiochi", "studi di videogiochi"],
  professional_services: ["professional services", "consultancies", "consulting firms", "consulting", "law firms", "accounting firms", "agencies", "beratung*", "unternehmensberatung*", "kanzleien", "wirtschaftsprufer", "cabinets de conseil", "conseil", "services professionnels", "consultoras", "consultorias", "despachos", "servicios profesionales", "consultoria*", "servicos profissionais", "societa di consulenza", "consulenza", "studi professionali", "servizi professionali"],
  nonprofit: ["nonprofit*", "non profit", "non-profits", "charities", "ngos", "ngo", "foundations", "gemeinnutzig*", "stiftungen", "vereine", "associations", "organisations a but non lucratif", "ong", "sin animo de lucro", "sin fines de lucro", "fundaciones", "sem fins lucrativos", "organizacoes sem fins lucrativos", "no profit", "organizzazioni non profit", "fondazioni", "enti no profit"],
};

/** Spellings of each technology (normal form). */
export const TECHNOLOGY_WORDS: Record<Technology, string[]> = {
  salesforce: ["salesforce", "sfdc", "sales cloud"],
  hubspot: ["hubspot", "hub spot"],
  sap: ["sap", "sap s/4hana", "s/4hana", "s4hana", "sap erp"],
  oracle: ["oracle", "oracle erp", "netsuite"],
  "microsoft-dynamics": ["microsoft dynamics", "dynamics 365", "ms dynamics", "dynamics crm", "microsoft-dynamics"],
  zendesk: ["zendesk"],
  servicenow: ["servicenow", "service now"],
  workday: ["workday"],
  shopify: ["shopify", "shopify plus"],
  magento: ["magento", "adobe commerce"],
  bigcommerce: ["bigcommerce", "big commerce"],
  stripe: ["stripe"],
  aws: ["aws", "amazon web services"],
  azure: ["azure", "microsoft azure"],
  gcp: ["gcp", "google cloud", "google cloud platform"],
  snowflake: ["snowflake"],
  databricks: ["databricks"],
  kubernetes: ["kubernetes", "k8s"],
  tableau: ["tableau"],
  jira: ["jira"],
  slack: ["slack"],
  mongodb: ["mongodb", "mongo db", "mongo"],
  postgresql: ["postgresql", "postgres"],
};

/** Country names by ISO 3166-1 alpha-2 code, in the six languages (normal form). */
export const COUNTRY_WORDS: Record<string, string[]> = {
  DE: ["germany", "german", "deutschland", "deutsche", "deutschen", "allemagne", "allemandes", "alemania", "alemanas", "alemanha", "alemas", "germania", "tedesche", "tedeschi"],
  AT: ["austria", "austrian", "osterreich", "osterreichische", "autriche", "austriacas", "austriache"],
  CH: ["switzerland", "swiss", "schweiz", "schweizer", "suisse", "suisses", "suiza", "suica", "svizzera", "svizzere"],
  FR: ["france", "french", "frankreich", "franzosische", "francaises", "francia", "francesas", "franca", "francesi"],
  ES: ["spain", "spanish", "spanien", "spanische", "espagne", "espagnoles", "espana", "espanolas", "espanha", "spagna", "spagnole"],
  PT: ["portugal", "portuguese", "portugiesische", "portugaises", "portuguesas", "portogallo", "portoghesi"],
  IT: ["italy", "italian", "italien", "italienische", "italie", "italiennes", "italia", "italianas", "italiane"],
  GB: ["united kingdom", "uk", "britain", "great britain", "british", "england", "grossbritannien", "vereinigtes konigreich", "vereinigten konigreich", "royaume-uni", "royaume uni", "britanniques", "reino unido", "britanicas", "regno unito", "inghilterra", "britanniche"],
  IE: ["ireland", "irish", "irland", "irlande", "irlanda"],
  US: ["united states", "usa", "us", "u.s.", "america", "american", "vereinigte staaten", "etats-unis", "etats unis", "estados unidos", "stati uniti", "eua", "eeuu"],
  CA: ["canada", "canadian", "kanada", "canadiennes", "canadienses", "canadenses", "canadesi"],
  MX: ["mexico", "mexican", "mexiko", "mexique", "mexicanas", "messico"],
  BR: ["brazil", "brazilian", "brasilien", "bresil", "brasil", "brasileiras", "brasileiros", "brasile", "brasiliane"],
  AR: ["argentina", "argentinien", "argentine", "argentinas"],
  CL: ["chile", "chili", "cile", "chilenas"],
  CO: ["colombia", "kolumbien", "colombie", "colombianas", "colombia"],
  NL: ["netherlands", "dutch", "holland", "niederlande", "niederlanden", "niederlandische", "pays-bas", "pays bas", "paises bajos", "holanda", "paises baixos", "paesi bassi", "olanda"],
  BE: ["belgium", "belgian", "belgien", "belgique", "belges", "belgica", "belgio"],
  LU: ["luxembourg", "luxemburg", "luxemburgo", "lussemburgo"],
  SE: ["sweden", "swedish", "schweden", "suede", "suecia", "svezia"],
  NO: ["norway", "norwegian", "norwegen", "norvege", "noruega", "norvegia"],
  DK: ["denmark", "danish", "danemark", "dinamarca", "danimarca"],
  FI: ["finland", "finnish", "finnland", "finlande", "finlandia", "finlandia"],
  IS: ["iceland", "island", "islande", "islandia", "islandia", "islandia", "islanda"],
  PL: ["poland", "polish", "polen", "pologne", "polonia", "polonia"],
  CZ: ["czech republic", "czechia", "tschechien", "tchequie", "republica checa", "chequia", "republica tcheca", "repubblica ceca"],
  IN: ["india", "indian", "indien", "inde", "india"],
  JP: ["japan", "japanese", "japon", "japao", "giappone"],
  CN: ["china", "chinese", "chine", "cina"],
  AU: ["australia", "australian", "australien", "australie"],
  SG: ["singapore", "singapur", "singapour", "singapura"],
  AE: ["united arab emirates", "uae", "emirates", "vereinigte arabische emirate", "emirats arabes unis", "emiratos arabes unidos", "emirados arabes unidos", "emirati arabi uniti"],
  ZA: ["south africa", "sudafrika", "afrique du sud", "sudafrica", "africa do sul"],
  IL: ["israel", "israele"],
};

/** Regions: a phrase that expands to several countries. */
export const REGION_WORDS: Array<{ words: string[]; countries: string[] }> = [
  { words: ["dach", "dach region", "d-a-ch"], countries: ["DE", "AT", "CH"] },
  { words: ["nordics", "nordic countries", "nordic", "nordics region", "nordische lander", "nordischen landern", "nordischen lander", "nordeuropa", "pays nordiques", "paises nordicos", "paesi nordici", "scandinavia", "skandinavien", "scandinavie", "escandinavia"], countries: ["SE", "NO", "DK", "FI", "IS"] },
  { words: ["benelux", "benelux countries", "beneluxlander"], countries: ["BE", "NL", "LU"] },
  { words: ["iberia", "iberian peninsula", "peninsula iberica", "iberische halbinsel", "peninsule iberique", "penisola iberica"], countries: ["ES", "PT"] },
  { words: ["north america", "nordamerika", "amerique du nord", "america del norte", "america do norte", "nord america", "nordamerica"], countries: ["US", "CA"] },
  { words: ["latam", "latin america", "lateinamerika", "amerique latine", "latinoamerica", "america latina"], countries: ["MX", "BR", "AR", "CL", "CO"] },
];

/**
 * Product categories: what a prompt sells, as an intent topic. `words` recognise the category in
 * any of the six languages; `terms` are the (English) words intent snippets use for it, the BM25
 * query; `technologies` are the stack entries whose churn signals the category.
 */
export interface ProductCategory {
  id: string;
  words: string[];
  terms: string[];
  technologies: Technology[];
}

export const PRODUCT_CATEGORIES: ProductCategory[] = [
  {
    id: "crm",
    words: ["crm", "customer relationship management", "sales pipeline", "sales software", "kundenmanagement", "kundenbeziehungsmanagement", "vertriebssoftware", "gestion de la relation client", "gestion commerciale", "gestion de clientes", "gestao de clientes", "gestione clienti", "sales automation"],
    terms: ["crm", "pipeline", "sales", "salesforce", "hubspot", "leads", "forecasting", "account", "executives"],
    technologies: ["salesforce", "hubspot", "microsoft-dynamics"],
  },
  {
    id: "erp",
    words: ["erp", "enterprise resource planning", "warenwirtschaft", "progiciel de gestion", "gestion integree", "planificacion de recursos", "gestao empresarial", "gestionale"],
    terms: ["erp", "finance", "procurement", "inventory", "sap", "oracle", "s4hana", "migration", "ledger"],
    technologies: ["sap", "oracle", "microsoft-dynamics"],
  },
  {
    id: "cloud_migration",
    words: ["cloud migration", "cloud services", "cloud consulting", "cloud infrastructure", "move to the cloud", "cloud-migration", "cloudmigration", "migration vers le cloud", "migration cloud", "migracion a la nube", "migracao para a nuvem", "migrazione al cloud", "migrazione cloud", "nube", "nuvem", "cloud"],
    terms: ["cloud", "migration", "aws", "azure", "gcp", "datacenter", "infrastructure", "kubernetes", "workloads"],
    technologies: ["aws", "azure", "gcp", "kubernetes"],
  },
  {
    id: "cybersecurity",
    words: ["cybersecurity software", "security platform", "endpoint security", "siem", "zero trust", "penetration testing", "security awareness", "sicherheitslosung*", "sicherheitssoftware", "solution de securite", "solutions de securite", "seguridad informatica", "solucion de seguridad", "solucao de seguranca", "soluzione di sicurezza", "security software", "firewall", "soc"],
    terms: ["security", "breach", "soc", "siem", "compliance", "ransomware", "ciso", "vulnerability", "zero", "trust"],
    technologies: [],
  },
  {
    id: "data_analytics",
    words: ["data warehouse", "analytics platform", "business intelligence", "bi tool*", "analytics", "data platform", "datenplattform", "datenanalyse", "analytique", "entrepot de donnees", "analitica de datos", "almacen de datos", "analise de dados", "analisi dei dati", "piattaforma dati", "dashboards"],
    terms: ["data", "analytics", "warehouse", "snowflake", "databricks", "dashboards", "tableau", "bi", "pipelines"],
    technologies: ["snowflake", "databricks", "tableau"],
  },
  {
    id: "hr_payroll",
    words: ["hr software", "payroll", "hris", "human resources software", "recruiting software", "personalsoftware", "lohnabrechnung", "personalverwaltung", "logiciel rh", "paie", "sirh", "nomina", "software de rrhh", "recursos humanos", "folha de pagamento", "gestione del personale", "buste paga", "software hr", "paghe"],
    terms: ["hr", "payroll", "hiring", "workday", "onboarding", "employees", "benefits", "hris", "recruiting"],
    technologies: ["workday"],
  },
  {
    id: "ecommerce_platform",
    words: ["ecommerce platform", "e commerce platform", "online store software", "shop system", "shopsystem", "shop-software", "plateforme e commerce", "plateforme ecommerce", "plataforma de ecommerce", "plataforma de comercio electronico", "plataforma de e commerce", "piattaforma e commerce", "piattaforma ecommerce", "storefront", "headless commerce"],
    terms: ["storefront", "checkout", "shopify", "magento", "bigcommerce", "replatforming", "cart", "catalog", "conversion"],
    technologies: ["shopify", "magento", "bigcommerce"],
  },
  {
    id: "payments",
    words: ["payment processing", "payments", "payment platform", "payment gateway", "zahlungsabwicklung", "zahlungsloesung*", "zahlungslosung*", "paiement*", "solution de paiement", "pagos", "pasarela de pago", "pagamentos", "pagamenti", "gateway di pagamento", "billing"],
    terms: ["payments", "checkout", "stripe", "billing", "invoicing", "fraud", "subscriptions", "acquiring", "chargebacks"],
    technologies: ["stripe"],
  },
  {
    id: "customer_support",
    words: ["customer support software", "help desk", "helpdesk", "customer service software", "ticketing", "contact center", "kundenservice", "kundensupport", "service client", "support client", "atencion al cliente", "servicio al cliente", "atendimento ao cliente", "assistenza clienti", "servizio clienti", "customer support"],
    terms: ["support", "tickets", "helpdesk", "zendesk", "servicenow", "agents", "customer", "satisfaction", "chatbot"],
    technologies: ["zendesk", "servicenow"],
  },
  {
    id: "marketing_automation",
    words: ["marketing automation", "email marketing", "marketing software", "marketing platform", "marketingautomatisierung", "marketing-automatisierung", "automatisation marketing", "automatisation du marketing", "automatizacion de marketing", "automacao de marketing", "automazione del marketing", "demand generation"],
    terms: ["marketing", "campaigns", "automation", "hubspot", "email", "nurturing", "attribution", "demand", "segmentation"],
    technologies: ["hubspot", "salesforce"],
  },
  {
    id: "devops",
    words: ["devops", "ci/cd", "ci cd", "container platform", "observability", "monitoring platform", "platform engineering", "devops tools", "devops tooling", "kubernetes management", "outils devops", "herramientas devops", "ferramentas devops", "strumenti devops"],
    terms: ["devops", "kubernetes", "deployment", "observability", "ci", "pipelines", "containers", "incidents", "sre"],
    technologies: ["kubernetes", "aws", "jira"],
  },
  {
    id: "collaboration",
    words: ["collaboration software", "collaboration tools", "team chat", "project management software", "project management", "intranet", "kollaborationssoftware", "projektmanagement", "zusammenarbeit", "outils collaboratifs", "gestion de projet", "herramientas de colaboracion", "gestion de proyectos", "ferramentas de colaboracao", "gestao de projetos", "strumenti di collaborazione", "gestione progetti"],
    terms: ["collaboration", "remote", "slack", "jira", "projects", "teams", "workflow", "intranet", "hybrid"],
    technologies: ["slack", "jira"],
  },
];

/** Negation markers per language (single tokens or phrases, normal form). */
export const NEGATION_WORDS: Record<Language, string[]> = {
  en: ["not", "excluding", "exclude", "except", "without", "no", "other than", "apart from", "don t", "doesn t", "aren t", "isn t", "didn t", "never", "nor"],
  de: ["nicht", "keine", "keinen", "kein", "keiner", "ausser", "ohne", "ausgenommen", "ausgeschlossen", "exklusive"],
  fr: ["pas", "sauf", "sans", "hors", "excepte", "exceptes", "a l exception", "excluant", "ni", "non", "excluez", "exclure"],
  es: ["excepto", "no", "sin", "salvo", "excluyendo", "ni", "menos los", "menos las"],
  pt: ["exceto", "nao", "sem", "excluindo", "salvo", "menos"],
  it: ["escluso", "esclusi", "escluse", "esclusa", "non", "tranne", "eccetto", "senza", "ad eccezione"],
};

/** Markers that introduce example companies. */
export const EXEMPLAR_WORDS = [
  "like", "similar to", "such as", "lookalikes of", "comparable to", "e.g", "eg",
  "wie", "ahnlich wie", "vergleichbar mit", "etwa", "zum beispiel",
  "comme", "similaires a", "semblables a", "tel que", "tels que", "telles que",
  "como", "similares a", "parecidas a", "parecidos a", "tipo", "semelhantes a", "parecidas com", "tais como",
  "come", "simili a", "sul modello di",
];

/** Words that say "employees" (normal form; prefix match where marked). */
export const EMPLOYEE_WORDS = [
  "employee*", "staff", "people", "headcount", "fte*", "workers", "person*",
  "mitarbeiter*", "beschaftigte*", "angestellte*", "personen",
  "salarie*", "employe*", "collaborateur*", "personnes",
  "empleado*", "trabajador*", "personas",
  "funcionario*", "empregado*", "colaborador*", "pessoas",
  "dipendent*", "addett*", "persone", "collaborator*",
];

/** Words that mark a clause's language (function words); counted to detect the language. */
export const LANGUAGE_MARKERS: Record<Language, string[]> = {
  en: ["the", "and", "with", "in", "for", "companies", "that", "using", "not", "more", "than", "less", "find", "leads", "who", "of", "to", "our", "we", "sell", "selling", "like", "excluding", "employees", "buyers", "firms", "businesses", "which", "use", "but", "between", "over", "under", "at", "least", "fewer"],
  de: ["und", "mit", "in", "fur", "die", "der", "den", "unternehmen", "firmen", "nicht", "keine", "mehr", "als", "weniger", "finde", "suche", "wir", "verkaufen", "nutzen", "einsetzen", "wie", "ausser", "ohne", "mitarbeitern", "aber", "zwischen", "ab", "bis", "im", "aus", "das", "unsere", "unser", "kunden", "interessenten"],
  fr: ["et", "avec", "en", "pour", "les", "des", "entreprises", "societes", "qui", "pas", "plus", "de", "moins", "trouve", "trouver", "nous", "vendons", "utilisent", "comme", "sauf", "sans", "salaries", "employes", "mais", "entre", "au", "du", "notre", "la", "le", "clients", "acheteurs"],
  es: ["la", "nube", "almacen", "nomina", "pasarela", "herramientas", "atencion", "tiendas", "minoristas", "aseguradoras", "el", "un", "una", "y", "con", "en", "para", "las", "los", "empresas", "compañias", "companias", "que", "no", "mas", "menos", "de", "busca", "buscar", "encuentra", "vendemos", "usan", "utilizan", "como", "excepto", "sin", "empleados", "pero", "entre", "del", "nuestro", "nuestra", "compradores", "clientes"],
  pt: ["um", "uma", "nuvem", "analise", "folha", "pagamentos", "ferramentas", "atendimento", "lojas", "varejistas", "seguradoras", "ao", "dos", "das", "e", "com", "em", "para", "as", "os", "empresas", "que", "nao", "mais", "menos", "de", "encontre", "encontrar", "vendemos", "usam", "utilizam", "como", "exceto", "sem", "funcionarios", "mas", "entre", "do", "da", "no", "na", "nosso", "nossa", "compradores", "clientes"],
  it: ["e", "con", "in", "per", "le", "gli", "aziende", "imprese", "societa", "che", "non", "piu", "meno", "di", "trova", "trovare", "vendiamo", "usano", "utilizzano", "come", "escluso", "esclusi", "senza", "dipendenti", "ma", "tra", "del", "della", "nostro", "nostra", "clienti", "acquirenti"],
};
