import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/generated/**", ".data/**", ".cache/**", ".venv/**", "**/dist/**", "bench/results/**",
    // Hive Gateway for the gateway bench: its own npm project, installed on demand (test/bench/hive/package.json).
    "test/bench/hive/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  // The Console's React code: the rules of hooks.
  { files: ["console/src/**/*.tsx"], ...reactHooks.configs.flat["recommended-latest"] },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
