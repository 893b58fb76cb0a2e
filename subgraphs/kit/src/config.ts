import { z } from "zod";

export class ConfigError extends Error {}

/**
 * Parses environment variables once, at start-up, with a zod object schema. A bad value throws a
 * ConfigError whose message names the variable, so a process stops before it serves anything.
 * An empty variable counts as unset (as compose files and shells often pass them).
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

/** Common env fields. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");
