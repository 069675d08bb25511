import {
  type AmendmentView,
  COUNT_KEYS,
  type GroupCounts,
  type OverviewChild,
  type OverviewSnapshot,
  type OverviewUpdate,
  type SignOffView,
} from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { DayAmended, DaySignedOff } from "../events";
import type { RosterIndex } from "../roster-index";
import { careDayInfo } from "../schedule";
import { alertViews } from "../views";
import { childFlags, type FlagContext, flagContext } from "./child-flags";

/** The duty leader's projections of the day. Pure: roster, state and the time in; plain objects out. */

export function emptyCounts(groupId: string, groupName: string, roomName: string): GroupCounts {
  return {
    groupId,
    groupName,
    roomName,
    expected: 0,
    checkedIn: 0,
    present: 0,
    onLeave: 0,
    requested: 0,
    released: 0,
    collected: 0,
    unexplained: 0,
    late: 0,
  };
}

/** Adds one child's day to a group's counts. */
function count(counts: GroupCounts, status: string, flags: readonly string[]): void {
  counts.expected += 1;
  if (status === "on_leave") counts.onLeave += 1;
  if (status === "pickup_requested") counts.requested += 1;
  if (status === "released") counts.released += 1;
  if (status === "collected") counts.collected += 1;
  if (status === "checked_in" || status === "pickup_requested" || status === "released") counts.present += 1;
  if (status !== "expected" && status !== "on_leave") counts.checkedIn += 1;
  if (flags.includes("unexplained")) counts.unexplained += 1;
  if (flags.includes("late")) counts.late += 1;
}

export function groupCounts(
  roster: RosterIndex,
  state: DayState,
  groupId: string,
  context: FlagContext,
): GroupCounts | undefined {
  const group = roster.groups.get(groupId);
  if (!group) return undefined;
  const counts = emptyCounts(group.id, group.name, roster.rooms.get(group.roomId)?.name ?? "");
  for (const child of roster.childrenByGroup.get(groupId) ?? []) {
    const status = childDay(state, child.id).status;
    count(counts, status, childFlags(roster, state, context, child.id).flags);
  }
  return counts;
}

export function allGroupCounts(
  roster: RosterIndex,
  state: DayState,
  now: Date,
  context: FlagContext = flagContext(roster, state, now),
): GroupCounts[] {
  return [...roster.groups.keys()]
    .map((id) => groupCounts(roster, state, id, context))
    .filter((c): c is GroupCounts => c !== undefined);
}

/** The whole school's counts: the sum of every group's. */
export function totalCounts(groups: readonly GroupCounts[]): GroupCounts {
  const total = emptyCounts("", "", "");
  for (const g of groups) {
    for (const key of COUNT_KEYS) total[key] += g[key];
  }
  return total;
}

/** One child's overview line (with no flags when nothing needs attention). */
export function overviewChild(
  roster: RosterIndex,
  state: DayState,
  childId: string,
  context: FlagContext,
): OverviewChild | undefined {
  const child = roster.children.get(childId);
  if (!child) return undefined;
  const group = roster.groups.get(child.groupId);
  const day = childDay(state, childId);
  const { flags, since } = childFlags(roster, state, context, childId);
  const line: OverviewChild = {
    childId,
    name: child.name,
    grade: child.grade,
    className: child.className,
    groupId: child.groupId,
    groupName: group?.name ?? child.groupId,
    roomName: (group && roster.rooms.get(group.roomId)?.name) ?? "",
    status: day.status,
    flags,
  };
  if (since !== undefined) line.since = since;
  return line;
}

export function signOffView(event: DaySignedOff): SignOffView {
  return {
    day: event.day,
    at: event.at,
    byUserId: event.byUserId,
    byName: event.byName,
    note: event.note,
    totals: event.totals,
    groups: event.groups,
    ...(event.headHash ? { headHash: event.headHash } : {}),
  };
}

export function amendmentView(roster: RosterIndex, event: DayAmended): AmendmentView {
  const view: AmendmentView = {
    id: event.id,
    day: event.day,
    at: event.at,
    byUserId: event.byUserId,
    byName: event.byName,
    reason: event.reason,
    correction: event.correction,
  };
  const childId = event.correction.childId;
  if (childId !== undefined) view.childName = roster.children.get(childId)?.name ?? childId;
  return view;
}

export function overviewSnapshot(roster: RosterIndex, state: DayState, now: Date): OverviewSnapshot {
  const context = flagContext(roster, state, now);
  const groups = allGroupCounts(roster, state, now, context);
  // The children in care today (roster.children also holds those not enrolled on this day).
  const children = [...roster.childrenByGroup.values()]
    .flatMap((list) => list.map((c) => overviewChild(roster, state, c.id, context)))
    .filter((c): c is OverviewChild => c !== undefined && c.flags.length > 0);
  const snapshot: OverviewSnapshot = {
    day: state.day,
    careDay: careDayInfo(roster.schedule, state.day).careDay,
    totals: totalCounts(groups),
    groups,
    children,
    alerts: alertViews(roster, state).reverse(),
    amendments: state.amendments.map((a) => amendmentView(roster, a)),
    afterSignOff: state.afterSignOff,
  };
  if (state.signOff) snapshot.signOff = signOffView(state.signOff);
  return snapshot;
}

/** What overview screens need after some children changed: their lines and their groups' counts. */
export function overviewUpdate(
  roster: RosterIndex,
  state: DayState,
  childIds: Iterable<string>,
  now: Date,
): OverviewUpdate {
  const context = flagContext(roster, state, now);
  const children: OverviewChild[] = [];
  const groupIds = new Set<string>();
  for (const id of childIds) {
    const line = overviewChild(roster, state, id, context);
    if (!line) continue;
    children.push(line);
    groupIds.add(line.groupId);
  }
  const groups = [...groupIds]
    .map((id) => groupCounts(roster, state, id, context))
    .filter((c): c is GroupCounts => c !== undefined);
  // The totals need every group; still a few numbers per group, never the roster.
  const update: OverviewUpdate = {
    totals: totalCounts(allGroupCounts(roster, state, now, context)),
    groups,
    children,
    afterSignOff: state.afterSignOff,
  };
  if (state.signOff) update.signOff = signOffView(state.signOff);
  return update;
}
