import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((s) => /^postgres(ql)?:\/\//.test(s) && URL.canParse(s), "must be a postgresql:// URL");

const httpUrl = z
  .string()
  .trim()
  .refine((s) => /^https?:\/\//.test(s) && URL.canParse(s), "must be an http(s):// URL");

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const dbEnvSchema = z.object({
  DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
  PGLITE_DATA_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  TEST_DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.default("postgresql://postgres@127.0.0.1:5432/postgres")),
  ML_RUNTIME_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default("all-minilm-l6-v2")),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the variables this package reads; a bad value throws naming the variable. */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const result = dbEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new ConfigError(`Invalid environment: ${problems.join("; ")}`);
}

/** A connection URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable url>";
  }
}
