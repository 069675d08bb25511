import type { DailyRecord, MonthlySummary } from "../../protocol";
import { WanfengError } from "../../protocol";
import type { EventJournal } from "../domain/events";
import { buildRosterIndex } from "../domain/roster-index";
import { schoolDay } from "../domain/school-day";
import type { RosterReader } from "../ports/roster";
import { daysOfMonth } from "./clock";
import { buildDailyRecord } from "./daily-record";
import { buildMonthlySummary } from "./monthly-summary";

export interface ReportDeps {
  store: RosterReader;
  journal: EventJournal;
  clock: () => Date;
}

/**
 * Reads the archive: a day's record is its journal file replayed with the roster of that day;
 * a month is its days' records. Nothing is cached, so a report always shows what the journal
 * holds, amendments included.
 */
export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  today(): string {
    return schoolDay(this.deps.clock(), this.deps.store.schoolRoster().settings.timezone);
  }

  async daily(day: string, groupId?: string): Promise<DailyRecord> {
    if (day > this.today()) throw new WanfengError("VALIDATION_FAILED", `${day} has not happened yet`);
    // The roster as it stood that day (enrolment dates decide who was expected); group names are today's.
    const roster = buildRosterIndex(this.deps.store.schoolRoster(), day);
    if (groupId !== undefined && !roster.groups.has(groupId)) {
      throw new WanfengError("NOT_FOUND", `no group ${groupId}`);
    }
    const events = await this.deps.journal.readDay(day);
    return buildDailyRecord({
      roster,
      day,
      events,
      now: this.deps.clock(),
      ...(groupId !== undefined ? { groupId } : {}),
    });
  }

  async monthly(month: string, groupId?: string): Promise<MonthlySummary> {
    const today = this.today();
    if (`${month}-01` > today) throw new WanfengError("VALIDATION_FAILED", `${month} has not started yet`);
    const records: DailyRecord[] = [];
    // One journal file per day, read one after the other: at most 31 small files.
    for (const day of daysOfMonth(month).filter((d) => d <= today)) {
      records.push(await this.daily(day, groupId));
    }
    return buildMonthlySummary({
      month,
      schoolName: this.deps.store.schoolRoster().settings.schoolName,
      now: this.deps.clock(),
      records,
    });
  }
}
