/**
 * The parser's own multilingual test set: prompts written the way sellers write them, with the
 * structured query each should give. Index parity splits it: even = development (rules were
 * written against these), odd = held out. Fields left out are expected empty / null.
 */
import type { LeadQuery } from "./rules.js";

export interface ParserCase {
  prompt: string;
  language: LeadQuery["language"];
  i?: string[];
  xi?: string[];
  c?: string[];
  xc?: string[];
  min?: number;
  max?: number;
  t?: string[];
  xt?: string[];
  ex?: string[];
  topics?: string[];
}

export const PARSER_CASES: ParserCase[] = [
  // ---------------------------------------------------------------- English
  { language: "en", prompt: "We sell a CRM to fintech companies in the DACH region with more than 500 employees, not using Salesforce", i: ["fintech"], c: ["DE", "AT", "CH"], min: 501, xt: ["salesforce"], topics: ["crm"] },
  { language: "en", prompt: "Find manufacturers in Germany with 200-1000 employees that use SAP", i: ["manufacturing"], c: ["DE"], min: 200, max: 1000, t: ["sap"] },
  { language: "en", prompt: "Leads for our payroll software: healthcare providers in the UK and Ireland, excluding pharma", i: ["healthcare"], xi: ["pharma"], c: ["GB", "IE"], topics: ["hr_payroll"] },
  { language: "en", prompt: "Online retailers like Zalando or asos.com running Magento, fewer than 500 employees", i: ["ecommerce"], ex: ["zalando", "asos.com"], t: ["magento"], max: 499 },
  { language: "en", prompt: "Banks and insurers in the Nordics evaluating cloud migration, not in Iceland", i: ["banking", "insurance"], c: ["SE", "NO", "DK", "FI"], xc: ["IS"], topics: ["cloud_migration"] },
  { language: "en", prompt: "We are selling endpoint security to logistics firms in Benelux with at least 250 staff", i: ["logistics"], c: ["BE", "NL", "LU"], min: 250, topics: ["cybersecurity"] },
  { language: "en", prompt: "Software companies in the US on AWS but not Azure, similar to Datadog", i: ["software"], c: ["US"], t: ["aws"], xt: ["azure"], ex: ["datadog"] },
  { language: "en", prompt: "Retail chains in France and Spain that need a help desk, except those using Zendesk", i: ["retail"], c: ["FR", "ES"], xt: ["zendesk"], topics: ["customer_support"] },
  { language: "en", prompt: "Mid-sized telecom operators in Italy looking for a data warehouse, using Snowflake or Databricks", i: ["telecom"], c: ["IT"], min: 100, max: 999, t: ["snowflake", "databricks"], topics: ["data_analytics"] },
  { language: "en", prompt: "Universities and schools in Canada without Slack who need collaboration software", i: ["education"], c: ["CA"], xt: ["slack"], topics: ["collaboration"] },
  { language: "en", prompt: "Energy utilities with over 5,000 employees in Germany or Austria, excluding Switzerland, using Microsoft Dynamics", i: ["energy"], c: ["DE", "AT"], xc: ["CH"], min: 5001, t: ["microsoft-dynamics"] },
  { language: "en", prompt: "Game studios like Ubisoft in France with between 50 and 300 employees", i: ["gaming"], c: ["FR"], ex: ["ubisoft"], min: 50, max: 300 },
  { language: "en", prompt: "Marketing automation buyers: media companies in Brazil and Mexico, not using HubSpot", i: ["media"], c: ["BR", "MX"], xt: ["hubspot"], topics: ["marketing_automation"] },
  { language: "en", prompt: "Construction companies in Poland with under 100 employees that use Jira", i: ["construction"], c: ["PL"], max: 99, t: ["jira"] },
  { language: "en", prompt: "Payments platform for ecommerce businesses in LATAM, excluding Argentina, such as Mercado Libre", i: ["ecommerce"], c: ["MX", "BR", "CL", "CO"], xc: ["AR"], ex: ["mercado libre"], topics: ["payments"] },
  { language: "en", prompt: "Hospitality groups in Spain and Portugal with 1000+ employees on Oracle, not Workday", i: ["hospitality"], c: ["ES", "PT"], min: 1000, t: ["oracle"], xt: ["workday"] },
  { language: "en", prompt: "Nonprofits in the United Kingdom that need a CRM and don't use Salesforce", i: ["nonprofit"], c: ["GB"], xt: ["salesforce"], topics: ["crm"] },
  { language: "en", prompt: "Public sector organisations in Denmark adopting Kubernetes, devops tooling", i: ["public_sector"], c: ["DK"], t: ["kubernetes"], topics: ["devops"] },
  { language: "en", prompt: "Automotive suppliers in Germany with more than 2000 employees, not banks, using ServiceNow", i: ["automotive"], xi: ["banking"], c: ["DE"], min: 2001, t: ["servicenow"] },
  { language: "en", prompt: "Real estate firms in the Netherlands with fewer than 50 staff that want marketing automation", i: ["real_estate"], c: ["NL"], max: 49, topics: ["marketing_automation"] },

  // ---------------------------------------------------------------- German
  { language: "de", prompt: "Wir verkaufen ein CRM an Fintechs in der DACH-Region mit mehr als 500 Mitarbeitern, die nicht Salesforce nutzen", i: ["fintech"], c: ["DE", "AT", "CH"], min: 501, xt: ["salesforce"], topics: ["crm"] },
  { language: "de", prompt: "Mittelständische Hersteller in Deutschland, die SAP einsetzen, aber keine Automobilzulieferer", i: ["manufacturing"], xi: ["automotive"], c: ["DE"], min: 100, max: 999, t: ["sap"] },
  { language: "de", prompt: "Finde Versicherungen in Österreich und der Schweiz mit 200 bis 2000 Mitarbeitern", i: ["insurance"], c: ["AT", "CH"], min: 200, max: 2000 },
  { language: "de", prompt: "Onlinehändler wie Zalando oder otto.de mit Shopify, ohne Magento", i: ["ecommerce"], ex: ["zalando", "otto.de"], t: ["shopify"], xt: ["magento"] },
  { language: "de", prompt: "Krankenhäuser in Deutschland mit weniger als 1000 Beschäftigten, die eine Cloud-Migration planen", i: ["healthcare"], c: ["DE"], max: 999, topics: ["cloud_migration"] },
  { language: "de", prompt: "Softwareunternehmen in Skandinavien, außer Norwegen, die AWS nutzen", i: ["software"], c: ["SE", "DK", "FI", "IS"], xc: ["NO"], t: ["aws"] },
  { language: "de", prompt: "Käufer für unsere Lohnabrechnung: Logistikunternehmen in Deutschland ohne Workday", i: ["logistics"], c: ["DE"], xt: ["workday"], topics: ["hr_payroll"] },
  { language: "de", prompt: "Banken in Deutschland mit mindestens 1.000 Mitarbeitern, keine Versicherungen", i: ["banking"], xi: ["insurance"], c: ["DE"], min: 1000 },
  { language: "de", prompt: "Energieversorger und Stadtwerke in Deutschland, die Microsoft Dynamics nicht nutzen", i: ["energy"], c: ["DE"], xt: ["microsoft-dynamics"] },
  { language: "de", prompt: "Telekommunikationsanbieter in den Benelux-Ländern mit Interesse an Datenanalyse, nutzen Tableau", i: ["telecom"], c: ["BE", "NL", "LU"], t: ["tableau"], topics: ["data_analytics"] },
  { language: "de", prompt: "Wir verkaufen Helpdesk-Software an Einzelhändler in Deutschland mit über 300 Mitarbeitern, nicht Zendesk", i: ["retail"], c: ["DE"], min: 301, xt: ["zendesk"], topics: ["customer_support"] },
  { language: "de", prompt: "Pharmaunternehmen in der Schweiz ähnlich wie Roche, nicht in Deutschland", i: ["pharma"], c: ["CH"], xc: ["DE"], ex: ["roche"] },
  { language: "de", prompt: "Bauunternehmen in Österreich mit weniger als 250 Mitarbeitern, die Jira verwenden", i: ["construction"], c: ["AT"], max: 249, t: ["jira"] },
  { language: "de", prompt: "Hochschulen in Deutschland, die Kollaborationssoftware suchen, ohne Slack", i: ["education"], c: ["DE"], xt: ["slack"], topics: ["collaboration"] },
  { language: "de", prompt: "Medienhäuser und Verlage in Deutschland mit Marketingautomatisierung, keine HubSpot-Kunden", i: ["media"], c: ["DE"], xt: ["hubspot"], topics: ["marketing_automation"] },
  { language: "de", prompt: "Unternehmensberatungen in der Schweiz mit 50 bis 500 Mitarbeitern auf Azure", i: ["professional_services"], c: ["CH"], min: 50, max: 500, t: ["azure"] },
  { language: "de", prompt: "Spielestudios in Deutschland wie Crytek, nicht in Österreich", i: ["gaming"], c: ["DE"], xc: ["AT"], ex: ["crytek"] },
  { language: "de", prompt: "Gemeinnützige Organisationen in Deutschland, die ein CRM brauchen, außer Salesforce-Nutzer", i: ["nonprofit"], c: ["DE"], xt: ["salesforce"], topics: ["crm"] },

  // ---------------------------------------------------------------- French
  { language: "fr", prompt: "Nous vendons un CRM aux fintechs en France de plus de 500 salariés qui n'utilisent pas Salesforce", i: ["fintech"], c: ["FR"], min: 501, xt: ["salesforce"], topics: ["crm"] },
  { language: "fr", prompt: "Entreprises de e-commerce en France et en Belgique comme Cdiscount, sauf celles sur Shopify", i: ["ecommerce"], c: ["FR", "BE"], ex: ["cdiscount"], xt: ["shopify"] },
  { language: "fr", prompt: "Assureurs en France avec au moins 1000 employés, sans SAP", i: ["insurance"], c: ["FR"], min: 1000, xt: ["sap"] },
  { language: "fr", prompt: "Hôpitaux et cliniques en Suisse qui ont besoin d'une solution de sécurité", i: ["healthcare"], c: ["CH"], topics: ["cybersecurity"] },
  { language: "fr", prompt: "Fabricants industriels en France de 200 à 2000 salariés utilisant SAP, hors secteur automobile", i: ["manufacturing"], xi: ["automotive"], c: ["FR"], min: 200, max: 2000, t: ["sap"] },
  { language: "fr", prompt: "Éditeurs de logiciels au Canada qui utilisent AWS mais pas Azure", i: ["software"], c: ["CA"], t: ["aws"], xt: ["azure"] },
  { language: "fr", prompt: "Acheteurs pour notre logiciel RH : détaillants en France de moins de 250 salariés", i: ["retail"], c: ["FR"], max: 249, topics: ["hr_payroll"] },
  { language: "fr", prompt: "Banques au Luxembourg et en Belgique, sauf les assurances, qui utilisent Oracle", i: ["banking"], xi: ["insurance"], c: ["LU", "BE"], t: ["oracle"] },
  { language: "fr", prompt: "Opérateurs télécom en France qui migrent vers le cloud, migration cloud sur Google Cloud", i: ["telecom"], c: ["FR"], t: ["gcp"], topics: ["cloud_migration"] },
  { language: "fr", prompt: "Studios de jeux vidéo comme Ubisoft ou Ankama en France", i: ["gaming"], c: ["FR"], ex: ["ubisoft", "ankama"] },
  { language: "fr", prompt: "PME du secteur de la logistique en France sans Jira", i: ["logistics"], c: ["FR"], max: 249, xt: ["jira"] },
  { language: "fr", prompt: "Cabinets de conseil en Suisse avec plus de 100 collaborateurs, pas en Allemagne", i: ["professional_services"], c: ["CH"], xc: ["DE"], min: 101 },
  { language: "fr", prompt: "Universités en France et au Québec, Canada, qui cherchent des outils collaboratifs, sans Slack", i: ["education"], c: ["FR", "CA"], xt: ["slack"], topics: ["collaboration"] },
  { language: "fr", prompt: "Grandes entreprises du secteur de l'énergie en France utilisant Salesforce", i: ["energy"], c: ["FR"], min: 1000, t: ["salesforce"] },
  { language: "fr", prompt: "Médias en France et en Belgique pour notre automatisation marketing, sauf HubSpot", i: ["media"], c: ["FR", "BE"], xt: ["hubspot"], topics: ["marketing_automation"] },
  { language: "fr", prompt: "Entreprises agricoles en France de moins de 50 salariés, hors Espagne", i: ["agriculture"], c: ["FR"], xc: ["ES"], max: 49 },
  { language: "fr", prompt: "Secteur public en France qui a besoin d'un service client, sans ServiceNow", i: ["public_sector"], c: ["FR"], xt: ["servicenow"], topics: ["customer_support"] },
  { language: "fr", prompt: "Nous vendons une plateforme de paiement aux commerçants en ligne en Espagne et au Portugal, sauf Stripe", i: ["ecommerce"], c: ["ES", "PT"], xt: ["stripe"], topics: ["payments"] },

  // ---------------------------------------------------------------- Spanish
  { language: "es", prompt: "Vendemos un CRM a fintechs en España con más de 500 empleados que no usan Salesforce", i: ["fintech"], c: ["ES"], min: 501, xt: ["salesforce"], topics: ["crm"] },
  { language: "es", prompt: "Empresas de logística en España y Portugal, excepto las que usan SAP, como Seur", i: ["logistics"], c: ["ES", "PT"], xt: ["sap"], ex: ["seur"] },
  { language: "es", prompt: "Bancos en México con al menos 2000 empleados, sin Oracle", i: ["banking"], c: ["MX"], min: 2000, xt: ["oracle"] },
  { language: "es", prompt: "Tiendas online en Latinoamérica que usan Shopify, excepto Brasil", i: ["ecommerce"], c: ["MX", "AR", "CL", "CO"], xc: ["BR"], t: ["shopify"] },
  { language: "es", prompt: "Hospitales en España con menos de 1000 empleados que necesitan migración a la nube", i: ["healthcare"], c: ["ES"], max: 999, topics: ["cloud_migration"] },
  { language: "es", prompt: "Aseguradoras en Chile y Colombia que utilizan Salesforce, no bancos", i: ["insurance"], xi: ["banking"], c: ["CL", "CO"], t: ["salesforce"] },
  { language: "es", prompt: "Compradores para nuestro software de nómina: empresas de construcción en España entre 100 y 500 empleados", i: ["construction"], c: ["ES"], min: 100, max: 500, topics: ["hr_payroll"] },
  { language: "es", prompt: "Empresas de software en Argentina similares a Globant que usan AWS pero no GCP", i: ["software"], c: ["AR"], ex: ["globant"], t: ["aws"], xt: ["gcp"] },
  { language: "es", prompt: "Cadenas hoteleras en España con más de 300 empleados, excepto Portugal, con Oracle", i: ["hospitality"], c: ["ES"], xc: ["PT"], min: 301, t: ["oracle"] },
  { language: "es", prompt: "Operadores de telecomunicaciones en México que buscan analítica de datos con Tableau", i: ["telecom"], c: ["MX"], t: ["tableau"], topics: ["data_analytics"] },
  { language: "es", prompt: "Pymes del sector agrícola en España sin HubSpot", i: ["agriculture"], c: ["ES"], max: 249, xt: ["hubspot"] },
  { language: "es", prompt: "Universidades en Colombia que necesitan herramientas de colaboración, no usan Slack", i: ["education"], c: ["CO"], xt: ["slack"], topics: ["collaboration"] },
  { language: "es", prompt: "Consultoras en España y México con 50 a 250 empleados que usan Jira", i: ["professional_services"], c: ["ES", "MX"], min: 50, max: 250, t: ["jira"] },
  { language: "es", prompt: "Empresas farmacéuticas en España como Grifols, excepto las que usan Workday", i: ["pharma"], c: ["ES"], ex: ["grifols"], xt: ["workday"] },
  { language: "es", prompt: "Medios de comunicación en Argentina para nuestra automatización de marketing", i: ["media"], c: ["AR"], topics: ["marketing_automation"] },
  { language: "es", prompt: "Empresas energéticas en España con más de 1.000 empleados que usan Microsoft Dynamics", i: ["energy"], c: ["ES"], min: 1001, t: ["microsoft-dynamics"] },
  { language: "es", prompt: "Estudios de videojuegos en España sin Kubernetes, excepto Portugal", i: ["gaming"], c: ["ES"], xc: ["PT"], xt: ["kubernetes"] },
  { language: "es", prompt: "Vendemos una pasarela de pago a minoristas en México y Chile, excluyendo los que usan Stripe", i: ["retail"], c: ["MX", "CL"], xt: ["stripe"], topics: ["payments"] },

  // ---------------------------------------------------------------- Portuguese
  { language: "pt", prompt: "Vendemos um CRM para fintechs no Brasil com mais de 500 funcionários que não usam Salesforce", i: ["fintech"], c: ["BR"], min: 501, xt: ["salesforce"], topics: ["crm"] },
  { language: "pt", prompt: "Empresas de saúde no Brasil com mais de 1000 funcionários, exceto farmacêuticas", i: ["healthcare"], xi: ["pharma"], c: ["BR"], min: 1001 },
  { language: "pt", prompt: "Lojas online em Portugal e no Brasil tipo Dafiti, que usam Magento", i: ["ecommerce"], c: ["PT", "BR"], ex: ["dafiti"], t: ["magento"] },
  { language: "pt", prompt: "Bancos em Portugal com pelo menos 500 funcionários, sem SAP", i: ["banking"], c: ["PT"], min: 500, xt: ["sap"] },
  { language: "pt", prompt: "Transportadoras no Brasil que precisam de migração para a nuvem, usam AWS", i: ["logistics"], c: ["BR"], t: ["aws"], topics: ["cloud_migration"] },
  { language: "pt", prompt: "Seguradoras no Brasil, exceto bancos, com menos de 2000 funcionários", i: ["insurance"], xi: ["banking"], c: ["BR"], max: 1999 },
  { language: "pt", prompt: "Compradores para nosso software de folha de pagamento: construtoras em Portugal entre 100 e 800 funcionários", i: ["construction"], c: ["PT"], min: 100, max: 800, topics: ["hr_payroll"] },
  { language: "pt", prompt: "Empresas de software no Brasil semelhantes a Totvs, que usam Azure mas não AWS", i: ["software"], c: ["BR"], ex: ["totvs"], t: ["azure"], xt: ["aws"] },
  { language: "pt", prompt: "Varejistas em Portugal que precisam de atendimento ao cliente, sem Zendesk", i: ["retail"], c: ["PT"], xt: ["zendesk"], topics: ["customer_support"] },
  { language: "pt", prompt: "Operadoras de telecomunicações no Brasil com análise de dados, usam Snowflake", i: ["telecom"], c: ["BR"], t: ["snowflake"], topics: ["data_analytics"] },
  { language: "pt", prompt: "Universidades no Brasil e em Portugal com ferramentas de colaboração, exceto Slack", i: ["education"], c: ["BR", "PT"], xt: ["slack"], topics: ["collaboration"] },
  { language: "pt", prompt: "Empresas de energia no Brasil com mais de 3000 funcionários usando Oracle, não em Portugal", i: ["energy"], c: ["BR"], xc: ["PT"], min: 3001, t: ["oracle"] },
  { language: "pt", prompt: "Consultorias em Portugal com até 200 funcionários que usam Jira", i: ["professional_services"], c: ["PT"], max: 200, t: ["jira"] },
  { language: "pt", prompt: "Empresas do agronegócio no Brasil, exceto Argentina, com HubSpot", i: ["agriculture"], c: ["BR"], xc: ["AR"], t: ["hubspot"] },
  { language: "pt", prompt: "Hotéis e hotelaria em Portugal para nossa automação de marketing, não usam HubSpot", i: ["hospitality"], c: ["PT"], xt: ["hubspot"], topics: ["marketing_automation"] },
  { language: "pt", prompt: "Empresas farmacêuticas no Brasil como Eurofarma sem Workday", i: ["pharma"], c: ["BR"], ex: ["eurofarma"], xt: ["workday"] },
  { language: "pt", prompt: "Estúdios de jogos no Brasil com menos de 100 funcionários, sem Kubernetes", i: ["gaming"], c: ["BR"], max: 99, xt: ["kubernetes"] },
  { language: "pt", prompt: "Vendemos pagamentos para lojas virtuais em Portugal, exceto as que usam Stripe", i: ["ecommerce"], c: ["PT"], xt: ["stripe"], topics: ["payments"] },

  // ---------------------------------------------------------------- Italian
  { language: "it", prompt: "Vendiamo un CRM a fintech in Italia con più di 500 dipendenti che non usano Salesforce", i: ["fintech"], c: ["IT"], min: 501, xt: ["salesforce"], topics: ["crm"] },
  { language: "it", prompt: "Aziende manifatturiere in Italia con meno di 250 dipendenti, escluso il settore automotive, tipo Brembo", i: ["manufacturing"], xi: ["automotive"], c: ["IT"], max: 249, ex: ["brembo"] },
  { language: "it", prompt: "Banche in Italia con almeno 1000 dipendenti, senza SAP", i: ["banking"], c: ["IT"], min: 1000, xt: ["sap"] },
  { language: "it", prompt: "Negozi online in Italia come Yoox che usano Shopify, non Magento", i: ["ecommerce"], c: ["IT"], ex: ["yoox"], t: ["shopify"], xt: ["magento"] },
  { language: "it", prompt: "Ospedali in Italia e Svizzera che cercano una migrazione al cloud, escluso la Francia", i: ["healthcare"], c: ["IT", "CH"], xc: ["FR"], topics: ["cloud_migration"] },
  { language: "it", prompt: "Compagnie assicurative in Italia che utilizzano Oracle, escluse le banche", i: ["insurance"], xi: ["banking"], c: ["IT"], t: ["oracle"] },
  { language: "it", prompt: "Acquirenti per il nostro software HR: aziende logistiche in Italia tra 100 e 500 dipendenti", i: ["logistics"], c: ["IT"], min: 100, max: 500, topics: ["hr_payroll"] },
  { language: "it", prompt: "Aziende software in Italia simili a TeamSystem che usano Azure ma non AWS", i: ["software"], c: ["IT"], ex: ["teamsystem"], t: ["azure"], xt: ["aws"] },
  { language: "it", prompt: "Catene di vendita al dettaglio in Italia che hanno bisogno di assistenza clienti, senza Zendesk", i: ["retail"], c: ["IT"], xt: ["zendesk"], topics: ["customer_support"] },
  { language: "it", prompt: "Operatori di telecomunicazioni in Italia con analisi dei dati su Databricks", i: ["telecom"], c: ["IT"], t: ["databricks"], topics: ["data_analytics"] },
  { language: "it", prompt: "Università in Italia che cercano strumenti di collaborazione, tranne Slack", i: ["education"], c: ["IT"], xt: ["slack"], topics: ["collaboration"] },
  { language: "it", prompt: "Aziende energetiche in Italia con oltre 2000 dipendenti che usano Microsoft Dynamics, non in Spagna", i: ["energy"], c: ["IT"], xc: ["ES"], min: 2001, t: ["microsoft-dynamics"] },
  { language: "it", prompt: "Società di consulenza in Italia con fino a 300 dipendenti che usano Jira", i: ["professional_services"], c: ["IT"], max: 300, t: ["jira"] },
  { language: "it", prompt: "PMI del settore edilizia in Italia senza HubSpot", i: ["construction"], c: ["IT"], max: 249, xt: ["hubspot"] },
  { language: "it", prompt: "Editori e media in Italia per la nostra automazione del marketing, tranne HubSpot", i: ["media"], c: ["IT"], xt: ["hubspot"], topics: ["marketing_automation"] },
  { language: "it", prompt: "Aziende farmaceutiche in Italia come Chiesi, eccetto quelle con Workday", i: ["pharma"], c: ["IT"], ex: ["chiesi"], xt: ["workday"] },
  { language: "it", prompt: "Studi di videogiochi in Italia con meno di 100 dipendenti che usano Kubernetes", i: ["gaming"], c: ["IT"], max: 99, t: ["kubernetes"] },
  { language: "it", prompt: "Vendiamo una piattaforma di pagamento ai negozi online in Italia, esclusi quelli che usano Stripe", i: ["ecommerce"], c: ["IT"], xt: ["stripe"], topics: ["payments"] },
];

