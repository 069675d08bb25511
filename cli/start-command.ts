import { join } from "node:path";
import { createLogger } from "../common/log";
import { buildDemoSchool, formatDemoBanner, readDemoLogins, writeDemoLogins } from "../demo/demo-school";
import { startServer } from "../server/app";
import { openFileJournal } from "../server/store/file-journal";
import { auditJournal, auditLine } from "../server/store/journal-audit";
import { isFreshDataDir, openDocumentStore } from "../server/store/lowdb-store";
import { acquireServerLock } from "../server/store/server-lock";
import { dataDirFrom, KIOSK_DIST, portFrom } from "./paths";

const log = createLogger("cli");

export async function runStartCommand(options: {
  dataDir?: string;
  port?: string;
  host?: string;
  empty?: boolean;
}): Promise<void> {
  const dataDir = dataDirFrom(options.dataDir);
  // Before anything is read or written: a second server on the folder would fork the day state.
  const serverLock = await acquireServerLock(dataDir);
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
  const server = await startServer({
    store,
    journal,
    port: portFrom(options.port),
    ...(options.host ? { host: options.host } : {}),
    kioskDir: KIOSK_DIST,
    photosDir: join(dataDir, "photos"),
  });

  const school = store.schoolRoster();
  if (school.settings.demo) {
    const demo = await readDemoLogins(dataDir);
    if (demo) console.log(formatDemoBanner(demo));
  } else if (school.users.length === 0) {
    console.log("No logins yet. Add one:  npx wanfeng user add admin --role admin");
  }
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
  for (const audit of await auditJournal(dir)) {
    if (!audit.broken) continue;
    log.error({ day: audit.day, broken: audit.broken }, "journal hash chain broken");
    console.error(`WARNING: the record was changed after it was written: ${auditLine(audit)}`);
  }
}
