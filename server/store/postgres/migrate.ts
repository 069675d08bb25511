import { join } from "node:path";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { createLogger } from "../../../common/log";
import { packageRoot } from "../../../common/package-root";

const log = createLogger("store/postgres/migrate");

/** The SQL migrations, shipped with the package: one file per step, applied in name order. */
export const MIGRATIONS_DIR = join(packageRoot(), "server", "store", "postgres", "migrations");

/**
 * Creates or updates the schema (node-pg-migrate, its table `wanfeng_migrations`). Safe to run on
 * every start and from several nodes at once: node-pg-migrate's own lock fails a second runner
 * instead of waiting, so nodes queue on a lock of ours first (the runner reuses the session).
 * Returns the names of the steps it applied.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: "wanfeng migrate" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('wanfeng migrate'))");
    return await runMigrations(client);
  } finally {
    await client.end();
  }
}

async function runMigrations(client: pg.Client): Promise<string[]> {
  const applied = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    migrationsTable: "wanfeng_migrations",
    direction: "up",
    checkOrder: true,
    singleTransaction: true,
    // node-pg-migrate prints through console by default; Wanfeng logs JSON.
    logger: {
      debug: () => {},
      info: (msg: string) => log.debug({ msg }, "migration"),
      warn: (msg: string) => log.warn({ msg }, "migration"),
      error: (msg: string) => log.error({ msg }, "migration"),
    },
  });
  return applied.map((m) => m.name);
}
