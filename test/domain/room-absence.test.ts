import { describe, expect, it } from "vitest";
import { isUnexplained } from "../../protocol";
import { applyEvent } from "../../server/domain/day-state";
import { careStartOf, roomCounts, unexplainedAbsences } from "../../server/domain/room/absences";
import { DAY, world } from "./fixtures";
import { AFTER_CARE_START, BEFORE_CARE, roomSchool, teacher } from "./room-fixtures";

describe("unexplained absences (rule 4)", () => {
  it("care start is the band's careStarts in the school's zone", () => {
    const { roster } = world(roomSchool());
    expect(careStartOf(roster, 1, DAY)).toBe("2026-11-23T15:30:00+08:00");
  });

  it("without careStarts, the dismissal window's opening counts as care start", () => {
    const { roster } = world();
    expect(careStartOf(roster, 1, DAY)).toBe("2026-11-23T16:40:00+08:00");
  });

  it("no care on a Sunday: nobody is unexplained", () => {
    const { roster } = world(roomSchool());
    expect(careStartOf(roster, 1, "2026-11-22")).toBeUndefined();
  });

  it("an expected child is unexplained only after care start", () => {
    const w = world(roomSchool());
    expect(unexplainedAbsences(w.roster, w.state, BEFORE_CARE)).toEqual([]);
    const after = unexplainedAbsences(w.roster, w.state, AFTER_CARE_START);
    expect(after.map((a) => a.childId).sort()).toEqual(["c1", "c2", "c3"]);
    expect(after[0]?.since).toMatch(/T15:30:00\+08:00$/);
  });

  it("checked in, on leave or resolved is not unexplained", () => {
    const w = world(roomSchool());
    const base = { day: DAY, at: AFTER_CARE_START.toISOString(), actor: teacher };
    applyEvent(w.state, { ...base, id: "e1", type: "child:checked_in", childId: "c1", via: "touch" });
    applyEvent(w.state, {
      ...base,
      id: "e2",
      type: "leave:recorded",
      childId: "c2",
      reason: "病假",
      requestedBy: "妈妈",
    });
    applyEvent(w.state, {
      ...base,
      id: "e3",
      type: "absence:resolved",
      childId: "c3",
      reason: "家长电话确认已接回家",
    });
    expect(unexplainedAbsences(w.roster, w.state, AFTER_CARE_START)).toEqual([]);
    expect(roomCounts(w.roster, w.state, "g1", AFTER_CARE_START)).toEqual({
      total: 2,
      present: 1,
      onLeave: 0,
      absent: 1,
      unexplained: 0,
      expected: 0,
      gone: 0,
    });
  });

  it("the kiosk's rule agrees: boundaries are inclusive at care start", () => {
    const facts = { status: "expected", careStartsAt: "2026-11-23T15:30:00+08:00" };
    expect(isUnexplained(facts, new Date("2026-11-23T07:29:59Z"))).toBe(false);
    expect(isUnexplained(facts, new Date("2026-11-23T07:30:00Z"))).toBe(true);
    expect(isUnexplained({ ...facts, absenceResolved: { at: "", reason: "x" } }, AFTER_CARE_START)).toBe(
      false,
    );
  });
});
