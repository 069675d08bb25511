import { mkdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { lock } from "proper-lockfile";
import { createLogger } from "../../common/log";
import { WanfengError } from "../../protocol";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./private-files";

const log = createLogger("store");

export const SERVER_LOCK = "server.lock";
export const SERVER_PID_FILE = "server.pid";

/** A live server refreshes the lock's mtime every UPDATE_MS; one not refreshed for STALE_MS is gone. */
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;

interface Owner {
  pid: number;
  hostname: string;
}

export interface ServerLock {
  release(): Promise<void>;
}

/**
 * Makes this process the only server on `dataDir`: two servers would each keep a day state of
 * their own and append to one journal. The lock is a proper-lockfile directory; the holder's pid
 * sits beside it in server.pid (the library removes the lock with rmdir, so nothing may be put
 * inside it).
 *
 * After kill -9 the lock stays fresh for up to STALE_MS, and a supervisor restarts at once: so a
 * lock whose holder on this host is no longer running (or is this very pid, as after a container
 * restart) is taken over at once. A pid reused by an unrelated process blocks only until the
 * lock goes stale. Two servers started in the same instant right after a crash could both decide
 * to take over; that window is accepted.
 */
export async function acquireServerLock(dataDir: string): Promise<ServerLock> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const lockDir = join(dataDir, SERVER_LOCK);
  const pidFile = join(dataDir, SERVER_PID_FILE);
  const target = join(dataDir, "server");
  const take = () =>
    lock(target, {
      realpath: false,
      lockfilePath: lockDir,
      stale: STALE_MS,
      update: UPDATE_MS,
      onCompromised: (err) =>
        log.error({ err, lockDir }, "the server lock was removed while this server ran"),
    });

  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ELOCKED") throw err;
    const owner = await readOwner(pidFile);
    if (!owner || isRunning(owner)) throw refusal(dataDir, owner);
    log.warn(
      { dataDir, pid: owner.pid },
      "taking over the server lock of a server that is no longer running",
    );
    await rm(lockDir, { recursive: true, force: true });
    try {
      release = await take();
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "ELOCKED") throw again;
      throw refusal(dataDir, await readOwner(pidFile));
    }
  }
  const owner: Owner = { pid: process.pid, hostname: hostname() };
  await writeFile(pidFile, `${JSON.stringify(owner)}\n`, { encoding: "utf-8", mode: PRIVATE_FILE_MODE });
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await unlink(pidFile).catch(() => undefined);
      await release();
    },
  };
}

function refusal(dataDir: string, owner: Owner | undefined): WanfengError {
  const pid = owner ? String(owner.pid) : "unknown";
  return new WanfengError("STORE_WRITE_FAILED", `another Wanfeng server is using ${dataDir} (pid ${pid})`, {
    dataDir,
    pid: owner?.pid,
    hostname: owner?.hostname,
  });
}

/** The holder as it wrote itself down, or undefined when it has not yet (it is starting). */
async function readOwner(pidFile: string): Promise<Owner | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(pidFile, "utf-8"));
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, hostname: host } = value as Record<string, unknown>;
    if (typeof pid !== "number" || typeof host !== "string") return undefined;
    return { pid, hostname: host };
  } catch {
    return undefined;
  }
}

/** Only a pid on this host can be checked; one on another host counts as running. */
function isRunning(owner: Owner): boolean {
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
