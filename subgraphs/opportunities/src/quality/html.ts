import type { SignalContribution } from "../matching/types.js";
import type { MatchingMonitoring } from "../service/monitoring.js";
import type { EvaluatedPair, QualityPoint, QualityReport } from "./evaluate.js";

export interface QualityReportMeta {
  title: string;
  dataset?: string;
  generatedAt: Date;
  configVersion?: number;
  /** The match model in force (em scoring): a match-weight chart per comparison and level. */
  matchModel?: { estimated: boolean; comparisons: Array<{ name: string; levels: Array<{ label: string; m: number; u: number }> }> };
  /** Freshness, drift and data quality of the records (as `matchingMonitoring`). */
  monitoring?: MatchingMonitoring;
}

/** Monitoring figures: alerts first, then freshness, drift (PSI), completeness, invalid values and duplicates. */
export function monitoringSection(m: MatchingMonitoring): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const table = (head: string[], rows: string[][]) =>
    rows.length === 0
      ? "<p>None.</p>"
      : `<table class="summary"><thead><tr>${head.map((h, i) => `<th${i > 0 ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<td>${escapeHtml(c)}</td>` : `<td class="num">${escapeHtml(c)}</td>`)).join("")}</tr>`)
          .join("\n")}</tbody></table>`;
  const f = m.freshness;
  return (
    `<h2 id="monitoring">Monitoring</h2>` +
    `<p>${int(m.records)} records, vectors of ${escapeHtml(m.model)} expected; computed ${escapeHtml(m.at.toISOString())}.</p>` +
    `<h3>Alerts</h3>` +
    (m.alerts.length === 0 ? "<p>None.</p>" : `<ul class="alerts">${m.alerts.map((a) => `<li><strong>${escapeHtml(a.severity)}</strong> (${escapeHtml(a.kind)}): ${escapeHtml(a.message)}</li>`).join("")}</ul>`) +
    `<h3>Embedding freshness</h3>` +
    table(
      ["Records", "Count"],
      [
        ["Without vectors", int(f.missingVectors)],
        ["With another model's vectors", int(f.otherModel)],
        ["Never prepared for matching", int(f.unprepared)],
        ["Changed since last matched", int(f.changedSinceMatched)],
        ["Stale share", pct(f.staleShare)],
      ],
    ) +
    `<h3>Drift (population stability index, recent records against the baseline)</h3>` +
    table(["Feature", "PSI", "Recent", "Baseline"], m.drift.map((d) => [d.feature, d.psi.toFixed(3), int(d.recent), int(d.baseline)])) +
    `<h3>Completeness</h3>` +
    table(["Source / field", "Filled"], m.completeness.map((c) => [`${c.source} ${c.field}`, pct(c.completeness)])) +
    `<h3>Invalid values</h3>` +
    table(["Source / kind", "Count"], m.invalid.map((i) => [`${i.source} ${i.kind}`, int(i.count)])) +
    `<h3>Duplicates within a source</h3>` +
    table(["Source", "Count"], m.duplicates.map((d) => [d.source, int(d.count)]))
  );
}

/** Splink-style match-weight chart: per comparison and level, m, u and the weight ln(m/u) as a bar. */
export function matchWeightsSection(model: NonNullable<QualityReportMeta["matchModel"]>): string {
  const max = 10;
  const rows = model.comparisons.flatMap((c) =>
    c.levels.map((l, i) => {
      const w = Math.log(l.m / l.u);
      const width = Math.min(max, Math.abs(w)) * 5;
      const bar = `<span style="display:inline-block;height:10px;width:${width.toFixed(1)}px;background:${w >= 0 ? "#2f9e44" : "#e03131"};margin-left:${w >= 0 ? 50 : 50 - width}px"></span>`;
      return `<tr>${i === 0 ? `<th rowspan="${c.levels.length}">${escapeHtml(c.name)}</th>` : ""}<td>${escapeHtml(l.label)}</td><td class="num">${l.m.toFixed(4)}</td><td class="num">${l.u.toFixed(4)}</td><td class="num">${w >= 0 ? "+" : ""}${w.toFixed(2)}</td><td style="width:110px">${bar}</td></tr>`;
    }),
  );
  return (
    `<h2 id="match-weights">Match weights</h2>` +
    `<p>${model.estimated ? "Estimated by EM from the unlabelled candidate pairs (review decisions as labels)" : "The prior model (no full run has estimated it yet)"}: m = P(level | match), u = P(level | not a match), weight = ln(m / u) in log-odds (bars clipped at ±${max}).</p>` +
    `<table class="summary"><thead><tr><th>Comparison</th><th>Level</th><th class="num">m</th><th class="num">u</th><th class="num">Weight</th><th></th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`
  );
}

