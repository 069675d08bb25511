import { dirname, join } from "node:path";
import { createLogger } from "../common/log";
import { buildDemoSchool, writeDemoLogins } from "../demo/demo-school";
import type { ServerOptions } from "../server/app";
import type { EventJournal } from "../server/domain/events";
import type { Storage } from "../server/ports/storage";
import { CHANGES_FOLDER } from "../server/store/change-record";
import { openFileJournal } from "../server/store/file-journal";
import { auditChanges, auditLine, purgeIndex } from "../server/store/journal-audit";
import { auditChangedDays } from "../server/store/journal-start-audit";
import { isFreshDataDir, openDocumentStore } from "../server/store/lowdb-store";
import { makeDataDirPrivate } from "../server/store/private-files";
import { acquireServerLock } from "../server/store/server-lock";

const log = createLogger("cli");

/** What `wanfeng start` serves from: storage, journal and what to release after the server stops. */
export interface StartBackend {
  store: Storage;
  journal: EventJournal;
  socketAdapter?: ServerOptions["socketAdapter"];
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
  await reportBrokenChains(join(dataDir, "journal"));
  const journal = await openFileJournal(join(dataDir, "journal"));
  return {
    store,
    journal,
    createdDemo,
    where: `data in ${dataDir}`,
    userAddHint: "npx wanfeng user add admin --role admin",
    release: () => serverLock.release(),
  };
}

/**
 * A journal changed after it was written is reported loudly at start; the server still starts.
 * Files unchanged since they last verified are not hashed again (journal-start-audit.ts).
 */
async function reportBrokenChains(dir: string): Promise<void> {
  const changesDir = join(dirname(dir), CHANGES_FOLDER);
  const audits = [
    ...(await auditChangedDays(dir, await purgeIndex(changesDir))),
    ...(await auditChanges(changesDir)),
  ];
  for (const audit of audits) {
    if (!audit.broken) continue;
    log.error({ day: audit.day, broken: audit.broken }, "hash chain broken");
    console.error(`WARNING: the record was changed after it was written: ${auditLine(audit)}`);
  }
}
