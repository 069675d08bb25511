import type pg from "pg";
import type { Storage } from "../../ports/storage";

/** The PostgreSQL backend of every storage port, for one school (docs/storage.md). */
export interface PostgresStorage extends Storage {
  close(): Promise<void>;
}

/** Placeholder until the PostgreSQL storage lands: the signature the wiring codes against. */
export async function openPostgresStorage(_pool: pg.Pool, _schoolId: string): Promise<PostgresStorage> {
  throw new Error("the PostgreSQL storage is not built yet");
}
