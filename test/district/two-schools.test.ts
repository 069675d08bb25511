import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVICE_ROUTE_HEADER, deviceRouteFromToken } from "../../common/device-route";
import { DEVICE_NAMESPACE, type ViewRequest } from "../../protocol";
import { runWanfeng } from "../support/cli-process";
import { usePostgresDatabases } from "../support/postgres-database";
import {
  cardTap,
  connected,
  deviceClient,
  login,
  nextEvent,
  PASSWORD,
  removeSchool,
  screenClient,
  unwrap,
} from "../support/server-harness";
import { type ServerProcess, spawnServer } from "../support/server-process";
import { type SchoolOnDistrict, twoSchoolsOnDatabase } from "./district-school";

const freshDatabase = usePostgresDatabases();

const wanfeng = async (args: string[]) => {
  const run = await runWanfeng(args);
  return { code: run.code, output: run.stdout + run.stderr };
};

/** Each role of the harness's school and the view it opens. */
const ROLES: { user: string; view: ViewRequest }[] = [
  { user: "admin", view: { view: "room", groupId: "g1" } },
  { user: "t1", view: { view: "room", groupId: "g1" } },
  { user: "guard", view: { view: "gate" } },
  { user: "tech", view: { view: "technician" } },
  { user: "leader", view: { view: "overview" } },
];

/**
 * Issue 8: one `wanfeng start --database` serves every school of the district behind one port.
 * The two schools are twins by ids (same group, child and card ids): only names tell them apart,
 * so a request answered from the wrong school shows. A district reader reads both schools'
 * overviews and reports and nothing else.
 */
