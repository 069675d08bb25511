import { type AlertView, type ChildDayView, type ChildStatus, presenceOf } from "../../protocol/model";

/** Pure helpers over the screen's lists; no DOM, no socket, so tests can call them directly. */

/** Replaces the child with the same id in place (keeps tile order) or appends a new one. */
export function upsertChild(children: readonly ChildDayView[], child: ChildDayView): ChildDayView[] {
  const index = children.findIndex((c) => c.childId === child.childId);
  if (index < 0) return [...children, child];
  const next = children.slice();
  next[index] = child;
  return next;
}

export interface RoomCounts {
  /** In the room now: checked in, or waiting for the teacher to release them. */
  present: number;
  expected: number;
  onLeave: number;
  /** Released to the gate or collected. */
  gone: number;
  total: number;
}

export function roomCounts(children: readonly ChildDayView[]): RoomCounts {
  const counts: RoomCounts = { present: 0, expected: 0, onLeave: 0, gone: 0, total: children.length };
  for (const child of children) {
    const presence = presenceOf(child.status);
    if (presence === "present") counts.present += 1;
    else if (presence === "expected") counts.expected += 1;
    else if (presence === "on_leave") counts.onLeave += 1;
    else counts.gone += 1;
  }
  return counts;
}

const GATE_STATUSES: ReadonlySet<ChildStatus> = new Set(["pickup_requested", "released", "collected"]);

function gateTime(child: ChildDayView): string {
  return child.requestedAt ?? child.releasedAt ?? child.collectedAt ?? "";
}

/** The guard's queue: children the gate cares about today, newest request first. */
export function gateQueue(children: readonly ChildDayView[]): ChildDayView[] {
  return children
    .filter((c) => GATE_STATUSES.has(c.status))
    .sort((a, b) => compareIsoDesc(gateTime(a), gateTime(b)) || a.name.localeCompare(b.name));
}

export interface GateCounts {
  waiting: number;
  released: number;
  collected: number;
}

export function gateCounts(children: readonly ChildDayView[]): GateCounts {
  const counts: GateCounts = { waiting: 0, released: 0, collected: 0 };
  for (const child of children) {
    if (child.status === "pickup_requested") counts.waiting += 1;
    else if (child.status === "released") counts.released += 1;
    else if (child.status === "collected") counts.collected += 1;
  }
  return counts;
}

/** Children whose adult is at the gate, newest first: the room's announcement banners. */
export function pendingAnnouncements(children: readonly ChildDayView[]): ChildDayView[] {
  return children
    .filter((c) => c.status === "pickup_requested")
    .sort((a, b) => compareIsoDesc(a.requestedAt ?? "", b.requestedAt ?? ""));
}

export const MAX_ALERTS = 100;

/** Adds an alert (ignoring a repeat of the same id), newest first, keeping at most MAX_ALERTS. */
export function addAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  if (alerts.some((a) => a.id === alert.id)) return alerts.slice();
  return sortAlerts([alert, ...alerts]);
}

export function sortAlerts(alerts: readonly AlertView[]): AlertView[] {
  return alerts
    .slice()
    .sort((a, b) => compareIsoDesc(a.at, b.at))
    .slice(0, MAX_ALERTS);
}

function compareIsoDesc(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  const va = Number.isNaN(ta) ? 0 : ta;
  const vb = Number.isNaN(tb) ? 0 : tb;
  return vb - va;
}
