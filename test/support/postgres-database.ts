import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/**
 * Gives a test file fresh, empty databases in the run's throwaway cluster
 * (test/support/postgres-global-setup.ts), dropped when the file ends.
 */
export function usePostgresDatabases(): () => Promise<string> {
  const adminUrl = inject("postgresAdminUrl");
  const made: string[] = [];
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return async () => {
    const name = `test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    made.push(name);
    return adminUrl.replace(/\/postgres\?/, `/${name}?`);
  };
}
