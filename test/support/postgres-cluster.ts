import { execFile, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test run's own: initdb into a temporary folder, pg_ctl on a free port
 * with its socket in that folder, never the machine's default cluster. PostgreSQL refuses to run
 * as root, so under root (CI) the folder belongs to the `postgres` user and the tools run as it.
 */
export interface ThrowawayCluster {
  /** URL of the `postgres` database, for creating each test's own database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "wanfeng-pg-"));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userIds("postgres") : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, "data");
  const port = await freePort();
  const as = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);

  await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]);
  // fsync off and a small shared memory: a test cluster is thrown away, speed matters more.
  const options = `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  await as("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  return {
    adminUrl: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
    async stop() {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian puts the server's tools in /usr/lib/postgresql/<major>/bin, off PATH; the newest wins. */
function postgresBinDir(): string {
  const fromEnv = process.env.WANFENG_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors[0] === undefined)
    throw new Error("PostgreSQL server tools not found: run scripts/setup.sh (installs postgresql)");
  return join(root, majors[0], "bin");
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(spawnSync("id", ["-u", name]).stdout.toString().trim());
  const gid = Number(spawnSync("id", ["-g", name]).stdout.toString().trim());
  if (!Number.isInteger(uid) || uid <= 0) throw new Error(`no "${name}" user to run PostgreSQL as`);
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
