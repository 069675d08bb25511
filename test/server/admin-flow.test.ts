import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdminSnapshot, ImportPreview } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  cardTap,
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  login,
  removeSchool,
  type ScreenClient,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

const HEADER = "学号,姓名,年级,班级,托管班,教室,学生卡号,家长姓名,关系,电话,家长卡号";
const GOOD = `${HEADER}\n20250109,王新同,一年级,1班,一二年级,101,0000000021,王妈妈,妈妈,13900007777,0000000022\n`;
const BAD = `${GOOD}20250110,,九年级上,1班,一二年级,101,,王妈妈,妈妈,13900007777,\n`;

describe("administration (admin only)", () => {
  let school: TestSchool;
  let server: RunningServer;
  const sockets: (ScreenClient | DeviceClient)[] = [];
  let admin: string;

  async function api<T>(method: string, path: string, body?: unknown, cookie = admin) {
    const init: RequestInit = { method, headers: { cookie } };
    if (typeof body === "string" || Buffer.isBuffer(body)) {
      init.body = typeof body === "string" ? body : new Uint8Array(body);
      init.headers = { cookie, "content-type": "application/octet-stream" };
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { cookie, "content-type": "application/json" };
    }
    const res = await fetch(`${server.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as { data: T; error?: { code: string } } };
  }

  async function device(token: string) {
    const socket = deviceClient(server.url, token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async function roomChildren(): Promise<string[]> {
    const socket = screenClient(server.url, await login(server.url, "t1"));
    sockets.push(socket);
    await connected(socket);
    const snapshot = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    return snapshot.children.map((c) => c.childId).sort();
  }

  beforeEach(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    admin = await login(server.url, "admin");
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
    await removeSchool(school);
  });

  it("refuses teachers, the guard and the technician; answers the admin", async () => {
    for (const username of ["t1", "guard", "tech"]) {
      const cookie = await login(server.url, username);
      expect((await api("GET", "/api/admin/snapshot", undefined, cookie)).status).toBe(403);
      expect((await api("POST", "/api/admin/import", GOOD, cookie)).status).toBe(403);
      expect(
        (await api("POST", "/api/admin/cards/0000000001/status", { status: "lost" }, cookie)).status,
      ).toBe(403);
    }
    expect((await fetch(`${server.url}/api/admin/snapshot`)).status).toBe(401);
    const { status, body } = await api<AdminSnapshot>("GET", "/api/admin/snapshot");
    expect(status).toBe(200);
    expect(body.data.children.map((c) => [c.id, c.standing])).toContainEqual(["c1", "no_records"]);
    expect((await api("POST", "/api/admin/groups", { name: "", roomId: "r1" })).body.error?.code).toBe(
      "VALIDATION_FAILED",
    );
  });

  it("the preview lists every bad row and writes nothing; the import writes all rows at once", async () => {
    const before = JSON.stringify(school.store.read());
    const bad = await api<ImportPreview>("POST", "/api/admin/import/preview", BAD);
    expect(bad.body.data.problems.map((p) => `${p.row} ${p.column}`).sort()).toEqual(["3 姓名", "3 年级"]);
    expect(bad.body.data.rows).toHaveLength(2);
    const good = await api<ImportPreview>("POST", "/api/admin/import/preview", GOOD);
    expect(good.body.data.problems).toEqual([]);
    expect(good.body.data.summary?.added.children).toBe(1);
    expect(JSON.stringify(school.store.read())).toBe(before);

    const refused = await api("POST", "/api/admin/import", BAD);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe("IMPORT_BAD_ROW");
    expect(JSON.stringify(school.store.read())).toBe(before);

    expect((await api("POST", "/api/admin/import", GOOD)).status).toBe(200);
    expect(school.store.read().children.map((c) => c.id)).toContain("20250109");
    expect(await roomChildren()).toContain("20250109");
  });

  it("an .xlsx upload previews like the CSV", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("名单");
    for (const line of BAD.trim().split("\n")) sheet.addRow(line.split(","));
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await api<ImportPreview>("POST", "/api/admin/import/preview", bytes);
    expect(preview.body.data.format).toBe("xlsx");
    expect(preview.body.data.problems.map((p) => p.row)).toEqual([3, 3]);
  });

  it("a card marked lost raises the red alert at the gate", async () => {
    expect((await api("POST", "/api/admin/cards/0000000001/status", { status: "lost" })).status).toBe(200);
    const gate = await device(school.tokens.gate);
    const tap = unwrap(await gate.emitWithAck("tap:report", cardTap("0000000001")));
    expect(tap.result).toMatchObject({ kind: "card_blocked", cardStatus: "lost", holderName: "张妈妈" });
  });

  it("a staff card at a room reader signs in and out and checks no child in; the month's report has it", async () => {
    const t1 = school.store.read().users.find((u) => u.username === "t1");
    const bound = await api<{ cardId: string }>("POST", "/api/admin/staff-cards", {
      userId: t1?.id,
      cardNumber: "0000000777",
    });
    expect(bound.body.data.cardId).toBe("0000000777");
    const room = await device(school.tokens.room1);
    const first = unwrap(await room.emitWithAck("tap:report", cardTap("0000000777")));
    expect(first.result).toMatchObject({ kind: "staff", action: "signed_in", name: "王老师" });
    const later = { ...cardTap("0000000777"), at: new Date(Date.now() + 5000).toISOString() };
    const second = unwrap(await room.emitWithAck("tap:report", later));
    expect(second.result).toMatchObject({ kind: "staff", action: "signed_out" });
    const socket = screenClient(server.url, await login(server.url, "t1"));
    sockets.push(socket);
    await connected(socket);
    const snapshot = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(snapshot.children.every((c) => c.status === "expected")).toBe(true);

    const teacher = await login(server.url, "t1");
    const signIn = await api<{ signedIn: boolean }>("POST", "/api/staff/sign", { action: "in" }, teacher);
    expect(signIn.body.data.signedIn).toBe(true);
    const month = server.day.currentDay.slice(0, 7);
    const report = await api<{ rows: { name: string }[] }>("GET", `/api/admin/attendance?month=${month}`);
    expect(report.body.data.rows.map((r) => r.name)).toEqual(["王老师"]);
    const csv = await fetch(`${server.url}/api/admin/attendance.csv?month=${month}`, {
      headers: { cookie: admin },
    });
    expect(await csv.text()).toContain("王老师");
  });

  it("enrolment steps decide who is expected; a withdrawal takes the child off the room kiosk", async () => {
    const today = server.day.currentDay;
    await api("POST", "/api/admin/enrolments", { childId: "c3", date: today, by: "李爸爸" });
    // c3 came with the roster: paperwork adds dates, it never takes the child out of care (issue 11).
    expect(await roomChildren()).toEqual(["c1", "c3"]);
    const record = (await api<AdminSnapshot>("GET", "/api/admin/snapshot")).body.data.children.find(
      (c) => c.id === "c3",
    )?.enrolments[0];
    const step = (body: unknown) => api("POST", `/api/admin/enrolments/${record?.id}/step`, body);
    expect((await step({ step: "agreement", signedOn: today })).body.error?.code).toBe("ENROLMENT_BAD_STEP");
    await step({ step: "approve", date: today, by: "周主任" });
    await step({ step: "agreement", signedOn: today });
    expect(await roomChildren()).toEqual(["c1", "c3"]);
    await step({ step: "withdraw", requestedOn: today, effectiveFrom: today, reason: "家长可按时接" });
    expect(await roomChildren()).toEqual(["c1"]);
  });
});
