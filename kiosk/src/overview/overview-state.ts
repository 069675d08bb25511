import type { AlertView } from "../../../protocol/model";
import type {
  OverviewChild,
  OverviewFlag,
  OverviewSnapshot,
  OverviewUpdate,
} from "../../../protocol/overview";

/** The overview screen's state changes, pure so they are tested without a browser. */

/** Folds a pushed update into the snapshot: the groups it names, the totals, the children's lines. */
export function applyOverviewUpdate(snapshot: OverviewSnapshot, update: OverviewUpdate): OverviewSnapshot {
  const groups = snapshot.groups.map((g) => update.groups.find((u) => u.groupId === g.groupId) ?? g);
  const changed = new Map(update.children.map((c) => [c.childId, c]));
  const children = snapshot.children.filter((c) => !changed.has(c.childId));
  for (const line of changed.values()) if (line.flags.length > 0) children.push(line);
  const next: OverviewSnapshot = {
    ...snapshot,
    groups,
    totals: update.totals,
    children,
    afterSignOff: update.afterSignOff,
  };
  if (update.signOff) next.signOff = update.signOff;
  if (update.amendment && !snapshot.amendments.some((a) => a.id === update.amendment?.id)) {
    next.amendments = [...snapshot.amendments, update.amendment];
  }
  return next;
}

export function addOverviewAlert(snapshot: OverviewSnapshot, alert: AlertView): OverviewSnapshot {
  if (snapshot.alerts.some((a) => a.id === alert.id)) return snapshot;
  return { ...snapshot, alerts: [alert, ...snapshot.alerts] };
}

/** The children of one list, the longest-waiting first. */
export function flagged(snapshot: OverviewSnapshot, flag: OverviewFlag): OverviewChild[] {
  return snapshot.children
    .filter((c) => c.flags.includes(flag))
    .sort((a, b) => (a.since ?? "").localeCompare(b.since ?? "") || a.name.localeCompare(b.name, "zh"));
}
