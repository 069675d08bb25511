import { join } from "node:path";
import { createLogger } from "../common/log";
import { demoClock, formatDemoClock } from "../demo/demo-clock";
import { readDemoLogins } from "../demo/demo-school";
import { startServer } from "../server/app";
import { dataDirFrom, KIOSK_DIST, portFrom } from "./paths";
import { openFileBackend, type StartBackend } from "./start-backend";
import { startNotice } from "./start-notice";
import { readTlsFiles } from "./tls-command";

const log = createLogger("cli");

export async function runStartCommand(options: {
  dataDir?: string;
  database?: string;
  school?: string;
  demo?: boolean;
  port?: string;
  host?: string;
  empty?: boolean;
  trustProxy?: boolean;
  tls?: boolean;
}): Promise<void> {
  const dataDir = dataDirFrom(options.dataDir);
  // The PostgreSQL modules (pg, the migration tool, the socket.io adapter) load only for a database.
  const backend: StartBackend = options.database
    ? await (await import("./start-database")).openDatabaseBackend(dataDir, {
        database: options.database,
        ...(options.school !== undefined ? { school: options.school } : {}),
        demo: options.demo === true,
      })
    : await openFileBackend(dataDir, { empty: options.empty === true });
  const { store, journal } = backend;
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
    ...(backend.socketAdapter ? { socketAdapter: backend.socketAdapter } : {}),
    kioskDir: KIOSK_DIST,
    photosDir: join(dataDir, "photos"),
  });

  const demo = school.settings.demo === true;
  const notice = startNotice({
    dataDir,
    demo,
    firstStart: backend.createdDemo,
    logins: demo && backend.createdDemo ? await readDemoLogins(dataDir) : undefined,
    users: school.users.length,
    userAddHint: backend.userAddHint,
  });
  if (notice) console.log(notice);
  if (clock) console.log(formatDemoClock(clock(), school.settings.timezone));
  console.log(`\nWanfeng is running: open ${server.url} in a browser (${backend.where}).\n`);
  backend.afterStart?.();

  const stop = async (signal: string) => {
    log.info({ signal }, "stopping");
    await server.close();
    await backend.release();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}
