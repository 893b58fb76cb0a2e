import { Parser } from "htmlparser2";

/** windows-1252's 0x80–0x9F (Node's TextDecoder decodes that label as ISO-8859-1). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Text of an uploaded file whose encoding nobody declared: UTF-16 when it has a BOM, UTF-8 when
 * the bytes are valid UTF-8 (a BOM is dropped), otherwise windows-1252 — what spreadsheet and CRM
 * exports in "latin-1" really are (a superset of ISO-8859-1 that also maps 0x80–0x9F).
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeTextWithEncoding(bytes).text;
}

export type DetectedEncoding = "utf-16le" | "utf-16be" | "utf-8" | "utf-8-bom" | "windows-1252";

/** {@link decodeText}, also saying which encoding it found. */
export function decodeTextWithEncoding(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  if (startsWithBytes(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWithBytes(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: startsWithBytes(bytes, [0xef, 0xbb, 0xbf]) ? "utf-8-bom" : "utf-8" };
  } catch {
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode(...bytes.subarray(i, i + 8192)).replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
    }
    return { text, encoding: "windows-1252" };
  }
}

/** Elements whose content is never text a person wrote for the field. */
const HTML_DROPPED = new Set(["script", "style", "template", "noscript", "iframe", "object", "svg", "head"]);
/** Elements that break a line: their text stays apart from the next element's. */
const HTML_BLOCKS = new Set(["p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "blockquote", "pre", "hr"]);

/**
 * The text of an HTML fragment (job ads and profiles pasted from an ATS or a web page): tags and
 * the content of scripts and styles dropped, entities decoded, block elements on lines of their
 * own, runs of spaces collapsed. Plain text passes through unchanged apart from the spacing
 * ("salary < 50k" stays: a `<` not followed by a tag name is text).
 */
export function htmlToText(html: string): string {
  let out = "";
  let dropped = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HTML_DROPPED.has(name)) dropped++;
        else if (HTML_BLOCKS.has(name)) out += "\n";
      },
      ontext(text) {
        if (dropped === 0) out += text;
      },
      onclosetag(name, implied) {
        if (HTML_DROPPED.has(name)) dropped = Math.max(0, dropped - 1);
        else if (HTML_BLOCKS.has(name) && !implied) out += "\n";
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
