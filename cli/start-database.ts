import { mkdir } from "node:fs/promises";
import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import { createLogger } from "../common/log";
import { buildDemoSchool, DEMO_SCHOOL_NAME, type DemoSchool, writeDemoLogins } from "../demo/demo-school";
import { isWanfengError, WanfengError } from "../protocol";
import { openPostgresJournal } from "../server/store/postgres/journal";
import { migrateDatabase } from "../server/store/postgres/migrate";
import { openPool, redactedUrl } from "../server/store/postgres/pool";
import { addSchool, listSchools, resolveSchool, type SchoolRow } from "../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../server/store/postgres/storage";
import { PRIVATE_DIR_MODE } from "../server/store/private-files";
import { onDatabase } from "./database-backend";
import { seedSchool } from "./seed-school";
import type { StartBackend } from "./start-backend";

const log = createLogger("cli");

export interface DatabaseStartOptions {
  database: string;
  school?: string;
  /** Create and seed the demo school when the database has no school yet. */
  demo?: boolean;
}

/**
 * One node of a school on PostgreSQL: the schema brought up to date, the school's storage and
 * journal, and socket.io's PostgreSQL adapter so that what this node emits reaches the screens on
 * every node. No lock: several nodes on one database is the point. The data folder still holds
 * this node's own files (TLS, photos, the demo's logins).
 */
export async function openDatabaseBackend(
  dataDir: string,
  options: DatabaseStartOptions,
): Promise<StartBackend> {
  const url = options.database;
  return onDatabase(url, async () => {
    const applied = await migrateDatabase(url);
    if (applied.length > 0) log.info({ applied }, "database schema updated");
    const pool = openPool(url, "server");
    // The adapter holds a LISTEN connection for good: its own pool, so it never starves the store's.
    const adapterPool = openPool(url, "socket.io");
    const closePools = () => Promise.all([pool.end(), adapterPool.end()]).then(() => undefined);
    let store: PostgresStorage | undefined;
    try {
      const { school, demo } = await openSchool(pool, options);
      store = await openPostgresStorage(pool, school.id);
      if (demo) {
        await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
        await seedSchool(store, demo.db);
        await writeDemoLogins(dataDir, demo);
        log.info({ school: school.id }, "created the demo school on an empty database");
      }
      const journal = await openPostgresJournal(pool, school.id);
      const opened = store;
      return {
        store: opened,
        journal,
        socketAdapter: createAdapter(adapterPool, {
          // Every school's nodes share the database: a school's emits stay among its own nodes.
          channelPrefix: `wf:${school.id}`,
          errorHandler: (err: Error) => log.warn({ err: { message: err.message } }, "socket.io adapter"),
        }),
        createdDemo: demo !== undefined,
        where: `school "${school.name}" on ${redactedUrl(url)}`,
        userAddHint: `npx wanfeng user add admin --role admin --database <url> --school ${JSON.stringify(school.name)}`,
        async release() {
          await opened.close();
          await closePools();
        },
      };
    } catch (err) {
      await store?.close();
      await closePools();
      throw err;
    }
  });
}

/**
 * The school `--school` names (default the only one); on a database without schools, with --demo,
 * a new demo school (returned with the document to seed it with).
 */
async function openSchool(
  pool: pg.Pool,
  options: DatabaseStartOptions,
): Promise<{ school: SchoolRow; demo?: DemoSchool }> {
  if ((await listSchools(pool)).length > 0 || options.school !== undefined)
    return { school: await resolveSchool(pool, options.school) };
  if (!options.demo)
    throw new WanfengError(
      "NOT_FOUND",
      "no school on this database yet: add one with `wanfeng school add <name> --database <url>` (and import its roster), or start with --demo for the demo school",
    );
  const demo = await buildDemoSchool({});
  try {
    const school = await addSchool(pool, { name: DEMO_SCHOOL_NAME, timezone: demo.db.settings.timezone });
    return { school, demo };
  } catch (err) {
    // Another node started with --demo at the same moment and made it: serve that one.
    if (isWanfengError(err) && err.code === "VALIDATION_FAILED")
      return { school: await resolveSchool(pool, DEMO_SCHOOL_NAME) };
    throw err;
  }
}
