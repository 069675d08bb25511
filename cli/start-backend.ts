import { join } from "node:path";
import { createLogger } from "../common/log";
import { buildDemoSchool, writeDemoLogins } from "../demo/demo-school";
import type { EventJournal } from "../server/domain/events";
import type { DocumentStorage } from "../server/store/document/storage";
import { openFileJournal } from "../server/store/file-journal";
import { isFreshDataDir, openDocumentStore } from "../server/store/lowdb-store";
import { makeDataDirPrivate } from "../server/store/private-files";
import { acquireServerLock } from "../server/store/server-lock";
import { checkRecordAtStart } from "./start-audit";

const log = createLogger("cli");

/** What `wanfeng start` serves from: storage, journal and what to release after the server stops. */
export interface StartBackend {
  store: DocumentStorage;
  journal: EventJournal;
  /** Work left for once the server serves (the file backend's check of changed journal files). */
  afterStart?: () => void;
  /** This start created the demo school (its passwords are printed this once). */
  createdDemo: boolean;
  /** Where the data is, for the "running" line: the folder, or the school on its database. */
  where: string;
  /** The `user add` a school without logins needs, as the operator would type it. */
  userAddHint: string;
  /** After the server closed (which closes the journal). */
  release(): Promise<void>;
}

/** The embedded backend: the data folder's document and journal files, one server per folder. */
export async function openFileBackend(dataDir: string, options: { empty?: boolean }): Promise<StartBackend> {
  // Before anything is read or written: a second server on the folder would fork the day state.
  const serverLock = await acquireServerLock(dataDir);
  // Installs made before the data folder was private: fix them before anything is served.
  await makeDataDirPrivate(dataDir);
  const fresh = await isFreshDataDir(dataDir);
  const store = await openDocumentStore(dataDir);
  const createdDemo = fresh && !options.empty;
  if (createdDemo) {
    const demo = await buildDemoSchool({});
    // The demo school is a whole document: seeding it is this file backend's own business.
    await store.update((db) => Object.assign(db, demo.db));
    await writeDemoLogins(dataDir, demo);
    log.info({ dataDir }, "created the demo school on an empty data folder");
  }
  const checkJournal = await checkRecordAtStart(dataDir);
  const journal = await openFileJournal(join(dataDir, "journal"));
  return {
    store,
    journal,
    afterStart: checkJournal,
    createdDemo,
    where: `data in ${dataDir}`,
    userAddHint: "npx wanfeng user add admin --role admin",
    release: () => serverLock.release(),
  };
}
