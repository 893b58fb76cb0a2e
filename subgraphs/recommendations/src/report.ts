/** The recommendations report: one self-contained HTML page (inline SVG charts, no scripts, no network). */

export interface EffectivenessData {
  group: string;
  generated: number;
  useRate: number;
  up: number;
  down: number;
  winRate: number | null;
  score: number;
}

export interface ReportData {
  generatedAt: string;
  learningMetrics: { computedAt: string; votesWithFeatures: number; activeWeightsAuc: number | null; similarityWeight: number; diligenceWeight: number; engagementWeight: number };
  byKind: EffectivenessData[];
  byTemplate: EffectivenessData[];
  byPersonality: EffectivenessData[];
  rankingWeights: Array<{ version: number; similarity: number; diligence: number; engagement: number; source: string; active: boolean; reason: string | null; heldOutAuc: number | null; previousHeldOutAuc: number | null; createdAt: string }>;
  customers: Array<{ company: string; stage: string; analytics: { openObjections: number; interactions: number; contentGenerated: number } }>;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (x: number | null, digits = 2) => (x === null ? "–" : x.toFixed(digits));

/** A horizontal bar chart of values in [0, max]. */
export function barChart(title: string, rows: Array<{ label: string; value: number }>, max = 1): string {
  const bar = 22;
  const width = 520;
  const labelW = 170;
  const height = rows.length * bar + 30;
  const scale = (v: number) => (max > 0 ? Math.max(0, Math.min(1, v / max)) * (width - labelW - 60) : 0);
  const bars = rows
    .map(
      (r, i) =>
        `<text x="0" y="${30 + i * bar + 14}" font-size="12">${esc(r.label)}</text>` +
        `<rect x="${labelW}" y="${30 + i * bar + 3}" width="${scale(r.value).toFixed(1)}" height="${bar - 6}" fill="#3b6ea5"><title>${esc(r.label)}: ${r.value}</title></rect>` +
        `<text x="${labelW + scale(r.value) + 6}" y="${30 + i * bar + 14}" font-size="12">${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)}</text>`,
    )
    .join("");
  return `<svg role="img" aria-label="${esc(title)}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="16" font-size="14" font-weight="bold">${esc(title)}</text>${bars}</svg>`;
}

function effectivenessTable(title: string, rows: EffectivenessData[]): string {
  if (rows.length === 0) return `<h3>${esc(title)}</h3><p>No generated content yet.</p>`;
  const body = rows
    .map((r) => `<tr><td>${esc(r.group)}</td><td>${r.generated}</td><td>${fmt(r.useRate)}</td><td>${r.up}</td><td>${r.down}</td><td>${fmt(r.winRate)}</td><td>${fmt(r.score)}</td></tr>`)
    .join("");
  return `<h3>${esc(title)}</h3>${barChart(`${title}: effectiveness score`, rows.map((r) => ({ label: r.group, value: r.score })))}
<table><thead><tr><th>group</th><th>generated</th><th>use rate</th><th>up</th><th>down</th><th>win rate</th><th>score</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function renderReport(d: ReportData): string {
  const m = d.learningMetrics;
  const stages = new Map<string, number>();
  for (const c of d.customers) stages.set(c.stage, (stages.get(c.stage) ?? 0) + 1);
  const objections = [...d.customers].sort((a, b) => b.analytics.openObjections - a.analytics.openObjections).slice(0, 15);
  const weights = d.rankingWeights
    .map(
      (w) =>
        `<tr${w.active ? ' class="active"' : ""}><td>${w.version}</td><td>${esc(w.source)}${w.active ? " (active)" : ""}</td><td>${fmt(w.similarity)}</td><td>${fmt(w.diligence)}</td><td>${fmt(w.engagement)}</td><td>${fmt(w.heldOutAuc, 3)}</td><td>${fmt(w.previousHeldOutAuc, 3)}</td><td>${esc(w.reason ?? "")}</td><td>${esc(w.createdAt)}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recommendations report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;font-size:.9rem;text-align:left}tr.active{background:#eef5ff}svg{display:block;margin:.5rem 0}</style>
</head><body>
<h1>Recommendations report</h1>
<p>Generated ${esc(d.generatedAt)}; learning metrics computed ${esc(m.computedAt)}.</p>
<h2>Learning</h2>
<p>${m.votesWithFeatures} votes with ranking features; the active weights order them with AUC ${fmt(m.activeWeightsAuc, 3)}.</p>
${barChart("Active ranking weights", [
  { label: "similarity", value: m.similarityWeight },
  { label: "diligence", value: m.diligenceWeight },
  { label: "engagement", value: m.engagementWeight },
])}
<table><thead><tr><th>version</th><th>source</th><th>similarity</th><th>diligence</th><th>engagement</th><th>held-out AUC</th><th>previous held-out AUC</th><th>reason</th><th>created</th></tr></thead><tbody>${weights || '<tr><td colspan="9">No versions: the configured weights are used.</td></tr>'}</tbody></table>
<h2>Generated content</h2>
${effectivenessTable("By kind", d.byKind)}
${effectivenessTable("By template and version", d.byTemplate)}
${effectivenessTable("By DISC style", d.byPersonality)}
<h2>Accounts</h2>
${barChart("Customers by stage", [...stages.entries()].sort().map(([label, value]) => ({ label, value })), Math.max(1, ...stages.values()))}
${barChart("Open objections (top accounts)", objections.map((c) => ({ label: c.company, value: c.analytics.openObjections })), Math.max(1, ...objections.map((c) => c.analytics.openObjections)))}
</body></html>
`;
}
