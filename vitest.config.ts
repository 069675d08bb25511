import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration and browser tests start real processes and ptys; keep them in separate forks.
    pool: "forks",
    // A throwaway PostgreSQL cluster for the PostgreSQL backend's tests (never the machine's own).
    globalSetup: ["test/support/postgres-global-setup.ts"],
    testTimeout: 30_000,
    // Screens update over sockets and agents report on intervals: a poll may need more than the 1 s
    // default on a loaded 2-core CI machine. It still fails, just not before the system had a chance.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 60_000,
  },
});
