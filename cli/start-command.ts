import { join } from "node:path";
import { createLogger } from "../common/log";
import { demoClock, formatDemoClock } from "../demo/demo-clock";
import { readDemoLogins } from "../demo/demo-school";
import { startServer } from "../server/app";
import type { SchoolRoster } from "../server/domain/entities";
import type { TlsFiles } from "../server/http/tls-listener";
import { filePurgeDeps } from "../server/store/file-purge";
import { dataDirFrom, KIOSK_DIST, portFrom } from "./paths";
import { openFileBackend } from "./start-backend";
import { startNotice } from "./start-notice";
import { readTlsFiles } from "./tls-command";

const log = createLogger("cli");

export interface StartOptions {
  dataDir?: string;
  database?: string;
  school?: string;
  demo?: boolean;
  port?: string;
  host?: string;
  empty?: boolean;
  trustProxy?: boolean;
  tls?: boolean;
}

/** The port and how it is served: the same for the data folder and a database. */
interface Listening {
  port: number;
  host?: string;
  trustProxy: boolean;
  tls?: TlsFiles;
  kioskDir: string;
}

/** What the start prints and how it stops, whichever backend serves. */
interface Started {
  url: string;
  where: string;
  createdDemo: boolean;
  userAddHint: string;
  /** The school whose demo logins, clock and login count the notice tells (the only one, or none). */
  school: SchoolRoster | undefined;
  afterStart?: () => void;
  stop(): Promise<void>;
}

export async function runStartCommand(options: StartOptions): Promise<void> {
  const dataDir = dataDirFrom(options.dataDir);
  const listening: Listening = {
    port: portFrom(options.port),
    ...(options.host ? { host: options.host } : {}),
    trustProxy: options.trustProxy === true,
    ...(options.tls ? { tls: await readTlsFiles(dataDir) } : {}),
    kioskDir: KIOSK_DIST,
  };
  const started = options.database
    ? await startOnDatabase(dataDir, options.database, options, listening)
    : await startOnFiles(dataDir, options, listening);

  const school = started.school;
  const demo = school?.settings.demo === true;
  const notice = startNotice({
    dataDir,
    demo,
    firstStart: started.createdDemo,
    logins: demo && started.createdDemo ? await readDemoLogins(dataDir) : undefined,
    users: school ? school.users.length : 1,
    userAddHint: started.userAddHint,
  });
  if (notice) console.log(notice);
  if (school && demo) console.log(formatDemoClock(demoClock(school)(), school.settings.timezone));
  console.log(`\nWanfeng is running: open ${started.url} in a browser (${started.where}).\n`);
  started.afterStart?.();

  const stop = async (signal: string) => {
    log.info({ signal }, "stopping");
    await started.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

/** The embedded store: the data folder's document and journals, one school. */
async function startOnFiles(dataDir: string, options: StartOptions, listening: Listening): Promise<Started> {
  const backend = await openFileBackend(dataDir, { empty: options.empty === true });
  const { store, journal } = backend;
  const school = store.schoolRoster();
  // Only the demo school's afternoon runs on the demo clock; a real school on the real one.
  const clock = school.settings.demo ? demoClock(school) : undefined;
  const server = await startServer({
    ...(clock ? { clock } : {}),
    store,
    journal,
    ...listening,
    photosDir: join(dataDir, "photos"),
    purge: filePurgeDeps(dataDir, store),
  });
  return {
    url: server.url,
    where: backend.where,
    createdDemo: backend.createdDemo,
    userAddHint: backend.userAddHint,
    school,
    ...(backend.afterStart ? { afterStart: backend.afterStart } : {}),
    async stop() {
      await server.close();
      await backend.release();
    },
  };
}

/**
 * A node of a district database: every school (or the one `--school` names) behind one port,
 * schools added later served within half a minute. The PostgreSQL modules (pg, the migration
 * tool, the socket.io adapter) load only here.
 */
async function startOnDatabase(
  dataDir: string,
  database: string,
  options: StartOptions,
  listening: Listening,
): Promise<Started> {
  const { openDatabaseBackend } = await import("./start-database");
  const { startDistrictServer } = await import("../server/district-server");
  const backend = await openDatabaseBackend(dataDir, {
    database,
    ...(options.school !== undefined ? { school: options.school } : {}),
    demo: options.demo === true,
  });
  const server = await startDistrictServer({
    schools: backend.schools,
    district: backend.district,
    attempts: backend.attempts,
    ...listening,
  }).catch(async (err: unknown) => {
    await backend.release();
    throw err;
  });
  backend.watchNewSchools((school) => server.addSchool(school));
  const only = backend.schools.length === 1 ? backend.schools[0] : undefined;
  return {
    url: server.url,
    where: backend.where,
    createdDemo: backend.createdDemo,
    userAddHint: backend.userAddHint,
    school: only?.store.schoolRoster(),
    async stop() {
      await server.close();
      await backend.release();
    },
  };
}
