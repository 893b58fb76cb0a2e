import { z } from "zod";

/** Input limits shared by every subgraph; bad input is refused before it reaches SQL or the model. */
export const LIMITS = { text: 8_000, longText: 100_000, name: 300, k: 100, tags: 50 } as const;

export const requiredText = (max: number = LIMITS.text) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
export const optionalText = (max: number = LIMITS.text) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
export const topK = z.number().int("k must be an integer").min(1, "k must be at least 1").max(LIMITS.k, `k must be at most ${LIMITS.k}`);
export const uuid = (what = "id") => z.string().uuid(`${what} must be a UUID`);
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that cannot be a row's id are filtered before SQL (a uuid column would reject them). */
export const isUuid = (id: string): boolean => UUID_RE.test(id);
export const tags = z.array(z.string().trim().min(1).max(64)).max(LIMITS.tags).default([]);

/** Parses with a zod schema; a ZodError becomes BAD_USER_INPUT in formatError. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return schema.parse(value);
}
