import { createRequire } from "node:module";
import type { ViteUserConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * Settings every workspace's vitest config starts from. graphql (and graphql-query-complexity,
 * whose ESM build imports graphql's .mjs files) ship an ESM and a CJS build. Node loads the CJS
 * ones for `import` and `require` alike, but Vite would pick the ESM ones for our imports while
 * Apollo's CJS packages require the others: two "realms" of graphql that reject each other's
 * types. The aliases make tests load what Node loads in production.
 */
const sameAsNode = (name: string) => ({ find: new RegExp(`^${name}$`), replacement: require.resolve(name) });

export const shared: ViteUserConfig = {
  resolve: { alias: [sameAsNode("graphql"), sameAsNode("graphql-query-complexity")] },
};
