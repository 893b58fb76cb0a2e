import { describe, expect, it } from "vitest";
import type { GoldPair } from "../src/matching/types.js";
import { escapeHtml, evaluateMatches, formatContribution, formatSignal, renderQualityReportHtml, type EvaluatedPair } from "../src/quality/index.js";

const EVIL = `<script>alert(1)</script> & Co`;
const EVIL_ESCAPED = `&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co`;

function pair(apn: string, odoo: string, score: number, extra: Partial<EvaluatedPair> = {}): EvaluatedPair {
  return {
    apnExternalId: apn,
    odooExternalId: odoo,
    apnName: `Company ${apn}`,
    odooName: `Company ${odoo}`,
    score,
    confidence: "medium",
    status: "proposed",
    assigned: true,
    signals: [
      { signal: "name_jw", value: 0.93, weight: 2.26, contribution: 2.1 },
      { signal: "country", value: 0, weight: 1.5, contribution: -0.4 },
      { signal: "domain", value: null, weight: 3, contribution: 0 },
    ],
    ...extra,
  };
}
const g = (apn: string, odoo: string): GoldPair => ({ apnExternalId: apn, odooExternalId: odoo });

const pairs = [
  pair("a1", "o1", 0.97),
  pair("evil", "o9", 0.91, { apnName: EVIL, odooName: `O'Brien "Ltd" > 1`, confidence: "high" }),
  pair("a2", "o2", 0.55, { status: "candidate", confidence: "low" }),
  pair("a3", "o3", 0.2),
];
const gold = [g("a1", "o1"), g("a2", "o2"), g("never", "scored<&>")];
const report = evaluateMatches(pairs, gold, { autoConfirm: 0.9, review: 0.5 });
const html = renderQualityReportHtml(report, {
  title: "Match quality <test>",
  dataset: "fixtures & friends",
  generatedAt: new Date("2026-11-21T12:34:56Z"),
  configVersion: 7,
});

