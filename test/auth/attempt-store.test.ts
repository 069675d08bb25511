import { afterAll, describe, expect, it } from "vitest";
import { AttemptLimit, type AttemptRule } from "../../server/auth/attempt-limit";
import { type AttemptStore, MemoryAttemptStore } from "../../server/auth/attempt-store";
import { PostgresAttemptStore } from "../../server/store/postgres/attempts";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { openPool } from "../../server/store/postgres/pool";
import { usePostgresDatabases } from "../support/postgres-database";

const freshDatabase = usePostgresDatabases();
const pools: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const pool of pools) await pool.end();
});

const RULE: AttemptRule = { counter: "test", max: 3, windowMs: 60_000, backoffAfter: 3, refusal: "no" };
const T0 = new Date("2026-12-01T08:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

const backends: [string, () => Promise<AttemptStore>][] = [
  ["memory", async () => new MemoryAttemptStore()],
  [
    "PostgreSQL",
    async () => {
      const url = await freshDatabase();
      await migrateDatabase(url);
      const pool = openPool(url, "test");
      pools.push(pool);
      return new PostgresAttemptStore(pool);
    },
  ],
];

describe.each(backends)("password attempts counted in %s", (_name, open) => {
  it("admits `max` of many parallel attempts on one key, and refuses the rest", async () => {
    const limit = new AttemptLimit(RULE, await open());
    const tries = await Promise.allSettled(Array.from({ length: 30 }, () => limit.reserve(["k"], T0)));
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(3);
  });

  it("gives a right attempt back, forgets after the window, keeps counters and keys apart", async () => {
    const store = await open();
    const limit = new AttemptLimit(RULE, store);
    const other = new AttemptLimit({ ...RULE, counter: "other" }, store);
    const right = await limit.reserve(["k"], T0);
    await limit.reserve(["k"], T0);
    await limit.reserve(["k"], T0);
    await expect(limit.reserve(["k"], T0)).rejects.toThrow(/no, try again in 60 s/);
    await other.reserve(["k"], T0);
    await limit.reserve(["j"], T0);
    await right.succeeded();
    await limit.reserve(["k"], T0);
    await expect(limit.reserve(["k", "j"], later(1000))).rejects.toThrow(/no/);
    await limit.reserve(["k"], later(60_000));
  });
});
