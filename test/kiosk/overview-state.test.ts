import { describe, expect, it } from "vitest";
import { amendRequestOf } from "../../kiosk/src/archive/amend-dialog";
import { addOverviewAlert, applyOverviewUpdate, flagged } from "../../kiosk/src/overview/overview-state";
import { parseRoute, routeHash } from "../../kiosk/src/shell/router";
import type { GroupCounts, OverviewChild, OverviewSnapshot } from "../../protocol/overview";

const counts = (groupId: string, over: Partial<GroupCounts> = {}): GroupCounts => ({
  groupId,
  groupName: groupId,
  roomName: "",
  expected: 2,
  checkedIn: 0,
  present: 0,
  onLeave: 0,
  requested: 0,
  released: 0,
  collected: 0,
  unexplained: 0,
  late: 0,
  ...over,
});

const child = (childId: string, flags: OverviewChild["flags"], since?: string): OverviewChild => ({
  childId,
  name: childId,
  grade: 1,
  className: "1",
  groupId: "g1",
  groupName: "g1",
  roomName: "",
  status: "checked_in",
  flags,
  ...(since ? { since } : {}),
});

const snapshot: OverviewSnapshot = {
  day: "2026-11-23",
  careDay: true,
  totals: counts(""),
  groups: [counts("g1"), counts("g2")],
  children: [child("a", ["late"], "2026-11-23T17:00:00+08:00")],
  alerts: [],
  amendments: [],
  afterSignOff: 0,
};

describe("the overview screen's state", () => {
  it("replaces only the pushed groups and the changed children's lines", () => {
    const next = applyOverviewUpdate(snapshot, {
      totals: counts("", { checkedIn: 1 }),
      groups: [counts("g2", { checkedIn: 1 })],
      children: [child("a", []), child("b", ["unexplained"])],
      afterSignOff: 0,
    });
    expect(next.groups.map((g) => g.checkedIn)).toEqual([0, 1]);
    expect(next.totals.checkedIn).toBe(1);
    expect(next.children.map((c) => c.childId)).toEqual(["b"]);
    expect(snapshot.children).toHaveLength(1);
  });

  it("keeps the sign-off and adds each amendment and alert once", () => {
    const signOff = {
      day: "2026-11-23",
      at: "x",
      byUserId: "u",
      byName: "周",
      note: "",
      totals: counts(""),
      groups: [],
    };
    const amendment = {
      id: "am1",
      day: "d",
      at: "x",
      byUserId: "u",
      byName: "周",
      reason: "r",
      correction: { kind: "note" as const, text: "t" },
    };
    let next = applyOverviewUpdate(snapshot, {
      totals: counts(""),
      groups: [],
      children: [],
      signOff,
      amendment,
      afterSignOff: 2,
    });
    next = applyOverviewUpdate(next, {
      totals: counts(""),
      groups: [],
      children: [],
      amendment,
      afterSignOff: 2,
    });
    expect(next.signOff?.byName).toBe("周");
    expect(next.amendments).toHaveLength(1);
    expect(next.afterSignOff).toBe(2);
    const alert = {
      id: "al",
      at: "x",
      kind: "unknown_card" as const,
      severity: "warning" as const,
      deviceName: "南门",
    };
    expect(addOverviewAlert(addOverviewAlert(next, alert), alert).alerts).toHaveLength(1);
  });

  it("lists the longest-waiting child first", () => {
    const s = {
      ...snapshot,
      children: [child("b", ["late"], "2026-11-23T17:10"), child("a", ["late"], "2026-11-23T17:00")],
    };
    expect(flagged(s, "late").map((c) => c.childId)).toEqual(["a", "b"]);
    expect(flagged(s, "unexplained")).toEqual([]);
  });

  it("routes #/overview and #/reports with an optional day", () => {
    expect(parseRoute("#/overview")).toEqual({ name: "overview" });
    expect(parseRoute("#/reports")).toEqual({ name: "reports" });
    expect(parseRoute("#/reports/2026-11-23")).toEqual({ name: "reports", day: "2026-11-23" });
    expect(parseRoute("#/reports/yesterday")).toEqual({ name: "home" });
    expect(routeHash({ name: "reports", day: "2026-11-23" })).toBe("#/reports/2026-11-23");
  });

  it("builds an amendment only when every field and the reason are there", () => {
    const base = {
      kind: "mark_collected" as const,
      childId: "c1",
      adultName: "张奶奶",
      relation: "",
      time: "17:05",
      leaveReason: "",
      requestedBy: "",
      text: "",
      why: "忘带卡",
    };
    expect(amendRequestOf(base)).toEqual({
      reason: "忘带卡",
      correction: { kind: "mark_collected", childId: "c1", adultName: "张奶奶", time: "17:05" },
    });
    expect(amendRequestOf({ ...base, why: " " })).toBeUndefined();
    expect(amendRequestOf({ ...base, time: "" })).toBeUndefined();
    expect(amendRequestOf({ ...base, kind: "note", text: "停电", childId: "" })).toEqual({
      reason: "忘带卡",
      correction: { kind: "note", text: "停电" },
    });
  });
});
