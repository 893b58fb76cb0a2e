import { readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";

/**
 * The part of @huggingface/tokenizers used here. Its published .d.ts files use extensionless
 * relative imports that NodeNext resolution cannot follow, so the class types as `any`.
 */
interface HfTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
  token_to_id(token: string): number | undefined;
}
const HfTokenizerClass: new (tokenizerJson: object, tokenizerConfig: object) => HfTokenizer = Tokenizer;

export interface TokenizerOptions {
  maxLength: number;
  addSpecialTokens: boolean;
}

interface TokenizerJsonShape {
  padding?: { pad_id?: number } | null;
}

interface TokenizerConfigShape {
  pad_token_id?: number;
  pad_token?: string | { content?: string } | null;
  model_max_length?: number;
}

/**
 * Encodes text to ids for one model: special tokens as the model expects, truncated to
 * maxLength. @huggingface/tokenizers does not truncate, so this does it the way HF's
 * `truncation=True` does for a single sequence: cut the text's own tokens, keep the special ones.
 */
export class TextTokenizer {
  readonly padId: number;
  private readonly tokenizer: HfTokenizer;
  /** Special tokens wrapped around a single sequence, learned once from the post-processor. */
  private readonly prefix: number[];
  private readonly suffix: number[];

  constructor(
    tokenizerJson: unknown,
    tokenizerConfig: unknown,
    private readonly options: TokenizerOptions,
  ) {
    const config = (tokenizerConfig ?? {}) as TokenizerConfigShape;
    this.tokenizer = new HfTokenizerClass(tokenizerJson as object, config);
    this.padId = resolvePadId(this.tokenizer, tokenizerJson as TokenizerJsonShape, config);
    [this.prefix, this.suffix] = options.addSpecialTokens ? this.specialTokenFrame() : [[], []];
    if (this.prefix.length + this.suffix.length >= options.maxLength) {
      throw new Error(`maxLength ${options.maxLength} leaves no room for text between the special tokens`);
    }
  }

  static fromFiles(tokenizerPath: string, configPath: string | undefined, options: TokenizerOptions): TextTokenizer {
    const json: unknown = JSON.parse(readFileSync(tokenizerPath, "utf8"));
    const config: unknown = configPath ? JSON.parse(readFileSync(configPath, "utf8")) : {};
    return new TextTokenizer(json, config, options);
  }

  encode(text: string): number[] {
    const room = this.options.maxLength - this.prefix.length - this.suffix.length;
    let ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    if (ids.length > room) ids = ids.slice(0, room);
    if (ids.length === 0 && this.prefix.length + this.suffix.length === 0) {
      // A model without special tokens would pool over nothing; give it the pad token instead.
      ids = [this.padId];
    }
    return this.prefix.length + this.suffix.length === 0 ? ids : [...this.prefix, ...ids, ...this.suffix];
  }

  /** Finds what the post-processor puts before and after a sequence, e.g. [CLS] … [SEP]. */
  private specialTokenFrame(): [number[], number[]] {
    const probe = "hello";
    const bare = this.tokenizer.encode(probe, { add_special_tokens: false }).ids;
    const framed = this.tokenizer.encode(probe, { add_special_tokens: true }).ids;
    for (let start = 0; start + bare.length <= framed.length; start++) {
      if (bare.every((id, i) => framed[start + i] === id)) {
        return [framed.slice(0, start), framed.slice(start + bare.length)];
      }
    }
    throw new Error("cannot tell which special tokens the tokenizer adds around a sequence");
  }
}

function resolvePadId(tokenizer: HfTokenizer, json: TokenizerJsonShape, config: TokenizerConfigShape): number {
  if (typeof json.padding?.pad_id === "number") return json.padding.pad_id;
  if (typeof config.pad_token_id === "number") return config.pad_token_id;
  const padToken = typeof config.pad_token === "string" ? config.pad_token : config.pad_token?.content;
  const fromToken = padToken === undefined ? undefined : tokenizer.token_to_id(padToken);
  return fromToken ?? 0;
}
