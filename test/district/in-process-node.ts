import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabaseBackend } from "../../cli/start-database";
import { startDistrictServer } from "../../server/district-server";

export interface InProcessNode {
  url: string;
  close(): Promise<void>;
}

/**
 * A node wired as `wanfeng start --database` wires it (cli/start-database.ts, then the district
 * server), inside the test's process: quicker than spawning one, and two of them on one database
 * are two nodes all the same (each its own pools, LISTEN connections and socket.io adapters).
 */
export async function startNodeInProcess(databaseUrl: string): Promise<InProcessNode> {
  const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-node-"));
  const backend = await openDatabaseBackend(dataDir, { database: databaseUrl });
  const server = await startDistrictServer({
    schools: backend.schools,
    district: backend.district,
    attempts: backend.attempts,
    port: 0,
    host: "127.0.0.1",
  });
  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    // A test may stop a node itself; its cleanup stops it again.
    close() {
      closed ??= (async () => {
        await server.close();
        await backend.release();
        await rm(dataDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
