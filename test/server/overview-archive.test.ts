import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DailyRecord, MonthlySummary, OverviewUpdate } from "../../protocol";
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

const DAY = "2026-11-23";
/** 16:30 in Shanghai. */
const AFTERNOON = "2026-11-23T08:30:00Z";

describe("sign-off, amendments and the archive over HTTP", () => {
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

  async function screen(username: string, view: { view: "overview" } | { view: "room"; groupId: string }) {
    const socket = screenClient(server.url, await login(server.url, username));
    sockets.push(socket);
    await connected(socket);
    unwrap(await socket.emitWithAck("view:join", view));
    return socket;
  }

  async function device(token: string) {
    const socket = deviceClient(server.url, token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async function post(username: string, path: string, body: unknown) {
    const res = await fetch(server.url + path, {
      method: "POST",
      headers: { cookie: await login(server.url, username), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; error?: { code: string } } };
  }

  async function get(path: string, username = "leader") {
    return fetch(server.url + path, { headers: { cookie: await login(server.url, username) } });
  }

  it("sign-off closes the day: release refused, taps still recorded but flagged, amendments recorded", async () => {
    const room = await device(school.tokens.room1);
    const gate = await device(school.tokens.gate);
    unwrap(await room.emitWithAck("tap:report", tapAt("0000000011", time.clock())));
    time.set("2026-11-23T09:10:00Z"); // 17:10, after care end for grade 1
    unwrap(await gate.emitWithAck("tap:report", tapAt("0000000001", time.clock())));
    const leader = await screen("leader", { view: "overview" });
    const teacher = await screen("t1", { view: "room", groupId: "g1" });

    // c1 is still in school (asked for, not released): the leader must say who looks after him.
    const refused = await post("leader", `/api/days/${DAY}/sign-off`, { note: "" });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "DAY_NOTE_REQUIRED" } } });
    const heard = nextEvent(leader, "overview:update", (u) => u.signOff !== undefined);
    const signed = await post("leader", `/api/days/${DAY}/sign-off`, { note: "张小明在接待室，妈妈在门口" });
    expect(signed.status).toBe(200);
    expect(signed.body.data).toMatchObject({ day: DAY, byName: "周校长", totals: { present: 1, late: 1 } });
    expect(((await heard) as [OverviewUpdate, number])[0].signOff?.note).toBe("张小明在接待室，妈妈在门口");
    expect((await post("admin", `/api/days/${DAY}/sign-off`, { note: "again" })).body.error?.code).toBe(
      "DAY_CLOSED",
    );

    // Signing off never strands a child: c1's release is recorded, flagged as after the sign-off.
    const release = await teacher.emitWithAck("child:release", { childId: "c1" });
    expect(release).toMatchObject({ data: { childId: "c1", status: "released" } });
    // The care room's other commands go through the same door: a person's change is an amendment now.
    const resolve = await teacher.emitWithAck("absence:resolve", { childId: "c3", reason: "生病" });
    expect(resolve).toMatchObject({ error: { code: "DAY_CLOSED" } });

    // The gate never stops: an unknown card after the sign-off is still recorded, flagged.
    const flagged = nextEvent(leader, "overview:update", (u) => u.afterSignOff > 0);
    unwrap(await gate.emitWithAck("tap:report", tapAt("0123456789", time.clock())));
    await flagged;
    const journal = await readFile(join(school.dataDir, "journal", `${DAY}.jsonl`), "utf-8");
    const last = journal
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; afterSignOff?: boolean });
    expect(last.filter((e) => e.afterSignOff).map((e) => e.type)).toEqual([
      "child:released",
      "tap:received",
      "alert:raised",
    ]);

    time.set("2026-11-23T09:40:00Z");
    const amended = await post("leader", `/api/days/${DAY}/amendments`, {
      reason: "老师当面交给妈妈，系统已关闭",
      correction: {
        kind: "mark_collected",
        childId: "c1",
        adultName: "张妈妈",
        relation: "妈妈",
        time: "17:25",
      },
    });
    expect(amended).toMatchObject({ status: 200, body: { data: { childName: "张小明", byName: "周校长" } } });
    const record = ((await (await get(`/api/reports/daily?day=${DAY}`)).json()) as { data: DailyRecord })
      .data;
    const c1 = record.groups[0]?.children.find((c) => c.childId === "c1");
    expect(c1).toMatchObject({
      status: "collected",
      collected: "17:25",
      adultName: "张妈妈",
      amended: true,
      late: true,
    });
    expect(record.signOff?.note).toBe("张小明在接待室，妈妈在门口");
    expect(record.amendments).toHaveLength(1);
    expect(record.afterSignOff).toBe(3);
    const bad = await post("leader", `/api/days/${DAY}/amendments`, {
      reason: "",
      correction: { kind: "note", text: "x" },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
  });

  it("an earlier day is signed off from its journal, once; amendments before the sign-off are refused", async () => {
    const early = await post("leader", "/api/days/2026-11-20/amendments", {
      reason: "r",
      correction: { kind: "note", text: "x" },
    });
    expect(early.body.error?.code).toBe("DAY_NOT_CLOSED");
    const signed = await post("leader", "/api/days/2026-11-20/sign-off", { note: "" });
    expect(signed).toMatchObject({ status: 200, body: { data: { day: "2026-11-20" } } });
    expect((await post("admin", "/api/days/2026-11-20/sign-off", { note: "" })).body.error?.code).toBe(
      "DAY_CLOSED",
    );
    const file = await readFile(join(school.dataDir, "journal", "2026-11-20.jsonl"), "utf-8");
    expect(file).toContain('"type":"day:signedOff"');
    expect((await post("leader", "/api/days/2026-12-01/sign-off", { note: "" })).status).toBe(400);
    expect((await get("/api/reports/daily?day=2026-11-20")).status).toBe(200);
    expect((await get("/api/reports/daily?day=20261120")).status).toBe(400);
  });

  it("CSV with a UTF-8 BOM and one row per child; Excel that reads back; monthly summary", async () => {
    const room = await device(school.tokens.room1);
    unwrap(await room.emitWithAck("tap:report", tapAt("0000000011", time.clock())));
    const csv = await get(`/api/reports/daily.csv?day=${DAY}`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toContain("wanfeng-daily-2026-11-23.csv");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf-8").slice(1).trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]?.startsWith("日期,托管小组")).toBe(true);
    expect(lines.find((l) => l.includes("张小明"))).toContain("出勤,16:30");
    const g2 = await get(`/api/reports/daily.csv?day=${DAY}&group=g2&lang=en`);
    expect((await g2.text()).trim().split("\r\n")).toHaveLength(2);

    const xlsx = await get(`/api/reports/daily.xlsx?day=${DAY}`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]?.getRow(2).getCell(5).value).toBe("张小明");

    const monthly = (
      (await (await get("/api/reports/monthly?month=2026-11")).json()) as { data: MonthlySummary }
    ).data;
    expect(monthly.days.at(-1)?.day).toBe(DAY);
    expect(
      monthly.groups.find((g) => g.groupId === "g1")?.children.find((c) => c.childId === "c1"),
    ).toMatchObject({
      daysInCare: 1,
    });
    const monthlyXlsx = new ExcelJS.Workbook();
    await monthlyXlsx.xlsx.load(
      (await (
        await get("/api/reports/monthly.xlsx?month=2026-11&lang=en")
      ).arrayBuffer()) as unknown as ExcelJS.Buffer,
    );
    expect(monthlyXlsx.worksheets.map((w) => w.name)).toEqual(["Children", "Groups"]);
    expect((await get("/api/reports/monthly.csv?month=2026-11")).status).toBe(200);
    expect((await get("/api/reports/monthly?month=2026-13")).status).toBe(400);
    expect((await get("/api/reports/daily?day=2026-11-23&group=nope")).status).toBe(404);
  });
});
