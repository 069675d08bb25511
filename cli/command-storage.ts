import type { Storage } from "../server/ports/storage";

/** The storage a one-shot command opened (cli/backend.ts), whichever backend holds it. */
export interface CommandStorage {
  storage: Storage;
  /** Where the data is, for messages: the folder, or the database URL without its password. */
  where: string;
  close(): Promise<void>;
}
