import type { DailyRecord, MonthDay, MonthlyChildRow, MonthlyGroupRow, MonthlySummary } from "../../protocol";
import { minutesOfDay, timeOfMinutes } from "./clock";

/**
 * The monthly summary (rule 12: "monthly summaries are reviewed"): per group and per child, days
 * in care, leaves, unexplained absences, late pickups and the average pickup time. Built from the
 * month's daily records, so both reports count the same way; days with nothing recorded are
 * listed but not counted. Pure.
 */
export interface MonthlyInput {
  month: string;
  schoolName: string;
  now: Date;
  /** One record per day of the month up to today, in order (days without care included). */
  records: readonly DailyRecord[];
}

interface Tally {
  row: MonthlyChildRow;
  groupId: string;
  pickups: number[];
}

export function buildMonthlySummary(input: MonthlyInput): MonthlySummary {
  const tallies = new Map<string, Tally>();
  const groupNames = new Map<string, { groupName: string; roomName: string }>();
  const days: MonthDay[] = [];
  for (const record of input.records) {
    days.push({
      day: record.day,
      careDay: record.careDay,
      recorded: record.recorded,
      signedOff: record.signOff !== undefined,
    });
    // A day with nothing recorded says nothing about the children (the system was not in use).
    if (!record.recorded) continue;
    for (const group of record.groups) {
      // The latest day's name wins: a group renamed mid-month shows its current name.
      groupNames.set(group.groupId, { groupName: group.groupName, roomName: group.roomName });
      for (const child of group.children) {
        const tally = tallyOf(tallies, child, group.groupId);
        if (child.attendance === "present") tally.row.daysInCare += 1;
        if (child.attendance === "on_leave") tally.row.leaves += 1;
        if (child.attendance === "unexplained") tally.row.unexplained += 1;
        if (child.late) tally.row.latePickups += 1;
        if (child.collected) tally.pickups.push(minutesOfDay(child.collected));
      }
    }
  }
  const groups = [...groupNames.entries()].map(([groupId, names]) =>
    groupRow(
      groupId,
      names,
      [...tallies.values()].filter((t) => t.groupId === groupId),
    ),
  );
  return {
    month: input.month,
    schoolName: input.schoolName,
    generatedAt: input.now.toISOString(),
    days,
    careDays: days.filter((d) => d.careDay).length,
    recordedDays: days.filter((d) => d.careDay && d.recorded).length,
    signedOffDays: days.filter((d) => d.signedOff).length,
    groups,
  };
}

function tallyOf(
  tallies: Map<string, Tally>,
  child: { childId: string; name: string; grade: number; className: string },
  groupId: string,
): Tally {
  let tally = tallies.get(child.childId);
  if (!tally) {
    tally = {
      row: {
        childId: child.childId,
        name: child.name,
        grade: child.grade,
        className: child.className,
        daysInCare: 0,
        leaves: 0,
        unexplained: 0,
        latePickups: 0,
      },
      groupId,
      pickups: [],
    };
    tallies.set(child.childId, tally);
  }
  // A child who moved groups is listed under the group of the latest day.
  tally.groupId = groupId;
  return tally;
}

function average(minutes: readonly number[]): string | undefined {
  if (minutes.length === 0) return undefined;
  return timeOfMinutes(minutes.reduce((a, b) => a + b, 0) / minutes.length);
}

function groupRow(
  groupId: string,
  names: { groupName: string; roomName: string },
  tallies: readonly Tally[],
): MonthlyGroupRow {
  const children = tallies.map((t) => {
    const avg = average(t.pickups);
    return avg === undefined ? t.row : { ...t.row, averagePickup: avg };
  });
  const sum = (key: "daysInCare" | "leaves" | "unexplained" | "latePickups") =>
    children.reduce((n, c) => n + c[key], 0);
  const totals: MonthlyGroupRow["totals"] = {
    daysInCare: sum("daysInCare"),
    leaves: sum("leaves"),
    unexplained: sum("unexplained"),
    latePickups: sum("latePickups"),
  };
  const avg = average(tallies.flatMap((t) => t.pickups));
  if (avg !== undefined) totals.averagePickup = avg;
  return { groupId, ...names, children, totals };
}
