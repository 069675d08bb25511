import pg from "pg";
import { describe, expect, it } from "vitest";
import { usePostgresDatabases } from "../support/postgres-database";

const freshDatabase = usePostgresDatabases();

describe("the test run's throwaway PostgreSQL cluster", () => {
  it("gives each test its own empty database", async () => {
    const first = await freshDatabase();
    const second = await freshDatabase();
    expect(first).not.toBe(second);
    const client = new pg.Client({ connectionString: first });
    await client.connect();
    await client.query("CREATE TABLE t (n int)");
    const other = new pg.Client({ connectionString: second });
    await other.connect();
    const tables = await other.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't'");
    expect(tables.rows[0].n).toBe(0);
    await client.end();
    await other.end();
  });
});