const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();
const same = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
/** "more than 500" may be 500 or 501; "fewer than 500" 499 or 500. */
const near = (got: number | null, want: number | undefined) => (want === undefined ? got === null : got !== null && Math.abs(got - want) <= 1);

/** The fields a parse got wrong (empty: the whole prompt is right). */
export function caseErrors(c: ParserCase, q: LeadQuery): string[] {
  const errors: string[] = [];
  if (q.language !== c.language) errors.push(`language ${q.language}`);
  if (!same(q.industries, c.i)) errors.push(`industries ${q.industries}`);
  if (!same(q.excludedIndustries, c.xi)) errors.push(`excludedIndustries ${q.excludedIndustries}`);
  if (!same(q.countries, c.c)) errors.push(`countries ${q.countries}`);
  if (!same(q.excludedCountries, c.xc)) errors.push(`excludedCountries ${q.excludedCountries}`);
  if (!near(q.employeeMin, c.min)) errors.push(`employeeMin ${q.employeeMin}`);
  if (!near(q.employeeMax, c.max)) errors.push(`employeeMax ${q.employeeMax}`);
  if (!same(q.technologies, c.t)) errors.push(`technologies ${q.technologies}`);
  if (!same(q.excludedTechnologies, c.xt)) errors.push(`excludedTechnologies ${q.excludedTechnologies}`);
  if (!same(q.exemplars, c.ex)) errors.push(`exemplars ${q.exemplars}`);
  if (!same(q.intentTopics, c.topics)) errors.push(`intentTopics ${q.intentTopics}`);
  return errors;
}
