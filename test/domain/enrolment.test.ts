import { describe, expect, it } from "vitest";
import { emptyDay } from "../../server/domain/day-state";
import { careOnDay, careStanding, currentEnrolment, enrolmentStateOn } from "../../server/domain/enrolment";
import { type Enrolment, EnrolmentSchema } from "../../server/domain/entities";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { decideTap } from "../../server/domain/tap-decision";
import { childView, groupChildViews } from "../../server/domain/views";
import { DbSchema } from "../../server/store/schema";
import { AFTERNOON, DAY, gate, report, room1, smallSchool } from "./fixtures";

function record(childId: string, parts: Partial<Enrolment> = {}): Enrolment {
  return {
    id: `e-${childId}`,
    childId,
    application: { date: "2026-09-01", by: "张妈妈" },
    recordedBy: "u-admin",
    updatedAt: "2026-09-01T08:00:00Z",
    ...parts,
  };
}

const approved = { approval: { date: "2026-09-03", by: "周主任" } };
const signed = { ...approved, agreement: { signedOn: "2026-09-05" } };

describe("enrolment state machine (rule 1)", () => {
  it("application → approval → agreement → enrolled, each from its own date", () => {
    const e = record("c1", signed);
    expect(enrolmentStateOn(e, "2026-08-31")).toBeUndefined();
    expect(enrolmentStateOn(e, "2026-09-01")).toBe("applied");
    expect(enrolmentStateOn(e, "2026-09-03")).toBe("approved");
    expect(enrolmentStateOn(e, "2026-09-05")).toBe("enrolled");
    expect(enrolmentStateOn(e, "2026-12-01")).toBe("enrolled");
  });

  it("a written withdrawal ends care from its effective day; a declined application never starts it", () => {
    const withdrawn = record("c1", {
      ...signed,
      withdrawal: { requestedOn: "2026-11-10", effectiveFrom: "2026-11-11", reason: "家长可接" },
    });
    expect(enrolmentStateOn(withdrawn, "2026-11-10")).toBe("enrolled");
    expect(enrolmentStateOn(withdrawn, "2026-11-11")).toBe("withdrawn");
    const declined = record("c1", { declined: { date: "2026-09-02", by: "周主任", reason: "名额已满" } });
    expect(enrolmentStateOn(declined, "2026-09-02")).toBe("declined");
  });

  it("the latest application made by the day speaks for the child (withdrawn, then enrolled again)", () => {
    const first = record("c1", {
      ...signed,
      withdrawal: { requestedOn: "2026-10-10", effectiveFrom: "2026-10-11", reason: "搬家" },
    });
    const second = {
      ...record("c1", { application: { date: "2026-11-01", by: "张妈妈" } }),
      id: "e-c1-2",
      approval: { date: "2026-11-02", by: "周主任" },
      agreement: { signedOn: "2026-11-03" },
    };
    expect(currentEnrolment([first, second], "2026-10-20")?.id).toBe("e-c1");
    expect(careStanding([first, second], "2026-10-20")).toBe("withdrawn");
    expect(careStanding([first, second], "2026-11-02")).toBe("approved");
    expect(careStanding([first, second], "2026-11-03")).toBe("enrolled");
    expect(careStanding([], "2026-11-03")).toBe("no_records");
  });

  it("the schema refuses steps out of order", () => {
    expect(EnrolmentSchema.safeParse(record("c1", { agreement: { signedOn: "2026-09-05" } })).success).toBe(
      false,
    );
    expect(
      EnrolmentSchema.safeParse(record("c1", { approval: { date: "2026-08-01", by: "x" } })).success,
    ).toBe(false);
    expect(EnrolmentSchema.safeParse(record("c1", signed)).success).toBe(true);
  });
});

describe("who is expected in a group's day", () => {
  it("a file without enrolment records keeps every child expected (legacy), and still validates", () => {
    const db = smallSchool();
    expect(DbSchema.safeParse(db).success).toBe(true);
    const roster = buildRosterIndex(db, DAY);
    expect(groupChildViews(roster, emptyDay(DAY), "g1").map((c) => c.childId)).toEqual(["c1", "c3"]);
  });

  it("only enrolled children are expected; a pending application or a withdrawal is not", () => {
    const db = smallSchool();
    db.enrolments = [
      record("c1", signed),
      record("c3", {
        ...signed,
        withdrawal: { requestedOn: "2026-11-01", effectiveFrom: "2026-11-02", reason: "家长可接" },
      }),
      record("c2", approved),
    ];
    expect(DbSchema.safeParse(db).success).toBe(true);
    const roster = buildRosterIndex(db, DAY);
    expect(groupChildViews(roster, emptyDay(DAY), "g1").map((c) => c.childId)).toEqual(["c1"]);
    expect(groupChildViews(roster, emptyDay(DAY), "g2")).toEqual([]);
    // The day before the withdrawal took effect, c3 was still expected.
    const before = buildRosterIndex(db, "2026-11-01");
    expect(groupChildViews(before, emptyDay("2026-11-01"), "g1").map((c) => c.childId)).toEqual(["c1", "c3"]);
  });

  it("a child kept for special care appears in the chosen group on those days only, marked", () => {
    const db = smallSchool();
    db.enrolments = [record("c2", { declined: { date: "2026-09-02", by: "周主任", reason: "不符合条件" } })];
    db.specialCare = [
      {
        id: "sc1",
        childId: "c2",
        groupId: "g1",
        days: [DAY],
        decidedBy: "班主任 赵老师",
        reason: "家长出差，临时留校",
        recordedBy: "u-admin",
        recordedAt: "2026-11-23T01:00:00Z",
      },
    ];
    expect(DbSchema.safeParse(db).success).toBe(true);
    const care = careOnDay(db, DAY);
    expect(care.inCare.has("c2")).toBe(true);
    const roster = buildRosterIndex(db, DAY);
    expect(groupChildViews(roster, emptyDay(DAY), "g1").map((c) => c.childId)).toEqual(["c1", "c2", "c3"]);
    expect(roster.specialCare.get("c2")?.reason).toBe("家长出差，临时留校");
    expect(childView(roster, emptyDay(DAY), "c2")).toMatchObject({
      groupId: "g1",
      specialCare: { reason: "家长出差，临时留校", decidedBy: "班主任 赵老师" },
    });
    // It checks in at the room of the day's group, like any child of that group.
    const tap = decideTap({
      roster,
      state: emptyDay(DAY),
      device: room1,
      report: report("0000000012"),
      now: AFTERNOON,
    });
    expect(tap.result).toMatchObject({ kind: "check_in", childId: "c2", outcome: "checked_in" });
    const nextDay = buildRosterIndex(db, "2026-11-24");
    expect(nextDay.inCare.has("c2")).toBe(false);
  });

  it("a child not in care today checks in nowhere and is no pickup at the gate", () => {
    const db = smallSchool();
    db.enrolments = [record("c1", approved)];
    const roster = buildRosterIndex(db, DAY);
    const state = emptyDay(DAY);
    const tap = decideTap({ roster, state, device: room1, report: report("0000000011"), now: AFTERNOON });
    expect(tap.result).toMatchObject({ kind: "check_in", childId: "c1", outcome: "not_in_care" });
    expect(tap.events).toHaveLength(1);
    const atGate = decideTap({ roster, state, device: gate, report: report("0000000001"), now: AFTERNOON });
    expect(atGate.result).toMatchObject({ kind: "pickup" });
    const names = atGate.result.kind === "pickup" ? atGate.result.children.map((c) => c.childId) : [];
    expect(names).toEqual(["c2"]);
  });
});
