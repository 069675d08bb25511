import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OverviewUpdate, ViewSnapshot } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  login,
  nextEvent,
  removeSchool,
  type ScreenClient,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { addLeader, tapAt, testClock } from "./overview-support";

/** 16:30 in Shanghai on Monday 2026-11-23, a care day. */
const AFTERNOON = "2026-11-23T08:30:00Z";

describe("the duty leader's overview on the server", () => {
  let school: TestSchool;
  let server: RunningServer;
  const time = testClock(AFTERNOON);
  const sockets: (ScreenClient | DeviceClient)[] = [];

  beforeEach(async () => {
    time.set(AFTERNOON);
    school = await createTestSchool();
    await addLeader(school);
    server = await startTestServer(school, time.clock);
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
    await removeSchool(school);
  });

  async function screen(username: string) {
    const socket = screenClient(server.url, await login(server.url, username));
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async function device(token: string) {
    const socket = deviceClient(server.url, token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  it("is refused to teachers, guards and technicians, on the socket and over HTTP", async () => {
    for (const username of ["t1", "guard", "tech"]) {
      const socket = await screen(username);
      const answer = await socket.emitWithAck("view:join", { view: "overview" });
      expect(answer, username).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
      const cookie = await login(server.url, username);
      for (const path of [
        "/api/reports/daily?day=2026-11-23",
        "/api/reports/daily.csv?day=2026-11-23",
        "/api/reports/monthly.xlsx?month=2026-11",
      ]) {
        const res = await fetch(server.url + path, { headers: { cookie } });
        expect(res.status, `${username} ${path}`).toBe(403);
      }
      const signOff = await fetch(`${server.url}/api/days/2026-11-23/sign-off`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ note: "x" }),
      });
      expect(signOff.status).toBe(403);
    }
    expect((await fetch(`${server.url}/api/reports/daily?day=2026-11-23`)).status).toBe(401);
  });

  it("gives the leader and admin every group's counts", async () => {
    for (const username of ["leader", "admin"]) {
      const socket = await screen(username);
      const snapshot: ViewSnapshot = unwrap(await socket.emitWithAck("view:join", { view: "overview" }));
      expect(snapshot.overview?.groups.map((g) => g.groupId)).toEqual(["g1", "g2"]);
      expect(snapshot.overview?.totals).toMatchObject({ expected: 3, checkedIn: 0 });
      expect(snapshot.overview?.signOff).toBeUndefined();
    }
  });

  it("pushes the changed group's counts, not the roster, on every durable event", async () => {
    const leader = await screen("leader");
    unwrap(await leader.emitWithAck("view:join", { view: "overview" }));
    const guardOnly = await screen("guard");
    unwrap(await guardOnly.emitWithAck("view:join", { view: "gate" }));
    const guardHeard: string[] = [];
    guardOnly.onAny((event) => guardHeard.push(event));

    const room = await device(school.tokens.room1);
    const updated = nextEvent(leader, "overview:update", (u) => u.groups.some((g) => g.groupId === "g1"));
    unwrap(await room.emitWithAck("tap:report", tapAt("0000000011", time.clock())));
    const [update] = (await updated) as [OverviewUpdate, number];
    expect(update.groups).toHaveLength(1);
    expect(update.groups[0]).toMatchObject({ groupId: "g1", expected: 2, checkedIn: 1, present: 1 });
    expect(update.totals).toMatchObject({ checkedIn: 1 });
    expect(update.children.map((c) => c.childId)).toEqual(["c1"]);
    expect(JSON.stringify(update)).not.toContain("张小红");

    const gate = await device(school.tokens.gate);
    const alert = nextEvent(leader, "alert:raised");
    unwrap(await gate.emitWithAck("tap:report", tapAt("0123456789", time.clock())));
    expect((await alert)[0]).toMatchObject({ kind: "unknown_card" });
    expect(guardHeard).not.toContain("overview:update");
  });
});
