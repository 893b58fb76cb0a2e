import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { createTestDatabase, type TestDatabase } from "@matchgraph/db";
import { createEmbeddingClient } from "@matchgraph/ml-runtime/client";
import { createInProcessPubSub, createLogger } from "@matchgraph/subgraph-kit";
import { matchingMonitoring, psi } from "../src/service/monitoring.js";
import { registerMatchingMetrics } from "../src/service/monitoring-metrics.js";

describe("population stability index", () => {
  it("is 0 for equal distributions and grows with the shift", () => {
    expect(psi([10, 20, 30], [1, 2, 3])).toBeCloseTo(0, 12);
    const small = psi([30, 30, 40], [33, 33, 34]);
    const large = psi([80, 10, 10], [10, 10, 80]);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(0.1);
    expect(large).toBeGreaterThan(0.25);
    expect(psi([], [])).toBe(0);
  });
});

describe("matching monitoring on the database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    // 40 old APN records (US, amounts around 1,000) and 20 recent ones (DE, amounts around 1M):
    // amounts and countries drift. Two recent records are duplicates; one has a country no ISO code
    // was found for; none has vectors.
    await db.prisma.$executeRaw`
      INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, country, country_code, amount, close_date, created_at, row_hash)
      SELECT 'apn', 'old-' || i, 'Old ' || i, 'Deal', 'old ' || i, 'US', 'US', 1000 + i, DATE '2025-01-01', now() - interval '30 days', 'h'
      FROM generate_series(1, 40) AS i`;
    await db.prisma.$executeRaw`
      INSERT INTO opportunities.opportunity (source, external_id, company_name, title, name_norm, country, country_code, amount, close_date, row_hash)
      SELECT 'apn', 'new-' || i, 'New ' || CASE WHEN i <= 2 THEN 'dup' ELSE i::text END, 'Deal', 'new ' || CASE WHEN i <= 2 THEN 'dup' ELSE i::text END, CASE WHEN i = 20 THEN 'Atlantis' ELSE 'Germany' END,
             CASE WHEN i = 20 THEN NULL ELSE 'DE' END, CASE WHEN i <= 2 THEN 5 ELSE 1000000 + i END, DATE '2025-01-01', 'h'
      FROM generate_series(1, 20) AS i`;
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("reports freshness, drift, completeness, invalid values and duplicates, and raises alerts", async () => {
    const m = await matchingMonitoring(db, "all-minilm-l6-v2");
    expect(m.records).toBe(60);
    expect(m.freshness).toMatchObject({ missingVectors: 60, otherModel: 0, unprepared: 0, staleShare: 1 });
    const drift = Object.fromEntries(m.drift.map((d) => [d.feature, d]));
    expect(drift.country!.psi).toBeGreaterThan(0.25);
    expect(drift.amount!.psi).toBeGreaterThan(0.25);
    expect(drift.country).toMatchObject({ recent: 20, baseline: 40 });
    expect(m.completeness.find((c) => c.field === "country")!.completeness).toBe(1);
    expect(m.completeness.find((c) => c.field === "website")!.completeness).toBe(0);
    expect(m.invalid.find((i) => i.kind === "country")).toEqual({ source: "apn", kind: "country", count: 1 });
    // "new dup" twice with the same title, date and amount: one duplicate.
    expect(m.duplicates).toEqual([{ source: "apn", count: 1 }]);
    const kinds = m.alerts.map((a) => `${a.kind}:${a.severity}`);
    expect(kinds).toContain("freshness:critical");
    expect(kinds.filter((k) => k === "drift:critical").length).toBeGreaterThanOrEqual(2);
    expect(m.alerts.some((a) => a.kind === "quality" && /invalid country/.test(a.message))).toBe(true);
  });

  it("exposes the same figures as Prometheus gauges", async () => {
    const registry = new Registry();
    registerMatchingMetrics(registry, {
      db,
      ml: createEmbeddingClient({ baseUrl: "http://127.0.0.1:9", defaultModel: "all-minilm-l6-v2" }),
      pubSub: createInProcessPubSub(),
      log: createLogger("monitoring-test", "silent"),
      identitySecret: "monitoring-test-identity-secret-00000000000",
    });
    const text = await registry.metrics();
    expect(text).toMatch(/^matching_records 60$/m);
    expect(text).toMatch(/^matching_stale_vectors\{reason="missing"\} 60$/m);
    expect(text).toMatch(/^matching_drift_psi\{feature="country"\} 0\.[3-9]|^matching_drift_psi\{feature="country"\} [1-9]/m);
    expect(text).toMatch(/^matching_duplicates\{source="apn"\} 1$/m);
    expect(text).toMatch(/^matching_alerts\{kind="freshness",severity="critical"\} 1$/m);
  });
});
