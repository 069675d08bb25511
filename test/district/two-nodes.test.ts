import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { usePostgresDatabases } from "../support/postgres-database";
import {
  cardTap,
  connected,
  deviceClient,
  login,
  nextEvent,
  removeSchool,
  type ScreenClient,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { type ServerProcess, spawnServer } from "../support/server-process";
import { schoolOnDatabase } from "./district-school";

const freshDatabase = usePostgresDatabases();

/**
 * Issue 8: two `wanfeng start --database` processes on one PostgreSQL database are one system. The
 * school is the test school of the other server tests, moved into the database as `db import`
 * does; each node has only its own folder for local files.
 */
describe("two server nodes on one database", { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function district(): Promise<{
    url: string;
    school: TestSchool;
    a: ServerProcess;
    b: ServerProcess;
  }> {
    const url = await freshDatabase();
    const school = await schoolOnDatabase(url);
    cleanups.push(() => removeSchool(school));
    const node = async () => {
      const dir = await mkdtemp(join(tmpdir(), "wanfeng-node-"));
      const server = await spawnServer(dir, ["--database", url]);
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      cleanups.push(() => server.stop());
      return server;
    };
    return { url, school, a: await node(), b: await node() };
  }

  async function screen(url: string, user: string, view: Parameters<ScreenClient["emitWithAck"]>[1]) {
    const socket = screenClient(url, await login(url, user));
    cleanups.push(async () => socket.disconnect());
    await connected(socket);
    const snapshot = unwrap(await socket.emitWithAck("view:join", view as never));
    return { socket, snapshot };
  }

  async function device(url: string, token: string) {
    const socket = deviceClient(url, token);
    cleanups.push(async () => socket.disconnect());
    await connected(socket);
    return socket;
  }

  async function eventsOfType(url: string, type: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const result = await client.query("SELECT payload FROM events WHERE type = $1 ORDER BY day, seq", [type]);
    await client.end();
    return result.rows.map((r) => r.payload);
  }

  it("a tap on node A reaches the kiosk and the guard on node B; one child released on both at once is released once", async () => {
    const { url, school, a, b } = await district();
    const kiosk = await screen(b.url, "t1", { view: "room", groupId: "g1" });
    const guard = await screen(b.url, "guard", { view: "gate" });
    const kioskOnA = await screen(a.url, "t1", { view: "room", groupId: "g1" });

    const room = await device(a.url, school.tokens.room1);
    const checkedIn = nextEvent(kiosk.socket, "child:updated", (c) => c.childId === "c1");
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    expect((await checkedIn)[0].status).toBe("checked_in");

    const gate = await device(a.url, school.tokens.gate);
    const announced = nextEvent(kiosk.socket, "pickup:requested");
    const atGate = nextEvent(guard.socket, "pickup:requested");
    unwrap(await gate.emitWithAck("tap:report", cardTap("0000000001")));
    expect((await announced)[0].child).toMatchObject({ childId: "c1", status: "pickup_requested" });
    expect((await atGate)[0].child).toMatchObject({ childId: "c1", requestGateName: "南门" });

    // Two teachers press 放行 for c1 at the same moment, one on each node.
    const [onA, onB] = await Promise.all([
      kioskOnA.socket.emitWithAck("child:release", { childId: "c1" }),
      kiosk.socket.emitWithAck("child:release", { childId: "c1" }),
    ]);
    const answers = [onA, onB].map((answer) => ("error" in answer ? answer.error.code : answer.data.status));
    expect(answers).toContain("released");
    const released = (await eventsOfType(url, "child:released")) as { childId: string }[];
    expect(released.filter((e) => e.childId === "c1")).toHaveLength(1);

    // Both nodes show the same day.
    const onNodeA = await screen(a.url, "guard", { view: "gate" });
    const onNodeB = await screen(b.url, "guard", { view: "gate" });
    expect(onNodeA.snapshot.children).toEqual(onNodeB.snapshot.children);
  });
});
