/**
 * A labelled prompt set over a generated market: prompts in English, German, French, Spanish,
 * Portuguese and Italian, each from a spec (product category, filters, NOT clauses, exemplar),
 * with graded relevance per company: 2 hot buyer, 1 warm, 0 otherwise (a company that fails a
 * filter or a NOT clause is 0). Even index = development half, odd = held-out test half.
 */
import type { Language } from "../parser/vocabulary.js";
import { PRODUCT_CATEGORIES } from "../parser/vocabulary.js";
import { relevance, rng, type GenCompany, type Market } from "./generator.js";

export interface PromptSpec {
  language: Language;
  category: string;
  industries: string[];
  countries: string[];
  excludedCountries: string[];
  employeeMin: number | null;
  employeeMax: number | null;
  technologies: string[];
  excludedTechnologies: string[];
  exemplar: string | null;
}

export interface LabelledPrompt {
  prompt: string;
  spec: PromptSpec;
  split: "dev" | "test";
}

type Six = [string, string, string, string, string, string];
const L: Language[] = ["en", "de", "fr", "es", "pt", "it"];

const CATEGORY: Record<string, Six> = {
  crm: ["a CRM", "ein CRM", "un CRM", "un CRM", "um CRM", "un CRM"],
  erp: ["an ERP system", "ein ERP-System", "un ERP", "un ERP", "um ERP", "un ERP"],
  cloud_migration: ["cloud migration services", "Cloud-Migration", "la migration vers le cloud", "la migración a la nube", "migração para a nuvem", "la migrazione al cloud"],
  cybersecurity: ["endpoint security", "Sicherheitssoftware", "une solution de sécurité", "una solución de seguridad", "uma solução de segurança", "una soluzione di sicurezza"],
  data_analytics: ["a data warehouse", "eine Datenplattform", "un entrepôt de données", "un almacén de datos", "análise de dados", "una piattaforma dati"],
  hr_payroll: ["payroll software", "Lohnabrechnung", "un logiciel de paie", "software de nómina", "folha de pagamento", "software HR"],
  ecommerce_platform: ["a headless commerce platform", "ein Shopsystem", "une plateforme e-commerce", "una plataforma de ecommerce", "uma plataforma de e-commerce", "una piattaforma e-commerce"],
  payments: ["payment processing", "Zahlungsabwicklung", "une solution de paiement", "una pasarela de pago", "pagamentos", "un gateway di pagamento"],
  customer_support: ["help desk software", "Kundenservice-Software", "un logiciel de service client", "software de atención al cliente", "software de atendimento ao cliente", "software di assistenza clienti"],
  marketing_automation: ["marketing automation", "Marketing-Automatisierung", "l'automatisation marketing", "automatización de marketing", "automação de marketing", "automazione del marketing"],
  devops: ["DevOps tooling", "DevOps-Tools", "des outils DevOps", "herramientas DevOps", "ferramentas DevOps", "strumenti DevOps"],
  collaboration: ["collaboration software", "Kollaborationssoftware", "des outils collaboratifs", "herramientas de colaboración", "ferramentas de colaboração", "strumenti di collaborazione"],
};

const INDUSTRY: Record<string, Six> = {
  banking: ["banks", "Banken", "banques", "bancos", "bancos", "banche"],
  insurance: ["insurers", "Versicherungen", "assureurs", "aseguradoras", "seguradoras", "assicurazioni"],
  healthcare: ["hospitals", "Krankenhäuser", "hôpitaux", "hospitales", "hospitais", "ospedali"],
  manufacturing: ["manufacturers", "Hersteller", "fabricants", "fabricantes", "fabricantes", "aziende manifatturiere"],
  retail: ["retailers", "Einzelhändler", "détaillants", "minoristas", "varejistas", "dettaglianti"],
  ecommerce: ["online retailers", "Onlinehändler", "e-commerçants", "tiendas online", "lojas online", "negozi online"],
  logistics: ["logistics companies", "Logistikunternehmen", "transporteurs", "empresas de logística", "transportadoras", "aziende logistiche"],
  software: ["software companies", "Softwareunternehmen", "éditeurs de logiciels", "empresas de software", "empresas de software", "aziende software"],
  fintech: ["fintechs", "Fintechs", "fintechs", "fintechs", "fintechs", "fintech"],
  telecom: ["telecom operators", "Telekommunikationsanbieter", "opérateurs télécom", "operadores de telecomunicaciones", "operadoras de telecomunicações", "operatori di telecomunicazioni"],
  media: ["media companies", "Medienhäuser", "médias", "medios", "editoras", "editori"],
  professional_services: ["consultancies", "Unternehmensberatungen", "cabinets de conseil", "consultoras", "consultorias", "società di consulenza"],
};

