import { describe, expect, it } from "vitest";
import { dutyAt, dutyFor } from "../../server/domain/duty";
import { type Duty, DutySchema } from "../../server/domain/entities";

const users = [
  { id: "u1", displayName: "王老师" },
  { id: "u2", displayName: "李老师" },
];
const duties: Duty[] = [
  { id: "d1", groupId: "g1", weekday: "mon", person: { kind: "teacher", userId: "u1" } },
  { id: "d2", groupId: "g1", weekday: "fri", person: { kind: "teacher", userId: "u1" } },
  {
    id: "d3",
    groupId: "g1",
    weekday: "fri",
    person: { kind: "volunteer", name: "陈妈妈", phone: "13900009001" },
    from: "16:00",
    note: "周五教师例会",
  },
  { id: "d4", groupId: "g1", date: "2026-11-23", person: { kind: "teacher", userId: "u2" } },
  { id: "d5", groupId: "g2", weekday: "mon", person: { kind: "teacher", userId: "u2" } },
];

describe("duty roster lookup (rule 2)", () => {
  it("a weekday's standing line names the teacher", () => {
    // 2026-11-16 is a Monday.
    expect(dutyFor({ duties, users }, "g1", "2026-11-16")).toEqual([
      { dutyId: "d1", kind: "teacher", userId: "u1", name: "王老师", dated: false },
    ]);
  });

  it("a dated line replaces that weekday's lines (a swap for one day)", () => {
    expect(dutyFor({ duties, users }, "g1", "2026-11-23").map((d) => d.name)).toEqual(["李老师"]);
  });

  it("a dated line replaces only its own slot: the Friday volunteer from 16:00 stays (issue 11)", () => {
    // 2026-11-27 is a Friday; 李老师 stands in for 王老师 that day only.
    const swap: Duty = {
      id: "d6",
      groupId: "g1",
      date: "2026-11-27",
      person: { kind: "teacher", userId: "u2" },
    };
    const friday = dutyFor({ duties: [...duties, swap], users }, "g1", "2026-11-27");
    expect(friday.map((d) => [d.name, d.from, d.dated])).toEqual([
      ["李老师", undefined, true],
      ["陈妈妈", "16:00", false],
    ]);
  });

  it("Friday: the teacher, then the parent volunteer from 16:00 (a handover)", () => {
    const friday = dutyFor({ duties, users }, "g1", "2026-11-20");
    expect(friday.map((d) => [d.kind, d.name, d.from])).toEqual([
      ["teacher", "王老师", undefined],
      ["volunteer", "陈妈妈", "16:00"],
    ]);
    expect(dutyAt(friday, "15:30")?.name).toBe("王老师");
    expect(dutyAt(friday, "16:30")?.name).toBe("陈妈妈");
  });

  it("no line: nobody; a file without duties: nobody; lines need a date or a weekday", () => {
    expect(dutyFor({ duties, users }, "g2", "2026-11-17")).toEqual([]);
    expect(dutyFor({ users }, "g1", "2026-11-16")).toEqual([]);
    expect(
      DutySchema.safeParse({ id: "x", groupId: "g1", person: { kind: "teacher", userId: "u1" } }).success,
    ).toBe(false);
  });
});
