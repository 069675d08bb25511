import { mkdir } from "node:fs/promises";
import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import { createLogger } from "../common/log";
import { demoClock } from "../demo/demo-clock";
import { buildDemoSchool, DEMO_SCHOOL_NAME, type DemoSchool, writeDemoLogins } from "../demo/demo-school";
import { isWanfengError, WanfengError } from "../protocol";
import type { SchoolToServe } from "../server/district-server";
import { auditLine, type DayAudit } from "../server/store/journal-audit";
import { photoFolder } from "../server/store/photo-folder";
import { PostgresAttemptStore } from "../server/store/postgres/attempts";
import { DistrictDirectory } from "../server/store/postgres/district-users";
import { openPostgresJournal } from "../server/store/postgres/journal";
import {
  auditPostgresChanges,
  auditPostgresJournal,
  postgresPurgeIndex,
} from "../server/store/postgres/journal-audit";
import { migrateDatabase } from "../server/store/postgres/migrate";
import { openPool, redactedUrl } from "../server/store/postgres/pool";
import { postgresPurgeDeps } from "../server/store/postgres/purge";
import { addSchool, listSchools, resolveSchool, type SchoolRow } from "../server/store/postgres/schools";
import { openPostgresStorage } from "../server/store/postgres/storage";
import { PRIVATE_DIR_MODE } from "../server/store/private-files";
import { onDatabase } from "./database-backend";
import { schoolPhotosDir } from "./paths";
import { seedSchool } from "./seed-school";

const log = createLogger("cli");
/** How soon a node serves a school added with `wanfeng school add` while it runs. */
const SCHOOL_POLL_MS = 30_000;

export interface DatabaseStartOptions {
  database: string;
  /** Serve this school only (name or id); default every school of the database. */
  school?: string;
  /** Create and seed the demo school when the database has no school yet. */
  demo?: boolean;
}

/** What `wanfeng start --database` serves: the schools, the district's logins, what to release. */
export interface DatabaseBackend {
  schools: SchoolToServe[];
  district: DistrictDirectory;
  /** Where password attempts count: one table for every school and node. */
  attempts: PostgresAttemptStore;
  /** Calls `serve` with each school added to the database from now on (not with --school). */
  watchNewSchools(serve: (school: SchoolToServe) => Promise<void>): void;
  createdDemo: boolean;
  where: string;
  userAddHint: string;
  release(): Promise<void>;
}

/**
 * One node of a district on PostgreSQL: the schema brought up to date, every school's storage and
 * journal (or the one `--school` names), and per school socket.io's PostgreSQL adapter, so what
 * this node emits reaches that school's screens on every node. No lock: several nodes on one
 * database is the point. The data folder still holds this node's own files (TLS, photos, the
 * demo's logins).
 */
export async function openDatabaseBackend(
  dataDir: string,
  options: DatabaseStartOptions,
): Promise<DatabaseBackend> {
  const url = options.database;
  return onDatabase(url, async () => {
    const applied = await migrateDatabase(url);
    if (applied.length > 0) log.info({ applied }, "database schema updated");
    const pool = openPool(url, "server");
    // Every school's logins and every node's count in the one table.
    const attempts = new PostgresAttemptStore(pool);
    const opened: OpenedSchool[] = [];
    let district: DistrictDirectory | undefined;
    const release = async () => {
      district?.close();
      for (const school of opened) await school.release();
      await pool.end();
    };
    const openOne = async (row: SchoolRow): Promise<SchoolToServe> => {
      const school = await openSchool(url, pool, row, schoolPhotosDir(dataDir, row.id));
      opened.push(school);
      return school.serve;
    };
    try {
      const { rows, demo } = await schoolsToServe(pool, options);
      const schools: SchoolToServe[] = [];
      for (const row of rows) {
        const serve = await openOne(row);
        if (demo && row.name === DEMO_SCHOOL_NAME) {
          await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
          await seedSchool(serve.store, demo.db);
          await writeDemoLogins(dataDir, demo);
          log.info({ school: row.id }, "created the demo school on an empty database");
          // Seeded after opening: the demo's afternoon clock is known only now.
          schools.push(withDemoClock(serve));
        } else schools.push(serve);
      }
      district = await DistrictDirectory.open(pool);
      const only = rows.length === 1 ? rows[0] : undefined;
      return {
        schools,
        district,
        attempts,
        watchNewSchools(serve) {
          if (options.school !== undefined) return;
          const known = new Set(rows.map((r) => r.id));
          const poll = setInterval(() => {
            void (async () => {
              for (const row of await listSchools(pool)) {
                if (known.has(row.id)) continue;
                known.add(row.id);
                await serve(await openOne(row));
              }
            })().catch((err: unknown) => log.warn({ err }, "looking for new schools failed"));
          }, SCHOOL_POLL_MS);
          poll.unref();
        },
        createdDemo: demo !== undefined,
        where: only
          ? `school "${only.name}" on ${redactedUrl(url)}`
          : `${rows.length} schools on ${redactedUrl(url)}`,
        userAddHint: `npx wanfeng user add admin --role admin --database <url>${
          only && rows.length === 1 ? "" : " --school <name>"
        }`,
        release,
      };
    } catch (err) {
      await release();
      throw err;
    }
  });
}

