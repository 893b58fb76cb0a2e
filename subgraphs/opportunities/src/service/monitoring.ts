import type { Database } from "@matchgraph/db";

/**
 * Monitoring of the matching data (seed 6.2–6.3), computed from the database on demand:
 * - freshness: records without vectors, with vectors of another model than the one in force, never
 *   prepared (no matching keys), or changed since they were last matched;
 * - drift: population stability index (PSI) of recent records against a baseline — pair scores,
 *   amounts, countries and stages; recent = records created in the last `recentDays` days, baseline
 *   = the older ones (when everything is recent, the newest fifth against the rest);
 * - data quality: completeness per field and source, invalid values (a country no ISO code was
 *   found for, a website or e-mail without a usable domain, close dates before 2000 or more than
 *   ten years ahead, negative amounts), duplicates within one source (same name, title, date, amount);
 * - alerts raised from them (stale vectors, PSI ≥ 0.25, completeness under 50 % of a key field,
 *   more than 1 % duplicates or invalid values).
 */

export interface FieldQuality {
  source: string;
  field: string;
  completeness: number;
}

export interface DriftFigure {
  feature: string;
  psi: number;
  recent: number;
  baseline: number;
}

export interface MonitoringAlert {
  kind: "freshness" | "drift" | "quality";
  severity: "warning" | "critical";
  message: string;
}

export interface MatchingMonitoring {
  at: Date;
  model: string;
  records: number;
  freshness: { missingVectors: number; otherModel: number; unprepared: number; changedSinceMatched: number; staleShare: number };
  drift: DriftFigure[];
  completeness: FieldQuality[];
  invalid: Array<{ source: string; kind: string; count: number }>;
  duplicates: Array<{ source: string; count: number }>;
  alerts: MonitoringAlert[];
}

export const PSI_ALERT = 0.25;
export const PSI_WARN = 0.1;
const FIELDS = ["company_name", "website", "email", "domain", "title", "description", "stage", "country", "close_date", "amount"] as const;
const KEY_FIELDS = new Set(["company_name", "country", "close_date"]);

/** Population stability index of two histograms over the same bins (ε-smoothed). */
export function psi(recent: readonly number[], baseline: readonly number[]): number {
  const r = recent.reduce((a, b) => a + b, 0);
  const b = baseline.reduce((a, x) => a + x, 0);
  if (r === 0 || b === 0) return 0;
  let sum = 0;
  for (let i = 0; i < recent.length; i++) {
    const p = Math.max(1e-4, recent[i]! / r);
    const q = Math.max(1e-4, (baseline[i] ?? 0) / b);
    sum += (p - q) * Math.log(p / q);
  }
  return sum;
}

export async function matchingMonitoring(db: Pick<Database, "prisma">, model: string, recentDays = 7): Promise<MatchingMonitoring> {
  const [fresh] = await db.prisma.$queryRaw<Array<Record<string, number>>>`
    SELECT count(*)::int AS records,
      count(*) FILTER (WHERE embedding IS NULL OR identity_embedding IS NULL)::int AS "missingVectors",
      count(*) FILTER (WHERE embedding_model IS NOT NULL AND embedding_model <> ${model})::int AS "otherModel",
      count(*) FILTER (WHERE row_hash IS NULL)::int AS unprepared,
      count(*) FILTER (WHERE matched_at IS NOT NULL AND matched_at < updated_at)::int AS "changedSinceMatched"
    FROM opportunities.opportunity`;
  const records = fresh!.records!;
  const stale = fresh!.missingVectors! + fresh!.otherModel!;
  const freshness = {
    missingVectors: fresh!.missingVectors!,
    otherModel: fresh!.otherModel!,
    unprepared: fresh!.unprepared!,
    changedSinceMatched: fresh!.changedSinceMatched!,
    staleShare: records === 0 ? 0 : stale / records,
  };

  const completeness = await db.prisma.$queryRaw<Array<{ source: string; field: string; completeness: number }>>`
    SELECT o.source, f.field,
      avg(CASE f.field
        WHEN 'company_name' THEN (nullif(o.company_name, '') IS NOT NULL)::int
        WHEN 'website' THEN (nullif(o.website, '') IS NOT NULL)::int
        WHEN 'email' THEN (nullif(o.email, '') IS NOT NULL)::int
        WHEN 'domain' THEN (o.domain IS NOT NULL)::int
        WHEN 'title' THEN (nullif(o.title, '') IS NOT NULL)::int
        WHEN 'description' THEN (nullif(o.description, '') IS NOT NULL)::int
        WHEN 'stage' THEN (nullif(o.stage, '') IS NOT NULL)::int
        WHEN 'country' THEN (nullif(o.country, '') IS NOT NULL)::int
        WHEN 'close_date' THEN (o.close_date IS NOT NULL)::int
        ELSE (o.amount IS NOT NULL)::int END)::float8 AS completeness
    FROM opportunities.opportunity o CROSS JOIN unnest(${[...FIELDS]}::text[]) AS f(field)
    GROUP BY o.source, f.field ORDER BY o.source, f.field`;

  const invalidRows = await db.prisma.$queryRaw<Array<{ source: string; country: number; domain: number; date: number; amount: number }>>`
    SELECT source,
      count(*) FILTER (WHERE nullif(country, '') IS NOT NULL AND country_code IS NULL)::int AS country,
      count(*) FILTER (WHERE (nullif(website, '') IS NOT NULL OR nullif(email, '') IS NOT NULL) AND domain IS NULL)::int AS domain,
      count(*) FILTER (WHERE close_date < DATE '2000-01-01' OR close_date > current_date + 3650)::int AS date,
      count(*) FILTER (WHERE amount < 0)::int AS amount
    FROM opportunities.opportunity GROUP BY source ORDER BY source`;
  const invalid = invalidRows.flatMap((r) =>
    (["country", "domain", "date", "amount"] as const).map((kind) => ({ source: r.source, kind: kind === "domain" ? "domain (free-mail or unusable)" : kind, count: r[kind] })),
  );

  const duplicates = await db.prisma.$queryRaw<Array<{ source: string; count: number }>>`
    SELECT source, coalesce(sum(n - 1), 0)::int AS count FROM (
      SELECT source, count(*) AS n FROM opportunities.opportunity
      WHERE name_norm <> ''
      GROUP BY source, name_norm, lower(title), close_date, amount HAVING count(*) > 1
    ) d GROUP BY source ORDER BY source`;

  const drift = await driftFigures(db, recentDays);

  const alerts: MonitoringAlert[] = [];
  if (stale > 0) alerts.push({ kind: "freshness", severity: freshness.staleShare > 0.05 ? "critical" : "warning", message: `${stale} of ${records} records lack vectors of ${model} (re-embed them: reembedOpportunities)` });
  if (freshness.changedSinceMatched > 0) alerts.push({ kind: "freshness", severity: "warning", message: `${freshness.changedSinceMatched} records changed since they were last matched` });
  for (const d of drift) {
    if (d.psi >= PSI_ALERT) alerts.push({ kind: "drift", severity: "critical", message: `${d.feature}: PSI ${d.psi.toFixed(3)} of recent records against the baseline (≥ ${PSI_ALERT})` });
    else if (d.psi >= PSI_WARN) alerts.push({ kind: "drift", severity: "warning", message: `${d.feature}: PSI ${d.psi.toFixed(3)} (≥ ${PSI_WARN})` });
  }
  for (const c of completeness) {
    if (KEY_FIELDS.has(c.field) && c.completeness < 0.5) alerts.push({ kind: "quality", severity: "warning", message: `${c.source} ${c.field}: only ${(100 * c.completeness).toFixed(1)} % filled` });
  }
  const perSource = new Map<string, number>();
  for (const c of await db.prisma.$queryRaw<Array<{ source: string; n: number }>>`SELECT source, count(*)::int AS n FROM opportunities.opportunity GROUP BY source`) perSource.set(c.source, c.n);
  for (const d of duplicates) {
    const n = perSource.get(d.source) ?? 0;
    if (n > 0 && d.count / n > 0.01) alerts.push({ kind: "quality", severity: "warning", message: `${d.source}: ${d.count} duplicate records (same name, title, close date and amount)` });
  }
  for (const i of invalid) {
    const n = perSource.get(i.source) ?? 0;
    if (n > 0 && i.count / n > 0.01) alerts.push({ kind: "quality", severity: "warning", message: `${i.source}: ${i.count} records with an invalid ${i.kind}` });
  }
  return { at: new Date(), model, records, freshness, drift, completeness, invalid, duplicates, alerts };
}

