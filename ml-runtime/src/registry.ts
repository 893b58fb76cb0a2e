import { existsSync, readFileSync } from "node:fs";
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
  queryPrefix: z.string().optional(),
});

export const registrySchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "model ids are lower-case slugs"), modelEntrySchema);

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelRegistry = Record<string, ModelEntry>;
export type PoolingMode = ModelEntry["pooling"];

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

export function parseRegistry(json: unknown, source = "registry"): ModelRegistry {
  const result = registrySchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(`Invalid model registry ${source}:\n${lines.join("\n")}`);
}

export function loadRegistry(file: string = defaultRegistryFile): ModelRegistry {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`Cannot read model registry ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseRegistry(json, file);
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
