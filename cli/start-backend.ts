import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { dirname, join } from "node:path";
import { createLogger } from "../common/log";
import { buildDemoSchool, writeDemoLogins } from "../demo/demo-school";
import type { EventJournal } from "../server/domain/events";
import { CHANGES_FOLDER } from "../server/store/change-record";
import type { DocumentStorage } from "../server/store/document/storage";
import { openFileJournal } from "../server/store/file-journal";
import { auditChanges, auditLine, type DayAudit, purgeIndex } from "../server/store/journal-audit";
import { auditChangedDays } from "../server/store/journal-start-audit";
import { isFreshDataDir, openDocumentStore } from "../server/store/lowdb-store";
import { makeDataDirPrivate } from "../server/store/private-files";
import { acquireServerLock } from "../server/store/server-lock";

const log = createLogger("cli");

/** What `wanfeng start` serves from: storage, journal and what to release after the server stops. */
export interface StartBackend {
  store: DocumentStorage;
  journal: EventJournal;
  /** Work left for once the server serves (the file backend's check of older journal files). */
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
  const olderDays = await reportBrokenChains(join(dataDir, "journal"));
  const journal = await openFileJournal(join(dataDir, "journal"));
  return {
    store,
    journal,
    afterStart: olderDays,
    createdDemo,
    where: `data in ${dataDir}`,
    userAddHint: "npx wanfeng user add admin --role admin",
    release: () => serverLock.release(),
  };
}

/**
 * Changed day files verified before the server serves (the newest: the record most likely to be
 * touched, a school day is ~10 MB for 5,000 children); older ones once it serves.
 */
const DAYS_BEFORE_SERVING = 2;

/**
 * A journal changed after it was written is reported loudly at start; the server still starts.
 * Files unchanged since they last verified are not hashed again (journal-start-audit.ts); of the
 * changed ones, the newest two are verified before serving and the rest right after, by another
 * process (after an upgrade, a year of unverified files would hold the start up for most of a
 * minute). Returns that continuation.
 */
async function reportBrokenChains(dir: string): Promise<() => void> {
  const changesDir = join(dirname(dir), CHANGES_FOLDER);
  const purges = await purgeIndex(changesDir);
  const report = (audits: readonly DayAudit[]) => {
    for (const audit of audits) {
      if (!audit.broken) continue;
      log.error({ day: audit.day, broken: audit.broken }, "hash chain broken");
      console.error(`WARNING: the record was changed after it was written: ${auditLine(audit)}`);
    }
  };
  const first = await auditChangedDays(dir, purges, { atMost: DAYS_BEFORE_SERVING });
  report([...first.audits, ...(await auditChanges(changesDir))]);
  return () => {
    if (first.remaining > 0) verifyOlderDays(dirname(dir));
  };
}

/**
 * The older changed day files are hashed by `wanfeng audit verify --changed` in a process of its
 * own at the lowest priority: neither the server's event loop nor its memory carries them (a year
 * is near 2 GB of text to hash). Its report of a broken file is the server's warning.
 */
function verifyOlderDays(dataDir: string): void {
  const bin = process.argv[1];
  if (!bin) return;
  const child = spawn(process.execPath, [bin, "audit", "verify", "--changed", "-d", dataDir], {
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, 19);
    } catch {
      // Not allowed to lower it: it still runs, only not politely.
    }
  }
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.once("exit", (code) => {
    for (const line of out.split("\n").filter((l) => l.includes("BROKEN"))) {
      log.error({ line }, "hash chain broken");
      console.error(`WARNING: the record was changed after it was written: ${line.trim()}`);
    }
    log.info({ code }, "older journal files verified");
  });
}