const COUNTRY: Record<string, { codes: string[]; s: Six }> = {
  US: { codes: ["US"], s: ["in the United States", "in den USA", "aux États-Unis", "en Estados Unidos", "nos Estados Unidos", "negli Stati Uniti"] },
  DE: { codes: ["DE"], s: ["in Germany", "in Deutschland", "en Allemagne", "en Alemania", "na Alemanha", "in Germania"] },
  GB: { codes: ["GB"], s: ["in the United Kingdom", "im Vereinigten Königreich", "au Royaume-Uni", "en el Reino Unido", "no Reino Unido", "nel Regno Unito"] },
  FR: { codes: ["FR"], s: ["in France", "in Frankreich", "en France", "en Francia", "na França", "in Francia"] },
  ES: { codes: ["ES"], s: ["in Spain", "in Spanien", "en Espagne", "en España", "na Espanha", "in Spagna"] },
  IT: { codes: ["IT"], s: ["in Italy", "in Italien", "en Italie", "en Italia", "na Itália", "in Italia"] },
  BR: { codes: ["BR"], s: ["in Brazil", "in Brasilien", "au Brésil", "en Brasil", "no Brasil", "in Brasile"] },
  NL: { codes: ["NL"], s: ["in the Netherlands", "in den Niederlanden", "aux Pays-Bas", "en los Países Bajos", "nos Países Baixos", "nei Paesi Bassi"] },
  MX: { codes: ["MX"], s: ["in Mexico", "in Mexiko", "au Mexique", "en México", "no México", "in Messico"] },
  DACH: { codes: ["DE", "AT", "CH"], s: ["in the DACH region", "in der DACH-Region", "dans la région DACH", "en la región DACH", "na região DACH", "nella regione DACH"] },
  NORDICS: { codes: ["SE", "NO", "DK", "FI", "IS"], s: ["in the Nordics", "in den nordischen Ländern", "dans les pays nordiques", "en los países nórdicos", "nos países nórdicos", "nei paesi nordici"] },
  BENELUX: { codes: ["BE", "NL", "LU"], s: ["in Benelux", "in den Benelux-Ländern", "au Benelux", "en el Benelux", "no Benelux", "nel Benelux"] },
};

const SELL: Six = ["We sell {p} to {i} {c}", "Wir verkaufen {p} an {i} {c}", "Nous vendons {p} aux {i} {c}", "Vendemos {p} a {i} {c}", "Vendemos {p} para {i} {c}", "Vendiamo {p} a {i} {c}"];
const SELL_NO_INDUSTRY: Six = ["We sell {p} to companies {c}", "Wir verkaufen {p} an Unternehmen {c}", "Nous vendons {p} aux entreprises {c}", "Vendemos {p} a empresas {c}", "Vendemos {p} para empresas {c}", "Vendiamo {p} ad aziende {c}"];
const MORE: Six = [", with more than {n} employees", " mit mehr als {n} Mitarbeitern", " de plus de {n} salariés", " con más de {n} empleados", " com mais de {n} funcionários", " con più di {n} dipendenti"];
const FEWER: Six = [", with fewer than {n} employees", " mit weniger als {n} Mitarbeitern", " de moins de {n} salariés", " con menos de {n} empleados", " com menos de {n} funcionários", " con meno di {n} dipendenti"];
const USES: Six = [" that use {t}", ", die {t} nutzen", " qui utilisent {t}", " que usan {t}", " que usam {t}", " che usano {t}"];
const NOT_USES: Six = [", not using {t}", ", die {t} nicht nutzen", " qui n'utilisent pas {t}", " que no usan {t}", " que não usam {t}", " che non usano {t}"];
const EXCEPT_COUNTRY: Six = [", excluding {x}", ", außer {x}", ", sauf {x}", ", excepto {x}", ", exceto {x}", ", escluso {x}"];
const COUNTRY_BARE: Record<string, Six> = {
  IS: ["Iceland", "Island", "l'Islande", "Islandia", "Islândia", "Islanda"],
  NO: ["Norway", "Norwegen", "la Norvège", "Noruega", "Noruega", "Norvegia"],
  LU: ["Luxembourg", "Luxemburg", "le Luxembourg", "Luxemburgo", "Luxemburgo", "Lussemburgo"],
  AT: ["Austria", "Österreich", "l'Autriche", "Austria", "Áustria", "Austria"],
};
const LIKE: Six = [" like {e}", " wie {e}", " comme {e}", " como {e}", " tipo {e}", " come {e}"];
const TECH_NAME: Record<string, string> = { salesforce: "Salesforce", hubspot: "HubSpot", sap: "SAP", oracle: "Oracle", aws: "AWS", azure: "Azure", shopify: "Shopify", magento: "Magento", zendesk: "Zendesk", workday: "Workday", snowflake: "Snowflake", kubernetes: "Kubernetes", jira: "Jira", slack: "Slack", stripe: "Stripe", "microsoft-dynamics": "Microsoft Dynamics", servicenow: "ServiceNow", tableau: "Tableau", databricks: "Databricks", gcp: "Google Cloud" };

