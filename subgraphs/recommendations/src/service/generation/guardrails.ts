import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import type { Draft } from "./compose.js";

/** obscenity's maintained English word list, with its transformers for obfuscated spellings (l33t, repeated letters). */
const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

export const isProfane = (text: string): boolean => profanity.hasMatch(text);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+?\d[\d ()./-]{7,}\d/g;

/**
 * Guardrails on a draft before it is rendered:
 * - profanity: a sentence with a word from the list is dropped (a courtesy line is replaced);
 * - personal data: names, e-mail addresses and phone numbers of other customers' contacts are
 *   redacted, and so is any e-mail address or phone number that neither the knowledge passages nor
 *   this customer's own contacts contain (a model must not invent or copy one).
 * Returns what was changed, for the answer's verification record.
 */
export function applyGuardrails(
  draft: Draft,
  options: { otherCustomersData: string[]; allowed: string[]; courtesy: { opening: string; closing: string } },
): string[] {
  const notes: string[] = [];
  const allowed = new Set(options.allowed.map((a) => a.toLowerCase()));
  const redact = (text: string): string => {
    let out = text;
    for (const value of options.otherCustomersData) {
      const re = new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
      if (re.test(out)) {
        out = out.replace(re, "[redacted]");
        notes.push("personal data of another customer redacted");
      }
    }
    out = out.replace(EMAIL, (m) => (allowed.has(m.toLowerCase()) ? m : (notes.push("unknown e-mail address redacted"), "[redacted]")));
    out = out.replace(PHONE, (m) => (allowed.has(m.toLowerCase()) || !/\d{3}/.test(m.replace(/\D/g, "").slice(0, 3)) || m.replace(/\D/g, "").length < 9 ? m : (notes.push("unknown phone number redacted"), "[redacted]")));
    return out;
  };
  if (isProfane(draft.opening)) {
    draft.opening = options.courtesy.opening;
    notes.push("profane opening replaced");
  }
  if (isProfane(draft.closing)) {
    draft.closing = options.courtesy.closing;
    notes.push("profane closing replaced");
  }
  draft.opening = redact(draft.opening);
  draft.closing = redact(draft.closing);
  for (const p of draft.paragraphs) {
    p.sentences = p.sentences.filter((s) => {
      if (isProfane(s.text)) {
        notes.push("profane sentence dropped");
        return false;
      }
      s.text = redact(s.text);
      return true;
    });
  }
  draft.paragraphs = draft.paragraphs.filter((p) => p.sentences.length > 0);
  return [...new Set(notes)];
}
