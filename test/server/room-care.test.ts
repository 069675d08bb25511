import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Ack, ViewSnapshot } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { roomSchool } from "../domain/room-fixtures";
import {
  connected,
  createTestSchool,
  login,
  nextEvent,
  PASSWORD,
  removeSchool,
  type ScreenClient,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/** 16:45 in Shanghai on Monday 2026-11-23: after care start (15:30) and the 16:30 dose. */
const MONDAY = new Date("2026-11-23T08:45:00Z");

function code<T>(answer: Ack<T>): string | undefined {
  return "error" in answer ? answer.error.code : undefined;
}

describe("the care room's day on the server", () => {
  let school: TestSchool;
  let server: RunningServer;
  let now = MONDAY;
  const sockets: ScreenClient[] = [];

  beforeEach(async () => {
    now = MONDAY;
    school = await createTestSchool(roomSchool());
    server = await startTestServer(school, () => now);
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
    await removeSchool(school);
  });

  async function screen(username: string, groupId?: string) {
    const socket = screenClient(server.url, await login(server.url, username));
    sockets.push(socket);
    await connected(socket);
    const snapshot: ViewSnapshot | undefined = groupId
      ? unwrap(await socket.emitWithAck("view:join", { view: "room", groupId }))
      : undefined;
    return { socket, snapshot };
  }

  it("a teacher of another group is refused every room command", async () => {
    const { socket } = await screen("t2");
    expect(code(await socket.emitWithAck("rollcall:confirm", { groupId: "g1", counted: 0 }))).toBe(
      "AUTH_FORBIDDEN",
    );
    const leave = {
      childId: "c1",
      from: "2026-11-23",
      askedBy: { name: "张妈妈", relation: "妈妈" },
      channel: "phone" as const,
      reason: "发烧",
    };
    expect(code(await socket.emitWithAck("leave:record", leave))).toBe("AUTH_FORBIDDEN");
    expect(code(await socket.emitWithAck("absence:resolve", { childId: "c1", reason: "x" }))).toBe(
      "AUTH_FORBIDDEN",
    );
    expect(
      code(
        await socket.emitWithAck("group:handover", {
          groupId: "g1",
          counted: 0,
          to: { kind: "volunteer", name: "陈" },
        }),
      ),
    ).toBe("AUTH_FORBIDDEN");
    expect(code(await socket.emitWithAck("rollcall:confirm", { groupId: "g1" } as never))).toBe(
      "VALIDATION_FAILED",
    );
  });

  it("roll call is recorded and shown to the group's kiosks", async () => {
    const { socket, snapshot } = await screen("t1", "g1");
    expect(snapshot?.room?.rollCall).toBeUndefined();
    const other = await screen("admin", "g1");
    const heard = nextEvent(other.socket, "room:updated");
    const view = unwrap(await socket.emitWithAck("rollcall:confirm", { groupId: "g1", counted: 0 }));
    expect(view.rollCall).toMatchObject({ byName: "王老师", counted: 0, mismatch: false });
    expect(view.rollCall?.counts.unexplained).toBe(2);
    expect((await heard)[0].rollCall?.counted).toBe(0);
  });

  it("a leave for tomorrow applies tomorrow, not today; a leave can be cancelled", async () => {
    const { socket } = await screen("t1");
    const view = unwrap(
      await socket.emitWithAck("leave:record", {
        childId: "c1",
        from: "2026-11-24",
        askedBy: { name: "张妈妈", relation: "妈妈" },
        channel: "written",
        reason: "去医院复查",
      }),
    );
    expect(view.leaves).toMatchObject([
      { childId: "c1", from: "2026-11-24", to: "2026-11-24", recordedByName: "王老师" },
    ]);
    const today = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(today.children.find((c) => c.childId === "c1")?.status).toBe("expected");
    expect(school.store.read().leaves).toHaveLength(1);

    now = new Date("2026-11-24T08:00:00Z");
    const tomorrow = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(tomorrow.day).toBe("2026-11-24");
    expect(tomorrow.children.find((c) => c.childId === "c1")).toMatchObject({
      status: "on_leave",
      leaveReason: "去医院复查",
    });

    const leaveId = view.leaves[0]?.id ?? "";
    const after = unwrap(await socket.emitWithAck("leave:cancel", { leaveId, reason: "家长来电：复查改期" }));
    expect(after.leaves).toEqual([]);
    const again = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(again.children.find((c) => c.childId === "c1")?.status).toBe("expected");
  });

  it("a leave in the past is refused", async () => {
    const { socket } = await screen("t1");
    const answer = await socket.emitWithAck("leave:record", {
      childId: "c1",
      from: "2026-11-20",
      askedBy: { name: "张妈妈", relation: "妈妈" },
      channel: "phone",
      reason: "x",
    });
    expect(code(answer)).toBe("LEAVE_BAD_DATES");
  });

  it("an unexplained absence is resolved with a reason", async () => {
    const { socket, snapshot } = await screen("t1", "g1");
    expect(snapshot?.children.find((c) => c.childId === "c3")?.careStartsAt).toBe(
      "2026-11-23T15:30:00+08:00",
    );
    unwrap(await socket.emitWithAck("absence:resolve", { childId: "c3", reason: "家长电话确认已接回家" }));
    const again = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    expect(again.children.find((c) => c.childId === "c3")?.absenceResolved?.reason).toBe(
      "家长电话确认已接回家",
    );
    expect(code(await socket.emitWithAck("absence:resolve", { childId: "c3", reason: "again" }))).toBe(
      "ROOM_WRONG_STATE",
    );
  });

  it("handover: the receiver logs in; wrong password and a guard are refused; the record has both parties", async () => {
    const { socket } = await screen("t1", "g1");
    const handover = (to: unknown) =>
      socket.emitWithAck("group:handover", { groupId: "g1", counted: 0, to } as never);
    expect(code(await handover({ kind: "staff", username: "t2", password: "wrong-password" }))).toBe(
      "AUTH_BAD_CREDENTIALS",
    );
    expect(code(await handover({ kind: "staff", username: "guard", password: PASSWORD }))).toBe(
      "HANDOVER_NOT_STAFF",
    );
    expect(code(await handover({ kind: "staff", username: "t1", password: PASSWORD }))).toBe(
      "HANDOVER_SAME_PERSON",
    );
    const view = unwrap(await handover({ kind: "staff", username: "t2", password: PASSWORD }));
    expect(view.holder).toMatchObject({ kind: "staff", name: "赵老师", fromName: "王老师", counted: 0 });
    const volunteer = unwrap(await handover({ kind: "volunteer", name: "陈家长", phone: "139" }));
    expect(volunteer.holder).toMatchObject({ kind: "volunteer", name: "陈家长", fromName: "赵老师" });
  });

  it("medication: due after its time for a child in the room, then given", async () => {
    const { socket, snapshot } = await screen("t1", "g1");
    expect(snapshot?.room?.doses).toMatchObject([{ childId: "c1", time: "16:30", name: "布洛芬混悬液" }]);
    expect(snapshot?.children.find((c) => c.childId === "c1")?.health?.allergies).toEqual(["花生"]);
    unwrap(await socket.emitWithAck("child:checkIn", { childId: "c1" }));
    const view = unwrap(
      await socket.emitWithAck("medication:give", { childId: "c1", medicationId: "ibu", time: "16:30" }),
    );
    expect(view.doses[0]?.given?.byName).toBe("王老师");
    expect(
      code(
        await socket.emitWithAck("medication:give", { childId: "c1", medicationId: "ibu", time: "16:30" }),
      ),
    ).toBe("ROOM_WRONG_STATE");
  });

  it("health notes are the office's; announcement settings the room's", async () => {
    const teacher = await screen("t1");
    const health = { allergies: ["芒果"], diet: [], medications: [] };
    expect(code(await teacher.socket.emitWithAck("health:update", { childId: "c3", health }))).toBe(
      "AUTH_FORBIDDEN",
    );
    const admin = await screen("admin");
    const child = unwrap(await admin.socket.emitWithAck("health:update", { childId: "c3", health }));
    expect(child.health?.allergies).toEqual(["芒果"]);
    // The office's editor takes the same path over HTTP: an admin's notes are stored, a teacher's refused.
    const put = async (username: string, allergies: string[]) =>
      fetch(`${server.url}/api/admin/health/c3`, {
        method: "PUT",
        headers: { cookie: await login(server.url, username), "content-type": "application/json" },
        body: JSON.stringify({ health: { allergies, diet: [], medications: [] } }),
      });
    expect((await put("t1", ["花生"])).status).toBe(403);
    expect((await put("admin", ["花生"])).status).toBe(200);
    expect(school.store.read().children.find((c) => c.id === "c3")?.health?.allergies).toEqual(["花生"]);
    const announce = { speech: false, chime: true, speechLanguage: "zh" as const, volume: 0.5 };
    const view = unwrap(await teacher.socket.emitWithAck("room:settings", { groupId: "g1", announce }));
    expect(view.announce).toEqual(announce);
    expect(school.store.read().groups.find((g) => g.id === "g1")?.announce).toEqual(announce);
  });
});