/** Whether a company passes a spec's filters and NOT clauses (what makes it eligible at all). */
export function eligible(c: GenCompany, s: PromptSpec, exemplarIndustry: string | null): boolean {
  if (s.industries.length && !s.industries.includes(c.industry)) return false;
  if (exemplarIndustry && c.industry !== exemplarIndustry) return false;
  if (s.countries.length && !s.countries.includes(c.country)) return false;
  if (s.excludedCountries.includes(c.country)) return false;
  if (s.employeeMin !== null && c.employees < s.employeeMin) return false;
  if (s.employeeMax !== null && c.employees > s.employeeMax) return false;
  const active = c.technologies.filter((t) => t.active).map((t) => t.technology as string);
  if (s.technologies.length && !s.technologies.some((t) => active.includes(t))) return false;
  if (s.excludedTechnologies.some((t) => active.includes(t))) return false;
  return true;
}

/** Graded relevance of every company for a prompt (company index → grade > 0). */
export function grades(market: Market, s: PromptSpec): Map<number, number> {
  const exemplar = s.exemplar ? market.companies.find((c) => c.name.toLowerCase() === s.exemplar) ?? null : null;
  const out = new Map<number, number>();
  market.companies.forEach((c, i) => {
    if (exemplar && c === exemplar) return;
    if (!eligible(c, s, exemplar?.industry ?? null)) return;
    const g = relevance(c, s.category);
    if (g > 0) out.set(i, g);
  });
  return out;
}

/**
 * `perLanguage` prompts in each language. A drawn prompt is kept only if at least `minRelevant`
 * companies are relevant to it (ground truth only, never the system's answers): Precision@25 of
 * a prompt with fewer than 25 relevant leads cannot reach 1, so the bench keeps 25.
 */
export function labelledPrompts(market: Market, perLanguage = 36, seed = 7, minRelevant = 25): LabelledPrompt[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const categories = PRODUCT_CATEGORIES.map((c) => c.id);
  const prompts: LabelledPrompt[] = [];
  const kept = new Map<Language, number>(L.map((l) => [l, 0]));
  for (let attempt = 0; attempt < perLanguage * 200 && [...kept.values()].some((n) => n < perLanguage); attempt++) {
    {
      const li = attempt % L.length;
      if (kept.get(L[li]!)! >= perLanguage) continue;
      const language = L[li]!;
      const category = pick(categories);
      const withExemplar = r() < 0.12;
      const industry = !withExemplar && r() < 0.6 ? pick(Object.keys(INDUSTRY)) : null;
      const countryKey = r() < 0.75 ? pick(Object.keys(COUNTRY)) : null;
      const size = r() < 0.3 ? (r() < 0.6 ? { more: true, n: pick([50, 100, 200, 500, 1000]) } : { more: false, n: pick([200, 500, 1000, 5000]) }) : null;
      const techs = PRODUCT_CATEGORIES.find((c) => c.id === category)!.technologies.filter((t) => TECH_NAME[t]);
      const techPos = techs.length && r() < 0.15 ? pick(techs) : null;
      const techNeg = !techPos && techs.length && r() < 0.25 ? pick(techs) : null;
      const exceptCountry =
        countryKey === "NORDICS" && r() < 0.5 ? pick(["IS", "NO"]) : countryKey === "BENELUX" && r() < 0.5 ? "LU" : countryKey === "DACH" && r() < 0.4 ? "AT" : null;
      const exemplar = withExemplar ? market.companies[Math.floor(r() * market.companies.length)]! : null;

      let text = (industry ? SELL[li]! : SELL_NO_INDUSTRY[li]!)
        .replace("{p}", CATEGORY[category]![li]!)
        .replace("{i}", industry ? INDUSTRY[industry]![li]! : "")
        .replace("{c}", countryKey ? COUNTRY[countryKey]!.s[li]! : "")
        .replace(/\s+/g, " ")
        .trim();
      if (exceptCountry) text += EXCEPT_COUNTRY[li]!.replace("{x}", COUNTRY_BARE[exceptCountry]![li]!);
      if (size) text += (size.more ? MORE : FEWER)[li]!.replace("{n}", String(size.n));
      if (techPos) text += USES[li]!.replace("{t}", TECH_NAME[techPos]!);
      if (techNeg) text += NOT_USES[li]!.replace("{t}", TECH_NAME[techNeg]!);
      if (exemplar) text += LIKE[li]!.replace("{e}", exemplar.name);

      const countries = countryKey ? COUNTRY[countryKey]!.codes.filter((c) => c !== exceptCountry) : [];
      const candidate: LabelledPrompt = {
        prompt: text,
        split: prompts.length % 2 === 0 ? "dev" : "test",
        spec: {
          language,
          category,
          industries: industry ? [industry] : [],
          countries,
          excludedCountries: exceptCountry ? [exceptCountry] : [],
          employeeMin: size?.more ? size.n + 1 : null,
          employeeMax: size && !size.more ? size.n - 1 : null,
          technologies: techPos ? [techPos] : [],
          excludedTechnologies: techNeg ? [techNeg] : [],
          exemplar: exemplar ? exemplar.name.toLowerCase() : null,
        },
      };
      if (grades(market, candidate.spec).size < minRelevant) continue;
      kept.set(language, kept.get(language)! + 1);
      prompts.push(candidate);
    }
  }
  return prompts;
}
