import { WanfengError } from "../protocol";
import { openDocumentStore } from "../server/store/lowdb-store";
import type { CommandStorage } from "./command-storage";
import { dataDirFrom } from "./paths";

/** What every command acting on one school's data takes: the data folder, or a database and a school. */
export interface BackendOptions {
  dataDir?: string;
  /** A PostgreSQL URL (`--database`, or DATABASE_URL through commander). */
  database?: string;
  /** `--school <name|id>`: which school of the database; with the file store, the folder's own. */
  school?: string;
}

export type { CommandStorage } from "./command-storage";

/**
 * Opens the storage a one-shot command works on: the file store in the data folder as always, or
 * with a database its school's PostgreSQL storage. Commands that write migrate first, so a fresh
 * database works without a separate `db migrate`. The PostgreSQL modules load only for a database.
 */
export async function openCommandStorage(
  options: BackendOptions,
  purpose: string,
  access: { writes: boolean },
): Promise<CommandStorage> {
  if (!options.database) return openFileStorage(options);
  const { openDatabaseStorage } = await import("./database-backend");
  return openDatabaseStorage(options.database, options.school, purpose, access);
}

async function openFileStorage(options: BackendOptions): Promise<CommandStorage> {
  const dataDir = dataDirFrom(options.dataDir);
  const storage = await openDocumentStore(dataDir);
  checkFileSchool(storage.schoolRoster().settings.schoolName, options.school);
  return { storage, where: dataDir, close: async () => {} };
}

/**
 * A data folder holds one school: `--school` may name it (scripts written for a district also run
 * against one school's folder) but never another.
 */
export function checkFileSchool(schoolName: string, wanted: string | undefined): void {
  if (wanted === undefined) return;
  if (wanted.trim().toLowerCase() === schoolName.trim().toLowerCase()) return;
  throw new WanfengError("NOT_FOUND", `this data folder holds the school "${schoolName}", not "${wanted}"`, {
    field: "school",
  });
}