/** Escapes text for HTML element content and quoted attribute values (SVG included). */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const fin = (x: number): boolean => Number.isFinite(x);
/** A threshold: two decimals, more only when it has them. */
export function formatThreshold(t: number): string {
  if (!fin(t)) return "n/a";
  return Math.abs(t * 100 - Math.round(t * 100)) < 1e-9 ? t.toFixed(2) : String(Number(t.toFixed(4)));
}
const pct = (x: number): string => (fin(x) ? `${(x * 100).toFixed(1)}%` : "n/a");
const score3 = (x: number): string => (fin(x) ? x.toFixed(3) : "n/a");
const int = (n: number): string => n.toLocaleString("en-US");

/** A signed log-odds contribution with one decimal: "+2.1", "-0.4", "0.0". */
export function formatContribution(c: number): string {
  if (!fin(c)) return "n/a";
  const s = Math.abs(c).toFixed(1);
  if (s === "0.0") return "0.0";
  return `${c > 0 ? "+" : "-"}${s}`;
}

/** One signal as "name_jw 0.93 (+2.1)"; a signal without a value reads "name_jw n/a (0.0)". */
export function formatSignal(s: SignalContribution): string {
  const value = s.value === null || !fin(s.value) ? "n/a" : s.value.toFixed(2);
  return `${s.signal} ${value} (${formatContribution(s.contribution)})`;
}

/** A pair's explanation, strongest contributions first, as escaped HTML. */
function explanationHtml(signals: SignalContribution[]): string {
  if (signals.length === 0) return `<span class="muted">no signals</span>`;
  const ordered = [...signals].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return ordered
    .map((s) => {
      const cls = s.contribution > 0.05 ? "pos" : s.contribution < -0.05 ? "neg" : "zero";
      return `<span class="sig ${cls}" title="weight ${escapeHtml(fin(s.weight) ? s.weight.toFixed(3) : "n/a")}">${escapeHtml(formatSignal(s))}</span>`;
    })
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// Charts (inline SVG)

const COLORS = {
  truePairs: "#2b8a3e",
  falsePairs: "#e8590c",
  precision: "#1864ab",
  recall: "#c2255c",
  f1: "#5f3dc4",
  current: "#212529",
  recommended: "#0b7285",
  axis: "#495057",
  grid: "#dee2e6",
};

/** Round-ish tick step for a range [0, max] with about `count` ticks. */
function niceStep(max: number, count: number): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  return Math.max(1, step * mag);
}

const f = (x: number): string => (Math.round(x * 10) / 10).toString();

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const plotW = (fr: Frame): number => fr.width - fr.left - fr.right;
const plotH = (fr: Frame): number => fr.height - fr.top - fr.bottom;

function legend(items: Array<{ label: string; color: string; kind: "box" | "line"; dash?: string }>, x: number, y: number): string {
  return items
    .map((it, i) => {
      const yy = y + i * 18;
      const mark =
        it.kind === "box"
          ? `<rect x="${f(x)}" y="${f(yy - 9)}" width="12" height="12" fill="${it.color}"/>`
          : `<line x1="${f(x)}" y1="${f(yy - 3)}" x2="${f(x + 22)}" y2="${f(yy - 3)}" stroke="${it.color}" stroke-width="2.5"${it.dash ? ` stroke-dasharray="${it.dash}"` : ""}/>`;
      const tx = x + (it.kind === "box" ? 18 : 28);
      return `${mark}<text x="${f(tx)}" y="${f(yy + 1)}" class="legend">${escapeHtml(it.label)}</text>`;
    })
    .join("");
}

