/**
 * `npm run bench -- talent [--db pglite|postgres] [--requests 60] [--warmup 10]`: talent ↔ job matching.
 *
 * 1. Trains `talent-match` v1 on the synthetic world (the training pipeline, LightGBM in the venv)
 *    and measures it on the held-out talents against the rule-based matcher and a random scorer:
 *    RMSE / MAE and NDCG@10 per talent.
 * 2. Starts the whole platform (gateway, subgraphs, ml-runtime with the real embedding model) on a
 *    fresh database, creates 150 jobs and 150 talents through the gateway, and times
 *    matchJobs(limit: 100) for one talent and matchTalents(limit: 100) for one job through the
 *    gateway (each request with its own minScore, so that none is answered from the match cache).
 * 3. Checks the explanations the gateway returned against LightGBM's own pred_contrib on the
 *    same rows (the served version's model file, LightGBM 4.7.0 in the training venv).
 * 4. Feedback that follows a hidden preference: simulated recruiters contact talents whose working
 *    hours overlap the team's by 6 h or more and reject the others; v2 trains on the synthetic
 *    world (train-only) + that feedback, and the gain is v2's NDCG@10 minus v1's on the held-out
 *    talents' feedback pairs (neither version trained on them).
 * The last line is one JSON object with the figures the issue names; the full result is written to
 * bench/results/talent-<time>.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DbKind } from "@matchgraph/db";
import { lightGbmReference, loadModelVersion, mae, mulberry32, ndcgAtK, prepareDataset, rmse, trainModel, type TabularDataset } from "@matchgraph/ml-runtime/training";
import { startTestPlatform } from "../src/harness.js";
import { REPO_ROOT } from "../src/env.js";
import { FEATURE_NAMES, feedbackLabelFor, generateWorld, ruleScore, type SyntheticJob, type SyntheticTalent } from "./talent-support.js";
import { feedbackWeight, talentMatchDataset } from "../../subgraphs/talent/src/service/training.js";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const r = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const LEVEL = { junior: "JUNIOR", mid: "MID", senior: "SENIOR", lead: "LEAD", principal: "PRINCIPAL" } as const;
const MODE = { onsite: "ONSITE", hybrid: "HYBRID", remote: "REMOTE" } as const;

function talentInput(t: SyntheticTalent, i: number) {
  return {
    fullName: `Bench talent ${i}`,
    headline: `${t.level ?? "experienced"} ${t.role} engineer`,
    summary: `${t.role} engineer working with ${t.skills.map((s) => s.name).join(", ")}`,
    yearsExperience: t.years ?? 3,
    skillDetails: t.skills.map((s) => ({ name: s.name, proficiency: s.proficiency, years: s.years })),
    experienceLevel: t.level ? LEVEL[t.level] : null,
    latitude: t.latitude,
    longitude: t.longitude,
    remotePreference: t.remote ? MODE[t.remote] : null,
    timezoneOffset: t.timezone,
    salaryMin: t.salaryMin,
    salaryMax: t.salaryMax,
    salaryCurrency: t.currency,
  };
}

function jobInput(j: SyntheticJob) {
  return {
    title: `${j.level ?? ""} ${j.role} engineer (${j.industry})`.trim(),
    company: j.company,
    description: `${j.role} engineering in ${j.industry}: ${j.required.map((s) => s.name).join(", ")}`,
    requiredSkills: j.required,
    niceToHaveSkills: j.nice,
    experienceLevel: j.level ? LEVEL[j.level] : null,
    minYears: j.minYears,
    latitude: j.latitude,
    longitude: j.longitude,
    remotePolicy: j.remote ? MODE[j.remote] : null,
    timezoneMin: j.timezoneMin,
    timezoneMax: j.timezoneMax,
    salaryMin: j.salaryMin,
    salaryMax: j.salaryMax,
    salaryCurrency: j.currency,
  };
}

interface Served {
  score: number;
  modelVersion: number | null;
  source: string;
  processingTimeMs: number;
  explanation: { baseValue: number | null; contributions: Array<{ feature: string; value: number | null; contribution: number }> | null };
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: "string", default: "pglite" }, requests: { type: "string", default: "60" }, warmup: { type: "string", default: "10" } }, strict: true });
  const kind = values.db as DbKind;
  if (kind !== "pglite" && kind !== "postgres") throw new Error("--db is pglite or postgres");
  const requests = Number(values.requests);
  const warmup = Number(values.warmup);
  const log = (m: string) => console.error(m);

  const t = await startTestPlatform(kind);
  const result: Record<string, unknown> = { benchmark: "talent", database: kind, model: t.model, cpus: os.cpus().length, loadAverageAtStart: os.loadavg()[0], requests };
  try {
    // 1. v1 on the synthetic world; held-out figures of the model, the rules and a random scorer.
    const dataset = await talentMatchDataset(t.db, log);
    const trained = await trainModel(dataset, { db: t.db, runtimeUrl: t.platform.mlRuntimeUrl, by: "bench", reason: "bench: synthetic v1", log });
    const prepared = prepareDataset(dataset);
    const rows = dataset.rows as Array<Array<number | null>>;
    const held = prepared.holdout;
    const labels = held.map((i) => prepared.labels[i]!);
    const groups = held.map((i) => prepared.groups![i]!);
    const rules = held.map((i) => ruleScore(rows[i]!).score);
    const random = mulberry32(4242);
    const noise = held.map(() => random() * 100);
    const model = trained.metrics.candidate as { rmse: number; mae: number; ndcg: number };
    const offline = {
      holdout_rows: held.length,
      rmse: { model: model.rmse, rules: rmse(labels, rules), random: rmse(labels, noise) },
      mae: { model: model.mae, rules: mae(labels, rules), random: mae(labels, noise) },
      ndcg_at_10: { model: model.ndcg, rules: ndcgAtK(labels, rules, groups, 10), random: ndcgAtK(labels, noise, groups, 10) },
      train_seconds: trained.trainSeconds,
      version: trained.version.version,
    };
    result.offline = offline;

    // 2. Data through the gateway, then latency.
    const world = generateWorld({ seed: 77, talents: 150, jobs: 150, pairsPerTalent: 1 });
    const gql = async <T>(query: string, variables: Record<string, unknown>, token: string) => {
      const res = await t.gql<T>(query, variables, { token });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const admin = await t.token(["admin"], "bench-admin");
    const loadStart = performance.now();
    const jobIds: string[] = [];
    for (const j of world.jobs) jobIds.push((await gql<{ createJob: { id: string } }>(`mutation ($i: CreateJobInput!) { createJob(input: $i) { id } }`, { i: jobInput(j) }, t.writer)).createJob.id);
    const talentIds: string[] = [];
    for (const [i, tal] of world.talents.entries()) talentIds.push((await gql<{ createTalent: { id: string } }>(`mutation ($i: CreateTalentInput!) { createTalent(input: $i) { id } }`, { i: talentInput(tal, i) }, t.writer)).createTalent.id);
    // The query talent and job: no hard incompatibility with anyone (hybrid, no salary; a remote job).
    const queryTalent = (await gql<{ createTalent: { id: string } }>(
      `mutation ($i: CreateTalentInput!) { createTalent(input: $i) { id } }`,
      { i: { ...talentInput(world.talents[0]!, 999), latitude: null, longitude: null, remotePreference: "HYBRID", salaryMin: null, salaryMax: null, salaryCurrency: null } },
      t.writer,
    )).createTalent.id;
    const queryJob = (await gql<{ createJob: { id: string } }>(
      `mutation ($i: CreateJobInput!) { createJob(input: $i) { id } }`,
      { i: { ...jobInput(world.jobs[0]!), remotePolicy: "REMOTE", salaryMin: null, salaryMax: null, salaryCurrency: null } },
      t.writer,
    )).createJob.id;
    result.load_seconds = (performance.now() - loadStart) / 1000;

    // What a person sees of each match: score, source, version, the three factors and the sub-scores.
    const FIELDS = `score source modelVersion processingTimeMs sharedSkills explanation { baseValue factors { feature impact sentence } } subScores { skills experience location salary text }`;
    const CHECK_FIELDS = `score source modelVersion processingTimeMs explanation { baseValue contributions { feature value contribution } }`;
    const time = async (query: string, id: string) => {
      const wall: number[] = [];
      const inSubgraph: number[] = [];
      let last: Served[] = [];
      let cpuStart = process.cpuUsage();
      for (let i = 0; i < warmup + requests; i++) {
        if (i === warmup) cpuStart = process.cpuUsage();
        const started = performance.now();
        // A minScore of its own per request: the 1 h match cache never answers here.
        const data = await gql<Record<string, Served[]>>(query, { id, min: i * 1e-9 }, admin);
        const ms = performance.now() - started;
        last = Object.values(data)[0]!;
        if (i >= warmup) {
          wall.push(ms);
          inSubgraph.push(last[0]?.processingTimeMs ?? NaN);
        }
      }
      const cpu = process.cpuUsage(cpuStart);
      // The whole platform runs in this process (gateway, subgraphs, ml-runtime and its workers, PGlite):
      // CPU time per request is what a request costs whatever else the machine is doing.
      return { wall, inSubgraph, last, cpuMs: (cpu.user + cpu.system) / 1000 / requests };
    };
    const jobsRun = await time(`query ($id: ID!, $min: Float) { matchJobs(talentId: $id, limit: 100, minScore: $min) { ${FIELDS} job { id } } }`, queryTalent);
    const talentsRun = await time(`query ($id: ID!, $min: Float) { matchTalents(jobId: $id, limit: 100, minScore: $min) { ${FIELDS} talent { id } } }`, queryJob);
    const summary = (run: { wall: number[]; inSubgraph: number[]; last: Served[]; cpuMs: number }) => ({
      p50: r(pct(run.wall, 50)),
      p95: r(pct(run.wall, 95)),
      subgraph_p50: r(pct(run.inSubgraph, 50)),
      cpu_ms_per_request: r(run.cpuMs),
      matches: run.last.length,
      sources: [...new Set(run.last.map((m) => m.source))],
    });
    result.match_100_jobs_ms = summary(jobsRun);
    result.match_100_talents_ms = summary(talentsRun);
    // Where the subgraph's time goes (its debug log line per request), medians in ms.
    const breakdown = (msg: string) => {
      const lines = t.logs.filter((l) => l.msg === msg).slice(-requests) as Array<{ ms: Record<string, number> }>;
      return Object.fromEntries(Object.keys(lines[0]?.ms ?? {}).map((k) => [k, r(pct(lines.map((l) => l.ms[k]!), 50))]));
    };
    result.subgraph_breakdown_ms = { matchJobs: breakdown("matchJobs timings"), matchTalents: breakdown("matchTalents timings") };

    // 3. The served explanations (every feature's contribution, asked for once) against LightGBM's own pred_contrib on the same rows.
    const checkJobs = await gql<{ matchJobs: Served[] }>(`query ($id: ID!) { matchJobs(talentId: $id, limit: 100, minScore: 0.5) { ${CHECK_FIELDS} } }`, { id: queryTalent }, admin);
    const checkTalents = await gql<{ matchTalents: Served[] }>(`query ($id: ID!) { matchTalents(jobId: $id, limit: 100, minScore: 0.5) { ${CHECK_FIELDS} } }`, { id: queryJob }, admin);
    const served = [...checkJobs.matchJobs, ...checkTalents.matchTalents].filter((m) => m.explanation.contributions);
    const version = served[0]!.modelVersion!;
    const stored = (await loadModelVersion(t.db, "talent-match", version))!;
    const f = FEATURE_NAMES.length;
    const x = new Float64Array(served.length * f);
    served.forEach((m, i) => m.explanation.contributions!.forEach((c, j) => (x[i * f + j] = c.value === null ? NaN : c.value)));
    const reference = await lightGbmReference(stored.lightgbmModel!, x, served.length, f);
    let shapDiff = 0;
    let scoreDiff = 0;
    served.forEach((m, i) => {
      m.explanation.contributions!.forEach((c, j) => (shapDiff = Math.max(shapDiff, Math.abs(c.contribution - reference.contributions[i * (f + 1) + j]!))));
      shapDiff = Math.max(shapDiff, Math.abs(m.explanation.baseValue! - reference.contributions[i * (f + 1) + f]!));
      scoreDiff = Math.max(scoreDiff, Math.abs(m.score - Math.min(100, Math.max(0, reference.raw[i]!))));
    });
    result.shap = { rows: served.length, max_abs_diff: shapDiff, score_max_abs_diff: scoreDiff, lightgbm: reference.lightgbm };

    // 4. Feedback following a hidden preference (time-zone overlap), held-out talents' pairs.
    const feedbackWorld = generateWorld({ seed: 99, talents: 300, jobs: 320, pairsPerTalent: 8 });
    const fb = feedbackWorld.pairs.filter((p) => p.features.values[FEATURE_NAMES.indexOf("timezone_overlap_hours")] !== null);
    const synthetic = dataset.rows.length;
    const weight = feedbackWeight(synthetic, fb.length);
    const withFeedback: TabularDataset = {
      ...dataset,
      rows: [...(dataset.rows as Array<Array<number | null>>), ...fb.map((p) => p.features.values)],
      labels: [...Array.from(dataset.labels), ...fb.map((p) => feedbackLabelFor(p.features.values))],
      groups: [...Array.from(dataset.groups!), ...fb.map((p) => `feedback-${p.talent}`)],
      weights: [...Array.from(dataset.weights!), ...fb.map(() => weight)],
      trainOnly: [...dataset.rows.map(() => true), ...fb.map(() => false)],
      source: `bench: synthetic (train-only) + ${fb.length} simulated feedback pairs favouring time-zone overlap`,
    };
    const second = await trainModel(withFeedback, { db: t.db, runtimeUrl: t.platform.mlRuntimeUrl, by: "bench", reason: "bench: feedback", log });
    result.feedback = { pairs: fb.length, weight, gate: second.gate, activated: second.activated };
    const gain = second.gate.candidate - (second.gate.active ?? 0);

    const headline = {
      match_100_jobs_ms: { p50: (result.match_100_jobs_ms as { p50: number }).p50, p95: (result.match_100_jobs_ms as { p95: number }).p95 },
      match_100_talents_ms: { p50: (result.match_100_talents_ms as { p50: number }).p50, p95: (result.match_100_talents_ms as { p95: number }).p95 },
      shap_max_abs_diff: shapDiff,
      rmse: { model: r(offline.rmse.model, 3), rules: r(offline.rmse.rules, 3) },
      ndcg_at_10: { model: r(offline.ndcg_at_10.model, 4), rules: r(offline.ndcg_at_10.rules, 4) },
      feedback_gain_ndcg: r(gain, 4),
    };
    const outDir = path.join(REPO_ROOT, "bench", "results");
    await mkdir(outDir, { recursive: true });
    const out = path.join(outDir, `talent-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await writeFile(out, `${JSON.stringify({ ...result, headline, at: new Date().toISOString() }, null, 2)}\n`);

    console.log(`talent matching bench (${kind}, ${t.model}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)})`);
    console.log(`| figure | model | rules | random |`);
    console.log(`| --- | --- | --- | --- |`);
    console.log(`| held-out RMSE (${held.length} pairs) | ${r(offline.rmse.model, 3)} | ${r(offline.rmse.rules, 3)} | ${r(offline.rmse.random, 3)} |`);
    console.log(`| held-out MAE | ${r(offline.mae.model, 3)} | ${r(offline.mae.rules, 3)} | ${r(offline.mae.random, 3)} |`);
    console.log(`| NDCG@10 per held-out talent | ${r(offline.ndcg_at_10.model, 4)} | ${r(offline.ndcg_at_10.rules, 4)} | ${r(offline.ndcg_at_10.random, 4)} |`);
    console.log(`| query | p50 ms | p95 ms | in subgraph p50 ms | CPU ms per request (all services) | matches |`);
    console.log(`| --- | --- | --- | --- | --- | --- |`);
    for (const [name, s] of [["matchJobs(limit: 100)", result.match_100_jobs_ms], ["matchTalents(limit: 100)", result.match_100_talents_ms]] as const) {
      const v = s as { p50: number; p95: number; subgraph_p50: number; cpu_ms_per_request: number; matches: number };
      console.log(`| ${name} | ${v.p50} | ${v.p95} | ${v.subgraph_p50} | ${v.cpu_ms_per_request} | ${v.matches} |`);
    }
    console.log(`subgraph medians (ms): ${JSON.stringify(result.subgraph_breakdown_ms)}`);
    console.log(`SHAP vs LightGBM pred_contrib on ${served.length} served rows: max |diff| ${shapDiff.toExponential(2)} (scores ${scoreDiff.toExponential(2)})`);
    console.log(`feedback (${fb.length} pairs, weight ${r(weight)}): held-out NDCG@10 v${second.gate.activeVersion} ${r(second.gate.active ?? NaN, 4)} → v${second.version.version} ${r(second.gate.candidate, 4)} (${second.activated ? "activated" : "not activated"})`);
    console.log(`results: ${out}`);
    console.log(JSON.stringify(headline));
    return 0;
  } finally {
    await t.close();
  }
}
