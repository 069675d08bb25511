import { describe, expect, it } from "vitest";
import { schoolDay } from "../../server/domain/school-day";
import {
  alertView,
  childView,
  gateChildViews,
  groupChildViews,
  groupSummary,
} from "../../server/domain/views";
import { gate, room1, tap, world } from "./fixtures";

describe("views", () => {
  it("a requested child's view names the adult, relation and gate", () => {
    const w = world();
    tap(w, room1, "0000000011");
    // 5 s after the room tap, in the dismissal window (fixtures AFTERNOON).
    tap(w, gate, "0000000001", new Date("2026-11-23T08:55:05Z"));
    expect(childView(w.roster, w.state, "c1")).toMatchObject({
      name: "张小明",
      groupName: "一二年级",
      roomName: "101",
      status: "pickup_requested",
      requestedBy: { guardianId: "p1", name: "张妈妈", relation: "妈妈" },
      requestGateName: "南门",
    });
    expect(gateChildViews(w.roster, w.state).map((v) => v.childId)).toEqual(["c1"]);
    expect(groupChildViews(w.roster, w.state, "g1").map((v) => v.status)).toEqual([
      "pickup_requested",
      "expected",
    ]);
    expect(groupSummary(w.roster, "g1")).toEqual({
      id: "g1",
      name: "一二年级",
      roomName: "101",
      childCount: 2,
    });
  });

  it("an alert view carries the device name", () => {
    const w = world();
    tap(w, gate, "0123456789");
    const alert = w.state.alerts[0];
    if (!alert) throw new Error("no alert");
    expect(alertView(w.roster, alert)).toMatchObject({ kind: "unknown_card", deviceName: "南门" });
  });

  it("the school day follows the school's zone, not the server's", () => {
    expect(schoolDay(new Date("2026-11-22T17:30:00Z"), "Asia/Shanghai")).toBe("2026-11-23");
    expect(schoolDay(new Date("2026-11-22T17:30:00Z"), "UTC")).toBe("2026-11-22");
  });
});
