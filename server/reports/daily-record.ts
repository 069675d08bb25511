import type { DailyChildRow, DailyGroupRecord, DailyRecord, HandoverRow } from "../../protocol";
import { childDay, type DayState, replay } from "../domain/day-state";
import type { DayEvent } from "../domain/events";
import { gateRegister } from "../domain/gate/gate-views";
import { careEndOf, type FlagContext, flagContext, IN_SCHOOL } from "../domain/overview/child-flags";
import { amendmentView, groupCounts, signOffView, totalCounts } from "../domain/overview/overview-views";
import { type RosterIndex, relationOf } from "../domain/roster-index";
import { careDayInfo } from "../domain/schedule";
import { alertViews, DELEGATE_RELATION } from "../domain/views";
import { dayEnd, minutesBetween, wallClock } from "./clock";

/**
 * The day's care record per group (rule 12): attendance, leave, handovers, pickups with time and
 * adult, late pickups, alerts, the sign-off and its amendments. Pure: the roster of that day, the
 * day's journal and the time in. A record of today is a snapshot at `now`; a past day is read as
 * it stood at its end.
 */
export interface DailyInput {
  roster: RosterIndex;
  day: string;
  events: readonly DayEvent[];
  now: Date;
  /** Only this group (the group must exist); all groups without. */
  groupId?: string;
}

export function buildDailyRecord(input: DailyInput): DailyRecord {
  const { roster, day, events } = input;
  const at = new Date(Math.min(input.now.getTime(), dayEnd(day, roster.settings.timezone).getTime()));
  const state = replay(day, events);
  const context = flagContext(roster, state, at);
  const details = eventDetails(events, day);
  const groupIds = [...roster.groups.keys()].filter(
    (id) => input.groupId === undefined || id === input.groupId,
  );
  const groups = groupIds.map((id) => groupRecord(roster, state, context, details, events, id));
  const record: DailyRecord = {
    day,
    schoolName: roster.settings.schoolName,
    careDay: careDayInfo(roster.schedule, day).careDay,
    recorded: events.some((e) => e.day === day),
    generatedAt: input.now.toISOString(),
    totals: totalCounts(groups.map((g) => g.counts)),
    groups,
    register: gateRegister(roster, state).filter(
      (r) => input.groupId === undefined || roster.children.get(r.childId)?.groupId === input.groupId,
    ),
    alerts: alertViews(roster, state),
    amendments: state.amendments.map((a) => amendmentView(roster, a)),
    afterSignOff: state.afterSignOff,
  };
  if (state.signOff) record.signOff = signOffView(state.signOff);
  return record;
}

/** What the state does not keep: who asked for a leave, the adult an amendment named, amended children. */
interface EventDetails {
  leaveAskedBy: Map<string, string>;
  amendedAdult: Map<string, { name: string; relation?: string }>;
  amended: Set<string>;
}

function eventDetails(events: readonly DayEvent[], day: string): EventDetails {
  const details: EventDetails = { leaveAskedBy: new Map(), amendedAdult: new Map(), amended: new Set() };
  for (const e of events) {
    if (e.day !== day) continue;
    if (e.type === "leave:recorded") details.leaveAskedBy.set(e.childId, e.requestedBy);
    if (e.type !== "day:amended") continue;
    const c = e.correction;
    if (c.childId !== undefined) details.amended.add(c.childId);
    if (c.kind === "mark_collected") {
      details.amendedAdult.set(c.childId, {
        name: c.adultName,
        ...(c.relation ? { relation: c.relation } : {}),
      });
    }
    if (c.kind === "record_leave") details.leaveAskedBy.set(c.childId, c.requestedBy);
  }
  return details;
}

function groupRecord(
  roster: RosterIndex,
  state: DayState,
  context: FlagContext,
  details: EventDetails,
  events: readonly DayEvent[],
  groupId: string,
): DailyGroupRecord {
  const group = roster.groups.get(groupId);
  const counts = groupCounts(roster, state, groupId, context);
  const children = (roster.childrenByGroup.get(groupId) ?? []).map((c) =>
    childRow(roster, state, context, details, c.id),
  );
  // In a record, "late" counts late pickups: collected after care end, or still in school then.
  const late = children.filter((c) => c.late).length;
  return {
    groupId,
    groupName: group?.name ?? groupId,
    roomName: (group && roster.rooms.get(group.roomId)?.name) ?? "",
    // groupCounts is defined for every group of the roster, which is where the ids come from.
    counts: { ...(counts ?? totalCounts([])), late },
    children,
    handovers: handovers(events, groupId, roster.settings.timezone),
  };
}

