import type { Draft } from "./compose.js";
import type { ContentKind, Format } from "./templates.js";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const sourceLine = (c: Draft["citations"][number]) =>
  `[${c.n}] ${c.sourceTitle}${c.headingPath.length ? ` — ${c.headingPath.join(" › ")}` : ""}${c.page != null ? `, p. ${c.page}` : ""}`;

/** Sentences of a paragraph as text: each already ends with its [n] markers. */
const paragraphText = (p: Draft["paragraphs"][number]) => p.sentences.map((s) => s.text).join(" ");

/**
 * The draft in the asked format. Layout follows the kind: an e-mail is prose, a call script and
 * talking points are lists, a one-pager has a section per topic. Every format ends with the sources.
 */
export function render(draft: Draft, kind: ContentKind, format: Format): string {
  if (format === "json") {
    return JSON.stringify({ title: draft.title, opening: draft.opening, paragraphs: draft.paragraphs, closing: draft.closing, citations: draft.citations });
  }
  const bullets = kind === "talking_points" || kind === "call_script";
  if (format === "html") {
    const parts = [`<h1>${escapeHtml(draft.title)}</h1>`, `<p>${escapeHtml(draft.opening)}</p>`];
    for (const p of draft.paragraphs) {
      if (p.heading && kind !== "email") parts.push(`<h2>${escapeHtml(p.heading)}</h2>`);
      parts.push(bullets ? `<ul>${p.sentences.map((s) => `<li>${escapeHtml(s.text)}</li>`).join("")}</ul>` : `<p>${escapeHtml(paragraphText(p))}</p>`);
    }
    parts.push(`<p>${escapeHtml(draft.closing)}</p>`, `<ol class="sources">${draft.citations.map((c) => `<li value="${c.n}">${escapeHtml(sourceLine(c).replace(/^\[\d+\] /, ""))}</li>`).join("")}</ol>`);
    return parts.join("\n");
  }
  const md = format === "markdown";
  const lines: string[] = [md ? `# ${draft.title}` : draft.title, "", draft.opening, ""];
  for (const p of draft.paragraphs) {
    if (p.heading && kind !== "email") lines.push(md ? `## ${p.heading}` : `${p.heading}:`, "");
    if (bullets) lines.push(...p.sentences.map((s) => `- ${s.text}`));
    else lines.push(paragraphText(p));
    lines.push("");
  }
  lines.push(draft.closing, "", md ? "**Sources**" : "Sources:", "", ...draft.citations.map(sourceLine));
  return lines.join("\n");
}
