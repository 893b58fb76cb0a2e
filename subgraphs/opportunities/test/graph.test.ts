import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, type GraphQLSchema } from "graphql";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createContext, createInProcessPubSub, createLogger, formatError } from "@matchgraph/subgraph-kit";
import { createSubgraph } from "../src/index.js";
import { CONFIG_BOUNDS, DEFAULT_MATCHING_CONFIG, SIGNALS } from "../src/matching/config.js";
import { COMPARISONS } from "../src/matching/fellegi-sunter.js";

/**
 * The opportunities subgraph's own schema, executed in process on a PGlite database: what the
 * gateway sends when a client leaves optional arguments out, and how config mutations treat
 * numbers. Nothing here embeds text (the ml-runtime address is never called).
 */

interface Answer<T> {
  data: T | null | undefined;
  errors: Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
}

let db: TestDatabase;
let schema: GraphQLSchema;
const pubSub = createInProcessPubSub();
const services = () => ({ db, pubSub, log: createLogger("opportunities-graph-test", "silent"), ml: createEmbeddingClient({ baseUrl: "http://127.0.0.1:9" }) });

async function run<T = Record<string, unknown>>(source: string, variableValues?: Record<string, unknown>, roles = ["writer"]): Promise<Answer<T>> {
  const { ctx } = createContext(services(), "graph-test", { userId: "tester", roles });
  const result = await graphql({ schema, source, variableValues, contextValue: ctx });
  return { data: result.data as T | null | undefined, errors: result.errors?.map((e) => formatError(e.toJSON(), e) as Answer<T>["errors"] extends Array<infer E> | undefined ? E : never) };
}

