import type pg from "pg";
import type { Logger } from "../../../common/log";
import type { Storage } from "../../ports/storage";
import { documentAccess } from "../document/access";
import { documentCare } from "../document/care";
import { documentRoster } from "../document/roster";
import { PostgresSchoolCopy } from "./school-copy";

/** The PostgreSQL backend of every storage port, for one school (docs/storage.md). */
export interface PostgresStorage extends Storage {
  close(): Promise<void>;
}

/**
 * Opens one school's data on a district database (migrated, the school added): loads it into
 * memory and listens for other processes' writes. The ports' rules are the file backend's
 * (server/store/document/), run on the school's copy inside each write's transaction; the tables'
 * constraints hold the rest (a username taken in another school). NOT_FOUND: no such school.
 */
export async function openPostgresStorage(
  pool: pg.Pool,
  schoolId: string,
  options: { log?: Logger } = {},
): Promise<PostgresStorage> {
  const copy = await PostgresSchoolCopy.open(pool, schoolId, options.log);
  return {
    onChange: (listener) => copy.onChange(listener),
    ...documentRoster(copy),
    ...documentAccess(copy),
    ...documentCare(copy),
    close: () => copy.close(),
  };
}
