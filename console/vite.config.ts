import { defineConfig } from "vite";

// The gateway serves the build at /app (gateway/src/app). JSX by Vite's own transform (tsconfig.app.json: react-jsx).
export default defineConfig({
  base: "/app/",
  build: {
    target: "es2022",
    // The page's CSP allows no inline script: keep the module-preload helper in a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: { proxy: { "/graphql": { target: "http://localhost:4000", ws: true } } },
});
