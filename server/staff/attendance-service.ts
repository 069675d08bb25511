import { WanfengError } from "../../protocol";
import type { DayService } from "../day/day-service";
import type { User } from "../domain/entities";
import type { DayEvent, EventJournal, StaffSignedIn, StaffSignedOut } from "../domain/events";
import { scheduleOf } from "../domain/schedule/defaults";
import type { RosterReader } from "../ports/roster";
import { toCsv } from "../reports/csv";
import { type AttendanceMark, type StaffMonth, staffMonth } from "./staff-hours";

export interface StaffStatus {
  userId: string;
  signedIn: boolean;
  since?: string;
}

export interface StaffMonthRow extends StaffMonth {
  name: string;
  role: string;
}

export interface AttendanceReport {
  month: string;
  rows: StaffMonthRow[];
}

/**
 * Staff attendance by login (the same toggle a staff card is at a reader) and the monthly report
 * read back from the journal: sign-ins are day events like every other fact, so the report is
 * derived, never kept.
 */
export class AttendanceService {
  constructor(
    private readonly deps: {
      store: RosterReader;
      day: DayService;
      journal: EventJournal;
      newId: () => string;
      /** For today's open sign-ins in the report; default the system clock. */
      clock?: () => Date;
    },
  ) {}

  async status(userId: string): Promise<StaffStatus> {
    return statusOf(userId, await this.deps.day.staffSignedInAt(userId));
  }

  /** Idempotent: signing in when already signed in changes nothing and says so. */
  async sign(user: User, action: "in" | "out"): Promise<StaffStatus> {
    const since = await this.deps.day.staffSignedInAt(user.id);
    if ((action === "in") === (since !== undefined)) return statusOf(user.id, since);
    const id = this.deps.newId();
    const event = await this.deps.day.recordDecision(
      (_roster, state, now): { result: StaffSignedIn | StaffSignedOut; events: DayEvent[] } => {
        // Two sign-ins racing from two screens: the second is told to look again.
        if ((action === "in") === state.staffOnDuty.has(user.id)) {
          throw new WanfengError("VALIDATION_FAILED", "attendance changed meanwhile; try again");
        }
        const base = {
          id,
          day: state.day,
          at: now.toISOString(),
          actor: { kind: "user" as const, id: user.id },
        };
        const signed: StaffSignedIn | StaffSignedOut =
          action === "in"
            ? { ...base, type: "staff:signedIn", userId: user.id, via: "login" }
            : { ...base, type: "staff:signedOut", userId: user.id, via: "login" };
        return { result: signed, events: [signed] };
      },
    );
    return statusOf(user.id, event.type === "staff:signedIn" ? event.at : undefined);
  }

  async monthReport(month: string): Promise<AttendanceReport> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new WanfengError("VALIDATION_FAILED", "month is YYYY-MM");
    const school = this.deps.store.schoolRoster();
    const marks: AttendanceMark[] = [];
    for (const day of daysOfMonth(month)) {
      for (const event of await this.deps.journal.readDay(day)) {
        if (event.type === "staff:signedIn" || event.type === "staff:signedOut") {
          const action = event.type === "staff:signedIn" ? "in" : "out";
          marks.push({ userId: event.userId, day: event.day, at: event.at, action });
        }
      }
    }
    const now = (this.deps.clock ?? (() => new Date()))().getTime();
    const rows = staffMonth(marks, scheduleOf(school), school.settings.timezone, now).map((row) => {
      const user = school.users.find((u) => u.id === row.userId);
      return { ...row, name: user?.displayName ?? row.userId, role: user?.role ?? "" };
    });
    rows.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
    return { month, rows };
  }
}

function statusOf(userId: string, since: string | undefined): StaffStatus {
  return since === undefined ? { userId, signedIn: false } : { userId, signedIn: true, since };
}

export function daysOfMonth(month: string): string[] {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

const CSV_HEAD = [
  "姓名 name",
  "天数 days",
  "课时 periods",
  "课时内分钟 period minutes",
  "签到总分钟 signed minutes",
  "未签退 missing sign-out",
];

/** The report as CSV with a BOM, so Excel in China opens it in UTF-8 with the Chinese headers intact. */
export function attendanceCsv(report: AttendanceReport): string {
  const rows = report.rows.map((row) => [
    row.name,
    row.days,
    row.periods.map((p) => `${p.name} ${p.count}`).join("; "),
    row.periodMinutes,
    row.signedMinutes,
    row.missingSignOuts.join(" "),
  ]);
  return toCsv({ name: "attendance", header: [...CSV_HEAD], rows });
}
