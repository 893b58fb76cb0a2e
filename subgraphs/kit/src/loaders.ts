import DataLoader from "dataloader";
import type { SubgraphContext } from "./context.js";
import { isUuid } from "./validation.js";

/**
 * The request's DataLoader of rows by id: one query per tick for every id asked for, null for an
 * id with no row (ids that cannot be a uuid never reach SQL).
 */
export function byIdLoader<T extends { id: string }>(
  ctx: Pick<SubgraphContext, "loader">,
  key: string,
  find: (ids: string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return ctx.loader(key, () =>
    new DataLoader(async (ids: readonly string[]) => {
      const rows = await find(ids.filter(isUuid));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
