import type pg from "pg";
import { WanfengError } from "../protocol";
import { DistrictDirectory } from "../server/store/postgres/district-users";
import { migrateDatabase } from "../server/store/postgres/migrate";
import { openPool, redactedUrl } from "../server/store/postgres/pool";
import { resolveSchool, type SchoolRow } from "../server/store/postgres/schools";
import { openPostgresStorage } from "../server/store/postgres/storage";
import type { CommandStorage } from "./command-storage";

/** A one-shot command's storage on a database: the school `school` names (or the only one). */
export async function openDatabaseStorage(
  url: string,
  school: string | undefined,
  purpose: string,
  access: { writes: boolean },
): Promise<CommandStorage> {
  return onDatabase(url, async () => {
    const opened = await openSchoolOnDatabase(url, school, purpose, access);
    const { pool } = opened;
    try {
      const storage = await openPostgresStorage(pool, opened.school.id);
      return {
        storage,
        where: `${opened.school.name} on ${redactedUrl(url)}`,
        async close() {
          await storage.close();
          await pool.end();
        },
      };
    } catch (err) {
      await pool.end();
      throw err;
    }
  });
}

/** The district's logins (not a school's): `user add --role district`. Migrates first. */
export async function openDistrictLogins(
  url: string,
  purpose: string,
): Promise<{ logins: DistrictDirectory; close(): Promise<void> }> {
  return onDatabase(url, async () => {
    await migrateDatabase(url);
    const pool = openPool(url, purpose);
    try {
      const logins = await DistrictDirectory.open(pool);
      return {
        logins,
        async close() {
          logins.close();
          await pool.end();
        },
      };
    } catch (err) {
      await pool.end();
      throw err;
    }
  });
}

/**
 * A pool on the database and the school `--school` names, or the only one (errors list the
 * schools there are). The pool is the caller's to end.
 */
export async function openSchoolOnDatabase(
  url: string,
  school: string | undefined,
  purpose: string,
  access: { writes: boolean },
): Promise<{ pool: pg.Pool; school: SchoolRow }> {
  if (access.writes) await migrateDatabase(url);
  const pool = openPool(url, purpose);
  try {
    return { pool, school: await resolveSchool(pool, school) };
  } catch (err) {
    await pool.end();
    throw err;
  }
}

/** PostgreSQL's code for a table that does not exist. */
const UNDEFINED_TABLE = "42P01";

/**
 * Runs `work` against the database and keeps the URL's password out of whatever it throws (a
 * driver or parser may quote the URL it was given, and CLI errors are printed and often logged).
 * A database without the schema yet gets the command that makes it.
 */
export async function onDatabase<T>(url: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === UNDEFINED_TABLE)
      throw new WanfengError(
        "NOT_FOUND",
        `no Wanfeng schema on ${redactedUrl(url)} yet: wanfeng db migrate --database <url>`,
      );
    const code = (err as { code?: string }).code ?? "";
    // Connecting to "localhost" tries both addresses: Node then throws an AggregateError, no message.
    if (UNREACHABLE.has(code))
      throw new Error(`cannot reach the database ${redactedUrl(url)}: ${(err as Error).message || code}`);
    throw scrubbed(err, passwordOf(url));
  }
}

/** Node's codes for a server that is not there or not answering. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EAI_AGAIN"]);

function passwordOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.password || parsed.searchParams.get("password") || undefined;
  } catch {
    return undefined;
  }
}

function scrubbed(err: unknown, password: string | undefined): unknown {
  if (!password || !(err instanceof Error)) return err;
  const variants = [password, safeDecode(password)];
  let message = err.message;
  for (const secret of variants) message = message.split(secret).join("***");
  if (message === err.message) return err;
  err.message = message;
  if (err.stack) err.stack = `${err.constructor.name}: ${message}`;
  return err;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
