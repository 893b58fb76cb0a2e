import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultModelCacheDir, defaultRegistryFile } from "./paths.js";

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes(".."), "must be a path inside the model folder");

export const modelEntrySchema = z.object({
  /** Folder name of the model under each search-path directory. */
  dir: relativePath,
  /** The .onnx file inside the folder; with a list, the first that exists wins. */
  onnx: z.union([relativePath, z.array(relativePath).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
  tokenizer: relativePath,
  output: z.enum(["last_hidden_state", "sentence_embedding", "token_embeddings"]),
  pooling: z.enum(["mean", "cls", "none"]),
  normalize: z.boolean(),
  maxLength: z.number().int().positive(),
  dimension: z.number().int().positive(),
  addSpecialTokens: z.boolean(),
  /** Prepended to each text of a request with `input_type: "query"` (BGE, E5). */
  queryPrefix: z.string().optional(),
  /** Prepended to each text of a request with `input_type: "passage"` / `"document"` (E5). */
  passagePrefix: z.string().optional(),
});

const modelId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "model ids are lower-case slugs");

export const registrySchema = z.record(modelId, modelEntrySchema);

/**
 * A text-generation model (`"kind": "generation"`): one GGUF file served by node-llama-cpp, which
 * reads the chat template from the file's metadata.
 */
export const generationEntrySchema = z.object({
  kind: z.literal("generation"),
  dir: relativePath,
  /** The .gguf file inside the folder. */
  file: relativePath.refine((p) => p.endsWith(".gguf"), "must be a .gguf file"),
  /** Tokens per sequence (prompt + completion). */
  contextSize: z.number().int().min(256),
  /** Size of the complete file; a file of another size (a partial copy) is never loaded. */
  bytes: z.number().int().positive().optional(),
  description: z.string().optional(),
});

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelRegistry = Record<string, ModelEntry>;
export type GenerationEntry = z.infer<typeof generationEntrySchema>;
export type GenerationRegistry = Record<string, GenerationEntry>;
export type PoolingMode = ModelEntry["pooling"];
export type InputType = "query" | "passage";

/**
 * What goes before each text of a request: the model's queryPrefix for queries, its
 * passagePrefix for passages, nothing when the request names no input type.
 */
export function inputPrefix(model: { queryPrefix?: string; passagePrefix?: string }, inputType: InputType | undefined): string {
  if (inputType === "query") return model.queryPrefix ?? "";
  if (inputType === "passage") return model.passagePrefix ?? "";
  return "";
}

/** The texts as the model sees them, prefixed for the input type. */
export function withInputPrefix(model: { queryPrefix?: string; passagePrefix?: string }, inputType: InputType | undefined, texts: string[]): string[] {
  const prefix = inputPrefix(model, inputType);
  return prefix === "" ? texts : texts.map((t) => prefix + t);
}

/** A registry entry whose files were found on disk. */
export interface ResolvedModel extends ModelEntry {
  id: string;
  /** The model folder that was used. */
  path: string;
  onnxPath: string;
  tokenizerPath: string;
  /** tokenizer_config.json beside tokenizer.json, when present. */
  tokenizerConfigPath?: string;
}

export class ModelNotFoundError extends Error {
  constructor(
    readonly modelId: string,
    readonly searched: string[],
  ) {
    super(
      `Model "${modelId}" was not found. Looked for:\n${searched.map((p) => `  ${p}`).join("\n")}\n` +
        `Run \`npm run models:fetch\` to download it, or set ML_MODEL_DIR to a folder that contains "${modelId}".`,
    );
    this.name = "ModelNotFoundError";
  }
}

export class UnknownModelError extends Error {
  constructor(
    readonly modelId: string,
    known: string[],
  ) {
    super(`Unknown model "${modelId}"; the registry has: ${known.join(", ")}`);
    this.name = "UnknownModelError";
  }
}

/** Embedding entries (no `kind`, or `"kind": "embedding"`) and generation entries of a registry file. */
export function parseRegistryKinds(json: unknown, source = "registry"): { embedding: ModelRegistry; generation: GenerationRegistry } {
  const isGeneration = (v: unknown) => typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "generation";
  const entries = typeof json === "object" && json !== null && !Array.isArray(json) ? Object.entries(json) : undefined;
  const split = (generation: boolean) => (entries ? Object.fromEntries(entries.filter(([, v]) => isGeneration(v) === generation)) : json);
  const embedding = registrySchema.safeParse(split(false));
  const generation = z.record(modelId, generationEntrySchema).safeParse(entries ? split(true) : {});
  if (embedding.success && generation.success) return { embedding: embedding.data, generation: generation.data };
  const issues = [...(embedding.error?.issues ?? []), ...(generation.error?.issues ?? [])];
  const lines = issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(`Invalid model registry ${source}:\n${lines.join("\n")}`);
}

/** The embedding models of a registry (generation entries are checked, then left out). */
export function parseRegistry(json: unknown, source = "registry"): ModelRegistry {
  return parseRegistryKinds(json, source).embedding;
}

function readRegistryFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`Cannot read model registry ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function loadRegistry(file: string = defaultRegistryFile): ModelRegistry {
  return parseRegistry(readRegistryFile(file), file);
}

export function loadGenerationRegistry(file: string = defaultRegistryFile): GenerationRegistry {
  return parseRegistryKinds(readRegistryFile(file), file).generation;
}

/** `ML_MODEL_DIR` entries (a `:`-separated list) followed by `<repo>/.cache/models`, without duplicates. */
export function modelSearchPath(modelDirs: readonly string[] = []): string[] {
  const dirs = [...modelDirs, defaultModelCacheDir].filter((d) => d.trim() !== "").map((d) => path.resolve(d));
  return [...new Set(dirs)];
}

export function splitPathList(value: string | undefined): string[] {
  return (value ?? "").split(path.delimiter).filter((d) => d.trim() !== "");
}

export function resolveModel(registry: ModelRegistry, id: string, searchPath: readonly string[]): ResolvedModel {
  const entry = registry[id];
  if (!entry) throw new UnknownModelError(id, Object.keys(registry));
  const searched: string[] = [];
  for (const base of searchPath) {
    const folder = path.join(base, entry.dir);
    for (const candidate of entry.onnx) {
      const onnxPath = path.join(folder, candidate);
      searched.push(onnxPath);
      if (!existsSync(onnxPath)) continue;
      const tokenizerPath = path.join(folder, entry.tokenizer);
      if (!existsSync(tokenizerPath)) {
        throw new Error(`Model "${id}" has ${onnxPath} but no tokenizer at ${tokenizerPath}; run \`npm run models:fetch\`.`);
      }
      const configPath = path.join(path.dirname(tokenizerPath), "tokenizer_config.json");
      return {
        ...entry,
        id,
        path: folder,
        onnxPath,
        tokenizerPath,
        tokenizerConfigPath: existsSync(configPath) ? configPath : undefined,
      };
    }
  }
  throw new ModelNotFoundError(id, searched);
}

