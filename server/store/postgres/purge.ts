import type pg from "pg";
import type { PhotoFiles } from "../../ports/photos";
import type { RosterReader, RosterWriter } from "../../ports/roster";
import type { PurgeDeps } from "../../privacy/purge";
import { currentActor } from "../change-actor";
import { recordPurge } from "./change-record";
import { daysToPseudonymiseOnDatabase, pseudonymiseDayOnDatabase } from "./journal-pseudonyms";

/**
 * What a retention purge (privacy/purge.ts, the same plan and rules as on a data folder) works on
 * for one school on a database: its storage, its events rows and its change record. Photos are
 * files on the node the purge runs on (docs/district.md: a folder every node shares).
 */
export function postgresPurgeDeps(
  pool: pg.Pool,
  schoolId: string,
  roster: RosterReader & RosterWriter,
  photos: PhotoFiles,
): PurgeDeps {
  return {
    roster,
    photos,
    journal: {
      daysBefore: (cutoff) => daysToPseudonymiseOnDatabase(pool, schoolId, cutoff),
      pseudonymiseDay: (day, purgeId, pseudonym) =>
        pseudonymiseDayOnDatabase(pool, schoolId, day, purgeId, pseudonym),
    },
    record: (note) => recordPurge(pool, schoolId, currentActor(), note),
  };
}