/** PSI per feature, recent records against the baseline. */
async function driftFigures(db: Pick<Database, "prisma">, recentDays: number): Promise<DriftFigure[]> {
  const [split] = await db.prisma.$queryRaw<Array<{ cut: Date | null; recent: number; total: number }>>`
    SELECT CASE WHEN count(*) FILTER (WHERE created_at < now() - make_interval(days => ${recentDays})) > 0
                THEN now() - make_interval(days => ${recentDays})
                ELSE percentile_disc(0.8) WITHIN GROUP (ORDER BY created_at) END AS cut,
           0 AS recent, count(*)::int AS total
    FROM opportunities.opportunity`;
  if (!split?.cut || split.total < 20) return [];
  const cut = split.cut;
  type Bin = { recent: boolean; bin: string; n: number };
  const collect = (rows: Bin[], feature: string): DriftFigure => {
    const bins = [...new Set(rows.map((r) => r.bin))].sort();
    const recent = bins.map((b) => rows.find((r) => r.recent && r.bin === b)?.n ?? 0);
    const baseline = bins.map((b) => rows.find((r) => !r.recent && r.bin === b)?.n ?? 0);
    return { feature, psi: Math.round(psi(recent, baseline) * 1e4) / 1e4, recent: recent.reduce((a, x) => a + x, 0), baseline: baseline.reduce((a, x) => a + x, 0) };
  };
  const score = await db.prisma.$queryRaw<Bin[]>`
    SELECT (greatest(a.created_at, o.created_at) >= ${cut}) AS recent, least(9, floor(m.score * 10))::int::text AS bin, count(*)::int AS n
    FROM opportunities.match m JOIN opportunities.opportunity a ON a.id = m.apn_id JOIN opportunities.opportunity o ON o.id = m.odoo_id
    WHERE m.assigned GROUP BY 1, 2`;
  const amount = await db.prisma.$queryRaw<Bin[]>`
    SELECT (created_at >= ${cut}) AS recent, source || ':' || coalesce(least(9, floor(log(greatest(amount, 1)::numeric)))::int::text, 'none') AS bin, count(*)::int AS n
    FROM opportunities.opportunity GROUP BY 1, 2`;
  const country = await db.prisma.$queryRaw<Bin[]>`
    SELECT (created_at >= ${cut}) AS recent, coalesce(country_code, 'none') AS bin, count(*)::int AS n FROM opportunities.opportunity GROUP BY 1, 2`;
  const stage = await db.prisma.$queryRaw<Bin[]>`
    SELECT (created_at >= ${cut}) AS recent, source || ':' || coalesce(stage, 'none') AS bin, count(*)::int AS n FROM opportunities.opportunity GROUP BY 1, 2`;
  return [collect(score, "score"), collect(amount, "amount"), collect(country, "country"), collect(stage, "stage")];
}
