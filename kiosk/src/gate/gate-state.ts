import type { EarlyAskView } from "../../../protocol/gate";
import { type ChildDayView, isAtGateStage } from "../../../protocol/model";
import { compareIsoDesc } from "../shell/child-lists";

/** Pure helpers over the guard's children: the queue and its counts. */

function gateTime(child: ChildDayView): string {
  return child.requestedAt ?? child.releasedAt ?? child.collectedAt ?? "";
}

/** The guard's queue: children the gate cares about today, newest request first. */
export function gateQueue(children: readonly ChildDayView[]): ChildDayView[] {
  return children
    .filter((c) => isAtGateStage(c.status))
    .sort((a, b) => compareIsoDesc(gateTime(a), gateTime(b)) || a.name.localeCompare(b.name));
}

export interface GateCounts {
  waiting: number;
  /** Early pickups held for the guard to register (not yet asked for in the room). */
  early: number;
  released: number;
  collected: number;
}

export function gateCounts(
  children: readonly ChildDayView[],
  early: readonly Pick<EarlyAskView, "status">[] = [],
): GateCounts {
  const counts: GateCounts = { waiting: 0, early: 0, released: 0, collected: 0 };
  counts.early = early.filter((e) => e.status === "pending").length;
  for (const child of children) {
    if (child.status === "pickup_requested") counts.waiting += 1;
    else if (child.status === "released") counts.released += 1;
    else if (child.status === "collected") counts.collected += 1;
  }
  return counts;
}
