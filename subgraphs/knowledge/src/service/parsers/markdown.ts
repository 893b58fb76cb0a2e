/**
 * Markdown and plain text → blocks. Markdown goes through `marked.lexer`; every block's offsets
 * point into the Markdown text itself (a token's `raw` is located from a running offset).
 */
import { marked, type Token } from "marked";
import type { Block, BlockKind } from "./types.js";

export interface TextStructure {
  title: string | null;
  blocks: Block[];
}

/** Inline Markdown → plain words: links and images keep their text, emphasis, code marks and escapes go. */
export function inlinePlainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/([*_])(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** YAML front matter (`---` … `---` at the very start): its end offset and its `title:`, if any. */
function frontMatter(text: string): { end: number; title: string | null } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { end: 0, title: null };
  const title = /^title:[ \t]*(.+?)[ \t]*$/m.exec(m[1]!)?.[1]?.replace(/^(["'])(.*)\1$/, "$2").trim();
  return { end: m[0].length, title: title || null };
}

const KIND: Partial<Record<Token["type"], BlockKind>> = {
  heading: "heading",
  paragraph: "paragraph",
  text: "paragraph",
  blockquote: "paragraph",
  html: "paragraph",
  list: "list",
  table: "table",
  code: "code",
};

export function parseMarkdownStructure(text: string): TextStructure {
  const front = frontMatter(text);
  const blocks: Block[] = [];
  let title: string | null = null;
  let offset = front.end;
  for (const token of marked.lexer(text.slice(front.end))) {
    const raw = token.raw;
    if (!raw) continue;
    let at = text.indexOf(raw, offset);
    let len = raw.length;
    if (at === -1) {
      // marked normalises some input (e.g. carriage returns); fall back to the trimmed raw.
      const trimmed = raw.trim();
      at = trimmed ? text.indexOf(trimmed, offset) : -1;
      len = trimmed.length;
      if (at === -1) continue;
    }
    offset = at + len;
    const kind = KIND[token.type];
    if (!kind) continue;
    if (token.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(raw)) continue;

    let start = at;
    let end = at + len;
    if (token.type === "heading") {
      // A heading block is its title text, without the `#` marks or setext underline.
      const inner = text.indexOf(token.text, start);
      if (token.text && inner !== -1 && inner + token.text.length <= end) {
        start = inner;
        end = inner + token.text.length;
      }
    }
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start === end) continue;
    const block: Block = { kind, text: text.slice(start, end), start, end };
    if (token.type === "heading") {
      block.level = token.depth;
      if (title === null && token.depth === 1) title = inlinePlainText(token.text) || null;
    }
    blocks.push(block);
  }
  return { title: front.title ?? title, blocks };
}

/** Plain text: paragraphs between blank lines; no headings. */
export function parsePlainTextStructure(text: string): TextStructure {
  const blocks: Block[] = [];
  const re = /\S[\s\S]*?(?=\n[ \t]*\r?\n|\s*$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[0].trimEnd();
    blocks.push({ kind: "paragraph", text: body, start: m.index, end: m.index + body.length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return { title: null, blocks };
}
