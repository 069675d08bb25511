import type pg from "pg";
import type { EventJournal } from "../../domain/events";

/** Placeholder until the PostgreSQL journal lands: the signature the wiring codes against. */
export async function openPostgresJournal(_pool: pg.Pool, _schoolId: string): Promise<EventJournal> {
  throw new Error("the PostgreSQL journal is not built yet");
}
