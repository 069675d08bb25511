import { describe, expect, it } from "vitest";
import { gateQueue } from "../../kiosk/src/gate/gate-state";
import { pendingAnnouncements, roomCounts } from "../../kiosk/src/room/room-state";
import { addAlert, upsertChild } from "../../kiosk/src/shell/child-lists";
import { parseRoute, routeHash } from "../../kiosk/src/shell/router";
import { headCount } from "../../protocol/head-count";
import type { AlertView, ChildDayView, ChildStatus } from "../../protocol/model";

function child(childId: string, status: ChildStatus, requestedAt?: string): ChildDayView {
  return {
    childId,
    name: childId,
    grade: 1,
    className: "1",
    groupId: "g1",
    groupName: "G1",
    roomName: "R1",
    status,
    ...(requestedAt ? { requestedAt } : {}),
  };
}

describe("room state", () => {
  it("counts present, expected, on leave and gone", () => {
    const children = [
      child("a", "expected"),
      child("b", "checked_in"),
      child("c", "pickup_requested"),
      child("d", "on_leave"),
      child("e", "released"),
      child("f", "collected"),
    ];
    expect(roomCounts(children)).toEqual({ present: 2, expected: 1, onLeave: 1, gone: 2, total: 6 });
  });

  it("gives the roll call's head count with the server's rule: absent, unexplained after care start", () => {
    const careStartsAt = "2026-11-23T16:00:00+08:00";
    const children = [
      { ...child("a", "expected"), careStartsAt },
      { ...child("b", "expected"), careStartsAt, absenceResolved: { at: careStartsAt, reason: "ill" } },
      { ...child("c", "expected"), careStartsAt: "2026-11-23T18:00:00+08:00" },
      child("d", "checked_in"),
      child("e", "on_leave"),
      child("f", "collected"),
    ];
    expect(headCount(children, new Date("2026-11-23T16:30:00+08:00"))).toEqual({
      total: 6,
      present: 1,
      onLeave: 1,
      absent: 1,
      unexplained: 1,
      expected: 1,
      gone: 1,
    });
  });

  it("replaces a child in place and appends a new one", () => {
    const list = [child("a", "expected"), child("b", "expected")];
    const next = upsertChild(list, child("a", "checked_in"));
    expect(next.map((c) => [c.childId, c.status])).toEqual([
      ["a", "checked_in"],
      ["b", "expected"],
    ]);
    expect(upsertChild(next, child("z", "expected")).map((c) => c.childId)).toEqual(["a", "b", "z"]);
    expect(list[0]?.status).toBe("expected");
  });

  it("announces requested children newest first", () => {
    const list = [
      child("old", "pickup_requested", "2025-03-03T17:00:00+08:00"),
      child("new", "pickup_requested", "2025-03-03T17:05:00+08:00"),
      child("x", "checked_in"),
    ];
    expect(pendingAnnouncements(list).map((c) => c.childId)).toEqual(["new", "old"]);
  });
});

describe("gate state", () => {
  it("queues requested, released and collected children, newest first", () => {
    const list = [
      child("a", "checked_in"),
      child("b", "collected", "2025-03-03T17:01:00+08:00"),
      child("c", "pickup_requested", "2025-03-03T17:09:00+08:00"),
      child("d", "released", "2025-03-03T17:05:00+08:00"),
    ];
    expect(gateQueue(list).map((c) => c.childId)).toEqual(["c", "d", "b"]);
  });

  it("keeps alerts newest first without repeats", () => {
    const alert = (id: string, at: string): AlertView => ({
      id,
      at,
      kind: "unknown_card",
      severity: "warning",
      deviceName: "东门",
    });
    let alerts = addAlert([], alert("1", "2025-03-03T17:00:00+08:00"));
    alerts = addAlert(alerts, alert("2", "2025-03-03T17:02:00+08:00"));
    alerts = addAlert(alerts, alert("1", "2025-03-03T17:00:00+08:00"));
    expect(alerts.map((a) => a.id)).toEqual(["2", "1"]);
  });
});

describe("hash routes", () => {
  it("parses and prints every route", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/login")).toEqual({ name: "login" });
    expect(parseRoute("#/gate")).toEqual({ name: "gate" });
    expect(parseRoute("#/room/g%201")).toEqual({ name: "room", groupId: "g 1" });
    expect(parseRoute("#/nonsense")).toEqual({ name: "home" });
    expect(routeHash({ name: "room", groupId: "g 1" })).toBe("#/room/g%201");
  });
});
