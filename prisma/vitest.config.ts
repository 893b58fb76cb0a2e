import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Every file opens PGlite (WASM start-up) and a fresh PostgreSQL database.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Much of the time is spent waiting on the PostgreSQL server, so two workers help even on two cores.
    maxWorkers: 2,
    // Names every test, so the output shows which database ("on pglite" / "on postgres") ran it.
    reporters: ["verbose"],
  },
});
