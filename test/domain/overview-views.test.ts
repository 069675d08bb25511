import { describe, expect, it } from "vitest";
import { replay } from "../../server/domain/day-state";
import { careEndOf } from "../../server/domain/overview/child-flags";
import { overviewSnapshot, overviewUpdate } from "../../server/domain/overview/overview-views";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { ev, fullPickup, moment } from "../reports/recorded-day";
import { DAY, smallSchool } from "./fixtures";

const roster = buildRosterIndex(smallSchool(), DAY);

describe("the duty leader's overview", () => {
  it("reads the care end of each grade band from the schedule (winter: 17:00 for 1–2, 17:10 for 3–4)", () => {
    expect(careEndOf(roster, DAY, 1)?.careEnds).toBe("17:00");
    expect(careEndOf(roster, DAY, 3)?.careEnds).toBe("17:10");
    // A Sunday has no care.
    expect(careEndOf(roster, "2026-11-22", 1)).toBeUndefined();
  });

  it("counts each group's children by status", () => {
    const state = replay(DAY, [
      ev.checkIn("c1", "15:40"),
      ev.request("c1", "p1", "16:45"),
      ev.leave("c2", "发烧", "张妈妈", "14:00"),
    ]);
    const snap = overviewSnapshot(roster, state, moment("16:46"));
    const g1 = snap.groups.find((g) => g.groupId === "g1");
    expect(g1).toMatchObject({
      groupName: "一二年级",
      roomName: "101",
      expected: 2,
      checkedIn: 1,
      present: 1,
      requested: 1,
      onLeave: 0,
      collected: 0,
    });
    expect(snap.groups.find((g) => g.groupId === "g2")).toMatchObject({ expected: 1, onLeave: 1 });
    expect(snap.totals).toMatchObject({ expected: 3, checkedIn: 1, onLeave: 1, requested: 1 });
    expect(snap.careDay).toBe(true);
  });

  it("lists unexplained absences once care has started, late children after care end, released children", () => {
    const events = [ev.checkIn("c1", "15:40"), ev.request("c1", "p1", "16:58"), ev.release("c1", "16:59")];
    // 16:00: care has not started for grade 2 (dismissal opens 16:40, no care start set): nobody is flagged.
    expect(overviewSnapshot(roster, replay(DAY, events.slice(0, 1)), moment("16:00")).children).toEqual([]);
    const late = overviewSnapshot(roster, replay(DAY, events), moment("17:05"));
    const byId = new Map(late.children.map((c) => [c.childId, c]));
    expect(byId.get("c3")?.flags).toEqual(["unexplained"]);
    expect(byId.get("c1")?.flags).toEqual(["late", "released_not_collected"]);
    expect(byId.get("c1")?.since).toBe("2026-11-23T17:00:00+08:00");
    expect(late.totals).toMatchObject({ unexplained: 2, late: 1, released: 1 });
  });

  it("pushes only the changed children's lines and their groups' counts", () => {
    const state = replay(DAY, [
      ev.checkIn("c1", "15:40"),
      ...fullPickup("c2", "p1", ["15:41", "17:00", "17:01", "17:02"]),
    ]);
    const update = overviewUpdate(roster, state, ["c2"], moment("17:03"));
    expect(update.groups.map((g) => g.groupId)).toEqual(["g2"]);
    expect(update.groups[0]).toMatchObject({ collected: 1, present: 0 });
    expect(update.children).toEqual([
      expect.objectContaining({ childId: "c2", status: "collected", flags: [] }),
    ]);
    expect(update.totals).toMatchObject({ expected: 3, collected: 1, present: 1 });
    expect(JSON.stringify(update)).not.toContain("c3");
  });
});
