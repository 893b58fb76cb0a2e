import { describe, expect, it } from "vitest";
import { buildDataset } from "../src/seed/index.js";

describe("seed data set", () => {
  it("is generated the same way every time", () => {
    expect(buildDataset()).toEqual(buildDataset());
  });

  it("has the promised shape", () => {
    const d = buildDataset();
    expect(d.opportunities).toHaveLength(300);
    expect(new Set(d.opportunities.map((o) => o.data.source))).toEqual(new Set(["apn", "odoo"]));
    expect(d.leads).toHaveLength(300);
    const perLead = new Map<string, number>();
    for (const s of d.snippets) perLead.set(s.data.leadId, (perLead.get(s.data.leadId) ?? 0) + 1);
    expect(perLead.size).toBe(300);
    expect(Math.min(...perLead.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perLead.values())).toBeLessThanOrEqual(4);
    expect(d.talents).toHaveLength(250);
    expect(d.jobs).toHaveLength(150);
    expect(d.sources).toHaveLength(20);
    expect(d.chunks.length).toBeGreaterThanOrEqual(160);
    expect(d.chunks.length).toBeLessThanOrEqual(240);
    expect(d.items).toHaveLength(200);
    expect(new Set(d.items.map((i) => i.data.kind))).toEqual(new Set(["content", "case_study", "objection_response", "playbook"]));
    expect(d.feedback.length).toBeGreaterThan(0);
    for (const c of d.chunks) expect(c.data.charEnd! - c.data.charStart!).toBe(c.data.text.length);
    expect(new Set(d.opportunities.map((o) => o.data.id)).size).toBe(300);
  });
});