describe("renderQualityReportHtml", () => {
  it("is one self-contained HTML document", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("</html>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("<style>");
    expect(html).toContain("@media print");
  });

  it("escapes every piece of text from data", () => {
    expect(html).toContain(EVIL_ESCAPED);
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain("alert(1)</script>");
    expect(html).toContain("O&#39;Brien &quot;Ltd&quot; &gt; 1");
    expect(html).toContain("scored&lt;&amp;&gt;");
    expect(html).toContain("<title>Match quality &lt;test&gt;</title>");
    expect(html).toContain("fixtures &amp; friends");
  });

  it("has the header: dataset, generated time, config version, thresholds", () => {
    expect(html).toContain("2026-11-21T12:34:56.000Z");
    expect(html).toMatch(/Config version<\/dt><dd>7<\/dd>/);
    expect(html).toContain("auto-confirm 0.90, review 0.50");
  });

  it("has the summary with numbers from the report", () => {
    // At 0.90: a1 (gold) and evil (not) predicted; a2 and the never-scored pair missed.
    expect(report.atAutoConfirm).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(html).toMatch(/At auto-confirm<\/th><td class="num">0\.90<\/td><td class="num">50\.0%<\/td><td class="num">33\.3%<\/td><td class="num">40\.0%<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">2<\/td>/);
    expect(report.atReview).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(html).toMatch(/At review<\/th><td class="num">0\.50<\/td><td class="num">66\.7%<\/td><td class="num">66\.7%<\/td>/);
    expect(html).toContain(`Best F1</th><td class="num">${report.best.threshold.toFixed(2)}</td>`);
    expect(html).toContain(
      `Recommended thresholds: auto-confirm ${report.recommended.autoConfirm.toFixed(2)}, review ${report.recommended.review.toFixed(2)}`,
    );
    expect(html).toContain(escapeHtml(report.recommended.rationale));
  });

  it("draws the histogram chart with both classes, axis labels and a legend", () => {
    const svg = html.match(/<svg[^>]*id="chart-histogram"[\s\S]*?<\/svg>/)?.[0];
    expect(svg).toBeDefined();
    expect(svg).toContain(">Score</text>");
    expect(svg).toContain(">Pairs</text>");
    expect(svg).toContain("True pairs (in gold)");
    expect(svg).toContain("False pairs (not in gold)");
    // One bar per non-empty (bin, class): true a1 0.97, a2 0.55; false evil 0.91, a3 0.20.
    expect(svg!.match(/<rect [^>]*fill="#2b8a3e"><title>/g)).toHaveLength(2);
    expect(svg!.match(/<rect [^>]*fill="#e8590c"><title>/g)).toHaveLength(2);
    expect(svg).toContain("score 0.95–1.00: 1 true pairs");
    expect(svg).toContain("score 0.20–0.25: 1 false pairs");
  });

  it("draws precision, recall and F1 against threshold with current and recommended markers", () => {
    const svg = html.match(/<svg[^>]*id="chart-curve"[\s\S]*?<\/svg>/)?.[0];
    expect(svg).toBeDefined();
    for (const k of ["precision", "recall", "f1"]) {
      const points = svg!.match(new RegExp(`<polyline points="([^"]+)"[^>]*class="series-${k}"`))?.[1];
      expect(points?.split(" ")).toHaveLength(101);
    }
    expect(svg).toContain(">Threshold</text>");
    expect(svg).toContain("Auto-confirm 0.90");
    expect(svg).toContain("Review 0.50");
    expect(svg).toContain(`Rec. auto-confirm ${report.recommended.autoConfirm.toFixed(2)}`);
    expect(svg).toContain(`Rec. review ${report.recommended.review.toFixed(2)}`);
  });

  it("lists false positives and false negatives with names, score, confidence, status and explanation", () => {
    const fp = html.slice(html.indexOf('id="false-positives"'), html.indexOf('id="false-negatives"'));
    expect(fp).toContain("False positives at auto-confirm 0.90");
    expect(fp).toContain(EVIL_ESCAPED);
    expect(fp).toContain("0.910");
    expect(fp).toContain("<td>high</td>");
    expect(fp).toContain("<td>proposed</td>");
    expect(fp).toContain("name_jw 0.93 (+2.1)");
    expect(fp).toContain("country 0.00 (-0.4)");
    expect(fp).toContain("domain n/a (0.0)");
    // Strongest contribution first.
    expect(fp.indexOf("name_jw 0.93")).toBeLessThan(fp.indexOf("country 0.00"));

    const fn = html.slice(html.indexOf('id="false-negatives"'));
    expect(fn).toContain("gold pairs not predicted (2)");
    expect(fn).toContain("Company a2");
    expect(fn).toContain("0.550");
    expect(fn).toContain("<td>low</td>");
    expect(fn).toContain("never scored");
    expect(fn.indexOf("Company a2")).toBeLessThan(fn.indexOf("never scored"));
  });

  it("says how many are shown when the lists are capped", () => {
    const many = Array.from({ length: 230 }, (_, i) => pair(`x${i}`, `y${i}`, 0.95));
    const big = evaluateMatches(many, [], { autoConfirm: 0.9, review: 0.5 });
    const page = renderQualityReportHtml(big, { title: "t", generatedAt: new Date(0) });
    expect(page).toContain("showing 200 of 230");
    expect(page).toContain("(not given)");
  });
});

describe("formatting helpers", () => {
  it("formats contributions and signals", () => {
    expect(formatContribution(2.14)).toBe("+2.1");
    expect(formatContribution(-0.36)).toBe("-0.4");
    expect(formatContribution(-0.04)).toBe("0.0");
    expect(formatSignal({ signal: "name_jw", value: 0.931, weight: 2.26, contribution: 2.104 })).toBe("name_jw 0.93 (+2.1)");
  });
  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("match-weight chart", () => {
  it("shows every comparison's levels with m, u and the signed weight, and says whether the model was estimated", () => {
    const model = { estimated: true, comparisons: [{ name: "name", levels: [{ label: "exact", m: 0.8, u: 0.01 }, { label: "different", m: 0.01, u: 0.9 }] }] };
    const page = renderQualityReportHtml(report, { title: "t", generatedAt: new Date(0), matchModel: model });
    expect(page).toContain('<h2 id="match-weights">Match weights</h2>');
    expect(page).toContain("Estimated by EM");
    expect(page).toContain(`+${Math.log(0.8 / 0.01).toFixed(2)}`);
    expect(page).toContain(`${Math.log(0.01 / 0.9).toFixed(2)}`);
    expect(page).toMatch(/<th rowspan="2">name<\/th><td>exact<\/td>/);
    expect(renderQualityReportHtml(report, { title: "t", generatedAt: new Date(0) })).not.toContain("match-weights");
  });
});

describe("monitoring section", () => {
  it("shows alerts, freshness, drift, completeness, invalid values and duplicates, escaped", () => {
    const monitoring = {
      at: new Date("2026-12-03T09:00:00Z"),
      model: "all-minilm-l6-v2",
      records: 1234,
      freshness: { missingVectors: 3, otherModel: 0, unprepared: 1, changedSinceMatched: 7, staleShare: 0.0081 },
      drift: [{ feature: "amount", psi: 0.312, recent: 200, baseline: 1034 }],
      completeness: [{ source: "apn", field: "website", completeness: 0.42 }],
      invalid: [{ source: "odoo", kind: "close_date", count: 5 }],
      duplicates: [],
      alerts: [{ kind: "drift" as const, severity: "critical" as const, message: "amount drifted: PSI 0.312 <= recent" }],
    };
    const page = renderQualityReportHtml(report, { title: "t", generatedAt: new Date(0), monitoring });
    expect(page).toContain('<h2 id="monitoring">Monitoring</h2>');
    expect(page).toContain("1,234 records, vectors of all-minilm-l6-v2 expected");
    expect(page).toContain("<li><strong>critical</strong> (drift): amount drifted: PSI 0.312 &lt;= recent</li>");
    expect(page).toMatch(/<td>Changed since last matched<\/td><td class="num">7<\/td>/);
    expect(page).toMatch(/<td>Stale share<\/td><td class="num">0\.8%<\/td>/);
    expect(page).toMatch(/<td>amount<\/td><td class="num">0\.312<\/td><td class="num">200<\/td><td class="num">1,034<\/td>/);
    expect(page).toMatch(/<td>apn website<\/td><td class="num">42\.0%<\/td>/);
    expect(page).toMatch(/<td>odoo close_date<\/td><td class="num">5<\/td>/);
    expect(page).toMatch(/<h3>Duplicates within a source<\/h3><p>None\.<\/p>/);
    expect(renderQualityReportHtml(report, { title: "t", generatedAt: new Date(0) })).not.toContain('id="monitoring"');
  });
});
