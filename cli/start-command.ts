import { dirname, join } from "node:path";
import { createLogger } from "../common/log";
import { demoClock, formatDemoClock } from "../demo/demo-clock";
import { buildDemoSchool, readDemoLogins, writeDemoLogins } from "../demo/demo-school";
import { startServer } from "../server/app";
import { CHANGES_FOLDER } from "../server/store/change-record";
import { openFileJournal } from "../server/store/file-journal";
import { auditChanges, auditJournal, auditLine, purgeIndex } from "../server/store/journal-audit";
import { isFreshDataDir, openDocumentStore } from "../server/store/lowdb-store";
import { makeDataDirPrivate } from "../server/store/private-files";
import { acquireServerLock } from "../server/store/server-lock";
import { dataDirFrom, KIOSK_DIST, portFrom } from "./paths";
import { startNotice } from "./start-notice";
import { readTlsFiles } from "./tls-command";

const log = createLogger("cli");

export async function runStartCommand(options: {
  dataDir?: string;
  port?: string;
  host?: string;
  empty?: boolean;
  trustProxy?: boolean;
  tls?: boolean;
}): Promise<void> {
  const dataDir = dataDirFrom(options.dataDir);
  // Before anything is read or written: a second server on the folder would fork the day state.
  const serverLock = await acquireServerLock(dataDir);
  // Installs made before the data folder was private: fix them before anything is served.
  await makeDataDirPrivate(dataDir);
  const fresh = await isFreshDataDir(dataDir);
  const store = await openDocumentStore(dataDir);
  if (fresh && !options.empty) {
    const demo = await buildDemoSchool({});
    // The demo school is a whole document: seeding it is this file backend's own business.
    await store.update((db) => Object.assign(db, demo.db));
    await writeDemoLogins(dataDir, demo);
    log.info({ dataDir }, "created the demo school on an empty data folder");
  }
  await reportBrokenChains(join(dataDir, "journal"));
  const journal = await openFileJournal(join(dataDir, "journal"));
  const school = store.schoolRoster();
  // Only the demo school's afternoon runs on the demo clock; a real school on the real one.
  const clock = school.settings.demo ? demoClock(school) : undefined;
  const server = await startServer({
    ...(clock ? { clock } : {}),
    store,
    journal,
    port: portFrom(options.port),
    ...(options.host ? { host: options.host } : {}),
    trustProxy: options.trustProxy === true,
    ...(options.tls ? { tls: await readTlsFiles(dataDir) } : {}),
    kioskDir: KIOSK_DIST,
    photosDir: join(dataDir, "photos"),
  });

  const demo = school.settings.demo === true;
  const firstStart = fresh && !options.empty;
  const notice = startNotice({
    dataDir,
    demo,
    firstStart,
    logins: demo && firstStart ? await readDemoLogins(dataDir) : undefined,
    users: school.users.length,
  });
  if (notice) console.log(notice);
  if (clock) console.log(formatDemoClock(clock(), school.settings.timezone));
  console.log(`\nWanfeng is running: open ${server.url} in a browser (data in ${dataDir}).\n`);

  const stop = async (signal: string) => {
    log.info({ signal }, "stopping");
    await server.close();
    await serverLock.release();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

/** A journal changed after it was written is reported loudly at start; the server still starts. */
async function reportBrokenChains(dir: string): Promise<void> {
  const changesDir = join(dirname(dir), CHANGES_FOLDER);
  const audits = [
    ...(await auditJournal(dir, undefined, await purgeIndex(changesDir))),
    ...(await auditChanges(changesDir)),
  ];
  for (const audit of audits) {
    if (!audit.broken) continue;
    log.error({ day: audit.day, broken: audit.broken }, "hash chain broken");
    console.error(`WARNING: the record was changed after it was written: ${auditLine(audit)}`);
  }
}
