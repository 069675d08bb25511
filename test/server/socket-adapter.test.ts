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
  cardTap,
  connected,
  createTestSchool,
  deviceClient,
  login,
  nextEvent,
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

  it("an alert raised by a tap on node A reaches the guard screen on node B", async () => {
    const url = await freshDatabase();
    // The adapter's table for large payloads comes with the schema.
    expect(await migrateDatabase(url)).toContain("0004_socket_io");
    school = await createTestSchool();
    const a = await node(url, "a", school.store, school.dataDir);
    const b = await node(url, "b", await openDocumentStore(school.dataDir), school.dataDir);

    const guard = screenClient(b.url, await login(b.url, "guard"));
    sockets.push(guard);
    await connected(guard);
    unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
    const raised = nextEvent(guard, "alert:raised", (alert) => alert.kind === "unknown_card");

    const gate = deviceClient(a.url, school.tokens.gate);
    sockets.push(gate);
    await connected(gate);
    unwrap(await gate.emitWithAck("tap:report", cardTap("0099999999")));
    const [alert] = await raised;
    expect(alert).toMatchObject({ kind: "unknown_card" });
  });
});
