import type { ChildHistory, ChildHistoryEntry, HistoryKind } from "../../protocol";
import type { SchoolRoster } from "../domain/entities";
import type { DayEvent, EventJournal } from "../domain/events";
import { wallClock } from "../reports/clock";
import { toCsv } from "../reports/csv";
import type { ReportLanguage } from "../reports/labels";
import { exportChildRecord } from "./child-record";

/**
 * A child's history, day by day (the admin's history page and its CSV): the events the child's
 * export holds (child-record.ts decides which concern the child), each as one line saying what
 * happened and who was involved, as the journal recorded it.
 */
export async function childHistory(
  roster: SchoolRoster,
  journal: EventJournal,
  childId: string,
  now: Date,
): Promise<ChildHistory | undefined> {
  const record = await exportChildRecord(roster, journal, childId, now);
  const child = roster.children.find((c) => c.id === childId);
  if (!record || !child) return undefined;
  const zone = roster.settings.timezone;
  const entries: ChildHistoryEntry[] = [];
  for (const { day, events } of record.days) {
    for (const event of events) {
      const line = describe(event, childId, roster);
      if (line) entries.push({ day, time: wallClock(event.at, zone), eventType: event.type, ...line });
    }
  }
  return {
    child: { id: child.id, name: child.name, grade: child.grade, className: child.className },
    entries,
  };
}

function guardianLine(roster: SchoolRoster, guardianId: string, childId: string): string {
  const guardian = roster.guardians.find((g) => g.id === guardianId);
  const link = roster.guardianships.find((g) => g.guardianId === guardianId && g.childId === childId);
  if (!guardian) return guardianId;
  return link ? `${guardian.name}（${link.relation}）` : guardian.name;
}

/** What one event says about the child; undefined for events that only mention it in passing (taps). */
function describe(
  event: DayEvent,
  childId: string,
  roster: SchoolRoster,
): { kind: HistoryKind; detail: string } | undefined {
  switch (event.type) {
    case "tap:received":
      return undefined;
    case "child:checked_in":
      return { kind: "checked_in", detail: event.via };
    case "pickup:requested":
      return {
        kind: "pickup_requested",
        detail: event.delegateName
          ? `${event.delegateName}（${event.delegateRelation ?? ""}）`
          : guardianLine(roster, event.guardianId, childId),
      };
    case "child:released":
      return { kind: "released", detail: "" };
    case "child:collected":
      return { kind: "collected", detail: event.via ?? "" };
    case "leave:recorded":
      return { kind: "leave", detail: `${event.reason} · ${event.requestedBy}` };
    case "alert:raised":
      return { kind: "alert", detail: event.kind };
    case "day:amended":
      return event.effect?.childId === childId ? { kind: "amended", detail: event.reason } : undefined;
    default:
      return { kind: "other", detail: "" };
  }
}

const HEADERS: Record<ReportLanguage, string[]> = {
  zh: ["日期", "时间", "事件", "详情"],
  en: ["Day", "Time", "Event", "Details"],
};
const KIND_LABELS: Record<ReportLanguage, Record<HistoryKind, string>> = {
  zh: {
    checked_in: "签到",
    pickup_requested: "家长到达",
    released: "放行",
    collected: "已接走",
    leave: "请假",
    alert: "告警",
    amended: "更正",
    other: "其他",
  },
  en: {
    checked_in: "Checked in",
    pickup_requested: "Adult arrived",
    released: "Released",
    collected: "Collected",
    leave: "Leave",
    alert: "Alert",
    amended: "Amendment",
    other: "Other",
  },
};

/** The history as CSV through the one CSV writer (formula guard, BOM for Excel). */
export function childHistoryCsv(history: ChildHistory, lang: ReportLanguage): string {
  return toCsv({
    name: history.child.name,
    header: HEADERS[lang],
    rows: history.entries.map((e) => [
      e.day,
      e.time,
      e.kind === "other" ? `${KIND_LABELS[lang].other} (${e.eventType})` : KIND_LABELS[lang][e.kind],
      e.detail,
    ]),
  });
}
