import type { AlertView, ChildDayView } from "../../../protocol/model";

/** Pure helpers over a screen's lists of children and alerts; no DOM, no socket, so tests call them. */

/** Replaces the child with the same id in place (keeps tile order) or appends a new one. */
export function upsertChild(children: readonly ChildDayView[], child: ChildDayView): ChildDayView[] {
  const index = children.findIndex((c) => c.childId === child.childId);
  if (index < 0) return [...children, child];
  const next = children.slice();
  next[index] = child;
  return next;
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

/** Newest first; a missing or unreadable time sorts as the oldest. */
export function compareIsoDesc(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  const va = Number.isNaN(ta) ? 0 : ta;
  const vb = Number.isNaN(tb) ? 0 : tb;
  return vb - va;
}
