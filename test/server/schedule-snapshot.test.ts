import { afterEach, describe, expect, it } from "vitest";
import type { ViewSnapshot } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  connected,
  createTestSchool,
  login,
  removeSchool,
  type ScreenClient,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

describe("snapshots carry today's schedule", () => {
  let school: TestSchool | undefined;
  let server: RunningServer | undefined;
  const sockets: ScreenClient[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server?.close();
    if (school) await removeSchool(school);
  });

  async function snapshot(
    now: string,
    username: string,
    view: { view: "gate" } | { view: "room"; groupId: string },
  ) {
    school = await createTestSchool();
    server = await startTestServer(school, () => new Date(now));
    const socket = screenClient(server.url, await login(server.url, username));
    sockets.push(socket);
    await connected(socket);
    const snap: ViewSnapshot = unwrap(await socket.emitWithAck("view:join", view));
    return snap;
  }

  it("a room kiosk gets its group's dismissal window", async () => {
    // Monday 23 November 2026, 16:45 in Shanghai (winter time).
    const snap = await snapshot("2026-11-23T08:45:00Z", "t1", { view: "room", groupId: "g1" });
    expect(snap.schedule).toMatchObject({
      careDay: true,
      dayKind: "regular",
      season: { id: "winter" },
      windows: [{ bandId: "g12", opens: "16:40", closes: "16:50", careEnds: "17:00" }],
    });
  });

  it("the gate gets every band; on a holiday, no windows", async () => {
    const snap = await snapshot("2026-10-01T08:45:00Z", "guard", { view: "gate" });
    expect(snap.schedule).toMatchObject({
      careDay: false,
      dayKind: "holiday",
      dayName: "国庆节",
      windows: [],
    });
  });
});