/** Chart 1: score histogram, true pairs (in gold) beside false pairs, per bin. */
export function histogramSvg(h: QualityReport["histogram"]): string {
  const fr: Frame = { width: 760, height: 320, left: 64, right: 16, top: 20, bottom: 52 };
  const bins = h.truePairs.length;
  const maxCount = Math.max(1, ...h.truePairs, ...h.falsePairs);
  const step = niceStep(maxCount, 5);
  const yMax = Math.ceil(maxCount / step) * step;
  const x0 = fr.left;
  const y0 = fr.top + plotH(fr);
  const binW = plotW(fr) / Math.max(1, bins);
  const y = (v: number): number => y0 - (v / yMax) * plotH(fr);
  const parts: string[] = [];

  for (let v = 0; v <= yMax + 1e-9; v += step) {
    parts.push(`<line x1="${f(x0)}" y1="${f(y(v))}" x2="${f(x0 + plotW(fr))}" y2="${f(y(v))}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${f(x0 - 6)}" y="${f(y(v) + 4)}" text-anchor="end" class="tick">${int(v)}</text>`);
  }
  for (let b = 0; b < bins; b++) {
    const lo = h.binEdges[b] ?? b / bins;
    const hi = h.binEdges[b + 1] ?? (b + 1) / bins;
    const range = `${lo.toFixed(2)}–${hi.toFixed(2)}`;
    const barW = binW * 0.4;
    const bars: Array<[number, string, string]> = [
      [h.truePairs[b] ?? 0, COLORS.truePairs, "true pairs"],
      [h.falsePairs[b] ?? 0, COLORS.falsePairs, "false pairs"],
    ];
    bars.forEach(([count, color, label], k) => {
      if (count <= 0) return;
      const bx = x0 + b * binW + binW * 0.1 + k * barW;
      // Non-empty bins stay visible beside a much taller class.
      const top = Math.min(y(count), y0 - 1);
      parts.push(
        `<rect x="${f(bx)}" y="${f(top)}" width="${f(barW)}" height="${f(y0 - top)}" fill="${color}"><title>${escapeHtml(`score ${range}: ${int(count)} ${label}`)}</title></rect>`,
      );
    });
  }
  for (let b = 0; b <= bins; b += 2) {
    const xx = x0 + b * binW;
    parts.push(`<line x1="${f(xx)}" y1="${f(y0)}" x2="${f(xx)}" y2="${f(y0 + 5)}" stroke="${COLORS.axis}"/>`);
    parts.push(`<text x="${f(xx)}" y="${f(y0 + 18)}" text-anchor="middle" class="tick">${(h.binEdges[b] ?? b / bins).toFixed(1)}</text>`);
  }
  parts.push(`<line x1="${f(x0)}" y1="${f(y0)}" x2="${f(x0 + plotW(fr))}" y2="${f(y0)}" stroke="${COLORS.axis}"/>`);
  parts.push(`<line x1="${f(x0)}" y1="${f(fr.top)}" x2="${f(x0)}" y2="${f(y0)}" stroke="${COLORS.axis}"/>`);
  parts.push(`<text x="${f(x0 + plotW(fr) / 2)}" y="${f(fr.height - 10)}" text-anchor="middle" class="axis-label">Score</text>`);
  parts.push(
    `<text x="16" y="${f(fr.top + plotH(fr) / 2)}" text-anchor="middle" class="axis-label" transform="rotate(-90 16 ${f(fr.top + plotH(fr) / 2)})">Pairs</text>`,
  );
  parts.push(
    legend(
      [
        { label: "True pairs (in gold)", color: COLORS.truePairs, kind: "box" },
        { label: "False pairs (not in gold)", color: COLORS.falsePairs, kind: "box" },
      ],
      x0 + 16,
      fr.top + 14,
    ),
  );
  return `<svg class="chart" id="chart-histogram" role="img" aria-label="Score histogram of true and false pairs" viewBox="0 0 ${fr.width} ${fr.height}" width="${fr.width}" height="${fr.height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

interface Marker {
  threshold: number;
  label: string;
  color: string;
  dash?: string;
}

/** Chart 2: precision, recall and F1 against threshold, with vertical threshold markers. */
export function curveSvg(curve: QualityPoint[], markers: Marker[]): string {
  const fr: Frame = { width: 760, height: 390, left: 56, right: 165, top: 70, bottom: 52 };
  const x0 = fr.left;
  const y0 = fr.top + plotH(fr);
  const x = (t: number): number => x0 + Math.min(1, Math.max(0, t)) * plotW(fr);
  const y = (v: number): number => y0 - Math.min(1, Math.max(0, v)) * plotH(fr);
  const parts: string[] = [];

  for (let k = 0; k <= 10; k += 2) {
    const v = k / 10;
    parts.push(`<line x1="${f(x0)}" y1="${f(y(v))}" x2="${f(x0 + plotW(fr))}" y2="${f(y(v))}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${f(x0 - 6)}" y="${f(y(v) + 4)}" text-anchor="end" class="tick">${v.toFixed(1)}</text>`);
    parts.push(`<line x1="${f(x(v))}" y1="${f(y0)}" x2="${f(x(v))}" y2="${f(y0 + 5)}" stroke="${COLORS.axis}"/>`);
    parts.push(`<text x="${f(x(v))}" y="${f(y0 + 18)}" text-anchor="middle" class="tick">${v.toFixed(1)}</text>`);
  }
  parts.push(`<line x1="${f(x0)}" y1="${f(y0)}" x2="${f(x0 + plotW(fr))}" y2="${f(y0)}" stroke="${COLORS.axis}"/>`);
  parts.push(`<line x1="${f(x0)}" y1="${f(fr.top)}" x2="${f(x0)}" y2="${f(y0)}" stroke="${COLORS.axis}"/>`);
  parts.push(`<text x="${f(x0 + plotW(fr) / 2)}" y="${f(fr.height - 10)}" text-anchor="middle" class="axis-label">Threshold</text>`);
  parts.push(
    `<text x="16" y="${f(fr.top + plotH(fr) / 2)}" text-anchor="middle" class="axis-label" transform="rotate(-90 16 ${f(fr.top + plotH(fr) / 2)})">Precision / recall / F1</text>`,
  );

  markers.forEach((m, i) => {
    const xx = x(m.threshold);
    parts.push(
      `<line x1="${f(xx)}" y1="${f(fr.top)}" x2="${f(xx)}" y2="${f(y0)}" stroke="${m.color}" stroke-width="1.5"${m.dash ? ` stroke-dasharray="${m.dash}"` : ""}><title>${escapeHtml(`${m.label}: ${formatThreshold(m.threshold)}`)}</title></line>`,
    );
    // One label row per marker above the plot, so markers at close thresholds stay readable.
    const ly = fr.top - 8 - i * 14;
    parts.push(`<text x="${f(xx)}" y="${f(ly)}" text-anchor="middle" class="marker" fill="${m.color}">${escapeHtml(`${m.label} ${formatThreshold(m.threshold)}`)}</text>`);
  });

  const series: Array<{ key: "precision" | "recall" | "f1"; label: string; color: string; dash?: string }> = [
    { key: "precision", label: "Precision", color: COLORS.precision },
    { key: "recall", label: "Recall", color: COLORS.recall, dash: "7 4" },
    { key: "f1", label: "F1", color: COLORS.f1, dash: "2 3" },
  ];
  for (const s of series) {
    const pts = curve.filter((p) => fin(p[s.key])).map((p) => `${f(x(p.threshold))},${f(y(p[s.key]))}`);
    parts.push(
      `<polyline points="${pts.join(" ")}" fill="none" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""} class="series-${s.key}"/>`,
    );
  }
  parts.push(
    legend(
      [
        ...series.map((s) => ({ label: s.label, color: s.color, kind: "line" as const, dash: s.dash })),
        ...markers.map((m) => ({ label: m.label, color: m.color, kind: "line" as const, dash: m.dash })),
      ],
      x0 + plotW(fr) + 14,
      fr.top + 10,
    ),
  );
  return `<svg class="chart" id="chart-curve" role="img" aria-label="Precision, recall and F1 against threshold" viewBox="0 0 ${fr.width} ${fr.height}" width="${fr.width}" height="${fr.height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

