import { join } from "node:path";
import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { openPool } from "../../server/store/postgres/pool";
import { usePostgresDatabases } from "../support/postgres-database";
import {
  connected,
  createTestSchool,
  deviceClient,
  login,
  removeSchool,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

const freshDatabase = usePostgresDatabases();

/**
 * Two nodes of one school (here two file stores on one folder; the PostgreSQL storage is tested
 * on its own) joined by socket.io's PostgreSQL adapter, as `wanfeng start --database` wires it.
 */
describe("socket.io across nodes through PostgreSQL (issue 8)", () => {
  let school: TestSchool | undefined;
  const servers: RunningServer[] = [];
  const pools: pg.Pool[] = [];
  const sockets: { disconnect(): unknown }[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const server of servers.splice(0)) await server.close();
    for (const pool of pools.splice(0)) await pool.end();
    if (school) await removeSchool(school);
    school = undefined;
  });

  async function node(url: string, name: string, store: TestSchool["store"], dataDir: string) {
    const pool = openPool(url, `node ${name}`);
    pools.push(pool);
    const server = await startServer({
      store,
      journal: await openFileJournal(join(dataDir, `journal-${name}`)),
      port: 0,
      host: "127.0.0.1",
      socketAdapter: createAdapter(pool, { channelPrefix: "wf:test-school" }),
    });
    servers.push(server);
    return server;
  }

  it("the technician on node B configures readers of a gate agent connected to node A", async () => {
    const url = await freshDatabase();
    // The adapter's table for large payloads comes with the schema.
    expect(await migrateDatabase(url)).toContain("0004_socket_io");
    school = await createTestSchool();
    const a = await node(url, "a", school.store, school.dataDir);
    const b = await node(url, "b", await openDocumentStore(school.dataDir), school.dataDir);
    const gateId = school.store.read().devices.find((d) => d.name === "南门")?.id ?? "";

    // Day updates are each node's own (every node folds every event and tells its screens); what
    // crosses through the adapter is a message for one socket or device wherever it is connected.
    const gate = deviceClient(a.url, school.tokens.gate);
    sockets.push(gate);
    const configured = new Promise<unknown>((resolve) =>
      gate.on("device:config", (config) => {
        if ((config.readers?.length ?? 0) > 0) resolve(config.readers);
      }),
    );
    await connected(gate);

    const tech = screenClient(b.url, await login(b.url, "tech"));
    sockets.push(tech);
    await connected(tech);
    const readers = [{ profile: "generic/rdm6300", path: "/dev/ttyUSB7" }];
    unwrap(await tech.emitWithAck("device:configureReaders", { deviceId: gateId, readers }));
    expect(await configured).toEqual([{ readerId: "ttyUSB7", ...readers[0] }]);
  });
});
