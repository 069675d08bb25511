import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PassCreate, PassView, TapReport } from "../../protocol";
import { type RunningServer, startServer } from "../../server/app";
import { schoolDay } from "../../server/domain/school-day";
import { openFileJournal } from "../../server/store/file-journal";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  cardTap,
  createTestSchool,
  nextEvent,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

function codeScan(text: string): TapReport {
  return {
    id: randomUUID(),
    readerId: "scanner",
    at: new Date().toISOString(),
    reading: { kind: "code", text },
  };
}

const today = () => schoolDay(new Date(), "Asia/Shanghai");

function uncleFor(childIds: string[]): PassCreate {
  return {
    delegate: { name: "王大力", relation: "舅舅", idLast4: "123x", phone: "139 0000 0000" },
    childIds,
    validFrom: today(),
  };
}

describe("delegate passes from the kiosk to the gate", () => {
  let school: TestSchool;
  let server: RunningServer;

  const bag = new SocketBag();
  async function screen(username: string, view?: { view: "gate" } | { view: "room"; groupId: string }) {
    if (view) return bag.view(server, username, view);
    return { socket: await bag.screen(server, username), snapshot: undefined };
  }
  const device = (token: string) => bag.device(server, token);

  beforeEach(async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await startTestServer(school);
  });

  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("a teacher writes a pass; its QR text at the gate asks for the child on the kiosk and the gate screen", async () => {
    const kiosk = await screen("t1", { view: "room", groupId: "g1" });
    const guard = await screen("guard", { view: "gate" });
    const pass: PassView = unwrap(await kiosk.socket.emitWithAck("pass:create", uncleFor(["c1"])));
    expect(pass).toMatchObject({
      delegate: { name: "王大力", relation: "舅舅", idLast4: "123X", phone: "139 0000 0000" },
      children: [{ childId: "c1", name: "张小明", groupName: "一二年级" }],
      guardianName: "张妈妈",
      validFrom: today(),
      validTo: today(),
      status: "valid",
      createdByName: "王老师",
    });
    expect(pass.token).toMatch(/^WF1\.[a-z0-9]+\.\d{8}\.[A-Za-z0-9_-]{22}$/);
    expect(pass.shortCode).toMatch(/^[A-Z2-9]{8}$/);
    // The key stays on the server: nothing a screen receives carries it.
    const key = school.store.passBook().key ?? "";
    expect(key).toHaveLength(43);
    expect(JSON.stringify(pass)).not.toContain(key);

    const listed = unwrap(await kiosk.socket.emitWithAck("pass:list", { groupId: "g1" }));
    expect(listed.map((p) => p.id)).toEqual([pass.id]);

    const room = await device(school.tokens.room1);
    const gate = await device(school.tokens.gate);
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));

    const announced = nextEvent(kiosk.socket, "pickup:requested");
    const queued = nextEvent(
      guard.socket,
      "pickup:requested",
      ({ child }) => child.status === "pickup_requested",
    );
    const outcome = unwrap(await gate.emitWithAck("tap:report", codeScan(pass.token)));
    expect(outcome.result).toMatchObject({
      kind: "pass",
      passId: pass.id,
      delegateName: "王大力",
      children: [{ childId: "c1", outcome: "requested" }],
    });
    const delegate = { name: "王大力", relation: "代接", passId: pass.id, delegateRelation: "舅舅" };
    expect((await announced)[0].child).toMatchObject({ childId: "c1", requestedBy: delegate });
    expect((await queued)[0].child).toMatchObject({
      childId: "c1",
      requestedBy: delegate,
      requestGateName: "南门",
    });

    // The same pass again, after the scanner's repeat window: refused as used.
    const refused = nextEvent(guard.socket, "alert:raised", (a) => a.kind === "pass_refused");
    const tap = { ...codeScan(pass.token), at: new Date(Date.now() + 5000).toISOString() };
    const again = unwrap(await gate.emitWithAck("tap:report", tap));
    expect(again.result).toMatchObject({ kind: "pass", refused: "used" });
    expect((await refused)[0]).toMatchObject({
      severity: "warning",
      passRefusal: "used",
      holderName: "王大力",
    });

    const relisted = unwrap(await kiosk.socket.emitWithAck("pass:list", {}));
    expect(relisted[0]).toMatchObject({ status: "used" });
  });

  it("a teacher of another group, or the guard, may not write a pass for a child of group 1", async () => {
    const t2 = await screen("t2");
    expect(await t2.socket.emitWithAck("pass:create", uncleFor(["c1"]))).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
    const guard = await screen("guard");
    expect(await guard.socket.emitWithAck("pass:create", uncleFor(["c1"]))).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
    // Both children of 张妈妈, one in each group: only the office (or a teacher of both groups).
    expect(await t2.socket.emitWithAck("pass:create", uncleFor(["c1", "c2"]))).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
    const admin = await screen("admin");
    const both = unwrap(await admin.socket.emitWithAck("pass:create", uncleFor(["c1", "c2"])));
    expect(both.children.map((c) => c.groupName)).toEqual(["一二年级", "三四年级"]);
    expect(unwrap(await t2.socket.emitWithAck("pass:list", {})).map((p) => p.id)).toEqual([both.id]);
    expect(await t2.socket.emitWithAck("pass:revoke", { passId: both.id })).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
  });

  it("bad input is refused with a code: validation, dates, children of two families", async () => {
    const t1 = await screen("t1");
    const bad = { ...uncleFor(["c1"]), delegate: { name: "", relation: "舅舅", phone: "x" } };
    expect(await t1.socket.emitWithAck("pass:create", bad as PassCreate)).toMatchObject({
      error: { code: "VALIDATION_FAILED" },
    });
    expect(
      await t1.socket.emitWithAck("pass:create", { ...uncleFor(["c1"]), validFrom: "2020-01-01" }),
    ).toMatchObject({ error: { code: "PASS_BAD_DATES" } });
    expect(await t1.socket.emitWithAck("pass:create", uncleFor(["c1", "c3"]))).toMatchObject({
      error: { code: "PASS_NOT_ONE_FAMILY" },
    });
  });

  it("a forged token is refused with a danger alert; a revoked pass is refused", async () => {
    const t1 = await screen("t1");
    const guard = await screen("guard", { view: "gate" });
    const gate = await device(school.tokens.gate);
    const pass = unwrap(await t1.socket.emitWithAck("pass:create", uncleFor(["c1"])));
    const forgedToken = pass.token.replace(/\.[^.]+$/, ".AAAAAAAAAAAAAAAAAAAAAA");
    const danger = nextEvent(guard.socket, "alert:raised", (a) => a.severity === "danger");
    const forged = unwrap(await gate.emitWithAck("tap:report", codeScan(forgedToken)));
    expect(forged.result).toEqual({ kind: "pass", refused: "forged", children: [] });
    expect((await danger)[0]).toMatchObject({
      kind: "pass_refused",
      passRefusal: "forged",
      deviceName: "南门",
    });

    const revoked = unwrap(await t1.socket.emitWithAck("pass:revoke", { passId: pass.id }));
    expect(revoked).toMatchObject({ status: "revoked" });
    const scan = unwrap(await gate.emitWithAck("tap:report", codeScan(pass.token)));
    expect(scan.result).toMatchObject({ refused: "revoked" });
  });

  it("the guard's short code works like the QR code, once", async () => {
    const t1 = await screen("t1", { view: "room", groupId: "g1" });
    const guard = await screen("guard", { view: "gate" });
    const room = await device(school.tokens.room1);
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    const pass = unwrap(await t1.socket.emitWithAck("pass:create", uncleFor(["c1"])));
    expect(await t1.socket.emitWithAck("pass:redeemShortCode", { code: pass.shortCode })).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });

    const announced = nextEvent(t1.socket, "pickup:requested");
    const typed = `${pass.shortCode.slice(0, 4).toLowerCase()}-${pass.shortCode.slice(4)}`;
    const result = unwrap(await guard.socket.emitWithAck("pass:redeemShortCode", { code: typed }));
    expect(result).toMatchObject({ kind: "pass", children: [{ childId: "c1", outcome: "requested" }] });
    expect((await announced)[0].child.requestedBy).toMatchObject({ name: "王大力", relation: "代接" });

    const second = unwrap(await guard.socket.emitWithAck("pass:redeemShortCode", { code: pass.shortCode }));
    expect(second).toMatchObject({ refused: "used" });
    const typo = unwrap(await guard.socket.emitWithAck("pass:redeemShortCode", { code: "AAAA-AAAA" }));
    expect(typo).toEqual({ kind: "pass", refused: "unknown_code", children: [] });
  });

  it("a used pass is still used after the server restarts on the same data folder", async () => {
    const t1 = await screen("t1");
    const room = await device(school.tokens.room1);
    const gate = await device(school.tokens.gate);
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    const pass = unwrap(await t1.socket.emitWithAck("pass:create", uncleFor(["c1"])));
    unwrap(await gate.emitWithAck("tap:report", codeScan(pass.token)));
    bag.closeAll();
    await server.close();

    // A new process would open the document and the journal from disk: so does this.
    const store = await openDocumentStore(school.dataDir);
    server = await startServer({
      store,
      journal: await openFileJournal(join(school.dataDir, "journal")),
      port: 0,
      host: "127.0.0.1",
    });
    const gateAgain = await device(school.tokens.gate);
    const later = { ...codeScan(pass.token), at: new Date(Date.now() + 5000).toISOString() };
    const again = unwrap(await gateAgain.emitWithAck("tap:report", later));
    expect(again.result).toMatchObject({ kind: "pass", refused: "used", passId: pass.id });
    const guard = await screen("guard", { view: "gate" });
    expect(guard.snapshot?.children[0]?.requestedBy).toMatchObject({ name: "王大力", relation: "代接" });
  });
});
