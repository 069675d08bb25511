import { nextDay } from "../server/admin/admin-service";
import type { Duty, Enrolment } from "../server/domain/entities";
import { schoolDay } from "../server/domain/school-day";
import type { Db } from "../server/store/schema";

/** A staff card for the demo's first teacher (考勤): tap it at a room reader to sign in and out. */
export const DEMO_STAFF_CARD = "0055667788";

function daysBefore(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - n);
  return date.toISOString().slice(0, 10);
}

/**
 * The office's records of the demo school, dated back from the day it is made: every child applied,
 * was approved and has a signed agreement; one child was withdrawn two weeks ago (and is no longer
 * expected); each group has its teacher Monday to Friday, with a parent volunteer taking over on
 * Fridays from 16:00 (the staff meeting, as in the seeds); the first teacher has a staff card.
 */
export function addDemoAdministration(db: Db, now: Date): void {
  const today = schoolDay(now, db.settings.timezone);
  const admin = db.users.find((u) => u.role === "admin");
  const recordedBy = admin?.id ?? "system";
  const updatedAt = now.toISOString();
  const withdrawnChild = db.children.filter((c) => c.groupId === "group-2").at(-1);
  db.enrolments = db.children.map((child, i): Enrolment => {
    const guardianId = db.guardianships.find((g) => g.childId === child.id)?.guardianId;
    const applicant = db.guardians.find((g) => g.id === guardianId)?.name ?? "家长";
    const record: Enrolment = {
      id: `enr-demo-${i + 1}`,
      childId: child.id,
      application: { date: daysBefore(today, 90), by: applicant },
      approval: { date: daysBefore(today, 86), by: "教导处 周主任" },
      agreement: { signedOn: daysBefore(today, 84) },
      recordedBy,
      updatedAt,
    };
    if (child.id === withdrawnChild?.id) {
      const requestedOn = daysBefore(today, 14);
      record.withdrawal = {
        requestedOn,
        effectiveFrom: nextDay(requestedOn),
        reason: "家中老人退休，可以按时接送（书面申请）",
      };
    }
    return record;
  });

  const duties: Duty[] = [];
  const teacherOf = (groupId: string) =>
    db.users.find((u) => u.role === "teacher" && u.groupIds.includes(groupId));
  const volunteers: Record<string, { name: string; phone: string }> = {
    "group-1": { name: "陈妈妈", phone: "13900009001" },
    "group-2": { name: "林爸爸", phone: "13900009002" },
  };
  for (const group of db.groups) {
    const teacher = teacherOf(group.id);
    if (teacher) {
      for (const weekday of ["mon", "tue", "wed", "thu", "fri"] as const) {
        duties.push({
          id: `duty-demo-${group.id}-${weekday}`,
          groupId: group.id,
          weekday,
          person: { kind: "teacher", userId: teacher.id },
        });
      }
    }
    const volunteer = volunteers[group.id];
    if (volunteer) {
      duties.push({
        id: `duty-demo-${group.id}-fri-volunteer`,
        groupId: group.id,
        weekday: "fri",
        person: { kind: "volunteer", ...volunteer },
        from: "16:00",
        note: "周五教师例会",
      });
    }
  }
  db.duties = duties;

  const firstTeacher = teacherOf("group-1");
  if (firstTeacher)
    db.cards.push({ id: DEMO_STAFF_CARD, holder: { kind: "staff", id: firstTeacher.id }, status: "active" });
}
