import { readdirSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateDatabase } from "../../server/store/postgres/migrate";
import { usePostgresDatabases } from "../support/postgres-database";

const freshDatabase = usePostgresDatabases();

describe("wanfeng's PostgreSQL migrations", () => {
  it("create the schema on an empty database, and a second run changes nothing", async () => {
    const url = await freshDatabase();
    const first = await migrateDatabase(url);
    // Every step shipped, in name order.
    const shipped = readdirSync(MIGRATIONS_DIR)
      .filter((name) => name.endsWith(".sql"))
      .map((name) => name.replace(/\.sql$/, ""))
      .sort();
    expect(shipped).toContain("0002_school_data");
    expect(first).toEqual(shipped);
    expect(await migrateDatabase(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    await client.end();
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(["schools", "children", "users", "sessions", "store_versions"]),
    );
  });

  it("run from two nodes at once, apply each step once", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    expect([...a, ...b].filter((name) => name === "0001_schools")).toHaveLength(1);
  });
});
