import type { AlertView } from "./alerts";
import type { ChildStatus } from "./child-day";
import type { GateRegisterEntry } from "./gate";
import type { AmendmentView, GroupCounts, SignOffView } from "./overview";

/**
 * The care archive (rule 12) as screens, CSV and Excel show it. Built on the server from the
 * day's journal and the roster. Times of a child's day are "HH:MM" on the school's wall clock
 * (the day is the record's), so every screen and spreadsheet shows the school's time.
 */

export const ATTENDANCE = [
  /** Arrived (checked in), whatever happened next. */
  "present",
  "on_leave",
  /** Not arrived, no leave, roll call due: an open alert (rule 4). */
  "unexplained",
  /** Not arrived; the teacher recorded why (absence resolved). */
  "absent",
  /** Not arrived yet and roll call not yet due (a record of today, early). */
  "not_arrived",
  /** No care that day (weekend, holiday) and the child did not come. */
  "no_care",
] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export interface DailyChildRow {
  childId: string;
  name: string;
  grade: number;
  className: string;
  /** The status the day ended with (or has now, for today). */
  status: ChildStatus;
  attendance: Attendance;
  checkedIn?: string;
  leaveReason?: string;
  leaveRequestedBy?: string;
  /** Why a resolved absence was not unexplained (the teacher's note). */
  absenceReason?: string;
  requested?: string;
  released?: string;
  collected?: string;
  /** Who collected (or asked for) the child: a guardian, a delegate with a pass, or an amendment's adult. */
  adultName?: string;
  adultRelation?: string;
  /** "HH:MM" care end for the child's grade band, when it is a care day. */
  careEnds?: string;
  /** Collected after care ended, or still in school when care ended and not collected since. */
  late: boolean;
  lateMinutes?: number;
  /** A late child moved to the reception room (接待室): when ("HH:MM"), where, by whom. */
  reception?: { at: string; roomName: string; byName: string };
  /** Every attempt to reach a guardian about this child (rule 9), in order; times "HH:MM". */
  contacts?: LateContactRow[];
  /** Something about this child was corrected after the sign-off. */
  amended: boolean;
}

export interface LateContactRow {
  at: string;
  calledName: string;
  relation?: string;
  reached: boolean;
  note: string;
  byName: string;
}

/** A care group changed hands (teacher → teacher, teacher → volunteer), once such events exist. */
export interface HandoverRow {
  at: string;
  time: string;
  from: string;
  to: string;
  /** Handed to a parent volunteer rather than a member of staff. */
  volunteer: boolean;
  headCount: number;
  /** The two counts did not agree. */
  mismatch: boolean;
}

export interface DailyGroupRecord {
  groupId: string;
  groupName: string;
  roomName: string;
  /** The counts at the record's time; here `late` counts late pickups, not only children still waiting. */
  counts: GroupCounts;
  children: DailyChildRow[];
  handovers: HandoverRow[];
}

export interface DailyRecord {
  day: string;
  schoolName: string;
  careDay: boolean;
  /**
   * Something was recorded that day. A care day with an empty journal (before the school used
   * Wanfeng, or the server was off) says nothing about the children: no absences are counted.
   */
  recorded: boolean;
  /** When the record was built: a record of today is a snapshot. */
  generatedAt: string;
  totals: GroupCounts;
  groups: DailyGroupRecord[];
  /** Rule 10: every exit through the gate and every re-entry, oldest first. */
  register: GateRegisterEntry[];
  alerts: AlertView[];
  signOff?: SignOffView;
  amendments: AmendmentView[];
  afterSignOff: number;
}

export interface MonthlyChildRow {
  childId: string;
  name: string;
  grade: number;
  className: string;
  /** Care days the child arrived. */
  daysInCare: number;
  leaves: number;
  unexplained: number;
  latePickups: number;
  /** Mean wall-clock pickup time over the days the child was collected, "HH:MM". */
  averagePickup?: string;
}

export interface MonthlyGroupRow {
  groupId: string;
  groupName: string;
  roomName: string;
  children: MonthlyChildRow[];
  /** Sums over the children; averagePickup over every pickup in the group. */
  totals: Omit<MonthlyChildRow, "childId" | "name" | "grade" | "className">;
}

export interface MonthDay {
  day: string;
  careDay: boolean;
  recorded: boolean;
  signedOff: boolean;
}

export interface MonthlySummary {
  month: string;
  schoolName: string;
  generatedAt: string;
  /** Days of the month up to today (a month in progress stops at today). */
  days: MonthDay[];
  careDays: number;
  /** Care days with a record; only these count towards the children's numbers. */
  recordedDays: number;
  signedOffDays: number;
  groups: MonthlyGroupRow[];
}
