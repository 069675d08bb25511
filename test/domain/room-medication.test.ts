import { describe, expect, it } from "vitest";
import { isDoseDue } from "../../protocol";
import { applyEvent } from "../../server/domain/day-state";
import {
  decideMedicationGiven,
  medicationDoses,
  medicationReminders,
} from "../../server/domain/room/medication";
import { DAY, world } from "./fixtures";
import { AFTER_CARE_START, AFTER_DOSE, roomSchool, teacher } from "./room-fixtures";

describe("medication (rule 11)", () => {
  it("lists today's doses with their instant in the school's zone", () => {
    const w = world(roomSchool());
    expect(medicationDoses(w.roster, w.state, "g1")).toEqual([
      {
        childId: "c1",
        childName: "张小明",
        medicationId: "ibu",
        name: "布洛芬混悬液",
        dose: "5 ml",
        time: "16:30",
        dueAt: "2026-11-23T16:30:00+08:00",
      },
    ]);
    expect(medicationDoses(w.roster, w.state, "g2")).toEqual([]);
  });

  it("a course outside today gives no dose", () => {
    const db = roomSchool();
    const med = db.children[0]?.health?.medications[0];
    if (med) med.to = "2026-11-20";
    const w = world(db);
    expect(medicationDoses(w.roster, w.state, "g1")).toEqual([]);
  });

  it("reminds when due and the child is in the room, until given", () => {
    const w = world(roomSchool());
    expect(medicationReminders(w.roster, w.state, "g1", AFTER_DOSE)).toEqual([]); // not checked in
    applyEvent(w.state, {
      id: "e",
      type: "child:checked_in",
      day: DAY,
      at: "",
      actor: teacher,
      childId: "c1",
      via: "card",
    });
    expect(medicationReminders(w.roster, w.state, "g1", AFTER_CARE_START)).toEqual([]); // not due yet
    expect(medicationReminders(w.roster, w.state, "g1", AFTER_DOSE)).toHaveLength(1);
    const given = decideMedicationGiven({
      ...w,
      childId: "c1",
      medicationId: "ibu",
      time: "16:30",
      actor: teacher,
      byName: "王老师",
      eventId: "m1",
      now: AFTER_DOSE,
    });
    expect(given).toMatchObject({
      type: "medication:given",
      medicationName: "布洛芬混悬液",
      dose: "5 ml",
      byName: "王老师",
    });
    applyEvent(w.state, given);
    expect(medicationReminders(w.roster, w.state, "g1", AFTER_DOSE)).toEqual([]);
    expect(medicationDoses(w.roster, w.state, "g1")[0]?.given).toEqual({ at: given.at, byName: "王老师" });
    expect(() =>
      decideMedicationGiven({
        ...w,
        childId: "c1",
        medicationId: "ibu",
        time: "16:30",
        actor: teacher,
        byName: "x",
        eventId: "m2",
        now: AFTER_DOSE,
      }),
    ).toThrow(/already/);
  });

  it("a dose that is not on today's list is refused", () => {
    const w = world(roomSchool());
    expect(() =>
      decideMedicationGiven({
        ...w,
        childId: "c1",
        medicationId: "ibu",
        time: "09:00",
        actor: teacher,
        byName: "x",
        eventId: "m",
        now: AFTER_DOSE,
      }),
    ).toThrow();
  });

  it("isDoseDue needs the child present", () => {
    const dose = {
      childId: "c1",
      childName: "",
      medicationId: "m",
      name: "",
      dose: "",
      time: "16:30",
      dueAt: "2026-11-23T16:30:00+08:00",
    };
    expect(isDoseDue(dose, "checked_in", AFTER_DOSE)).toBe(true);
    expect(isDoseDue(dose, "collected", AFTER_DOSE)).toBe(false);
    expect(isDoseDue(dose, "checked_in", AFTER_CARE_START)).toBe(false);
  });
});
