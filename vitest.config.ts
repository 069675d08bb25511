import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration and browser tests start real processes and ptys; keep them in separate forks.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