// ---------------------------------------------------------------------------------------------
// Page

function pointRow(label: string, p: QualityPoint): string {
  return (
    `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${formatThreshold(p.threshold)}</td><td class="num">${pct(p.precision)}</td>` +
    `<td class="num">${pct(p.recall)}</td><td class="num">${pct(p.f1)}</td><td class="num">${int(p.tp)}</td><td class="num">${int(p.fp)}</td><td class="num">${int(p.fn)}</td></tr>`
  );
}

function pairCells(pair: EvaluatedPair): string {
  return (
    `<td class="num">${score3(pair.score)}</td><td>${escapeHtml(pair.confidence)}</td>` +
    `<td>${escapeHtml(pair.status)}${pair.assigned ? "" : ` <span class="muted">(not assigned)</span>`}</td>` +
    `<td class="expl">${explanationHtml(pair.signals)}</td>`
  );
}

function nameCell(name: string, id: string): string {
  return `<td>${escapeHtml(name)}<div class="id">${escapeHtml(id)}</div></td>`;
}

function falsePositivesTable(report: QualityReport): string {
  const total = report.atAutoConfirm.fp;
  const shown = report.falsePositives.length;
  const caption = `False positives at auto-confirm ${formatThreshold(report.thresholds.autoConfirm)}: predicted, not in gold (${shown < total ? `showing ${int(shown)} of ${int(total)}` : int(total)})`;
  if (shown === 0) return `<h2 id="false-positives">${escapeHtml(caption)}</h2><p class="muted">None.</p>`;
  const rows = report.falsePositives
    .map((p, i) => `<tr><td class="num">${i + 1}</td>${nameCell(p.apnName, p.apnExternalId)}${nameCell(p.odooName, p.odooExternalId)}${pairCells(p)}</tr>`)
    .join("\n");
  return (
    `<h2 id="false-positives">${escapeHtml(caption)}</h2>` +
    `<table class="pairs"><thead><tr><th>#</th><th>APN company</th><th>Odoo company</th><th>Score</th><th>Confidence</th><th>Status</th><th>Explanation (value, log-odds contribution)</th></tr></thead>\n<tbody>${rows}</tbody></table>`
  );
}