function childRow(
  roster: RosterIndex,
  state: DayState,
  context: FlagContext,
  details: EventDetails,
  childId: string,
): DailyChildRow {
  const tz = roster.settings.timezone;
  const child = roster.children.get(childId);
  const day = childDay(state, childId);
  const row: DailyChildRow = {
    childId,
    name: child?.name ?? childId,
    grade: child?.grade ?? 0,
    className: child?.className ?? "",
    status: day.status,
    attendance: attendanceOf(roster, state, context, childId),
    late: false,
    amended: details.amended.has(childId),
  };
  if (day.checkedInAt) row.checkedIn = wallClock(day.checkedInAt, tz);
  if (day.leaveReason) row.leaveReason = day.leaveReason;
  const askedBy = details.leaveAskedBy.get(childId);
  if (askedBy && day.status === "on_leave") row.leaveRequestedBy = askedBy;
  const resolved = state.room?.resolvedAbsences.get(childId);
  if (resolved && day.status === "expected") row.absenceReason = resolved.reason;
  if (day.requestedAt) row.requested = wallClock(day.requestedAt, tz);
  if (day.releasedAt) row.released = wallClock(day.releasedAt, tz);
  if (day.collectedAt) row.collected = wallClock(day.collectedAt, tz);
  Object.assign(row, adultOf(roster, day, details, childId));
  const reception = state.gate.reception.get(childId);
  if (reception) row.reception = { ...reception, at: wallClock(reception.at, tz) };
  const contacts = state.gate.contacts.get(childId);
  if (contacts && contacts.length > 0) {
    row.contacts = contacts.map((c) => ({
      at: wallClock(c.at, tz),
      calledName: c.calledName,
      ...(c.relation ? { relation: c.relation } : {}),
      reached: c.reached,
      note: c.note,
      byName: c.byName,
    }));
  }
  const end = child ? careEndOf(roster, state.day, child.grade) : undefined;
  if (end) {
    row.careEnds = end.careEnds;
    const lateBy = lateMinutes(day, end.careEndsAt, context.now);
    if (lateBy !== undefined) {
      row.late = true;
      row.lateMinutes = lateBy;
    }
  }
  return row;
}

function attendanceOf(
  roster: RosterIndex,
  state: DayState,
  context: FlagContext,
  childId: string,
): DailyChildRow["attendance"] {
  const status = childDay(state, childId).status;
  if (status === "on_leave") return "on_leave";
  if (status !== "expected") return "present";
  if (context.unexplained.has(childId)) return "unexplained";
  if (state.room?.resolvedAbsences.has(childId)) return "absent";
  return careDayInfo(roster.schedule, state.day).careDay ? "not_arrived" : "no_care";
}

/** The adult who collected (or asked for) the child: an amendment's adult, a delegate, or a guardian. */
function adultOf(
  roster: RosterIndex,
  day: ReturnType<typeof childDay>,
  details: EventDetails,
  childId: string,
): Pick<DailyChildRow, "adultName" | "adultRelation"> {
  const amended = details.amendedAdult.get(childId);
  if (amended)
    return { adultName: amended.name, ...(amended.relation ? { adultRelation: amended.relation } : {}) };
  if (day.requestPassId) {
    return {
      adultName: day.requestDelegateName ?? "",
      adultRelation: day.requestDelegateRelation ?? DELEGATE_RELATION,
    };
  }
  const guardianId = day.requestedByGuardianId;
  if (!guardianId) return {};
  return {
    adultName: roster.guardians.get(guardianId)?.name ?? guardianId,
    adultRelation: relationOf(roster, guardianId, childId) ?? "",
  };
}

/** Minutes after care end: collected late, or still in school at the record's time. */
function lateMinutes(day: ReturnType<typeof childDay>, careEndsAt: string, now: Date): number | undefined {
  const end = Date.parse(careEndsAt);
  if (day.status === "collected" && day.collectedAt) {
    const collected = Date.parse(day.collectedAt);
    return collected > end ? minutesBetween(end, collected) : undefined;
  }
  if (IN_SCHOOL.has(day.status) && now.getTime() >= end) return minutesBetween(end, now.getTime());
  return undefined;
}

function handovers(events: readonly DayEvent[], groupId: string, timezone: string): HandoverRow[] {
  const rows: HandoverRow[] = [];
  for (const e of events) {
    if (e.type !== "group:handedOver" || e.groupId !== groupId) continue;
    rows.push({
      at: e.at,
      time: wallClock(e.at, timezone),
      from: e.from.name,
      to: e.to.name,
      volunteer: e.to.kind === "volunteer",
      headCount: e.counted,
      mismatch: e.mismatch,
    });
  }
  return rows;
}