/** A generation entry whose GGUF file was found (complete, when the registry gives its size). */
export interface ResolvedGenerationModel extends GenerationEntry {
  id: string;
  /** The model folder that was used. */
  path: string;
  ggufPath: string;
}

export class GenerationModelNotFoundError extends Error {
  constructor(
    readonly modelId: string,
    readonly searched: string[],
  ) {
    super(
      `Generation model "${modelId}" was not found. Looked for:\n${searched.map((p) => `  ${p}`).join("\n")}\n` +
        `Run \`npm run models:fetch -- ${modelId}\` to download it, or set ML_MODEL_DIR to a folder that contains "${modelId}/".`,
    );
    this.name = "GenerationModelNotFoundError";
  }
}

/** Finds a generation model's GGUF file on the search path; a file of the wrong size does not count. */
export function resolveGenerationModel(registry: GenerationRegistry, id: string, searchPath: readonly string[]): ResolvedGenerationModel {
  const entry = registry[id];
  if (!entry) throw new UnknownModelError(id, Object.keys(registry));
  const searched: string[] = [];
  for (const base of searchPath) {
    const folder = path.join(base, entry.dir);
    const ggufPath = path.join(folder, entry.file);
    let size: number | undefined;
    try {
      size = statSync(ggufPath).size;
    } catch {
      size = undefined;
    }
    if (size === undefined) {
      searched.push(ggufPath);
      continue;
    }
    if (entry.bytes !== undefined && size !== entry.bytes) {
      searched.push(`${ggufPath} (${size} bytes, expected ${entry.bytes}: incomplete)`);
      continue;
    }
    return { ...entry, id, path: folder, ggufPath };
  }
  throw new GenerationModelNotFoundError(id, searched);
}
