import { type ChildDayView, presenceOf } from "../../../protocol/model";
import { compareIsoDesc } from "../shell/child-lists";

/** Pure helpers over the care room's children: the room bar's counts and the pickup banners. */

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

/** Children whose adult is at the gate, newest first: the room's announcement banners. */
export function pendingAnnouncements(children: readonly ChildDayView[]): ChildDayView[] {
  return children
    .filter((c) => c.status === "pickup_requested")
    .sort((a, b) => compareIsoDesc(a.requestedAt ?? "", b.requestedAt ?? ""));
}