describe("two schools in one server process", { timeout: 180_000 }, () => {
  let schools: [SchoolOnDistrict, SchoolOnDistrict];
  let server: ServerProcess;
  let dataDir: string;
  let databaseUrl: string;
  const sockets: { disconnect(): unknown }[] = [];

  beforeAll(async () => {
    const url = await freshDatabase();
    databaseUrl = url;
    schools = await twoSchoolsOnDatabase(url);
    const added = await wanfeng([
      ...["user", "add", "reader", "--role", "district"],
      ...["--database", url, "--password", PASSWORD],
    ]);
    expect(added.code, added.output).toBe(0);
    dataDir = await mkdtemp(join(tmpdir(), "wanfeng-district-"));
    server = await spawnServer(dataDir, ["--database", url]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    for (const school of schools ?? []) await removeSchool(school);
  });

  const get = async (path: string, cookie: string) => {
    const res = await fetch(server.url + path, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as { data?: unknown; error?: { code: string } } };
  };
  const screen = async (cookie: string) => {
    const socket = screenClient(server.url, cookie);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  const groupNames = async (cookie: string) =>
    ((await get("/api/groups", cookie)).body.data as { name: string }[]).map((g) => g.name);

  it("every role of each school sees its own school, whatever school cookie it sends", async () => {
    for (const [school, other] of [schools, [...schools].reverse() as typeof schools]) {
      const ownGroups = school.store.schoolRoster().groups.map((g) => g.name);
      for (const role of ROLES) {
        const username = school.user(role.user);
        const cookie = await login(server.url, username);
        expect((await get("/api/session", cookie)).body.data).toMatchObject({ username });
        const groups = await groupNames(cookie);
        for (const name of groups) expect(ownGroups).toContain(name);
        // The district's school cookie means nothing to a school's staff.
        expect(await groupNames(`${cookie}; wf_school=${other.id}`)).toEqual(groups);
        expect((await get("/api/district/schools", cookie)).status).toBe(403);

        const socket = await screen(`${cookie}; wf_school=${other.id}`);
        const snapshot = unwrap(await socket.emitWithAck("view:join", role.view));
        expect(snapshot.schoolName, `${username} ${role.view.view}`).toBe(school.name);
        const children = snapshot.children.map((c) => c.name);
        for (const name of children)
          expect(school.store.schoolRoster().children.map((c) => c.name)).toContain(name);
        socket.disconnect();
      }
    }
  });

  it("the office's routes answer from its own school for the same ids", async () => {
    for (const school of schools) {
      const cookie = await login(server.url, school.user("admin"));
      const own = school.store.schoolRoster().children.find((c) => c.id === "c1")?.name;
      const exported = await get("/api/admin/children/c1/export", cookie);
      expect(exported.status).toBe(200);
      expect(JSON.stringify(exported.body)).toContain(JSON.stringify(own));
      const snapshot = (await get("/api/admin/snapshot", cookie)).body.data as {
        children: { name: string }[];
      };
      expect(snapshot.children.map((c) => c.name).sort()).toEqual(
        school.store
          .schoolRoster()
          .children.map((c) => c.name)
          .sort(),
      );
    }
  });

  it("a device reports to its own school; its token means nothing on the other school's route", async () => {
    const [first, second] = schools;
    const kiosk = await screen(await login(server.url, second.user("t1")));
    unwrap(await kiosk.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    const room = deviceClient(server.url, second.tokens.room1);
    sockets.push(room);
    await connected(room);
    const checkedIn = nextEvent(kiosk, "child:updated", (c) => c.childId === "c1");
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    expect((await checkedIn)[0]).toMatchObject({ status: "checked_in", name: "东张小明" });

    // The same child id in the first school was not touched.
    const firstKiosk = await screen(await login(server.url, first.user("t1")));
    const firstRoom = unwrap(await firstKiosk.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(firstRoom.children.find((c) => c.childId === "c1")?.status).not.toBe("checked_in");

    // The second school's token, routed to the first school: refused there.
    const misrouted = io(server.url + DEVICE_NAMESPACE, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: { token: second.tokens.gate },
      extraHeaders: { [DEVICE_ROUTE_HEADER]: deviceRouteFromToken(first.tokens.gate) },
    });
    sockets.push(misrouted);
    await expect(connected(misrouted)).rejects.toThrow("AUTH_BAD_TOKEN");
  });

  it("the district reader reads every school's overview and reports, and nothing else", async () => {
    const cookie = await login(server.url, "reader");
    expect((await get("/api/session", cookie)).body.data).toMatchObject({ role: "district" });
    const listed = (await get("/api/district/schools", cookie)).body.data as { id: string; name: string }[];
    expect(listed.map((s) => s.name).sort()).toEqual(schools.map((s) => s.name).sort());
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });

    for (const school of schools) {
      const chose = await fetch(`${server.url}/api/district/school`, {
        method: "PUT",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ schoolId: school.id }),
      });
      expect(chose.status).toBe(200);
      const schoolCookie = chose.headers.get("set-cookie")?.split(";")[0] ?? "";
      expect(schoolCookie).toBe(`wf_school=${school.id}`);
      const both = `${cookie}; ${schoolCookie}`;

      const socket = await screen(both);
      const overview = unwrap(await socket.emitWithAck("view:join", { view: "overview" }));
      expect(overview.schoolName).toBe(school.name);
      const report = await get(`/api/reports/daily?day=${today}`, both);
      expect(report.status).toBe(200);

      // Nothing else: the gate, the passes, the office, the card holders, the sign-off.
      const gate = await socket.emitWithAck("view:join", { view: "gate" });
      expect("error" in gate && gate.error.code).toBe("AUTH_FORBIDDEN");
      const passes = await socket.emitWithAck("pass:list", {});
      expect("error" in passes && passes.error.code).toBe("AUTH_FORBIDDEN");
      for (const path of ["/api/admin/snapshot", "/api/roster/holders?q=张", "/api/staff/me"])
        expect((await get(path, both)).status, path).toBe(403);
      const signOff = await fetch(`${server.url}/api/days/${today}/sign-off`, {
        method: "POST",
        headers: { cookie: both, "content-type": "application/json" },
        body: "{}",
      });
      expect(signOff.status).toBe(403);
      socket.disconnect();
    }
    const unknown = await fetch(`${server.url}/api/district/school`, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ schoolId: "no-such-school" }),
    });
    expect(unknown.status).toBe(404);
  });

  it("a username is one login across the district: staff of two schools, and the district's", async () => {
    const add = (username: string, ...rest: string[]) =>
      wanfeng(["user", "add", username, "--database", databaseUrl, "--password", PASSWORD, ...rest]);
    const twice = await add("admin", "--role", "guard", "--school", "东风小学");
    expect(twice.code).not.toBe(0);
    expect(twice.output).toMatch(/taken/);
    const schoolName = await add("b-guard", "--role", "district");
    expect(schoolName.code).not.toBe(0);
    expect(schoolName.output).toMatch(/taken/);
    const districtName = await add("READER", "--role", "teacher", "--school", "晚风小学");
    expect(districtName.code).not.toBe(0);
    expect(districtName.output).toMatch(/taken/);
    const withSchool = await add("reader2", "--role", "district", "--school", "晚风小学");
    expect(withSchool.code).not.toBe(0);
    expect(withSchool.output).toMatch(/belongs to no school/);
  });
});
