import { embeddingModel, Gauge, type SubgraphDefinition, type SubgraphServices } from "@matchgraph/subgraph-kit";

type Registry = Parameters<NonNullable<SubgraphDefinition["registerMetrics"]>>[0];
import { matchingMonitoring, type MatchingMonitoring } from "./monitoring.js";

/** Figures older than this are computed again on the next scrape. */
const CACHE_MS = 30_000;

/**
 * The monitoring figures as Prometheus gauges on the subgraph's /metrics, computed at scrape time
 * (at most once per {@link CACHE_MS}): matching_records, matching_stale_vectors{reason},
 * matching_drift_psi{feature}, matching_field_completeness{source,field},
 * matching_invalid_values{source,kind}, matching_duplicates{source}, matching_alerts{kind,severity}.
 */
export function registerMatchingMetrics(registry: Registry, services: SubgraphServices): void {
  let cached: { at: number; value: Promise<MatchingMonitoring> } | null = null;
  const figures = () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const value = embeddingModel(services).then((model) => matchingMonitoring(services.db, model));
      value.catch(() => (cached = null));
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, m: MatchingMonitoring) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        try {
          const m = await figures();
          this.reset();
          fill(this, m);
        } catch (err) {
          services.log.warn({ err }, "matching monitoring figures failed");
        }
      },
    });
  gauge("matching_records", "Opportunity records", [], (g, m) => g.set(m.records));
  gauge("matching_stale_vectors", "Records whose vectors are missing, from another model, never prepared, or changed since matched", ["reason"] as const, (g, m) => {
    g.set({ reason: "missing" }, m.freshness.missingVectors);
    g.set({ reason: "other_model" }, m.freshness.otherModel);
    g.set({ reason: "unprepared" }, m.freshness.unprepared);
    g.set({ reason: "changed_since_matched" }, m.freshness.changedSinceMatched);
  });
  gauge("matching_drift_psi", "Population stability index of recent records against the baseline", ["feature"] as const, (g, m) => {
    for (const d of m.drift) g.set({ feature: d.feature }, d.psi);
  });
  gauge("matching_field_completeness", "Share of records with the field filled", ["source", "field"] as const, (g, m) => {
    for (const c of m.completeness) g.set({ source: c.source, field: c.field }, c.completeness);
  });
  gauge("matching_invalid_values", "Records with an invalid value", ["source", "kind"] as const, (g, m) => {
    for (const i of m.invalid) g.set({ source: i.source, kind: i.kind }, i.count);
  });
  gauge("matching_duplicates", "Duplicate records within one source", ["source"] as const, (g, m) => {
    for (const d of m.duplicates) g.set({ source: d.source }, d.count);
  });
  gauge("matching_alerts", "Open monitoring alerts", ["kind", "severity"] as const, (g, m) => {
    for (const a of m.alerts) g.inc({ kind: a.kind, severity: a.severity });
  });
}
