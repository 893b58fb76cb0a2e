import { createRequire } from "node:module";
import type { ViteUserConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * Settings every workspace's vitest config starts from. graphql ships an ESM and a CJS build.
 * Node loads the CJS one for `import` and `require` alike, but Vite would pick the ESM one for
 * our imports while Apollo's CJS packages require the other: two "realms" of graphql that reject
 * each other's types. The alias makes tests load what Node loads in production.
 */
export const shared: ViteUserConfig = {
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  // Set-up creates and migrates a database (PGlite in WASM): seconds, more on a busy CI machine.
  test: { hookTimeout: 60_000 },
};