const count = async (table: "matching_config" | "match") => Number((await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM opportunities.${table}`))[0]!.n);

/** Signals as the scorer stores them: every signal's value, weight and contribution. */
function signals(values: Partial<Record<string, number>>) {
  return [{ signal: "bias", value: 1, weight: -3, contribution: -3 }, ...SIGNALS.map((s) => ({ signal: s, value: values[s] ?? null, weight: 1, contribution: values[s] ?? 0 }))];
}

const matchIds: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("pglite");
  schema = (await createSubgraph(pubSub)).schema;
  // Three APN and three Odoo records, and three stored pairs (the review queue holds two).
  await db.prisma.$executeRaw`
    INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, amount)
    SELECT s, s || '-' || i, 'Company ' || i, 'Deal ' || i, 'company ' || i, 1000 * i
    FROM unnest(ARRAY['apn', 'odoo']) AS s, generate_series(1, 3) AS i`;
  const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
    INSERT INTO opportunities.match (apn_id, odoo_id, score, confidence, status, signals, priority, assigned, config_version)
    SELECT a.id, o.id, 0.5 + a.i * 0.1, 'medium', CASE WHEN a.i = 3 THEN 'candidate' ELSE 'proposed' END, ${JSON.stringify(signals({ domain: 1 }))}::jsonb, a.i, false, 1
    FROM (SELECT id, substr(external_id, 5)::int AS i FROM opportunities.opportunity WHERE source = 'apn') a
    JOIN (SELECT id, substr(external_id, 6)::int AS i FROM opportunities.opportunity WHERE source = 'odoo') o ON o.i = a.i
    RETURNING id::text AS id`;
  matchIds.push(...rows.map((r) => r.id).sort());
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe("optional arguments left out", () => {
  it("matches pages through every pair with neither statuses nor after", async () => {
    const first = await run<{ matches: { nodes: Array<{ id: string }>; endCursor: string | null } }>(`{ matches(first: 1) { nodes { id } endCursor } }`);
    expect(first.errors).toBeUndefined();
    expect(first.data!.matches).toEqual({ nodes: [{ id: matchIds[0] }], endCursor: matchIds[0] });
    const all = await run<{ matches: { nodes: Array<{ id: string }> } }>(`{ matches { nodes { id } } }`);
    expect(all.errors).toBeUndefined();
    expect(all.data!.matches.nodes.map((n) => n.id)).toEqual(matchIds);
    const next = await run<{ matches: { nodes: Array<{ id: string }> } }>(`query ($after: String) { matches(first: 5, after: $after) { nodes { id } } }`, { after: matchIds[0] });
    expect(next.data!.matches.nodes.map((n) => n.id)).toEqual(matchIds.slice(1));
    // Explicit null still means "no filter, from the start".
    const nulls = await run<{ matches: { nodes: Array<{ id: string }> } }>(`{ matches(statuses: null, after: null) { nodes { id } } }`);
    expect(nulls.data!.matches.nodes).toHaveLength(3);
  });

  it("matchingQualityReport works without a dataset name", async () => {
    const gold = "apn_external_id,odoo_external_id\napn-1,odoo-1\napn-2,odoo-2\n";
    const res = await run<{ matchingQualityReport: { goldPairs: number; scoredPairs: number; html: string } }>(
      `query ($gold: String!) { matchingQualityReport(gold: $gold) { goldPairs scoredPairs html } }`,
      { gold },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.matchingQualityReport).toMatchObject({ goldPairs: 2, scoredPairs: 3 });
    expect(res.data!.matchingQualityReport.html).toContain("<svg");
  });

  it("the review queue, the opportunity list and a decision without a reason", async () => {
    const queue = await run<{ matchReviewQueue: { nodes: Array<{ id: string }>; endCursor: string | null } }>(`{ matchReviewQueue { nodes { id } endCursor } }`);
    expect(queue.errors).toBeUndefined();
    const proposed = await db.prisma.opportunityMatch.findMany({ where: { status: "proposed" }, orderBy: [{ priority: "desc" }, { id: "asc" }], select: { id: true } });
    expect(proposed).toHaveLength(2);
    expect(queue.data!.matchReviewQueue).toEqual({ nodes: proposed, endCursor: null });
    const list = await run<{ opportunities: { nodes: Array<{ externalId: string }> } }>(`{ opportunities(first: 10) { nodes { externalId } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data!.opportunities.nodes).toHaveLength(6);
    const decided = await run<{ confirmMatch: { status: string; reason: string | null } }>(`mutation ($id: ID!) { confirmMatch(id: $id) { status reason } }`, { id: proposed[0]!.id });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.confirmMatch).toEqual({ status: "CONFIRMED", reason: null });
  });
});

describe("matching config bounds", () => {
  const CONFIG = `version weights { signal weight } autoConfirmThreshold reviewThreshold candidatesPerRecord apnAmountFactor dateWindowDays excludeStages`;
  interface ConfigInfo {
    version: number;
    weights: Array<{ signal: string; weight: number }>;
    autoConfirmThreshold: number;
    reviewThreshold: number;
    candidatesPerRecord: number;
    apnAmountFactor: number;
    dateWindowDays: number | null;
    excludeStages: string[];
  }
  const update = (input: Record<string, unknown>) => run<{ updateMatchingConfig: ConfigInfo }>(`mutation ($input: MatchingConfigInput!) { updateMatchingConfig(input: $input) { ${CONFIG} } }`, { input });
  const pairs = () => db.prisma.opportunityMatch.findMany({ orderBy: { id: "asc" }, select: { id: true, score: true, status: true, configVersion: true } });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a huge weight", { weights: [{ signal: "domain", weight: 1e308 }] }, "input.weights", /^weights: domain must be a finite number from -20 to 20; got 1e\+308$/],
    ["a huge negative bias", { weights: [{ signal: "bias", weight: -21 }] }, "input.weights", /^weights: bias must be a finite number from -20 to 20; got -21$/],
    ["an unknown signal", { weights: [{ signal: "colour", weight: 1 }] }, "input.weights", /unknown signal "colour"/],
    ["a signal twice", { weights: [{ signal: "domain", weight: 1 }, { signal: "domain", weight: 2 }] }, "input.weights", /signal "domain" is given more than once/],
    ["a negative date window", { dateWindowDays: -5 }, "input.dateWindowDays", /^dateWindowDays must be an integer from 0 to 3650; got -5$/],
    ["a date window of 30 years", { dateWindowDays: 10_950 }, "input.dateWindowDays", /from 0 to 3650; got 10950$/],
    ["an auto-confirm threshold above 1", { autoConfirmThreshold: 1.5 }, "input.autoConfirmThreshold", /^autoConfirmThreshold must be a finite number from 0 to 1; got 1.5$/],
    ["a negative review threshold", { reviewThreshold: -0.1 }, "input.reviewThreshold", /^reviewThreshold must be a finite number from 0 to 1; got -0.1$/],
    ["a review threshold above auto-confirm", { reviewThreshold: 0.95 }, "input.reviewThreshold", /^reviewThreshold \(0.95\) must not exceed autoConfirmThreshold \(0.9\)$/],
    ["an auto-confirm threshold below review", { autoConfirmThreshold: 0.3 }, "input.autoConfirmThreshold", /^reviewThreshold \(0.5\) must not exceed autoConfirmThreshold \(0.3\)$/],
    ["no candidates", { candidatesPerRecord: 0 }, "input.candidatesPerRecord", /^candidatesPerRecord must be an integer from 1 to 100; got 0$/],
    ["an amount factor of zero", { apnAmountFactor: 0 }, "input.apnAmountFactor", /^apnAmountFactor must be a finite number from 0.01 to 1000; got 0$/],
    ["an amount factor of 1e300", { apnAmountFactor: 1e300 }, "input.apnAmountFactor", /from 0.01 to 1000; got 1e\+300$/],
    ["too many stages", { excludeStages: Array.from({ length: 51 }, (_, i) => `S${i}`) }, "input.excludeStages", /^excludeStages must list at most 50 stages$/],
  ])("refuses %s with BAD_USER_INPUT naming the field and range, and stores nothing", async (_what, input, field, message) => {
    await run(`{ matchingConfig { version } }`);
    const [configs, before] = [await count("matching_config"), await pairs()];
    const res = await update(input);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(res.errors![0]!.message).toMatch(message);
    expect(await count("matching_config")).toBe(configs);
    expect(await pairs()).toEqual(before);
  });

  it("takes values at the bounds, keeps omitted fields, and turns the date window off with null", async () => {
    const edge = await update({ weights: [{ signal: "domain", weight: CONFIG_BOUNDS.weight.max }, { signal: "bias", weight: CONFIG_BOUNDS.weight.min }], dateWindowDays: 0, candidatesPerRecord: 100 });
    expect(edge.errors).toBeUndefined();
    const config = edge.data!.updateMatchingConfig;
    expect(config.weights.find((w) => w.signal === "domain")!.weight).toBe(20);
    expect(config.weights.find((w) => w.signal === "bias")!.weight).toBe(-20);
    expect(config).toMatchObject({ dateWindowDays: 0, candidatesPerRecord: 100, autoConfirmThreshold: 0.9, reviewThreshold: 0.5, apnAmountFactor: 12 });
    // Every pair was re-scored with the new version.
    expect(new Set((await pairs()).map((p) => p.configVersion))).toEqual(new Set([config.version]));

    const kept = await update({ reviewThreshold: 0.6 });
    expect(kept.data!.updateMatchingConfig).toMatchObject({ dateWindowDays: 0, reviewThreshold: 0.6, version: config.version + 1 });
    const off = await update({ dateWindowDays: null });
    expect(off.data!.updateMatchingConfig).toMatchObject({ dateWindowDays: null, reviewThreshold: 0.6 });
  });

  it("documents every range in the schema", async () => {
    const res = await run<{ __type: { inputFields: Array<{ name: string; description: string }> } }>(`{ __type(name: "MatchingConfigInput") { inputFields { name description } } }`);
    const described = Object.fromEntries(res.data!.__type.inputFields.map((f) => [f.name, f.description]));
    expect(described.weights).toContain("from -20 to 20");
    expect(described.autoConfirmThreshold).toContain("0 to 1");
    expect(described.reviewThreshold).toContain("0 to 1");
    expect(described.candidatesPerRecord).toContain("1 to 100");
    expect(described.apnAmountFactor).toContain("0.01 to 1000");
    expect(described.dateWindowDays).toContain("0 to 3650");
  });

  it("the match model: every comparison's levels with m, u and weight, the prior until a full run estimates it", async () => {
    const res = await run<{ matchModel: { estimated: boolean; matchShare: number; comparisons: Array<{ name: string; levels: Array<{ label: string; m: number; u: number; weight: number }> }> } }>(
      `{ matchModel { estimated matchShare comparisons { name levels { label m u weight } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const model = res.data!.matchModel;
    expect(model.estimated).toBe(false);
    expect(model.comparisons.map((c) => c.name)).toEqual(COMPARISONS.map((c) => c.name));
    for (const c of model.comparisons) {
      expect(c.levels.reduce((s, l) => s + l.m, 0)).toBeCloseTo(1, 6);
      expect(c.levels.reduce((s, l) => s + l.u, 0)).toBeCloseTo(1, 6);
      for (const l of c.levels) expect(l.weight).toBeCloseTo(Math.log(l.m / l.u), 9);
    }
    expect(model.comparisons[0]!.levels[0]).toMatchObject({ label: "exact, one deal" });
    expect(model.comparisons[0]!.levels[0]!.weight).toBeGreaterThan(0);
  });

  it("schedules through the graph: stored with their next slot, an invalid cron refused, runs listed", async () => {
    const set = await run<{ updateMatchingConfig: { schedules: Array<{ name: string; cron: string; mode: string; timezone: string | null; nextRun: string }> } }>(
      `mutation { updateMatchingConfig(input: { schedules: [{ name: "nightly", cron: "0 2 * * *", mode: "full", timezone: "UTC" }] }) { schedules { name cron mode timezone nextRun } } }`,
    );
    expect(set.errors).toBeUndefined();
    const [nightly] = set.data!.updateMatchingConfig.schedules;
    expect(nightly).toMatchObject({ name: "nightly", cron: "0 2 * * *", mode: "full", timezone: "UTC" });
    expect(new Date(nightly!.nextRun).toISOString()).toMatch(/T02:00:00\.000Z$/);
    const bad = await run(`mutation { updateMatchingConfig(input: { schedules: [{ name: "x", cron: "every day", mode: "full" }] }) { version } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const runs = await run<{ matchingRuns: unknown[] }>(`{ matchingRuns(first: 5) { schedule slot mode skipped job { id } } }`);
    expect(runs.errors).toBeUndefined();
    expect(runs.data!.matchingRuns).toEqual([]);
    const off = await run<{ updateMatchingConfig: { schedules: unknown[] } }>(`mutation { updateMatchingConfig(input: { schedules: [] }) { schedules { name } } }`);
    expect(off.data!.updateMatchingConfig.schedules).toEqual([]);
  });

  it("em calibration without 20 labelled pairs is a CONFLICT and stores nothing", async () => {
    const configs = await count("matching_config");
    const res = await run(`mutation { calibrateMatching { decisions config { version } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(res.errors![0]!.message).toMatch(/needs at least 20 review decisions/);
    expect(await count("matching_config")).toBe(configs);
  });

  it("calibration whose learned weights leave the bounds is a CONFLICT and stores nothing", async () => {
    // The prior at the upper bound; reviewers agree with the domain signal, so calibration pushes it past 20.
    const base = await update({ scoring: "weights", weights: [{ signal: "domain", weight: 20 }, { signal: "bias", weight: 0 }] });
    expect(base.errors).toBeUndefined();
    await db.prisma.$executeRaw`
      INSERT INTO opportunities.match_decision (match_id, apn_id, odoo_id, from_status, to_status, score, signals, actor)
      SELECT gen_random_uuid(), m.apn_id, m.odoo_id, 'proposed', CASE WHEN i % 2 = 0 THEN 'confirmed' ELSE 'rejected' END, 0.5,
             jsonb_build_array(jsonb_build_object('signal', 'domain', 'value', CASE WHEN i % 2 = 0 THEN 0.1 ELSE -0.1 END, 'weight', 20, 'contribution', 0)), 'reviewer'
      FROM generate_series(1, 40) AS i, (SELECT apn_id, odoo_id FROM opportunities.match LIMIT 1) m`;
    const [configs, before] = [await count("matching_config"), await pairs()];
    const res = await run(`mutation { calibrateMatching { decisions config { version } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(res.errors![0]!.message).toMatch(/weights: domain must be a finite number from -20 to 20; got 20\.\d+/);
    expect(await count("matching_config")).toBe(configs);
    expect(await pairs()).toEqual(before);
  });

  it("the defaults lie inside the bounds", () => {
    for (const w of Object.values(DEFAULT_MATCHING_CONFIG.weights)) expect(Math.abs(w)).toBeLessThanOrEqual(CONFIG_BOUNDS.weight.max);
  });
});
