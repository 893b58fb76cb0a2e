import { describe, expect, it } from "vitest";
import { ConfigError, createInProcessPubSub, createLogger } from "@matchgraph/subgraph-kit";
import { bumpDataVersion, createIntentRuntime, followDataChanges } from "../src/intent/runtime.js";
import { hamming, simhash, stem, termFrequencies, words } from "../src/intent/text.js";
import { intentConfigFromEnv } from "../src/intent/config.js";
import { companyKey, queryTerms } from "../src/intent/search.js";
import { parseRules } from "../src/parser/rules.js";
import { generateMarket } from "../src/testdata/generator.js";
import { grades, labelledPrompts } from "../src/testdata/labelled.js";

describe("snippet text", () => {
  it("stems, drops stop words and counts terms (BM25 document length)", () => {
    expect(stem("migrations")).toBe("migration");
    expect(stem("hiring")).toBe("hir");
    expect(words("The CRM migrations of our sales teams")).toEqual(["crm", "migration", "sale", "team"]);
    const { tf, length } = termFrequencies("CRM, crm and the CRM pipeline");
    expect(tf.get("crm")).toBe(3);
    expect(length).toBe(4);
  });

  it("gives near-duplicates close 64-bit simhashes and different texts distant ones", () => {
    const a = simhash("Alpha Bank is hiring a CRM manager to lead the CRM pipeline and sales forecasting initiative");
    const b = simhash("Alpha Bank is Hiring a CRM manager to lead the CRM pipeline and sales forecasting initiative!");
    const c = simhash("Delta Bank sponsors a local football club and a charity run in Vienna");
    expect(hamming(a, b)).toBe(0);
    expect(hamming(a, c)).toBeGreaterThan(10);
    expect(a).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(a).toBeLessThan(2n ** 63n);
  });
});

describe("intent configuration", () => {
  it("defaults to weights that sum to 1 and refuses weights that do not, naming the variable", () => {
    const c = intentConfigFromEnv({});
    expect(c.weights.fit + c.weights.intent).toBeCloseTo(1, 12);
    expect(() => intentConfigFromEnv({ LEADS_WEIGHT_FIT: "0.5", LEADS_WEIGHT_INTENT: "0.6" })).toThrow(ConfigError);
    expect(() => intentConfigFromEnv({ LEADS_WEIGHT_FIT: "0.5", LEADS_WEIGHT_INTENT: "0.6" })).toThrow(/LEADS_WEIGHT_FIT/);
    expect(() => intentConfigFromEnv({ LEADS_HALF_LIFE_DAYS: "0" })).toThrow(/LEADS_HALF_LIFE_DAYS/);
    expect(() => intentConfigFromEnv({ LEADS_COLD_START: "magic" })).toThrow(/LEADS_COLD_START/);
  });
});

describe("search helpers", () => {
  it("collapses legal forms and group suffixes to one company key", () => {
    expect(companyKey("Alpha Bank AG")).toBe("alpha bank");
    expect(companyKey("Alpha Bank Holding")).toBe("alpha bank");
    expect(companyKey("Société Générale SA")).toBe("societe generale");
  });

  it("queries BM25 with the product category's snippet vocabulary", () => {
    const q = parseRules("Wir verkaufen ein CRM an Banken");
    expect(queryTerms(q, "Wir verkaufen ein CRM an Banken")).toEqual(expect.arrayContaining(["crm", "pipeline", "salesforce"]));
  });
});

describe("generated market and labelled prompts", () => {
  const market = generateMarket({ companies: 1500, seed: 3 });

  it("is deterministic", () => {
    const again = generateMarket({ companies: 1500, seed: 3 });
    expect(again.companies.map((c) => c.name)).toEqual(market.companies.map((c) => c.name));
    expect(again.snippets.length).toBe(market.snippets.length);
  });

  it("labels prompts in six languages whose parse matches their spec, with graded relevance", () => {
    const prompts = labelledPrompts(market, 6, 7, 3);
    expect(new Set(prompts.map((p) => p.spec.language))).toEqual(new Set(["en", "de", "fr", "es", "pt", "it"]));
    for (const p of prompts) {
      const q = parseRules(p.prompt);
      expect(q.language).toBe(p.spec.language);
      expect(q.intentTopics).toEqual([p.spec.category]);
      expect([...q.excludedTechnologies].sort()).toEqual([...p.spec.excludedTechnologies].sort());
      const g = grades(market, p.spec);
      expect(g.size).toBeGreaterThanOrEqual(3);
      expect([...g.values()].every((x) => x === 1 || x === 2)).toBe(true);
    }
  });
});

describe("result cache across replicas", () => {
  it("drops another replica's cached results when one writes, and its own only once", async () => {
    const pubSub = createInProcessPubSub();
    const log = createLogger("leads-test", "silent");
    const config = intentConfigFromEnv({});
    const [a, b] = [createIntentRuntime({ config, pubSub }), createIntentRuntime({ config, pubSub })];
    const stop = [followDataChanges(a, pubSub, log), followDataChanges(b, pubSub, log)];
    a.resultCache.set("0|25|crm", { hits: [] });
    b.resultCache.set("0|25|crm", { hits: [] });
    bumpDataVersion(a);
    await new Promise((r) => setTimeout(r, 10));
    expect([a.dataVersion, b.dataVersion]).toEqual([1, 1]);
    expect([a.resultCache.size, b.resultCache.size]).toEqual([0, 0]);
    for (const s of stop) s();
    await new Promise((r) => setTimeout(r, 10));
    bumpDataVersion(a);
    await new Promise((r) => setTimeout(r, 10));
    expect([a.dataVersion, b.dataVersion]).toEqual([2, 1]);
  });
});
