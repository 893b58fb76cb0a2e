import type { DbKind } from "../../src/index.js";

/** Every DB test runs once per kind; describe names end in "on pglite" / "on postgres". */
export const DB_KINDS: readonly DbKind[] = ["pglite", "postgres"];
