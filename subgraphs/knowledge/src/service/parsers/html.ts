/**
 * HTML (and DOCX via mammoth) → Markdown with turndown; the Markdown path then finds the blocks.
 * Tables become GFM pipe tables (turndown alone flattens them); script, style, nav and other
 * non-content elements are dropped.
 */
import mammoth from "mammoth";
import TurndownService from "turndown";

/** The few DOM members used here (the project compiles without the DOM lib). */
interface DomNode {
  nodeName: string;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  getElementsByTagName?(name: string): ArrayLike<DomNode>;
}

const DROPPED = ["script", "style", "nav", "noscript", "template", "title", "meta", "link", "iframe", "object", "embed", "svg", "canvas", "head"];

let service: TurndownService | null = null;

function turndownService(): TurndownService {
  if (service) return service;
  const td = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", hr: "---" });
  td.remove(DROPPED as TurndownService.Filter);
  td.addRule("tableSection", { filter: ["thead", "tbody", "tfoot"], replacement: (content) => content });
  td.addRule("tableCell", {
    filter: ["th", "td"],
    replacement: (content) => ` ${content.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim()} |`,
  });
  td.addRule("tableRow", {
    filter: "tr",
    replacement: (content, node) => {
      const tr = node as unknown as DomNode;
      const row = `|${content}\n`;
      if (!isFirstRow(tr)) return row;
      const cells = Array.from(tr.childNodes).filter((c) => /^(TH|TD)$/i.test(c.nodeName)).length;
      return `${row}|${" --- |".repeat(Math.max(1, cells))}\n`;
    },
  });
  td.addRule("table", {
    filter: "table",
    replacement: (content) => {
      const body = content.replace(/\n{2,}/g, "\n").trim();
      return body ? `\n\n${body}\n\n` : "";
    },
  });
  service = td;
  return td;
}

function isFirstRow(tr: DomNode): boolean {
  let table = tr.parentNode;
  while (table && table.nodeName.toUpperCase() !== "TABLE") table = table.parentNode;
  return table?.getElementsByTagName?.("tr")[0] === tr;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** The `<title>` element's text, if any. */
export function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = m ? decodeEntities(m[1]!.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim() : "";
  return title || null;
}

export function htmlToMarkdown(html: string): string {
  // Comments and the head go before turndown sees them (its parser keeps head elements in the body).
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<head[\s>][\s\S]*?<\/head>/i, "");
  return turndownService().turndown(cleaned).trim();
}

export async function docxToHtml(bytes: Uint8Array): Promise<{ html: string; warnings: string[] }> {
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return { html: result.value, warnings: result.messages.map((m) => m.message) };
}