interface OpenedSchool {
  serve: SchoolToServe;
  release(): Promise<void>;
}

async function openSchool(
  url: string,
  pool: pg.Pool,
  row: SchoolRow,
  photosDir: string,
): Promise<OpenedSchool> {
  // The adapter holds a LISTEN connection for good: its own small pool per school, so it never
  // starves the store's.
  const adapterPool = openPool(url, "socket.io", 3);
  try {
    await reportBrokenChains(pool, row);
    const store = await openPostgresStorage(pool, row.id);
    const journal = await openPostgresJournal(pool, row.id);
    const serve: SchoolToServe = {
      id: row.id,
      name: row.name,
      store,
      journal,
      photosDir,
      // The nightly purge runs on one node of the school (an advisory lock, purge.ts).
      purge: postgresPurgeDeps(pool, row.id, store, photoFolder(photosDir)),
      socketAdapter: createAdapter(adapterPool, {
        // Every school's nodes share the database: a school's emits stay among its own nodes.
        channelPrefix: `wf:${row.id}`,
        errorHandler: (err: Error) => log.warn({ err: { message: err.message } }, "socket.io adapter"),
      }),
    };
    return {
      serve: withDemoClock(serve),
      async release() {
        await store.close();
        await adapterPool.end();
      },
    };
  } catch (err) {
    await adapterPool.end();
    throw err;
  }
}

/** How many of a school's latest days a node checks before serving it (`audit verify` does all). */
const DAYS_CHECKED_AT_START = 2;

/**
 * A record changed after it was written is reported loudly at start, as on a data folder: the
 * school's latest days and its change record. Every day is `wanfeng audit verify --database`'s,
 * run from cron (docs/district.md section 7): a year of events is too much to hash at every start.
 */
async function reportBrokenChains(pool: pg.Pool, school: SchoolRow): Promise<void> {
  const latest = await pool.query<{ day: string }>(
    "SELECT DISTINCT day::text AS day FROM events WHERE school_id = $1 ORDER BY day DESC LIMIT $2",
    [school.id, DAYS_CHECKED_AT_START],
  );
  const purges = await postgresPurgeIndex(pool, school.id);
  const audits: DayAudit[] = await auditPostgresChanges(pool, school.id);
  for (const { day } of latest.rows)
    audits.push(...(await auditPostgresJournal(pool, school.id, day, purges)));
  for (const audit of audits) {
    if (!audit.broken) continue;
    log.error({ school: school.name, day: audit.day, broken: audit.broken }, "hash chain broken");
    console.error(
      `WARNING: the record of ${school.name} was changed after it was written: ${auditLine(audit)}`,
    );
  }
}

/** Only the demo school's afternoon runs on the demo clock; a real school on the real one. */
function withDemoClock(school: SchoolToServe): SchoolToServe {
  const roster = school.store.schoolRoster();
  return roster.settings.demo ? { ...school, clock: demoClock(roster) } : school;
}

/**
 * The schools to serve: the one `--school` names, or all of them; on a database without schools,
 * with --demo, a new demo school (returned with the document to seed it with).
 */
async function schoolsToServe(
  pool: pg.Pool,
  options: DatabaseStartOptions,
): Promise<{ rows: SchoolRow[]; demo?: DemoSchool }> {
  if (options.school !== undefined) return { rows: [await resolveSchool(pool, options.school)] };
  const existing = await listSchools(pool);
  if (existing.length > 0) return { rows: existing };
  if (!options.demo)
    throw new WanfengError(
      "NOT_FOUND",
      "no school on this database yet: add one with `wanfeng school add <name> --database <url>` (and import its roster), or start with --demo for the demo school",
    );
  const demo = await buildDemoSchool({});
  try {
    const school = await addSchool(pool, { name: DEMO_SCHOOL_NAME, timezone: demo.db.settings.timezone });
    return { rows: [school], demo };
  } catch (err) {
    // Another node started with --demo at the same moment and made it: serve that one.
    if (isWanfengError(err) && err.code === "VALIDATION_FAILED")
      return { rows: [await resolveSchool(pool, DEMO_SCHOOL_NAME)] };
    throw err;
  }
}
