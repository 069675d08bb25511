import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ViewSnapshot } from "../../protocol";
import type { RunningServer } from "../../server/app";
import type { Schedule } from "../../server/domain/entities";
import { DEFAULT_SCHEDULE } from "../../server/domain/schedule/defaults";
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

interface Answer<T> {
  status: number;
  body: { data: T; error?: { code: string; message: string } };
}

describe("the school's timetable (admin)", () => {
  let school: TestSchool;
  let server: RunningServer;
  const sockets: ScreenClient[] = [];
  let admin: string;

  async function api<T>(method: string, body?: unknown, cookie = admin): Promise<Answer<T>> {
    const init: RequestInit = { method, headers: { cookie } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { cookie, "content-type": "application/json" };
    }
    const res = await fetch(`${server.url}/api/admin/schedule`, init);
    return { status: res.status, body: (await res.json()) as Answer<T>["body"] };
  }

  async function roomSnapshot(): Promise<ViewSnapshot> {
    const socket = screenClient(server.url, await login(server.url, "t1"));
    sockets.push(socket);
    await connected(socket);
    return unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
  }

  /** The default with winter time's first band given another dismissal opening. */
  function withOpening(opens: string): Schedule {
    const schedule = structuredClone(DEFAULT_SCHEDULE);
    const band = schedule.seasons[1]?.bands[0];
    if (!band) throw new Error("default schedule changed shape");
    band.dismissalOpens = opens;
    return schedule;
  }

  beforeEach(async () => {
    school = await createTestSchool();
    // Monday 23 November 2026, 16:45 in Shanghai (winter time).
    server = await startTestServer(school, () => new Date("2026-11-23T08:45:00Z"));
    admin = await login(server.url, "admin");
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
    await removeSchool(school);
  });

  it("answers the default until one is saved", async () => {
    const { status, body } = await api<{ schedule: Schedule; isDefault: boolean }>("GET");
    expect(status).toBe(200);
    expect(body.data.isDefault).toBe(true);
    expect(body.data.schedule).toEqual(DEFAULT_SCHEDULE);
  });

  it("a saved dismissal time reaches the room kiosk's next snapshot", async () => {
    expect((await roomSnapshot()).schedule).toMatchObject({ windows: [{ bandId: "g12", opens: "16:40" }] });
    const put = await api<null>("PUT", withOpening("16:35"));
    expect(put.status).toBe(200);
    const after = await api<{ schedule: Schedule; isDefault: boolean }>("GET");
    expect(after.body.data.isDefault).toBe(false);
    expect(after.body.data.schedule.seasons[1]?.bands[0]?.dismissalOpens).toBe("16:35");
    expect((await roomSnapshot()).schedule).toMatchObject({
      windows: [{ bandId: "g12", opens: "16:35", closes: "16:50", careEnds: "17:00" }],
    });
  });

  it("refuses a teacher", async () => {
    const teacher = await login(server.url, "t1");
    expect((await api("GET", undefined, teacher)).status).toBe(403);
    expect((await api("PUT", withOpening("16:35"), teacher)).status).toBe(403);
    expect((await api<{ isDefault: boolean }>("GET")).body.data.isDefault).toBe(true);
  });

  it("refuses an invalid time with the path of the mistake", async () => {
    const { status, body } = await api("PUT", withOpening("25:00"));
    expect(status).toBe(400);
    expect(body.error?.code).toBe("VALIDATION_FAILED");
    expect(body.error?.message).toContain("seasons[1].bands[0].dismissalOpens");
    expect((await api<{ isDefault: boolean }>("GET")).body.data.isDefault).toBe(true);
  });
});
