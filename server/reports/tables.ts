import type { DailyChildRow, DailyRecord, MonthlySummary } from "../../protocol";
import { alertAckCell, alertReasonsCell } from "./alert-reasons";
import { LABELS, type Labels, type ReportLanguage } from "./labels";

/**
 * Reports as plain tables, the one shape both exports write: CSV takes the first sheet, Excel
 * all of them. Numbers stay numbers so Excel can sum them.
 */
export type Cell = string | number;

export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

const opt = (value: string | number | undefined): Cell => value ?? "";

/** "17:02 moved to 接待室 (保安); 17:05 called 张丽 (妈妈): not reached — no answer (保安)" */
function lateSteps(row: DailyChildRow, words: Labels["lateSteps"]): string {
  const steps: string[] = [];
  if (row.reception)
    steps.push(`${row.reception.at} ${words.movedTo} ${row.reception.roomName} (${row.reception.byName})`);
  for (const c of row.contacts ?? []) {
    const who = c.relation ? `${c.calledName} (${c.relation})` : c.calledName;
    const note = c.note ? ` — ${c.note}` : "";
    steps.push(
      `${c.at} ${words.called} ${who}: ${c.reached ? words.reached : words.notReached}${note} (${c.byName})`,
    );
  }
  return steps.join("; ");
}

export function dailySheets(record: DailyRecord, lang: ReportLanguage, timezone: string): Sheet[] {
  const L = LABELS[lang];
  const rows: Cell[][] = [];
  for (const group of record.groups) {
    for (const c of group.children) {
      rows.push([
        record.day,
        group.groupName,
        group.roomName,
        c.childId,
        c.name,
        c.grade,
        c.className,
        L.attendance[c.attendance],
        opt(c.checkedIn),
        opt(c.leaveReason),
        opt(c.leaveRequestedBy),
        opt(c.absenceReason),
        opt(c.requested),
        opt(c.released),
        opt(c.collected),
        opt(c.adultName),
        opt(c.adultRelation),
        opt(c.careEnds),
        c.late ? L.yes : "",
        opt(c.lateMinutes),
        lateSteps(c, L.lateSteps),
        c.amended ? L.yes : "",
      ]);
    }
  }
  const alerts: Cell[][] = record.alerts.map((a) => [
    clock(a.at, timezone),
    L.alertKinds[a.kind] ?? a.kind,
    a.severity,
    a.deviceName,
    opt(a.cardId),
    opt(a.holderName),
    alertReasonsCell(a, lang, (iso) => clock(iso, timezone)),
    alertAckCell(a, (iso) => clock(iso, timezone)),
  ]);
  const register: Cell[][] = record.register.map((r) => [
    clock(r.at, timezone),
    r.childName,
    r.groupName,
    L.registerKinds[r.kind],
    opt(r.adultName),
    opt(r.adultRelation),
    r.gateName,
    opt(r.reason),
    opt(r.byName),
  ]);
  return [
    { name: L.sheets.record, header: L.daily, rows },
    { name: L.sheets.register, header: L.register, rows: register },
    { name: L.sheets.alerts, header: L.alerts, rows: alerts },
    { name: L.sheets.signOff, header: L.signOff, rows: signOffRows(record, lang, timezone) },
  ];
}

function signOffRows(record: DailyRecord, lang: ReportLanguage, timezone: string): Cell[][] {
  const S = LABELS[lang].signOffRows;
  const s = record.signOff;
  const rows: Cell[][] = s
    ? [
        [S.signedBy, s.byName],
        [S.signedAt, `${s.day} ${clock(s.at, timezone)}`],
        [S.note, s.note],
        ...(s.headHash ? [[S.headHash, s.headHash]] : []),
      ]
    : [[S.signedBy, S.notSigned]];
  for (const a of record.amendments) {
    const what =
      a.correction.kind === "note" ? a.correction.text : `${a.correction.kind} ${a.childName ?? ""}`;
    rows.push([S.amendment, `${clock(a.at, timezone)} ${a.byName}: ${what.trim()} (${a.reason})`]);
  }
  return rows;
}

export function monthlySheets(summary: MonthlySummary, lang: ReportLanguage): Sheet[] {
  const L = LABELS[lang];
  const children: Cell[][] = [];
  const groups: Cell[][] = [];
  for (const g of summary.groups) {
    for (const c of g.children) {
      children.push([
        summary.month,
        g.groupName,
        c.childId,
        c.name,
        c.grade,
        c.className,
        c.daysInCare,
        c.leaves,
        c.unexplained,
        c.latePickups,
        opt(c.averagePickup),
      ]);
    }
    const t = g.totals;
    groups.push([
      summary.month,
      g.groupName,
      g.roomName,
      t.daysInCare,
      t.leaves,
      t.unexplained,
      t.latePickups,
      opt(t.averagePickup),
    ]);
  }
  return [
    { name: L.sheets.children, header: L.monthly, rows: children },
    { name: L.sheets.groups, header: L.monthlyGroups, rows: groups },
  ];
}

/** "HH:MM" of an instant on the school's clock. */
function clock(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );
}
