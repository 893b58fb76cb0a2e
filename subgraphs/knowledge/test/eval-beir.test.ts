import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKnowledgeCli } from "../src/cli.js";
import { loadBeir } from "../src/eval/beir.js";

const MODEL_DIR = process.env.ML_MODEL_DIR || "/work/shared/models";
const MODEL = "universal-sentence-encoder-lite";
const hasModel = existsSync(join(MODEL_DIR.split(":")[0]!, MODEL, "model.onnx"));

const corpus = [
  { _id: "d1", title: "Coffee and sleep", text: "Caffeine taken late in the evening delays sleep onset and shortens deep sleep." },
  { _id: "d2", title: "Exercise", text: "Regular aerobic exercise lowers resting blood pressure in adults with hypertension." },
  { _id: "d3", title: "Vitamin D", text: "Vitamin D supplements did not reduce the rate of bone fractures in older people." },
  { _id: "d4", title: "Sea turtles", text: "Green sea turtles navigate across oceans using the magnetic field of the earth." },
  { _id: "d5", title: "Volcanoes", text: "Basaltic lava flows from shield volcanoes cover large areas of Hawaii." },
];
// Each query carries metadata that must never be read: it names a wrong document.
const queries = [
  { _id: "q1", text: "does caffeine disturb sleep", metadata: { hint: "d5" } },
  { _id: "q2", text: "exercise reduces blood pressure", metadata: { hint: "d4" } },
  { _id: "q3", text: "how do turtles find their way across the ocean", metadata: { hint: "d1" } },
  { _id: "q4", text: "an unjudged query", metadata: {} },
];
const qrels = "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq3\td4\t1\n";

describe("BEIR loader", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "beir-tiny-"));
    writeFileSync(join(dir, "corpus.jsonl"), corpus.map((d) => JSON.stringify(d)).join("\n") + "\n");
    writeFileSync(join(dir, "queries.jsonl"), queries.map((q) => JSON.stringify(q)).join("\n") + "\n");
    mkdirSync(join(dir, "qrels"));
    writeFileSync(join(dir, "qrels", "test.tsv"), qrels);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the corpus, the judged queries' id and text only, and graded qrels", async () => {
    const set = await loadBeir(dir, "test");
    expect(set.corpus).toHaveLength(5);
    expect(set.queries).toEqual([
      { id: "q1", text: "does caffeine disturb sleep" },
      { id: "q2", text: "exercise reduces blood pressure" },
      { id: "q3", text: "how do turtles find their way across the ocean" },
    ]);
    expect(set.qrels.get("q2")).toEqual(new Map([["d2", 2]]));
    expect((await loadBeir(dir, "test", 2)).queries).toHaveLength(2);
    await expect(loadBeir(dir, "dev")).rejects.toThrow(/qrels file not found/);
  });

  it("refuses bad arguments with a usage message", async () => {
    const errors: string[] = [];
    const io = { print: () => {}, error: (l: string) => errors.push(l) };
    expect(await runKnowledgeCli(["eval"], io)).toBe(2);
    expect(await runKnowledgeCli(["eval", "--beir", dir, "--mode", "fuzzy"], io)).toBe(2);
    expect(await runKnowledgeCli(["eval", "--beir", dir, "--limit-queries", "0"], io)).toBe(2);
    expect(await runKnowledgeCli(["frobnicate"], io)).toBe(2);
    expect(errors.filter((l) => l.startsWith("usage:"))).toHaveLength(4);
  });

  it.skipIf(!hasModel)(
    "eval ingests the set into its own collection and prints a table and, last, one JSON object keyed by mode",
    async () => {
      const lines: string[] = [];
      const out = join(dir, "result.json");
      const saved = process.env.ML_MODEL_DIR;
      process.env.ML_MODEL_DIR = MODEL_DIR;
      try {
        const code = await runKnowledgeCli(["eval", "--beir", dir, "--model", MODEL, "--out", out], { print: (l) => lines.push(...l.split("\n")), error: () => {} });
        expect(code).toBe(0);
      } finally {
        if (saved === undefined) delete process.env.ML_MODEL_DIR;
        else process.env.ML_MODEL_DIR = saved;
      }
      expect(lines.some((l) => /^mode\s+nDCG@10\s+Recall@100\s+MRR@10/.test(l))).toBe(true);
      const last = JSON.parse(lines.at(-1)!) as Record<string, { ndcg_at_10: number; recall_at_100: number; mrr_at_10: number }>;
      expect(Object.keys(last)).toEqual(["lexical", "vector", "hybrid"]);
      for (const m of Object.values(last)) {
        // 5 documents: every relevant one is within the first 100
        expect(m.recall_at_100).toBe(1);
        expect(m.ndcg_at_10).toBeGreaterThan(0.8);
        expect(m.mrr_at_10).toBeGreaterThan(0.8);
      }
      expect(last.hybrid!.ndcg_at_10).toBe(1);
      const saved2 = JSON.parse(readFileSync(out, "utf8")) as { collection: string; docs: number; queries: number; metrics: unknown };
      expect(saved2).toMatchObject({ collection: `beir-${dir.split("/").at(-1)!.replace(/^beir-/, "")}`, docs: 5, queries: 3, metrics: last });
    },
    120_000,
  );
});
