import { defineConfig, mergeConfig } from "vitest/config";
import { shared } from "../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ["e2e/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 180_000,
      // Each file starts a whole platform (ml-runtime, five subgraphs, gateway); on two cores they run one at a time.
      fileParallelism: false,
      reporters: ["verbose"],
    },
  }),
);