function falseNegativesTable(report: QualityReport): string {
  const total = report.atAutoConfirm.fn;
  const shown = report.falseNegatives.length;
  const caption = `False negatives at auto-confirm ${formatThreshold(report.thresholds.autoConfirm)}: gold pairs not predicted (${shown < total ? `showing ${int(shown)} of ${int(total)}` : int(total)})`;
  if (shown === 0) return `<h2 id="false-negatives">${escapeHtml(caption)}</h2><p class="muted">None.</p>`;
  const rows = report.falseNegatives
    .map(({ gold, pair }, i) =>
      pair
        ? `<tr><td class="num">${i + 1}</td>${nameCell(pair.apnName, gold.apnExternalId)}${nameCell(pair.odooName, gold.odooExternalId)}${pairCells(pair)}</tr>`
        : `<tr class="unscored"><td class="num">${i + 1}</td><td><span class="muted">(not scored)</span><div class="id">${escapeHtml(gold.apnExternalId)}</div></td>` +
          `<td><span class="muted">(not scored)</span><div class="id">${escapeHtml(gold.odooExternalId)}</div></td>` +
          `<td class="num">n/a</td><td>n/a</td><td>never scored</td><td class="muted">The pair was never scored: blocking did not propose it.</td></tr>`,
    )
    .join("\n");
  return (
    `<h2 id="false-negatives">${escapeHtml(caption)}</h2>` +
    `<table class="pairs"><thead><tr><th>#</th><th>APN company</th><th>Odoo company</th><th>Score</th><th>Confidence</th><th>Status</th><th>Explanation (value, log-odds contribution)</th></tr></thead>\n<tbody>${rows}</tbody></table>`
  );
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #212529; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dee2e6; padding-bottom: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
dl.meta dt { color: #495057; font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #dee2e6; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f1f3f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary { width: auto; }
table.pairs { font-size: 12.5px; }
.id { color: #868e96; font-size: 11px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.muted { color: #868e96; }
.rationale { background: #f8f9fa; border-left: 4px solid #0b7285; padding: 8px 12px; margin: 8px 0; }
.expl { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; }
.sig { display: inline-block; margin: 0 6px 2px 0; white-space: nowrap; }
.sig.pos { color: #2b8a3e; } .sig.neg { color: #c92a2a; } .sig.zero { color: #868e96; }
figure { margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { color: #495057; font-size: 13px; margin-top: 4px; }
svg.chart { max-width: 100%; height: auto; display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
svg .tick { font-size: 11px; fill: #495057; }
svg .axis-label { font-size: 13px; fill: #212529; }
svg .legend { font-size: 12px; fill: #212529; }
svg .marker { font-size: 11px; font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
`;

/** A self-contained HTML page (inline CSS and SVG, no scripts) for a quality report. */
export function renderQualityReportHtml(report: QualityReport, meta: QualityReportMeta): string {
  const generated = Number.isNaN(meta.generatedAt.getTime()) ? "unknown" : meta.generatedAt.toISOString();
  const { thresholds, recommended } = report;
  const metaRows: Array<[string, string]> = [
    ["Dataset", meta.dataset ?? "(not given)"],
    ["Generated", generated],
    ["Config version", meta.configVersion === undefined ? "(not given)" : String(meta.configVersion)],
    ["Thresholds", `auto-confirm ${formatThreshold(thresholds.autoConfirm)}, review ${formatThreshold(thresholds.review)}`],
    ["Gold pairs", int(report.goldPairs)],
    ["Scored pairs", int(report.scoredPairs)],
  ];
  const recommendedPoint = (t: number): QualityPoint | undefined => report.curve.find((p) => Math.abs(p.threshold - t) < 1e-9);
  const recAuto = recommendedPoint(recommended.autoConfirm);
  const recReview = recommendedPoint(recommended.review);

  const markers: Marker[] = [
    { threshold: thresholds.autoConfirm, label: "Auto-confirm", color: COLORS.current },
    { threshold: thresholds.review, label: "Review", color: "#868e96" },
    { threshold: recommended.autoConfirm, label: "Rec. auto-confirm", color: COLORS.recommended, dash: "6 3" },
    { threshold: recommended.review, label: "Rec. review", color: "#15aabf", dash: "6 3" },
  ];

  const totalTrue = report.histogram.truePairs.reduce((a, b) => a + b, 0);
  const totalFalse = report.histogram.falsePairs.reduce((a, b) => a + b, 0);

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(meta.title)}</h1>
<dl class="meta">
${metaRows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("\n")}
</dl>
</header>
<main>
<h2 id="summary">Summary</h2>
<table class="summary">
<thead><tr><th></th><th class="num">Threshold</th><th class="num">Precision</th><th class="num">Recall</th><th class="num">F1</th><th class="num">TP</th><th class="num">FP</th><th class="num">FN</th></tr></thead>
<tbody>
${pointRow("At auto-confirm", report.atAutoConfirm)}
${pointRow("At review", report.atReview)}
${pointRow("Best F1", report.best)}
${recAuto ? pointRow("Recommended auto-confirm", recAuto) : ""}
${recReview ? pointRow("Recommended review", recReview) : ""}
</tbody>
</table>
<p>A pair is predicted a match at threshold t when it is confirmed, or it is not rejected, won the one-to-one assignment and scores at least t. Recall counts every gold pair, scored or not.</p>
<h3>Recommended thresholds: auto-confirm ${formatThreshold(recommended.autoConfirm)}, review ${formatThreshold(recommended.review)}</h3>
<p class="rationale">${escapeHtml(recommended.rationale)}</p>

<h2 id="histogram">Score distribution</h2>
<figure>
${histogramSvg(report.histogram)}
<figcaption>Scores of ${int(totalTrue)} true pairs (in gold) and ${int(totalFalse)} false pairs (not in gold), in ${report.histogram.truePairs.length} bins of width ${formatThreshold(1 / Math.max(1, report.histogram.truePairs.length))}; linear scale, non-empty bins at least 1px tall.</figcaption>
</figure>

<h2 id="curve">Precision and recall by threshold</h2>
<figure>
${curveSvg(report.curve, markers)}
<figcaption>Precision (solid), recall (dashed) and F1 (dotted) at thresholds 0.00 to 1.00; solid markers are the current thresholds, dashed ones the recommended thresholds. Precision is 100% by convention where nothing is predicted.</figcaption>
</figure>

${meta.matchModel ? matchWeightsSection(meta.matchModel) : ""}

${meta.monitoring ? monitoringSection(meta.monitoring) : ""}

${falsePositivesTable(report)}

${falseNegativesTable(report)}
</main>
</body>
</html>
`;
}
