import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, launchService, type ServiceProcess } from "./service-process";

const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WANFENG_BIN = join(PACKAGE_ROOT, "bin", "wanfeng.js");
const RELAY_ENTRY = join(PACKAGE_ROOT, "scripts", "bench", "relay-process.ts");

export interface ServiceEnv {
  /** The environment the services run with (the user's, not the bench's own log settings). */
  env: NodeJS.ProcessEnv;
  /** Where their stdout and stderr go. */
  logDir: string;
}

/** Where the servers keep the school: the data folder, or a school on a database and n nodes. */
export type WanfengPlace =
  | { dataDir: string }
  | { database: string; school: string; nodes: number; nodeDir: string };

/**
 * The Wanfeng servers, each exactly as `wanfeng start` runs: one process on the data folder (a
 * folder has one server: it is locked), or n nodes on the database (one after the other, so the
 * first has migrated before the others start); the clients spread their screens over all.
 */
export async function startWanfeng(place: WanfengPlace, io: ServiceEnv): Promise<ServiceProcess[]> {
  if ("dataDir" in place) return [await startNode(["--data-dir", place.dataDir], "wanfeng", io)];
  const servers: ServiceProcess[] = [];
  for (let i = 0; i < place.nodes; i++) {
    const where = ["--data-dir", join(place.nodeDir, `node-${i + 1}`), "--database", place.database];
    servers.push(await startNode([...where, "--school", place.school], `wanfeng-${i + 1}`, io));
  }
  return servers;
}

async function startNode(where: string[], label: string, io: ServiceEnv): Promise<ServiceProcess> {
  const port = await freePort();
  return launchService({
    label,
    // Run as a program, as `npm start` and `npx wanfeng` do: its first line carries the server's
    // V8 memory flags (bin/wanfeng.js).
    command: WANFENG_BIN,
    args: ["start", ...where, "--port", String(port), "--host", "127.0.0.1"],
    cwd: PACKAGE_ROOT,
    env: io.env,
    port,
    // Unauthenticated, so 401: answered by the app once it listens, after the day is rebuilt.
    readyPath: "/api/session",
    logFile: join(io.logDir, `${label}.log`),
  });
}

/** `wanfeng db import` of the generated school into a school of its own on the database. */
export async function importIntoDatabase(dataDir: string, database: string, school: string): Promise<void> {
  const run = promisify(execFile);
  await run(process.execPath, [
    WANFENG_BIN,
    "db",
    "import",
    "--from",
    dataDir,
    "--school",
    school,
    "--database",
    database,
  ]);
}

/** The relay in its own process, loaded through tsx as the server is. */
export function startRelay(
  relayLog: string,
  message: { viewTemplate: string; lineBytes: number },
  io: ServiceEnv,
): Promise<ServiceProcess> {
  return freePort().then((port) =>
    launchService({
      label: "relay",
      args: [
        "--import",
        "tsx",
        RELAY_ENTRY,
        "--port",
        String(port),
        "--log",
        relayLog,
        "--view-template",
        message.viewTemplate,
        "--line-bytes",
        String(message.lineBytes),
      ],
      cwd: PACKAGE_ROOT,
      env: io.env,
      port,
      readyPath: "/stats",
      logFile: join(io.logDir, "relay.log"),
    }),
  );
}

/** The relay's own count of lines, fsyncs (its group commit at work) and bytes written. */
export async function relayStats(
  relay: ServiceProcess,
): Promise<{ lines: number; syncs: number; bytes: number }> {
  const res = await fetch(`${relay.url}/stats`);
  return (await res.json()) as { lines: number; syncs: number; bytes: number };
}
