import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

/**
 * The Wanfeng servers, each exactly as `wanfeng start` runs. Today that is one process on the data
 * folder (a folder has one server: it is locked). A later `--database <url> --nodes <n>` starts n
 * of them on the database here; the clients already spread their screens over every endpoint.
 */
export async function startWanfeng(dataDir: string, io: ServiceEnv): Promise<ServiceProcess[]> {
  const port = await freePort();
  const server = await launchService({
    label: "wanfeng",
    args: [WANFENG_BIN, "start", "--data-dir", dataDir, "--port", String(port), "--host", "127.0.0.1"],
    cwd: PACKAGE_ROOT,
    env: io.env,
    port,
    // Unauthenticated, so 401: answered by the app once it listens, after the day is rebuilt.
    readyPath: "/api/session",
    logFile: join(io.logDir, "wanfeng.log"),
  });
  return [server];
}

/** The relay in its own process, loaded through tsx as the server is. */
export function startRelay(relayLog: string, viewBytes: number, io: ServiceEnv): Promise<ServiceProcess> {
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
        "--view-bytes",
        String(viewBytes),
      ],
      cwd: PACKAGE_ROOT,
      env: io.env,
      port,
      readyPath: "/stats",
      logFile: join(io.logDir, "relay.log"),
    }),
  );
}

/** The relay's own count of lines and fsyncs (its group commit at work). */
export async function relayStats(relay: ServiceProcess): Promise<{ lines: number; syncs: number }> {
  const res = await fetch(`${relay.url}/stats`);
  return (await res.json()) as { lines: number; syncs: number };
}
